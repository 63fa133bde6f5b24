"""The cache's change feed: after every commit, what changed — the one refresh path of Bedside.

Owns three small things (docs/architecture.md, "One refresh path, owned by the store"):

* :class:`Changes` — the value every listener gets: the resource types and the patients
  concerned, and whether delivery states or counts of the outbox changed.
* :class:`ChangeNote` — filled by a record function on the database thread, inside its
  transaction, with exactly the rows it wrote. A rolled-back transaction raises, so nothing it
  noted is ever announced.
* :class:`ChangeFeed` — the listeners of one :class:`~bedside.store.Store`. The store announces on
  the event loop thread once ``await worker.run(...)`` has returned, never from the database
  thread; a listener that raises is logged and the others still hear of the change.

Must not import Qt or the sync layer: the sync engine, the services and (through the services)
the screens all listen here, whatever wrote the data — a downloaded page, a local write and its
outbox row, an upload settled, a conflict or a rejection settled, a purge.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from bedside.store.index import index_columns

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Changes:
    """What one commit changed in the cache.

    ``outbox`` is True when a row waiting for the EHR appeared, or its delivery state changed
    (sent, refused, in conflict, retried, discarded): delivery words and counts are to be read
    again. ``patient_ids`` holds the patients of the rows written, as far as a row names one.
    """

    resource_types: frozenset[str] = frozenset()
    patient_ids: frozenset[str] = frozenset()
    outbox: bool = False

    def __bool__(self) -> bool:
        return bool(self.resource_types) or self.outbox


ChangesListener = Callable[[Changes], None]


class ChangeNote:
    """What a record function wrote, noted on the database thread inside its transaction."""

    def __init__(self) -> None:
        self._types: set[str] = set()
        self._patients: set[str] = set()
        self._outbox = False

    def row(self, resource_type: str, patient_id: str | None) -> None:
        """A resource row of ``resource_type`` (about ``patient_id``) was written or removed."""
        self._types.add(resource_type)
        if patient_id:
            self._patients.add(patient_id)

    def resource(self, resource: Mapping[str, Any]) -> None:
        kind = resource.get("resourceType")
        if isinstance(kind, str):
            self.row(kind, index_columns(resource).patient_id)

    def outbox(self) -> None:
        """A row of the outbox appeared or changed its delivery state."""
        self._outbox = True

    def changes(self) -> Changes:
        return Changes(frozenset(self._types), frozenset(self._patients), self._outbox)


class ChangeFeed:
    """The listeners of one store's commits; called on the event loop thread, in order."""

    def __init__(self) -> None:
        self._listeners: list[ChangesListener] = []

    def subscribe(self, listener: ChangesListener) -> Callable[[], None]:
        """Call ``listener`` after every commit that changed something; returns the way out."""
        self._listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

    def announce(self, changes: Changes) -> None:
        """Tell every listener (a commit that changed nothing is not announced)."""
        if not changes:
            return
        for listener in list(self._listeners):
            try:
                listener(changes)
            except Exception:
                log.exception("changes_listener_failed listener=%s", _name(listener))


def _name(listener: ChangesListener) -> str:
    return str(getattr(listener, "__qualname__", type(listener).__name__))
