"""Audit events: their FHIR shape, the outbox, the cache's indexing and purge, and the sandbox."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio

from bedside.sandbox.validation import validate_resource
from bedside.services.audit import (
    DCM,
    Actor,
    AuditOutcome,
    AuditTrail,
    record_opened_event,
    sign_in_event,
    sign_out_event,
)
from bedside.services.recording import Recorder
from bedside.store import MemoryKeyStore, Store
from bedside.sync.abilities import ServerAbilities
from bedside.sync.upload import Uploader
from tests.sync.ehr import own_ehr

AT = datetime(2026, 11, 22, 9, 15, 30, 123456, tzinfo=UTC)
NURSE = Actor("nurse-1", "Léa Blanc")


@pytest_asyncio.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    opened = await Store.open(tmp_path / "cache", MemoryKeyStore(), key_name="k")
    yield opened
    await opened.close()


def test_a_sign_in_is_a_dicom_user_authentication_login_by_the_nurse_on_the_device() -> None:
    event = sign_in_event(NURSE, device_id="tablet-7", at=AT)
    assert event["type"] == {"system": DCM, "code": "110114", "display": "User Authentication"}
    assert event["subtype"] == [{"system": DCM, "code": "110122", "display": "Login"}]
    assert (event["action"], event["outcome"]) == ("E", "0")
    assert event["recorded"] == "2026-11-22T09:15:30.123Z"
    nurse, device = event["agent"]
    assert nurse["who"] == {"reference": "Practitioner/nurse-1", "display": "Léa Blanc"}
    assert nurse["requestor"] is True
    assert device["who"]["identifier"]["value"] == "tablet-7"
    assert device["requestor"] is False
    assert event["source"]["observer"]["identifier"]["value"] == "tablet-7"


def test_a_failed_sign_in_is_a_minor_or_serious_failure() -> None:
    wrong = sign_in_event(None, device_id="t", at=AT, outcome=AuditOutcome.MINOR_FAILURE)
    locked = sign_in_event(NURSE, device_id="t", at=AT, outcome=AuditOutcome.SERIOUS_FAILURE)
    assert (wrong["outcome"], locked["outcome"]) == ("4", "8")
    assert len(wrong["agent"]) == 1  # the device only


def test_a_lock_is_a_logout_with_its_reason() -> None:
    event = sign_out_event(NURSE, device_id="t", at=AT, reason="idle")
    assert event["subtype"][0]["code"] == "110123"
    assert event["outcomeDesc"] == "locked: idle"


def test_a_record_opening_is_a_patient_record_read_of_that_patient() -> None:
    event = record_opened_event(NURSE, "p9", device_id="t", at=AT)
    assert event["type"]["code"] == "110110"
    assert event["action"] == "R"
    assert event["entity"][0]["what"] == {"reference": "Patient/p9"}


@pytest.mark.parametrize(
    "event",
    [
        sign_in_event(NURSE, device_id="t", at=AT),
        sign_out_event(NURSE, device_id="t", at=AT, reason="user"),
        record_opened_event(NURSE, "p9", device_id="t", at=AT),
    ],
    ids=["login", "logout", "record"],
)
def test_every_event_has_the_elements_r4_requires(event: dict[str, Any]) -> None:
    validate_resource({**event, "id": "a1"}, "AuditEvent")
    assert all(isinstance(agent["requestor"], bool) for agent in event["agent"])


@pytest.mark.asyncio
async def test_events_go_to_the_outbox_once_each_with_their_own_upload_tag_and_no_identifier(
    store: Store,
) -> None:
    trail = AuditTrail(Recorder(store, "site", clock=lambda: AT), "tablet-7", clock=lambda: AT)
    await trail.signed_in(NURSE, how="online: PIN checked by the EHR")
    await trail.record_opened(NURSE, "p9")
    entries = await store.outbox()
    assert [(e.resource_type, e.operation, e.kind) for e in entries] == [
        ("AuditEvent", "create", "event"),
        ("AuditEvent", "create", "event"),
    ]
    # R4 AuditEvent has no identifier: a strict EHR refuses one. The key is a meta.tag.
    assert all(e.payload and "identifier" not in e.payload for e in entries)
    assert [e.payload and e.payload["meta"]["tag"] for e in entries] == [
        [{"system": "urn:bedside:site:site:event", "code": e.resource_id}] for e in entries
    ]


@pytest.mark.asyncio
async def test_an_audit_event_about_a_patient_survives_that_patients_purge_until_uploaded(
    store: Store,
) -> None:
    trail = AuditTrail(Recorder(store, "site", clock=lambda: AT), "tablet-7", clock=lambda: AT)
    entry = await trail.record_opened(NURSE, "p9")
    # Not indexed under the patient: purging the patient neither fails nor drops the trace.
    assert await store.patients_with_unsettled_changes(["p9"]) == set()
    await store.purge_patients(["p9"])
    assert await store.get("AuditEvent", entry.resource_id) is not None
    assert [e.seq for e in await store.outbox()] == [entry.seq]


@pytest.mark.asyncio
async def test_the_sandbox_ehr_accepts_the_uploaded_events_and_the_cache_then_drops_them(
    store: Store,
) -> None:
    trail = AuditTrail(Recorder(store, "site"), "tablet-7")
    await trail.signed_in(NURSE, how="online: PIN checked by the EHR")
    await trail.record_opened(NURSE, "p9")
    await trail.locked(NURSE, "user")
    async with own_ehr() as ehr, ehr.client() as client:
        abilities = ServerAbilities.from_capability_statement(await client.capabilities())
        report = await Uploader(client, store, abilities).drain()
        assert sorted(report.outcomes.values()) == ["done"] * 3, report
        assert await ehr.count("AuditEvent") == 3
    assert await store.outbox() == []
    assert await store.forget_uploaded_audit_events() == 3
    assert await store.find("AuditEvent") == []
