"""Vital signs: the pad's checks, the Observations a round becomes, and the history read back."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import pytest_asyncio

from bedside.sandbox.seed import SeedWard, generate_ward
from bedside.sandbox.seed import codes as seed_codes
from bedside.services.delivery import Delivery
from bedside.services.news2 import Consciousness, News2Parameter, RiskBand
from bedside.services.recording import Recorder
from bedside.services.vitals import (
    CS_ACVPU,
    CS_FLAG,
    PLAUSIBLE,
    SPO2_SCALE_2_FLAG,
    UNUSUAL,
    EntryProblem,
    ProblemKind,
    VitalsEntry,
    VitalsEntryError,
    VitalSign,
    VitalsService,
    check_entry,
    observations_for,
)
from bedside.store import Changes, MemoryKeyStore, Store, StoreFullError
from bedside.store import records as records_module

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 11, 22, 13, 30, 15, 123456, tzinfo=UTC)  # 14:30:15 in Paris
NURSE = {"reference": "Practitioner/n1"}

FULL = VitalsEntry(
    heart_rate=88,
    respiratory_rate=18,
    spo2=95,
    on_oxygen=True,
    oxygen_flow_l_min=Decimal("2.5"),
    systolic=128,
    diastolic=76,
    temperature=Decimal("37.8"),
    consciousness=Consciousness.ALERT,
    pain=3,
)


def _clock() -> datetime:
    return NOW


@pytest_asyncio.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    opened = await Store.open(tmp_path / "site.bedside-cache", MemoryKeyStore(), key_name="k")
    yield opened
    await opened.close()


@pytest.fixture
def service(store: Store) -> VitalsService:
    recorder = Recorder(store, "site-1", clock=_clock)
    return VitalsService(store, recorder, clock=_clock, tz=PARIS)


def _loinc(resource: dict[str, Any]) -> set[str]:
    return {c["code"] for c in resource["code"]["coding"] if c["system"] == "http://loinc.org"}


# --- recording ---------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_recording_writes_one_observation_per_sign_with_loinc_codes_and_ucum_units(
    store: Store, service: VitalsService
) -> None:
    rows = await service.record(FULL, patient_id="p1", encounter_id="e1", performer=NURSE)

    assert len(rows) == 7
    assert {(row.resource_type, row.operation, row.kind) for row in rows} == {
        ("Observation", "create", "event")
    }
    assert len(await store.outbox()) == 7
    saved = [await store.get("Observation", row.resource_id) for row in rows]
    by_code = {frozenset(_loinc(obs)): obs for obs in saved if obs is not None}
    assert set(by_code) == {
        frozenset({"8867-4"}),
        frozenset({"9279-1"}),
        frozenset({"2708-6", "59408-5"}),
        frozenset({"85354-9"}),
        frozenset({"8310-5"}),
        frozenset({"67775-7"}),
        frozenset({"72514-3"}),
    }
    for obs in by_code.values():
        assert obs["status"] == "final"
        assert obs["category"][0]["coding"][0]["code"] == "vital-signs"
        assert obs["subject"] == {"reference": "Patient/p1"}
        assert obs["encounter"] == {"reference": "Encounter/e1"}
        assert obs["performer"] == [NURSE]
        assert obs["identifier"][0]["system"] == "urn:bedside:site:site-1:event"
    units = {
        code: (obs["valueQuantity"]["system"], obs["valueQuantity"]["code"])
        for code, obs in by_code.items()
        if "valueQuantity" in obs
    }
    ucum = "http://unitsofmeasure.org"
    assert units == {
        frozenset({"8867-4"}): (ucum, "/min"),
        frozenset({"9279-1"}): (ucum, "/min"),
        frozenset({"2708-6", "59408-5"}): (ucum, "%"),
        frozenset({"8310-5"}): (ucum, "Cel"),
        frozenset({"72514-3"}): (ucum, "{score}"),
    }
    assert by_code[frozenset({"8310-5"})]["valueQuantity"]["value"] == Decimal("37.8")
    bp = by_code[frozenset({"85354-9"})]
    assert [
        (c["code"]["coding"][0]["code"], c["valueQuantity"]["value"], c["valueQuantity"]["code"])
        for c in bp["component"]
    ] == [("8480-6", 128, "mm[Hg]"), ("8462-4", 76, "mm[Hg]")]
    acvpu = by_code[frozenset({"67775-7"})]["valueCodeableConcept"]["coding"][0]
    assert (acvpu["system"], acvpu["code"]) == (CS_ACVPU, "A")


def test_oxygen_is_a_flow_component_of_spo2_and_room_air_is_0_l_min() -> None:
    def flow(entry: VitalsEntry) -> Any:
        (spo2,) = observations_for(
            entry, patient_id="p1", encounter_id=None, performer=None, effective=NOW
        )
        (component,) = spo2["component"]
        assert component["code"]["coding"][0]["code"] == "3151-8"
        assert component["valueQuantity"]["code"] == "L/min"
        return component["valueQuantity"]["value"]

    assert flow(VitalsEntry(spo2=93, on_oxygen=True, oxygen_flow_l_min=Decimal("1.5"))) == Decimal(
        "1.5"
    )
    assert flow(VitalsEntry(spo2=97, on_oxygen=False)) == 0


def test_the_effective_time_keeps_the_local_offset_to_the_second() -> None:
    (obs,) = observations_for(
        VitalsEntry(heart_rate=70),
        patient_id="p1",
        encounter_id=None,
        performer=None,
        effective=NOW.astimezone(PARIS),
    )
    assert obs["effectiveDateTime"] == "2026-11-22T14:30:15+01:00"
    assert "encounter" not in obs
    assert "performer" not in obs


def test_the_sandbox_code_systems_copied_into_the_service_agree_with_the_seed() -> None:
    assert seed_codes.CS_ACVPU == CS_ACVPU
    assert seed_codes.CS_FLAG == CS_FLAG


@pytest.mark.asyncio
async def test_an_implausible_value_is_refused_and_nothing_is_saved(
    store: Store, service: VitalsService
) -> None:
    with pytest.raises(VitalsEntryError) as refused:
        await service.record(
            replace(FULL, heart_rate=400),
            patient_id="p1",
            encounter_id="e1",
            performer=NURSE,
            confirmed_unusual=True,
        )
    assert refused.value.problems == [
        EntryProblem(VitalSign.HEART_RATE, ProblemKind.IMPLAUSIBLE, Decimal(20), Decimal(250))
    ]
    assert await store.outbox() == []
    assert await store.find("Observation") == []


@pytest.mark.asyncio
async def test_an_unusual_value_is_saved_only_once_the_nurse_confirms_it(
    store: Store, service: VitalsService
) -> None:
    unusual = replace(FULL, heart_rate=190)
    with pytest.raises(VitalsEntryError) as refused:
        await service.record(unusual, patient_id="p1", encounter_id="e1", performer=NURSE)
    assert [p.kind for p in refused.value.problems] == [ProblemKind.UNUSUAL]
    assert await store.outbox() == []

    rows = await service.record(
        unusual, patient_id="p1", encounter_id="e1", performer=NURSE, confirmed_unusual=True
    )
    assert len(rows) == 7


@pytest.mark.asyncio
async def test_an_entry_read_back_from_the_history_is_the_entry_recorded(
    service: VitalsService,
) -> None:
    await service.record(FULL, patient_id="p1", encounter_id="e1", performer=NURSE)
    on_air = VitalsEntry(heart_rate=72, spo2=97, on_oxygen=False, pain=0)
    await service.record(on_air, patient_id="p2", encounter_id=None, performer=None)

    history = await service.history("p1", hours=24)

    (only,) = history.rounds
    assert only.entry == FULL
    assert only.at == NOW.replace(microsecond=0)
    assert only.at.utcoffset() == timedelta(hours=1)
    assert only.news2.total == 1 + 2  # SpO2 95 and oxygen; everything else scores 0
    assert only.news2.complete
    assert history.series[VitalSign.OXYGEN_FLOW][0].value == Decimal("2.5")
    assert VitalSign.CONSCIOUSNESS not in history.series
    assert (await service.history("p2", hours=24)).rounds[0].entry == on_air


@pytest.mark.asyncio
async def test_a_round_is_one_transaction_announced_once_and_pushed_once(store: Store) -> None:
    pushes: list[None] = []
    recorder = Recorder(store, "site-1", clock=_clock, written=lambda: pushes.append(None))
    service = VitalsService(store, recorder, clock=_clock, tz=PARIS)
    heard: list[Changes] = []
    store.changes.subscribe(heard.append)

    rows = await service.record(FULL, patient_id="p1", encounter_id="e1", performer=NURSE)

    assert len(rows) == 7
    assert heard == [Changes(frozenset({"Observation"}), frozenset({"p1"}), outbox=True)]
    assert len(pushes) == 1


@pytest.mark.asyncio
async def test_a_round_that_fails_half_way_leaves_nothing_behind(
    store: Store, service: VitalsService, monkeypatch: pytest.MonkeyPatch
) -> None:
    heard: list[Changes] = []
    store.changes.subscribe(heard.append)
    written = records_module._record
    calls: list[int] = []

    def fourth_fails(*args: Any) -> int:
        calls.append(1)
        if len(calls) == 4:
            raise StoreFullError("The tablet's storage is full.")
        return written(*args)

    monkeypatch.setattr(records_module, "_record", fourth_fails)

    with pytest.raises(StoreFullError):
        await service.record(FULL, patient_id="p1", encounter_id="e1", performer=NURSE)

    assert len(calls) == 4  # three Observations were written before the failure…
    assert await store.find("Observation") == []  # …and rolled back with it
    assert await store.outbox() == []
    assert heard == []


@pytest.mark.asyncio
async def test_a_round_reads_as_waiting_until_the_ehr_has_all_of_it_then_as_sent(
    store: Store, service: VitalsService
) -> None:
    rows = await service.record(FULL, patient_id="p1", encounter_id="e1", performer=NURSE)

    async def delivery() -> Delivery:
        (only,) = (await service.history("p1", hours=24)).rounds
        assert set(only.observation_ids) <= {row.resource_id for row in rows}
        return only.delivery

    (saved,) = (await service.history("p1", hours=24)).rounds
    assert set(saved.observation_ids) == {row.resource_id for row in rows}
    assert await delivery() is Delivery.WAITING
    for row in rows[:-1]:
        await store.complete_upload(row.seq, None, settled_at="2026-11-22T13:31:00Z")
    assert await delivery() is Delivery.WAITING  # one still waits
    await store.reject_upload(rows[-1].seq, "synthetic refusal")
    assert await delivery() is Delivery.REFUSED
    await store.discard_rejected(rows[-1].seq, by="n1", at="2026-11-22T13:32:00Z")
    assert await delivery() is Delivery.SENT  # the refused one is gone, the rest has arrived


# --- entry checks ------------------------------------------------------------------------------

BASE = FULL  # consistent and ordinary: one field changed per case below
_STEP = {VitalSign.TEMPERATURE: Decimal("0.1"), VitalSign.OXYGEN_FLOW: Decimal("0.5")}
_FIELDS = {
    VitalSign.HEART_RATE: "heart_rate",
    VitalSign.RESPIRATORY_RATE: "respiratory_rate",
    VitalSign.SPO2: "spo2",
    VitalSign.OXYGEN_FLOW: "oxygen_flow_l_min",
    VitalSign.SYSTOLIC: "systolic",
    VitalSign.DIASTOLIC: "diastolic",
    VitalSign.TEMPERATURE: "temperature",
    VitalSign.PAIN: "pain",
}


def _limit_cases() -> Iterator[tuple[VitalSign, Decimal, ProblemKind | None]]:
    for sign in PLAUSIBLE:
        step = _STEP.get(sign, Decimal(1))
        hard_low, hard_high = PLAUSIBLE[sign]
        low, high = UNUSUAL[sign]
        yield sign, low, None
        yield sign, high, None
        yield sign, hard_low - step, ProblemKind.IMPLAUSIBLE
        yield sign, hard_high + step, ProblemKind.IMPLAUSIBLE
        if low > hard_low:
            yield sign, hard_low, ProblemKind.UNUSUAL
            yield sign, low - step, ProblemKind.UNUSUAL
        if high < hard_high:
            yield sign, hard_high, ProblemKind.UNUSUAL
            yield sign, high + step, ProblemKind.UNUSUAL


@pytest.mark.parametrize(("sign", "value", "kind"), list(_limit_cases()))
def test_each_field_is_checked_against_its_hard_and_confirm_limits(
    sign: VitalSign, value: Decimal, kind: ProblemKind | None
) -> None:
    # Counts are ints on the pad; temperature and oxygen flow are decimals.
    change: dict[str, Any] = {_FIELDS[sign]: value if sign in _STEP else int(value)}
    problems = [p for p in check_entry(replace(BASE, **change)) if p.sign is sign]
    ranged = [p for p in problems if p.kind is not ProblemKind.INCONSISTENT]
    if kind is None:
        assert ranged == []
    else:
        table = PLAUSIBLE if kind is ProblemKind.IMPLAUSIBLE else UNUSUAL
        assert ranged == [EntryProblem(sign, kind, *table[sign])]


def test_an_ordinary_entry_has_no_problem() -> None:
    assert check_entry(FULL) == []
    assert check_entry(VitalsEntry(pain=0)) == []


def test_an_entry_with_nothing_in_it_is_empty() -> None:
    assert check_entry(VitalsEntry()) == [EntryProblem(None, ProblemKind.EMPTY)]


def test_a_decimal_that_is_not_a_number_is_implausible() -> None:
    (problem,) = check_entry(VitalsEntry(temperature=Decimal("NaN")))
    assert (problem.sign, problem.kind) == (VitalSign.TEMPERATURE, ProblemKind.IMPLAUSIBLE)
    entry = VitalsEntry(spo2=95, on_oxygen=True, oxygen_flow_l_min=Decimal("NaN"))
    assert check_entry(entry) == [
        EntryProblem(
            VitalSign.OXYGEN_FLOW, ProblemKind.IMPLAUSIBLE, *PLAUSIBLE[VitalSign.OXYGEN_FLOW]
        )
    ]


@pytest.mark.parametrize(
    ("entry", "sign"),
    [
        (VitalsEntry(spo2=95), VitalSign.SPO2),
        (VitalsEntry(on_oxygen=False), VitalSign.SPO2),
        (
            VitalsEntry(spo2=95, on_oxygen=False, oxygen_flow_l_min=Decimal(2)),
            VitalSign.OXYGEN_FLOW,
        ),
        (VitalsEntry(spo2=95, on_oxygen=True), VitalSign.OXYGEN_FLOW),
        (VitalsEntry(spo2=95, on_oxygen=True, oxygen_flow_l_min=Decimal(0)), VitalSign.OXYGEN_FLOW),
        (VitalsEntry(systolic=120), VitalSign.DIASTOLIC),
        (VitalsEntry(diastolic=80), VitalSign.SYSTOLIC),
        (VitalsEntry(systolic=80, diastolic=80), VitalSign.DIASTOLIC),
        (VitalsEntry(systolic=80, diastolic=95), VitalSign.DIASTOLIC),
    ],
)
def test_values_that_contradict_each_other_are_inconsistent(
    entry: VitalsEntry, sign: VitalSign
) -> None:
    assert EntryProblem(sign, ProblemKind.INCONSISTENT) in check_entry(entry)


# --- reading -----------------------------------------------------------------------------------

SEED_NOW = datetime(2026, 11, 22, 14, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def ward() -> SeedWard:
    return generate_ward(seed=2026, now=SEED_NOW)


def _seed_clock() -> datetime:
    return SEED_NOW


@pytest_asyncio.fixture
async def seeded(store: Store, ward: SeedWard) -> VitalsService:
    await store.put_server_resources(ward.resources)
    return VitalsService(store, Recorder(store, "site-1", clock=_seed_clock), clock=_seed_clock)


def _in_patients(ward: SeedWard) -> list[str]:
    return [
        r["subject"]["reference"].split("/")[1]
        for r in ward.resources
        if r["resourceType"] == "Encounter" and r["status"] == "in-progress"
    ]


def _scale_2_patients(ward: SeedWard) -> set[str]:
    return {
        r["subject"]["reference"].split("/")[1]
        for r in ward.resources
        if r["resourceType"] == "Flag"
        and any(c["code"] == SPO2_SCALE_2_FLAG for c in r["code"]["coding"])
    }


@pytest.mark.asyncio
async def test_seeded_vitals_give_every_patient_a_news2_and_the_copd_patient_scale_2(
    store: Store, seeded: VitalsService, ward: SeedWard
) -> None:
    patients = _in_patients(ward)
    copd = _scale_2_patients(ward)
    assert len(copd) == 1

    finds = 0
    real_find = store.find

    async def counting_find(*args: Any, **kwargs: Any) -> list[dict[str, Any]]:
        nonlocal finds
        finds += 1
        return await real_find(*args, **kwargs)

    store.find = counting_find  # type: ignore[method-assign]
    latest = await seeded.latest_news2(patients)
    store.find = real_find  # type: ignore[method-assign]

    assert finds == 2  # one for the Observations of the whole ward, one for its Flags
    assert set(latest) == set(patients)
    for patient_id, news2 in latest.items():
        assert news2.score.complete
        assert news2.score.spo2_scale == (2 if patient_id in copd else 1)
        assert SEED_NOW - timedelta(hours=24) <= news2.at <= SEED_NOW
    (copd_id,) = copd
    history = await seeded.history(copd_id, hours=72)
    assert history.rounds
    assert all(r.news2.spo2_scale == 2 for r in history.rounds)
    assert history.rounds[0].at == latest[copd_id].at
    assert history.rounds[0].news2 == latest[copd_id].score


@pytest.mark.asyncio
async def test_the_deteriorating_patients_news2_rises_to_high(
    seeded: VitalsService, ward: SeedWard
) -> None:
    latest = await seeded.latest_news2(_in_patients(ward))
    high = [pid for pid, news2 in latest.items() if news2.score.band is RiskBand.HIGH]
    assert len(high) == 1

    history = await seeded.history(high[0], hours=72)

    oldest, newest = history.rounds[-1], history.rounds[0]
    assert oldest.news2.total <= 4 < newest.news2.total
    assert newest.news2.points[News2Parameter.CONSCIOUSNESS] == 3
    times = [point.at for point in history.series[VitalSign.HEART_RATE]]
    assert times == sorted(times)
    assert (
        history.series[VitalSign.HEART_RATE][-1].value
        > history.series[VitalSign.HEART_RATE][0].value
    )


@pytest.mark.asyncio
async def test_a_malformed_or_empty_observation_is_skipped_and_the_rest_kept(
    store: Store, service: VitalsService, caplog: pytest.LogCaptureFixture
) -> None:
    def obs(obs_id: str, **value: Any) -> dict[str, Any]:
        return {
            "resourceType": "Observation",
            "id": obs_id,
            "status": "final",
            "category": [
                {"coding": [{"system": seed_codes.OBSERVATION_CATEGORY, "code": "vital-signs"}]}
            ],
            "code": {"coding": [{"system": "http://loinc.org", "code": "8867-4"}]},
            "subject": {"reference": "Patient/p1"},
            "effectiveDateTime": "2026-11-22T12:00:00+01:00",
            **value,
        }

    await store.put_server_resources(
        [
            obs("good", valueQuantity={"value": 81, "unit": "/min"}),
            obs("broken", valueQuantity={"value": "fast"}),
            obs("empty"),
            obs("wrong", status="entered-in-error", valueQuantity={"value": 190}),
            {**obs("no-time", valueQuantity={"value": 60}), "effectiveDateTime": "2026-11-22"},
        ]
    )
    with caplog.at_level(logging.WARNING, logger="bedside.services.vitals"):
        history = await service.history("p1", hours=24)
        latest = await service.latest_news2(["p1"])

    (only,) = history.rounds
    assert only.entry == VitalsEntry(heart_rate=81)
    assert latest["p1"].score.points == {News2Parameter.PULSE: 0}
    logged = caplog.text
    for skipped in ("broken", "empty", "no-time"):
        assert skipped in logged
    assert "fast" not in logged


@pytest.mark.asyncio
async def test_an_ended_scale_2_flag_no_longer_changes_the_scale(
    store: Store, service: VitalsService
) -> None:
    def flag(flag_id: str, **period: str) -> dict[str, Any]:
        return {
            "resourceType": "Flag",
            "id": flag_id,
            "status": "active",
            "code": {"coding": [{"system": CS_FLAG, "code": SPO2_SCALE_2_FLAG}]},
            "subject": {"reference": f"Patient/{flag_id}"},
            "period": {"start": "2026-11-20T10:00:00+01:00", **period},
        }

    await store.put_server_resources([flag("p1"), flag("p2", end="2026-11-21T10:00:00+01:00")])
    entry = VitalsEntry(spo2=97, on_oxygen=True, oxygen_flow_l_min=Decimal(1))
    for patient in ("p1", "p2"):
        await service.record(entry, patient_id=patient, encounter_id=None, performer=None)

    latest = await service.latest_news2(["p1", "p2", "p3"])

    assert latest["p1"].score.spo2_scale == 2
    assert latest["p1"].score.points[News2Parameter.SPO2] == 3
    assert latest["p2"].score.spo2_scale == 1
    assert latest["p2"].score.points[News2Parameter.SPO2] == 0
    assert "p3" not in latest
    assert (await service.history("p3", hours=24)).spo2_scale == 1
    await store.put_server_resources([flag("p3")])
    assert (await service.history("p3", hours=24)).spo2_scale == 2  # no round needed
