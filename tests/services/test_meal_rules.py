"""The meal-ordering rules, edge by edge: which dish a patient may choose, and when a sitting is
open — allergens, diets, preferences, IDDSI textures, nil-by-mouth windows, cut-offs across
daylight-saving changes, the site's service table and fasting read from appointments."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo
from itertools import product
from typing import Any, Literal
from zoneinfo import ZoneInfo

import pytest

from bedside.services.meal_rules import (
    DIET_TYPES,
    EU_ALLERGENS,
    FOOD_LEVELS,
    NO_ORDER,
    PREFERENCES,
    SERVICES,
    DietRules,
    Dish,
    NilByMouth,
    Reason,
    ReasonKind,
    ServiceTimes,
    Sitting,
    SittingState,
    SittingStateKind,
    appointment_fasting,
    covering_window,
    dish_reasons,
    parse_service_table,
    sitting,
    sitting_state,
    sittings,
    time_left,
)
from bedside.settings import DEFAULT_MEAL_CUTOFFS, DEFAULT_MEAL_SERVING

PARIS = ZoneInfo("Europe/Paris")
BERLIN = ZoneInfo("Europe/Berlin")
DAY = date(2026, 5, 12)  # a Tuesday, summer time (+02:00)
SPRING = date(2026, 3, 29)  # 02:00 → 03:00 in Paris and Berlin
AUTUMN = date(2026, 10, 25)  # 03:00 → 02:00 in Paris and Berlin
TABLE = parse_service_table(DEFAULT_MEAL_SERVING, DEFAULT_MEAL_CUTOFFS)
BREAKFAST, LUNCH, DINNER = TABLE
ORDERED = DietRules(has_order=True)
SECOND = timedelta(seconds=1)


def _dish(
    *,
    allergens: frozenset[str] | set[str] | tuple[str, ...] = (),
    declared: bool = True,
    suits: frozenset[str] | set[str] | tuple[str, ...] = (),
    texture: int | None = 7,
) -> Dish:
    return Dish(
        dish_id="dish-1",
        url="https://sandbox.bedside.example/fhir/meal/2026-05-12/lunch/dish",
        service="lunch",
        day=DAY,
        title="Plat du jour",
        description=None,
        icon=None,
        allergens=frozenset(allergens),
        allergens_declared=declared,
        suits=frozenset(suits),
        texture=texture,
    )


def _rules(**fields: Any) -> DietRules:
    """A care-team diet order; sets of codes may be written as plain sets."""
    frozen: dict[str, Any] = {
        name: frozenset(value) if isinstance(value, set) else value
        for name, value in fields.items()
    }
    return DietRules(has_order=True, **frozen)


def _at(
    day: date, hour: int, minute: int = 0, second: int = 0, *, tz: tzinfo = PARIS, fold: int = 0
) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=tz, fold=fold)


def _utc(day: date, hour: int, minute: int = 0) -> datetime:
    return _at(day, hour, minute, tz=UTC)


def _window(
    start: datetime | None,
    end: datetime | None,
    source: Literal["diet-order", "appointment"] = "diet-order",
) -> NilByMouth:
    return NilByMouth(start=start, end=end, source=source)


ALL_ALLERGENS = frozenset(EU_ALLERGENS)


# --- allergens ---------------------------------------------------------------------------------


def test_a_dish_with_no_clash_can_be_chosen() -> None:
    assert dish_reasons(_dish(), ORDERED) == ()


def test_a_dish_is_judged_the_same_with_no_rules_beyond_a_plain_order() -> None:
    assert dish_reasons(_dish(allergens=ALL_ALLERGENS, texture=None), ORDERED) == ()


@pytest.mark.parametrize("allergen", EU_ALLERGENS)
def test_a_dish_containing_an_allergen_the_patient_is_allergic_to_is_greyed_for_that_allergy(
    allergen: str,
) -> None:
    reasons = dish_reasons(_dish(allergens={allergen}), _rules(allergy_allergens={allergen}))
    assert reasons == (Reason(ReasonKind.ALLERGY, allergen),)


@pytest.mark.parametrize("allergen", EU_ALLERGENS)
def test_a_dish_containing_an_allergen_the_diet_order_excludes_is_greyed_as_excluded(
    allergen: str,
) -> None:
    reasons = dish_reasons(_dish(allergens={allergen}), _rules(excluded_allergens={allergen}))
    assert reasons == (Reason(ReasonKind.EXCLUDED, allergen),)


@pytest.mark.parametrize("allergen", EU_ALLERGENS)
def test_an_allergen_both_allergic_to_and_excluded_gives_one_allergy_reason_only(
    allergen: str,
) -> None:
    rules = _rules(allergy_allergens={allergen}, excluded_allergens={allergen})
    assert dish_reasons(_dish(allergens={allergen}), rules) == (
        Reason(ReasonKind.ALLERGY, allergen),
    )


@pytest.mark.parametrize("allergen", EU_ALLERGENS)
def test_an_allergy_to_an_allergen_the_dish_lacks_is_no_reason(allergen: str) -> None:
    every_other = ALL_ALLERGENS - {allergen}
    assert dish_reasons(_dish(allergens=every_other), _rules(allergy_allergens={allergen})) == ()


@pytest.mark.parametrize("allergen", EU_ALLERGENS)
def test_an_exclusion_of_an_allergen_the_dish_lacks_is_no_reason(allergen: str) -> None:
    every_other = ALL_ALLERGENS - {allergen}
    assert dish_reasons(_dish(allergens=every_other), _rules(excluded_allergens={allergen})) == ()


def test_several_allergies_come_in_the_order_of_the_eu_annex() -> None:
    reasons = dish_reasons(
        _dish(allergens=ALL_ALLERGENS), _rules(allergy_allergens=set(reversed(EU_ALLERGENS)))
    )
    assert reasons == tuple(Reason(ReasonKind.ALLERGY, code) for code in EU_ALLERGENS)


def test_allergies_come_before_exclusions_each_in_the_order_of_the_annex() -> None:
    rules = _rules(
        allergy_allergens={"milk", "molluscs"},
        excluded_allergens={"gluten", "milk", "sesame"},
    )
    reasons = dish_reasons(_dish(allergens={"molluscs", "sesame", "milk", "gluten"}), rules)
    assert reasons == (
        Reason(ReasonKind.ALLERGY, "milk"),
        Reason(ReasonKind.ALLERGY, "molluscs"),
        Reason(ReasonKind.EXCLUDED, "gluten"),
        Reason(ReasonKind.EXCLUDED, "sesame"),
    )


@pytest.mark.parametrize(
    ("patient", "greyed"),
    [
        pytest.param({}, False, id="no-allergy-no-exclusion"),
        pytest.param({"allergy_allergens": {"eggs"}}, True, id="an-allergy"),
        pytest.param({"excluded_allergens": {"gluten"}}, True, id="an-exclusion"),
        pytest.param({"unmatched_allergies": ("kiwi",)}, True, id="an-unmatched-allergy"),
        pytest.param(
            {"allergy_allergens": {"eggs"}, "unmatched_allergies": ("kiwi",)},
            True,
            id="an-allergy-and-an-unmatched-one",
        ),
    ],
)
def test_a_dish_without_a_declared_allergen_list_is_greyed_only_for_a_patient_avoiding_something(
    patient: dict[str, Any], greyed: bool
) -> None:
    reasons = dish_reasons(_dish(declared=False), _rules(**patient))
    assert reasons == ((Reason(ReasonKind.ALLERGENS_NOT_DECLARED),) if greyed else ())


def test_an_undeclared_dish_is_never_treated_as_free_of_the_allergen_the_patient_avoids() -> None:
    # Listing nothing, undeclared, is not "contains no eggs".
    reasons = dish_reasons(_dish(declared=False), _rules(allergy_allergens={"eggs"}))
    assert reasons == (Reason(ReasonKind.ALLERGENS_NOT_DECLARED),)


def test_an_undeclared_dish_listing_an_allergen_of_the_patient_says_both() -> None:
    rules = _rules(allergy_allergens={"milk"}, excluded_allergens={"gluten"})
    reasons = dish_reasons(_dish(allergens={"milk", "gluten"}, declared=False), rules)
    assert reasons == (
        Reason(ReasonKind.ALLERGY, "milk"),
        Reason(ReasonKind.EXCLUDED, "gluten"),
        Reason(ReasonKind.ALLERGENS_NOT_DECLARED),
    )


def test_a_declared_dish_is_not_greyed_for_an_allergy_no_allergen_code_matches() -> None:
    # The screen says separately that dishes cannot be checked against "kiwi".
    assert dish_reasons(_dish(), _rules(unmatched_allergies=("kiwi",))) == ()


# --- diet types --------------------------------------------------------------------------------

SPECIAL_DIETS = tuple(code for code in DIET_TYPES if code != "normal")


@pytest.mark.parametrize("diet", SPECIAL_DIETS)
def test_a_dish_suiting_the_ordered_diet_can_be_chosen(diet: str) -> None:
    assert dish_reasons(_dish(suits={diet}), _rules(diet_types={diet})) == ()


@pytest.mark.parametrize("diet", SPECIAL_DIETS)
def test_a_dish_not_suiting_the_ordered_diet_is_greyed_for_that_diet(diet: str) -> None:
    others = set(DIET_TYPES) - {diet}
    assert dish_reasons(_dish(suits=others), _rules(diet_types={diet})) == (
        Reason(ReasonKind.DIET, diet),
    )


@pytest.mark.parametrize(
    "suits", [set(), {"normal"}, {"renal"}], ids=["nothing", "normal", "renal"]
)
def test_a_normal_diet_suits_every_dish(suits: set[str]) -> None:
    assert dish_reasons(_dish(suits=suits), _rules(diet_types={"normal"})) == ()


@pytest.mark.parametrize(
    ("suits", "missing"),
    [
        pytest.param({"diabetic", "low-salt"}, (), id="suits-both"),
        pytest.param({"diabetic"}, ("low-salt",), id="suits-diabetic-only"),
        pytest.param({"low-salt"}, ("diabetic",), id="suits-low-salt-only"),
        pytest.param(set(), ("diabetic", "low-salt"), id="suits-neither"),
    ],
)
def test_with_several_diets_ordered_the_dish_must_suit_every_one(
    suits: set[str], missing: tuple[str, ...]
) -> None:
    rules = _rules(diet_types={"low-salt", "diabetic", "normal"})
    assert dish_reasons(_dish(suits=suits), rules) == tuple(
        Reason(ReasonKind.DIET, code) for code in missing
    )


def test_several_missing_diets_come_in_the_order_of_the_diet_types() -> None:
    rules = _rules(diet_types=set(SPECIAL_DIETS))
    assert dish_reasons(_dish(), rules) == tuple(
        Reason(ReasonKind.DIET, code) for code in SPECIAL_DIETS
    )


@pytest.mark.parametrize(
    "dish",
    [
        _dish(),
        _dish(suits=set(DIET_TYPES) | set(PREFERENCES)),
        _dish(suits={"Régime hyperprotéiné"}),
        _dish(declared=False, texture=None),
    ],
    ids=["plain", "suits-everything-known", "claims-the-unknown-type", "undeclared"],
)
def test_a_diet_type_the_menu_does_not_know_greys_every_dish(dish: Dish) -> None:
    reasons = dish_reasons(dish, _rules(diet_types={"Régime hyperprotéiné"}))
    assert reasons == (Reason(ReasonKind.DIET_UNKNOWN, "Régime hyperprotéiné"),)


def test_an_unknown_diet_type_comes_after_the_known_ones_it_is_ordered_with() -> None:
    rules = _rules(diet_types={"hyperprotein", "renal", "diabetic"})
    assert dish_reasons(_dish(suits={"renal"}), rules) == (
        Reason(ReasonKind.DIET, "diabetic"),
        Reason(ReasonKind.DIET_UNKNOWN, "hyperprotein"),
    )


# --- preferences -------------------------------------------------------------------------------


@pytest.mark.parametrize("preference", PREFERENCES)
def test_a_dish_suiting_the_preference_can_be_chosen(preference: str) -> None:
    dish = _dish(allergens=ALL_ALLERGENS, suits={preference})
    assert dish_reasons(dish, _rules(preferences={preference})) == ()


@pytest.mark.parametrize("preference", PREFERENCES)
def test_a_dish_not_suiting_the_preference_is_greyed_for_it(preference: str) -> None:
    # Every allergen declared present, so no free-from preference is met by the list either.
    dish = _dish(allergens=ALL_ALLERGENS, suits=set(PREFERENCES) - {preference})
    if preference == "vegetarian":
        dish = _dish(allergens=ALL_ALLERGENS, suits=set(PREFERENCES) - {"vegetarian", "vegan"})
    assert dish_reasons(dish, _rules(preferences={preference})) == (
        Reason(ReasonKind.PREFERENCE, preference),
    )


def test_a_vegan_dish_meets_a_vegetarian_preference() -> None:
    assert dish_reasons(_dish(suits={"vegan"}), _rules(preferences={"vegetarian"})) == ()


def test_a_vegetarian_dish_does_not_meet_a_vegan_preference() -> None:
    assert dish_reasons(_dish(suits={"vegetarian"}), _rules(preferences={"vegan"})) == (
        Reason(ReasonKind.PREFERENCE, "vegan"),
    )


FREE_FROM = [
    ("gluten-free", "gluten"),
    ("dairy-free", "milk"),
    ("nut-free", "nuts"),
    ("nut-free", "peanuts"),
]


@pytest.mark.parametrize(("preference", "allergen"), FREE_FROM)
def test_a_free_from_preference_is_met_by_a_dish_declaring_it_lacks_the_allergen(
    preference: str, allergen: str
) -> None:
    dish = _dish(allergens=ALL_ALLERGENS - {"gluten", "milk", "nuts", "peanuts"})
    assert dish_reasons(dish, _rules(preferences={preference})) == ()


@pytest.mark.parametrize(("preference", "allergen"), FREE_FROM)
def test_a_free_from_preference_is_not_met_by_a_dish_declaring_the_allergen(
    preference: str, allergen: str
) -> None:
    assert dish_reasons(_dish(allergens={allergen}), _rules(preferences={preference})) == (
        Reason(ReasonKind.PREFERENCE, preference),
    )


@pytest.mark.parametrize("preference", ["gluten-free", "dairy-free", "nut-free"])
def test_a_free_from_preference_is_not_met_by_a_dish_whose_allergens_are_not_declared(
    preference: str,
) -> None:
    assert dish_reasons(_dish(declared=False), _rules(preferences={preference})) == (
        Reason(ReasonKind.PREFERENCE, preference),
    )


@pytest.mark.parametrize("preference", ["vegetarian", "vegan", "halal", "kosher"])
def test_a_preference_that_is_not_about_allergens_is_not_met_by_declaring_none(
    preference: str,
) -> None:
    assert dish_reasons(_dish(), _rules(preferences={preference})) == (
        Reason(ReasonKind.PREFERENCE, preference),
    )


def test_several_unmet_preferences_come_in_the_order_of_the_preferences() -> None:
    rules = _rules(preferences=set(PREFERENCES))
    assert dish_reasons(_dish(declared=False), rules) == tuple(
        Reason(ReasonKind.PREFERENCE, code) for code in PREFERENCES
    )


# --- texture -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("ordered", "dish_level"), list(product(FOOD_LEVELS, FOOD_LEVELS)))
def test_a_dish_suits_a_texture_order_when_its_level_is_at_most_the_ordered_one(
    ordered: int, dish_level: int
) -> None:
    reasons = dish_reasons(_dish(texture=dish_level), _rules(texture_level=ordered))
    if dish_level <= ordered:
        assert reasons == ()
    else:
        assert reasons == (Reason(ReasonKind.TEXTURE, level=ordered, dish_level=dish_level),)


@pytest.mark.parametrize("ordered", FOOD_LEVELS)
def test_a_dish_without_a_texture_cannot_be_judged_against_a_texture_order(ordered: int) -> None:
    assert dish_reasons(_dish(texture=None), _rules(texture_level=ordered)) == (
        Reason(ReasonKind.TEXTURE_UNKNOWN, level=ordered),
    )


@pytest.mark.parametrize("dish_level", [*FOOD_LEVELS, None])
def test_without_a_texture_order_any_texture_suits(dish_level: int | None) -> None:
    assert dish_reasons(_dish(texture=dish_level), ORDERED) == ()


# --- all at once -------------------------------------------------------------------------------


def test_a_dish_with_many_clashes_gives_its_reasons_in_the_documented_order() -> None:
    dish = _dish(allergens={"milk", "gluten", "eggs"}, declared=False, suits=set(), texture=7)
    rules = _rules(
        allergy_allergens={"milk", "eggs"},
        excluded_allergens={"gluten", "milk"},
        diet_types={"renal", "diabetic", "hyperprotein", "normal"},
        preferences={"halal", "vegetarian"},
        texture_level=4,
    )
    assert dish_reasons(dish, rules) == (
        Reason(ReasonKind.ALLERGY, "eggs"),
        Reason(ReasonKind.ALLERGY, "milk"),
        Reason(ReasonKind.EXCLUDED, "gluten"),
        Reason(ReasonKind.ALLERGENS_NOT_DECLARED),
        Reason(ReasonKind.DIET, "diabetic"),
        Reason(ReasonKind.DIET, "renal"),
        Reason(ReasonKind.DIET_UNKNOWN, "hyperprotein"),
        Reason(ReasonKind.PREFERENCE, "vegetarian"),
        Reason(ReasonKind.PREFERENCE, "halal"),
        Reason(ReasonKind.TEXTURE, level=4, dish_level=7),
    )


def test_a_texture_unknown_reason_comes_last_too() -> None:
    rules = _rules(allergy_allergens={"fish"}, texture_level=5)
    assert dish_reasons(_dish(allergens={"fish"}, texture=None), rules) == (
        Reason(ReasonKind.ALLERGY, "fish"),
        Reason(ReasonKind.TEXTURE_UNKNOWN, level=5),
    )


# --- nil-by-mouth windows ----------------------------------------------------------------------

LUNCH_SITTING = sitting(DAY, LUNCH, PARIS)  # served 12:00–13:30 (+02:00)


def test_the_lunch_sitting_is_served_from_noon_to_half_past_one_local_time() -> None:
    lunch = sitting(DAY, LUNCH, PARIS)
    assert lunch == Sitting("lunch", DAY, _at(DAY, 12), _at(DAY, 13, 30), _at(DAY, 9, 30))


@pytest.mark.parametrize(
    ("start", "end", "covers"),
    [
        pytest.param(_at(DAY, 11), _at(DAY, 12), False, id="ends-exactly-when-serving-begins"),
        pytest.param(_at(DAY, 11), _at(DAY, 12, 0, 1), True, id="ends-a-second-into-serving"),
        pytest.param(_at(DAY, 13, 30), _at(DAY, 15), False, id="starts-exactly-when-serving-ends"),
        pytest.param(_at(DAY, 13, 29, 59), _at(DAY, 15), True, id="starts-a-second-before-the-end"),
        pytest.param(_at(DAY, 12, 15), _at(DAY, 12, 45), True, id="inside-serving"),
        pytest.param(_at(DAY, 0), _at(DAY, 23, 59), True, id="around-serving"),
        pytest.param(_at(DAY, 12), _at(DAY, 13, 30), True, id="exactly-serving"),
        pytest.param(_at(DAY, 6), _at(DAY, 10), False, id="in-the-morning"),
        pytest.param(_at(DAY, 14), _at(DAY, 18), False, id="in-the-afternoon"),
        pytest.param(None, _at(DAY, 12), False, id="open-start-ending-when-serving-begins"),
        pytest.param(None, _at(DAY, 12, 30), True, id="open-start-ending-during-serving"),
        pytest.param(_at(DAY, 13, 30), None, False, id="open-end-starting-when-serving-ends"),
        pytest.param(_at(DAY, 8), None, True, id="open-end-starting-in-the-morning"),
        pytest.param(None, None, True, id="open-at-both-ends"),
        pytest.param(_utc(DAY, 9), _utc(DAY, 10), False, id="in-utc-ending-at-noon-paris"),
        pytest.param(_utc(DAY, 9), _utc(DAY, 10, 1), True, id="in-utc-a-minute-past-noon-paris"),
    ],
)
def test_a_window_covers_a_sitting_when_it_overlaps_the_serving_time(
    start: datetime | None, end: datetime | None, covers: bool
) -> None:
    window = _window(start, end)
    assert covering_window(LUNCH_SITTING, [window]) == (window if covers else None)


def test_no_window_covers_nothing() -> None:
    assert covering_window(LUNCH_SITTING, []) is None


def test_of_several_covering_windows_the_one_ending_last_is_reported() -> None:
    early = _window(_at(DAY, 0), _at(DAY, 12, 30))
    late = _window(_at(DAY, 11), _at(DAY, 16))
    middle = _window(_at(DAY, 12, 15), _at(DAY, 14))
    elsewhere = _window(_at(DAY, 17), _at(DAY, 23))
    assert covering_window(LUNCH_SITTING, [early, late, middle, elsewhere]) == late
    assert covering_window(LUNCH_SITTING, iter([middle, elsewhere, early])) == middle


def test_an_open_ended_covering_window_is_reported_before_any_ending_one() -> None:
    ending = _window(_at(DAY, 11), _at(DAY, 23))
    open_ended = _window(_at(DAY, 13), None)
    assert covering_window(LUNCH_SITTING, [ending, open_ended]) == open_ended


def test_a_window_that_does_not_cover_is_not_reported_even_if_it_ends_last() -> None:
    covering = _window(_at(DAY, 11), _at(DAY, 12, 30))
    tonight = _window(_at(DAY, 22), None)
    assert covering_window(LUNCH_SITTING, [tonight, covering]) == covering


@pytest.mark.parametrize(
    ("diet_order_end", "reported"),
    [
        pytest.param(_at(DAY, 13), "appointment", id="the-appointment-ends-later"),
        pytest.param(_at(DAY, 18), "diet-order", id="the-diet-order-ends-later"),
        pytest.param(None, "diet-order", id="the-diet-order-is-open-ended"),
    ],
)
def test_windows_from_a_diet_order_and_an_appointment_are_weighed_alike(
    diet_order_end: datetime | None, reported: str
) -> None:
    diet_order = _window(_at(DAY, 0), diet_order_end, "diet-order")
    appointment = appointment_fasting(
        _at(DAY, 14), _at(DAY, 15), "À jeun", PARIS, what="Gastroscopie"
    )
    assert appointment is not None
    found = covering_window(LUNCH_SITTING, [diet_order, appointment])
    assert found is not None
    assert found.source == reported


# --- sitting states ----------------------------------------------------------------------------

NIL_BY_MOUTH_TODAY = _window(_at(DAY, 0), _at(DAY, 14), "appointment")
BEFORE_CUTOFF = _at(DAY, 8)  # lunch: cut-off 09:30, served 12:00–13:30
AFTER_CUTOFF = _at(DAY, 10)
DURING_SERVING = _at(DAY, 12, 45)
AFTER_SERVING = _at(DAY, 13, 30)

OPEN = SittingState(SittingStateKind.OPEN, time_left=timedelta(hours=1, minutes=30))
LATE = SittingState(SittingStateKind.OPEN, late=True)
CLOSED = SittingState(SittingStateKind.CLOSED)
SERVED = SittingState(SittingStateKind.SERVED)
NO_DIET = SittingState(SittingStateKind.NO_DIET_ORDER)
NIL = SittingState(SittingStateKind.NIL_BY_MOUTH, nil_by_mouth=NIL_BY_MOUTH_TODAY)


@pytest.mark.parametrize(
    ("now", "rules", "windows", "on_behalf", "expected"),
    [
        # The patient.
        pytest.param(BEFORE_CUTOFF, ORDERED, [], False, OPEN, id="patient-before-cutoff-open"),
        pytest.param(AFTER_CUTOFF, ORDERED, [], False, CLOSED, id="patient-after-cutoff-closed"),
        pytest.param(DURING_SERVING, ORDERED, [], False, SERVED, id="patient-during-serving"),
        pytest.param(AFTER_SERVING, ORDERED, [], False, SERVED, id="patient-after-serving"),
        # A nurse on the patient's behalf.
        pytest.param(BEFORE_CUTOFF, ORDERED, [], True, OPEN, id="nurse-before-cutoff-open"),
        pytest.param(AFTER_CUTOFF, ORDERED, [], True, LATE, id="nurse-after-cutoff-late"),
        pytest.param(DURING_SERVING, ORDERED, [], True, LATE, id="nurse-during-serving-late"),
        pytest.param(AFTER_SERVING, ORDERED, [], True, SERVED, id="nurse-after-serving"),
        # No diet order: beaten only by SERVED.
        pytest.param(BEFORE_CUTOFF, NO_ORDER, [], False, NO_DIET, id="no-order-before-cutoff"),
        pytest.param(AFTER_CUTOFF, NO_ORDER, [], False, NO_DIET, id="no-order-beats-closed"),
        pytest.param(AFTER_CUTOFF, NO_ORDER, [], True, NO_DIET, id="no-order-beats-late"),
        pytest.param(
            BEFORE_CUTOFF, NO_ORDER, [NIL_BY_MOUTH_TODAY], False, NO_DIET, id="no-order-beats-nil"
        ),
        pytest.param(DURING_SERVING, NO_ORDER, [], False, SERVED, id="served-beats-no-order"),
        pytest.param(AFTER_SERVING, NO_ORDER, [], True, SERVED, id="served-beats-no-order-nurse"),
        # Nil by mouth: beaten by SERVED and NO_DIET_ORDER, beats CLOSED and the nurse.
        pytest.param(BEFORE_CUTOFF, ORDERED, [NIL_BY_MOUTH_TODAY], False, NIL, id="nil-open"),
        pytest.param(
            AFTER_CUTOFF, ORDERED, [NIL_BY_MOUTH_TODAY], False, NIL, id="nil-beats-closed"
        ),
        pytest.param(BEFORE_CUTOFF, ORDERED, [NIL_BY_MOUTH_TODAY], True, NIL, id="nil-for-nurse"),
        pytest.param(AFTER_CUTOFF, ORDERED, [NIL_BY_MOUTH_TODAY], True, NIL, id="nil-beats-late"),
        pytest.param(
            DURING_SERVING, ORDERED, [NIL_BY_MOUTH_TODAY], False, SERVED, id="served-beats-nil"
        ),
        pytest.param(
            AFTER_SERVING, ORDERED, [NIL_BY_MOUTH_TODAY], True, SERVED, id="served-beats-nil-nurse"
        ),
        pytest.param(
            BEFORE_CUTOFF,
            ORDERED,
            [_window(_at(DAY, 14), _at(DAY, 16))],
            False,
            OPEN,
            id="a-window-after-serving-leaves-it-open",
        ),
    ],
)
def test_a_sitting_state_follows_the_documented_precedence(
    now: datetime,
    rules: DietRules,
    windows: list[NilByMouth],
    on_behalf: bool,
    expected: SittingState,
) -> None:
    assert sitting_state(LUNCH_SITTING, now, rules, windows, on_behalf=on_behalf) == expected


@pytest.mark.parametrize("on_behalf", [False, True])
def test_one_second_before_the_cutoff_a_sitting_is_open_with_one_second_left(
    on_behalf: bool,
) -> None:
    now = LUNCH_SITTING.cutoff - SECOND
    assert sitting_state(LUNCH_SITTING, now, ORDERED, [], on_behalf=on_behalf) == SittingState(
        SittingStateKind.OPEN, time_left=SECOND
    )


def test_exactly_at_the_cutoff_a_sitting_is_closed() -> None:
    assert sitting_state(LUNCH_SITTING, LUNCH_SITTING.cutoff, ORDERED, []) == CLOSED


def test_exactly_at_the_cutoff_a_nurse_orders_late_without_time_left() -> None:
    state = sitting_state(LUNCH_SITTING, LUNCH_SITTING.cutoff, ORDERED, [], on_behalf=True)
    assert state == LATE
    assert state.time_left is None


def test_one_second_before_serving_begins_the_patient_sees_closed_not_served() -> None:
    now = LUNCH_SITTING.serve_from - SECOND
    assert sitting_state(LUNCH_SITTING, now, ORDERED, []) == CLOSED


def test_exactly_when_serving_begins_the_patient_sees_served() -> None:
    assert sitting_state(LUNCH_SITTING, LUNCH_SITTING.serve_from, ORDERED, []) == SERVED


def test_one_second_before_serving_ends_a_nurse_can_still_order() -> None:
    now = LUNCH_SITTING.serve_until - SECOND
    assert sitting_state(LUNCH_SITTING, now, ORDERED, [], on_behalf=True) == LATE


def test_the_state_is_the_same_whatever_zone_now_is_written_in() -> None:
    now = _utc(DAY, 7, 29)  # 09:29 in Paris
    in_paris = now.astimezone(PARIS)
    assert sitting_state(LUNCH_SITTING, now, ORDERED, []) == sitting_state(
        LUNCH_SITTING, in_paris, ORDERED, []
    )
    assert sitting_state(LUNCH_SITTING, _utc(DAY, 7, 30), ORDERED, []) == CLOSED


# --- cut-off edges -----------------------------------------------------------------------------


def _only(service: str, serving: str, cutoff: str) -> ServiceTimes:
    """The site table with one service changed."""
    defaults = dict(item.split("=") for item in DEFAULT_MEAL_SERVING.split())
    cutoffs = dict(item.split("=") for item in DEFAULT_MEAL_CUTOFFS.split())
    defaults[service], cutoffs[service] = serving, cutoff
    table = parse_service_table(
        " ".join(f"{name}={value}" for name, value in defaults.items()),
        " ".join(f"{name}={value}" for name, value in cutoffs.items()),
    )
    return next(times for times in table if times.service == service)


def test_breakfast_closes_at_seven_the_evening_before() -> None:
    breakfast = sitting(DAY, BREAKFAST, PARIS)
    assert breakfast.cutoff == _at(DAY - timedelta(days=1), 19)
    eve = _at(DAY - timedelta(days=1), 18, 59, 59)
    assert sitting_state(breakfast, eve, ORDERED, []) == SittingState(
        SittingStateKind.OPEN, time_left=SECOND
    )
    assert sitting_state(breakfast, eve + SECOND, ORDERED, []) == CLOSED


def test_a_cutoff_at_midnight_closes_at_the_start_of_the_service_day() -> None:
    breakfast = sitting(DAY, _only("breakfast", "07:30-09:00", "00:00"), PARIS)
    assert breakfast.cutoff == _at(DAY, 0)
    last_second = _at(DAY - timedelta(days=1), 23, 59, 59)
    assert sitting_state(breakfast, last_second, ORDERED, []).time_left == SECOND
    assert sitting_state(breakfast, _at(DAY, 0), ORDERED, []) == CLOSED


def test_a_cutoff_at_one_minute_to_midnight_the_day_before() -> None:
    breakfast = sitting(DAY, _only("breakfast", "07:30-09:00", "23:59-1d"), PARIS)
    assert breakfast.cutoff == _at(DAY - timedelta(days=1), 23, 59)
    assert sitting_state(breakfast, _at(DAY - timedelta(days=1), 23), ORDERED, []) == (
        SittingState(SittingStateKind.OPEN, time_left=timedelta(minutes=59))
    )
    assert sitting_state(breakfast, _at(DAY - timedelta(days=1), 23, 59), ORDERED, []) == CLOSED


def test_a_service_just_after_midnight_is_ordered_the_evening_before() -> None:
    night = sitting(DAY, _only("breakfast", "00:15-01:00", "23:30-1d"), PARIS)
    assert (night.serve_from, night.serve_until, night.cutoff) == (
        _at(DAY, 0, 15),
        _at(DAY, 1),
        _at(DAY - timedelta(days=1), 23, 30),
    )
    eve = DAY - timedelta(days=1)
    assert sitting_state(night, _at(eve, 23), ORDERED, []).time_left == timedelta(minutes=30)
    assert sitting_state(night, _at(DAY, 0), ORDERED, []) == CLOSED
    assert sitting_state(night, _at(DAY, 0), ORDERED, [], on_behalf=True) == LATE
    assert sitting_state(night, _at(DAY, 0, 15), ORDERED, []) == SERVED


def test_a_service_just_after_midnight_may_close_at_midnight_the_same_day() -> None:
    night = sitting(DAY, _only("breakfast", "00:15-01:00", "00:00"), PARIS)
    assert night.cutoff == _at(DAY, 0)
    assert sitting_state(night, _at(DAY, 0) - SECOND, ORDERED, []).time_left == SECOND


def test_a_cutoff_two_days_before_falls_two_local_days_earlier() -> None:
    breakfast = sitting(DAY, _only("breakfast", "07:30-09:00", "12:00-2d"), PARIS)
    assert breakfast.cutoff == _at(DAY - timedelta(days=2), 12)


# --- daylight saving ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "cutoff_utc", "serve_from_utc", "between"),
    [
        pytest.param(
            SPRING - timedelta(days=1),
            _utc(SPRING - timedelta(days=2), 18),
            _utc(SPRING - timedelta(days=1), 6, 30),
            timedelta(hours=12, minutes=30),
            id="spring-day-before-the-change-all-winter-time",
        ),
        pytest.param(
            SPRING,
            _utc(SPRING - timedelta(days=1), 18),  # 19:00 +01:00
            _utc(SPRING, 5, 30),  # 07:30 +02:00
            timedelta(hours=11, minutes=30),
            id="spring-across-the-change",
        ),
        pytest.param(
            SPRING + timedelta(days=1),
            _utc(SPRING, 17),  # 19:00 +02:00
            _utc(SPRING + timedelta(days=1), 5, 30),
            timedelta(hours=12, minutes=30),
            id="spring-day-after-the-change-all-summer-time",
        ),
        pytest.param(
            AUTUMN - timedelta(days=1),
            _utc(AUTUMN - timedelta(days=2), 17),
            _utc(AUTUMN - timedelta(days=1), 5, 30),
            timedelta(hours=12, minutes=30),
            id="autumn-day-before-the-change-all-summer-time",
        ),
        pytest.param(
            AUTUMN,
            _utc(AUTUMN - timedelta(days=1), 17),  # 19:00 +02:00
            _utc(AUTUMN, 6, 30),  # 07:30 +01:00
            timedelta(hours=13, minutes=30),
            id="autumn-across-the-change",
        ),
        pytest.param(
            AUTUMN + timedelta(days=1),
            _utc(AUTUMN, 18),  # 19:00 +01:00
            _utc(AUTUMN + timedelta(days=1), 6, 30),
            timedelta(hours=12, minutes=30),
            id="autumn-day-after-the-change-all-winter-time",
        ),
    ],
)
def test_a_breakfast_cutoff_the_evening_before_moves_with_the_wall_clock(
    day: date, cutoff_utc: datetime, serve_from_utc: datetime, between: timedelta
) -> None:
    breakfast = sitting(day, BREAKFAST, PARIS)
    assert breakfast.cutoff.astimezone(UTC) == cutoff_utc
    assert breakfast.serve_from.astimezone(UTC) == serve_from_utc
    assert (breakfast.cutoff.hour, breakfast.serve_from.hour) == (19, 7)
    assert time_left(breakfast.cutoff, breakfast.serve_from) == between


def test_time_left_across_the_spring_change_is_real_elapsed_time() -> None:
    since = datetime(2026, 3, 28, 19, tzinfo=PARIS)
    until = datetime(2026, 3, 29, 7, 30, tzinfo=PARIS)
    assert until - since == timedelta(hours=12, minutes=30)  # what the wall clock would say
    assert time_left(since, until) == timedelta(hours=11, minutes=30)


def test_time_left_across_the_autumn_change_is_real_elapsed_time() -> None:
    since = datetime(2026, 10, 24, 19, tzinfo=PARIS)
    until = datetime(2026, 10, 25, 7, 30, tzinfo=PARIS)
    assert time_left(since, until) == timedelta(hours=13, minutes=30)


def test_time_left_is_negative_once_the_deadline_passed() -> None:
    assert time_left(_at(DAY, 10), _at(DAY, 9, 30)) == -timedelta(minutes=30)


@pytest.mark.parametrize(
    ("now", "left"),
    [
        pytest.param(
            _at(SPRING - timedelta(days=1), 22),
            timedelta(hours=10, minutes=30),
            id="spring-the-evening-before-lunch",
        ),
        pytest.param(
            _at(AUTUMN - timedelta(days=1), 22),
            timedelta(hours=12, minutes=30),
            id="autumn-the-evening-before-lunch",
        ),
    ],
)
def test_an_open_sitting_counts_the_time_left_across_a_change_of_the_clocks(
    now: datetime, left: timedelta
) -> None:
    lunch = sitting(now.date() + timedelta(days=1), LUNCH, PARIS)
    assert sitting_state(lunch, now, ORDERED, []) == SittingState(
        SittingStateKind.OPEN, time_left=left
    )


def test_a_cutoff_at_a_wall_time_the_spring_change_skips_falls_an_hour_later() -> None:
    breakfast = sitting(SPRING, _only("breakfast", "07:30-09:00", "02:30"), PARIS)
    assert breakfast.cutoff.astimezone(UTC) == _utc(SPRING, 1, 30)
    assert (breakfast.cutoff.hour, breakfast.cutoff.minute) == (3, 30)
    assert breakfast.cutoff.utcoffset() == timedelta(hours=2)
    just_before_the_jump = _at(SPRING, 1, 59, 59)  # +01:00
    assert sitting_state(breakfast, just_before_the_jump, ORDERED, []).time_left == timedelta(
        minutes=30, seconds=1
    )
    assert sitting_state(breakfast, _at(SPRING, 3, 29, 59), ORDERED, []).time_left == SECOND
    assert sitting_state(breakfast, _at(SPRING, 3, 30), ORDERED, []) == CLOSED


def test_a_cutoff_the_day_before_at_a_skipped_wall_time_falls_an_hour_later() -> None:
    breakfast = sitting(
        SPRING + timedelta(days=1), _only("breakfast", "07:30-09:00", "02:30-1d"), PARIS
    )
    assert breakfast.cutoff.astimezone(UTC) == _utc(SPRING, 1, 30)


def test_a_cutoff_at_a_wall_time_the_autumn_change_doubles_is_its_first_occurrence() -> None:
    breakfast = sitting(AUTUMN, _only("breakfast", "07:30-09:00", "02:30"), PARIS)
    assert breakfast.cutoff.astimezone(UTC) == _utc(AUTUMN, 0, 30)
    assert breakfast.cutoff.utcoffset() == timedelta(hours=2)
    first = _at(AUTUMN, 2, 29, 59)
    assert sitting_state(breakfast, first, ORDERED, []).time_left == SECOND
    # 02:15 the second time round (+01:00) is 45 minutes after the first 02:30: compared on the
    # wall clock it would look earlier and still open.
    second_time_round = _at(AUTUMN, 2, 15, fold=1)
    assert sitting_state(breakfast, second_time_round, ORDERED, []) == CLOSED


def test_a_berlin_breakfast_across_the_spring_change_closes_and_serves_on_its_own_clock() -> None:
    breakfast = sitting(SPRING, BREAKFAST, BERLIN)
    assert breakfast.cutoff.astimezone(UTC) == _utc(SPRING - timedelta(days=1), 18)
    assert breakfast.serve_from.astimezone(UTC) == _utc(SPRING, 5, 30)
    assert time_left(breakfast.cutoff, breakfast.serve_from) == timedelta(hours=11, minutes=30)
    now = _at(SPRING - timedelta(days=1), 18, tz=BERLIN)
    assert sitting_state(breakfast, now, ORDERED, []).time_left == timedelta(hours=1)


# --- sittings ----------------------------------------------------------------------------------


def test_sittings_list_every_service_of_every_day_in_time_order() -> None:
    found = sittings(SPRING - timedelta(days=1), 3, TABLE, PARIS)
    assert [(item.day, item.service) for item in found] == [
        (SPRING + timedelta(days=offset), service) for offset in (-1, 0, 1) for service in SERVICES
    ]
    instants = [item.serve_from.astimezone(UTC) for item in found]
    assert instants == sorted(instants)


def test_no_days_give_no_sittings() -> None:
    assert sittings(DAY, 0, TABLE, PARIS) == []


# --- the site's service table ------------------------------------------------------------------


def test_the_default_service_table_is_breakfast_lunch_and_dinner() -> None:
    table = parse_service_table(DEFAULT_MEAL_SERVING, DEFAULT_MEAL_CUTOFFS)
    assert table == (
        ServiceTimes("breakfast", time(7, 30), time(9), time(19), 1),
        ServiceTimes("lunch", time(12), time(13, 30), time(9, 30), 0),
        ServiceTimes("dinner", time(18, 30), time(20), time(15), 0),
    )


def test_services_come_out_in_service_order_whatever_order_they_are_written_in() -> None:
    table = parse_service_table(
        "dinner=18:30-20:00 breakfast=07:30-09:00 lunch=12:00-13:30",
        "lunch=09:30   dinner=15:00\nbreakfast=19:00-1d",
    )
    assert table == TABLE


def test_a_cutoff_two_days_before_is_read() -> None:
    table = parse_service_table(DEFAULT_MEAL_SERVING, "breakfast=19:00-2d lunch=09:30 dinner=15:00")
    assert table[0].cutoff_days_before == 2


@pytest.mark.parametrize(
    "cutoffs",
    [
        "breakfast=07:30 lunch=12:00 dinner=18:30",  # exactly when serving begins
        "breakfast=23:00-1d lunch=09:30 dinner=15:00",  # later in the day, but the day before
    ],
    ids=["same-day-at-serving-time", "day-before-later-in-the-day"],
)
def test_a_cutoff_not_after_serving_begins_is_accepted(cutoffs: str) -> None:
    assert len(parse_service_table(DEFAULT_MEAL_SERVING, cutoffs)) == len(SERVICES)


SERVING = DEFAULT_MEAL_SERVING
CUTOFFS = DEFAULT_MEAL_CUTOFFS


@pytest.mark.parametrize(
    ("serving", "cutoffs", "message"),
    [
        pytest.param(
            "breakfast=07:30-09:00 dinner=18:30-20:00", CUTOFFS, "lunch missing", id="no-lunch"
        ),
        pytest.param(SERVING, "breakfast=19:00-1d lunch=09:30", "dinner missing", id="no-dinner"),
        pytest.param("", CUTOFFS, "breakfast, lunch, dinner missing", id="empty"),
        pytest.param(
            SERVING + " lunch=12:30-13:30", CUTOFFS, "lunch is given twice", id="duplicate"
        ),
        pytest.param(
            SERVING, CUTOFFS + " dinner=16:00", "dinner is given twice", id="duplicate-cutoff"
        ),
        pytest.param(SERVING + " brunch=10:00-11:00", CUTOFFS, "brunch", id="unknown-service"),
        pytest.param(SERVING.replace("lunch=", "lunch:"), CUTOFFS, "service=value", id="no-equals"),
        pytest.param(SERVING.replace("07:30", "7:30"), CUTOFFS, "not a time", id="one-digit-hour"),
        pytest.param(SERVING.replace("09:00", "09:0"), CUTOFFS, "not a time", id="one-digit-min"),
        pytest.param(SERVING.replace("07:30", "07h30"), CUTOFFS, "not a time", id="h-not-colon"),
        pytest.param(SERVING.replace("20:00", "24:00"), CUTOFFS, "hour", id="hour-24"),
        pytest.param(SERVING.replace("13:30", "13:60"), CUTOFFS, "minute", id="minute-60"),
        pytest.param(
            SERVING.replace("12:00-13:30", "12:00"), CUTOFFS, "HH:MM-HH:MM", id="no-serving-end"
        ),
        pytest.param(
            SERVING.replace("12:00-13:30", "13:30-12:00"),
            CUTOFFS,
            "lunch ends before it begins",
            id="ends-before-it-begins",
        ),
        pytest.param(
            SERVING.replace("12:00-13:30", "12:00-12:00"),
            CUTOFFS,
            "lunch ends before it begins",
            id="ends-when-it-begins",
        ),
        pytest.param(
            SERVING, CUTOFFS.replace("09:30", "12:30"), "lunch closes at 12:30", id="late-cutoff"
        ),
        pytest.param(SERVING, CUTOFFS.replace("-1d", "-1"), "HH:MM-Nd", id="days-without-d"),
        pytest.param(SERVING, CUTOFFS.replace("-1d", "-d"), "HH:MM-Nd", id="d-without-days"),
        pytest.param(SERVING, CUTOFFS.replace("-1d", "-xd"), "HH:MM-Nd", id="days-not-a-number"),
        pytest.param(SERVING, CUTOFFS.replace("15:00", "3pm"), "not a time", id="cutoff-3pm"),
    ],
)
def test_a_malformed_service_table_is_refused_saying_why(
    serving: str, cutoffs: str, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        parse_service_table(serving, cutoffs)


# --- fasting read from an appointment ----------------------------------------------------------

APPOINTMENT = _at(DAY, 10)
APPOINTMENT_END = _at(DAY, 11)


def _fasting_from(instruction: str | None) -> datetime | None:
    window = appointment_fasting(APPOINTMENT, APPOINTMENT_END, instruction, PARIS)
    return None if window is None else window.start


@pytest.mark.parametrize(
    "instruction",
    [
        # French
        "À jeun à partir de minuit : ne rien manger, ne rien boire, ne pas fumer.",
        "Être à jeun.",
        "a jeun",
        "A JEUN",
        "À JEUN",
        "Jeûne strict avant l'intervention",
        "jeune strict",
        "Jeûner depuis la veille",
        "Ne rien manger avant l'examen.",
        "NE RIEN MANGER",
        "À jeun 6 heures avant l'examen (pas de repas de midi) ; eau claire autorisée.",
        # German
        "Ab Mitternacht nüchtern: nichts essen, nichts trinken, nicht rauchen.",
        "Nüchtern bleiben",
        "NÜCHTERN",
        "nuechtern",
        "Bitte Nichts essen.",
        "6 Stunden vor der Untersuchung nüchtern (kein Mittagessen)",
        # English
        "Nil by mouth from midnight: no food, no drink, no smoking.",
        "NIL BY MOUTH",
        "NPO after midnight",
        "npo",
        "Nothing to eat for 6 hours before (no lunch).",
        "Fasting required",
        "Fast from midnight",
    ],
)
def test_a_fasting_instruction_in_any_language_starts_the_window_at_local_midnight(
    instruction: str,
) -> None:
    assert _fasting_from(instruction) == _at(DAY, 0)


@pytest.mark.parametrize(
    "instruction",
    [
        "Venir accompagné. Apporter la carte Vitale.",
        "Petit-déjeuner normal",
        "Bitte Versichertenkarte mitbringen.",
        "Breakfast as usual; bring your glasses.",
        "Stay steadfast",
        "Fasten your seat belt",
        "Les jeunesses musicales",
        "",
        "   ",
    ],
)
def test_an_instruction_without_fasting_words_gives_no_window(instruction: str) -> None:
    assert _fasting_from(instruction) is None


def test_an_appointment_without_an_instruction_gives_no_window() -> None:
    assert _fasting_from(None) is None


def test_an_appointment_without_a_start_gives_no_window() -> None:
    assert appointment_fasting(None, APPOINTMENT_END, "À jeun", PARIS) is None


def test_a_negated_fasting_phrase_still_reads_as_fasting_on_the_safe_side() -> None:
    assert _fasting_from("Pas besoin d'être à jeun.") == _at(DAY, 0)


@pytest.mark.parametrize(
    ("instruction", "hour", "minute"),
    [
        # French
        ("À jeun à partir de 6 h", 6, 0),
        ("à jeun à partir de 06h30", 6, 30),
        ("A JEUN A PARTIR DE 6H", 6, 0),
        ("Ne rien manger à partir de 6 heures", 6, 0),
        ("À jeun à partir de 6 h 30.", 6, 30),
        ("À jeun à partir de 06:00", 6, 0),
        # German
        ("Nüchtern ab 6 Uhr", 6, 0),
        ("nüchtern ab 06:00", 6, 0),
        ("Ab 06:30 Uhr nüchtern", 6, 30),
        ("NUECHTERN AB 6.30 UHR", 6, 30),
        # English
        ("Nil by mouth from 6 am", 6, 0),
        ("Fasting from 6am", 6, 0),
        ("NPO from 06:00", 6, 0),
        ("Nothing to eat from 6:30 a.m.", 6, 30),
        ("Nil by mouth from 12 am", 0, 0),
        ("Fast from 9:45 AM", 9, 45),
    ],
)
def test_a_named_start_time_on_the_appointment_day_starts_the_window(
    instruction: str, hour: int, minute: int
) -> None:
    assert _fasting_from(instruction) == _at(DAY, hour, minute)


@pytest.mark.parametrize(
    ("instruction", "hour", "minute"),
    [
        ("À jeun à partir de 22 h", 22, 0),
        ("Nüchtern ab 22 Uhr", 22, 0),
        ("Nil by mouth from 10 pm", 22, 0),
        ("Fasting from 10:30", 10, 30),
    ],
)
def test_a_named_start_later_than_the_appointment_is_on_the_evening_before(
    instruction: str, hour: int, minute: int
) -> None:
    assert _fasting_from(instruction) == _at(DAY - timedelta(days=1), hour, minute)


@pytest.mark.parametrize(
    "instruction",
    [
        "Nüchtern ab 6",  # a bare number: hours? a room?
        "Nil by mouth from 6",
        "À jeun à partir de 25 h",
        "Fasting from 13 pm",
        "NPO from 06:75",
    ],
)
def test_something_that_is_not_a_clock_time_is_no_named_start(instruction: str) -> None:
    assert _fasting_from(instruction) == _at(DAY, 0)


def test_of_several_named_start_times_the_earliest_is_the_safe_one() -> None:
    assert _fasting_from("Nüchtern ab 8 Uhr; nichts essen ab 06:30") == _at(DAY, 6, 30)


def test_the_window_ends_when_the_appointment_ends_and_says_where_it_came_from() -> None:
    window = appointment_fasting(
        APPOINTMENT, APPOINTMENT_END, "À jeun", PARIS, what="Cholécystectomie"
    )
    assert window == NilByMouth(
        start=_at(DAY, 0),
        end=APPOINTMENT_END,
        source="appointment",
        what="Cholécystectomie",
        instruction="À jeun",
    )


def test_an_appointment_without_an_end_keeps_the_window_to_its_start() -> None:
    window = appointment_fasting(APPOINTMENT, None, "Nil by mouth", PARIS)
    assert window is not None
    assert (window.start, window.end) == (_at(DAY, 0), APPOINTMENT)


def test_the_window_starts_at_midnight_of_the_local_day_not_the_utc_one() -> None:
    # 23:30 UTC on the 12th is 01:30 on the 13th in Paris.
    start = _utc(DAY, 23, 30)
    window = appointment_fasting(start, None, "à jeun", PARIS)
    assert window is not None
    assert window.start == _at(DAY + timedelta(days=1), 0)


def test_a_named_start_on_a_spring_change_day_skipped_by_the_clocks_falls_an_hour_later() -> None:
    window = appointment_fasting(_at(SPRING, 8), None, "Nüchtern ab 02:30 Uhr", PARIS)
    assert window is not None
    assert window.start is not None
    assert window.start.astimezone(UTC) == _utc(SPRING, 1, 30)


def test_an_appointment_fasting_window_blocks_the_meals_it_covers() -> None:
    window = appointment_fasting(_at(DAY, 14), _at(DAY, 15), "À jeun à partir de 9 h", PARIS)
    assert window is not None
    breakfast, lunch, dinner = (sitting(DAY, times, PARIS) for times in TABLE)
    assert covering_window(breakfast, [window]) is None  # served until 09:00 exactly
    assert covering_window(lunch, [window]) == window
    assert covering_window(dinner, [window]) is None
