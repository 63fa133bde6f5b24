"""Draining the outbox to the EHR: in order, one request in flight per row, exactly once.

How each kind of row goes out (see ``fhir.md``):

* **create** (clinical events, new meal selections, audit events): the row carries a
  client-chosen id and the same UUID as its upload key, a ``meta.tag``. ``PUT {type}/{id}`` when
  the server allows create-as-update for the type (a repeat is harmless), otherwise ``POST``
  without the id and with ``If-None-Exist: _tag=system|code``. A server that gives the resource
  an id of its own: the store moves the local copy, and every later row of it, to that id.
* **update** of a mutable resource: ``PUT`` with ``If-Match: W/"base version"``. A 412 is a
  conflict, handled by the type's rule (:mod:`bedside.sync.conflicts`).
* **delete**: ``DELETE`` with ``If-Match``; "already gone" counts as done.

Exactly once: a row is marked ``in_flight`` in the cache *before* its request leaves. A row found
``in_flight`` — the answer was lost to a timeout or a reset, or the app was killed — is first
read back from the server; only when the server does not have the change is it sent again.

A row the server refuses for good (400, 403, 405, 422) is parked as *rejected* with the server's
message, and the rows behind it go on. Rows of a resource whose earlier row is in conflict or
rejected wait, so a resource's changes never overtake each other. No connection, a timeout or a
failing server stop the drain; the rows stay in order for the next attempt.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal

from bedside.models.codes import CHANGE_KEY_SYSTEM, is_upload_key_system
from bedside.store import OutboxEntry, Store
from bedside.sync.abilities import ServerAbilities
from bedside.sync.client import FhirClient, json_object
from bedside.sync.conflicts import describe, rule_for, same_content, three_way_merge
from bedside.sync.errors import ConflictError, ProtocolError, RejectedError

log = logging.getLogger(__name__)

PREFER_REPRESENTATION = {"Prefer": "return=representation"}

Outcome = Literal["done", "merged", "conflict", "rejected"]

MERGE_ROUNDS = 3  # a resource that keeps moving under us is left for the next sync


@dataclass
class UploadReport:
    """What one drain of the outbox did."""

    done: int = 0
    merged: int = 0  # merged with the EHR's version by rule (counted again when settled)
    conflict: int = 0
    rejected: int = 0
    read_back: int = 0  # rows whose earlier answer was lost and that were read back first
    held: set[int] = field(default_factory=set)  # rows waiting behind an unsettled row
    outcomes: dict[int, Outcome] = field(default_factory=dict)
    resource_types: set[str] = field(default_factory=set)  # of the rows settled or parked

    @property
    def waiting(self) -> int:
        """Rows held behind an unsettled row of the same resource (once, however many drains)."""
        return len(self.held - self.outcomes.keys())

    @property
    def total(self) -> int:
        return self.done + self.conflict + self.rejected


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _instant(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _version(resource: Mapping[str, Any] | None) -> str | None:
    meta = resource.get("meta") if resource is not None else None
    version = meta.get("versionId") if isinstance(meta, dict) else None
    return version if isinstance(version, str) else None


def upload_key(resource: Mapping[str, Any]) -> tuple[str, str] | None:
    """The search that finds this row's resource on the EHR: ``("_tag", "system|code")``.

    Every resource a tablet writes carries its exactly-once key as a ``meta.tag``
    (:func:`bedside.models.codes.upload_key_system`). Rows queued by an older Bedside carry it
    only as an ``identifier``; those are found by that.
    """
    meta = resource.get("meta")
    tags = meta.get("tag") if isinstance(meta, Mapping) else None
    for tag in tags if isinstance(tags, list) else []:
        if isinstance(tag, Mapping):
            system, code = tag.get("system"), tag.get("code")
            if isinstance(system, str) and isinstance(code, str) and is_upload_key_system(system):
                return "_tag", f"{system}|{code}"
    identifiers = resource.get("identifier")
    for identifier in identifiers if isinstance(identifiers, list) else []:
        if isinstance(identifier, Mapping):
            system, value = identifier.get("system"), identifier.get("value")
            if isinstance(system, str) and isinstance(value, str) and is_upload_key_system(system):
                return "identifier", f"{system}|{value}"
    return None


def _as_new(payload: Mapping[str, Any]) -> dict[str, Any]:
    """The body of a ``POST``: no id and no server metadata — those are the EHR's to give."""
    body = {key: value for key, value in payload.items() if key != "id"}
    meta = payload.get("meta")
    if isinstance(meta, Mapping):
        kept = {k: meta[k] for k in ("tag", "security", "profile", "source") if meta.get(k)}
        if kept:
            body["meta"] = kept
        else:
            body.pop("meta", None)
    return body


def _keyed_create(entry: OutboxEntry) -> tuple[tuple[str, str], dict[str, Any]]:
    """The search that finds ``entry``'s create on the EHR, and the ``POST`` body carrying it.

    A new record (an event) is keyed by its upload key. A record sent again by a nurse's
    choice after the EHR had deleted it (a change, turned into a create) is keyed by its outbox
    change id, the same at every attempt — never by the key it was first created with, which
    would find the first record, not this one.
    """
    payload = entry.payload or {}
    body = _as_new(payload)
    key = upload_key(payload) if entry.kind == "event" else None
    if key is not None:
        return key, body
    meta = dict(body.get("meta") or {})
    tags = [
        tag
        for tag in meta.get("tag") or []
        if not (isinstance(tag, Mapping) and is_upload_key_system(str(tag.get("system"))))
    ]
    meta["tag"] = [*tags, {"system": CHANGE_KEY_SYSTEM, "code": entry.change_id}]
    return ("_tag", f"{CHANGE_KEY_SYSTEM}|{entry.change_id}"), {**body, "meta": meta}


class Uploader:
    """Uploads outbox rows for one store and one EHR."""

    def __init__(
        self,
        client: FhirClient,
        store: Store,
        abilities: ServerAbilities,
        *,
        clock: Callable[[], datetime] = _utc_now,
    ) -> None:
        self._client = client
        self._store = store
        self._abilities = abilities
        self._clock = clock

    async def drain(self, report: UploadReport | None = None) -> UploadReport:
        """Send every pending row, oldest first (see the module docstring for the rules).

        Counts go into ``report`` (a new one when None) as each row settles, so the caller
        still has them when the drain stops on an error.
        """
        report = UploadReport() if report is None else report
        held = {(c.resource_type, c.resource_id) for c in await self._store.open_conflicts()}
        held |= {
            (row.resource_type, row.resource_id) for row in await self._store.outbox(("rejected",))
        }
        for listed in await self._store.outbox(("pending", "in_flight")):
            # Read again: settling an earlier row may have moved this one to the id the EHR
            # gave its resource (see Store.complete_upload).
            entry = await self._store.outbox_entry(listed.seq)
            if entry.state not in ("pending", "in_flight"):
                continue
            key = (entry.resource_type, entry.resource_id)
            if key in held:
                report.held.add(entry.seq)
                continue
            try:
                outcome = await self.upload(entry, report)
                for _ in range(MERGE_ROUNDS):
                    if outcome != "merged":
                        break
                    report.merged += 1  # merged on the server's version: send it right away
                    outcome = await self.upload(await self._store.outbox_entry(entry.seq), report)
            except Exception as exc:
                # Not settled: keep the plain-words reason with the row, then stop the drain.
                await self._store.note_upload_failure(entry.seq, str(exc))
                raise
            report.outcomes[entry.seq] = outcome
            report.resource_types.add(entry.resource_type)
            if outcome in ("conflict", "rejected"):
                held.add(key)
            if outcome != "merged":
                setattr(report, outcome, getattr(report, outcome) + 1)
        return report

    async def upload(self, entry: OutboxEntry, report: UploadReport | None = None) -> Outcome:
        """Settle one row: read it back first if an earlier answer may have been lost."""
        if entry.state == "in_flight":
            if report is not None:
                report.read_back += 1
            settled = await self._read_back(entry)
            if settled is not None:
                return settled
        await self._store.mark_in_flight(entry.seq)
        try:
            if entry.operation == "create":
                return await self._create(entry)
            if entry.operation == "update":
                return await self._update(entry)
            return await self._delete(entry)
        except RejectedError as exc:
            if entry.operation != "create" and exc.status == 410:
                return await self._conflict(entry, None, rule="deleted")
            if entry.operation != "create" and exc.status == 404:
                # Not "deleted": the EHR may never have had it (a create it refused, a server
                # that forgets), and a nurse must not be told someone deleted it.
                return await self._conflict(entry, None, rule="not_found")
            return await self._reject(entry, exc)

    # Sending -------------------------------------------------------------------------------

    async def _create(self, entry: OutboxEntry) -> Outcome:
        payload = entry.payload or {}
        if entry.resource_type in self._abilities.update_create:
            response = await self._client.request(
                "PUT",
                f"{entry.resource_type}/{entry.resource_id}",
                body=payload,
                headers=PREFER_REPRESENTATION,
            )
        else:
            key, body = _keyed_create(entry)
            try:
                response = await self._client.request(
                    "POST",
                    entry.resource_type,
                    body=body,
                    headers={**PREFER_REPRESENTATION, "If-None-Exist": "=".join(key)},
                )
            except ConflictError:
                # 412 here: several resources on the EHR carry this key already.
                found = await self._find_by_key(entry.resource_type, key)
                return await self._conflict(entry, found, rule="duplicate")
            stored = await self._stored_answer(entry, response)
            if stored is None:
                # Neither a body nor a Location (a 200 may say no more): the id the EHR gave
                # it is learnt by its key, or later changes would go to an id it never had.
                stored = await self._find_by_key(entry.resource_type, key)
            return await self._complete(entry, stored)
        return await self._complete(entry, await self._stored_answer(entry, response))

    async def _update(self, entry: OutboxEntry) -> Outcome:
        headers = dict(PREFER_REPRESENTATION)
        if entry.base_version is not None:
            headers["If-Match"] = f'W/"{entry.base_version}"'  # unquoted values are ignored
        try:
            response = await self._client.request(
                "PUT",
                f"{entry.resource_type}/{entry.resource_id}",
                body=entry.payload or {},
                headers=headers,
            )
        except ConflictError:
            server = await self._client.read(entry.resource_type, entry.resource_id)
            # A version precondition on a record the EHR does not have: "not there", no more.
            return await self._conflict(entry, server, rule=None if server else "not_found")
        return await self._complete(entry, await self._stored_answer(entry, response))

    async def _delete(self, entry: OutboxEntry) -> Outcome:
        headers = {}
        if entry.base_version is not None:
            headers["If-Match"] = f'W/"{entry.base_version}"'
        try:
            await self._client.request(
                "DELETE", f"{entry.resource_type}/{entry.resource_id}", headers=headers
            )
        except RejectedError as exc:
            if exc.status not in (404, 410):
                raise
        except ConflictError:
            server = await self._client.read(entry.resource_type, entry.resource_id)
            return await self._conflict(entry, server)
        return await self._complete(entry, None)

    async def _stored_answer(self, entry: OutboxEntry, response: Any) -> dict[str, Any] | None:
        """What the server stored: the body when it sent one, else a read of ``Location``."""
        if response.content:
            try:
                body = json_object(response)
            except ProtocolError:
                body = None
            if body is not None and body.get("resourceType") == entry.resource_type:
                return body
        location = response.headers.get("Location") or response.headers.get("Content-Location")
        if isinstance(location, str) and f"{entry.resource_type}/" in location:
            resource_id = location.split(f"{entry.resource_type}/", 1)[1].split("/", 1)[0]
            return await self._client.read(entry.resource_type, resource_id)
        return None

    # Reading back after a lost answer -------------------------------------------------------

    async def _find_by_key(self, resource_type: str, key: tuple[str, str]) -> dict[str, Any] | None:
        async for page in self._client.search(resource_type, {key[0]: key[1]}):
            for resource in page.resources:
                if resource.get("resourceType") == resource_type:
                    return resource
        return None

    async def _read_back(self, entry: OutboxEntry) -> Outcome | None:
        """Settle a row whose earlier answer was lost, or None when it must be sent (again)."""
        payload = entry.payload or {}
        if entry.operation == "create":
            if entry.resource_type in self._abilities.update_create:
                found = await self._client.read(entry.resource_type, entry.resource_id)
            else:
                key, _ = _keyed_create(entry)
                found = await self._find_by_key(entry.resource_type, key)
            return None if found is None else await self._complete(entry, found)
        server = await self._client.read(entry.resource_type, entry.resource_id)
        if entry.operation == "delete":
            if server is None:
                return await self._complete(entry, None)
            if _version(server) == entry.base_version:
                return None
            return await self._conflict(entry, server)
        if server is None:
            return await self._conflict(entry, None, rule="not_found")
        if same_content(server, payload):
            return await self._complete(entry, server)
        if entry.base_version is None or _version(server) == entry.base_version:
            return None
        return await self._conflict(entry, server)

    # Settling --------------------------------------------------------------------------------

    async def _complete(self, entry: OutboxEntry, server: Mapping[str, Any] | None) -> Outcome:
        await self._store.complete_upload(entry.seq, server, settled_at=_instant(self._clock()))
        return "done"

    async def _reject(self, entry: OutboxEntry, exc: RejectedError) -> Outcome:
        message = str(exc) + (f" The EHR said: {exc.detail}" if exc.detail else "")
        # The server's diagnostics may quote the record; the log gets the status only.
        log.warning(
            "upload_rejected seq=%s resource=%s status=%s",
            entry.seq,
            entry.resource_type,
            exc.status,
        )
        await self._store.reject_upload(entry.seq, message)
        return "rejected"

    async def _conflict(
        self, entry: OutboxEntry, server: Mapping[str, Any] | None, *, rule: str | None = None
    ) -> Outcome:
        local = entry.payload or {}
        type_rule = rule_for(entry.resource_type)
        if server is not None and rule is None:
            if same_content(server, local):
                return await self._complete(entry, server)  # the EHR already says the same
            if type_rule == "merge" and entry.base_version is not None:
                base = await self._client.vread(
                    entry.resource_type, entry.resource_id, entry.base_version
                )
                merged = None if base is None else three_way_merge(base, local, server)
                if merged is not None:
                    merged["meta"] = {**(local.get("meta") or {}), "versionId": _version(server)}
                    await self._store.requeue_merged(entry.seq, merged, _version(server))
                    log.info(
                        "upload_merged seq=%s resource=%s",
                        entry.seq,
                        entry.resource_type,
                    )
                    return "merged"
        if rule == "duplicate":
            reason = (
                f"Several {entry.resource_type} records with this record's upload key already "
                "exist on the EHR; check them and keep one."
            )
        elif server is None and rule == "not_found":
            reason = (
                f"The EHR has no {entry.resource_type} with this record's id (it never arrived "
                "there, or was removed); choose whether to send it again or drop this change."
            )
        elif server is None:
            reason = (
                f"The {entry.resource_type} was deleted on the EHR after this tablet changed it; "
                "choose whether to create it again or drop this change."
            )
        else:
            reason = describe(type_rule, entry.resource_type)
        log.warning("upload_conflict seq=%s resource=%s", entry.seq, entry.resource_type)
        await self._store.record_conflict(
            entry.seq, server, rule=reason, detected_at=_instant(self._clock())
        )
        return "conflict"
