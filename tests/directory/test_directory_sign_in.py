"""Directory sign-in end to end against a real slapd: settings → LDAP over TLS → session service.

The first sign-in of a shift checks the account's password with the hospital directory (StartTLS
or LDAPS, the test CA trusted through ``directory.ca_bundle``), the nurse chooses a PIN, and later
sign-ins are badge + that PIN, checked on the tablet whether or not the directory answers. The
cache is a real SQLCipher file holding the EHR's Practitioners; argon2id runs with cheap
parameters. Every person is synthetic.
"""

from __future__ import annotations

import logging
import socket
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from argon2 import PasswordHasher

from bedside.app.directory import bind_password_name, ldap_directory
from bedside.app.workspace import DirectoryPasswordCheck, staff_sessions
from bedside.directory import (
    AccountNotFoundError,
    DirectoryCertificateError,
    DirectoryOfflineError,
    LdapConfig,
    LdapDirectory,
    WrongPasswordError,
)
from bedside.services.recording import Recorder
from bedside.services.session import (
    LockReason,
    SignInOutcome,
    SignInService,
    SignInStep,
    StaffIdentity,
    StaffSessions,
)
from bedside.settings import DeviceSettings, DirectorySettings, Settings, StaffSettings
from bedside.store import MemoryKeyStore, Store
from bedside.sync.tls import ssl_context
from tests.directory.slapd import (
    DOCTOR,
    NURSE,
    SERVICE_DN,
    SERVICE_PASSWORD,
    STAFF_BASE,
    TWIN_A,
    Slapd,
)
from tests.pki import make_pki

STAFF_SYSTEM = "urn:oid:1.2.250.1.999.7"  # the test hospital's staff numbers
NOW = datetime(2026, 11, 24, 6, 45, tzinfo=UTC)
CHEAP = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
NEW_PIN = "582047"
SITE = "test-site"


def practitioner(pid: str, number: str, name: str) -> dict[str, Any]:
    given, family = name.split()
    return {
        "resourceType": "Practitioner",
        "id": pid,
        "meta": {"versionId": "1", "lastUpdated": "2026-11-01T00:00:00Z"},
        "identifier": [{"system": STAFF_SYSTEM, "value": number}],
        "active": True,
        "name": [{"use": "official", "family": family, "given": [given]}],
    }


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest_asyncio.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    opened = await Store.open(tmp_path / "cache", MemoryKeyStore(), key_name="k")
    # The EHR's staff list as the tablet's last pull left it: the nurse and the doctor (not the
    # twins, whose badge is refused before that matters).
    await opened.put_server_resources(
        [
            practitioner("pr-nurse", NURSE.number, NURSE.name),
            practitioner("pr-doctor", DOCTOR.number, DOCTOR.name),
        ]
    )
    yield opened
    await opened.close()


@pytest.fixture
def clock() -> Clock:
    return Clock()


def settings_for(url: str, ca: Path | None, **directory: Any) -> Settings:
    values: dict[str, Any] = {
        "url": url,
        "base_dn": STAFF_BASE,
        "bind_dn": SERVICE_DN,
        "ca_bundle": ca,
        "identifier_system": STAFF_SYSTEM,
        "timeout_s": 2,
        **directory,
    }
    return Settings(
        device=DeviceSettings(site_id=SITE),
        staff=StaffSettings(signin="directory"),
        directory=DirectorySettings(**values),
    )


def service_keys() -> MemoryKeyStore:
    keys = MemoryKeyStore()
    keys.set_key(bind_password_name(SITE), SERVICE_PASSWORD.encode())
    return keys


@dataclass
class Counting:
    """The directory check, counted (later sign-ins must not ask it)."""

    inner: DirectoryPasswordCheck
    calls: int = 0

    async def check_password(self, badge: str, password: str) -> StaffIdentity:
        self.calls += 1
        return await self.inner.check_password(badge, password)


def check_for(settings: Settings, keys: MemoryKeyStore | None = None) -> Counting:
    directory = ldap_directory(settings, keys if keys is not None else service_keys())
    assert directory is not None
    return Counting(DirectoryPasswordCheck(directory, identifier_system=STAFF_SYSTEM))


def sessions_for(store: Store, accounts: Any, clock: Clock, **options: Any) -> StaffSessions:
    values: dict[str, Any] = {
        "offline_window": timedelta(hours=12),
        "max_attempts": 5,
        "lockout": timedelta(minutes=15),
        "device_id": "tablet-7",
        "shift": timedelta(hours=12),
        "pin_min_length": 6,
        "hasher": CHEAP,
        **options,
    }
    recorder = Recorder(store, "site", clock=clock)
    return StaffSessions(store, None, recorder, accounts=accounts, clock=clock, **values)


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def audit_events(store: Store) -> list[dict[str, Any]]:
    return [e.payload or {} for e in await store.outbox() if e.resource_type == "AuditEvent"]


async def first_sign_in(sessions: StaffSessions, badge: str, password: str) -> None:
    checked = await sessions.sign_in_with_password(badge, password)
    assert checked.outcome == SignInOutcome.CHOOSE_PIN, checked
    signed = await sessions.choose_pin(badge, NEW_PIN, NEW_PIN)
    assert signed.outcome == SignInOutcome.SIGNED_IN, signed


# The first sign-in of a shift ---------------------------------------------------------------


@pytest.mark.asyncio
@pytest.mark.parametrize("over", ["starttls", "ldaps"])
async def test_the_right_password_then_a_new_pin_signs_the_nurse_in_as_the_ehrs_practitioner(
    slapd: Slapd, store: Store, clock: Clock, over: str
) -> None:
    url = slapd.starttls_url if over == "starttls" else slapd.ldaps_url
    sessions = sessions_for(store, check_for(settings_for(url, slapd.pki.ca_pem)), clock)
    assert await sessions.next_step(NURSE.badge) == SignInStep.PASSWORD

    checked = await sessions.sign_in_with_password(NURSE.badge, NURSE.password)
    assert checked.outcome == SignInOutcome.CHOOSE_PIN
    assert checked.service == SignInService.DIRECTORY
    assert checked.pin_min_length == 6
    assert checked.offline_until == NOW + timedelta(hours=12)
    assert sessions.current is None  # not signed in before the PIN is chosen

    signed = await sessions.choose_pin(NURSE.badge, NEW_PIN, NEW_PIN)
    assert signed.outcome == SignInOutcome.SIGNED_IN
    assert signed.staff is not None
    # Name and role from the directory; the id of the EHR's Practitioner with that staff number.
    assert (signed.staff.practitioner_id, signed.staff.name, signed.staff.role) == (
        "pr-nurse",
        NURSE.name,
        NURSE.title,
    )
    kept = await store.staff_verifier(NURSE.badge)
    assert kept is not None
    assert kept.verifier.startswith("$argon2id$")
    assert NEW_PIN not in kept.verifier
    assert await sessions.next_step(NURSE.badge) == SignInStep.PIN

    event = (await audit_events(store))[-1]
    assert event["outcome"] == "0"
    assert event["agent"][0]["who"]["reference"] == "Practitioner/pr-nurse"
    assert "directory" in event["outcomeDesc"]


@pytest.mark.asyncio
async def test_later_sign_ins_are_badge_and_pin_checked_on_the_tablet_without_the_directory(
    slapd: Slapd, store: Store, clock: Clock
) -> None:
    check = check_for(settings_for(slapd.starttls_url, slapd.pki.ca_pem))
    sessions = sessions_for(store, check, clock)
    await first_sign_in(sessions, NURSE.badge, NURSE.password)
    await sessions.lock(LockReason.IDLE)
    asked = check.calls

    clock.advance(hours=5)
    again = await sessions.sign_in(NURSE.badge, NEW_PIN)
    assert again.outcome == SignInOutcome.SIGNED_IN
    assert not again.online
    assert again.staff is not None
    assert again.staff.practitioner_id == "pr-nurse"
    assert again.offline_until == NOW + timedelta(hours=12)
    assert check.calls == asked


@pytest.mark.asyncio
async def test_a_wrong_pin_counts_and_the_right_one_still_works(
    slapd: Slapd, store: Store, clock: Clock
) -> None:
    sessions = sessions_for(
        store, check_for(settings_for(slapd.starttls_url, slapd.pki.ca_pem)), clock
    )
    await first_sign_in(sessions, NURSE.badge, NURSE.password)
    await sessions.lock(LockReason.USER)
    wrong = await sessions.sign_in(NURSE.badge, "000000")
    assert (wrong.outcome, wrong.attempts_left) == (SignInOutcome.WRONG_PIN, 4)
    right = await sessions.sign_in(NURSE.badge, NEW_PIN)
    assert right.outcome == SignInOutcome.SIGNED_IN


@pytest.mark.asyncio
async def test_a_wrong_password_counts_and_names_the_account_by_staff_number_in_the_audit(
    slapd: Slapd, store: Store, clock: Clock
) -> None:
    sessions = sessions_for(
        store, check_for(settings_for(slapd.starttls_url, slapd.pki.ca_pem)), clock
    )
    result = await sessions.sign_in_with_password(NURSE.badge, "Wrong-Password-0")
    assert (result.outcome, result.attempts_left) == (SignInOutcome.WRONG_PASSWORD, 4)
    assert (await store.pin_failures(NURSE.badge)).failures == 1
    assert await store.staff_verifier(NURSE.badge) is None
    (event,) = await audit_events(store)
    assert (event["outcome"], event["outcomeDesc"]) == ("4", "wrong password")
    # No Practitioner id is known for a refused attempt: the staff number says who it was.
    assert event["agent"][0]["who"] == {
        "identifier": {"system": STAFF_SYSTEM, "value": NURSE.number},
        "display": NURSE.name,
    }
    assert event["agent"][0]["requestor"] is True


@pytest.mark.asyncio
async def test_an_unknown_badge_is_unknown_and_a_badge_shared_by_two_accounts_too(
    slapd: Slapd, store: Store, clock: Clock
) -> None:
    sessions = sessions_for(
        store, check_for(settings_for(slapd.starttls_url, slapd.pki.ca_pem)), clock
    )
    unknown = await sessions.sign_in_with_password("B000000", "whatever-1")
    shared = await sessions.sign_in_with_password(TWIN_A.badge, TWIN_A.password)
    assert unknown.outcome == SignInOutcome.UNKNOWN_BADGE
    assert shared.outcome == SignInOutcome.UNKNOWN_BADGE


@pytest.mark.asyncio
async def test_a_badge_that_looks_like_a_filter_finds_nobody(slapd: Slapd) -> None:
    settings = settings_for(slapd.starttls_url, slapd.pki.ca_pem)
    directory = ldap_directory(settings, service_keys())
    assert directory is not None
    with pytest.raises(AccountNotFoundError):
        await directory.check_password("*", NURSE.password)
    with pytest.raises(AccountNotFoundError):
        await directory.check_password(f"{NURSE.badge})(uid=*", NURSE.password)


@pytest.mark.asyncio
async def test_an_empty_password_is_never_sent_as_an_unauthenticated_bind(slapd: Slapd) -> None:
    settings = settings_for(slapd.starttls_url, slapd.pki.ca_pem)
    directory = ldap_directory(settings, service_keys())
    assert directory is not None
    with pytest.raises(WrongPasswordError):
        await directory.check_password(NURSE.badge, "")


@pytest.mark.asyncio
async def test_an_account_the_ehr_does_not_know_is_refused_with_its_staff_number_audited(
    slapd: Slapd, tmp_path: Path, clock: Clock
) -> None:
    async with await Store.open(tmp_path / "empty", MemoryKeyStore(), key_name="k") as empty:
        sessions = sessions_for(
            empty, check_for(settings_for(slapd.starttls_url, slapd.pki.ca_pem)), clock
        )
        result = await sessions.sign_in_with_password(NURSE.badge, NURSE.password)
        events = await audit_events(empty)
    assert result.outcome == SignInOutcome.NO_STAFF_RECORD
    assert events[-1]["agent"][0]["who"]["identifier"]["value"] == NURSE.number


# PIN rules ----------------------------------------------------------------------------------


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("pin", "again", "outcome"),
    [
        ("4829", "4829", SignInOutcome.PIN_TOO_WEAK),  # shorter than staff.pin_min_length
        ("123456", "123456", SignInOutcome.PIN_TOO_WEAK),
        ("777777", "777777", SignInOutcome.PIN_TOO_WEAK),
        ("98765432", "98765432", SignInOutcome.PIN_TOO_WEAK),
        ("58204a", "58204a", SignInOutcome.PIN_TOO_WEAK),
        ("582047", "582074", SignInOutcome.PIN_MISMATCH),
    ],
)
async def test_a_pin_that_is_weak_or_typed_differently_twice_is_refused_and_can_be_retyped(
    slapd: Slapd, store: Store, clock: Clock, pin: str, again: str, outcome: SignInOutcome
) -> None:
    sessions = sessions_for(
        store, check_for(settings_for(slapd.starttls_url, slapd.pki.ca_pem)), clock
    )
    await sessions.sign_in_with_password(NURSE.badge, NURSE.password)
    refused = await sessions.choose_pin(NURSE.badge, pin, again)
    assert refused.outcome == outcome
    assert await store.staff_verifier(NURSE.badge) is None
    assert (await sessions.choose_pin(NURSE.badge, NEW_PIN, NEW_PIN)).outcome == (
        SignInOutcome.SIGNED_IN
    )


@pytest.mark.asyncio
async def test_the_choose_pin_step_closes_after_a_few_minutes(
    slapd: Slapd, store: Store, clock: Clock
) -> None:
    sessions = sessions_for(
        store, check_for(settings_for(slapd.starttls_url, slapd.pki.ca_pem)), clock
    )
    await sessions.sign_in_with_password(NURSE.badge, NURSE.password)
    clock.advance(minutes=3)
    late = await sessions.choose_pin(NURSE.badge, NEW_PIN, NEW_PIN)
    assert late.outcome == SignInOutcome.PIN_SETUP_EXPIRED
    other = await sessions.choose_pin(DOCTOR.badge, NEW_PIN, NEW_PIN)
    assert other.outcome == SignInOutcome.PIN_SETUP_EXPIRED


@pytest.mark.asyncio
async def test_after_the_shift_the_password_is_asked_again(
    slapd: Slapd, store: Store, clock: Clock
) -> None:
    sessions = sessions_for(
        store, check_for(settings_for(slapd.starttls_url, slapd.pki.ca_pem)), clock
    )
    await first_sign_in(sessions, NURSE.badge, NURSE.password)
    await sessions.lock(LockReason.SIGN_OUT)
    clock.advance(hours=12)
    expired = await sessions.sign_in(NURSE.badge, NEW_PIN)
    assert expired.outcome == SignInOutcome.PASSWORD_NEEDED
    assert expired.offline_until == NOW + timedelta(hours=12)
    assert await sessions.next_step(NURSE.badge) == SignInStep.PASSWORD
    await first_sign_in(sessions, NURSE.badge, NURSE.password)


# Throttling and lock-out --------------------------------------------------------------------


@pytest.mark.asyncio
async def test_repeated_wrong_pins_lock_the_badge_even_against_the_right_pin(
    slapd: Slapd, store: Store, clock: Clock
) -> None:
    sessions = sessions_for(
        store,
        check_for(settings_for(slapd.starttls_url, slapd.pki.ca_pem)),
        clock,
        max_attempts=3,
        throttle_after=10,
    )
    await first_sign_in(sessions, NURSE.badge, NURSE.password)
    await sessions.lock(LockReason.USER)
    for _ in range(2):
        assert (await sessions.sign_in(NURSE.badge, "000000")).outcome == SignInOutcome.WRONG_PIN
    locked = await sessions.sign_in(NURSE.badge, "000000")
    assert locked.outcome == SignInOutcome.LOCKED_OUT
    assert locked.retry_at == NOW + timedelta(minutes=15)
    refused = await sessions.sign_in(NURSE.badge, NEW_PIN)
    assert refused.outcome == SignInOutcome.LOCKED_OUT
    password = await sessions.sign_in_with_password(NURSE.badge, NURSE.password)
    assert password.outcome == SignInOutcome.LOCKED_OUT  # no way round it with the password
    clock.advance(minutes=15)
    assert (await sessions.sign_in(NURSE.badge, NEW_PIN)).outcome == SignInOutcome.SIGNED_IN


@pytest.mark.asyncio
async def test_wrong_passwords_count_toward_the_same_lock_out(
    slapd: Slapd, store: Store, clock: Clock
) -> None:
    sessions = sessions_for(
        store,
        check_for(settings_for(slapd.starttls_url, slapd.pki.ca_pem)),
        clock,
        max_attempts=3,
        throttle_after=10,
    )
    for _ in range(2):
        await sessions.sign_in_with_password(NURSE.badge, "Wrong-Password-0")
    locked = await sessions.sign_in_with_password(NURSE.badge, "Wrong-Password-0")
    assert locked.outcome == SignInOutcome.LOCKED_OUT
    assert (await audit_events(store))[-1]["outcome"] == "8"


# The directory down, or not trusted ---------------------------------------------------------


@pytest.mark.asyncio
async def test_with_the_directory_down_a_pin_of_this_shift_still_signs_in(
    slapd: Slapd, store: Store, clock: Clock
) -> None:
    up = sessions_for(store, check_for(settings_for(slapd.starttls_url, slapd.pki.ca_pem)), clock)
    await first_sign_in(up, NURSE.badge, NURSE.password)
    await up.lock(LockReason.IDLE)

    gone = settings_for(f"ldap://127.0.0.1:{closed_port()}", slapd.pki.ca_pem)
    down = sessions_for(store, check_for(gone), clock)
    clock.advance(hours=11, minutes=59)
    assert (await down.sign_in(NURSE.badge, NEW_PIN)).outcome == SignInOutcome.SIGNED_IN
    # The nurse who asks for the password anyway is sent back to the PIN.
    use_pin = await down.sign_in_with_password(NURSE.badge, NURSE.password)
    assert use_pin.outcome == SignInOutcome.OFFLINE_USE_PIN
    assert await store.staff_verifier(NURSE.badge) is not None

    # A badge that never signed in here is told so, in the directory's words.
    never = await down.sign_in_with_password(DOCTOR.badge, DOCTOR.password)
    assert never.outcome == SignInOutcome.OFFLINE_NEVER_ONLINE_HERE
    assert never.service == SignInService.DIRECTORY

    clock.advance(minutes=1)  # the shift is over: the PIN no longer works, password needed
    assert (await down.sign_in(NURSE.badge, NEW_PIN)).outcome == SignInOutcome.PASSWORD_NEEDED
    after = await down.sign_in_with_password(NURSE.badge, NURSE.password)
    assert after.outcome == SignInOutcome.OFFLINE_EXPIRED


@pytest.mark.asyncio
async def test_the_directory_check_of_a_stopped_server_is_offline(slapd: Slapd) -> None:
    config = LdapConfig(
        url=f"ldaps://127.0.0.1:{closed_port()}",
        base_dn=STAFF_BASE,
        tls=ssl_context(slapd.pki.ca_pem),
        timeout_s=2,
    )
    with pytest.raises(DirectoryOfflineError):
        await LdapDirectory(config).check_password(NURSE.badge, NURSE.password)


@pytest.mark.asyncio
@pytest.mark.parametrize("over", ["starttls", "ldaps"])
async def test_a_directory_whose_certificate_is_not_trusted_gets_no_password(
    slapd: Slapd, store: Store, clock: Clock, tmp_path: Path, over: str
) -> None:
    url = slapd.starttls_url if over == "starttls" else slapd.ldaps_url
    # Another CA than the one that signed slapd's certificate (and not in the OS store either).
    stranger = make_pki(tmp_path / "other", common_name="Someone else's CA").ca_pem
    config = LdapConfig(
        url=url, base_dn=STAFF_BASE, tls=ssl_context(stranger), bind_dn=SERVICE_DN, timeout_s=2
    )
    with pytest.raises(DirectoryCertificateError):
        await LdapDirectory(config, bind_password=lambda: SERVICE_PASSWORD).check_password(
            NURSE.badge, NURSE.password
        )
    sessions = sessions_for(store, check_for(settings_for(url, stranger)), clock)
    result = await sessions.sign_in_with_password(NURSE.badge, NURSE.password)
    assert result.outcome == SignInOutcome.NOT_SET_UP
    assert (await store.pin_failures(NURSE.badge)).failures == 0


@pytest.mark.asyncio
async def test_a_refused_service_account_says_not_set_up_and_counts_nothing(
    slapd: Slapd, store: Store, clock: Clock
) -> None:
    keys = MemoryKeyStore()
    keys.set_key(bind_password_name(SITE), b"not-the-service-password")
    sessions = sessions_for(
        store, check_for(settings_for(slapd.starttls_url, slapd.pki.ca_pem), keys), clock
    )
    result = await sessions.sign_in_with_password(NURSE.badge, NURSE.password)
    assert result.outcome == SignInOutcome.NOT_SET_UP
    assert (await store.pin_failures(NURSE.badge)).failures == 0


@pytest.mark.asyncio
async def test_the_service_password_may_come_from_a_file_it_controls(
    slapd: Slapd, store: Store, clock: Clock, tmp_path: Path
) -> None:
    secret = tmp_path / "bind-password"
    secret.write_text(SERVICE_PASSWORD + "\n")
    secret.chmod(0o600)
    settings = settings_for(slapd.starttls_url, slapd.pki.ca_pem, bind_password_file=secret)
    sessions = sessions_for(store, check_for(settings, MemoryKeyStore()), clock)
    await first_sign_in(sessions, DOCTOR.badge, DOCTOR.password)


# Wiring from the settings -------------------------------------------------------------------


@pytest.mark.asyncio
async def test_directory_sign_in_without_a_directory_configured_says_not_set_up_and_keeps_pins(
    store: Store, clock: Clock
) -> None:
    await store.save_staff_verifier(
        NURSE.badge,
        practitioner_id="pr-nurse",
        name=NURSE.name,
        role=None,
        verifier=CHEAP.hash(NEW_PIN),
        verified_at=NOW - timedelta(hours=20),
    )
    settings = Settings(staff=StaffSettings(signin="directory"))
    recorder = Recorder(store, "site", clock=clock)
    # No EHR is involved in directory sign-in: the engine and client are never touched.
    sessions = staff_sessions(
        store,
        None,
        None,
        settings,
        recorder,
        device_id="t",
        clock=clock,  # type: ignore[arg-type]
    )
    assert sessions.uses_passwords is False
    for result in (
        await sessions.sign_in(NURSE.badge, NEW_PIN),
        await sessions.sign_in_with_password(NURSE.badge, NURSE.password),
    ):
        assert result.outcome == SignInOutcome.NOT_SET_UP
        assert result.service == SignInService.DIRECTORY  # the directory is named, not the EHR
    assert await store.staff_verifier(NURSE.badge) is not None
    assert (await store.pin_failures(NURSE.badge)).failures == 0


@pytest.mark.asyncio
async def test_the_settings_build_a_working_directory_sign_in(
    slapd: Slapd, store: Store, clock: Clock
) -> None:
    settings = settings_for(slapd.ldaps_url, slapd.pki.ca_pem)
    recorder = Recorder(store, "site", clock=clock)
    sessions = staff_sessions(
        store,
        None,  # type: ignore[arg-type]
        None,  # type: ignore[arg-type]
        settings,
        recorder,
        device_id="t",
        clock=clock,
        keys=service_keys(),
    )
    assert sessions.uses_passwords
    checked = await sessions.sign_in_with_password(DOCTOR.badge, DOCTOR.password)
    assert checked.outcome == SignInOutcome.CHOOSE_PIN
    assert checked.staff is not None
    assert checked.staff.practitioner_id == "pr-doctor"


# Nothing secret in the logs -----------------------------------------------------------------


@pytest.mark.asyncio
async def test_no_badge_password_pin_name_or_dn_reaches_the_logs(
    slapd: Slapd, store: Store, clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG):
        sessions = sessions_for(
            store, check_for(settings_for(slapd.starttls_url, slapd.pki.ca_pem)), clock
        )
        await sessions.sign_in_with_password(NURSE.badge, "Wrong-Password-0")
        await first_sign_in(sessions, NURSE.badge, NURSE.password)
        await sessions.lock(LockReason.USER)
        await sessions.sign_in(NURSE.badge, "000000")
        await sessions.sign_in_with_password("B000000", "whatever-1")
    assert "directory_check" in caplog.text  # the checks were logged…
    for secret in (
        NURSE.badge,
        NURSE.password,
        "Wrong-Password-0",
        NEW_PIN,
        NURSE.name,
        NURSE.uid,
        NURSE.number,
        "B000000",
        SERVICE_PASSWORD,
    ):
        assert secret not in caplog.text  # …without who or with what
