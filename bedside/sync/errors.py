"""The sync layer's exception tree: every failure talking to the EHR is one of these.

httpx errors, HTTP statuses and malformed answers are mapped here, at the boundary, so callers
see one sentence they can show (``str(error)``) and a type they can act on. Messages never carry
patient data; the server's diagnostics are kept in :attr:`SyncError.detail` for the log and the
"rejected" list.

::

    SyncError
    ├── OfflineError         no connection to the EHR (refused, DNS, network down)
    ├── SyncTimeoutError     the EHR did not answer in time (the request may have arrived)
    ├── AuthError            the EHR refused this device's credentials or token
    │   └── CertificateError   this device does not trust the EHR's TLS certificate
    ├── ConflictError        412/409: the server's version moved on
    ├── RejectedError        400/403/404/410/422: this request will never succeed as it is
    │   ├── PinRejectedError   sign-in: the EHR says the PIN is wrong (403, ``security``)
    │   └── UnknownBadgeError  sign-in: no active staff member has this badge (404)
    ├── ServerError          5xx or 429: try again later (``retry_after`` when the server said)
    └── ProtocolError        the answer is not what FHIR promises (bad JSON, wrong type, loop)
"""

from __future__ import annotations


class SyncError(Exception):
    """Base of every error raised by :mod:`bedside.sync`."""

    def __init__(self, message: str, *, status: int | None = None, detail: str = "") -> None:
        super().__init__(message)
        self.status = status
        self.detail = detail


class OfflineError(SyncError):
    """The EHR cannot be reached."""


class SyncTimeoutError(SyncError):
    """The EHR did not answer in time; a write may or may not have been applied."""


class AuthError(SyncError):
    """The EHR refused the device's credentials or token."""


class CertificateError(AuthError):
    """The EHR's TLS certificate failed verification (unknown CA, wrong host name, expired).

    An :class:`AuthError` — the EHR could not prove who it is, so nothing was sent — and, like
    one, retrying cannot help until IT fixes the trust (the OS store or ``ehr.ca_bundle``); never
    an :class:`OfflineError`, which the engine and the retry policy treat as "wait and try again".
    """


class ConflictError(SyncError):
    """The resource changed on the server since this device read it."""


class RejectedError(SyncError):
    """The EHR refused the request for good; retrying the same request cannot help."""


class PinRejectedError(RejectedError):
    """The EHR checked a staff member's PIN and it is wrong (``$verify-pin`` answered 403)."""


class UnknownBadgeError(RejectedError):
    """The EHR knows no active staff member with this badge (``$verify-pin`` answered 404)."""


class ServerError(SyncError):
    """The EHR failed or is overloaded; the same request may succeed later."""

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        detail: str = "",
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message, status=status, detail=detail)
        self.retry_after = retry_after


class ProtocolError(SyncError):
    """The EHR answered something FHIR does not allow (invalid JSON, a looping next link…)."""
