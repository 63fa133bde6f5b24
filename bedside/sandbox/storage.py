"""The sandbox's SQLite store: current resources, every version, and the search index.

Owns the schema, the server clock discipline (``lastUpdated`` strictly increasing per server, in
milliseconds, even when the injected clock stands still) and all SQL. One ``sqlite3`` connection
guarded by a lock: handlers call these synchronous methods from a worker thread
(``run_in_threadpool``) so the event loop never waits on SQLite. Knows nothing about HTTP,
auth or FHIR validation.

Tables:

* ``history`` — one row per version (``seq`` orders them server-wide), JSON as stored; a delete is
  a version with ``deleted = 1`` and no JSON.
* ``resources`` — the current version of each ``(type, id)``, pointing at its ``history`` row.
* ``sp`` / ``sp_date`` — search index rows of the current, non-deleted versions
  (see :func:`bedside.sandbox.search.index_rows`).
"""

from __future__ import annotations

import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bedside.models import fhir_json
from bedside.sandbox.instants import format_instant, to_ms
from bedside.sandbox.search import SearchQuery, index_rows

Clock = Callable[[], datetime]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS history (
    seq INTEGER PRIMARY KEY,
    type TEXT NOT NULL,
    id TEXT NOT NULL,
    vid TEXT NOT NULL,
    lu INTEGER NOT NULL,
    deleted INTEGER NOT NULL,
    method TEXT NOT NULL,
    json TEXT
);
CREATE INDEX IF NOT EXISTS history_resource ON history (type, id, seq);
CREATE INDEX IF NOT EXISTS history_type_lu ON history (type, lu);
CREATE INDEX IF NOT EXISTS history_lu ON history (lu);
CREATE TABLE IF NOT EXISTS resources (
    type TEXT NOT NULL,
    id TEXT NOT NULL,
    vid TEXT NOT NULL,
    lu INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    deleted INTEGER NOT NULL,
    PRIMARY KEY (type, id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS resources_order ON resources (type, deleted, lu, id);
CREATE TABLE IF NOT EXISTS sp (
    type TEXT NOT NULL,
    id TEXT NOT NULL,
    param TEXT NOT NULL,
    sys TEXT,
    val TEXT NOT NULL,
    ref_id TEXT
);
CREATE INDEX IF NOT EXISTS sp_value ON sp (type, param, val);
CREATE INDEX IF NOT EXISTS sp_ref ON sp (type, param, ref_id);
CREATE INDEX IF NOT EXISTS sp_resource ON sp (type, id);
CREATE TABLE IF NOT EXISTS sp_date (
    type TEXT NOT NULL,
    id TEXT NOT NULL,
    param TEXT NOT NULL,
    lo INTEGER NOT NULL,
    hi INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS sp_date_lo ON sp_date (type, param, lo);
CREATE INDEX IF NOT EXISTS sp_date_resource ON sp_date (type, id);
CREATE TABLE IF NOT EXISTS server_state (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
"""

_MAX_VARS = 900  # stay well under SQLite's bound-parameter limit on old builds


@dataclass(frozen=True)
class Stored:
    """One version of one resource as the server holds it."""

    resource_type: str
    id: str
    version_id: str
    last_updated_ms: int
    deleted: bool
    method: str
    seq: int
    resource: dict[str, Any] | None

    @property
    def last_updated(self) -> str:
        return format_instant(self.last_updated_ms)

    @property
    def etag(self) -> str:
        return f'W/"{self.version_id}"'


def _stored(row: Sequence[Any]) -> Stored:
    seq, rtype, rid, vid, lu, deleted, method, text = row
    return Stored(
        rtype, rid, vid, lu, bool(deleted), method, seq, fhir_json.loads(text) if text else None
    )


_SELECT_HISTORY = "SELECT seq, type, id, vid, lu, deleted, method, json FROM history"


def _stamp(resource: dict[str, Any], vid: str, lu_ms: int) -> dict[str, Any]:
    """A copy of the resource with the server-owned ``meta.versionId`` and ``meta.lastUpdated``."""
    stamped = dict(resource)
    meta = dict(stamped.get("meta") or {})
    meta["versionId"] = vid
    meta["lastUpdated"] = format_instant(lu_ms)
    stamped["meta"] = meta
    return stamped


class Storage:
    """Thread-safe access to one SQLite database (a file path or ``:memory:``)."""

    def __init__(self, path: str | Path = ":memory:", clock: Clock | None = None) -> None:
        self.clock: Clock = clock or (lambda: datetime.now(UTC))
        # check_same_thread=False: the lock below, not the thread, guards the connection.
        self._conn = sqlite3.connect(
            str(path), check_same_thread=False, isolation_level=None, cached_statements=256
        )
        self._lock = threading.RLock()
        with self._lock:
            if str(path) != ":memory:":
                self._conn.execute("PRAGMA journal_mode=WAL")
                self._conn.execute("PRAGMA synchronous=NORMAL")
            self._conn.executescript(_SCHEMA)
            row = self._conn.execute(
                "SELECT value FROM server_state WHERE key = 'last_ms'"
            ).fetchone()
            self._last_ms: int = row[0] if row else 0

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    # -- the server clock ------------------------------------------------------------------

    def _tick(self) -> int:
        """A new instant for a write: after every instant handed out before (lock held)."""
        self._last_ms = max(to_ms(self.clock()), self._last_ms + 1)
        return self._last_ms

    def server_time_ms(self) -> int:
        """'Now' for a search answer. Later writes get a strictly later ``lastUpdated``.

        So a client that asks ``_lastUpdated=gt{this}`` next time cannot miss a write that
        happened in the same millisecond as this answer.
        """
        with self._lock:
            self._last_ms = max(to_ms(self.clock()), self._last_ms)
            return self._last_ms

    # -- units of work -----------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[Tx]:
        """All writes inside commit together, or none do (an exception rolls back)."""
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield Tx(self, self._conn)
                self._conn.execute(
                    "INSERT OR REPLACE INTO server_state (key, value) VALUES ('last_ms', ?)",
                    (self._last_ms,),
                )
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    @contextmanager
    def reading(self) -> Iterator[Tx]:
        with self._lock:
            yield Tx(self, self._conn)

    def total(self) -> int:
        """How many live (non-deleted) resources the server holds."""
        with self.reading() as tx:
            return tx.count()

    # -- bulk load ---------------------------------------------------------------------------

    def load(self, resources: Iterable[dict[str, Any]]) -> int:
        """Store many resources in one transaction (seeding); returns how many.

        Each resource must carry ``resourceType`` and ``id``. They all get one new version with
        one shared ``lastUpdated`` — a load is a single server instant. Existing resources with the
        same type and id are replaced by a new version.
        """
        batch = list(resources)
        with self.transaction() as tx:
            lu = self._tick()
            if tx.count() > 0:
                # Reloading over existing data: drop the index rows of what gets replaced.
                keys = [(r["resourceType"], r["id"]) for r in batch]
                tx.conn.executemany("DELETE FROM sp WHERE type = ? AND id = ?", keys)
                tx.conn.executemany("DELETE FROM sp_date WHERE type = ? AND id = ?", keys)
            cursor = tx.conn.execute("SELECT COALESCE(MAX(seq), 0) FROM history")
            seq = int(cursor.fetchone()[0])
            history_rows: list[tuple[Any, ...]] = []
            resource_rows: list[tuple[Any, ...]] = []
            token_rows: list[tuple[Any, ...]] = []
            date_rows: list[tuple[Any, ...]] = []
            for resource in batch:
                seq += 1
                rtype, rid = resource["resourceType"], resource["id"]
                vid = str(uuid.uuid4())
                stamped = _stamp(resource, vid, lu)
                text = fhir_json.dumps(stamped)
                history_rows.append((seq, rtype, rid, vid, lu, 0, "PUT", text))
                resource_rows.append((rtype, rid, vid, lu, seq, 0))
                tokens, dates = index_rows(stamped)
                token_rows.extend((rtype, rid, *row) for row in tokens)
                date_rows.extend((rtype, rid, *row) for row in dates)
            tx.conn.executemany("INSERT INTO history VALUES (?, ?, ?, ?, ?, ?, ?, ?)", history_rows)
            tx.conn.executemany(
                "INSERT OR REPLACE INTO resources VALUES (?, ?, ?, ?, ?, ?)", resource_rows
            )
            tx.conn.executemany("INSERT INTO sp VALUES (?, ?, ?, ?, ?, ?)", token_rows)
            tx.conn.executemany("INSERT INTO sp_date VALUES (?, ?, ?, ?, ?)", date_rows)
        return len(batch)


class Tx:
    """Operations inside one unit of work (the storage lock is held)."""

    def __init__(self, storage: Storage, conn: sqlite3.Connection) -> None:
        self.storage = storage
        self.conn = conn

    def current(self, resource_type: str, resource_id: str) -> Stored | None:
        """The latest version (possibly a deletion), or ``None`` if it never existed."""
        row = self.conn.execute(
            _SELECT_HISTORY + " WHERE seq = (SELECT seq FROM resources WHERE type = ? AND id = ?)",  # noqa: S608
            (resource_type, resource_id),
        ).fetchone()
        return _stored(row) if row else None

    def version(self, resource_type: str, resource_id: str, version_id: str) -> Stored | None:
        row = self.conn.execute(
            _SELECT_HISTORY + " WHERE type = ? AND id = ? AND vid = ?",
            (resource_type, resource_id, version_id),
        ).fetchone()
        return _stored(row) if row else None

    def write(
        self, resource_type: str, resource_id: str, resource: dict[str, Any], method: str
    ) -> Stored:
        """A new current version; ``meta.versionId``/``lastUpdated`` are set here."""
        lu = self.storage._tick()
        vid = str(uuid.uuid4())
        stamped = _stamp(resource, vid, lu)
        text = fhir_json.dumps(stamped)
        seq = self._append(resource_type, resource_id, vid, lu, False, method, text)
        tokens, dates = index_rows(stamped)
        self.conn.executemany(
            "INSERT INTO sp VALUES (?, ?, ?, ?, ?, ?)",
            [(resource_type, resource_id, *row) for row in tokens],
        )
        self.conn.executemany(
            "INSERT INTO sp_date VALUES (?, ?, ?, ?, ?)",
            [(resource_type, resource_id, *row) for row in dates],
        )
        return Stored(resource_type, resource_id, vid, lu, False, method, seq, stamped)

    def delete(self, resource_type: str, resource_id: str) -> Stored:
        lu = self.storage._tick()
        vid = str(uuid.uuid4())
        seq = self._append(resource_type, resource_id, vid, lu, True, "DELETE", None)
        return Stored(resource_type, resource_id, vid, lu, True, "DELETE", seq, None)

    def _append(
        self, rtype: str, rid: str, vid: str, lu: int, deleted: bool, method: str, text: str | None
    ) -> int:
        cursor = self.conn.execute(
            "INSERT INTO history (type, id, vid, lu, deleted, method, json)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (rtype, rid, vid, lu, int(deleted), method, text),
        )
        seq = int(cursor.lastrowid or 0)
        self.conn.execute(
            "INSERT OR REPLACE INTO resources VALUES (?, ?, ?, ?, ?, ?)",
            (rtype, rid, vid, lu, seq, int(deleted)),
        )
        # The index describes only the current version; a delete leaves nothing to find.
        self.conn.execute("DELETE FROM sp WHERE type = ? AND id = ?", (rtype, rid))
        self.conn.execute("DELETE FROM sp_date WHERE type = ? AND id = ?", (rtype, rid))
        return seq

    # -- search and history ------------------------------------------------------------------

    def search_ids(self, query: SearchQuery) -> list[str]:
        sql, args = query.sql()
        return [row[0] for row in self.conn.execute(sql, args)]

    def fetch_current(self, resource_type: str, ids: Sequence[str]) -> list[Stored]:
        """The current, non-deleted versions of these ids, in the given order (missing skipped)."""
        found: dict[str, Stored] = {}
        for start in range(0, len(ids), _MAX_VARS):
            chunk = list(ids[start : start + _MAX_VARS])
            marks = ", ".join("?" * len(chunk))
            # Constant text and "?" placeholders only; every value is bound.
            where = f" WHERE seq IN (SELECT seq FROM resources WHERE type = ? AND deleted = 0 AND id IN ({marks}))"  # noqa: S608, E501
            sql = _SELECT_HISTORY + where
            for row in self.conn.execute(sql, [resource_type, *chunk]):
                stored = _stored(row)
                found[stored.id] = stored
        return [found[i] for i in ids if i in found]

    def included(
        self, resource_type: str, ids: Sequence[str], includes: Sequence[tuple[str, str | None]]
    ) -> list[Stored]:
        """The resources that ``ids`` point to through the given reference parameters."""
        targets: dict[str, list[str]] = {}
        for param, target in includes:
            for start in range(0, len(ids), _MAX_VARS):
                chunk = list(ids[start : start + _MAX_VARS])
                marks = ", ".join("?" * len(chunk))
                sql = (
                    f"SELECT DISTINCT val FROM sp WHERE type = ? AND param = ? AND id IN ({marks})"  # noqa: S608
                )
                for (value,) in self.conn.execute(sql, [resource_type, param, *chunk]):
                    rtype, _, rid = str(value).partition("/")
                    if target is None or rtype == target:
                        targets.setdefault(rtype, [])
                        if rid not in targets[rtype]:
                            targets[rtype].append(rid)
        found: list[Stored] = []
        for rtype, rids in targets.items():
            found.extend(self.fetch_current(rtype, rids))
        return found

    def history_seqs(
        self,
        resource_type: str | None,
        resource_id: str | None,
        since_ms: int | None,
        at_most: int | None = None,
    ) -> list[int]:
        """Version keys, newest first, for instance/type/system history."""
        clauses: list[str] = []
        args: list[Any] = []
        if resource_type is not None:
            clauses.append("type = ?")
            args.append(resource_type)
        if resource_id is not None:
            clauses.append("id = ?")
            args.append(resource_id)
        if since_ms is not None:
            clauses.append("lu >= ?")
            args.append(since_ms)
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        sql = f"SELECT seq FROM history{where} ORDER BY seq DESC"  # noqa: S608 -- constant fragments
        if at_most is not None:
            sql += f" LIMIT {int(at_most)}"
        return [row[0] for row in self.conn.execute(sql, args)]

    def fetch_history(self, seqs: Sequence[int]) -> list[Stored]:
        found: dict[int, Stored] = {}
        for start in range(0, len(seqs), _MAX_VARS):
            chunk = list(seqs[start : start + _MAX_VARS])
            marks = ", ".join("?" * len(chunk))
            for row in self.conn.execute(_SELECT_HISTORY + f" WHERE seq IN ({marks})", chunk):
                stored = _stored(row)
                found[stored.seq] = stored
        return [found[s] for s in seqs if s in found]

    def count(self, resource_type: str | None = None) -> int:
        if resource_type is None:
            row = self.conn.execute("SELECT COUNT(*) FROM resources WHERE deleted = 0").fetchone()
        else:
            row = self.conn.execute(
                "SELECT COUNT(*) FROM resources WHERE type = ? AND deleted = 0", (resource_type,)
            ).fetchone()
        return int(row[0])
