"""Staff sign-in state in the cache: migration 6, PIN verifiers, wrong-PIN counters, clean-up."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bedside.store import MemoryKeyStore, PinFailures, Store
from bedside.store.connection import open_encrypted
from bedside.store.migrations import migrate, schema_version
from bedside.store.staff import badge_key
from tests.store.conftest import KEY_NAME

KEY = b"\x07" * 32
BADGE = "B424242"
NOW = datetime(2026, 11, 22, 8, 0, tzinfo=UTC)


def test_migration_6_adds_the_staff_tables_to_a_version_5_cache_and_keeps_its_data(
    tmp_path: Path,
) -> None:
    conn = open_encrypted(tmp_path / "c", KEY)
    migrate(conn, target=5)
    conn.execute("INSERT INTO resource (type, id, json) VALUES ('Patient', 'p1', '{}')")
    assert migrate(conn, target=6) == 6
    assert schema_version(conn) == 6
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"staff_verifier", "pin_failure"} <= tables
    assert conn.execute("SELECT id FROM resource").fetchall() == [("p1",)]
    conn.close()


def test_a_badge_is_stored_as_a_digest_never_as_itself() -> None:
    key = badge_key(BADGE)
    assert BADGE not in key
    assert key == badge_key(BADGE)
    assert key != badge_key("B424243")


@pytest.mark.asyncio
async def test_a_verifier_is_saved_read_back_and_replaced(store: Store) -> None:
    assert await store.staff_verifier(BADGE) is None
    await store.save_staff_verifier(
        BADGE,
        practitioner_id="pr1",
        name="Léa Blanc",
        role="Registered nurse",
        verifier="$argon2id$v=19$m=8,t=1,p=1$first",
        verified_at=NOW,
    )
    later = NOW + timedelta(hours=2)
    await store.save_staff_verifier(
        BADGE,
        practitioner_id="pr1",
        name="Léa Blanc",
        role=None,
        verifier="$argon2id$v=19$m=8,t=1,p=1$second",
        verified_at=later,
    )
    found = await store.staff_verifier(BADGE)
    assert found is not None
    assert (found.practitioner_id, found.name, found.role) == ("pr1", "Léa Blanc", None)
    assert found.verifier.endswith("$second")
    assert found.verified_at == later
    await store.forget_staff_verifier(BADGE)
    assert await store.staff_verifier(BADGE) is None


@pytest.mark.asyncio
async def test_naive_instants_are_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        await store.record_pin_failure(BADGE, datetime(2026, 1, 1), None)


@pytest.mark.asyncio
async def test_wrong_pins_are_counted_per_badge_and_cleared(store: Store) -> None:
    assert await store.pin_failures(BADGE) == PinFailures()
    await store.record_pin_failure(BADGE, NOW, None)
    lock = NOW + timedelta(minutes=15)
    second = await store.record_pin_failure(BADGE, NOW + timedelta(seconds=1), lock)
    assert second == PinFailures(2, NOW + timedelta(seconds=1), lock)
    assert await store.pin_failures("B000001") == PinFailures()
    await store.clear_pin_failures(BADGE)
    assert await store.pin_failures(BADGE) == PinFailures()


@pytest.mark.asyncio
async def test_counters_survive_closing_and_reopening_the_cache(
    cache_file: Path, keys: MemoryKeyStore
) -> None:
    lock = NOW + timedelta(minutes=15)
    async with await Store.open(cache_file, keys, key_name=KEY_NAME) as first:
        await first.record_pin_failure(BADGE, NOW, lock)
    async with await Store.open(cache_file, keys, key_name=KEY_NAME) as again:
        assert await again.pin_failures(BADGE) == PinFailures(1, NOW, lock)


@pytest.mark.asyncio
async def test_uploaded_audit_events_are_dropped_and_waiting_ones_kept(store: Store) -> None:
    event = {
        "resourceType": "AuditEvent",
        "id": "a1",
        "recorded": "2026-11-22T08:00:00.000Z",
        "entity": [{"what": {"reference": "Patient/p1"}}],
    }
    await store.record_local_change(
        event, operation="create", kind="event", created_at="2026-11-22T08:00:00.000Z"
    )
    waiting = {**event, "id": "a2"}
    await store.record_local_change(
        waiting, operation="create", kind="event", created_at="2026-11-22T08:00:00.000Z"
    )
    [first, _] = await store.outbox()
    await store.complete_upload(
        first.seq, {**event, "meta": {"versionId": "1"}}, settled_at="2026-11-22T08:00:01.000Z"
    )
    assert await store.forget_uploaded_audit_events() == 1
    assert await store.get("AuditEvent", "a1") is None
    assert await store.get("AuditEvent", "a2") is not None
