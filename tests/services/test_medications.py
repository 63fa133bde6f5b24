"""Prescriptions and today's doses read from a real cache filled with the seeded ward."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any, cast
from zoneinfo import ZoneInfo

import pytest
import pytest_asyncio

from bedside.sandbox.seed import SeedWard, generate_ward
from bedside.services.medications import (
    DoseCounts,
    DoseRules,
    DoseState,
    MedicationLine,
    MedicationService,
)
from bedside.settings import DEFAULT_DAILY_TIMES, DEFAULT_WHEN_TIMES, parse_time_table
from bedside.store import MemoryKeyStore, Store

NOW = datetime(2026, 11, 24, 9, 30, tzinfo=UTC)  # 10:30 in Paris
TODAY = date(2026, 11, 24)
TZ = ZoneInfo("Europe/Paris")
WARD: SeedWard = generate_ward(seed=2026, now=NOW, history_days=1)
RULES = DoseRules.from_tables(
    parse_time_table(DEFAULT_WHEN_TIMES),
    parse_time_table(DEFAULT_DAILY_TIMES),
    "A10A B01A N03 N04 L04",
    240,
)


def _requests() -> list[dict[str, Any]]:
    return [r for r in WARD.resources if r["resourceType"] == "MedicationRequest"]


def _patient_of(resource: dict[str, Any]) -> str:
    return str(resource["subject"]["reference"].split("/")[1])


def _label(request: dict[str, Any]) -> str:
    if "medicationReference" in request:
        return str(request["medicationReference"]["display"])
    return str(request["medicationCodeableConcept"]["text"])


def _request(label_start: str, status: str = "active") -> dict[str, Any]:
    return next(
        r for r in _requests() if _label(r).startswith(label_start) and r["status"] == status
    )


GLARGINE = _request("INSULINE GLARGINE")
INSULIN_PATIENT = next(
    pid
    for pid in {_patient_of(r) for r in _requests() if r["status"] == "on-hold"}
    if any(_patient_of(r) == pid and _label(r).startswith("INSULINE") for r in _requests())
)
STOPPED = _request("RAMIPRIL", "stopped")
APIXABAN = next(  # 08:00 and 18:00, time-critical, no bounds
    r
    for r in _requests()
    if _label(r).startswith("APIXABAN")
    and "boundsPeriod" not in r["dosageInstruction"][0]["timing"]["repeat"]
)
IRON = _request("CARBOXYMALTOSE")
OXYGEN = _request("Oxygène")
MORPHINE = _request("MORPHINE")


@pytest_asyncio.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    opened = await Store.open(tmp_path / "cache", MemoryKeyStore(), key_name="k")
    await opened.put_server_resources(WARD.resources)
    yield opened
    await opened.close()


def _service(store: Store, now: datetime = NOW) -> MedicationService:
    return MedicationService(store, RULES, clock=lambda: now, tz=TZ)


async def _lines(store: Store, patient_id: str, now: datetime = NOW) -> list[MedicationLine]:
    return await _service(store, now).prescriptions(patient_id)


def _line(lines: list[MedicationLine], request: dict[str, Any]) -> MedicationLine:
    return next(line for line in lines if line.request_id == request["id"])


def _administration(request: dict[str, Any], at: str, status: str = "completed") -> dict[str, Any]:
    return {
        "resourceType": "MedicationAdministration",
        "id": f"ma-{request['id'][:8]}-{at[11:16].replace(':', '')}-{status}",
        "status": status,
        "medicationReference": request["medicationReference"],
        "subject": request["subject"],
        "context": request["encounter"],
        "effectiveDateTime": at,
        "request": {"reference": f"MedicationRequest/{request['id']}"},
    }


# --- the seeded ward ---------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_every_patient_with_medication_gets_a_line_per_active_or_held_order(
    store: Store,
) -> None:
    service = _service(store)
    for pid in {_patient_of(r) for r in _requests()}:
        listed = {
            r["id"] for r in _requests() if _patient_of(r) == pid and r["status"] != "stopped"
        }
        lines = await service.prescriptions(pid)
        assert {line.request_id for line in lines} == listed
        assert all(line.medication and line.medication != "—" for line in lines)


@pytest.mark.asyncio
async def test_a_stopped_order_is_not_listed(store: Store) -> None:
    lines = await _lines(store, _patient_of(STOPPED))
    assert STOPPED["id"] not in {line.request_id for line in lines}
    assert lines


@pytest.mark.asyncio
async def test_insulins_are_time_critical_and_the_on_hold_order_comes_last_with_held_doses(
    store: Store,
) -> None:
    lines = await _lines(store, INSULIN_PATIENT)
    assert [line.status for line in lines][-1] == "on-hold"
    assert [line.medication for line in lines if line.status == "active"] == sorted(
        (line.medication for line in lines if line.status == "active"), key=str.casefold
    )
    held = lines[-1]
    assert held.medication.startswith("METFORMINE")
    assert [d.state for d in held.doses_today] == [DoseState.HELD, DoseState.HELD]
    glargine = next(line for line in lines if line.medication.startswith("INSULINE GLARGINE"))
    assert glargine.time_critical
    assert glargine.dose == "16 U"
    assert glargine.route == "Subcutaneous route"
    assert glargine.frequency.when == ("HS",)
    assert [(d.at.hour, d.state, d.window) for d in glargine.doses_today] == [
        (22, DoseState.UPCOMING, timedelta(minutes=30))
    ]
    aspart = next(line for line in lines if line.medication.startswith("INSULINE ASPARTE"))
    assert aspart.dose == "0–10 U"
    assert [(d.at.strftime("%H:%M"), d.state) for d in aspart.doses_today] == [
        ("07:30", DoseState.LATE),  # at 10:30 the next dose is not due before 11:00
        ("11:30", DoseState.UPCOMING),
        ("17:30", DoseState.UPCOMING),
    ]


@pytest.mark.asyncio
async def test_a_prn_order_has_no_scheduled_doses_but_its_reason_and_maximum(
    store: Store,
) -> None:
    line = _line(await _lines(store, _patient_of(MORPHINE)), MORPHINE)
    assert line.as_needed
    assert line.frequency.as_needed
    assert line.doses_today == ()
    assert line.as_needed_reason == "Douleur EVA ≥ 4"
    assert line.frequency.max_per_period == "15 mg/1 d"
    assert (line.frequency.count, line.frequency.period, line.frequency.period_unit) == (
        1,
        Decimal("4"),
        "h",
    )
    assert line.dose == "2.5 mg"


@pytest.mark.asyncio
async def test_a_medication_given_as_a_concept_is_named_by_it_and_has_no_doses(
    store: Store,
) -> None:
    line = _line(await _lines(store, _patient_of(OXYGEN)), OXYGEN)
    assert line.medication == "Oxygène médical"
    assert line.dose is None
    assert line.route == "Nasal route"
    assert line.instruction is not None
    assert line.instruction.startswith("Oxygène aux lunettes")
    assert line.doses_today == ()


@pytest.mark.asyncio
async def test_a_one_off_event_today_is_one_dose(store: Store) -> None:
    line = _line(await _lines(store, _patient_of(IRON)), IRON)
    assert [(d.at.hour, d.state) for d in line.doses_today] == [(10, DoseState.DUE)]
    assert line.doses_today[0].window == timedelta(hours=2)


@pytest.mark.asyncio
async def test_another_day_can_be_shown(store: Store) -> None:
    lines = await _service(store).prescriptions(_patient_of(APIXABAN), TODAY + timedelta(days=1))
    line = _line(lines, APIXABAN)
    assert [d.state for d in line.doses_today] == [DoseState.UPCOMING, DoseState.UPCOMING]
    assert line.doses_today[0].at.date() == TODAY + timedelta(days=1)


@pytest.mark.asyncio
async def test_orders_are_sorted_by_name_ignoring_case_and_accents(store: Store) -> None:
    lines = await _lines(store, _patient_of(MORPHINE))
    assert [line.medication.split()[0] for line in lines] == [
        "ÉNOXAPARINE",
        "MACROGOL",
        "MORPHINE",
        "PARACÉTAMOL",
    ]


# --- administrations ---------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_a_dose_given_inside_its_window_is_given(store: Store) -> None:
    given = _administration(APIXABAN, "2026-11-24T08:20:00+01:00")
    await store.put_server_resources([given])
    line = _line(await _lines(store, _patient_of(APIXABAN)), APIXABAN)
    assert [(d.state, d.administration_id) for d in line.doses_today] == [
        (DoseState.GIVEN, given["id"]),
        (DoseState.UPCOMING, None),
    ]


@pytest.mark.asyncio
async def test_a_dose_recorded_not_done_is_not_given(store: Store) -> None:
    await store.put_server_resources(
        [_administration(APIXABAN, "2026-11-24T07:45:00+01:00", "not-done")]
    )
    line = _line(await _lines(store, _patient_of(APIXABAN)), APIXABAN)
    assert line.doses_today[0].state == DoseState.NOT_GIVEN


@pytest.mark.asyncio
async def test_an_administration_outside_every_window_or_in_error_marks_nothing(
    store: Store,
) -> None:
    await store.put_server_resources(
        [
            _administration(APIXABAN, "2026-11-24T08:31:00+01:00"),  # time-critical: ±30 min
            _administration(APIXABAN, "2026-11-24T08:00:00+01:00", "entered-in-error"),
        ]
    )
    line = _line(await _lines(store, _patient_of(APIXABAN)), APIXABAN)
    assert line.doses_today[0].state == DoseState.LATE
    assert line.doses_today[0].administration_id is None


# --- the ward board ----------------------------------------------------------------------------


class _CountingStore:
    """The real store, counting the queries per resource type (a spy, not a double)."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self.queries: list[str] = []

    async def find(self, resource_type: str, **kw: Any) -> list[dict[str, Any]]:
        self.queries.append(resource_type)
        return await self._store.find(resource_type, **kw)


@pytest.mark.asyncio
async def test_dose_counts_match_the_prescriptions_with_one_query_per_type(store: Store) -> None:
    patients = [*sorted({_patient_of(r) for r in _requests()}), "no-such-patient"]
    spy = _CountingStore(store)
    spied = MedicationService(cast(Store, spy), RULES, clock=lambda: NOW, tz=TZ)
    counts = await spied.dose_counts(patients)
    assert sorted(spy.queries) == ["Medication", "MedicationAdministration", "MedicationRequest"]
    assert counts["no-such-patient"] == DoseCounts(0, 0, 0)
    service = _service(store)
    for pid in patients[:-1]:
        states = [d.state for line in await service.prescriptions(pid) for d in line.doses_today]
        expected = DoseCounts(
            states.count(DoseState.DUE),
            states.count(DoseState.LATE),
            states.count(DoseState.MISSED),
        )
        assert counts[pid] == expected
    assert sum(c.due + c.late + c.missed for c in counts.values()) > 0


@pytest.mark.asyncio
async def test_dose_counts_of_no_patient_is_empty(store: Store) -> None:
    assert await _service(store).dose_counts([]) == {}


# --- bad input ---------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_an_order_that_does_not_parse_is_skipped_and_the_rest_shown(
    store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    broken = {k: v for k, v in APIXABAN.items() if k != "intent"} | {"id": "broken-order"}
    await store.put_server_resources([broken])
    with caplog.at_level(logging.WARNING, logger="bedside.services.medications"):
        lines = await _lines(store, _patient_of(APIXABAN))
    assert "broken-order" not in {line.request_id for line in lines}
    assert APIXABAN["id"] in {line.request_id for line in lines}
    assert "broken-order" in caplog.text
    assert "APIXABAN" not in caplog.text


@pytest.mark.asyncio
async def test_an_uncached_medication_is_named_by_the_reference_and_a_concept_can_be_critical(
    store: Store,
) -> None:
    uncached = APIXABAN | {
        "id": "uncached",
        "medicationReference": {"reference": "Medication/gone", "display": "Heparin 5000 IU"},
    }
    coded = APIXABAN | {
        "id": "coded",
        "medicationCodeableConcept": {
            "coding": [{"system": "http://www.whocc.no/atc", "code": "N03AX14"}],
            "text": "Levetiracetam 500 mg",
        },
    }
    del coded["medicationReference"]
    await store.put_server_resources([uncached, coded])
    lines = await _lines(store, _patient_of(APIXABAN))
    assert (_line(lines, uncached).medication, _line(lines, uncached).time_critical) == (
        "Heparin 5000 IU",
        False,
    )
    assert (_line(lines, coded).medication, _line(lines, coded).time_critical) == (
        "Levetiracetam 500 mg",
        True,
    )
