"""What the sync engine tells the rest of the app about itself: one plain :class:`SyncStatus`.

Owns only the value type (no I/O), so that the services can hand it to the screens without
reaching into the engine (the services' import contract allows this module and no other of the
sync layer). The engine (:mod:`bedside.sync.engine`) makes a new one whenever something in it
changes.
"""

from __future__ import annotations

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
