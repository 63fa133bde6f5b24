"""Which patients and resources the cache holds, and removing what left the device's scope.

Synchronous functions for the store's worker thread. The sync engine uses them to notice what the
EHR no longer has (deleted resources, patients discharged or transferred away) and to purge it.
The rule they keep: nothing is removed while a local change of it is still unsettled in the
outbox (pending, in flight, in conflict or rejected) — the nurse's record comes first.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence

from bedside.store.changes import ChangeNote
from bedside.store.connection import Connection, mapped_errors, transaction
from bedside.store.errors import StoreError

log = logging.getLogger(__name__)

_UNSETTLED = "('pending', 'in_flight', 'conflict', 'rejected')"

# Resources that exist on the EHR: everything except local creations not yet accepted by it.
_ON_SERVER = f"""NOT EXISTS (
    SELECT 1 FROM outbox o WHERE o.type = resource.type AND o.id = resource.id
    AND o.operation = 'create' AND o.state IN {_UNSETTLED})"""


def _marks(values: Sequence[str]) -> str:
    return ",".join("?" * len(values))


def cached_patient_ids(conn: Connection) -> set[str]:
    with mapped_errors("reading the cache"):
        rows = conn.execute("SELECT id FROM resource WHERE type = 'Patient'").fetchall()
    return {str(row[0]) for row in rows}


def patients_with_unsettled_changes(conn: Connection, /, patient_ids: Iterable[str]) -> set[str]:
    """The patients among ``patient_ids`` that still have local changes to upload or review."""
    ids = list(patient_ids)
    if not ids:
        return set()
    with mapped_errors("reading the outbox"):
        rows = conn.execute(
            "SELECT DISTINCT r.patient_id FROM outbox o JOIN resource r"
            " ON r.type = o.type AND r.id = o.id"
            f" WHERE o.state IN {_UNSETTLED} AND r.patient_id IN ({_marks(ids)})",
            ids,
        ).fetchall()
    return {str(row[0]) for row in rows}


def purge_patients(conn: Connection, /, patient_ids: Iterable[str], *, note: ChangeNote) -> int:
    """Remove every resource of these patients, and their settled outbox rows; return how many.

    Callers check :func:`patients_with_unsettled_changes` first; this function re-checks inside
    its transaction and skips any patient that gained an unsettled change in between.

    Afterwards the WAL is checkpointed and truncated: otherwise the pages as they were before the
    purge stay in the ``-wal`` file until the cache is closed (``secure_delete`` overwrites the
    deleted rows in the file itself).
    """
    ids = list(patient_ids)
    if not ids:
        return 0
    removed = _purge(conn, ids, note)
    if removed:
        try:
            with mapped_errors("clearing removed patients from the cache's journal"):
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        except StoreError as exc:
            # The purge is committed and must still be announced; the next checkpoint (at the
            # latest the close) clears the journal.
            log.warning("purge_checkpoint_failed error=%s", type(exc.__cause__).__name__)
    return removed


def _purge(conn: Connection, ids: list[str], note: ChangeNote) -> int:
    with transaction(conn, "removing patients who left this device's scope"):
        blocked = {
            str(row[0])
            for row in conn.execute(
                "SELECT DISTINCT r.patient_id FROM outbox o JOIN resource r"
                " ON r.type = o.type AND r.id = o.id"
                f" WHERE o.state IN {_UNSETTLED} AND r.patient_id IN ({_marks(ids)})",
                ids,
            )
        }
        ids = [pid for pid in ids if pid not in blocked]
        if not ids:
            return 0
        marks = _marks(ids)
        # Settled outbox rows and conflicts still carry the patient's data (payloads, versions).
        conn.execute(
            "DELETE FROM conflict WHERE seq IN (SELECT o.seq FROM outbox o JOIN resource r"
            f" ON r.type = o.type AND r.id = o.id WHERE r.patient_id IN ({marks}))",
            ids,
        )
        conn.execute(
            "DELETE FROM outbox WHERE seq IN (SELECT o.seq FROM outbox o JOIN resource r"
            f" ON r.type = o.type AND r.id = o.id WHERE r.patient_id IN ({marks}))",
            ids,
        )
        gone = conn.execute(
            f"DELETE FROM resource WHERE patient_id IN ({marks}) RETURNING type, patient_id", ids
        ).fetchall()
        for resource_type, patient_id in gone:
            note.row(resource_type, patient_id)
        return len(gone)


def server_ids(
    conn: Connection, /, resource_type: str, patient_ids: Sequence[str] | None = None
) -> set[str]:
    """Ids of cached resources of a type that the EHR should also have (for reconciliation)."""
    sql = f"SELECT id FROM resource WHERE type = ? AND {_ON_SERVER}"
    params: list[str] = [resource_type]
    if patient_ids is not None:
        sql += f" AND patient_id IN ({_marks(patient_ids)})"
        params.extend(patient_ids)
    with mapped_errors("reading the cache"):
        rows = conn.execute(sql, params).fetchall()
    return {str(row[0]) for row in rows}


def forget_deleted(
    conn: Connection, /, resource_type: str, ids: Iterable[str], *, note: ChangeNote
) -> int:
    """Remove resources the EHR no longer has — unless changed here and not yet uploaded."""
    id_list = list(ids)
    if not id_list:
        return 0
    with transaction(conn, "removing resources the EHR deleted"):
        gone = conn.execute(
            f"DELETE FROM resource WHERE type = ? AND id IN ({_marks(id_list)})"
            " AND local_state IN ('synced', 'stale') RETURNING patient_id",
            [resource_type, *id_list],
        ).fetchall()
        for (patient_id,) in gone:
            note.row(resource_type, patient_id)
        return len(gone)
