"""What the sync badge shows and what its lists let a nurse do, without the UI touching sync/store.

Owns the screens' two subscriptions — the engine's :class:`SyncStatus` (through
:class:`~bedside.services.sync_port.SyncPort`) and the store's change feed (:class:`Changes`, the
one refresh path: every view reloads from it, whatever changed the data) — and the three review
lists behind the badge: changes waiting to upload, conflicts (two versions a nurse chooses
between) and rejected changes (the EHR's message; retry or discard). Both value types are
re-exported here, once, so that screens import them from the services. Each list item names the
patient it concerns so the nurse knows what she is looking at; nothing here logs patient data.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bedside.models import FhirModelError, Patient, parse_as
from bedside.models.fhir_json import dumps
from bedside.services.clock import Clock, system_clock
from bedside.services.people import display_name
from bedside.services.sync_port import SyncPort
from bedside.store import Changes, ConflictChoice, ConflictEntry, OutboxEntry, Store
from bedside.store.index import index_columns
from bedside.sync.status import SyncStatus

__all__ = [
    "Changes",
    "ConflictChoice",
    "Difference",
    "ReviewItem",
    "SyncReview",
    "SyncStatus",
    "differences",
]

log = logging.getLogger(__name__)

# Elements that differ between two versions of a resource for bookkeeping only.
_BOOKKEEPING = frozenset({"meta", "text", "id"})
_VALUE_TEXT_LIMIT = 120


@dataclass(frozen=True)
class Difference:
    """One element that is not the same on the tablet and on the EHR, as compact text."""

    element: str
    local: str | None
    server: str | None


@dataclass(frozen=True)
class ReviewItem:
    """One local change in a review list."""

    seq: int
    resource_type: str
    resource_id: str
    operation: str
    created_at: datetime | None
    patient_id: str | None
    patient_name: str | None
    state: str
    message: str | None  # the EHR's words for a rejection, the last error while pending
    differences: tuple[Difference, ...] = ()  # conflicts only
    server_deleted: bool = False  # conflicts only: the EHR deleted it meanwhile


def _instant(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def _compact(value: Any) -> str | None:
    if value is None:
        return None
    text = value if isinstance(value, str) else dumps(value)
    return text if len(text) <= _VALUE_TEXT_LIMIT else text[: _VALUE_TEXT_LIMIT - 1] + "…"


def differences(local: Mapping[str, Any], server: Mapping[str, Any] | None) -> list[Difference]:
    """Top-level elements whose values differ, bookkeeping (meta, narrative) left out."""
    if server is None:
        return []
    names = sorted((set(local) | set(server)) - _BOOKKEEPING)
    return [
        Difference(name, _compact(local.get(name)), _compact(server.get(name)))
        for name in names
        if local.get(name) != server.get(name)
    ]


class SyncReview:
    """The sync badge's data source, the screens' change feed, and the review lists' actions."""

    def __init__(self, sync: SyncPort, store: Store, *, clock: Clock = system_clock) -> None:
        self._sync = sync
        self._store = store
        self._clock = clock

    def state(self) -> SyncStatus:
        return self._sync.status

    def on_state(self, listener: Callable[[SyncStatus], None]) -> Callable[[], None]:
        """Call ``listener`` with every new sync status; returns the way out."""
        return self._sync.add_status_listener(listener)

    def on_changes(self, listener: Callable[[Changes], None]) -> Callable[[], None]:
        """Call ``listener`` on the loop after every commit to the cache that changed something
        (a downloaded page, a save on this tablet, an upload settled…); returns the way out."""
        return self._store.changes.subscribe(listener)

    def sync_now(self) -> None:
        self._sync.sync_now()

    def local_write_done(self) -> None:
        self._sync.local_write_done()

    async def pending(self) -> list[ReviewItem]:
        return await self._items(await self._store.outbox(("pending", "in_flight")))

    async def rejected(self) -> list[ReviewItem]:
        return await self._items(await self._store.outbox(("rejected",)))

    async def conflicts(self) -> list[ReviewItem]:
        entries = await self._store.open_conflicts()
        names = await self._patient_names([_patient_of(entry.local) for entry in entries])
        return [self._conflict_item(entry, names) for entry in entries]

    async def settle(self, seq: int, choice: ConflictChoice, *, by: str) -> None:
        """Settle a conflict with the nurse's choice; the engine pushes what is left."""
        await self._store.settle_conflict(seq, choice, by=by, at=self._now())
        self._sync.local_write_done()

    async def retry(self, seq: int) -> None:
        await self._store.retry_rejected(seq)
        self._sync.local_write_done()

    async def discard(self, seq: int, *, by: str) -> None:
        await self._store.discard_rejected(seq, by=by, at=self._now())
        self._sync.sync_now()  # a discarded update is read from the EHR again

    def _now(self) -> str:
        return self._clock().isoformat(timespec="milliseconds")

    async def _items(self, entries: list[OutboxEntry]) -> list[ReviewItem]:
        names = await self._patient_names(
            [_patient_of(entry.payload) if entry.payload else None for entry in entries]
        )
        items = []
        for entry in entries:
            patient = _patient_of(entry.payload) if entry.payload else None
            items.append(
                ReviewItem(
                    seq=entry.seq,
                    resource_type=entry.resource_type,
                    resource_id=entry.resource_id,
                    operation=entry.operation,
                    created_at=_instant(entry.created_at),
                    patient_id=patient,
                    patient_name=names.get(patient) if patient else None,
                    state=entry.state,
                    message=entry.last_error,
                )
            )
        return items

    def _conflict_item(self, entry: ConflictEntry, names: Mapping[str, str]) -> ReviewItem:
        patient = _patient_of(entry.local)
        return ReviewItem(
            seq=entry.seq,
            resource_type=entry.resource_type,
            resource_id=entry.resource_id,
            operation="update",
            created_at=_instant(entry.detected_at),
            patient_id=patient,
            patient_name=names.get(patient) if patient else None,
            state="conflict",
            message=None,
            differences=tuple(differences(entry.local, entry.server)),
            server_deleted=entry.server is None,
        )

    async def _patient_names(self, patient_ids: list[str | None]) -> dict[str, str]:
        wanted = sorted({pid for pid in patient_ids if pid})
        if not wanted:
            return {}
        names = {}
        for raw in await self._store.find("Patient", ids=wanted):
            try:
                patient = parse_as(Patient, raw)
            except FhirModelError as exc:
                log.warning("cached_resource_skipped problem=%r", exc.log_safe)
                continue
            if patient.id:
                names[patient.id] = display_name(patient)
        return names


def _patient_of(resource: Mapping[str, Any] | None) -> str | None:
    return index_columns(resource).patient_id if resource else None
