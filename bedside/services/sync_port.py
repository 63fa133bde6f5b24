"""The little the services need of the sync engine, as a Protocol the engine satisfies.

Owns the boundary between the use cases and :mod:`bedside.sync`: the services never import the
engine, the FHIR client or the sync layer's errors (an import-linter contract in pyproject.toml
keeps it so). They see the engine's status (:class:`~bedside.sync.status.SyncStatus`, a plain
value), can follow it, and can ask for a sync or a push soon. What changed in the cache is not
the engine's to say: that is the store's change feed (:mod:`bedside.store.changes`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from bedside.sync.status import SyncStatus

StatusListener = Callable[[SyncStatus], None]


class SyncPort(Protocol):
    """What the services use of :class:`bedside.sync.SyncEngine`."""

    @property
    def status(self) -> SyncStatus:
        """Online or not, how fresh the cache is, what is still to settle, what it is doing."""
        ...

    def add_status_listener(self, listener: StatusListener) -> Callable[[], None]:
        """Call ``listener`` on the loop whenever the status changes; returns the way out."""
        ...

    def sync_now(self) -> None:
        """Sync as soon as possible (the "Sync now" button)."""
        ...

    def local_write_done(self) -> None:
        """Something was written to the outbox here: push it soon."""
        ...
