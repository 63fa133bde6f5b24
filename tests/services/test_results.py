"""Lab results come grouped and interpreted; criticals stay counted until a nurse acknowledges."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio

from bedside.models import Observation, parse_as
from bedside.sandbox.seed import SeedWard, generate_ward
from bedside.services.recording import Recorder
from bedside.services.results import (
    ACKNOWLEDGE_CODE,
    TASK_CODE_SYSTEM,
    Interpretation,
    ResultNotInCacheError,
    ResultsService,
    result_line,
)
from bedside.store import MemoryKeyStore, Store

NOW = datetime(2026, 11, 24, 9, 30, tzinfo=UTC)
WARD: SeedWard = generate_ward(seed=2026, now=NOW, history_days=3)
V3 = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation"
LAB = {
    "coding": [
        {
            "system": "http://terminology.hl7.org/CodeSystem/observation-category",
            "code": "laboratory",
        }
    ]
}


def _of_type(kind: str) -> list[dict[str, Any]]:
    return [r for r in WARD.resources if r["resourceType"] == kind]


def _patient_of(resource: dict[str, Any]) -> str:
    return str(resource["subject"]["reference"].split("/")[1])


def _interpretation_codes(observation: dict[str, Any]) -> list[str]:
    return [c["code"] for i in observation.get("interpretation", []) for c in i["coding"]]


CRITICAL_K = next(o for o in _of_type("Observation") if "HH" in _interpretation_codes(o))
UNCODED_CRP = next(
    o
    for o in _of_type("Observation")
    if o["code"]["coding"][0]["code"] == "1988-5" and "interpretation" not in o
)


@pytest_asyncio.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    opened = await Store.open(tmp_path / "cache", MemoryKeyStore(), key_name="k")
    await opened.put_server_resources(WARD.resources)
    yield opened
    await opened.close()


@pytest.fixture
def results(store: Store) -> ResultsService:
    recorder = Recorder(store, "site-1", clock=lambda: NOW)
    return ResultsService(store, recorder, clock=lambda: NOW)


def _observation(**extra: Any) -> Observation:
    return parse_as(
        Observation,
        {
            "resourceType": "Observation",
            "id": "o1",
            "status": "final",
            "category": [LAB],
            "code": {"text": "Potassium"},
            "subject": {"reference": "Patient/p1"},
            "effectiveDateTime": "2026-11-24T06:00:00+01:00",
            **extra,
        },
    )


def _quantity(value: str) -> dict[str, Any]:
    return {"value": Decimal(value), "unit": "mmol/L"}


NORMAL_RANGE = [{"low": _quantity("3.5"), "high": _quantity("5.1")}]


@pytest.mark.asyncio
async def test_results_are_grouped_by_report_latest_first_without_vital_signs(
    results: ResultsService,
) -> None:
    pid = _patient_of(CRITICAL_K)
    groups = await results.results(pid)

    times = [g.effective for g in groups]
    assert times == sorted(times, reverse=True)  # type: ignore[type-var]
    latest = groups[0]
    assert latest.report_id is not None
    assert latest.title == "Basic metabolic 2000 panel - Serum or Plasma"
    assert [line.name for line in latest.lines] == ["Sodium", "Potassium", "Créatinine", "Glucose"]
    reports = [r for r in _of_type("DiagnosticReport") if _patient_of(r) == pid]
    assert sum(1 for g in groups if g.report_id) == len(reports)
    shown = {line.observation_id for g in groups for line in g.lines}
    vital_ids = {
        o["id"]
        for o in _of_type("Observation")
        if _patient_of(o) == pid and o["category"][0]["coding"][0]["code"] == "vital-signs"
    }
    assert vital_ids
    assert not shown & vital_ids


@pytest.mark.asyncio
async def test_the_critical_potassium_is_critical_high_with_its_value_verbatim(
    results: ResultsService,
) -> None:
    groups = await results.results(_patient_of(CRITICAL_K))
    line = next(line for g in groups for line in g.lines if line.observation_id == CRITICAL_K["id"])
    assert line.interpretation == Interpretation.CRITICAL_HIGH
    assert line.critical
    assert line.abnormal
    assert not line.derived
    assert (line.value, line.unit, line.low, line.high) == ("6.8", "mmol/L", "3.5", "5.1")
    assert line.acknowledgement is None


@pytest.mark.asyncio
async def test_a_crp_sent_without_interpretation_is_derived_high_from_its_range(
    results: ResultsService,
) -> None:
    groups = await results.results(_patient_of(UNCODED_CRP))
    line = next(
        line for g in groups for line in g.lines if line.observation_id == UNCODED_CRP["id"]
    )
    assert line.interpretation == Interpretation.HIGH
    assert line.derived is True
    assert line.critical is False
    assert line.high == "5.0"


@pytest.mark.asyncio
async def test_a_critical_result_is_counted_until_a_nurse_acknowledges_it(
    store: Store, results: ResultsService
) -> None:
    admitted = sorted({_patient_of(o) for o in _of_type("Observation")})
    pid = _patient_of(CRITICAL_K)
    assert await results.unacknowledged_critical(admitted) == {pid: 1}

    entry = await results.acknowledge(
        CRITICAL_K["id"], practitioner_id="nurse-7", practitioner_name="Claire Roux"
    )

    assert entry is not None
    assert await results.unacknowledged_critical(admitted) == {}
    outbox = await store.outbox()
    assert [(e.resource_type, e.operation, e.kind) for e in outbox] == [("Task", "create", "event")]
    task = outbox[0].payload
    assert task is not None
    assert task["status"] == "completed"
    assert task["intent"] == "order"
    assert task["code"]["coding"][0] == {
        "system": TASK_CODE_SYSTEM,
        "code": ACKNOWLEDGE_CODE,
        "display": "Acknowledge critical result",
    }
    assert task["focus"] == {"reference": f"Observation/{CRITICAL_K['id']}"}
    assert task["for"] == {"reference": f"Patient/{pid}"}
    assert task["encounter"] == CRITICAL_K["encounter"]
    who = {"reference": "Practitioner/nurse-7", "display": "Claire Roux"}
    assert task["owner"] == who
    assert task["requester"] == who
    assert task["executionPeriod"]["end"] == "2026-11-24T09:30:00.000Z"
    assert task["identifier"][0]["value"] == task["id"]

    groups = await results.results(pid)
    line = next(line for g in groups for line in g.lines if line.observation_id == CRITICAL_K["id"])
    assert line.acknowledgement is not None
    assert line.acknowledgement.by_name == "Claire Roux"
    assert line.acknowledgement.by_id == "nurse-7"
    assert line.acknowledgement.at == NOW
    assert line.acknowledgement.task_id == task["id"]


@pytest.mark.asyncio
async def test_acknowledging_twice_writes_nothing_more(
    store: Store, results: ResultsService
) -> None:
    first = await results.acknowledge(
        CRITICAL_K["id"], practitioner_id="nurse-7", practitioner_name="Claire Roux"
    )
    second = await results.acknowledge(
        CRITICAL_K["id"], practitioner_id="nurse-8", practitioner_name="Paul Roy"
    )
    assert first is not None
    assert second is None
    assert len(await store.outbox()) == 1


@pytest.mark.asyncio
async def test_an_acknowledgement_made_on_another_tablet_counts_too(
    store: Store, results: ResultsService
) -> None:
    pid = _patient_of(CRITICAL_K)
    await store.put_server_resources(
        [
            {
                "resourceType": "Task",
                "id": "task-from-elsewhere",
                "meta": {"versionId": "1"},
                "status": "completed",
                "intent": "order",
                "code": {"coding": [{"system": TASK_CODE_SYSTEM, "code": ACKNOWLEDGE_CODE}]},
                "focus": {"reference": f"Observation/{CRITICAL_K['id']}"},
                "for": {"reference": f"Patient/{pid}"},
                "owner": {"reference": "Practitioner/n2", "display": "Inès Bauer"},
                "executionPeriod": {"end": "2026-11-24T07:05:00+01:00"},
            }
        ]
    )
    assert await results.unacknowledged_critical([pid]) == {}
    assert (
        await results.acknowledge(CRITICAL_K["id"], practitioner_id="x", practitioner_name="X")
        is None
    )
    assert await store.outbox() == []


@pytest.mark.asyncio
async def test_acknowledging_a_result_that_is_not_in_the_cache_fails_loudly(
    results: ResultsService,
) -> None:
    with pytest.raises(ResultNotInCacheError):
        await results.acknowledge("no-such-result", practitioner_id="n", practitioner_name="N")


@pytest.mark.asyncio
async def test_a_result_that_does_not_parse_is_skipped_and_the_rest_shown(
    store: Store, results: ResultsService, caplog: pytest.LogCaptureFixture
) -> None:
    pid = _patient_of(CRITICAL_K)
    await store.put_server_resources(
        [
            {
                "resourceType": "Observation",
                "id": "broken-result",
                "status": "final",
                "category": [LAB],
                "subject": {"reference": f"Patient/{pid}"},
                "valueQuantity": {"value": "Zwirbelmeier"},
                "interpretation": [{"coding": [{"system": V3, "code": "HH"}]}],
            }
        ]
    )
    with caplog.at_level(logging.WARNING):
        groups = await results.results(pid)
        counts = await results.unacknowledged_critical([pid])

    assert counts == {pid: 1}
    assert CRITICAL_K["id"] in {line.observation_id for g in groups for line in g.lines}
    assert "Observation/broken-result" in caplog.text
    assert "Zwirbelmeier" not in caplog.text


@pytest.mark.asyncio
async def test_a_result_without_a_report_is_its_own_group(
    store: Store, results: ResultsService
) -> None:
    pid = _patient_of(CRITICAL_K)
    loose = _observation(valueQuantity=_quantity("4.0"), referenceRange=NORMAL_RANGE)
    raw = {**loose.fhir_dump(), "resourceType": "Observation", "id": "loose"}
    raw["subject"] = {"reference": f"Patient/{pid}"}
    raw["effectiveDateTime"] = "2026-11-24T10:00:00+01:00"
    await store.put_server_resources([raw])

    groups = await results.results(pid)

    assert groups[0].report_id is None
    assert groups[0].title == "Potassium"
    assert [line.observation_id for line in groups[0].lines] == ["loose"]


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("N", Interpretation.NORMAL),
        ("L", Interpretation.LOW),
        ("H", Interpretation.HIGH),
        ("LL", Interpretation.CRITICAL_LOW),
        ("HH", Interpretation.CRITICAL_HIGH),
        ("A", Interpretation.ABNORMAL),
        ("AA", Interpretation.CRITICAL),
        ("<", Interpretation.LOW),
        (">", Interpretation.HIGH),
    ],
)
def test_interpretation_codes_map_to_their_meaning(code: str, expected: Interpretation) -> None:
    line = result_line(
        _observation(
            valueQuantity=_quantity("4.0"),
            interpretation=[{"coding": [{"system": V3, "code": code}]}],
        ),
        None,
    )
    assert line.interpretation == expected
    assert line.derived is False


def test_the_most_severe_of_several_codes_wins() -> None:
    line = result_line(
        _observation(
            valueQuantity=_quantity("7.0"),
            interpretation=[
                {"coding": [{"system": V3, "code": "H"}]},
                {"coding": [{"system": V3, "code": "HH"}]},
            ],
        ),
        None,
    )
    assert line.interpretation == Interpretation.CRITICAL_HIGH


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("3.4", Interpretation.LOW),
        ("3.5", Interpretation.NORMAL),
        ("5.1", Interpretation.NORMAL),
        ("5.2", Interpretation.HIGH),
        ("6.3", Interpretation.HIGH),  # no critical range sent: high, never critical
    ],
)
def test_without_a_code_the_interpretation_is_derived_from_the_normal_range(
    value: str, expected: Interpretation
) -> None:
    line = result_line(
        _observation(valueQuantity=_quantity(value), referenceRange=NORMAL_RANGE), None
    )
    assert line.interpretation == expected
    assert line.derived is True


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2.7", Interpretation.CRITICAL_LOW),
        ("3.0", Interpretation.LOW),
        ("6.3", Interpretation.CRITICAL_HIGH),
    ],
)
def test_a_range_marked_critical_makes_a_derived_result_critical(
    value: str, expected: Interpretation
) -> None:
    ranges = [
        *NORMAL_RANGE,
        {"low": _quantity("2.8"), "high": _quantity("6.2"), "text": "Critical limits"},
    ]
    line = result_line(_observation(valueQuantity=_quantity(value), referenceRange=ranges), None)
    assert line.interpretation == expected
    assert (line.low, line.high) == ("3.5", "5.1")  # the normal range is the one shown


def test_a_value_with_a_comparator_or_no_range_is_not_derived() -> None:
    below = result_line(
        _observation(
            valueQuantity={"value": Decimal("0.5"), "comparator": "<", "unit": "mg/L"},
            referenceRange=NORMAL_RANGE,
        ),
        None,
    )
    assert (below.value, below.interpretation, below.derived) == (
        "<0.5",
        Interpretation.UNKNOWN,
        False,
    )
    text = result_line(_observation(valueString="hémolysé"), None)
    assert (text.value, text.interpretation) == ("hémolysé", Interpretation.UNKNOWN)


@pytest.mark.asyncio
async def test_an_acknowledgement_travels_through_the_ehr_to_the_other_tablets(
    tmp_path: Path,
) -> None:
    from bedside.sync.engine import SyncEngine
    from tests.sync.ehr import SITE, synced

    tablet_a = await Store.open(tmp_path / "a", MemoryKeyStore(), key_name="k")
    tablet_b = await Store.open(tmp_path / "b", MemoryKeyStore(), key_name="k")
    try:
        async with synced(tablet_a) as (ehr, engine_a), ehr.client() as client_b:
            engine_b = SyncEngine(tablet_b, client_b, ehr.scope)
            assert (await engine_b.sync_once()).ok
            on_a = ResultsService(tablet_a, Recorder(tablet_a, SITE))
            on_b = ResultsService(tablet_b, Recorder(tablet_b, SITE))
            patients = [p["id"] for p in await tablet_b.find("Patient")]
            critical = await on_b.unacknowledged_critical(patients)
            assert sum(critical.values()) == 1
            (patient_id,) = critical
            critical_id = next(
                line.observation_id
                for group in await on_a.results(patient_id)
                for line in group.lines
                if line.critical
            )

            await on_a.acknowledge(
                critical_id, practitioner_id="nurse-7", practitioner_name="Claire Roux"
            )
            assert (await engine_a.sync_once()).pushed.done == 1
            assert (await engine_b.sync_once(reconcile_now=False)).ok

            assert await on_b.unacknowledged_critical(patients) == {}
            seen_on_b = next(
                line
                for group in await on_b.results(patient_id)
                for line in group.lines
                if line.observation_id == critical_id
            )
            assert seen_on_b.acknowledgement is not None
            assert seen_on_b.acknowledgement.by_name == "Claire Roux"
    finally:
        await tablet_a.close()
        await tablet_b.close()
