"""Appointments of today and tomorrow, in the patient's language when the EHR sent a translation."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import pytest_asyncio

from bedside.sandbox.seed import SeedWard, generate_ward
from bedside.services.appointments import AppointmentService, translated
from bedside.store import MemoryKeyStore, Store

NOW = datetime(2026, 11, 24, 9, 30, tzinfo=UTC)
TODAY = date(2026, 11, 24)
TZ = ZoneInfo("Europe/Paris")
WARD: SeedWard = generate_ward(seed=2026, now=NOW, history_days=1)
TRANSLATION = "http://hl7.org/fhir/StructureDefinition/translation"


def _appointments() -> list[dict[str, Any]]:
    return [r for r in WARD.resources if r["resourceType"] == "Appointment"]


def _patient_of(appointment: dict[str, Any]) -> str:
    return str(appointment["participant"][0]["actor"]["reference"].split("/")[1])


SURGERY = next(a for a in _appointments() if a["serviceType"][0]["coding"][0]["code"] == "surgery")


@pytest_asyncio.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    opened = await Store.open(tmp_path / "cache", MemoryKeyStore(), key_name="k")
    await opened.put_server_resources(WARD.resources)
    yield opened
    await opened.close()


@pytest.fixture
def service(store: Store) -> AppointmentService:
    return AppointmentService(store, clock=lambda: NOW, tz=TZ)


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("language", "description", "instruction_start"),
    [
        ("fr", "Cholécystectomie par cœlioscopie", "À jeun à partir de minuit"),
        ("de", "Laparoskopische Cholezystektomie", "Ab Mitternacht nüchtern"),
        ("en", "Laparoscopic cholecystectomy", "Nil by mouth from midnight"),
        ("en-GB", "Laparoscopic cholecystectomy", "Nil by mouth from midnight"),
    ],
)
async def test_tomorrows_surgery_is_shown_in_the_requested_language(
    service: AppointmentService, language: str, description: str, instruction_start: str
) -> None:
    lines = await service.for_days(_patient_of(SURGERY), TODAY, language=language)

    surgery = next(line for line in lines if line.appointment_id == SURGERY["id"])
    assert surgery.description == description
    assert surgery.instruction is not None
    assert surgery.instruction.startswith(instruction_start)
    assert surgery.what == "Surgery"
    assert surgery.status == "booked"
    assert surgery.start == datetime(2026, 11, 25, 8, 0, tzinfo=TZ)
    assert surgery.end == datetime(2026, 11, 25, 10, 0, tzinfo=TZ)
    assert surgery.where == SURGERY["participant"][1]["actor"]["display"]
    assert len(surgery.with_whom) == 1  # the surgeon, named from the cached Practitioner
    assert surgery.with_whom[0].startswith("Dr ")
    assert surgery.comment == "Transport : Brancard"


@pytest.mark.asyncio
async def test_a_language_without_translation_gets_the_text_as_sent(
    service: AppointmentService,
) -> None:
    lines = await service.for_days(_patient_of(SURGERY), TODAY, language="it")
    surgery = next(line for line in lines if line.appointment_id == SURGERY["id"])
    assert surgery.description == SURGERY["description"]
    assert surgery.instruction == SURGERY["patientInstruction"]


@pytest.mark.asyncio
async def test_today_and_tomorrow_are_listed_by_start_and_other_days_left_out(
    store: Store, service: AppointmentService
) -> None:
    pid = next(
        p
        for p in {_patient_of(a) for a in _appointments()}
        if sum(1 for a in _appointments() if _patient_of(a) == p) >= 2
    )
    ours = [a for a in _appointments() if _patient_of(a) == pid]
    base = ours[0]

    def variant(aid: str, start: str, end: str, status: str = "booked") -> dict[str, Any]:
        return {**base, "id": aid, "start": start, "end": end, "status": status}

    await store.put_server_resources(
        [
            variant(
                "cancelled", "2026-11-24T16:00:00+01:00", "2026-11-24T16:30:00+01:00", "cancelled"
            ),
            variant("noshow", "2026-11-24T07:00:00+01:00", "2026-11-24T07:30:00+01:00", "noshow"),
            variant(
                "in-error",
                "2026-11-24T07:00:00+01:00",
                "2026-11-24T07:30:00+01:00",
                "entered-in-error",
            ),
            variant("day-after", "2026-11-26T09:00:00+01:00", "2026-11-26T09:30:00+01:00"),
            variant("yesterday", "2026-11-23T09:00:00+01:00", "2026-11-23T09:30:00+01:00"),
            variant("late-evening", "2026-11-25T23:30:00+01:00", "2026-11-25T23:45:00+01:00"),
        ]
    )

    lines = await service.for_days(pid, TODAY, language="fr")

    ids = [line.appointment_id for line in lines]
    assert set(ids) == {a["id"] for a in ours} | {"late-evening"}
    starts = [line.start for line in lines]
    assert starts == sorted(starts)  # type: ignore[type-var]
    assert ids[-1] == "late-evening"
    only_today = await service.for_days(pid, TODAY, days=1)
    assert all(line.start and line.start.date() == TODAY for line in only_today)


@pytest.mark.asyncio
async def test_an_appointment_that_does_not_parse_is_skipped_and_the_rest_shown(
    store: Store, service: AppointmentService, caplog: pytest.LogCaptureFixture
) -> None:
    pid = _patient_of(SURGERY)
    await store.put_server_resources(
        [
            {
                "resourceType": "Appointment",
                "id": "broken-appointment",
                "status": ["booked"],
                "description": "Zwirbelmeier secret",
                "start": "2026-11-24T15:00:00+01:00",
                "participant": [{"actor": {"reference": f"Patient/{pid}"}, "status": "accepted"}],
            }
        ]
    )
    with caplog.at_level(logging.WARNING):
        lines = await service.for_days(pid, TODAY)

    assert SURGERY["id"] in [line.appointment_id for line in lines]
    assert "broken-appointment" not in [line.appointment_id for line in lines]
    assert "Appointment/broken-appointment" in caplog.text
    assert "Zwirbelmeier" not in caplog.text


def test_an_exact_language_tag_is_preferred_over_its_primary_language() -> None:
    owner = {
        "description": "Scanner",
        "_description": {
            "extension": [
                {
                    "url": TRANSLATION,
                    "extension": [
                        {"url": "lang", "valueCode": "de"},
                        {"url": "content", "valueString": "CT"},
                    ],
                },
                {
                    "url": TRANSLATION,
                    "extension": [
                        {"url": "lang", "valueCode": "de-CH"},
                        {"url": "content", "valueString": "CT (Schweiz)"},
                    ],
                },
            ]
        },
    }
    assert translated(owner, "description", "de-CH") == "CT (Schweiz)"
    assert translated(owner, "description", "de-AT") == "CT"
    assert translated(owner, "description", "fr") == "Scanner"
