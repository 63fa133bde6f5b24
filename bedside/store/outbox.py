"""What happens to an outbox row after it was written: uploading, settling, conflicts, rejection.

Plain synchronous functions on an open connection, run on the store's worker thread only. Every
state change of a row and the matching change of the local copy happen in one transaction, so a
crash at any moment leaves the two consistent. The life of a row::

    pending ──mark_in_flight──► in_flight ──complete_upload──► done
                                    │   ├──reject_upload──────► rejected ──retry──► pending
                                    │   │                         └─discard──► done (discarded)
                                    │   ├──record_conflict────► conflict ──settle─► pending | done
                                    │   └──requeue_merged─────► pending (rebased on the server)

``in_flight`` is written *before* the request goes out and survives a crash: it tells the next
upload that an answer may have been lost, so it reads the server back before sending again.

Every function that changes what a screen shows notes it (:class:`ChangeNote`): the row's
resource type and patient, and that the outbox changed, so screens of that patient refresh when
their "will be sent" becomes "sent". Marking a row in flight and noting a failed attempt change
nothing a screen of a patient shows (an in-flight row still counts as waiting), so they note at
most the outbox.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from bedside.store.changes import ChangeNote
from bedside.store.connection import Connection, mapped_errors, transaction
from bedside.store.records import (
    _OUTBOX_COLUMNS,
    _UPSERT_PENDING,
    _UPSERT_SERVER,
    OutboxEntry,
    _dumps,
    _loads,
    _meta,
    _outbox_entry,
    _row,
    note_outbox_row,
)

ConflictChoice = Literal["keep_local", "take_server"]

_UNSETTLED = "('pending', 'in_flight', 'conflict', 'rejected')"


@dataclass(frozen=True)
class ConflictEntry:
    """Two versions of one resource that a nurse has to choose between."""

    seq: int
    resource_type: str
    resource_id: str
    local: dict[str, Any]
    server: dict[str, Any] | None  # None: the EHR deleted it meanwhile
    server_version: str | None
    rule: str
    detected_at: str
    resolution: str | None
    resolved_at: str | None
    resolved_by: str | None


def _entry(conn: Connection, seq: int) -> OutboxEntry:
    row = conn.execute(f"SELECT {_OUTBOX_COLUMNS} FROM outbox WHERE seq = ?", (seq,)).fetchone()
    if row is None:
        raise KeyError(f"no outbox row {seq}")
    return _outbox_entry(row)


def get_entry(conn: Connection, /, seq: int) -> OutboxEntry:
    with mapped_errors("reading the outbox"):
        return _entry(conn, seq)


def mark_in_flight(conn: Connection, /, seq: int) -> None:
    """Record that the row's request is about to be sent (see the module docstring)."""
    with transaction(conn, "marking an upload"):
        conn.execute(
            "UPDATE outbox SET state = 'in_flight', attempts = attempts + 1 WHERE seq = ?", (seq,)
        )


def note_failure(conn: Connection, /, seq: int, message: str, *, note: ChangeNote) -> None:
    """Keep the last failure of a row that will be tried again (plain words, no patient data).

    The review list of waiting changes shows it; the row is still waiting, so only the outbox
    is noted.
    """
    with transaction(conn, "noting an upload failure"):
        conn.execute("UPDATE outbox SET last_error = ? WHERE seq = ?", (message[:500], seq))
    note.outbox()


def _drop_resource(conn: Connection, resource_type: str, resource_id: str) -> None:
    conn.execute("DELETE FROM resource WHERE type = ? AND id = ?", (resource_type, resource_id))


def _mark_resource(conn: Connection, resource_type: str, resource_id: str, state: str) -> None:
    conn.execute(
        "UPDATE resource SET local_state = ? WHERE type = ? AND id = ?",
        (state, resource_type, resource_id),
    )


def _later_unsettled(conn: Connection, entry: OutboxEntry) -> bool:
    row = conn.execute(
        f"SELECT 1 FROM outbox WHERE type = ? AND id = ? AND seq > ? AND state IN {_UNSETTLED}",
        (entry.resource_type, entry.resource_id, entry.seq),
    ).fetchone()
    return row is not None


def complete_upload(
    conn: Connection,
    /,
    seq: int,
    server_resource: Mapping[str, Any] | None,
    settled_at: str,
    *,
    note: ChangeNote,
) -> OutboxEntry:
    """The EHR holds the row's change: settle the row and take the server's copy locally.

    ``server_resource`` is what the EHR stored (``None`` after a delete, or when it did not say).
    When the EHR gave the resource another id (a ``POST`` on a server without create-as-update),
    the local copy moves to that id, and so does every later row of the resource (its meal
    changed again before the first upload, say) and every reference to it in rows still to be
    sent: they are updates of the EHR's resource now. Later local changes of the same resource
    are rebased on the new version so their ``If-Match`` is right.
    """
    with transaction(conn, "settling an upload"):
        entry = _entry(conn, seq)
        note_outbox_row(conn, note, entry)
        version = None
        if server_resource is not None:
            version, _ = _meta(server_resource)
            note.resource(server_resource)
        conn.execute(
            "UPDATE outbox SET state = 'done', settled_at = ?, server_version = ?,"
            " last_error = NULL, payload = NULL WHERE seq = ?",
            (settled_at, version, seq),
        )
        later = _later_unsettled(conn, entry)
        if entry.operation == "delete":
            if not later:
                _drop_resource(conn, entry.resource_type, entry.resource_id)
            return _entry(conn, seq)
        if server_resource is None:
            if not later:
                _mark_resource(conn, entry.resource_type, entry.resource_id, "stale")
            return _entry(conn, seq)
        server_id = server_resource.get("id")
        if isinstance(server_id, str) and server_id != entry.resource_id:
            _follow_server_id(conn, entry, server_id, version, keep_local=later)
            if not later:
                conn.execute(_UPSERT_SERVER, _row(server_resource, "synced"))
            return _entry(conn, seq)
        if later:
            conn.execute(
                "UPDATE outbox SET base_version = ? WHERE type = ? AND id = ? AND seq > ?"
                " AND state IN ('pending', 'in_flight')",
                (version, entry.resource_type, entry.resource_id, seq),
            )
            conn.execute(
                "UPDATE resource SET version_id = ? WHERE type = ? AND id = ?",
                (version, entry.resource_type, entry.resource_id),
            )
        else:
            # The row is 'pending' until now; settle it to exactly what the server stored.
            _mark_resource(conn, entry.resource_type, entry.resource_id, "synced")
            conn.execute(_UPSERT_SERVER, _row(server_resource, "synced"))
        return _entry(conn, seq)


def _follow_server_id(
    conn: Connection, entry: OutboxEntry, server_id: str, version: str | None, *, keep_local: bool
) -> None:
    """Move the tablet's id of ``entry``'s resource to the one the EHR gave it, everywhere."""
    old_reference = f"{entry.resource_type}/{entry.resource_id}"
    new_reference = f"{entry.resource_type}/{server_id}"
    # A screen may still hold the tablet's id and change the resource under it.
    conn.execute(
        "INSERT OR REPLACE INTO moved_id (type, old_id, new_id) VALUES (?, ?, ?)",
        (entry.resource_type, entry.resource_id, server_id),
    )
    local = conn.execute(
        "SELECT json FROM resource WHERE type = ? AND id = ?",
        (entry.resource_type, entry.resource_id),
    ).fetchone()
    _drop_resource(conn, entry.resource_type, entry.resource_id)
    if keep_local and local is not None:
        # Changed again since: the local copy stays what the nurse sees, under the EHR's id.
        moved = _with_id(_loads(local[0]), server_id, version)
        conn.execute(_UPSERT_PENDING, _row(moved, "pending"))
    rows = conn.execute(
        "SELECT seq, type, id, base_version, payload FROM outbox"
        f" WHERE seq > ? AND state IN {_UNSETTLED}"
        " AND ((type = ? AND id = ?) OR instr(payload, ?) > 0)",
        (entry.seq, entry.resource_type, entry.resource_id, f'"{old_reference}"'),
    ).fetchall()
    for row_seq, row_type, row_id, base_version, payload in rows:
        same = (row_type, row_id) == (entry.resource_type, entry.resource_id)
        body = None if payload is None else _loads(payload)
        if body is not None:
            body = _retarget_references(body, old_reference, new_reference)
            if same:
                body = _with_id(body, server_id, version)
        conn.execute(
            "UPDATE outbox SET id = ?, base_version = ?, payload = ? WHERE seq = ?",
            (
                server_id if same else row_id,
                version if same else base_version,
                None if body is None else _dumps(body),
                row_seq,
            ),
        )


def _with_id(resource: Mapping[str, Any], resource_id: str, version: str | None) -> dict[str, Any]:
    moved = {**resource, "id": resource_id}
    meta = {k: v for k, v in (resource.get("meta") or {}).items() if k != "versionId"}
    if version is not None:
        meta["versionId"] = version
    if meta:
        moved["meta"] = meta
    return moved


def _retarget_references(value: Any, old: str, new: str) -> Any:
    """``value`` with every ``{"reference": old}`` pointing at ``new`` instead."""
    if isinstance(value, dict):
        return {
            key: new if key == "reference" and item == old else _retarget_references(item, old, new)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_retarget_references(item, old, new) for item in value]
    return value


def reject_upload(conn: Connection, /, seq: int, message: str, *, note: ChangeNote) -> None:
    """The EHR refused the row for good: park it, visible, without blocking the rows behind."""
    with transaction(conn, "parking a rejected upload"):
        note_outbox_row(conn, note, _entry(conn, seq))
        conn.execute(
            "UPDATE outbox SET state = 'rejected', last_error = ? WHERE seq = ?",
            (message[:2000], seq),
        )


def requeue_merged(
    conn: Connection,
    /,
    seq: int,
    merged: Mapping[str, Any],
    server_version: str | None,
    *,
    note: ChangeNote,
) -> None:
    """A conflict merged by rule: send the merged resource again, on top of the server's version."""
    with transaction(conn, "saving a merged change"):
        note_outbox_row(conn, note, _entry(conn, seq))
        note.resource(merged)
        conn.execute(
            "UPDATE outbox SET state = 'pending', payload = ?, base_version = ?, last_error = NULL"
            " WHERE seq = ?",
            (_dumps(merged), server_version, seq),
        )
        conn.execute(_UPSERT_PENDING, _row(merged, "pending"))


def record_conflict(
    conn: Connection,
    /,
    seq: int,
    server_resource: Mapping[str, Any] | None,
    *,
    rule: str,
    detected_at: str,
    note: ChangeNote,
) -> None:
    """Keep both versions for a nurse to settle; the local change stays on this tablet meanwhile."""
    with transaction(conn, "keeping a conflict for review"):
        entry = _entry(conn, seq)
        note_outbox_row(conn, note, entry)
        version = None if server_resource is None else _meta(server_resource)[0]
        conn.execute(
            "UPDATE outbox SET state = 'conflict', last_error = ? WHERE seq = ?", (rule, seq)
        )
        conn.execute(
            "INSERT INTO conflict (seq, type, id, local_json, server_json, server_version, rule,"
            " detected_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (seq) DO UPDATE SET server_json = excluded.server_json,"
            " server_version = excluded.server_version, rule = excluded.rule,"
            " detected_at = excluded.detected_at, resolution = NULL, resolved_at = NULL,"
            " resolved_by = NULL",
            (
                seq,
                entry.resource_type,
                entry.resource_id,
                _dumps(entry.payload or {}),
                None if server_resource is None else _dumps(server_resource),
                version,
                rule,
                detected_at,
            ),
        )


def _conflict(row: Any) -> ConflictEntry:
    return ConflictEntry(
        seq=int(row[0]),
        resource_type=row[1],
        resource_id=row[2],
        local=_loads(row[3]),
        server=None if row[4] is None else _loads(row[4]),
        server_version=row[5],
        rule=row[6],
        detected_at=row[7],
        resolution=row[8],
        resolved_at=row[9],
        resolved_by=row[10],
    )


_CONFLICT_COLUMNS = (
    "seq, type, id, local_json, server_json, server_version, rule, detected_at, resolution,"
    " resolved_at, resolved_by"
)


def open_conflicts(conn: Connection) -> list[ConflictEntry]:
    """Conflicts still waiting for a nurse, oldest first."""
    with mapped_errors("reading the conflicts"):
        rows = conn.execute(
            f"SELECT {_CONFLICT_COLUMNS} FROM conflict WHERE resolution IS NULL ORDER BY seq"
        ).fetchall()
    return [_conflict(row) for row in rows]


def settle_conflict(
    conn: Connection, /, seq: int, choice: ConflictChoice, *, by: str, at: str, note: ChangeNote
) -> None:
    """A nurse's decision: send this tablet's version again, or take the EHR's.

    Keeping the local version re-queues it on top of the server's current version (so the
    ``If-Match`` is right this time). Taking the server's replaces the local copy with it — or
    removes it, when the EHR deleted the resource.
    """
    with transaction(conn, "settling a conflict"):
        row = conn.execute(
            f"SELECT {_CONFLICT_COLUMNS} FROM conflict WHERE seq = ? AND resolution IS NULL",
            (seq,),
        ).fetchone()
        if row is None:
            raise KeyError(f"no open conflict for outbox row {seq}")
        conflict = _conflict(row)
        note_outbox_row(conn, note, _entry(conn, seq))
        if choice == "keep_local":
            local = dict(conflict.local)
            # Gone on the server: the only way to keep the local version is to create it again.
            operation_sql = ", operation = 'create'" if conflict.server is None else ""
            conn.execute(
                "UPDATE outbox SET state = 'pending', base_version = ?, payload = ?,"
                f" last_error = NULL{operation_sql} WHERE seq = ?",
                (conflict.server_version, _dumps(local), seq),
            )
            resolution = "kept_local"
        else:
            conn.execute(
                "UPDATE outbox SET state = 'done', settled_at = ?, resolution = 'took_server',"
                " payload = NULL WHERE seq = ?",
                (at, seq),
            )
            if conflict.server is None:
                _drop_resource(conn, conflict.resource_type, conflict.resource_id)
            else:
                _mark_resource(conn, conflict.resource_type, conflict.resource_id, "synced")
                conn.execute(_UPSERT_SERVER, _row(conflict.server, "synced"))
            resolution = "took_server"
        conn.execute(
            "UPDATE conflict SET resolution = ?, resolved_at = ?, resolved_by = ? WHERE seq = ?",
            (resolution, at, by, seq),
        )


def retry_rejected(conn: Connection, /, seq: int, *, note: ChangeNote) -> None:
    """Send a rejected row again (after the EHR's configuration was fixed, say)."""
    with transaction(conn, "retrying a rejected upload"):
        cursor = conn.execute(
            "UPDATE outbox SET state = 'pending', last_error = NULL"
            " WHERE seq = ? AND state = 'rejected'",
            (seq,),
        )
        if cursor.rowcount:
            note_outbox_row(conn, note, _entry(conn, seq))


def discard_rejected(conn: Connection, /, seq: int, *, by: str, at: str, note: ChangeNote) -> None:
    """Give up a rejected change: the local copy goes back to what the EHR has.

    A created resource is removed; an updated or deleted one becomes ``stale`` so the next sync
    reads the EHR's copy again. Who discarded it is kept with the row.
    """
    with transaction(conn, "discarding a rejected upload"):
        entry = _entry(conn, seq)
        if entry.state != "rejected":
            raise KeyError(f"outbox row {seq} is not rejected")
        note_outbox_row(conn, note, entry)
        conn.execute(
            "UPDATE outbox SET state = 'done', settled_at = ?, resolution = ?, payload = NULL"
            " WHERE seq = ?",
            (at, f"discarded by {by}", seq),
        )
        if _later_unsettled(conn, entry):
            return
        if entry.operation == "create":
            _drop_resource(conn, entry.resource_type, entry.resource_id)
        else:
            _mark_resource(conn, entry.resource_type, entry.resource_id, "stale")


def stale_resources(conn: Connection) -> list[tuple[str, str]]:
    """Resources whose local copy must be read from the EHR again."""
    with mapped_errors("reading the cache"):
        rows = conn.execute(
            # The first condition is the partial index's own: without it SQLite scans the table.
            "SELECT type, id FROM resource WHERE local_state != 'synced'"
            " AND local_state = 'stale' ORDER BY type, id"
        ).fetchall()
    return [(str(kind), str(rid)) for kind, rid in rows]


def forget_resource(
    conn: Connection, /, resource_type: str, resource_id: str, *, note: ChangeNote
) -> None:
    """Drop a stale resource the EHR no longer has."""
    with transaction(conn, "removing a resource the EHR deleted"):
        gone = conn.execute(
            "DELETE FROM resource WHERE type = ? AND id = ? AND local_state IN ('synced', 'stale')"
            " RETURNING patient_id",
            (resource_type, resource_id),
        ).fetchall()
        for (patient_id,) in gone:
            note.row(resource_type, patient_id)
