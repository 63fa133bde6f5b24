"""EHR sign-in only where the EHR offers it: ``$verify-pin`` used when the CapabilityStatement
declares it, and "not set up" — never "unknown badge", never a forgotten offline verifier —
when it does not, or when a declared operation turns out not to be there.

Wired as the app wires it (``staff_sessions``: the engine's ``abilities()``, the sync layer's
errors mapped by ``EhrPinCheck``), against the sandbox EHR over loopback in its friendly mode
(which declares the operation) and its strict mode (a real EHR's: no such operation).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from argon2 import PasswordHasher

from bedside.app.workspace import EhrPinCheck, staff_sessions
from bedside.sandbox.outcomes import FhirError
from bedside.services.recording import Recorder
from bedside.services.session import SignInOutcome, SignInService, StaffSessions
from bedside.settings import Settings
from bedside.store import MemoryKeyStore, Store
from bedside.sync import SyncEngine
from bedside.sync.staff import SignInNotOfferedError
from tests.sync.ehr import Ehr, own_ehr

NOW = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)
CHEAP = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


@pytest_asyncio.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    opened = await Store.open(tmp_path / "cache", MemoryKeyStore(), key_name="k")
    yield opened
    await opened.close()


def clock() -> datetime:
    return NOW


def wired(store: Store, engine: SyncEngine) -> StaffSessions:
    sessions = staff_sessions(
        store,
        engine,
        engine.client,
        Settings(),  # staff.signin = "ehr", the default
        Recorder(store, "site", clock=clock),
        device_id="tablet-7",
        clock=clock,
    )
    sessions._hasher = CHEAP  # the tablet's costly argon2id is tested in test_session.py
    return sessions


async def keep_a_verifier(store: Store, badge: str, pin: str) -> None:
    """An offline verifier, as an earlier online sign-in on this tablet left it."""
    await store.save_staff_verifier(
        badge,
        practitioner_id="pr-1",
        name="Léa Blanc",
        role="Nurse",
        verifier=CHEAP.hash(pin),
        verified_at=NOW - timedelta(hours=1),
    )


def nurse_of(ehr: Ehr) -> Any:
    return next(c for c in ehr.ward.staff_credentials if c.role == "nurse")


@pytest.mark.asyncio
async def test_an_ehr_that_declares_verify_pin_signs_the_nurse_in(store: Store) -> None:
    async with own_ehr() as ehr:
        nurse = nurse_of(ehr)
        async with ehr.client(timeout=2.0) as client:
            sessions = wired(store, SyncEngine(store, client, ehr.scope))
            result = await sessions.sign_in(nurse.badge, nurse.pin)
    assert result.outcome == SignInOutcome.SIGNED_IN
    assert result.service == SignInService.EHR
    assert result.staff is not None
    assert result.staff.practitioner_id == nurse.practitioner_id


@pytest.mark.asyncio
async def test_an_ehr_without_verify_pin_says_not_set_up_and_keeps_the_offline_verifier(
    store: Store,
) -> None:
    async with own_ehr(strict=True) as ehr:
        nurse = nurse_of(ehr)
        await keep_a_verifier(store, nurse.badge, nurse.pin)
        async with ehr.client(timeout=2.0) as client:
            sessions = wired(store, SyncEngine(store, client, ehr.scope))
            result = await sessions.sign_in(nurse.badge, nurse.pin)
            again = await sessions.sign_in(nurse.badge, nurse.pin)
    assert result.outcome == again.outcome == SignInOutcome.NOT_SET_UP
    assert await store.staff_verifier(nurse.badge) is not None
    assert (await store.pin_failures(nurse.badge)).failures == 0
    assert sessions.current is None


@pytest.mark.asyncio
async def test_a_declared_operation_answering_a_bare_404_is_not_set_up_not_an_unknown_badge(
    store: Store,
) -> None:
    async with own_ehr() as ehr:
        nurse = nurse_of(ehr)
        await keep_a_verifier(store, nurse.badge, nurse.pin)

        def gone(method: str, path: str) -> FhirError | None:
            if method == "POST" and path.endswith("$verify-pin"):
                return FhirError(404, "Not Found", code="processing")
            return None

        ehr.sandbox.fault_hook = gone
        async with ehr.client(timeout=2.0) as client:
            sessions = wired(store, SyncEngine(store, client, ehr.scope))
            result = await sessions.sign_in(nurse.badge, nurse.pin)
    assert result.outcome == SignInOutcome.NOT_SET_UP
    assert await store.staff_verifier(nurse.badge) is not None


@pytest.mark.asyncio
async def test_an_unknown_badge_is_still_unknown_when_the_operation_says_not_found(
    store: Store,
) -> None:
    async with own_ehr() as ehr, ehr.client(timeout=2.0) as client:
        sessions = wired(store, SyncEngine(store, client, ehr.scope))
        result = await sessions.sign_in("B000000", "482913")
    assert result.outcome == SignInOutcome.UNKNOWN_BADGE


class NotOffered:
    """The EHR's PIN check at the seam, for an EHR whose statement lacks the operation."""

    async def verify_pin(self, badge: str, pin: str) -> Mapping[str, Any]:
        raise SignInNotOfferedError("not declared")


@pytest.mark.asyncio
async def test_at_the_seam_not_offered_maps_to_not_set_up_and_forgets_nothing(
    store: Store,
) -> None:
    await keep_a_verifier(store, "B735911", "975318")
    sessions = StaffSessions(
        store,
        EhrPinCheck(NotOffered()),
        Recorder(store, "site", clock=clock),
        clock=clock,
        offline_window=timedelta(hours=12),
        max_attempts=5,
        lockout=timedelta(minutes=15),
        device_id="tablet-7",
        hasher=CHEAP,
    )
    result = await sessions.sign_in("B735911", "975318")
    assert result.outcome == SignInOutcome.NOT_SET_UP
    assert await store.staff_verifier("B735911") is not None
    assert [e for e in await store.outbox() if e.resource_type == "AuditEvent"] == []


@pytest.mark.asyncio
async def test_a_tablet_with_no_sign_in_service_at_all_says_not_set_up(store: Store) -> None:
    sessions = StaffSessions(
        store,
        None,
        Recorder(store, "site", clock=clock),
        clock=clock,
        offline_window=timedelta(hours=12),
        max_attempts=5,
        lockout=timedelta(minutes=15),
        device_id="tablet-7",
        hasher=CHEAP,
    )
    assert (await sessions.sign_in("B735911", "975318")).outcome == SignInOutcome.NOT_SET_UP
    password = await sessions.sign_in_with_password("B735911", "secret")
    assert password.outcome == SignInOutcome.NOT_SET_UP
