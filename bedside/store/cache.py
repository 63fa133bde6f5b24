"""The encrypted cache as the rest of Bedside sees it: one async object, :class:`Store`.

Owns the life cycle (key from the key store → open → migrate → close), the async versions of
the record functions, and the change feed (:attr:`Store.changes`). Every method hands its work to
the one database thread (:class:`~bedside.store.worker.DatabaseWorker`); none touches SQLite on
the caller's thread. A method that commits data a screen shows announces what it wrote on the
feed once the database thread is done, on the caller's (the event loop's) thread.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

from bedside.store import integrity, outbox, records, scope_data, staff
from bedside.store.changes import ChangeFeed, ChangeNote
from bedside.store.connection import (
    Connection,
    check_writable,
    open_encrypted,
    open_read_only,
    wal_has_frames,
)
from bedside.store.errors import MigrationError, StoreReadOnlyError
from bedside.store.integrity import OpenCheck
from bedside.store.keystore import KeyStore, get_or_create_key
from bedside.store.migrations import LATEST_VERSION, migrate, schema_version
from bedside.store.outbox import ConflictChoice, ConflictEntry
from bedside.store.records import (
    ChangeKind,
    LocalChange,
    Operation,
    OutboxEntry,
    OutboxState,
)
from bedside.store.staff import PinFailures, StaffVerifier
from bedside.store.worker import DatabaseWorker

T = TypeVar("T")


def cache_path(data_dir: Path, site_id: str) -> Path:
    """Where the cache of ``site_id`` lives: one SQLCipher file per site."""
    safe = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in site_id)
    return data_dir / f"{safe}.bedside-cache"


def key_name(site_id: str) -> str:
    """The key store entry holding the cache key of ``site_id``."""
    return f"cache-key:{site_id}"


@dataclass(frozen=True)
class OpenReport:
    """What opening the cache did, for the log and the cold-open benchmark."""

    path: Path
    created: bool
    schema_version: int
    seconds: float
    read_only: bool = False
    """Writes are off: the file could only be opened for reading."""
    unclean_shutdown: bool = False
    """The last session did not close the cache (crash, power loss)."""
    integrity_check_seconds: float | None = None
    """How long the page check took at this open, ``None`` when it was not due."""


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _writes_refused(exc: BaseException) -> bool:
    """True for a write the disk refused, also when a migration step wraps it."""
    return isinstance(exc, StoreReadOnlyError) or (
        isinstance(exc, MigrationError) and isinstance(exc.__cause__, StoreReadOnlyError)
    )


def _open_writable(
    path: Path,
    key: bytes,
    now: datetime,
    leftover_wal: bool,
    every: timedelta,
    found: list[tuple[bool, OpenCheck]],
) -> Connection | None:
    """The normal open; ``None`` when the disk or file refuses writes (then open read-only)."""
    try:
        conn = open_encrypted(path, key)
    except StoreReadOnlyError:
        return None
    try:
        migrate(conn)
        # SQLite opens a file it may not write read-only without a word: ask before using it.
        check_writable(conn)
        check = integrity.on_open(
            conn, now=now, leftover_wal=leftover_wal, writable=True, every=every
        )
        found.append((False, check))
    except BaseException as exc:
        conn.close()
        if _writes_refused(exc):
            return None
        raise
    return conn


def _open_read_only(
    path: Path,
    key: bytes,
    now: datetime,
    leftover_wal: bool,
    every: timedelta,
    found: list[tuple[bool, OpenCheck]],
) -> Connection:
    if not path.exists():
        raise StoreReadOnlyError(
            "The tablet's disk cannot be written and holds no data file yet, so there is "
            "nothing to show; IT should make the disk writable."
        )
    conn = open_read_only(path, key)
    try:
        if schema_version(conn) != LATEST_VERSION:
            raise StoreReadOnlyError(
                "The tablet's data file is from another Bedside version and its disk cannot be "
                "written, so it cannot be updated to be shown; IT should make the disk writable."
            )
        check = integrity.on_open(
            conn, now=now, leftover_wal=leftover_wal, writable=False, every=every
        )
        found.append((True, check))
    except BaseException:
        conn.close()
        raise
    return conn


class Store:
    """The encrypted local cache of one site. Build it with :meth:`open`."""

    def __init__(self, worker: DatabaseWorker, report: OpenReport) -> None:
        self._worker = worker
        self.report = report
        # What every commit changed: the one refresh path (bedside.store.changes).
        self.changes = ChangeFeed()

    async def _commit(self, work: Callable[[Connection, ChangeNote], T]) -> T:
        """Run ``work`` on the database thread, then announce what it noted, here on the loop."""
        note = ChangeNote()
        result = await self._worker.run(work, note)
        self.changes.announce(note.changes())
        return result

    @classmethod
    async def open(
        cls,
        path: Path,
        keys: KeyStore,
        *,
        key_name: str,
        clock: Callable[[], datetime] = _utc_now,
        check_every: timedelta = integrity.CHECK_EVERY,
    ) -> Store:
        """Take the key from ``keys``, open (or create) the file, bring its schema up to date.

        The file is made private (0600 in a 0700 folder) and its pages are checked after an
        unclean shutdown and every ``check_every``. When it cannot be written it is opened
        read-only (:attr:`read_only`).

        Raises :class:`~bedside.store.errors.KeyStoreError` when there is no usable key,
        :class:`~bedside.store.errors.WrongKeyError` when the key does not open the file,
        :class:`~bedside.store.errors.StoreDamagedError` when a page fails its check,
        :class:`~bedside.store.errors.UnsafeLocationError` when others can read the file or its
        folder and Bedside may not change that.
        """
        started = time.perf_counter()
        created = not path.exists()  # noqa: ASYNC240 -- one stat(), cheaper than a thread hop
        # The key store may block (D-Bus, Windows Credential Manager): keep it off the GUI thread
        # too, by doing the lookup on the database thread with the rest of the opening.
        worker = DatabaseWorker()
        found: list[tuple[bool, OpenCheck]] = []

        def opener() -> Connection:
            key = get_or_create_key(keys, key_name, cache_exists=not created)
            # Looked at before SQLite opens the file: a -wal left with pages = an unclean shutdown.
            leftover_wal = wal_has_frames(path)
            conn = _open_writable(path, key, clock(), leftover_wal, check_every, found)
            if conn is None:
                conn = _open_read_only(path, key, clock(), leftover_wal, check_every, found)
            return conn

        try:
            await worker.start(opener)
        except BaseException:
            await worker.close()
            raise
        read_only, check = found[0]
        report = OpenReport(
            path,
            created,
            LATEST_VERSION,
            time.perf_counter() - started,
            read_only=read_only,
            unclean_shutdown=check.unclean_shutdown,
            integrity_check_seconds=check.check_seconds,
        )
        return cls(worker, report)

    @property
    def read_only(self) -> bool:
        """True when writes are off (the file can only be read): show :data:`WRITES_OFF`.

        Reads work; every write raises :class:`~bedside.store.errors.StoreReadOnlyError`.
        """
        return self.report.read_only

    async def close(self) -> None:
        await self._worker.close()

    async def __aenter__(self) -> Store:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    # Resources -------------------------------------------------------------------------------

    async def put_server_resources(
        self, resources: Sequence[Mapping[str, Any]]
    ) -> list[Mapping[str, Any]]:
        """Save downloaded resources in one transaction; return those that changed the cache.

        Local changes not yet uploaded are kept; a resource already held in the same version is
        neither rewritten nor returned.
        """
        return await self._commit(
            lambda conn, note: records.put_server_resources(conn, resources, note=note)
        )

    async def get(self, resource_type: str, resource_id: str) -> dict[str, Any] | None:
        return await self._worker.run(records.get_resource, resource_type, resource_id)

    async def find(
        self,
        resource_type: str,
        *,
        ids: Iterable[str] | None = None,
        order_by_date: bool = False,
        since: str | None = None,
        until: str | None = None,
        **filters: str | Sequence[str] | None,
    ) -> list[dict[str, Any]]:
        """Resources of ``resource_type`` matching the index-column filters.

        ``since``/``until`` (instants, inclusive / exclusive) bound the clinical time.
        """
        id_list = None if ids is None else list(ids)
        return await self._worker.run(
            records.find_resources,
            resource_type,
            ids=id_list,
            order_by_date=order_by_date,
            since=since,
            until=until,
            **filters,
        )

    async def counts(self) -> dict[str, int]:
        return await self._worker.run(records.count_by_type)

    # Local changes ---------------------------------------------------------------------------

    async def record_local_change(
        self,
        resource: Mapping[str, Any],
        *,
        operation: Operation,
        kind: ChangeKind,
        created_at: str,
        base_version: str | None = None,
    ) -> OutboxEntry:
        """Save a change made here and queue it for the EHR, in one transaction."""
        return await self._commit(
            lambda conn, note: records.record_local_change(
                conn,
                resource,
                operation=operation,
                kind=kind,
                created_at=created_at,
                base_version=base_version,
                note=note,
            )
        )

    async def record_local_changes(
        self, changes: Sequence[LocalChange], *, created_at: str
    ) -> list[OutboxEntry]:
        """Save changes made together and queue them for the EHR: one transaction, one
        announcement; nothing is saved when one of them fails."""
        batch = list(changes)
        return await self._commit(
            lambda conn, note: records.record_local_changes(
                conn, batch, created_at=created_at, note=note
            )
        )

    async def outbox(
        self, states: Sequence[OutboxState] = ("pending", "in_flight")
    ) -> list[OutboxEntry]:
        return await self._worker.run(records.outbox_entries, states)

    async def outbox_counts(self) -> dict[str, int]:
        return await self._worker.run(records.outbox_counts)

    # Sync state and device facts -------------------------------------------------------------

    async def sync_state(self, scope: str) -> dict[str, str]:
        return await self._worker.run(records.get_sync_state, scope)

    async def set_sync_state(self, scope: str, resource_type: str, server_time: str) -> None:
        await self.set_sync_states(scope, {resource_type: server_time})

    async def set_sync_states(self, scope: str, server_times: Mapping[str, str]) -> None:
        """Record complete pulls of several types at once, all or nothing."""
        await self._worker.run(records.set_sync_states, scope, dict(server_times))

    async def clear_sync_state(self, scope: str) -> None:
        await self._worker.run(records.clear_sync_state, scope)

    async def device_fact(self, name: str) -> str | None:
        return await self._worker.run(records.get_device_fact, name)

    async def set_device_fact(self, name: str, value: str) -> None:
        await self._worker.run(records.set_device_fact, name, value)

    # Uploads and their outcome (see bedside.store.outbox) -------------------------------------

    async def outbox_entry(self, seq: int) -> OutboxEntry:
        return await self._worker.run(outbox.get_entry, seq)

    async def mark_in_flight(self, seq: int) -> None:
        await self._worker.run(outbox.mark_in_flight, seq)

    async def note_upload_failure(self, seq: int, message: str) -> None:
        await self._commit(lambda conn, note: outbox.note_failure(conn, seq, message, note=note))

    async def complete_upload(
        self, seq: int, server_resource: Mapping[str, Any] | None, *, settled_at: str
    ) -> OutboxEntry:
        return await self._commit(
            lambda conn, note: outbox.complete_upload(
                conn, seq, server_resource, settled_at, note=note
            )
        )

    async def reject_upload(self, seq: int, message: str) -> None:
        await self._commit(lambda conn, note: outbox.reject_upload(conn, seq, message, note=note))

    async def requeue_merged(
        self, seq: int, merged: Mapping[str, Any], server_version: str | None
    ) -> None:
        await self._commit(
            lambda conn, note: outbox.requeue_merged(conn, seq, merged, server_version, note=note)
        )

    async def record_conflict(
        self, seq: int, server_resource: Mapping[str, Any] | None, *, rule: str, detected_at: str
    ) -> None:
        await self._commit(
            lambda conn, note: outbox.record_conflict(
                conn, seq, server_resource, rule=rule, detected_at=detected_at, note=note
            )
        )

    async def open_conflicts(self) -> list[ConflictEntry]:
        return await self._worker.run(outbox.open_conflicts)

    async def settle_conflict(self, seq: int, choice: ConflictChoice, *, by: str, at: str) -> None:
        await self._commit(
            lambda conn, note: outbox.settle_conflict(conn, seq, choice, by=by, at=at, note=note)
        )

    async def retry_rejected(self, seq: int) -> None:
        await self._commit(lambda conn, note: outbox.retry_rejected(conn, seq, note=note))

    async def discard_rejected(self, seq: int, *, by: str, at: str) -> None:
        await self._commit(
            lambda conn, note: outbox.discard_rejected(conn, seq, by=by, at=at, note=note)
        )

    async def stale_resources(self) -> list[tuple[str, str]]:
        return await self._worker.run(outbox.stale_resources)

    async def forget_resource(self, resource_type: str, resource_id: str) -> None:
        await self._commit(
            lambda conn, note: outbox.forget_resource(conn, resource_type, resource_id, note=note)
        )

    # Scope: reconciliation and purge (see bedside.store.scope_data) ---------------------------

    async def cached_patient_ids(self) -> set[str]:
        return await self._worker.run(scope_data.cached_patient_ids)

    async def patients_with_unsettled_changes(self, patient_ids: Iterable[str]) -> set[str]:
        return await self._worker.run(scope_data.patients_with_unsettled_changes, list(patient_ids))

    async def purge_patients(self, patient_ids: Iterable[str]) -> int:
        ids = list(patient_ids)
        return await self._commit(
            lambda conn, note: scope_data.purge_patients(conn, ids, note=note)
        )

    async def server_ids(
        self, resource_type: str, patient_ids: Sequence[str] | None = None
    ) -> set[str]:
        ids = None if patient_ids is None else list(patient_ids)
        return await self._worker.run(scope_data.server_ids, resource_type, ids)

    async def forget_deleted(self, resource_type: str, ids: Iterable[str]) -> int:
        id_list = list(ids)
        return await self._commit(
            lambda conn, note: scope_data.forget_deleted(conn, resource_type, id_list, note=note)
        )

    # Staff sign-in: offline verifiers and wrong-PIN counters (see bedside.store.staff) ---------

    async def staff_verifier(self, badge: str) -> StaffVerifier | None:
        return await self._worker.run(staff.get_verifier, badge)

    async def save_staff_verifier(
        self,
        badge: str,
        *,
        practitioner_id: str,
        name: str,
        role: str | None,
        verifier: str,
        verified_at: datetime,
    ) -> None:
        await self._worker.run(
            staff.save_verifier,
            badge,
            practitioner_id=practitioner_id,
            name=name,
            role=role,
            verifier=verifier,
            verified_at=verified_at,
        )

    async def forget_staff_verifier(self, badge: str) -> None:
        await self._worker.run(staff.forget_verifier, badge)

    async def pin_failures(self, badge: str) -> PinFailures:
        return await self._worker.run(staff.get_failures, badge)

    async def record_pin_failure(
        self, badge: str, at: datetime, locked_until: datetime | None
    ) -> PinFailures:
        return await self._worker.run(staff.record_failure, badge, at=at, locked_until=locked_until)

    async def clear_pin_failures(self, badge: str) -> None:
        await self._worker.run(staff.clear_failures, badge)

    async def forget_uploaded_audit_events(self) -> int:
        return await self._commit(
            lambda conn, note: staff.forget_uploaded_audit_events(conn, note=note)
        )
