"""The ward census lists every bed in bed order with its current patient, from the cache."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio

from bedside.models import Patient
from bedside.services.people import age_on, display_name, parse_fhir_date
from bedside.services.ward import WardCensusService
from bedside.store import MemoryKeyStore, Store

IPP = "urn:oid:1.2.250.1.999.1.1"
NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)


def _location(lid: str, name: str, kind: str, parent: str | None) -> dict[str, Any]:
    loc: dict[str, Any] = {
        "resourceType": "Location",
        "id": lid,
        "name": name,
        "physicalType": {"coding": [{"code": kind}]},
    }
    if parent:
        loc["partOf"] = {"reference": f"Location/{parent}"}
    return loc


def _ward() -> list[dict[str, Any]]:
    resources = [_location("w1", "Cardiologie 3B", "wa", None)]
    for room in (1, 2, 10):
        resources.append(_location(f"r{room}", f"Chambre {room}", "ro", "w1"))
        for bed in "AB":
            resources.append(_location(f"b{room}{bed}", f"Lit {room}{bed}", "bd", f"r{room}"))
    resources += [
        {
            "resourceType": "Patient",
            "id": "p1",
            "identifier": [{"system": IPP, "value": "IPP-0001"}],
            "name": [{"use": "official", "family": "Moreau", "given": ["Élise", "Anne"]}],
            "gender": "female",
            "birthDate": "1944-12-01",
        },
        {
            "resourceType": "Encounter",
            "id": "e1",
            "status": "in-progress",
            "class": {"code": "IMP"},
            "subject": {"reference": "Patient/p1"},
            "period": {"start": "2026-11-19T10:00:00+01:00"},
            "location": [
                {"location": {"reference": "Location/w1"}},
                {"location": {"reference": "Location/b10A"}, "status": "active"},
            ],
        },
        {
            "resourceType": "Encounter",
            "id": "e-old",
            "status": "finished",
            "class": {"code": "IMP"},
            "subject": {"reference": "Patient/p1"},
            "location": [{"location": {"reference": "Location/b1A"}}],
        },
    ]
    return resources


@pytest_asyncio.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    opened = await Store.open(tmp_path / "c", MemoryKeyStore(), key_name="k")
    await opened.put_server_resources(_ward())
    await opened.set_sync_state("ward:w1", "Patient", "2026-11-22T08:00:00Z")
    await opened.set_sync_state("ward:w1", "Encounter", "2026-11-22T07:59:00Z")
    yield opened
    await opened.close()


@pytest.mark.asyncio
async def test_every_bed_is_listed_in_natural_bed_order(store: Store) -> None:
    census = await WardCensusService(store, scope_key="ward:w1", clock=lambda: NOW).census("w1")
    assert census.ward_name == "Cardiologie 3B"
    assert [bed.bed_label for bed in census.beds] == [
        "Lit 1A",
        "Lit 1B",
        "Lit 2A",
        "Lit 2B",
        "Lit 10A",
        "Lit 10B",
    ]


@pytest.mark.asyncio
async def test_the_current_patient_is_shown_in_their_bed_and_finished_stays_are_not(
    store: Store,
) -> None:
    service = WardCensusService(
        store, scope_key="ward:w1", hospital_number_system=IPP, clock=lambda: NOW
    )
    census = await service.census("w1")
    occupied = [bed for bed in census.beds if bed.occupied]
    assert len(occupied) == census.occupied == 1
    [bed] = occupied
    assert bed.bed_label == "Lit 10A"
    assert bed.patient_name == "MOREAU, Élise Anne"
    assert bed.age == 81
    assert bed.sex == "female"
    assert bed.hospital_number == "IPP-0001"
    assert bed.admitted_on == date(2026, 11, 19)


@pytest.mark.asyncio
async def test_data_freshness_is_the_oldest_complete_pull_in_server_time(store: Store) -> None:
    census = await WardCensusService(store, scope_key="ward:w1").census("w1")
    assert census.data_as_of == "2026-11-22T07:59:00Z"


def test_ages_count_completed_years_and_partial_birth_dates_are_understood() -> None:
    assert age_on(date(1950, 11, 23), date(2026, 11, 22)) == 75
    assert age_on(date(1950, 11, 22), date(2026, 11, 22)) == 76
    assert parse_fhir_date("1950") == date(1950, 1, 1)
    assert parse_fhir_date("1950-03") == date(1950, 3, 1)
    assert parse_fhir_date(None) is None


def test_a_patient_without_a_name_is_shown_with_a_dash_not_an_empty_cell() -> None:
    assert display_name(Patient.model_validate({"resourceType": "Patient", "id": "x"})) == "—"


@pytest.mark.asyncio
async def test_a_bed_claimed_by_two_current_stays_is_flagged_not_guessed(store: Store) -> None:
    await store.put_server_resources(
        [
            {"resourceType": "Patient", "id": "p2", "name": [{"family": "Keller"}]},
            {
                "resourceType": "Encounter",
                "id": "e2",
                "status": "in-progress",
                "class": {"code": "IMP"},
                "subject": {"reference": "Patient/p2"},
                "location": [{"location": {"reference": "Location/b10A"}}],
            },
        ]
    )
    census = await WardCensusService(store, scope_key="ward:w1", clock=lambda: NOW).census("w1")
    [bed] = [b for b in census.beds if b.bed_id == "b10A"]
    assert bed.conflict
    assert bed.patient_id is None


@pytest.mark.asyncio
async def test_a_cached_patient_that_no_longer_parses_keeps_the_bed_occupied_without_details(
    store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    await store.put_server_resources(
        [{"resourceType": "Patient", "id": "p1", "birthDate": "le 1er mars 1944"}]
    )
    census = await WardCensusService(store, scope_key="ward:w1", clock=lambda: NOW).census("w1")
    [bed] = [b for b in census.beds if b.occupied]
    assert bed.bed_label == "Lit 10A"
    assert bed.patient_name is None
    assert "Patient: invalid at birthDate" in caplog.text
    assert "mars" not in caplog.text
    assert "p1" not in caplog.text  # a patient's id can be the patient number itself


@pytest.mark.asyncio
async def test_a_patient_on_leave_still_holds_their_bed(store: Store) -> None:
    encounter = await store.get("Encounter", "e1")
    assert encounter is not None
    encounter["status"] = "onleave"
    await store.put_server_resources([encounter])
    census = await WardCensusService(store, scope_key="ward:w1", clock=lambda: NOW).census("w1")
    assert [b.bed_label for b in census.beds if b.occupied] == ["Lit 10A"]


@pytest.mark.asyncio
async def test_the_wards_day_is_the_sites_even_on_a_device_that_runs_on_utc(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """00:30 on 1 December in Paris is still 30 November in UTC: the birthday is Paris's."""
    import time as process_time
    from zoneinfo import ZoneInfo

    monkeypatch.setenv("TZ", "UTC")
    process_time.tzset()
    try:
        just_after_midnight_in_paris = datetime(2026, 11, 30, 23, 30, tzinfo=UTC)
        service = WardCensusService(
            store,
            scope_key="ward:w1",
            clock=lambda: just_after_midnight_in_paris,
            tz=ZoneInfo("Europe/Paris"),
        )
        [bed] = [bed for bed in (await service.census("w1")).beds if bed.occupied]
    finally:
        monkeypatch.undo()
        process_time.tzset()
    assert bed.age == 82  # born 1944-12-01
