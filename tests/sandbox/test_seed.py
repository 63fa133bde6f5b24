"""The synthetic ward: determinism, structure, references and the clinical fixtures others use."""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bedside.sandbox.seed import SeedWard, generate_ward
from bedside.sandbox.seed.codes import (
    BADGE_SYSTEM,
    CS_ACVPU,
    CS_DIET,
    CS_EU_ALLERGEN,
    CS_IDDSI,
    EU_ALLERGENS,
    EXT_MEAL_ALLERGEN,
    EXT_MEAL_ALLERGENS_DECLARED,
    EXT_MEAL_DIET_SUITABLE,
    EXT_MEAL_ICON,
    EXT_MEAL_SERVICE,
    EXT_MEAL_TEXTURE,
    EXT_TRANSLATION,
    INS_NIR_SYSTEM,
    KVID_SYSTEM,
)

JSON = dict[str, Any]
PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 5, 11, 9, 30, tzinfo=UTC)
WARD_DAY = date(2026, 5, 11)
ID_PATTERN = re.compile(r"^[A-Za-z0-9\-\.]{1,64}$")
SNOMED = "http://snomed.info/sct"
LOINC = "http://loinc.org"


@pytest.fixture(scope="module")
def ward() -> SeedWard:
    return generate_ward(seed=2026, scale=1, now=NOW)


def of_type(ward: SeedWard, resource_type: str) -> list[JSON]:
    return [r for r in ward.resources if r["resourceType"] == resource_type]


def by_ref(ward: SeedWard) -> dict[str, JSON]:
    return {f"{r['resourceType']}/{r['id']}": r for r in ward.resources}


def codes(concept: JSON | None, system: str | None = None) -> set[str]:
    if not concept:
        return set()
    return {c["code"] for c in concept.get("coding", []) if system is None or c["system"] == system}


def references(value: Any) -> Iterator[str]:
    """Every ``reference`` string anywhere inside a resource."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "reference" and isinstance(item, str):
                yield item
            else:
                yield from references(item)
    elif isinstance(value, list):
        for item in value:
            yield from references(item)


def local(instant: str) -> datetime:
    return datetime.fromisoformat(instant).astimezone(PARIS)


def in_progress(ward: SeedWard) -> list[JSON]:
    return [e for e in of_type(ward, "Encounter") if e["status"] == "in-progress"]


def patient_of(resource: JSON) -> str:
    holder: JSON = resource.get("subject") or resource["patient"]
    return str(holder["reference"])


# --- determinism ---------------------------------------------------------------------------


def test_the_same_inputs_give_byte_identical_json(ward: SeedWard) -> None:
    again = generate_ward(seed=2026, scale=1, now=NOW)
    assert json.dumps(again.resources, sort_keys=False) == json.dumps(ward.resources)
    assert (again.site_id, again.ward_id, again.bed_ids) == (
        ward.site_id,
        ward.ward_id,
        ward.bed_ids,
    )


def test_any_time_within_the_same_ward_hour_gives_the_same_output(ward: SeedWard) -> None:
    # 11:00 and 11:59 in Paris (UTC+2 in May); NOW is 11:30 Paris.
    early = generate_ward(now=datetime(2026, 5, 11, 9, 0, tzinfo=UTC))
    late = generate_ward(now=datetime(2026, 5, 11, 9, 59, 59, tzinfo=UTC))
    assert json.dumps(early.resources) == json.dumps(ward.resources)
    assert json.dumps(late.resources) == json.dumps(ward.resources)


def test_recorded_vitals_reach_up_to_the_ward_hour_so_the_demo_looks_current(
    ward: SeedWard,
) -> None:
    ward_hour = datetime(2026, 5, 11, 11, tzinfo=PARIS)
    vitals = [
        local(o["effectiveDateTime"])
        for o in of_type(ward, "Observation")
        if any(c.get("code") == "vital-signs" for cat in o["category"] for c in cat["coding"])
    ]
    assert max(vitals) > ward_hour - timedelta(hours=8)


def test_a_naive_now_is_taken_as_utc(ward: SeedWard) -> None:
    naive = generate_ward(now=datetime(2026, 5, 11, 9, 30))
    assert json.dumps(naive.resources) == json.dumps(ward.resources)


def test_a_different_seed_gives_different_names_and_ids(ward: SeedWard) -> None:
    other = generate_ward(seed=7, now=NOW)

    def names(w: SeedWard) -> list[tuple[str, str]]:
        return [(p["name"][0]["family"], p["name"][0]["given"][0]) for p in of_type(w, "Patient")]

    assert names(other) != names(ward)
    assert {r["id"] for r in other.resources}.isdisjoint({r["id"] for r in ward.resources})


def test_ids_are_never_random_uuid4(ward: SeedWard) -> None:
    # uuid5 ids carry version 5 in the 13th hex digit
    assert all(r["id"][14] == "5" for r in ward.resources)


# --- structure -----------------------------------------------------------------------------


def test_the_first_ward_has_30_beds_in_natural_order_and_28_occupied(ward: SeedWard) -> None:
    refs = by_ref(ward)
    beds = [refs[f"Location/{bed_id}"] for bed_id in ward.bed_ids]
    assert len(beds) == 30
    labels = [re.search(r"(\d+) – (?:Lit|Bett) ([AB])", b["name"]).groups() for b in beds]  # type: ignore[union-attr]
    assert labels == sorted(labels, key=lambda pair: (int(pair[0]), pair[1]))
    assert labels[:3] == [("201", "A"), ("201", "B"), ("202", "A")]
    for bed in beds:
        assert codes(bed["physicalType"]) == {"bd"}
        room = refs[bed["partOf"]["reference"]]
        assert codes(room["physicalType"]) == {"ro"}
        assert room["partOf"]["reference"] == f"Location/{ward.ward_id}"
    site = refs[f"Location/{ward.site_id}"]
    assert codes(site["physicalType"]) == {"si"}
    assert site["mode"] == "instance"
    assert refs[f"Location/{ward.ward_id}"]["partOf"]["reference"] == f"Location/{ward.site_id}"

    occupied_beds = {
        loc["location"]["reference"]
        for enc in in_progress(ward)
        for loc in enc["location"]
        if codes(loc.get("physicalType")) == {"bd"}
    }
    assert len(in_progress(ward)) == 28
    assert len(occupied_beds) == 28
    assert occupied_beds <= {f"Location/{b}" for b in ward.bed_ids}
    flagged = {f"Location/{b['id']}" for b in beds if b["operationalStatus"]["code"] == "O"}
    assert flagged == occupied_beds


def test_every_stay_is_inpatient_and_places_the_patient_in_bed_room_and_ward(
    ward: SeedWard,
) -> None:
    day_start = datetime(2026, 5, 11, tzinfo=PARIS)
    for enc in in_progress(ward):
        assert enc["class"]["code"] == "IMP"
        assert enc["class"]["system"] == "http://terminology.hl7.org/CodeSystem/v3-ActCode"
        kinds = [next(iter(codes(loc["physicalType"]))) for loc in enc["location"]]
        assert kinds == ["bd", "ro", "wa"]
        assert enc["location"][2]["location"]["reference"] == f"Location/{ward.ward_id}"
        admitted = local(enc["period"]["start"])
        assert timedelta(0) < day_start - admitted <= timedelta(days=14, hours=1)


def test_one_patient_was_discharged_yesterday_from_a_now_free_bed(ward: SeedWard) -> None:
    finished = [e for e in of_type(ward, "Encounter") if e["status"] == "finished"]
    assert len(finished) == 1
    bed_ref = finished[0]["location"][0]["location"]["reference"]
    bed = by_ref(ward)[bed_ref]
    assert bed["operationalStatus"]["code"] == "U"
    assert local(finished[0]["period"]["end"]).date() == WARD_DAY - timedelta(days=1)


def test_two_patients_on_the_ward_share_a_family_name(ward: SeedWard) -> None:
    refs = by_ref(ward)
    families = Counter(
        refs[e["subject"]["reference"]]["name"][0]["family"] for e in in_progress(ward)
    )
    shared = [family for family, n in families.items() if n > 1]
    assert len(shared) == 1
    assert families[shared[0]] == 2
    twins = [
        p for p in of_type(ward, "Patient") if p["name"][0]["family"] == shared[0] and p["active"]
    ]
    assert len({p["name"][0]["given"][0] for p in twins}) == len(twins)


def test_every_reference_resolves_to_a_resource_listed_before_it(ward: SeedWard) -> None:
    seen: set[str] = set()
    for resource in ward.resources:
        for ref in references(resource):
            assert not ref.startswith(("http", "#", "urn:")), ref
            assert ref in seen, f"{resource['resourceType']}/{resource['id']} → {ref}"
        seen.add(f"{resource['resourceType']}/{resource['id']}")


def test_ids_are_unique_and_valid_and_no_resource_carries_meta(ward: SeedWard) -> None:
    keys = [(r["resourceType"], r["id"]) for r in ward.resources]
    assert len(keys) == len(set(keys))
    for resource in ward.resources:
        assert ID_PATTERN.match(resource["id"]), resource["id"]
        assert "meta" not in resource


def test_every_resource_parses_and_round_trips_with_the_bedside_models(ward: SeedWard) -> None:
    models = pytest.importorskip("bedside.models", reason="bedside.models is not written yet")
    for resource in ward.resources:
        parsed = models.parse_resource(resource)
        assert models.dump_resource(parsed) == resource


def test_all_times_are_instants_with_an_offset(ward: SeedWard) -> None:
    pattern = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$")
    fields = ("effectiveDateTime", "issued", "authoredOn", "dateTime", "start", "end")

    def walk(value: Any) -> Iterator[str]:
        if isinstance(value, dict):
            for key, item in value.items():
                if key in fields and isinstance(item, str):
                    yield item
                else:
                    yield from walk(item)
        elif isinstance(value, list):
            for item in value:
                yield from walk(item)

    found = [t for r in ward.resources for t in walk(r)]
    assert len(found) > 3000
    assert all(pattern.match(t) for t in found)


def test_recorded_history_never_lies_after_the_ward_hour(ward: SeedWard) -> None:
    day_start = datetime(2026, 5, 11, tzinfo=PARIS)
    ward_hour = datetime(2026, 5, 11, 11, tzinfo=PARIS)
    history_start = day_start - timedelta(days=3)
    for obs in of_type(ward, "Observation"):
        when = local(obs["effectiveDateTime"])
        assert history_start <= when < ward_hour
        assert local(str(obs.get("issued", obs["effectiveDateTime"]))) < ward_hour


# --- identity ------------------------------------------------------------------------------


def test_patients_carry_the_hospital_number_and_some_ins_or_kvnr(ward: SeedWard) -> None:
    patients = of_type(ward, "Patient")
    ipp = [
        i["value"]
        for p in patients
        for i in p["identifier"]
        if i["system"] == ward.identifier_system
    ]
    assert len(ipp) == len(patients) == len(set(ipp))
    ins = [i["value"] for p in patients for i in p["identifier"] if i["system"] == INS_NIR_SYSTEM]
    kvnr = [i["value"] for p in patients for i in p["identifier"] if i["system"] == KVID_SYSTEM]
    assert ins
    assert kvnr
    for value in ins:
        assert re.fullmatch(
            r"[12]\d{4}(57|54|67|68)\d{3}000\d{2}", value
        )  # order 000: never issued
        assert int(value[13:]) == 97 - int(value[:13]) % 97
    for value in kvnr:
        assert re.fullmatch(r"[A-Z]\d{9}", value)
        digits = f"{ord(value[0]) - 64:02d}{value[1:9]}"
        total = sum(
            (p // 10 + p % 10) for p in (int(d) * (1 + i % 2) for i, d in enumerate(digits))
        )
        assert int(value[9]) == total % 10


def test_ages_range_from_18_to_97_with_many_elderly(ward: SeedWard) -> None:
    ages = [
        (WARD_DAY - date.fromisoformat(p["birthDate"])).days // 365.25
        for p in of_type(ward, "Patient")
    ]
    assert min(ages) >= 18
    assert max(ages) <= 97
    assert sum(age >= 75 for age in ages) >= len(ages) // 3


def test_staff_have_badges(ward: SeedWard) -> None:
    practitioners = of_type(ward, "Practitioner")
    roles = Counter(
        next(c["code"] for c in p["qualification"][0]["code"]["coding"]) for p in practitioners
    )
    assert roles["nurse"] == 8
    assert roles["physician"] == 3
    badges = [
        i["value"] for p in practitioners for i in p["identifier"] if i["system"] == BADGE_SYSTEM
    ]
    assert len(badges) == len(practitioners) == len(set(badges))


# --- medication ----------------------------------------------------------------------------


def requests(ward: SeedWard) -> list[JSON]:
    return of_type(ward, "MedicationRequest")


def drug_label(ward: SeedWard, request: JSON) -> str:
    if "medicationReference" in request:
        return str(by_ref(ward)[request["medicationReference"]["reference"]]["code"]["text"])
    return str(request["medicationCodeableConcept"]["text"])


def test_every_patient_has_two_to_six_orders(ward: SeedWard) -> None:
    per_patient = Counter(patient_of(r) for r in requests(ward))
    assert set(per_patient) == {e["subject"]["reference"] for e in in_progress(ward)}
    assert all(2 <= n <= 6 for n in per_patient.values())


def test_prn_orders_use_both_as_needed_forms(ward: SeedWard) -> None:
    dosages = [(r, d) for r in requests(ward) for d in r["dosageInstruction"]]
    boolean = [r for r, d in dosages if d.get("asNeededBoolean") is True]
    coded = [r for r, d in dosages if "asNeededCodeableConcept" in d]
    assert any("PARACÉTAMOL" in drug_label(ward, r) for r in boolean)
    assert any("MORPHINE" in drug_label(ward, r) for r in coded)
    morphine = next(d for r, d in dosages if "MORPHINE" in drug_label(ward, r))
    assert codes(morphine["asNeededCodeableConcept"], SNOMED) == {"22253000"}
    assert codes(morphine["route"], SNOMED) == {"34206005"}


def test_insulin_is_subcutaneous_before_meals_with_a_sliding_scale(ward: SeedWard) -> None:
    insulin = [r for r in requests(ward) if "INSULINE" in drug_label(ward, r)]
    assert insulin
    sliding = next(r for r in insulin if "ASPARTE" in drug_label(ward, r))
    dosage = sliding["dosageInstruction"][0]
    assert codes(dosage["route"], SNOMED) == {"34206005"}
    assert dosage["timing"]["repeat"]["when"] == ["ACM", "ACD", "ACV"]
    assert dosage["doseAndRate"][0]["doseRange"]["high"]["code"] == "[iU]"
    assert "glycémie" in dosage["text"]


def test_anticoagulants_are_prescribed(ward: SeedWard) -> None:
    enoxaparin = [r for r in requests(ward) if "ÉNOXAPARINE" in drug_label(ward, r)]
    apixaban = [r for r in requests(ward) if "APIXABAN" in drug_label(ward, r)]
    assert enoxaparin
    assert apixaban
    repeat = enoxaparin[0]["dosageInstruction"][0]["timing"]["repeat"]
    assert repeat["timeOfDay"] == ["20:00:00"]
    assert (repeat["frequency"], repeat["period"], repeat["periodUnit"]) == (1, 1, "d")


def test_orders_include_on_hold_and_stopped_ones_with_a_reason(ward: SeedWard) -> None:
    statuses = Counter(r["status"] for r in requests(ward))
    assert statuses["on-hold"] >= 1
    assert statuses["stopped"] >= 1
    for r in requests(ward):
        assert r["intent"] == "order"
        if r["status"] != "active":
            assert r["statusReason"]["text"]


def test_timings_mix_frequency_time_of_day_when_and_event(ward: SeedWard) -> None:
    repeats = [d.get("timing", {}) for r in requests(ward) for d in r["dosageInstruction"]]
    when = {code for t in repeats for code in t.get("repeat", {}).get("when", [])}
    assert {"MORN", "EVE", "HS", "ACM", "WAKE"} <= when
    assert any("timeOfDay" in t.get("repeat", {}) for t in repeats)
    assert any(t.get("repeat", {}).get("periodUnit") == "h" for t in repeats)


def test_no_patient_is_prescribed_a_penicillin_they_are_allergic_to(ward: SeedWard) -> None:
    allergic = {
        a["patient"]["reference"]
        for a in of_type(ward, "AllergyIntolerance")
        if "91936005" in codes(a["code"], SNOMED)
    }
    assert allergic
    for r in requests(ward):
        if patient_of(r) in allergic:
            assert "AMOXICILLINE" not in drug_label(ward, r)


# --- diets and meals -----------------------------------------------------------------------


def diet_orders(ward: SeedWard) -> list[JSON]:
    return of_type(ward, "NutritionOrder")


def test_each_diet_type_is_ordered_and_some_patients_have_no_diet_order(ward: SeedWard) -> None:
    types = {
        code for o in diet_orders(ward) for t in o["oralDiet"]["type"] for code in codes(t, CS_DIET)
    }
    assert {"normal", "diabetic", "low-salt", "low-fat", "renal", "npo"} <= types
    with_order = {o["patient"]["reference"] for o in diet_orders(ward)}
    without = {e["subject"]["reference"] for e in in_progress(ward)} - with_order
    assert len(without) >= 2


def test_textures_include_pureed_and_minced_and_thickened_drinks(ward: SeedWard) -> None:
    textures = [
        codes(t["modifier"], CS_IDDSI)
        for o in diet_orders(ward)
        for t in o["oralDiet"].get("texture", [])
    ]
    fluids = [
        codes(f, CS_IDDSI)
        for o in diet_orders(ward)
        for f in o["oralDiet"].get("fluidConsistencyType", [])
    ]
    assert {"4"} in textures
    assert {"5"} in textures
    assert {"2"} in fluids


def test_preferences_and_exclusions_are_coded(ward: SeedWard) -> None:
    preferences = {
        code
        for o in diet_orders(ward)
        for p in o.get("foodPreferenceModifier", [])
        for code in codes(p)
    }
    assert {"vegetarian", "halal", "kosher"} <= preferences
    excluded = {
        code
        for o in diet_orders(ward)
        for e in o.get("excludeFoodModifier", [])
        for code in codes(e, CS_EU_ALLERGEN)
    }
    assert {"gluten", "peanuts"} <= excluded


def test_the_nil_by_mouth_patient_has_surgery_tomorrow_morning_with_fasting_instructions(
    ward: SeedWard,
) -> None:
    npo = [o for o in diet_orders(ward) if "npo" in codes(o["oralDiet"]["type"][0], CS_DIET)]
    assert len(npo) == 1
    bounds = npo[0]["oralDiet"]["schedule"][0]["repeat"]["boundsPeriod"]
    tomorrow = WARD_DAY + timedelta(days=1)
    assert local(bounds["start"]) == datetime.combine(tomorrow, datetime.min.time(), PARIS)
    patient = npo[0]["patient"]["reference"]
    surgery = [
        a
        for a in of_type(ward, "Appointment")
        if any(p["actor"]["reference"] == patient for p in a["participant"])
        and codes(a["serviceType"][0]) == {"surgery"}
    ]
    assert len(surgery) == 1
    start = local(surgery[0]["start"])
    assert start.date() == tomorrow
    assert start.hour < 12
    assert local(bounds["end"]) >= start
    assert "minuit" in surgery[0]["patientInstruction"]
    english = [
        ext["extension"][1]["valueString"]
        for ext in surgery[0]["_patientInstruction"]["extension"]
        if ext["extension"][0]["valueCode"] == "en"
    ]
    assert "midnight" in english[0]
    assert any(p["actor"]["reference"].startswith("Location/") for p in surgery[0]["participant"])


def test_the_meal_catalogue_covers_seven_days_of_three_services(ward: SeedWard) -> None:
    dishes = of_type(ward, "ActivityDefinition")
    per_slot: dict[tuple[date, str], int] = defaultdict(int)
    for dish in dishes:
        assert dish["kind"] == "NutritionOrder"
        assert dish["status"] == "active"
        service = next(e["valueCode"] for e in dish["extension"] if e["url"] == EXT_MEAL_SERVICE)
        assert codes(dish["code"]) == {service}
        per_slot[(local(dish["effectivePeriod"]["start"]).date(), service)] += 1
    days = {WARD_DAY + timedelta(days=n) for n in range(7)}
    assert set(per_slot) == {(d, s) for d in days for s in ("breakfast", "lunch", "dinner")}
    assert all(3 <= n <= 5 for n in per_slot.values())
    urls = [d["url"] for d in dishes]
    assert len(urls) == len(set(urls))


def test_every_dish_declares_its_allergens_with_known_codes(ward: SeedWard) -> None:
    seen: set[str] = set()
    none_declared = 0
    for dish in of_type(ward, "ActivityDefinition"):
        ext = dish["extension"]
        declared = [e for e in ext if e["url"] == EXT_MEAL_ALLERGENS_DECLARED]
        assert declared == [{"url": EXT_MEAL_ALLERGENS_DECLARED, "valueBoolean": True}]
        allergens = [e["valueCoding"] for e in ext if e["url"] == EXT_MEAL_ALLERGEN]
        assert all(c["system"] == CS_EU_ALLERGEN and c["code"] in EU_ALLERGENS for c in allergens)
        seen |= {c["code"] for c in allergens}
        none_declared += not allergens
        assert [e["valueCoding"]["code"] for e in ext if e["url"] == EXT_MEAL_TEXTURE]
        assert [e for e in ext if e["url"] == EXT_MEAL_DIET_SUITABLE]
        assert [e["valueString"] for e in ext if e["url"] == EXT_MEAL_ICON]
        langs = {t["extension"][0]["valueCode"] for t in dish["_title"]["extension"]}
        assert langs == {"de", "en"}
        assert all(t["url"] == EXT_TRANSLATION for t in dish["_title"]["extension"])
    assert seen == set(EU_ALLERGENS)  # every one of the 14 occurs somewhere in the week
    assert none_declared > 0


def test_every_service_offers_a_pureed_and_a_vegetarian_dish(ward: SeedWard) -> None:
    slots: dict[tuple[str, str], set[str]] = defaultdict(set)
    for dish in of_type(ward, "ActivityDefinition"):
        ext = dish["extension"]
        key = (
            dish["effectivePeriod"]["start"],
            next(e["valueCode"] for e in ext if e["url"] == EXT_MEAL_SERVICE),
        )
        for e in ext:
            if e["url"] == EXT_MEAL_TEXTURE:
                slots[key].add("iddsi-" + e["valueCoding"]["code"])
            if e["url"] == EXT_MEAL_DIET_SUITABLE:
                slots[key].add(e["valueCoding"]["code"])
    for key, labels in slots.items():
        assert "iddsi-4" in labels, key
        assert "vegetarian" in labels, key
        assert "diabetic" in labels, key


# --- allergies, flags ----------------------------------------------------------------------


def test_allergies_distinguish_none_recorded_from_no_known_allergy(ward: SeedWard) -> None:
    allergies = of_type(ward, "AllergyIntolerance")
    current = {e["subject"]["reference"] for e in in_progress(ward)}
    nka = {a["patient"]["reference"] for a in allergies if "716186003" in codes(a["code"], SNOMED)}
    real = [a for a in allergies if "716186003" not in codes(a["code"], SNOMED)]
    none_recorded = current - {a["patient"]["reference"] for a in allergies}
    assert nka
    assert real
    assert none_recorded
    assert not nka & {a["patient"]["reference"] for a in real}
    categories = {c for a in real for c in a["category"]}
    assert (
        categories == {"food", "medication", "environment"} or {"food", "medication"} <= categories
    )
    penicillin = next(a for a in real if "91936005" in codes(a["code"], SNOMED))
    assert penicillin["reaction"][0]["severity"] in {"mild", "moderate", "severe"}
    assert any(a["type"] == "intolerance" for a in real)


def test_flags_cover_fall_risk_and_contact_isolation(ward: SeedWard) -> None:
    kinds = {code for f in of_type(ward, "Flag") for code in codes(f["code"])}
    assert {"fall-risk", "contact-isolation", "spo2-scale-2"} <= kinds


# --- vital signs ---------------------------------------------------------------------------

VITAL_UNITS = {
    "8867-4": "/min",
    "9279-1": "/min",
    "2708-6": "%",
    "8310-5": "Cel",
    "72514-3": "{score}",
    "29463-7": "kg",
    "8302-2": "cm",
}


def vitals(ward: SeedWard) -> list[JSON]:
    return [
        o
        for o in of_type(ward, "Observation")
        if o["category"][0]["coding"][0]["code"] == "vital-signs"
    ]


def test_vital_signs_use_loinc_codes_and_ucum_units(ward: SeedWard) -> None:
    seen = set()
    for obs in vitals(ward):
        code = obs["code"]["coding"][0]["code"]
        seen.add(code)
        assert obs["status"] == "final"
        if code in VITAL_UNITS:
            assert obs["valueQuantity"]["code"] == VITAL_UNITS[code]
            assert obs["valueQuantity"]["system"] == "http://unitsofmeasure.org"
        elif code == "85354-9":
            parts = {
                c["code"]["coding"][0]["code"]: c["valueQuantity"]["code"] for c in obs["component"]
            }
            assert parts == {"8480-6": "mm[Hg]", "8462-4": "mm[Hg]"}
        else:
            assert code == "67775-7"
            assert codes(obs["valueCodeableConcept"], CS_ACVPU) <= set("ACVPU")
    assert seen == set(VITAL_UNITS) | {"85354-9", "67775-7"}


def spo2_points(spo2: int, o2: bool, scale: int) -> int:
    """NEWS2 SpO2 points: scale 1, or scale 2 (hypercapnic respiratory failure)."""
    if scale == 1:
        return 3 if spo2 <= 91 else 2 if spo2 <= 93 else 1 if spo2 <= 95 else 0
    if spo2 <= 83:
        return 3
    if spo2 <= 85:
        return 2
    if spo2 <= 87:
        return 1
    if spo2 <= 92 or not o2:
        return 0
    return 1 if spo2 <= 94 else 2 if spo2 <= 96 else 3


def news2(r: dict[str, Any], scale: int) -> int:
    """NEWS2 (RCP 2017) of one round."""
    rr, hr, sbp, temp = r["9279-1"], r["8867-4"], r["sbp"], r["8310-5"]
    score = 3 if rr <= 8 else 1 if rr <= 11 else 0 if rr <= 20 else 2 if rr <= 24 else 3
    score += spo2_points(r["spo2"], r["o2"], scale)
    score += 2 if r["o2"] else 0
    score += 3 if sbp <= 90 else 2 if sbp <= 100 else 1 if sbp <= 110 else 0 if sbp <= 219 else 3
    score += (
        3
        if hr <= 40
        else 1
        if hr <= 50
        else 0
        if hr <= 90
        else 1
        if hr <= 110
        else 2
        if hr <= 130
        else 3
    )
    score += 0 if r["acvpu"] == "A" else 3
    score += (
        3
        if temp <= 35.0
        else 1
        if temp <= 36.0
        else 0
        if temp <= 38.0
        else 1
        if temp <= 39.0
        else 2
    )
    return score


def news2_by_round(ward: SeedWard, patient: str) -> list[int]:
    scale_2 = any(
        f["subject"]["reference"] == patient and "spo2-scale-2" in codes(f["code"])
        for f in of_type(ward, "Flag")
    )
    rounds: dict[str, dict[str, Any]] = defaultdict(dict)
    for obs in vitals(ward):
        if obs["subject"]["reference"] != patient:
            continue
        r = rounds[obs["effectiveDateTime"]]
        code = obs["code"]["coding"][0]["code"]
        if code == "85354-9":
            r["sbp"] = obs["component"][0]["valueQuantity"]["value"]
        elif code == "67775-7":
            r["acvpu"] = obs["valueCodeableConcept"]["coding"][0]["code"]
        elif code == "2708-6":
            r["spo2"] = obs["valueQuantity"]["value"]
            r["o2"] = obs["component"][0]["valueQuantity"]["value"] > 0
        elif code in ("8867-4", "9279-1", "8310-5"):
            r[code] = obs["valueQuantity"]["value"]
    return [
        news2(r, 2 if scale_2 else 1)
        for _, r in sorted(rounds.items(), key=lambda item: local(item[0]))
    ]


def test_one_patient_deteriorates_to_a_high_news2_and_most_are_low_risk(ward: SeedWard) -> None:
    latest = {}
    for enc in in_progress(ward):
        scores = news2_by_round(ward, enc["subject"]["reference"])
        if scores:
            latest[enc["subject"]["reference"]] = scores
    high = [p for p, s in latest.items() if s[-1] >= 7]
    assert len(high) == 1
    course = latest[high[0]]
    assert course[0] <= 4 < course[-1]
    assert sum(s[-1] <= 4 for s in latest.values()) >= len(latest) // 2


def test_oxygen_flow_is_a_component_of_every_spo2(ward: SeedWard) -> None:
    spo2 = [o for o in vitals(ward) if o["code"]["coding"][0]["code"] == "2708-6"]
    assert all(o["component"][0]["code"]["coding"][0]["code"] == "3151-8" for o in spo2)
    assert any(o["component"][0]["valueQuantity"]["value"] > 0 for o in spo2)


# --- laboratory ----------------------------------------------------------------------------


def labs(ward: SeedWard) -> list[JSON]:
    return [
        o
        for o in of_type(ward, "Observation")
        if o["category"][0]["coding"][0]["code"] == "laboratory"
    ]


def interpretation(obs: JSON) -> str | None:
    return obs["interpretation"][0]["coding"][0]["code"] if "interpretation" in obs else None


def test_exactly_one_lab_result_is_critical(ward: SeedWard) -> None:
    critical = [o for o in labs(ward) if interpretation(o) in {"HH", "LL", "AA"}]
    assert len(critical) == 1
    potassium = critical[0]
    assert potassium["code"]["coding"][0]["code"] == "2823-3"
    assert potassium["valueQuantity"]["value"] == 6.8
    assert interpretation(potassium) == "HH"
    reports = [
        r
        for r in of_type(ward, "DiagnosticReport")
        if {"reference": f"Observation/{potassium['id']}"} in r["result"]
    ]
    assert len(reports) == 1


def test_some_results_are_abnormal_and_flagged_high_or_low(ward: SeedWard) -> None:
    flags = Counter(interpretation(o) for o in labs(ward))
    assert flags["H"] >= 5
    assert flags["L"] >= 3
    assert flags["N"] > flags["H"]


def test_one_abnormal_lab_result_has_a_reference_range_but_no_interpretation(
    ward: SeedWard,
) -> None:
    uncoded = [o for o in labs(ward) if interpretation(o) is None]
    assert len(uncoded) == 1
    crp = uncoded[0]
    assert crp["code"]["coding"][0]["code"] == "1988-5"
    assert crp["valueQuantity"]["value"] > crp["referenceRange"][0]["high"]["value"]


def test_reports_are_lab_panels_pointing_to_their_results(ward: SeedWard) -> None:
    refs = by_ref(ward)
    reports = of_type(ward, "DiagnosticReport")
    assert reports
    panels = {r["code"]["coding"][0]["code"] for r in reports}
    assert {"58410-2", "24321-2", "1988-5"} <= panels
    for report in reports:
        assert report["category"][0]["coding"][0]["code"] == "LAB"
        for result in report["result"]:
            obs = refs[result["reference"]]
            assert obs["subject"] == report["subject"]
            assert obs["effectiveDateTime"] == report["effectiveDateTime"]
    for obs in labs(ward):
        assert obs["referenceRange"]
        assert obs["valueQuantity"]["system"] == "http://unitsofmeasure.org"


# --- appointments --------------------------------------------------------------------------


def test_about_fifteen_patients_have_appointments_today_or_tomorrow(ward: SeedWard) -> None:
    appointments = of_type(ward, "Appointment")
    patients = {
        p["actor"]["reference"]
        for a in appointments
        for p in a["participant"]
        if p["actor"]["reference"].startswith("Patient/")
    }
    assert 12 <= len(patients) <= 20
    services = {code for a in appointments for code in codes(a["serviceType"][0])}
    assert {
        "surgery",
        "imaging-ct",
        "imaging-mri",
        "physiotherapy",
        "endoscopy",
        "dialysis",
    } <= services
    for a in appointments:
        assert a["status"] == "booked"
        start, end = local(a["start"]), local(a["end"])
        assert start.date() in {WARD_DAY, WARD_DAY + timedelta(days=1)}
        assert end > start
        kinds = {p["actor"]["reference"].split("/")[0] for p in a["participant"]}
        assert kinds == {"Patient", "Location", "Practitioner"}


# --- scale ---------------------------------------------------------------------------------


def test_scale_grows_wards_patients_and_history(ward: SeedWard) -> None:
    bigger = generate_ward(scale=2, now=NOW)
    small, big = ward.counts(), bigger.counts()
    assert big["Patient"] == 2 * small["Patient"]
    assert big["Observation"] > 3 * small["Observation"]
    assert big["ActivityDefinition"] == small["ActivityDefinition"]  # one catalogue per site
    assert bigger.ward_id == ward.ward_id
    assert bigger.bed_ids == ward.bed_ids
    wards = [loc for loc in of_type(bigger, "Location") if codes(loc["physicalType"]) == {"wa"}]
    assert len(wards) == 2
    assert len(in_progress(bigger)) == 56


def test_beds_per_ward_sizes_the_ward_for_benchmarks_and_keeps_two_beds_free() -> None:
    big = generate_ward(now=NOW, beds_per_ward=35, history_days=1)
    assert len(big.bed_ids) == 35
    beds = [loc for loc in of_type(big, "Location") if codes(loc["physicalType"]) == {"bd"}]
    assert len(beds) == 35
    assert len(in_progress(big)) == 33
    rooms = [loc for loc in of_type(big, "Location") if codes(loc["physicalType"]) == {"ro"}]
    assert len(rooms) == 21  # 14 doubles and 7 single rooms


def test_a_ward_too_small_for_the_required_cases_is_refused() -> None:
    with pytest.raises(ValueError, match="beds_per_ward must be at least 18"):
        generate_ward(now=NOW, beds_per_ward=17)


def test_history_days_overrides_the_window_for_benchmarks() -> None:
    long = generate_ward(now=NOW, history_days=60)
    per_patient = Counter(patient_of(r) for r in long.resources if "subject" in r or "patient" in r)
    typical = sorted(per_patient.values())[len(per_patient) // 2]
    assert 1500 <= typical <= 3000
    oldest = min(local(o["effectiveDateTime"]) for o in of_type(long, "Observation"))
    assert oldest >= datetime(2026, 5, 11, tzinfo=PARIS) - timedelta(days=60)


def test_the_ward_day_may_contain_a_daylight_saving_change() -> None:
    # Paris switches to summer time on 29 March 2026; the history spans it.
    w = generate_ward(now=datetime(2026, 3, 30, 12, 0, tzinfo=UTC))
    offsets = {o["effectiveDateTime"][-6:] for o in of_type(w, "Observation")}
    assert offsets == {"+01:00", "+02:00"}


def test_counts_add_up_to_the_resources(ward: SeedWard) -> None:
    assert sum(ward.counts().values()) == len(ward.resources)


def test_invalid_scale_or_history_is_refused() -> None:
    with pytest.raises(ValueError, match="scale"):
        generate_ward(scale=0, now=NOW)
    with pytest.raises(ValueError, match="history_days"):
        generate_ward(history_days=0, now=NOW)
