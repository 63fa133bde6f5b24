"""Schema migrations run from an empty file and from every older version, one transaction each."""

from __future__ import annotations

from pathlib import Path

import pytest

from bedside.store import MigrationError, Store
from bedside.store.connection import open_encrypted
from bedside.store.migrations import LATEST_VERSION, MIGRATIONS, Migration, migrate, schema_version

KEY = b"\x07" * 32


def test_migrations_bring_an_empty_file_to_the_latest_version(tmp_path: Path) -> None:
    conn = open_encrypted(tmp_path / "c", KEY)
    assert schema_version(conn) == 0
    assert migrate(conn) == LATEST_VERSION
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"resource", "outbox", "sync_state", "device"} <= tables
    # Resources are kilobytes of JSON: a rowid table (WITHOUT ROWID cost 6× per insert).
    [resource_sql] = conn.execute(
        "SELECT sql FROM sqlite_master WHERE name = 'resource'"
    ).fetchone()
    assert "WITHOUT ROWID" not in resource_sql
    conn.close()


@pytest.mark.parametrize("start", range(1, LATEST_VERSION))
def test_migrations_upgrade_each_older_version_and_keep_its_data(
    tmp_path: Path, start: int
) -> None:
    conn = open_encrypted(tmp_path / "c", KEY)
    migrate(conn, target=start)
    conn.execute(
        "INSERT INTO resource (type, id, json) VALUES ('Patient', 'p1', '{\"id\":\"p1\"}')"
    )
    conn.execute("INSERT INTO device (name, value) VALUES ('site', 'demo')")
    conn.close()

    conn = open_encrypted(tmp_path / "c", KEY)
    assert schema_version(conn) == start
    assert migrate(conn) == LATEST_VERSION
    assert conn.execute("SELECT json FROM resource").fetchall() == [('{"id":"p1"}',)]
    assert conn.execute("SELECT value FROM device").fetchall() == [("demo",)]
    conn.close()


def test_a_failing_migration_is_rolled_back_and_leaves_the_previous_version(
    tmp_path: Path,
) -> None:
    conn = open_encrypted(tmp_path / "c", KEY)
    migrate(conn)

    def broken(c: object) -> None:
        c.execute("CREATE TABLE half_done (x)")  # type: ignore[attr-defined]
        c.execute("THIS IS NOT SQL")  # type: ignore[attr-defined]

    steps = [*MIGRATIONS, Migration(LATEST_VERSION + 1, "broken on purpose", broken)]
    with pytest.raises(MigrationError, match=f"still at schema {LATEST_VERSION}"):
        migrate(conn, target=LATEST_VERSION + 1, steps=steps)
    assert schema_version(conn) == LATEST_VERSION
    names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    assert "half_done" not in names
    conn.close()


@pytest.mark.asyncio
async def test_a_cache_from_a_newer_bedside_is_refused_with_a_clear_message(
    tmp_path: Path,
) -> None:
    from bedside.store import MemoryKeyStore

    keys = MemoryKeyStore()
    keys.set_key("k", KEY)
    conn = open_encrypted(tmp_path / "c", KEY)
    migrate(conn)
    conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 5}")
    conn.close()
    with pytest.raises(MigrationError, match="newer Bedside"):
        await Store.open(tmp_path / "c", keys, key_name="k")


def test_the_cache_runs_in_wal_mode_with_full_synchronous_writes(tmp_path: Path) -> None:
    conn = open_encrypted(tmp_path / "c", KEY)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    conn.close()
