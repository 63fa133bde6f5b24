"""Talking to the hospital EHR over FHIR R4: auth, the REST client, download (and, later, upload).

Must not import Qt. Network I/O is async on the caller's loop; the store does its own threading.
"""

from bedside.sync.auth import ClientSecret, PrivateKeyJwt, TokenSource, new_device_key
from bedside.sync.client import FhirClient, SearchPage
from bedside.sync.download import DownloadReport, full_download
from bedside.sync.errors import (
    AuthError,
    ConflictError,
    OfflineError,
    ProtocolError,
    RejectedError,
    ServerError,
    SyncError,
    SyncTimeoutError,
)
from bedside.sync.scope import Scope

__all__ = [
    "AuthError",
    "ClientSecret",
    "ConflictError",
    "DownloadReport",
    "FhirClient",
    "OfflineError",
    "PrivateKeyJwt",
    "ProtocolError",
    "RejectedError",
    "Scope",
    "SearchPage",
    "ServerError",
    "SyncError",
    "SyncTimeoutError",
    "TokenSource",
    "full_download",
    "new_device_key",
]
