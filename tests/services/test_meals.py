"""Meal ordering from the cache: the plan of a seeded ward's patients, and saving choices.

A real encrypted cache holds the synthetic ward (seed 2026) on a Tuesday morning, 10:30 in
Paris, with the site's default services: breakfast 07:30 (order by 19:00 the day before), lunch
12:00 (by 09:30), dinner 18:30 (by 15:00). So today's breakfast is served, today's lunch is
closed for the patient, today's dinner and tomorrow's meals are open. Patients are picked by
what the seed gave them (a milk allergy, a pureed texture…), never by id.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import pytest_asyncio

from bedside.models import AllergyIntolerance, NutritionOrder, parse_as
from bedside.sandbox.seed import SeedWard, generate_ward
from bedside.sandbox.seed import codes as seed_codes
from bedside.services import meal_codes
from bedside.services.meal_plan import Delivery, MealOrderError, MealPlan, SittingPlan
from bedside.services.meal_rules import (
    ReasonKind,
    SittingStateKind,
    parse_service_table,
    sitting,
)
from bedside.services.meals import MealService, diet_rules
from bedside.services.recording import Recorder
from bedside.store import MemoryKeyStore, Store

PARIS = ZoneInfo("Europe/Paris")
WARD_NOW = datetime(2026, 11, 24, 9, 30, tzinfo=UTC)  # Tuesday 10:30 in Paris
TODAY = date(2026, 11, 24)
TOMORROW = TODAY + timedelta(days=1)
TIMES = parse_service_table(
    "breakfast=07:30-09:00 lunch=12:00-13:30 dinner=18:30-20:00",
    "breakfast=19:00-1d lunch=09:30 dinner=15:00",
)
BY_SERVICE = {times.service: times for times in TIMES}
NURSE_ID = "nurse-1"


@pytest.fixture(scope="module")
def ward() -> SeedWard:
    return generate_ward(seed=2026, now=WARD_NOW, history_days=1)


@pytest_asyncio.fixture
async def store(tmp_path: Path, ward: SeedWard) -> AsyncIterator[Store]:
    opened = await Store.open(tmp_path / "ward.bedside-cache", MemoryKeyStore(), key_name="k")
    await opened.put_server_resources(ward.resources)
    yield opened
    await opened.close()


class Clock:
    """The ward's clock, pinned; a test may move it."""

    def __init__(self) -> None:
        self.now = WARD_NOW

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def meals(store: Store, clock: Clock) -> MealService:
    return MealService(
        store, Recorder(store, "site-1", clock=clock), times=TIMES, clock=clock, tz=PARIS
    )


# --- picking patients by what the seed gave them ------------------------------------------------


def _of(ward: SeedWard, kind: str) -> list[dict[str, Any]]:
    return [r for r in ward.resources if r["resourceType"] == kind]


def _patient(resource: dict[str, Any]) -> str:
    reference = resource.get("patient") or resource["subject"]
    return str(reference["reference"].split("/")[-1])


def _diet_orders(ward: SeedWard) -> dict[str, list[NutritionOrder]]:
    found: dict[str, list[NutritionOrder]] = {}
    for raw in _of(ward, "NutritionOrder"):
        found.setdefault(_patient(raw), []).append(parse_as(NutritionOrder, raw))
    return found


def _codes_of(concept: dict[str, Any] | None) -> set[str]:
    return {c["code"] for c in (concept or {}).get("coding", ())}


def _pick(ward: SeedWard, wanted: Callable[[str, list[dict[str, Any]]], bool]) -> str:
    """The first patient (by id) whose NutritionOrders satisfy ``wanted``."""
    orders: dict[str, list[dict[str, Any]]] = {}
    for raw in _of(ward, "NutritionOrder"):
        orders.setdefault(_patient(raw), []).append(raw)
    for patient in sorted(p["id"] for p in _of(ward, "Patient")):
        if wanted(patient, orders.get(patient, [])):
            return patient
    raise AssertionError("the seed has no such patient")


def _types(orders: list[dict[str, Any]]) -> set[str]:
    """The local diet codes ordered."""
    return {
        c["code"]
        for o in orders
        for t in o["oralDiet"].get("type", ())
        for c in t.get("coding", ())
        if c["system"] == seed_codes.CS_DIET
    }


def _milk_allergic(ward: SeedWard) -> str:
    allergic = {
        _patient(a)
        for a in _of(ward, "AllergyIntolerance")
        if "milk" in _codes_of(a.get("code")) and "food" in a.get("category", ())
    }
    return _pick(ward, lambda pid, orders: pid in allergic and bool(orders))


def _pureed(ward: SeedWard) -> str:
    return _pick(
        ward,
        lambda _, orders: any(
            "4" in _codes_of(t.get("modifier"))
            for o in orders
            for t in o["oralDiet"].get("texture", ())
        ),
    )


def _diabetic(ward: SeedWard) -> str:
    return _pick(ward, lambda _, orders: _types(orders) == {"diabetic"})


def _fasting_for_surgery(ward: SeedWard) -> str:
    return _pick(ward, lambda _, orders: "npo" in _types(orders))


def _without_diet_order(ward: SeedWard) -> str:
    return _pick(ward, lambda _, orders: not orders)


def _plain(ward: SeedWard) -> str:
    """A normal diet, no texture, no preference, no exclusion, no fasting, no food allergy."""
    food_allergic = {
        _patient(a) for a in _of(ward, "AllergyIntolerance") if "food" in a.get("category", ())
    }
    appointments = {
        _patient_of_appointment(a) for a in _of(ward, "Appointment") if a.get("patientInstruction")
    }
    return _pick(
        ward,
        lambda pid, orders: (
            len(orders) == 1
            and _types(orders) == {"normal"}
            and not any(
                k in o for o in orders for k in ("foodPreferenceModifier", "excludeFoodModifier")
            )
            and not any("texture" in o["oralDiet"] for o in orders)
            and pid not in food_allergic
            and pid not in appointments
        ),
    )


def _patient_of_appointment(appointment: dict[str, Any]) -> str:
    for participant in appointment["participant"]:
        reference = participant["actor"].get("reference", "")
        if reference.startswith("Patient/"):
            return str(reference.split("/")[1])
    raise AssertionError("an appointment without a patient")


def _encounter(ward: SeedWard, patient: str) -> str:
    return next(str(e["id"]) for e in _of(ward, "Encounter") if _patient(e) == patient)


def _at(plan: MealPlan, service: str, day: date) -> SittingPlan:
    return next(p for p in plan.sittings if p.sitting.service == service and p.sitting.day == day)


def _choosable(item: SittingPlan) -> list[str]:
    return [option.dish.url for option in item.options if option.choosable]


# --- the plan -----------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_the_plan_lists_the_sittings_not_yet_served_with_their_dishes(
    meals: MealService, ward: SeedWard
) -> None:
    plan = await meals.plan(_plain(ward), first_day=TODAY)

    assert [(p.sitting.service, p.sitting.day) for p in plan.sittings] == [
        ("lunch", TODAY),
        ("dinner", TODAY),
        ("breakfast", TOMORROW),
        ("lunch", TOMORROW),
        ("dinner", TOMORROW),
    ]
    assert not plan.catalogue_empty
    assert plan.rules.has_order
    assert _at(plan, "lunch", TODAY).state.kind is SittingStateKind.CLOSED
    assert _at(plan, "dinner", TODAY).state.kind is SittingStateKind.OPEN
    lunch = _at(plan, "lunch", TOMORROW)
    assert lunch.state.kind is SittingStateKind.OPEN
    assert len(lunch.options) == 5
    assert {option.dish.service for option in lunch.options} == {"lunch"}
    assert {option.dish.day for option in lunch.options} == {TOMORROW}
    assert all(o.dish.allergens_declared and o.dish.texture for o in lunch.options)
    assert lunch.choice is None


@pytest.mark.asyncio
async def test_dishes_come_in_the_patients_language_and_fall_back_to_the_menus_own(
    meals: MealService, ward: SeedWard
) -> None:
    patient = _plain(ward)
    german = await meals.plan(patient, first_day=TOMORROW, days=1, language="de")
    french = await meals.plan(patient, first_day=TOMORROW, days=1, language="fr")

    titles = {o.dish.url: o.dish.title for p in german.sittings for o in p.options}
    sent = {d["url"]: d for d in _of(ward, "ActivityDefinition")}
    for url, title in titles.items():
        german_title = next(
            part["valueString"]
            for extension in sent[url]["_title"]["extension"]
            for part in extension["extension"]
            if extension["extension"][0]["valueCode"] == "de" and part["url"] == "content"
        )
        assert title == german_title
    assert {o.dish.title for p in french.sittings for o in p.options} == {
        sent[url]["title"] for url in titles
    }


@pytest.mark.asyncio
async def test_a_dish_with_milk_is_greyed_for_a_milk_allergy(
    meals: MealService, ward: SeedWard
) -> None:
    plan = await meals.plan(_milk_allergic(ward), first_day=TOMORROW, days=1)

    assert "milk" in plan.rules.allergy_allergens
    options = [o for p in plan.sittings for o in p.options]
    with_milk = [o for o in options if "milk" in o.dish.allergens]
    assert with_milk
    for option in with_milk:
        assert not option.choosable
        assert any(r.kind is ReasonKind.ALLERGY and r.code == "milk" for r in option.reasons)
    for item in plan.sittings:  # choosable first, then greyed
        flags = [o.choosable for o in item.options]
        assert flags == sorted(flags, reverse=True)


@pytest.mark.asyncio
async def test_a_diabetic_diet_leaves_only_dishes_suitable_for_diabetics(
    meals: MealService, ward: SeedWard
) -> None:
    plan = await meals.plan(_diabetic(ward), first_day=TOMORROW, days=1)

    assert plan.rules.diet_types == frozenset({"diabetic"})
    for item in plan.sittings:
        assert _choosable(item), "every service offers a diabetic-suitable dish"
        for option in item.options:
            if "diabetic" not in option.dish.suits:
                assert any(r.kind is ReasonKind.DIET for r in option.reasons)


@pytest.mark.asyncio
async def test_a_pureed_texture_order_leaves_only_dishes_of_iddsi_4_or_below(
    meals: MealService, ward: SeedWard
) -> None:
    plan = await meals.plan(_pureed(ward), first_day=TOMORROW, days=1)

    assert plan.rules.texture_level == 4
    for item in plan.sittings:
        assert _choosable(item), "every service offers a pureed dish"
        for option in item.options:
            assert option.choosable == (
                option.dish.texture is not None and option.dish.texture <= 4
            )


@pytest.mark.asyncio
async def test_surgery_tomorrow_makes_the_meals_before_it_nil_by_mouth(
    meals: MealService, ward: SeedWard
) -> None:
    plan = await meals.plan(_fasting_for_surgery(ward), first_day=TODAY)

    sources = {window.source for window in plan.windows}
    assert sources == {"diet-order", "appointment"}
    assert _at(plan, "breakfast", TOMORROW).state.kind is SittingStateKind.NIL_BY_MOUTH
    assert _at(plan, "dinner", TODAY).state.kind is SittingStateKind.OPEN
    assert _at(plan, "dinner", TOMORROW).state.kind is SittingStateKind.OPEN
    # The appointment's window is said in the patient's language.
    appointment = next(w for w in plan.windows if w.source == "appointment")
    assert appointment.instruction is not None
    assert appointment.instruction.startswith("Nil by mouth from midnight")


@pytest.mark.asyncio
async def test_without_a_diet_order_no_sitting_can_be_ordered(
    meals: MealService, ward: SeedWard
) -> None:
    plan = await meals.plan(_without_diet_order(ward), first_day=TOMORROW, days=1)

    assert not plan.rules.has_order
    assert {p.state.kind for p in plan.sittings} == {SittingStateKind.NO_DIET_ORDER}


@pytest.mark.asyncio
async def test_an_empty_cache_says_the_catalogue_is_empty(tmp_path: Path, clock: Clock) -> None:
    async with await Store.open(tmp_path / "empty", MemoryKeyStore(), key_name="k") as empty:
        service = MealService(
            empty, Recorder(empty, "site-1", clock=clock), times=TIMES, clock=clock, tz=PARIS
        )
        plan = await service.plan("nobody", first_day=TOMORROW)
    assert plan.catalogue_empty
    assert all(p.options == () for p in plan.sittings)


@pytest.mark.asyncio
async def test_a_malformed_cached_dish_is_skipped_and_logged_without_its_values(
    store: Store, meals: MealService, ward: SeedWard, caplog: pytest.LogCaptureFixture
) -> None:
    dish = next(
        d for d in _of(ward, "ActivityDefinition") if f"/meal/{TOMORROW}/lunch/" in d["url"]
    )
    not_a_flag = {"url": meal_codes.EXT_MEAL_ALLERGENS_DECLARED, "valueBoolean": "Zwirbelmeier"}
    broken = {**dish, "extension": [not_a_flag], "meta": {"versionId": "99"}}
    await store.put_server_resources([broken])

    with caplog.at_level(logging.WARNING, logger="bedside.services.meals"):
        plan = await meals.plan(_plain(ward), first_day=TOMORROW, days=1)

    assert len(_at(plan, "lunch", TOMORROW).options) == 4
    assert "cached_resource_skipped" in caplog.text
    assert "Zwirbelmeier" not in caplog.text


# --- choosing -----------------------------------------------------------------------------------


async def _tomorrows_lunch(meals: MealService, patient: str) -> SittingPlan:
    return _at(await meals.plan(patient, first_day=TOMORROW, days=1), "lunch", TOMORROW)


@pytest.mark.asyncio
async def test_a_choice_is_saved_at_once_as_a_tagged_order_waiting_for_the_ehr(
    store: Store, meals: MealService, ward: SeedWard
) -> None:
    patient = _plain(ward)
    lunch = await _tomorrows_lunch(meals, patient)
    dish = _choosable(lunch)[0]

    choice = await meals.choose(patient, _encounter(ward, patient), lunch.sitting, dish)

    assert choice.delivery is Delivery.WAITING
    assert not choice.by_staff
    [row] = await store.outbox()
    assert (row.resource_type, row.operation, row.state) == ("NutritionOrder", "create", "pending")
    order = row.payload
    assert order is not None
    assert order["id"] == choice.order_id
    assert order["meta"]["tag"][0] == seed_codes.PATIENT_MEAL_SELECTION_TAG
    assert "versionId" not in order["meta"]
    assert order["instantiatesCanonical"] == [dish]
    assert (order["status"], order["intent"]) == ("active", "order")
    assert order["patient"] == {"reference": f"Patient/{patient}"}
    assert order["encounter"] == {"reference": f"Encounter/{_encounter(ward, patient)}"}
    assert order["oralDiet"]["schedule"] == [{"event": ["2026-11-25T12:00:00+01:00"]}]
    assert "orderer" not in order
    assert await store.get("NutritionOrder", choice.order_id) == order
    again = await _tomorrows_lunch(meals, patient)
    assert again.choice == choice
    # A meal selection is never the patient's diet.
    plan = await meals.plan(patient, first_day=TOMORROW, days=1)
    assert plan.rules.diet_types == frozenset({"normal"})


@pytest.mark.asyncio
async def test_changing_ones_mind_updates_the_same_order(
    store: Store, meals: MealService, ward: SeedWard
) -> None:
    patient = _plain(ward)
    lunch = await _tomorrows_lunch(meals, patient)
    first, second = _choosable(lunch)[:2]
    chosen = await meals.choose(patient, None, lunch.sitting, first)

    changed = await meals.choose(patient, None, lunch.sitting, second)

    assert changed.order_id == chosen.order_id
    rows = await store.outbox()
    assert [(r.operation, r.resource_id) for r in rows] == [
        ("create", chosen.order_id),
        ("update", chosen.order_id),
    ]
    assert rows[1].payload is not None
    assert rows[1].payload["instantiatesCanonical"] == [second]
    assert rows[1].payload["meta"]["tag"][0] == seed_codes.PATIENT_MEAL_SELECTION_TAG
    choice = (await _tomorrows_lunch(meals, patient)).choice
    assert choice is not None
    assert choice.dish_url == second


@pytest.mark.asyncio
async def test_cancelling_revokes_the_choice_and_choosing_again_reuses_the_order(
    store: Store, meals: MealService, ward: SeedWard
) -> None:
    patient = _plain(ward)
    lunch = await _tomorrows_lunch(meals, patient)
    chosen = await meals.choose(patient, None, lunch.sitting, _choosable(lunch)[0])

    await meals.cancel(patient, lunch.sitting)

    cached = await store.get("NutritionOrder", chosen.order_id)
    assert cached is not None
    assert cached["status"] == "revoked"
    assert (await _tomorrows_lunch(meals, patient)).choice is None
    again = await meals.choose(patient, None, lunch.sitting, _choosable(lunch)[1])
    assert again.order_id == chosen.order_id
    assert [r.operation for r in await store.outbox()] == ["create", "update", "update"]


@pytest.mark.asyncio
async def test_after_the_cut_off_the_patient_is_refused_but_a_nurse_may_order_on_their_behalf(
    store: Store, meals: MealService, ward: SeedWard
) -> None:
    patient = _plain(ward)
    lunch_today = sitting(TODAY, BY_SERVICE["lunch"], PARIS)  # closed at 09:30, now 10:30
    dish = _choosable(
        _at(await meals.plan(patient, first_day=TODAY, on_behalf=True), "lunch", TODAY)
    )[0]

    with pytest.raises(MealOrderError) as refused:
        await meals.choose(patient, None, lunch_today, dish)
    assert refused.value.kind == "closed"

    choice = await meals.choose(patient, None, lunch_today, dish, on_behalf=True, staff_id=NURSE_ID)
    assert choice.by_staff
    [row] = await store.outbox()
    assert row.payload is not None
    assert row.payload["orderer"] == {"reference": f"Practitioner/{NURSE_ID}"}
    plan = await meals.plan(patient, first_day=TODAY, days=1)
    shown = _at(plan, "lunch", TODAY).choice
    assert shown is not None
    assert shown.by_staff

    with pytest.raises(MealOrderError) as late:
        await meals.cancel(patient, lunch_today)
    assert late.value.kind == "closed"
    await meals.cancel(patient, lunch_today, on_behalf=True, staff_id=NURSE_ID)
    assert (await store.get("NutritionOrder", choice.order_id) or {})["status"] == "revoked"


@pytest.mark.asyncio
async def test_nobody_orders_a_meal_already_served(
    meals: MealService, ward: SeedWard, clock: Clock
) -> None:
    patient = _plain(ward)
    breakfast_today = sitting(TODAY, BY_SERVICE["breakfast"], PARIS)
    dish = next(
        d["url"] for d in _of(ward, "ActivityDefinition") if f"/meal/{TODAY}/breakfast/" in d["url"]
    )
    for on_behalf in (False, True):
        with pytest.raises(MealOrderError) as refused:
            await meals.choose(patient, None, breakfast_today, dish, on_behalf=on_behalf)
        assert refused.value.kind == "served"


@pytest.mark.asyncio
async def test_a_greyed_dish_is_refused_when_saving(
    store: Store, meals: MealService, ward: SeedWard
) -> None:
    patient = _milk_allergic(ward)
    lunch = await _tomorrows_lunch(meals, patient)
    greyed = next(o.dish.url for o in lunch.options if not o.choosable)

    with pytest.raises(MealOrderError) as refused:
        await meals.choose(patient, None, lunch.sitting, greyed, on_behalf=True)

    assert refused.value.kind == "not-allowed"
    assert await store.outbox() == []


@pytest.mark.asyncio
async def test_a_dish_of_another_sitting_is_refused_when_saving(
    meals: MealService, ward: SeedWard
) -> None:
    patient = _plain(ward)
    lunch = await _tomorrows_lunch(meals, patient)
    dinner_dish = next(
        d["url"] for d in _of(ward, "ActivityDefinition") if f"/meal/{TOMORROW}/dinner/" in d["url"]
    )
    with pytest.raises(MealOrderError) as refused:
        await meals.choose(patient, None, lunch.sitting, dinner_dish)
    assert refused.value.kind == "unknown-dish"


@pytest.mark.asyncio
async def test_nil_by_mouth_is_refused_when_saving_even_on_the_patients_behalf(
    store: Store, meals: MealService, ward: SeedWard
) -> None:
    patient = _fasting_for_surgery(ward)
    breakfast = sitting(TOMORROW, BY_SERVICE["breakfast"], PARIS)
    dish = next(
        d["url"]
        for d in _of(ward, "ActivityDefinition")
        if f"/meal/{TOMORROW}/breakfast/" in d["url"]
    )
    for on_behalf in (False, True):
        with pytest.raises(MealOrderError) as refused:
            await meals.choose(patient, None, breakfast, dish, on_behalf=on_behalf)
        assert refused.value.kind == "nil-by-mouth"
    assert await store.outbox() == []


@pytest.mark.asyncio
async def test_without_a_diet_order_saving_is_refused(
    store: Store, meals: MealService, ward: SeedWard
) -> None:
    patient = _without_diet_order(ward)
    lunch = sitting(TOMORROW, BY_SERVICE["lunch"], PARIS)
    dish = next(
        d["url"] for d in _of(ward, "ActivityDefinition") if f"/meal/{TOMORROW}/lunch/" in d["url"]
    )
    with pytest.raises(MealOrderError) as refused:
        await meals.choose(patient, None, lunch, dish)
    assert refused.value.kind == "no-diet-order"
    assert await store.outbox() == []


@pytest.mark.asyncio
async def test_a_choice_whose_dish_left_the_catalogue_still_shows_on_its_sitting(
    store: Store, meals: MealService, ward: SeedWard
) -> None:
    patient = _plain(ward)
    lunch = await _tomorrows_lunch(meals, patient)
    chosen = await meals.choose(patient, None, lunch.sitting, _choosable(lunch)[0])
    cached = await store.get("NutritionOrder", chosen.order_id)
    assert cached is not None
    gone = {**cached, "instantiatesCanonical": ["https://kitchen.example/old-dish"]}
    await Recorder(store, "site-1").record_update(gone)

    choice = (await _tomorrows_lunch(meals, patient)).choice

    assert choice is not None
    assert (choice.order_id, choice.dish_title) == (chosen.order_id, None)


# --- the diet rules from FHIR -------------------------------------------------------------------


def _order(**oral_diet: Any) -> NutritionOrder:
    return parse_as(
        NutritionOrder,
        {
            "resourceType": "NutritionOrder",
            "id": "o1",
            "status": "active",
            "intent": "order",
            "patient": {"reference": "Patient/p1"},
            "dateTime": "2026-11-24T08:00:00+01:00",
            "oralDiet": oral_diet,
        },
    )


def _allergy(text: str, *codings: dict[str, str], verification: str = "confirmed") -> Any:
    return parse_as(
        AllergyIntolerance,
        {
            "resourceType": "AllergyIntolerance",
            "id": "a1",
            "patient": {"reference": "Patient/p1"},
            "category": ["food"],
            "verificationStatus": {
                "coding": [
                    {
                        "system": "http://terminology.hl7.org/CodeSystem/allergyintolerance-verification",
                        "code": verification,
                    }
                ]
            },
            "code": {"text": text, "coding": list(codings)},
        },
    )


def test_a_diet_sent_only_in_snomed_ct_is_understood_and_an_unknown_one_kept_as_words() -> None:
    rules = diet_rules(
        [
            _order(type=[{"coding": [{"system": "http://snomed.info/sct", "code": "33489005"}]}]),
            _order(type=[{"text": "Régime sans résidu"}]),
        ],
        [],
    )
    assert rules.diet_types == frozenset({"renal", "Régime sans résidu"})


def test_food_allergies_without_an_eu_code_are_kept_as_words_and_refuted_ones_ignored() -> None:
    kiwi = _allergy("Allergie au kiwi")
    refuted = _allergy(
        "Allergie au lait",
        {"system": meal_codes.CS_EU_ALLERGEN, "code": "milk"},
        verification="refuted",
    )
    egg = _allergy("Allergie à l'œuf", {"system": meal_codes.CS_EU_ALLERGEN, "code": "eggs"})
    rules = diet_rules([_order(type=[{"text": "Normal"}])], [kiwi, refuted, egg])
    assert rules.allergy_allergens == frozenset({"eggs"})
    assert rules.unmatched_allergies == ("Allergie au kiwi",)


def test_a_nil_by_mouth_order_alone_is_not_a_diet_order() -> None:
    rules = diet_rules(
        [_order(type=[{"coding": [{"system": meal_codes.CS_DIET, "code": "npo"}]}])], []
    )
    assert not rules.has_order


def test_the_meal_codes_are_the_ones_the_sandbox_serves() -> None:
    assert meal_codes.CS_DIET == seed_codes.CS_DIET
    assert meal_codes.CS_IDDSI == seed_codes.CS_IDDSI
    assert meal_codes.CS_EU_ALLERGEN == seed_codes.CS_EU_ALLERGEN
    assert meal_codes.CS_MEAL_SERVICE == seed_codes.CS_MEAL_SERVICE
    assert meal_codes.CS_ORDER_ORIGIN == seed_codes.CS_ORDER_ORIGIN
    assert meal_codes.HL7_DIET == seed_codes.HL7_DIET
    assert meal_codes.EXT_MEAL_SERVICE == seed_codes.EXT_MEAL_SERVICE
    assert meal_codes.EXT_MEAL_ALLERGEN == seed_codes.EXT_MEAL_ALLERGEN
    assert meal_codes.EXT_MEAL_ALLERGENS_DECLARED == seed_codes.EXT_MEAL_ALLERGENS_DECLARED
    assert meal_codes.EXT_MEAL_DIET_SUITABLE == seed_codes.EXT_MEAL_DIET_SUITABLE
    assert meal_codes.EXT_MEAL_TEXTURE == seed_codes.EXT_MEAL_TEXTURE
    assert meal_codes.EXT_MEAL_ICON == seed_codes.EXT_MEAL_ICON
    assert meal_codes.patient_meal_selection_tag() == seed_codes.PATIENT_MEAL_SELECTION_TAG
    assert {
        sct: code for code, (_, sct, _) in seed_codes.DIETS.items() if sct
    } == meal_codes.SNOMED_DIETS
