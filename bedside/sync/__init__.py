"""Talking to the hospital EHR over FHIR R4: auth, the REST client, download, upload, the engine.

Must not import Qt. Network I/O is async on the caller's loop; the store does its own threading.
"""

from bedside.sync.auth import ClientSecret, PrivateKeyJwt, TokenSource, new_device_key
from bedside.sync.client import FhirClient, SearchPage
from bedside.sync.download import DownloadReport, full_download
from bedside.sync.engine import SyncEngine, SyncPolicy, SyncReport
from bedside.sync.errors import (
    AuthError,
    CertificateError,
    ConflictError,
    OfflineError,
    PinRejectedError,
    ProtocolError,
    RejectedError,
    ServerError,
    SyncError,
    SyncTimeoutError,
    UnknownBadgeError,
)
from bedside.sync.retry import RetryPolicy
from bedside.sync.scope import Scope
from bedside.sync.staff import StaffDirectory
from bedside.sync.status import SyncStatus

__all__ = [
    "AuthError",
    "CertificateError",
    "ClientSecret",
    "ConflictError",
    "DownloadReport",
    "FhirClient",
    "OfflineError",
    "PinRejectedError",
    "PrivateKeyJwt",
    "ProtocolError",
    "RejectedError",
    "RetryPolicy",
    "Scope",
    "SearchPage",
    "ServerError",
    "StaffDirectory",
    "SyncEngine",
    "SyncError",
    "SyncPolicy",
    "SyncReport",
    "SyncStatus",
    "SyncTimeoutError",
    "TokenSource",
    "UnknownBadgeError",
    "full_download",
    "new_device_key",
]
