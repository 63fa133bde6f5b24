"""Staff sessions: online and offline sign-in, throttling and lock-out, locks, and what is kept.

The EHR's PIN check is a double at its seam (:class:`PinVerifier`) except in the loopback test at
the end; the cache is a real SQLCipher file; argon2id runs with cheap parameters.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from argon2 import PasswordHasher

from bedside.app.workspace import EhrPinCheck
from bedside.services.recording import Recorder
from bedside.services.session import (
    LockReason,
    SignInOutcome,
    StaffSessions,
    tablet_hasher,
)
from bedside.store import MemoryKeyStore, Store
from bedside.store.connection import open_encrypted
from bedside.sync import (
    FhirClient,
    OfflineError,
    PinRejectedError,
    ServerError,
    StaffDirectory,
    SyncTimeoutError,
    UnknownBadgeError,
)
from tests.sync.ehr import own_ehr

BADGE = "B735911"
PIN = "975318"
NOW = datetime(2026, 11, 22, 8, 0, tzinfo=UTC)
CHEAP = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
NURSE = {
    "resourceType": "Practitioner",
    "id": "nurse-1",
    "identifier": [{"system": "urn:badges", "value": BADGE}],
    "active": True,
    "name": [{"use": "official", "family": "Blanc", "given": ["Léa"]}],
    "qualification": [
        {"code": {"coding": [{"system": "urn:roles", "code": "nurse", "display": "Nurse"}]}}
    ],
}


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


class FakeDirectory:
    """The EHR's PIN check: knows one badge and PIN, or is offline."""

    def __init__(self) -> None:
        self.error: Exception | None = None
        self.calls = 0

    async def verify_pin(self, badge: str, pin: str) -> Mapping[str, Any]:
        self.calls += 1
        if self.error is not None:
            raise self.error
        if badge != BADGE:
            raise UnknownBadgeError("unknown", status=404)
        if pin != PIN:
            raise PinRejectedError("wrong", status=403)
        return NURSE


KEY = b"\x42" * 32


@pytest_asyncio.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    keys = MemoryKeyStore()
    keys.set_key("k", KEY)
    opened = await Store.open(tmp_path / "cache", keys, key_name="k")
    yield opened
    await opened.close()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def directory() -> FakeDirectory:
    return FakeDirectory()


def sessions_for(store: Store, directory: Any, clock: Clock, **options: Any) -> StaffSessions:
    settings: dict[str, Any] = {
        "offline_window": timedelta(hours=12),
        "max_attempts": 5,
        "lockout": timedelta(minutes=15),
        "device_id": "tablet-7",
        "hasher": CHEAP,
        **options,
    }
    # The directory's sync errors reach the service mapped, as the composition root wires it.
    return StaffSessions(
        store, EhrPinCheck(directory), Recorder(store, "site", clock=clock), clock=clock, **settings
    )


@pytest.fixture
def sessions(store: Store, directory: FakeDirectory, clock: Clock) -> StaffSessions:
    return sessions_for(store, directory, clock)


async def audit_events(store: Store) -> list[dict[str, Any]]:
    return [e.payload or {} for e in await store.outbox() if e.resource_type == "AuditEvent"]


def subtype(event: dict[str, Any]) -> str:
    return str(event["subtype"][0]["code"])


# Online ------------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_an_online_sign_in_signs_in_and_keeps_a_verifier_not_the_pin(
    sessions: StaffSessions, store: Store
) -> None:
    result = await sessions.sign_in(f" {BADGE}\n", PIN)
    assert result.outcome == SignInOutcome.SIGNED_IN
    assert result.online
    assert result.staff is not None
    assert (result.staff.practitioner_id, result.staff.name, result.staff.role) == (
        "nurse-1",
        "Léa Blanc",
        "Nurse",
    )
    assert result.offline_until == NOW + timedelta(hours=12)
    assert sessions.current == result.staff
    verifier = await store.staff_verifier(BADGE)
    assert verifier is not None
    assert verifier.verifier.startswith("$argon2id$")
    assert PIN not in verifier.verifier
    assert verifier.verified_at == NOW


@pytest.mark.asyncio
async def test_each_online_sign_in_refreshes_the_verifier_with_a_new_salt(
    sessions: StaffSessions, store: Store, clock: Clock
) -> None:
    await sessions.sign_in(BADGE, PIN)
    first = await store.staff_verifier(BADGE)
    clock.advance(hours=1)
    await sessions.sign_in(BADGE, PIN)
    second = await store.staff_verifier(BADGE)
    assert first is not None
    assert second is not None
    assert first.verifier != second.verifier
    assert second.verified_at == NOW + timedelta(hours=1)


@pytest.mark.asyncio
async def test_with_a_zero_offline_window_no_verifier_is_kept(
    store: Store, directory: FakeDirectory, clock: Clock
) -> None:
    sessions = sessions_for(store, directory, clock, offline_window=timedelta(0))
    result = await sessions.sign_in(BADGE, PIN)
    assert result.outcome == SignInOutcome.SIGNED_IN
    assert result.offline_until is None
    assert await store.staff_verifier(BADGE) is None


@pytest.mark.asyncio
async def test_an_unknown_badge_is_refused_and_forgets_any_verifier(
    sessions: StaffSessions, store: Store, directory: FakeDirectory
) -> None:
    await sessions.sign_in(BADGE, PIN)
    directory.error = UnknownBadgeError("gone", status=404)
    result = await sessions.sign_in(BADGE, PIN)
    assert result.outcome == SignInOutcome.UNKNOWN_BADGE
    assert await store.staff_verifier(BADGE) is None


@pytest.mark.asyncio
async def test_an_ehr_failure_other_than_offline_refuses_without_an_offline_fallback(
    sessions: StaffSessions, directory: FakeDirectory
) -> None:
    await sessions.sign_in(BADGE, PIN)
    directory.error = ServerError("down", status=503)
    result = await sessions.sign_in(BADGE, PIN)
    assert result.outcome == SignInOutcome.EHR_UNAVAILABLE


# Offline -----------------------------------------------------------------------------------


@pytest.mark.asyncio
@pytest.mark.parametrize("error", [OfflineError("off"), SyncTimeoutError("slow")])
async def test_offline_the_same_badge_and_pin_sign_in_within_the_window(
    sessions: StaffSessions, directory: FakeDirectory, clock: Clock, error: Exception
) -> None:
    await sessions.sign_in(BADGE, PIN)
    await sessions.lock(LockReason.USER)
    directory.error = error
    clock.advance(hours=11, minutes=59)
    result = await sessions.sign_in(BADGE, PIN)
    assert result.outcome == SignInOutcome.SIGNED_IN
    assert not result.online
    assert result.staff is not None
    assert result.staff.practitioner_id == "nurse-1"
    assert result.offline_until == NOW + timedelta(hours=12)


@pytest.mark.asyncio
async def test_offline_after_the_window_the_sign_in_is_refused(
    sessions: StaffSessions, directory: FakeDirectory, clock: Clock
) -> None:
    await sessions.sign_in(BADGE, PIN)
    directory.error = OfflineError("off")
    clock.advance(hours=12)
    result = await sessions.sign_in(BADGE, PIN)
    assert result.outcome == SignInOutcome.OFFLINE_EXPIRED
    assert result.staff is None


@pytest.mark.asyncio
async def test_offline_a_badge_never_signed_in_here_is_refused(
    sessions: StaffSessions, directory: FakeDirectory
) -> None:
    directory.error = OfflineError("off")
    result = await sessions.sign_in(BADGE, PIN)
    assert result.outcome == SignInOutcome.OFFLINE_NEVER_ONLINE_HERE


@pytest.mark.asyncio
async def test_offline_a_wrong_pin_counts_like_an_online_one(
    sessions: StaffSessions, directory: FakeDirectory
) -> None:
    await sessions.sign_in(BADGE, PIN)
    directory.error = OfflineError("off")
    result = await sessions.sign_in(BADGE, "000000")
    assert result.outcome == SignInOutcome.WRONG_PIN
    assert result.attempts_left == 4


# Throttling and lock-out -------------------------------------------------------------------


@pytest.mark.asyncio
async def test_wrong_pins_count_down_then_throttle_then_lock_the_badge(
    sessions: StaffSessions, clock: Clock, directory: FakeDirectory
) -> None:
    for left in (4, 3):
        result = await sessions.sign_in(BADGE, "000000")
        assert result.outcome == SignInOutcome.WRONG_PIN
        assert result.attempts_left == left
        assert result.retry_at is None
    third = await sessions.sign_in(BADGE, "000000")
    assert (third.outcome, third.attempts_left) == (SignInOutcome.WRONG_PIN, 2)
    assert third.retry_at == NOW + timedelta(seconds=5)

    calls = directory.calls
    throttled = await sessions.sign_in(BADGE, PIN)  # even the right PIN must wait
    assert throttled.outcome == SignInOutcome.THROTTLED
    assert throttled.retry_at == NOW + timedelta(seconds=5)
    assert directory.calls == calls  # the EHR was not asked

    clock.advance(seconds=5)
    fourth = await sessions.sign_in(BADGE, "000000")
    assert (fourth.outcome, fourth.attempts_left) == (SignInOutcome.WRONG_PIN, 1)
    assert fourth.retry_at == clock.now + timedelta(seconds=10)  # the delay grows

    clock.advance(seconds=10)
    fifth = await sessions.sign_in(BADGE, "000000")
    assert fifth.outcome == SignInOutcome.LOCKED_OUT
    assert fifth.retry_at == clock.now + timedelta(minutes=15)


@pytest.mark.asyncio
async def test_a_locked_badge_stays_locked_even_with_the_right_pin_then_unlocks_after_the_time(
    sessions: StaffSessions, clock: Clock, directory: FakeDirectory
) -> None:
    sessions = sessions_for(sessions._store, directory, clock, max_attempts=3, throttle_after=10)
    for _ in range(3):
        await sessions.sign_in(BADGE, "000000")
    locked_at = clock.now
    clock.advance(minutes=14, seconds=59)
    calls = directory.calls
    refused = await sessions.sign_in(BADGE, PIN)
    assert refused.outcome == SignInOutcome.LOCKED_OUT
    assert refused.retry_at == locked_at + timedelta(minutes=15)
    assert directory.calls == calls

    clock.advance(seconds=1)
    again = await sessions.sign_in(BADGE, "000000")  # a fresh set of attempts
    assert (again.outcome, again.attempts_left) == (SignInOutcome.WRONG_PIN, 2)
    clock.advance(seconds=1)
    assert (await sessions.sign_in(BADGE, PIN)).outcome == SignInOutcome.SIGNED_IN


@pytest.mark.asyncio
async def test_a_lock_out_survives_restarting_the_app(
    tmp_path: Path, directory: FakeDirectory, clock: Clock
) -> None:
    keys = MemoryKeyStore()
    path = tmp_path / "cache"
    async with await Store.open(path, keys, key_name="k") as store:
        sessions = sessions_for(store, directory, clock, max_attempts=3, throttle_after=10)
        for _ in range(3):
            await sessions.sign_in(BADGE, "000000")
    async with await Store.open(path, keys, key_name="k") as reopened:
        sessions = sessions_for(reopened, directory, clock, max_attempts=3)
        result = await sessions.sign_in(BADGE, PIN)
    assert result.outcome == SignInOutcome.LOCKED_OUT


@pytest.mark.asyncio
async def test_a_success_clears_the_count_of_wrong_pins(
    sessions: StaffSessions, store: Store
) -> None:
    await sessions.sign_in(BADGE, "000000")
    await sessions.sign_in(BADGE, PIN)
    assert (await store.pin_failures(BADGE)).failures == 0


# Sessions, locks and audit events ----------------------------------------------------------


@pytest.mark.asyncio
async def test_sign_in_failure_lock_and_chart_opening_are_audit_events_in_the_outbox(
    sessions: StaffSessions, store: Store
) -> None:
    await sessions.sign_in(BADGE, "000000")
    await sessions.sign_in(BADGE, PIN)
    await sessions.chart_opened("patient-9")
    await sessions.lock(LockReason.IDLE)
    await sessions.chart_opened("patient-9")  # nobody signed in: nothing recorded
    await sessions.lock(LockReason.IDLE)  # already locked: nothing recorded

    failed, signed_in, opened, locked = await audit_events(store)
    assert (subtype(failed), failed["outcome"]) == ("110122", "4")
    # A badge never signed in here: no staff member to name, only the device.
    assert [a["who"]["identifier"]["value"] for a in failed["agent"]] == ["tablet-7"]
    assert (subtype(signed_in), signed_in["outcome"]) == ("110122", "0")
    assert signed_in["agent"][0]["who"] == {
        "reference": "Practitioner/nurse-1",
        "display": "Léa Blanc",
    }
    assert opened["type"]["code"] == "110110"
    assert opened["action"] == "R"
    assert opened["entity"][0]["what"] == {"reference": "Patient/patient-9"}
    assert (subtype(locked), locked["outcomeDesc"]) == ("110123", "locked: idle")
    assert sessions.current is None


@pytest.mark.asyncio
async def test_a_wrong_pin_for_a_known_badge_names_the_staff_member_and_a_lock_out_is_serious(
    store: Store, directory: FakeDirectory, clock: Clock
) -> None:
    sessions = sessions_for(store, directory, clock, max_attempts=3, throttle_after=10)
    await sessions.sign_in(BADGE, PIN)
    for _ in range(3):
        await sessions.sign_in(BADGE, "000000")
    events = await audit_events(store)
    refused = [e for e in events if e["outcome"] != "0"]
    assert [e["outcome"] for e in refused] == ["4", "4", "8"]
    assert refused[0]["agent"][0]["who"]["reference"] == "Practitioner/nurse-1"


@pytest.mark.asyncio
async def test_another_badge_is_recognised_and_the_previous_session_is_closed(
    sessions: StaffSessions, store: Store
) -> None:
    assert not sessions.is_other_badge(BADGE)  # nobody signed in
    await sessions.sign_in(BADGE, PIN)
    assert not sessions.is_other_badge(f"{BADGE}\r")
    assert sessions.is_other_badge("B000001")


@pytest.mark.asyncio
async def test_neither_pin_nor_badge_appears_in_logs_or_in_the_cache_file(
    sessions: StaffSessions,
    store: Store,
    directory: FakeDirectory,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.DEBUG):
        await sessions.sign_in(BADGE, "000000")
        await sessions.sign_in(BADGE, PIN)
        await sessions.chart_opened("patient-9")
        await sessions.lock(LockReason.OTHER_BADGE)
        directory.error = OfflineError("off")
        await sessions.sign_in(BADGE, PIN)
        await sessions.sign_in("B999999", "123456")
    for secret in (BADGE, PIN, "000000", "B999999"):
        assert secret not in caplog.text
        assert secret not in repr(sessions.current)

    conn = open_encrypted(tmp_path / "cache", KEY)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        dump = []
        for table in tables:
            for row in conn.execute(f"SELECT * FROM {table}"):
                dump.extend(str(value) for value in row)
    finally:
        conn.close()
    text = "\n".join(dump)
    assert "$argon2id$" in text  # the verifier is there…
    for secret in (BADGE, PIN, "000000", "B999999"):
        assert secret not in text  # …but no badge or PIN in clear


def test_the_tablet_hasher_uses_rfc_9106_second_recommended_parameters() -> None:
    hasher = tablet_hasher()
    assert (hasher.time_cost, hasher.memory_cost, hasher.parallelism) == (3, 64 * 1024, 4)


# Against the sandbox EHR over loopback -----------------------------------------------------


@pytest.mark.asyncio
async def test_a_nurse_signs_in_online_on_the_sandbox_and_then_offline_when_it_is_gone(
    store: Store, clock: Clock
) -> None:
    async with own_ehr() as ehr:
        ehr.sandbox.staff_pins.enroll_all(ehr.ward.staff_credentials)
        nurse = next(c for c in ehr.ward.staff_credentials if c.role == "nurse")
        client = ehr.client(timeout=2.0)
        async with client:
            sessions = sessions_for(store, StaffDirectory(client), clock)
            online = await sessions.sign_in(nurse.badge, nurse.pin)
            await sessions.lock(LockReason.USER)
    assert online.outcome == SignInOutcome.SIGNED_IN
    assert online.staff is not None
    assert online.staff.practitioner_id == nurse.practitioner_id
    assert online.staff.name == nurse.name

    gone = FhirClient(ehr.base_url, None, retry=client.retry)
    async with gone:
        sessions = sessions_for(store, StaffDirectory(gone), clock)
        offline = await sessions.sign_in(nurse.badge, nurse.pin)
    assert offline.outcome == SignInOutcome.SIGNED_IN
    assert not offline.online
