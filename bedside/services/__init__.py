"""Use cases: pure rules plus store calls, returning plain data the UI can show.

Must not import Qt or httpx; reaches the sync engine only through small Protocols — the one in
:mod:`bedside.services.sync_port`, and the first run's ``FirstPullPort`` in
:mod:`bedside.services.first_run` — and the plain values of :mod:`bedside.sync.status`.
"""
