"""What the sync engine tells the rest of the app about itself, as plain values.

Owns only value types (no I/O), so that the services can use them without reaching into the
engine (the services' import contract allows this module and no other of the sync layer, so it
must import nothing else of :mod:`bedside.sync`):

* :class:`SyncStatus` — the badge's status; the engine (:mod:`bedside.sync.engine`) makes a new
  one whenever something in it changes;
* :class:`DownloadProgress` — where a pull stands, for whoever follows it (the first run);
* :class:`PullOutcome` — how one attempt at the first full pull ended, its failure already
  sorted into a :data:`PullFailure` (the engine knows the errors; the services only the kinds).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

Activity = Literal["idle", "pushing", "pulling", "reconciling", "purging", "probing"]


@dataclass(frozen=True)
class SyncStatus:
    """What the sync badge shows."""

    online: bool | None = None  # None: not tried yet
    last_success: str | None = None  # the server's time of the last complete sync
    pending: int = 0  # waiting to upload (in flight included)
    conflicts: int = 0
    rejected: int = 0
    activity: Activity = "idle"
    problem: str | None = None  # plain words for the last failure, None when all is well

    @property
    def data_as_of(self) -> datetime | None:
        """:attr:`last_success` as a moment (None before the first complete sync)."""
        if not self.last_success:
            return None
        try:
            return datetime.fromisoformat(self.last_success.replace("Z", "+00:00"))
        except ValueError:
            return None

    @property
    def needs_attention(self) -> bool:
        return self.conflicts > 0 or self.rejected > 0


# Following a pull ----------------------------------------------------------------------------

Phase = Literal["connecting", "downloading", "saving", "done"]


@dataclass(frozen=True)
class DownloadProgress:
    """Where a pull stands, in what a person waiting for it needs to know.

    The download reports ``downloading`` after every stored page (and when the estimate becomes
    known) and ``saving`` once the last page is in; the engine, which runs the whole sync, adds
    ``connecting`` (signing in, uploading what waits) before and ``done`` after.

    ``expected`` is an *estimate* of everything the pull stores, or None while it is not known or
    when the EHR gives none: resources come and go on the EHR meanwhile and ones that do not parse
    are skipped, so ``stored`` may end a little above or below it.
    """

    phase: Phase
    stored: int = 0  # resources stored by this pull so far, every type together
    expected: int | None = None
    resource_type: str | None = None  # the type of the page just stored


Progress = Callable[[DownloadProgress], None]


# One attempt at the first pull ---------------------------------------------------------------

# Why an attempt failed, in the terms of the person at the tablet: the EHR cannot be reached
# (timeouts too), it refused this tablet's credentials, this tablet does not trust its
# certificate, it answered with an error, or this tablet could not store what came.
PullFailure = Literal["offline", "credentials", "certificate", "ehr", "storage"]


@dataclass(frozen=True)
class PullOutcome:
    """How one attempt at a full pull ended (:meth:`bedside.sync.SyncEngine.first_pull_attempt`).

    No error object crosses: only its kind, the name of its type for the log (never its message,
    which may carry the EHR's words) and the EHR's ``Retry-After``.
    """

    failure: PullFailure | None = None  # None: the pull landed
    stored: int = 0  # resources the pull stored (0 when it failed before the end)
    retry_after_s: float | None = None  # the EHR asked to wait this long before trying again
    cause: str | None = None  # the failure's error type, for the log

    @property
    def ok(self) -> bool:
        return self.failure is None
