"""Reading and writing the cache's tables; plain functions that take an open connection.

Everything here is synchronous and runs on the store's worker thread only. The async face the
rest of the app uses is :class:`bedside.store.Store`. Rules this module keeps:

* Server resources are stored as the server sent them (the JSON value, not a re-modelled copy).
* A resource changed on this device (``local_state = 'pending'``) is never overwritten by a
  download until its outbox row is settled — the local change must not be silently lost.
* A resource deleted on this device stays as a tombstone (``local_state = 'deleted'``) that reads
  never return and downloads never revive, until the EHR has confirmed the delete.
* A local write and its outbox row are one transaction.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from bedside.models import fhir_json
from bedside.store.changes import ChangeNote
from bedside.store.connection import Connection, mapped_errors, transaction
from bedside.store.index import index_columns, sortable_time

Operation = Literal["create", "update", "delete"]
ChangeKind = Literal["event", "mutable"]
OutboxState = Literal["pending", "in_flight", "done", "rejected", "conflict"]


@dataclass(frozen=True)
class OutboxEntry:
    """One local change waiting for (or settled by) the EHR."""

    seq: int
    change_id: str
    resource_type: str
    resource_id: str
    operation: Operation
    kind: ChangeKind
    base_version: str | None
    payload: dict[str, Any] | None
    created_at: str
    state: OutboxState
    attempts: int
    last_error: str | None
    server_version: str | None = None
    settled_at: str | None = None
    resolution: str | None = None


def _dumps(resource: Mapping[str, Any]) -> str:
    return fhir_json.dumps(resource)


def _meta(resource: Mapping[str, Any]) -> tuple[str | None, str | None]:
    meta = resource.get("meta")
    if not isinstance(meta, Mapping):
        return None, None
    version = meta.get("versionId")
    updated = meta.get("lastUpdated")
    return (
        version if isinstance(version, str) else None,
        updated if isinstance(updated, str) else None,
    )


def _identity(resource: Mapping[str, Any]) -> tuple[str, str]:
    kind = resource.get("resourceType")
    rid = resource.get("id")
    if not isinstance(kind, str) or not isinstance(rid, str):
        raise ValueError("a stored resource needs a resourceType and an id")
    return kind, rid


def _row(resource: Mapping[str, Any], local_state: str) -> tuple[Any, ...]:
    kind, rid = _identity(resource)
    version, updated = _meta(resource)
    cols = index_columns(resource)
    return (
        kind,
        rid,
        version,
        updated,
        cols.patient_id,
        cols.encounter_id,
        cols.location_id,
        cols.status,
        cols.sort_date,
        _dumps(resource),
        local_state,
    )


# Positions in a row from _row(), the column order of the resource table's upserts.
_TYPE, _ID, _VERSION, _PATIENT, _JSON = 0, 1, 2, 4, 9


def _upsert_sql(local_state: str, only_over_synced: bool) -> str:
    # Downloads must not overwrite a row changed on this device and not yet uploaded.
    # A 'stale' row (a discarded local change) is waiting for exactly this: the server's copy.
    guard = "\nWHERE resource.local_state IN ('synced', 'stale')" if only_over_synced else ""
    # Only constant fragments are formatted in; values always go through placeholders.
    return f"""
INSERT INTO resource (type, id, version_id, last_updated, patient_id, encounter_id, location_id,
                      status, sort_date, json, local_state)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (type, id) DO UPDATE SET
    version_id = excluded.version_id, last_updated = excluded.last_updated,
    patient_id = excluded.patient_id, encounter_id = excluded.encounter_id,
    location_id = excluded.location_id, status = excluded.status,
    sort_date = excluded.sort_date, json = excluded.json, local_state = '{local_state}'{guard}
"""


_UPSERT_SERVER = _upsert_sql("synced", only_over_synced=True)
_UPSERT_PENDING = _upsert_sql("pending", only_over_synced=False)
_UPSERT_DELETED = _upsert_sql("deleted", only_over_synced=False)


def put_server_resources(
    conn: Connection, /, resources: Sequence[Mapping[str, Any]], *, note: ChangeNote
) -> list[Mapping[str, Any]]:
    """Store resources downloaded from the server, in one transaction; return those that changed.

    A resource the cache already holds in the same version (or, without versions, the same
    text) is not written again and not returned (nor noted), so views refresh only for real
    changes (every sync reads the ward's encounters in full). One changed on this device and not
    yet uploaded is kept, and not returned either.
    """
    rows = [_row(resource, "synced") for resource in resources]
    with transaction(conn, "saving downloaded data"):
        held = _held_versions(conn, [(row[_TYPE], row[_ID]) for row in rows])
        changed = [
            (resource, row)
            for resource, row in zip(resources, rows, strict=True)
            if _replaces(held.get((row[_TYPE], row[_ID])), version=row[_VERSION], text=row[_JSON])
        ]
        conn.executemany(_UPSERT_SERVER, [row for _, row in changed])
        for _, row in changed:
            note.row(row[_TYPE], row[_PATIENT])
    return [resource for resource, _ in changed]


# (local_state, version_id, json when there is no version) of a cached row.
_Held = tuple[str, str | None, str | None]
_LOOKUP_CHUNK = 500


def _held_versions(
    conn: Connection, keys: Sequence[tuple[str, str]]
) -> dict[tuple[str, str], _Held]:
    held: dict[tuple[str, str], _Held] = {}
    by_type: dict[str, list[str]] = {}
    for resource_type, resource_id in keys:
        by_type.setdefault(resource_type, []).append(resource_id)
    for resource_type, ids in by_type.items():
        for start in range(0, len(ids), _LOOKUP_CHUNK):
            chunk = ids[start : start + _LOOKUP_CHUNK]
            found = conn.execute(
                "SELECT id, local_state, version_id,"
                " CASE WHEN version_id IS NULL THEN json END FROM resource"
                f" WHERE type = ? AND id IN ({','.join('?' * len(chunk))})",
                (resource_type, *chunk),
            )
            for resource_id, state, version, text in found:
                held[(resource_type, resource_id)] = (state, version, text)
    return held


def _replaces(held: _Held | None, *, version: str | None, text: str) -> bool:
    if held is None:
        return True
    state, held_version, held_text = held
    if state in ("pending", "deleted"):
        return False  # a local change waits for its upload; the guard in the SQL says the same
    if state == "stale":
        return True  # a discarded local change waits for exactly this: the server's copy
    if version is not None and held_version is not None:
        return version != held_version
    return text != held_text


def get_resource(
    conn: Connection, /, resource_type: str, resource_id: str
) -> dict[str, Any] | None:
    with mapped_errors("reading the cache"):
        row = conn.execute(
            "SELECT json FROM resource WHERE type = ? AND id = ? AND local_state != 'deleted'",
            (resource_type, resource_id),
        ).fetchone()
    return None if row is None else _loads(row[0])


def _loads(text: str) -> dict[str, Any]:
    value: dict[str, Any] = fhir_json.loads(text)
    return value


_FILTER_COLUMNS = {
    "patient_id": "patient_id",
    "encounter_id": "encounter_id",
    "location_id": "location_id",
    "status": "status",
}


def find_resources(
    conn: Connection,
    /,
    resource_type: str,
    *,
    ids: Iterable[str] | None = None,
    order_by_date: bool = False,
    since: str | None = None,
    until: str | None = None,
    **filters: str | Sequence[str] | None,
) -> list[dict[str, Any]]:
    """Resources of one type matching every given filter (a sequence means "any of").

    ``since``/``until`` bound the clinical time (``sort_date``, inclusive / exclusive): pass an
    instant, which is compared in UTC like the column. Resources without a clinical time are left
    out as soon as either bound is given.
    """
    sql, params = find_query(
        resource_type, ids=ids, order_by_date=order_by_date, since=since, until=until, **filters
    )
    with mapped_errors("reading the cache"):
        rows = conn.execute(sql, params).fetchall()
    return [_loads(row[0]) for row in rows]


def find_query(
    resource_type: str,
    *,
    ids: Iterable[str] | None = None,
    order_by_date: bool = False,
    since: str | None = None,
    until: str | None = None,
    **filters: str | Sequence[str] | None,
) -> tuple[str, list[Any]]:
    """The SQL and parameters :func:`find_resources` runs."""
    clauses = ["type = ?", "local_state != 'deleted'"]
    params: list[Any] = [resource_type]
    if since is not None:
        clauses.append("sort_date >= ?")
        params.append(sortable_time(since))
    if until is not None:
        clauses.append("sort_date < ?")
        params.append(sortable_time(until))
    if ids is not None:
        id_list = list(ids)
        clauses.append(f"id IN ({','.join('?' * len(id_list))})")
        params.extend(id_list)
    for name, value in filters.items():
        column = _FILTER_COLUMNS.get(name)
        if column is None:
            raise ValueError(f"unknown filter {name!r}")
        if value is None:
            continue
        if isinstance(value, str):
            clauses.append(f"{column} = ?")
            params.append(value)
        else:
            values = list(value)
            clauses.append(f"{column} IN ({','.join('?' * len(values))})")
            params.extend(values)
    # "+id": the order must not steer the planner to the (type, id) primary key, which would read
    # every resource of the type (all the ward's observations) to keep one patient's; sorting the
    # few rows an index finds is far cheaper (bench/board_speed.py measured 16 ms → ~1 ms).
    order = " ORDER BY sort_date, id" if order_by_date else " ORDER BY +id"
    # Clauses are constant column names with placeholders; values are bound, never formatted.
    return "SELECT json FROM resource WHERE " + " AND ".join(clauses) + order, params


def count_by_type(conn: Connection) -> dict[str, int]:
    with mapped_errors("reading the cache"):
        rows = conn.execute(
            "SELECT type, count(*) FROM resource WHERE local_state != 'deleted' GROUP BY type"
        ).fetchall()
    return {str(kind): int(count) for kind, count in rows}


_OUTBOX_COLUMNS = (
    "seq, change_id, type, id, operation, kind, base_version, payload, created_at,"
    " state, attempts, last_error, server_version, settled_at, resolution"
)


def _outbox_entry(row: Sequence[Any]) -> OutboxEntry:
    return OutboxEntry(
        seq=int(row[0]),
        change_id=row[1],
        resource_type=row[2],
        resource_id=row[3],
        operation=row[4],
        kind=row[5],
        base_version=row[6],
        payload=None if row[7] is None else _loads(row[7]),
        created_at=row[8],
        state=row[9],
        attempts=int(row[10]),
        last_error=row[11],
        server_version=row[12],
        settled_at=row[13],
        resolution=row[14],
    )


@dataclass(frozen=True)
class LocalChange:
    """One change made on this device, as its outbox row will carry it to the EHR."""

    resource: Mapping[str, Any]
    operation: Operation
    kind: ChangeKind
    base_version: str | None = None


def record_local_change(
    conn: Connection,
    /,
    resource: Mapping[str, Any],
    *,
    operation: Operation,
    kind: ChangeKind,
    created_at: str,
    note: ChangeNote,
    base_version: str | None = None,
) -> OutboxEntry:
    """Save a change made on this device and queue it for upload — in one transaction."""
    change = LocalChange(resource, operation, kind, base_version)
    return record_local_changes(conn, [change], created_at=created_at, note=note)[0]


def record_local_changes(
    conn: Connection, /, changes: Sequence[LocalChange], *, created_at: str, note: ChangeNote
) -> list[OutboxEntry]:
    """Save changes made together (a round of vital signs) and their outbox rows: all or nothing.

    The rows are queued in the given order, so they reach the EHR in that order.
    """
    with transaction(conn, "saving a local change"):
        seqs = [_record(conn, change, created_at, note) for change in changes]
        return [_outbox_entry(_outbox_row(conn, seq)) for seq in seqs]


def _follow_move(conn: Connection, change: LocalChange) -> LocalChange:
    """``change`` aimed at the id the EHR gave its resource, when the tablet's id has moved.

    A screen that read a resource before its first upload settled may change it under the
    tablet's id afterwards; the change then belongs to the EHR's id, on top of the version the
    cache holds there now.
    """
    if change.operation == "create":
        return change
    resource_type, resource_id = _identity(change.resource)
    moved = conn.execute(
        "SELECT new_id FROM moved_id WHERE type = ? AND old_id = ?", (resource_type, resource_id)
    ).fetchone()
    if moved is None:
        return change
    current = conn.execute(
        "SELECT version_id FROM resource WHERE type = ? AND id = ?", (resource_type, moved[0])
    ).fetchone()
    version = current[0] if current is not None else change.base_version
    meta = {k: v for k, v in (change.resource.get("meta") or {}).items() if k != "versionId"}
    if version is not None:
        meta["versionId"] = version
    resource = {**change.resource, "id": moved[0], **({"meta": meta} if meta else {})}
    return LocalChange(resource, change.operation, change.kind, version)


def _record(conn: Connection, change: LocalChange, created_at: str, note: ChangeNote) -> int:
    change = _follow_move(conn, change)
    resource, operation = change.resource, change.operation
    resource_type, resource_id = _identity(resource)
    payload = None if operation == "delete" else _dumps(resource)
    # A delete keeps the row as a tombstone: reads hide it, and the download guard (which
    # only overwrites 'synced' rows) keeps the server's copy from coming back meanwhile.
    state = "deleted" if operation == "delete" else "pending"
    upsert = _UPSERT_DELETED if operation == "delete" else _UPSERT_PENDING
    row = _row(resource, state)
    conn.execute(upsert, row)
    cursor = conn.execute(
        "INSERT INTO outbox (change_id, type, id, operation, kind, base_version, payload,"
        " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            str(uuid.uuid4()),
            resource_type,
            resource_id,
            operation,
            change.kind,
            change.base_version,
            payload,
            created_at,
        ),
    )
    note.row(resource_type, row[_PATIENT])
    note.outbox()
    return int(cursor.lastrowid)


def _outbox_row(conn: Connection, seq: int) -> Sequence[Any]:
    return conn.execute(  # type: ignore[no-any-return]
        f"SELECT {_OUTBOX_COLUMNS} FROM outbox WHERE seq = ?", (seq,)
    ).fetchone()


def note_outbox_row(conn: Connection, note: ChangeNote, entry: OutboxEntry) -> None:
    """Note that ``entry`` changed, with the patient of the resource it concerns.

    Call it before the change: a settled delete or a discarded creation removes the resource
    row that names the patient.
    """
    found = conn.execute(
        "SELECT patient_id FROM resource WHERE type = ? AND id = ?",
        (entry.resource_type, entry.resource_id),
    ).fetchone()
    patient: str | None = str(found[0]) if found is not None and found[0] else None
    if patient is None and entry.payload:
        patient = index_columns(entry.payload).patient_id
    note.row(entry.resource_type, patient)
    note.outbox()


def outbox_entries(
    conn: Connection, /, states: Sequence[OutboxState] = ("pending", "in_flight")
) -> list[OutboxEntry]:
    """Outbox rows in the given states, oldest first."""
    marks = ",".join("?" * len(states))
    with mapped_errors("reading the outbox"):
        rows = conn.execute(
            f"SELECT {_OUTBOX_COLUMNS} FROM outbox WHERE state IN ({marks}) ORDER BY seq",
            list(states),
        ).fetchall()
    return [_outbox_entry(row) for row in rows]


def outbox_counts(conn: Connection) -> dict[str, int]:
    with mapped_errors("reading the outbox"):
        rows = conn.execute("SELECT state, count(*) FROM outbox GROUP BY state").fetchall()
    return {str(state): int(count) for state, count in rows}


def get_sync_state(conn: Connection, /, scope: str) -> dict[str, str]:
    """Server time of the last complete pull, per resource type, for ``scope``."""
    with mapped_errors("reading the sync state"):
        rows = conn.execute(
            "SELECT resource_type, last_pull FROM sync_state WHERE scope = ?", (scope,)
        ).fetchall()
    return {str(kind): str(when) for kind, when in rows}


def set_sync_states(conn: Connection, /, scope: str, server_times: Mapping[str, str]) -> None:
    """Record the server time of complete pulls, for several types at once (one transaction)."""
    with transaction(conn, "saving the sync state"):
        conn.executemany(
            "INSERT INTO sync_state (scope, resource_type, last_pull) VALUES (?, ?, ?)"
            " ON CONFLICT (scope, resource_type) DO UPDATE SET last_pull = excluded.last_pull",
            [(scope, kind, when) for kind, when in server_times.items()],
        )


def clear_sync_state(conn: Connection, /, scope: str) -> None:
    """Forget the pulls of ``scope``: the next pull downloads everything again."""
    with transaction(conn, "clearing the sync state"):
        conn.execute("DELETE FROM sync_state WHERE scope = ?", (scope,))


def get_device_fact(conn: Connection, /, name: str) -> str | None:
    with mapped_errors("reading the device facts"):
        row = conn.execute("SELECT value FROM device WHERE name = ?", (name,)).fetchone()
    return None if row is None else str(row[0])


def set_device_fact(conn: Connection, /, name: str, value: str) -> None:
    with transaction(conn, "saving a device fact"):
        conn.execute(
            "INSERT INTO device (name, value) VALUES (?, ?)"
            " ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            (name, value),
        )
