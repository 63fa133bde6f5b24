"""Use cases: pure rules plus store calls, returning plain data the UI can show.

Must not import Qt or httpx; talks to the EHR only through :mod:`bedside.sync`.
"""
