"""Recording on this tablet: every clinical event and every change goes through here.

A clinical event (a vital sign, an administration, a meal selection, an acknowledgement, an audit
event) gets a client-generated UUID as its id and the same UUID as its upload key: a ``meta.tag``
in the site's namespace (:func:`bedside.models.codes.upload_key_system`), which every R4 type has
and every server searches, so an upload repeated after a lost answer can never create a twin on
the EHR, even on a server that gives the resource an id of its own. Types that have an
``identifier`` carry the key there too. The local copy and its outbox
row are written in one transaction by the store; events that belong together (a round of vital
signs) are written in one transaction too (:meth:`Recorder.record_events`). This module only
prepares the resources and tells the sync engine that something is waiting (through the
``written`` callback). Screens learn of the write from the store's change feed, like of any other.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC
from typing import Any

from bedside.models.codes import TYPES_WITHOUT_IDENTIFIER, upload_key_system
from bedside.services.clock import Clock, system_clock
from bedside.store import LocalChange, OutboxEntry, Store
from bedside.store.records import ChangeKind, Operation


def _instant(clock: Clock) -> str:
    return clock().astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


# The parts of ``meta`` a client states on a new resource; the rest belongs to the server.
_CLIENT_META = ("tag", "security", "profile")


def _declared_meta(meta: Any) -> dict[str, Any]:
    if not isinstance(meta, Mapping):
        return {}
    return {key: meta[key] for key in _CLIENT_META if meta.get(key)}


class Recorder:
    """Saves local changes of one site's cache and queues them for the EHR."""

    def __init__(
        self,
        store: Store,
        site_id: str,
        *,
        clock: Clock = system_clock,
        written: Callable[[], None] | None = None,
    ) -> None:
        self._store = store
        self._system = upload_key_system(site_id)
        self._clock = clock
        self._written = written

    async def record_event(self, resource: Mapping[str, Any]) -> OutboxEntry:
        """Save a new clinical event with its own id and identifier; return its outbox row."""
        return await self._save(self._new_event(resource), operation="create", kind="event")

    async def record_events(self, resources: Sequence[Mapping[str, Any]]) -> list[OutboxEntry]:
        """Save new clinical events that belong together, all or none, in one transaction.

        Each gets its own id and identifier and its own outbox row (in the given order); the
        store announces them once.
        """
        changes = [LocalChange(self._new_event(r), "create", "event") for r in resources]
        if not changes:
            return []
        entries = await self._store.record_local_changes(changes, created_at=_instant(self._clock))
        self._tell_written()
        return entries

    def _new_event(self, resource: Mapping[str, Any]) -> dict[str, Any]:
        event = dict(resource)
        event_id = str(uuid.uuid4())
        event["id"] = event_id
        if event.get("resourceType") not in TYPES_WITHOUT_IDENTIFIER:
            identifiers = [i for i in event.get("identifier") or [] if isinstance(i, dict)]
            event["identifier"] = [*identifiers, {"system": self._system, "value": event_id}]
        # Versions are the EHR's to give; what the resource declares about itself (its tags,
        # e.g. a patient's meal selection, security labels and profiles) is the app's to send.
        declared = _declared_meta(event.pop("meta", None))
        tags = [t for t in declared.get("tag") or [] if isinstance(t, dict)]
        declared["tag"] = [*tags, {"system": self._system, "code": event_id}]
        event["meta"] = declared
        return event

    async def record_update(self, resource: Mapping[str, Any]) -> OutboxEntry:
        """Save a change of a resource the EHR already has; it goes with ``If-Match``."""
        meta = resource.get("meta")
        version = meta.get("versionId") if isinstance(meta, dict) else None
        return await self._save(
            resource,
            operation="update",
            kind="mutable",
            base_version=version if isinstance(version, str) else None,
        )

    async def record_delete(self, resource: Mapping[str, Any]) -> OutboxEntry:
        meta = resource.get("meta")
        version = meta.get("versionId") if isinstance(meta, dict) else None
        return await self._save(
            resource,
            operation="delete",
            kind="mutable",
            base_version=version if isinstance(version, str) else None,
        )

    async def _save(
        self,
        resource: Mapping[str, Any],
        *,
        operation: Operation,
        kind: ChangeKind,
        base_version: str | None = None,
    ) -> OutboxEntry:
        entry = await self._store.record_local_change(
            resource,
            operation=operation,
            kind=kind,
            created_at=_instant(self._clock),
            base_version=base_version,
        )
        self._tell_written()
        return entry

    def _tell_written(self) -> None:
        if self._written is not None:
            self._written()
