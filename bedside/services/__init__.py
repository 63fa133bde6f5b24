"""Use cases: pure rules plus store calls, returning plain data the UI can show.

Must not import Qt or httpx; reaches the sync engine only through the small Protocol in
:mod:`bedside.services.sync_port` (and its status value, :mod:`bedside.sync.status`).
"""
