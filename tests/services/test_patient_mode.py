"""Patient mode greets the patient whose current stay is in this bed, and remembers their screen
preferences for that stay only."""

from __future__ import annotations

import copy
import logging
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import pytest_asyncio

from bedside.sandbox.seed import SeedWard, generate_ward
from bedside.services.patient_mode import (
    PREFERENCES_FACT,
    BedOccupant,
    PatientModeService,
    StayPreferences,
)
from bedside.store import MemoryKeyStore, Store

# As tests/ui/conftest.py: a Tuesday morning on the ward, in winter time.
WARD_NOW = datetime(2026, 11, 24, 9, 30, tzinfo=UTC)
WARD_TZ = ZoneInfo("Europe/Paris")
WARD: SeedWard = generate_ward(seed=2026, now=WARD_NOW, history_days=1)


def _resources(kind: str) -> list[dict[str, Any]]:
    return [r for r in WARD.resources if r["resourceType"] == kind]


def _id(reference: dict[str, Any]) -> str:
    return str(reference["reference"].split("/")[1])


def _bed_of(encounter: dict[str, Any]) -> str:
    return _id(encounter["location"][0]["location"])


CURRENT = [e for e in _resources("Encounter") if e["status"] == "in-progress"]
DISCHARGED = next(e for e in _resources("Encounter") if e["status"] == "finished")
FREE_BEDS = [b for b in WARD.bed_ids if b not in {_bed_of(e) for e in CURRENT}]
STAY = CURRENT[0]
BED = _bed_of(STAY)
PATIENT = next(p for p in _resources("Patient") if p["id"] == _id(STAY["subject"]))


@pytest_asyncio.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    opened = await Store.open(tmp_path / "cache", MemoryKeyStore(), key_name="k")
    await opened.put_server_resources(WARD.resources)
    yield opened
    await opened.close()


@pytest.fixture
def service(store: Store) -> PatientModeService:
    return PatientModeService(store, clock=lambda: WARD_NOW, tz=WARD_TZ)


def _changed(encounter: dict[str, Any], **fields: Any) -> dict[str, Any]:
    changed = copy.deepcopy(encounter)
    changed.update(fields)
    return changed


@pytest.mark.asyncio
async def test_the_patient_in_the_bed_is_greeted_by_their_given_name(
    service: PatientModeService,
) -> None:
    occupant = await service.occupant(BED)

    name = PATIENT["name"][0]
    bed = next(b for b in _resources("Location") if b["id"] == BED)
    assert occupant == BedOccupant(
        patient_id=PATIENT["id"],
        encounter_id=STAY["id"],
        given_name=name["given"][0],
        display_name=f"{name['given'][0]} {name['family']}",
        bed_id=BED,
        bed_label=bed["name"],
        preferred_language=PATIENT["communication"][0]["language"]["coding"][0]["code"],
    )
    assert occupant.display_name == "Marie Martin"  # as she writes it, not "MARTIN, Marie"
    assert occupant.bed_label == "Chambre 201 – Lit A"


@pytest.mark.asyncio
async def test_the_name_the_patient_goes_by_comes_before_the_birth_name(
    store: Store, service: PatientModeService
) -> None:
    patient = copy.deepcopy(PATIENT)
    patient["name"] = [
        {"use": "official", "family": "Lefèvre", "given": ["Marie", "Louise"]},
        {"use": "usual", "family": "Martin", "given": ["Marie", "Louise"]},
    ]
    await store.put_server_resources([patient])

    occupant = await service.occupant(BED)

    assert occupant is not None
    assert occupant.given_name == "Marie"
    assert occupant.display_name == "Marie Louise Martin"


@pytest.mark.asyncio
async def test_a_patient_without_a_given_name_is_greeted_by_their_whole_name(
    store: Store, service: PatientModeService
) -> None:
    patient = copy.deepcopy(PATIENT)
    patient["name"] = [{"use": "official", "family": "Martin"}]
    await store.put_server_resources([patient])

    occupant = await service.occupant(BED)

    assert occupant is not None
    assert (occupant.given_name, occupant.display_name) == ("Martin", "Martin")


@pytest.mark.asyncio
async def test_a_free_bed_has_no_occupant(service: PatientModeService) -> None:
    assert FREE_BEDS
    for bed in FREE_BEDS:
        assert await service.occupant(bed) is None


@pytest.mark.asyncio
async def test_yesterdays_discharged_patient_is_not_in_their_old_bed(
    service: PatientModeService,
) -> None:
    assert _bed_of(DISCHARGED) in FREE_BEDS  # the seed leaves their bed empty
    assert await service.occupant(_bed_of(DISCHARGED)) is None


@pytest.mark.asyncio
async def test_a_stay_that_finished_is_not_an_occupant_though_its_data_is_still_cached(
    store: Store, service: PatientModeService
) -> None:
    await store.put_server_resources(
        [
            _changed(
                STAY,
                status="finished",
                period={**STAY["period"], "end": "2026-11-24T10:00:00+01:00"},
            )
        ]
    )

    assert await store.get("Patient", PATIENT["id"]) is not None
    assert await service.occupant(BED) is None


@pytest.mark.asyncio
async def test_a_transferred_patient_is_in_their_new_bed_and_not_in_the_old_one(
    store: Store, service: PatientModeService
) -> None:
    new_bed = FREE_BEDS[0]
    moved = copy.deepcopy(STAY)
    old_entries = moved["location"]
    for entry in old_entries:
        entry["status"] = "completed"
        entry["period"] = {"end": "2026-11-24T10:00:00+01:00"}
    moved["location"] = [
        {"location": {"reference": f"Location/{new_bed}"}, "status": "active"},
        *old_entries,
    ]
    await store.put_server_resources([moved])

    assert await service.occupant(BED) is None
    occupant = await service.occupant(new_bed)
    assert occupant is not None
    assert (occupant.patient_id, occupant.bed_id) == (PATIENT["id"], new_bed)


@pytest.mark.asyncio
async def test_a_bed_whose_stay_period_has_ended_is_left_even_if_still_marked_active(
    store: Store, service: PatientModeService
) -> None:
    moved = copy.deepcopy(STAY)
    moved["location"][0]["period"] = {
        "start": "2026-11-17T08:46:00+01:00",
        "end": "2026-11-24T10:00:00+01:00",
    }
    await store.put_server_resources([moved])

    assert await service.occupant(BED) is None


@pytest.mark.asyncio
async def test_a_stay_period_ending_later_today_still_holds_the_bed(
    store: Store, service: PatientModeService
) -> None:
    leaving = copy.deepcopy(STAY)
    leaving["location"][0]["period"] = {"end": "2026-11-24T16:00:00+01:00"}
    await store.put_server_resources([leaving])

    occupant = await service.occupant(BED)
    assert occupant is not None
    assert occupant.patient_id == PATIENT["id"]


@pytest.mark.asyncio
async def test_a_planned_move_into_a_free_bed_does_not_fill_it_yet(
    store: Store, service: PatientModeService
) -> None:
    planned = copy.deepcopy(STAY)
    planned["location"].append(
        {"location": {"reference": f"Location/{FREE_BEDS[0]}"}, "status": "planned"}
    )
    await store.put_server_resources([planned])

    assert await service.occupant(FREE_BEDS[0]) is None


@pytest.mark.asyncio
async def test_a_bed_two_current_stays_claim_greets_nobody(
    store: Store, service: PatientModeService, caplog: pytest.LogCaptureFixture
) -> None:
    other = next(e for e in CURRENT if e["id"] != STAY["id"])
    claiming = copy.deepcopy(other)
    claiming["location"].insert(
        0, {"location": {"reference": f"Location/{BED}"}, "status": "active"}
    )
    await store.put_server_resources([claiming])

    with caplog.at_level(logging.WARNING):
        assert await service.occupant(BED) is None
    assert "bed_conflict" in caplog.text
    assert "encounters=2" in caplog.text
    assert PATIENT["name"][0]["family"] not in caplog.text


@pytest.mark.asyncio
async def test_preferences_are_the_defaults_until_the_patient_chooses(
    service: PatientModeService,
) -> None:
    assert await service.preferences(STAY["id"]) == StayPreferences()


@pytest.mark.asyncio
async def test_preferences_saved_for_a_stay_are_read_back_for_that_stay(
    service: PatientModeService,
) -> None:
    chosen = StayPreferences(language="de", text_size="very-large", high_contrast=True)
    await service.save_preferences(STAY["id"], chosen)

    assert await service.preferences(STAY["id"]) == chosen


@pytest.mark.asyncio
async def test_the_next_patient_in_the_bed_starts_from_the_defaults(
    service: PatientModeService,
) -> None:
    await service.save_preferences(STAY["id"], StayPreferences(language="de", text_size="large"))

    assert await service.preferences("the-next-stay") == StayPreferences()
    await service.save_preferences("the-next-stay", StayPreferences(high_contrast=True))
    # One fact for the bed: the earlier stay's choices are gone, not kept beside the new ones.
    assert await service.preferences(STAY["id"]) == StayPreferences()


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "fact",
    [
        "not json at all",
        '["a", "list"]',
        '{"encounter_id": "%s", "language": "de", "text_size": "huge", "high_contrast": false}',
        '{"encounter_id": "%s", "language": 7, "text_size": "large", "high_contrast": false}',
        '{"encounter_id": "%s", "language": "de", "text_size": "large", "high_contrast": "yes"}',
    ],
)
async def test_an_unreadable_preferences_fact_gives_the_defaults_and_a_log_without_its_value(
    store: Store,
    service: PatientModeService,
    caplog: pytest.LogCaptureFixture,
    fact: str,
) -> None:
    await store.set_device_fact(PREFERENCES_FACT, fact.replace("%s", STAY["id"]))

    with caplog.at_level(logging.WARNING):
        assert await service.preferences(STAY["id"]) == StayPreferences()
    assert "using=defaults" in caplog.text
    assert STAY["id"] not in caplog.text
    assert "huge" not in caplog.text
    assert "not json" not in caplog.text
