"""The chart service builds banners and care records from a real cache holding the seeded ward."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import pytest_asyncio

from bedside.models import SYSTEM_INS_NIR, SYSTEM_KVNR
from bedside.sandbox.seed import SeedWard, generate_ward
from bedside.services.chart import (
    AllergyStatus,
    ChartService,
    PatientNotInCacheError,
)
from bedside.store import MemoryKeyStore, Store

NOW = datetime(2026, 11, 24, 9, 30, tzinfo=UTC)  # Tuesday 10:30 in Paris
TZ = ZoneInfo("Europe/Paris")
SNOMED = "http://snomed.info/sct"
DIET = "https://sandbox.bedside.example/fhir/CodeSystem/diet"
WARD: SeedWard = generate_ward(seed=2026, now=NOW, history_days=3)


def _of_type(kind: str) -> list[dict[str, Any]]:
    return [r for r in WARD.resources if r["resourceType"] == kind]


def _patient_of(resource: dict[str, Any]) -> str:
    ref = (resource.get("patient") or resource.get("subject"))["reference"]
    return str(ref.split("/")[1])


def _admitted() -> list[str]:
    """Patients with a stay in progress, in seed order."""
    return [_patient_of(e) for e in _of_type("Encounter") if e["status"] == "in-progress"]


def _allergy_codes(patient_id: str) -> list[str]:
    return [
        c["code"]
        for a in _of_type("AllergyIntolerance")
        if _patient_of(a) == patient_id
        for c in a["code"].get("coding", [])
    ]


@pytest_asyncio.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    opened = await Store.open(tmp_path / "cache", MemoryKeyStore(), key_name="k")
    await opened.put_server_resources(WARD.resources)
    yield opened
    await opened.close()


@pytest.fixture
def chart(store: Store) -> ChartService:
    return ChartService(store, hospital_number_system=None, clock=lambda: NOW, tz=TZ)


def _stay(patient_id: str) -> dict[str, Any]:
    return next(
        e
        for e in _of_type("Encounter")
        if _patient_of(e) == patient_id and e["status"] == "in-progress"
    )


def _no_allergy_patient() -> str:
    return next(p for p in _admitted() if not _allergy_codes(p))


def _npo_order(
    patient_id: str, oid: str, start: str | None, end: str | None, **extra: Any
) -> dict[str, Any]:
    oral: dict[str, Any] = {
        "type": [{"coding": [{"system": DIET, "code": "npo"}], "text": "Nil by mouth"}],
        "instruction": "À jeun strict",
    }
    if start or end:
        oral["schedule"] = [{"repeat": {"boundsPeriod": {"start": start, "end": end}}}]
    return {
        "resourceType": "NutritionOrder",
        "id": oid,
        "status": "active",
        "intent": "order",
        "patient": {"reference": f"Patient/{patient_id}"},
        "dateTime": "2026-11-23T18:00:00+01:00",
        "oralDiet": oral,
        **extra,
    }


# --- allergies ----------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_no_known_allergies_not_recorded_and_recorded_are_three_different_states(
    chart: ChartService,
) -> None:
    admitted = _admitted()
    nka = next(p for p in admitted if _allergy_codes(p) == ["716186003"])
    nothing = _no_allergy_patient()
    allergic = next(p for p in admitted if "91936005" in _allergy_codes(p))  # penicillin

    banners = await chart.banners([nka, nothing, allergic])

    assert banners[nka].allergy_status == AllergyStatus.NO_KNOWN_ALLERGIES
    assert banners[nka].allergies == ()
    assert banners[nothing].allergy_status == AllergyStatus.NOT_RECORDED
    assert banners[allergic].allergy_status == AllergyStatus.RECORDED
    assert "Allergie à la pénicilline" in banners[allergic].allergies


@pytest.mark.asyncio
async def test_a_real_allergy_wins_over_no_known_allergy_and_errors_and_refuted_ones_do_not_count(
    store: Store, chart: ChartService
) -> None:
    pid = _no_allergy_patient()

    def allergy(aid: str, text: str, **extra: Any) -> dict[str, Any]:
        return {
            "resourceType": "AllergyIntolerance",
            "id": aid,
            "code": {"text": text},
            "patient": {"reference": f"Patient/{pid}"},
            **extra,
        }

    verification = "http://terminology.hl7.org/CodeSystem/allergyintolerance-verification"
    await store.put_server_resources(
        [
            allergy(
                "a-error",
                "Allergie au latex",
                verificationStatus={
                    "coding": [{"system": verification, "code": "entered-in-error"}]
                },
            ),
            allergy(
                "a-refuted",
                "Allergie à l'iode",
                verificationStatus={"coding": [{"system": verification, "code": "refuted"}]},
            ),
        ]
    )
    banner = await chart.banner(pid)
    assert banner.allergy_status == AllergyStatus.NOT_RECORDED

    await store.put_server_resources(
        [
            allergy(
                "a-nka",
                "No known allergy",
                code={"coding": [{"system": SNOMED, "code": "716186003"}]},
            )
        ]
    )
    assert (await chart.banner(pid)).allergy_status == AllergyStatus.NO_KNOWN_ALLERGIES

    await store.put_server_resources(
        [
            allergy("a-low", "Allergie au céleri", criticality="low"),
            allergy("a-high", "Allergie à l'arachide", criticality="high"),
        ]
    )
    banner = await chart.banner(pid)
    assert banner.allergy_status == AllergyStatus.RECORDED
    assert banner.allergies == ("Allergie à l'arachide", "Allergie au céleri")  # high first
    record = await chart.care_record(pid)
    assert [line.allergy_id for line in record.allergies] == ["a-high", "a-low", "a-refuted"]
    assert record.allergies[-1].verification == "refuted"


@pytest.mark.asyncio
async def test_an_empty_allergy_list_with_nil_known_reason_means_no_known_allergies(
    store: Store, chart: ChartService
) -> None:
    pid = _no_allergy_patient()
    await store.put_server_resources(
        [
            {
                "resourceType": "List",
                "id": "allergy-list",
                "status": "current",
                "mode": "snapshot",
                "code": {"coding": [{"system": "http://loinc.org", "code": "48765-2"}]},
                "subject": {"reference": f"Patient/{pid}"},
                "emptyReason": {
                    "coding": [
                        {
                            "system": "http://terminology.hl7.org/CodeSystem/list-empty-reason",
                            "code": "nilknown",
                        }
                    ]
                },
            }
        ]
    )
    assert (await chart.banner(pid)).allergy_status == AllergyStatus.NO_KNOWN_ALLERGIES


@pytest.mark.asyncio
async def test_reactions_and_severity_are_given_as_sent(chart: ChartService) -> None:
    pid = next(p for p in _admitted() if "91936005" in _allergy_codes(p))
    record = await chart.care_record(pid)
    penicillin = next(a for a in record.allergies if a.substance == "Allergie à la pénicilline")
    assert penicillin.criticality == "high"
    assert penicillin.category == ("medication",)
    assert [(r.manifestations, r.severity) for r in penicillin.reactions] == [
        (("Urticaria",), "moderate"),
        (("Angioedema",), "severe"),
    ]


# --- identity -----------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_the_ins_identity_and_its_strict_traits_are_shown_as_the_server_sent_them(
    store: Store, chart: ChartService
) -> None:
    patient = next(
        p
        for p in _of_type("Patient")
        if any(i["system"] == SYSTEM_INS_NIR for i in p["identifier"]) and p["id"] in _admitted()
    )
    matricule = next(i["value"] for i in patient["identifier"] if i["system"] == SYSTEM_INS_NIR)
    changed = dict(patient)
    changed["extension"] = [
        {
            "url": "http://hl7.org/fhir/StructureDefinition/patient-birthPlace",
            "valueAddress": {
                "extension": [
                    {
                        "url": "https://hl7.fr/ig/fhir/core/StructureDefinition/fr-core-address-insee-code",
                        "valueCoding": {"code": "67482"},
                    }
                ],
                "city": "Strasbourg",
            },
        }
    ]
    await store.put_server_resources([changed])

    banner = await chart.banner(patient["id"])

    assert banner.ins is not None
    assert banner.ins.matricule == matricule
    assert banner.ins.birth_family_name == patient["name"][0]["family"]
    assert banner.ins.first_birth_given_name == patient["name"][0]["given"][0]
    assert banner.ins.birth_date == date.fromisoformat(patient["birthDate"])
    assert banner.ins.sex == patient["gender"]
    assert banner.ins.birth_place_code == "67482"
    assert banner.kvnr is None


@pytest.mark.asyncio
async def test_the_kvnr_bed_hospital_number_and_age_are_on_the_banner(chart: ChartService) -> None:
    patient = next(
        p
        for p in _of_type("Patient")
        if any(i["system"] == SYSTEM_KVNR for i in p["identifier"]) and p["id"] in _admitted()
    )
    banner = await chart.banner(patient["id"])

    assert banner.kvnr == next(
        i["value"] for i in patient["identifier"] if i["system"] == SYSTEM_KVNR
    )
    assert banner.ins is None
    assert banner.hospital_number == patient["identifier"][0]["value"]  # found by the "ipp" hint
    assert banner.encounter_id == _stay(patient["id"])["id"]
    assert banner.bed_label == _stay(patient["id"])["location"][0]["location"]["display"]
    birth = date.fromisoformat(patient["birthDate"])
    assert banner.birth_date == birth
    assert banner.age == 2026 - birth.year - ((birth.month, birth.day) > (11, 24))
    assert banner.family_name == patient["name"][0]["family"]
    assert banner.name.startswith(patient["name"][0]["family"].upper() + ", ")


@pytest.mark.asyncio
async def test_a_patient_not_in_the_cache_has_no_banner(chart: ChartService) -> None:
    assert await chart.banners(["nobody"]) == {}
    with pytest.raises(PatientNotInCacheError):
        await chart.banner("nobody")


# --- diet and nil by mouth ----------------------------------------------------------------------


@pytest.mark.asyncio
async def test_nil_by_mouth_in_effect_says_until_when(store: Store, chart: ChartService) -> None:
    pid = _admitted()[3]
    await store.put_server_resources(
        [_npo_order(pid, "npo-now", "2026-11-24T00:00:00+01:00", "2026-11-24T14:00:00+01:00")]
    )
    diet = (await chart.banner(pid)).diet

    assert diet.nil_by_mouth is True
    assert diet.nil_by_mouth_from == datetime(2026, 11, 24, 0, 0, tzinfo=TZ)
    assert diet.nil_by_mouth_until == datetime(2026, 11, 24, 14, 0, tzinfo=TZ)
    assert diet.instruction == "À jeun strict"
    assert diet.has_order is True


@pytest.mark.asyncio
async def test_nil_by_mouth_planned_for_tomorrow_is_given_but_not_in_effect_yet(
    chart: ChartService,
) -> None:
    # The seed's cholecystectomy patient: fasting from midnight until the end of surgery.
    npo = next(
        o
        for o in _of_type("NutritionOrder")
        if any(c["code"] == "npo" for t in o["oralDiet"]["type"] for c in t["coding"])
    )
    banner = await chart.banner(_patient_of(npo))

    assert banner.diet.nil_by_mouth is False
    assert banner.diet.nil_by_mouth_from == datetime(2026, 11, 25, 0, 0, tzinfo=TZ)
    assert banner.diet.nil_by_mouth_until is not None
    assert banner.diet.nil_by_mouth_until.date() == date(2026, 11, 25)
    assert banner.diet.has_order is True
    assert banner.diet.diets == ("Low-fat diet",)


@pytest.mark.asyncio
async def test_a_nil_by_mouth_order_that_is_over_is_ignored(
    store: Store, chart: ChartService
) -> None:
    pid = _admitted()[3]
    await store.put_server_resources(
        [_npo_order(pid, "npo-past", "2026-11-23T00:00:00+01:00", "2026-11-23T12:00:00+01:00")]
    )
    diet = (await chart.banner(pid)).diet
    assert diet.nil_by_mouth is False
    assert diet.nil_by_mouth_until is None


@pytest.mark.asyncio
async def test_a_patient_meal_selection_is_not_a_diet_order(
    store: Store, chart: ChartService
) -> None:
    pid = next(
        p for p in _admitted() if not any(_patient_of(o) == p for o in _of_type("NutritionOrder"))
    )
    assert (await chart.banner(pid)).diet.has_order is False
    selection = {
        "resourceType": "NutritionOrder",
        "id": "choice-lunch",
        "meta": {
            "versionId": "1",
            "tag": [
                {
                    "system": "https://sandbox.bedside.example/fhir/CodeSystem/order-origin",
                    "code": "patient-meal-selection",
                }
            ],
        },
        "status": "active",
        "intent": "order",
        "patient": {"reference": f"Patient/{pid}"},
        "dateTime": "2026-11-24T08:00:00+01:00",
        "oralDiet": {"type": [{"text": "Blanquette de veau"}]},
    }
    await store.put_server_resources([selection])

    diet = (await chart.banner(pid)).diet
    assert diet.has_order is False
    assert diet.diets == ()


@pytest.mark.asyncio
async def test_the_diet_order_gives_texture_fluids_preferences_and_exclusions(
    chart: ChartService,
) -> None:
    textured = next(o for o in _of_type("NutritionOrder") if o["oralDiet"].get("texture"))
    diet = (await chart.banner(_patient_of(textured))).diet
    assert diet.has_order is True
    assert diet.texture == textured["oralDiet"]["texture"][0]["modifier"]["text"]

    excluding = next(o for o in _of_type("NutritionOrder") if o.get("excludeFoodModifier"))
    diet = (await chart.banner(_patient_of(excluding))).diet
    assert diet.excludes == tuple(
        c["coding"][0]["display"] for c in excluding["excludeFoodModifier"]
    )


# --- flags --------------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_inactive_and_expired_flags_are_hidden(store: Store, chart: ChartService) -> None:
    pid = _admitted()[5]

    def flag(fid: str, text: str, status: str, period: dict[str, str]) -> dict[str, Any]:
        return {
            "resourceType": "Flag",
            "id": fid,
            "status": status,
            "code": {"text": text},
            "subject": {"reference": f"Patient/{pid}"},
            "period": period,
        }

    await store.put_server_resources(
        [
            flag("f-on", "Risque de chute", "active", {"start": "2026-11-20T10:00:00+01:00"}),
            flag("f-off", "Isolement levé", "inactive", {"start": "2026-11-20"}),
            flag("f-over", "Ancien", "active", {"start": "2026-11-01", "end": "2026-11-23"}),
            flag("f-later", "Futur", "active", {"start": "2026-11-26"}),
        ]
    )
    banner = await chart.banner(pid)
    ours = [f for f in banner.flags if f.flag_id.startswith("f-")]
    assert [(f.flag_id, f.text, f.since) for f in ours] == [
        ("f-on", "Risque de chute", date(2026, 11, 20))
    ]


# --- care record --------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_the_care_record_lists_active_problems_only_with_notes_latest_first(
    store: Store, chart: ChartService
) -> None:
    pid = _admitted()[0]
    clinical = "http://terminology.hl7.org/CodeSystem/condition-clinical"
    practitioner = _of_type("Practitioner")[0]

    def condition(cid: str, status: str, **extra: Any) -> dict[str, Any]:
        return {
            "resourceType": "Condition",
            "id": cid,
            "clinicalStatus": {"coding": [{"system": clinical, "code": status}]},
            "code": {"text": cid},
            "subject": {"reference": f"Patient/{pid}"},
            **extra,
        }

    await store.put_server_resources(
        [
            condition("resolved-one", "resolved"),
            condition(
                "relapsing-one",
                "relapse",
                onsetDateTime="2026-11-23",
                note=[
                    {
                        "text": "Older note",
                        "time": "2026-11-23T08:00:00+01:00",
                        "authorString": "Dr A",
                    },
                    {
                        "text": "Newer note",
                        "time": "2026-11-24T08:00:00+01:00",
                        "authorReference": {"reference": f"Practitioner/{practitioner['id']}"},
                    },
                ],
            ),
        ]
    )
    record = await chart.care_record(pid)

    ids = [c.condition_id for c in record.conditions]
    assert "resolved-one" not in ids
    assert "relapsing-one" in ids
    seeded = {c["id"] for c in _of_type("Condition") if _patient_of(c) == pid}
    assert seeded <= set(ids)
    assert [n.text for n in record.notes] == ["Newer note", "Older note"]
    assert record.notes[0].author == " ".join(
        [
            *practitioner["name"][0].get("prefix", []),
            *practitioner["name"][0]["given"],
            practitioner["name"][0]["family"],
        ]
    )
    assert record.notes[0].about == "relapsing-one"
    assert record.notes[1].author == "Dr A"


@pytest.mark.asyncio
async def test_a_resource_that_does_not_parse_is_skipped_and_the_rest_shown(
    store: Store, chart: ChartService, caplog: pytest.LogCaptureFixture
) -> None:
    pid = next(p for p in _admitted() if "91936005" in _allergy_codes(p))
    await store.put_server_resources(
        [
            {
                "resourceType": "AllergyIntolerance",
                "id": "broken-allergy",
                "patient": {"reference": f"Patient/{pid}"},
                "criticality": {"not": "a code"},
                "code": {"text": "Zwirbelmeier secret"},
            }
        ]
    )
    with caplog.at_level(logging.WARNING):
        banner = await chart.banner(pid)
        record = await chart.care_record(pid)

    assert banner.allergy_status == AllergyStatus.RECORDED
    assert "Allergie à la pénicilline" in banner.allergies
    assert "broken-allergy" not in [a.allergy_id for a in record.allergies]
    assert "AllergyIntolerance/broken-allergy" in caplog.text
    assert "Zwirbelmeier" not in caplog.text


@pytest.mark.asyncio
async def test_banners_for_the_whole_ward_cost_one_query_per_type(
    store: Store, chart: ChartService, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    real_find = store.find

    async def counting_find(resource_type: str, **kwargs: Any) -> list[dict[str, Any]]:
        calls.append(resource_type)
        return await real_find(resource_type, **kwargs)

    monkeypatch.setattr(store, "find", counting_find)
    admitted = _admitted()

    banners = await chart.banners(admitted)

    assert set(banners) == set(admitted)
    assert len(calls) == len(set(calls))  # each type read once, whatever the number of beds
    assert len(calls) <= 7
