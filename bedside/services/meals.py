"""Meal ordering: what a patient may choose for the coming sittings, and saving the choice.

Owns the reading of the meal catalogue, the care team's diet orders, the allergy list, the
nil-by-mouth windows and the patient's own meal selections from the cache (the mapping is the
contract of docs/meal-catalogue.md), and the writing of a selection through the
:class:`~bedside.services.recording.Recorder`. The rules themselves (which dish, which sitting)
are :mod:`bedside.services.meal_rules`; this module turns FHIR into their plain values.

Rules that are ours:

* A dish is an active ``ActivityDefinition`` of kind ``NutritionOrder``; its service comes from
  the ``meal-service`` extension (else its ``code``) and its day from ``effectivePeriod.start``
  on the site's clock. A dish without a ``url`` cannot be chosen and is left out.
* Only active care-team orders are diet orders (never a meal selection). A nil-by-mouth order
  becomes a window (its ``oralDiet.schedule[].repeat.boundsPeriod``; none: open-ended), not a
  diet type. ``oralDiet.type`` is the local diet code, else its SNOMED CT coding mapped to one,
  else its words — a type the menu does not know, so no dish can be judged against it.
* Food allergies (counting as the chart counts them, refuted ones left out) with an EU allergen
  coding rule out dishes with that allergen; other food allergies, and exclusions without an EU
  code, are kept as words: dishes cannot be checked against them and the screen says so.
* An appointment's ``patientInstruction`` is read in every language it was sent in (the text
  and its translations): any of them asking for fasting makes a window, the widest one wins.
* One selection per patient and sitting: the tagged ``NutritionOrder`` whose
  ``instantiatesCanonical`` is a dish of that sitting (or, when the dish has left the catalogue,
  whose ``oralDiet.schedule[0].event`` is within its serving time). Choosing again updates it;
  cancelling revokes it. ``active`` is a choice, ``revoked`` none.

A cached resource that no longer parses is skipped and logged without its values.
"""

from __future__ import annotations

import logging
from collections.abc import Container, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any, TypeVar

from bedside.models import (
    ActivityDefinition,
    AllergyIntolerance,
    Appointment,
    CodeableConcept,
    FhirModelError,
    NutritionOrder,
    Resource,
    parse_as,
)
from bedside.services import meal_codes as codes
from bedside.services.appointments import EXT_TRANSLATION, concept_text, translated
from bedside.services.chart import (
    ALLERGY_IGNORED_CLINICAL,
    IGNORED_VERIFICATION,
    IPS_ABSENT_UNKNOWN,
    IPS_NO_ALLERGY_INFO,
    IPS_NO_KNOWN_ALLERGY_CODES,
    NO_KNOWN_ALLERGY_CODES,
    NO_TEXT,
    REFUTED,
    is_nil_by_mouth,
    is_patient_meal_selection,
)
from bedside.services.clock import Clock
from bedside.services.delivery import deliveries
from bedside.services.meal_plan import (
    Choice,
    Delivery,
    DishOption,
    MealOrderError,
    MealPlan,
    SittingPlan,
)
from bedside.services.meal_rules import (
    EU_ALLERGENS,
    FOOD_LEVELS,
    SERVICES,
    DietRules,
    Dish,
    NilByMouth,
    ServiceTimes,
    Sitting,
    SittingStateKind,
    appointment_fasting,
    dish_reasons,
    sitting_state,
    sittings,
    time_left,
)
from bedside.services.recording import Recorder
from bedside.store import Store, StoreError

log = logging.getLogger(__name__)

ModelT = TypeVar("ModelT", bound=Resource)

CHOSEN = "active"
CANCELLED = "revoked"
HIDDEN_APPOINTMENTS = frozenset({"cancelled", "noshow", "entered-in-error"})

SittingKey = tuple[str, date]  # (service, local day)


def _key(sitting: Sitting) -> SittingKey:
    return sitting.service, sitting.day


# --- small readers ------------------------------------------------------------------------------


def _moment(value: str | None, tz: tzinfo, *, end: bool = False) -> datetime | None:
    """A FHIR date/dateTime as an aware datetime; a bare date is local midnight (``end``: the
    midnight after it, since a period ending on a date includes that day)."""
    if not value:
        return None
    try:
        if "T" in value:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
            return moment if moment.tzinfo is not None else moment.replace(tzinfo=tz)
        day = date.fromisoformat(value)
    except ValueError:
        return None
    start = datetime.combine(day, time(), tzinfo=tz)
    return start + timedelta(days=1) if end else start


def _utc(moment: datetime) -> datetime:
    # Aware datetimes sharing one tzinfo compare by wall clock; instants in UTC never mislead.
    return moment.astimezone(UTC)


def _fhir_instant(moment: datetime, tz: tzinfo) -> str:
    """A dateTime with the site's offset, as the rest of the ward's data carries."""
    return moment.astimezone(tz).isoformat(timespec="seconds")


def _codes(concept: CodeableConcept | None, system: str) -> list[str]:
    if concept is None:
        return []
    return [c.code for c in concept.coding or () if c.system == system and c.code]


def _first_code(concept: CodeableConcept | None) -> str | None:
    if concept is None:
        return None
    return next((c.code for c in concept.coding or () if c.code), None)


def _words(concept: CodeableConcept | None) -> str | None:
    if concept is None:
        return None
    return concept.display_text or _first_code(concept)


def _iddsi_food_level(concept: CodeableConcept | None) -> int | None:
    for code in _codes(concept, codes.CS_IDDSI):
        if code.isdigit() and int(code) in FOOD_LEVELS:
            return int(code)
    return None


def _all_texts(raw: Mapping[str, Any], element: str) -> list[str]:
    """``raw[element]`` as sent and every translation of it (the standard extension)."""
    texts: list[str] = []
    sent = raw.get(element)
    if isinstance(sent, str) and sent:
        texts.append(sent)
    companion = raw.get(f"_{element}")
    extensions = companion.get("extension") if isinstance(companion, Mapping) else None
    for extension in extensions or ():
        if not isinstance(extension, Mapping) or extension.get("url") != EXT_TRANSLATION:
            continue
        for part in extension.get("extension") or ():
            if isinstance(part, Mapping) and part.get("url") == "content":
                content = part.get("valueString")
                if isinstance(content, str) and content:
                    texts.append(content)
    return texts


# --- the catalogue ------------------------------------------------------------------------------


def _dish_service(dish: ActivityDefinition) -> str | None:
    for extension in dish.extension or ():
        if extension.url == codes.EXT_MEAL_SERVICE and extension.value_code:
            return extension.value_code
    return next(iter(_codes(dish.code, codes.CS_MEAL_SERVICE)), None)


def _served_on(raw: Mapping[str, Any], tz: tzinfo) -> date | None:
    """The local day of a dish, read from the JSON without parsing the whole resource."""
    period = raw.get("effectivePeriod")
    start = period.get("start") if isinstance(period, Mapping) else None
    moment = _moment(start, tz) if isinstance(start, str) else None
    return moment.astimezone(tz).date() if moment is not None else None


def dish_from(
    raw: Mapping[str, Any], language: str, tz: tzinfo, *, days: Container[date] | None = None
) -> Dish | None:
    """The dish an ``ActivityDefinition`` describes, or None when it is not one we can offer
    (or not served on one of ``days``).

    Raises :class:`FhirModelError` when the resource does not parse.
    """
    if raw.get("kind") != codes.DISH_KIND or raw.get("status") != "active":
        return None
    if days is not None and _served_on(raw, tz) not in days:
        return None  # a long catalogue is mostly other days: not worth parsing
    definition = parse_as(ActivityDefinition, raw)
    service = _dish_service(definition)
    period = definition.effective_period
    start = _moment(period.start if period else None, tz)
    if definition.id is None or not definition.url or service not in SERVICES or start is None:
        return None
    allergens: set[str] = set()
    suits: set[str] = set()
    declared = False
    texture: int | None = None
    icon: str | None = None
    for extension in definition.extension or ():
        coding = extension.value_coding
        if extension.url == codes.EXT_MEAL_ALLERGEN and coding is not None:
            if coding.system == codes.CS_EU_ALLERGEN and coding.code in EU_ALLERGENS:
                allergens.add(coding.code)
        elif extension.url == codes.EXT_MEAL_ALLERGENS_DECLARED:
            declared = extension.value_boolean is True
        elif extension.url == codes.EXT_MEAL_DIET_SUITABLE and coding is not None and coding.code:
            if coding.system in (codes.CS_DIET, codes.HL7_DIET):
                suits.add(coding.code)
            elif coding.system == codes.SNOMED and coding.code in codes.SNOMED_DIETS:
                suits.add(codes.SNOMED_DIETS[coding.code])
        elif extension.url == codes.EXT_MEAL_TEXTURE and coding is not None:
            if coding.system == codes.CS_IDDSI and coding.code and coding.code.isdigit():
                texture = int(coding.code)
        elif extension.url == codes.EXT_MEAL_ICON and extension.value_string:
            icon = extension.value_string
    return Dish(
        dish_id=definition.id,
        url=definition.url,
        service=service,
        day=start.astimezone(tz).date(),
        title=translated(raw, "title", language) or definition.name or definition.url,
        description=translated(raw, "description", language),
        icon=icon,
        allergens=frozenset(allergens),
        allergens_declared=declared,
        suits=frozenset(suits),
        texture=texture,
    )


# --- diet rules ---------------------------------------------------------------------------------


def _care_team_orders(orders: Iterable[NutritionOrder]) -> list[NutritionOrder]:
    return [o for o in orders if o.status == "active" and not is_patient_meal_selection(o)]


def _diet_type(concept: CodeableConcept) -> str | None:
    """The local diet code of an ``oralDiet.type``; else its SNOMED CT mapping; else its words."""
    local = _codes(concept, codes.CS_DIET)
    if local:
        return local[0]
    for code in _codes(concept, codes.SNOMED):
        if code in codes.SNOMED_DIETS:
            return codes.SNOMED_DIETS[code]
    return _words(concept)


def _allergy_counts(allergy: AllergyIntolerance) -> bool:
    """A current, not refuted allergy (not a "no known allergy" statement)."""
    if _first_code(allergy.verification_status) in {*IGNORED_VERIFICATION, REFUTED}:
        return False
    if _first_code(allergy.clinical_status) in ALLERGY_IGNORED_CLINICAL:
        return False
    if set(_codes(allergy.code, codes.SNOMED)) & NO_KNOWN_ALLERGY_CODES:
        return False
    said = set(_codes(allergy.code, IPS_ABSENT_UNKNOWN))
    return not (said & {*IPS_NO_KNOWN_ALLERGY_CODES, IPS_NO_ALLERGY_INFO})


def _eu_allergens(allergy: AllergyIntolerance) -> set[str]:
    concepts = [allergy.code, *(r.substance for r in allergy.reaction or ())]
    return {
        code
        for concept in concepts
        for code in _codes(concept, codes.CS_EU_ALLERGEN)
        if code in EU_ALLERGENS
    }


def _allergy_words(allergy: AllergyIntolerance) -> str:
    return _words(allergy.code) or next(
        (w for r in allergy.reaction or () if (w := _words(r.substance))), NO_TEXT
    )


def diet_rules(
    orders: Iterable[NutritionOrder], allergies: Iterable[AllergyIntolerance]
) -> DietRules:
    """What the active care-team diet orders and the allergy list allow (see the module doc)."""
    diets = [o for o in _care_team_orders(orders) if not is_nil_by_mouth(o)]
    types: set[str] = set()
    preferences: set[str] = set()
    excluded: set[str] = set()
    unmatched: list[str] = []
    levels: list[int] = []
    for order in diets:
        oral = order.oral_diet
        for concept in (oral.type if oral else None) or ():
            if (found := _diet_type(concept)) is not None:
                types.add(found)
        for texture in (oral.texture if oral else None) or ():
            if (level := _iddsi_food_level(texture.modifier)) is not None:
                levels.append(level)
        for concept in order.food_preference_modifier or ():
            preferences.update(_codes(concept, codes.HL7_DIET))
        for concept in order.exclude_food_modifier or ():
            eu = [c for c in _codes(concept, codes.CS_EU_ALLERGEN) if c in EU_ALLERGENS]
            if eu:
                excluded.update(eu)
            elif (words := _words(concept)) is not None:
                unmatched.append(words)  # an exclusion dishes cannot be checked against
    allergic: set[str] = set()
    for allergy in allergies:
        if not _allergy_counts(allergy):
            continue
        coded = _eu_allergens(allergy)
        if coded:
            allergic.update(coded)
        elif "food" in (allergy.category or ()):
            unmatched.append(_allergy_words(allergy))
    return DietRules(
        has_order=bool(diets),
        diet_types=frozenset(types),
        preferences=frozenset(preferences),
        excluded_allergens=frozenset(excluded),
        allergy_allergens=frozenset(allergic),
        unmatched_allergies=tuple(dict.fromkeys(unmatched)),
        texture_level=min(levels) if levels else None,
    )


def order_windows(orders: Iterable[NutritionOrder], tz: tzinfo) -> list[NilByMouth]:
    """The nil-by-mouth windows of the active care-team orders (the union of each one's bounds)."""
    windows: list[NilByMouth] = []
    for order in _care_team_orders(orders):
        if not is_nil_by_mouth(order):
            continue
        oral = order.oral_diet
        starts: list[datetime | None] = []
        ends: list[datetime | None] = []
        for schedule in (oral.schedule if oral else None) or ():
            bounds = schedule.repeat.bounds_period if schedule.repeat else None
            if bounds is not None:
                starts.append(_moment(bounds.start, tz))
                ends.append(_moment(bounds.end, tz, end=True))
        start = None if not starts or None in starts else min(s for s in starts if s)
        end = None if not ends or None in ends else max(e for e in ends if e)
        windows.append(
            NilByMouth(start, end, "diet-order", instruction=oral.instruction if oral else None)
        )
    return windows


def _merged(windows: Sequence[NilByMouth]) -> NilByMouth:
    """One window covering all of ``windows`` (an open bound stays open)."""
    starts = [w.start for w in windows]
    ends = [w.end for w in windows]
    start = None if None in starts else min((s for s in starts if s), key=_utc)
    end = None if None in ends else max((e for e in ends if e), key=_utc)
    return replace(windows[0], start=start, end=end)


# --- the patient's selections -------------------------------------------------------------------


@dataclass(frozen=True)
class _Selection:
    """A patient's meal selection as cached (the raw JSON is what a change is made on)."""

    raw: dict[str, Any]
    order_id: str
    chosen: bool  # active; revoked (or anything else) is no choice
    dish_url: str | None
    event: datetime | None  # oralDiet.schedule[0].event[0]: when the sitting is served
    at: datetime | None  # dateTime
    by_staff: bool

    def rank(self) -> tuple[bool, datetime, str]:
        """Of two selections for one sitting (two tablets, say), the chosen and latest wins."""
        at = _utc(self.at) if self.at else datetime.min.replace(tzinfo=UTC)
        return self.chosen, at, self.order_id


def _selection(order: NutritionOrder, raw: dict[str, Any], tz: tzinfo) -> _Selection | None:
    if order.id is None:
        return None
    oral = order.oral_diet
    schedule = next(iter((oral.schedule if oral else None) or ()), None)
    event = next(iter((schedule.event if schedule else None) or ()), None)
    orderer = order.orderer.reference_id if order.orderer else None
    return _Selection(
        raw=raw,
        order_id=order.id,
        chosen=order.status == CHOSEN,
        dish_url=next(iter(order.instantiates_canonical or ()), None),
        event=_moment(event, tz),
        at=_moment(order.date_time, tz),
        by_staff=orderer is not None and orderer[0] in ("Practitioner", "PractitionerRole"),
    )


def _sitting_of(
    selection: _Selection, dishes: Mapping[str, Dish], wanted: Sequence[Sitting]
) -> SittingKey | None:
    dish = dishes.get(selection.dish_url or "")
    if dish is not None:
        return dish.service, dish.day
    if selection.event is None:
        return None
    served = _utc(selection.event)
    for sitting in wanted:
        if _utc(sitting.serve_from) <= served < _utc(sitting.serve_until):
            return _key(sitting)
    return None


@dataclass(frozen=True)
class _Situation:
    """Everything the cache says about one patient's meals on some days."""

    rules: DietRules
    windows: tuple[NilByMouth, ...]
    dishes: dict[SittingKey, list[Dish]]  # in catalogue order
    by_url: dict[str, Dish]
    selections: dict[SittingKey, _Selection]


def _catalogue_order(dish: Dish) -> tuple[str, str]:
    # The catalogue carries no order of its own: by title, then by url for a stable tie.
    return dish.title.casefold(), dish.url


# --- the service --------------------------------------------------------------------------------


class MealService:
    """Reads a patient's meal plan from the cache and saves their choices."""

    def __init__(
        self,
        store: Store,
        recorder: Recorder,
        *,
        times: Sequence[ServiceTimes],
        clock: Clock,
        tz: tzinfo,
    ) -> None:
        self._store = store
        self._recorder = recorder
        self._times = tuple(times)
        self._clock = clock
        self._tz = tz

    # Reading ---------------------------------------------------------------------------------

    async def plan(
        self,
        patient_id: str,
        *,
        first_day: date,
        days: int = 2,
        language: str = "en",
        on_behalf: bool = False,
    ) -> MealPlan:
        """The sittings of ``days`` local days from ``first_day`` not yet served, their dishes
        (choosable first, then greyed with reasons) and the choices made."""
        now = self._clock()
        wanted = sittings(first_day, days, self._times, self._tz)
        situation = await self._situation(patient_id, wanted, language)
        deliveries = await self._deliveries()
        plans: list[SittingPlan] = []
        for sitting in wanted:
            state = sitting_state(
                sitting, now, situation.rules, situation.windows, on_behalf=on_behalf
            )
            if state.kind is SittingStateKind.SERVED:
                continue
            options = [
                DishOption(dish, dish_reasons(dish, situation.rules))
                for dish in situation.dishes.get(_key(sitting), ())
            ]
            options.sort(key=lambda option: not option.choosable)  # stable: catalogue order kept
            selection = situation.selections.get(_key(sitting))
            plans.append(
                SittingPlan(
                    sitting=sitting,
                    state=state,
                    options=tuple(options),
                    choice=self._choice(selection, situation.by_url, deliveries),
                )
            )
        return MealPlan(
            rules=situation.rules,
            sittings=tuple(plans),
            windows=situation.windows,
            catalogue_empty=not any(situation.dishes.get(_key(s)) for s in wanted),
        )

    @staticmethod
    def _choice(
        selection: _Selection | None, by_url: Mapping[str, Dish], deliveries: Mapping[str, Delivery]
    ) -> Choice | None:
        if selection is None or not selection.chosen or selection.dish_url is None:
            return None
        dish = by_url.get(selection.dish_url)
        return Choice(
            order_id=selection.order_id,
            dish_url=selection.dish_url,
            dish_title=dish.title if dish else None,
            delivery=deliveries.get(selection.order_id, Delivery.SENT),
            by_staff=selection.by_staff,
        )

    async def _parsed(
        self, resource_type: str, model: type[ModelT], **filters: Any
    ) -> list[tuple[ModelT, dict[str, Any]]]:
        """Cached resources of one type with their JSON; one that no longer parses is skipped."""
        parsed: list[tuple[ModelT, dict[str, Any]]] = []
        for raw in await self._store.find(resource_type, **filters):
            try:
                parsed.append((parse_as(model, raw), raw))
            except FhirModelError as exc:
                log.warning("cached_resource_skipped problem=%r", exc.log_safe)
        return parsed

    async def _situation(
        self, patient_id: str, wanted: Sequence[Sitting], language: str
    ) -> _Situation:
        days = {sitting.day for sitting in wanted}
        dishes: dict[SittingKey, list[Dish]] = {}
        for raw in await self._store.find("ActivityDefinition", status="active"):
            try:
                dish = dish_from(raw, language, self._tz, days=days)
            except FhirModelError as exc:
                log.warning("cached_resource_skipped problem=%r", exc.log_safe)
                continue
            if dish is not None:
                dishes.setdefault((dish.service, dish.day), []).append(dish)
        for group in dishes.values():
            group.sort(key=_catalogue_order)
        by_url = {dish.url: dish for group in dishes.values() for dish in group}

        orders = await self._parsed("NutritionOrder", NutritionOrder, patient_id=patient_id)
        allergies = await self._parsed(
            "AllergyIntolerance", AllergyIntolerance, patient_id=patient_id
        )
        rules = diet_rules((o for o, _ in orders), (a for a, _ in allergies))

        now = _utc(self._clock())
        windows = order_windows((o for o, _ in orders), self._tz)
        if days:
            windows += await self._appointment_windows(patient_id, min(days), max(days), language)
        current = tuple(w for w in windows if w.end is None or _utc(w.end) > now)

        selections: dict[SittingKey, _Selection] = {}
        for order, raw in orders:
            if not is_patient_meal_selection(order):
                continue
            selection = _selection(order, raw, self._tz)
            key = None if selection is None else _sitting_of(selection, by_url, wanted)
            if selection is None or key is None:
                continue
            held = selections.get(key)
            if held is None or selection.rank() > held.rank():
                selections[key] = selection
        return _Situation(rules, current, dishes, by_url, selections)

    async def _appointment_windows(
        self, patient_id: str, first_day: date, last_day: date, language: str
    ) -> list[NilByMouth]:
        """Fasting windows asked by appointments on (or running into) the days."""
        since = datetime.combine(first_day - timedelta(days=1), time(), tzinfo=self._tz)
        until = datetime.combine(last_day + timedelta(days=1), time(), tzinfo=self._tz)
        found: list[NilByMouth] = []
        for appointment, raw in await self._parsed(
            "Appointment",
            Appointment,
            patient_id=patient_id,
            since=since.isoformat(),
            until=until.isoformat(),
        ):
            if appointment.status in HIDDEN_APPOINTMENTS:
                continue
            start = _moment(appointment.start, self._tz)
            end = _moment(appointment.end, self._tz)
            # What will be done ("Laparoscopic cholecystectomy", in the patient's language when
            # the EHR sent it), before the bare service type ("Surgery").
            what = translated(raw, "description", language) or next(
                (t for c in raw.get("serviceType") or () if (t := concept_text(c, language))),
                None,
            )
            # The instruction may say "fasting" in one language only (or say it better there).
            asked = [
                window
                for text in _all_texts(raw, "patientInstruction")
                if (window := appointment_fasting(start, end, text, self._tz, what=what))
            ]
            if asked:
                instruction = translated(raw, "patientInstruction", language)
                found.append(replace(_merged(asked), what=what, instruction=instruction))
        return found

    async def _deliveries(self) -> dict[str, Delivery]:
        """Where each meal selection with an unsettled change is (absent: the EHR has it)."""
        return await deliveries(self._store, "NutritionOrder")

    # Writing ---------------------------------------------------------------------------------

    async def choose(
        self,
        patient_id: str,
        encounter_id: str | None,
        sitting: Sitting,
        dish_url: str,
        *,
        on_behalf: bool = False,
        staff_id: str | None = None,
        language: str = "en",
    ) -> Choice:
        """Save the choice of ``dish_url`` for ``sitting`` at once (it goes out with the next
        sync). The rules are checked again now; :class:`MealOrderError` says why not."""
        try:
            return await self._choose(
                patient_id, encounter_id, sitting, dish_url, on_behalf, staff_id, language
            )
        except StoreError as exc:
            raise MealOrderError("storage", f"The choice could not be saved: {exc}") from exc

    async def _choose(
        self,
        patient_id: str,
        encounter_id: str | None,
        sitting: Sitting,
        dish_url: str,
        on_behalf: bool,
        staff_id: str | None,
        language: str,
    ) -> Choice:
        now = self._clock()
        situation = await self._situation(patient_id, [sitting], language)
        state = sitting_state(sitting, now, situation.rules, situation.windows, on_behalf=on_behalf)
        if state.kind is not SittingStateKind.OPEN:
            raise MealOrderError(state.kind.value, f"The {sitting.service} is {state.kind.value}")
        dish = next((d for d in situation.dishes.get(_key(sitting), ()) if d.url == dish_url), None)
        if dish is None:
            raise MealOrderError("unknown-dish", "This dish is not on the menu of this meal")
        if dish_reasons(dish, situation.rules):
            raise MealOrderError("not-allowed", "This dish does not suit the diet or allergies")
        held = situation.selections.get(_key(sitting))
        if held is None:
            order = self._new_selection(patient_id, encounter_id, sitting, dish_url, now)
            _set_orderer(order, on_behalf, staff_id)
            entry = await self._recorder.record_event(order)
        else:
            order = _changed(held.raw, dish_url, sitting, now, self._tz, encounter_id)
            _set_orderer(order, on_behalf, staff_id)
            entry = await self._recorder.record_update(order)
        return Choice(
            order_id=entry.resource_id,
            dish_url=dish_url,
            dish_title=dish.title,
            delivery=Delivery.WAITING,
            by_staff=on_behalf,
        )

    async def cancel(
        self,
        patient_id: str,
        sitting: Sitting,
        *,
        on_behalf: bool = False,
        staff_id: str | None = None,
    ) -> None:
        """Revoke the choice for ``sitting``: before the cut-off, or on the patient's behalf
        until serving ends. Nothing to cancel is not an error."""
        now = self._clock()
        if _utc(now) >= _utc(sitting.serve_until if on_behalf else sitting.serve_from):
            raise MealOrderError("served", f"The {sitting.service} is being served")
        if not on_behalf and time_left(now, sitting.cutoff) <= timedelta(0):
            raise MealOrderError("closed", f"Ordering for the {sitting.service} has closed")
        try:
            situation = await self._situation(patient_id, [sitting], "en")
            held = situation.selections.get(_key(sitting))
            if held is None or not held.chosen:
                return
            order = {**held.raw, "status": CANCELLED}
            _set_orderer(order, on_behalf, staff_id)
            await self._recorder.record_update(order)
        except StoreError as exc:
            raise MealOrderError("storage", f"The cancellation could not be saved: {exc}") from exc

    def _fhir(self, moment: datetime) -> str:
        return _fhir_instant(moment, self._tz)

    def _new_selection(
        self,
        patient_id: str,
        encounter_id: str | None,
        sitting: Sitting,
        dish_url: str,
        now: datetime,
    ) -> dict[str, Any]:
        order: dict[str, Any] = {
            "resourceType": "NutritionOrder",
            "meta": {"tag": [codes.patient_meal_selection_tag()]},
            "instantiatesCanonical": [dish_url],
            "status": CHOSEN,
            "intent": "order",
            "patient": {"reference": f"Patient/{patient_id}"},
        }
        if encounter_id:
            order["encounter"] = {"reference": f"Encounter/{encounter_id}"}
        order["dateTime"] = self._fhir(now)
        order["oralDiet"] = _served_at(None, sitting, self._tz)
        return order


def _served_at(oral: Any, sitting: Sitting, tz: tzinfo) -> dict[str, Any]:
    """``oralDiet`` saying when the sitting is served, so a choice names its sitting even
    without the catalogue."""
    kept = dict(oral) if isinstance(oral, Mapping) else {}
    kept["schedule"] = [{"event": [_fhir_instant(sitting.serve_from, tz)]}]
    return kept


def _changed(
    raw: Mapping[str, Any],
    dish_url: str,
    sitting: Sitting,
    now: datetime,
    tz: tzinfo,
    encounter_id: str | None,
) -> dict[str, Any]:
    """The cached selection pointing at another dish (``meta.versionId`` kept for If-Match)."""
    order = dict(raw)
    order["status"] = CHOSEN
    order["instantiatesCanonical"] = [dish_url]
    order["dateTime"] = _fhir_instant(now, tz)
    if encounter_id:
        order["encounter"] = {"reference": f"Encounter/{encounter_id}"}
    order["oralDiet"] = _served_at(raw.get("oralDiet"), sitting, tz)
    meta = dict(raw.get("meta") or {})
    tags = [t for t in meta.get("tag") or () if isinstance(t, Mapping)]
    if not any(t.get("code") == codes.PATIENT_MEAL_SELECTION for t in tags):
        tags.append(codes.patient_meal_selection_tag())  # a selection known by its dish link
    meta["tag"] = tags
    order["meta"] = meta
    return order


def _set_orderer(order: dict[str, Any], on_behalf: bool, staff_id: str | None) -> None:
    """A nurse ordering on the patient's behalf is the orderer; the patient's own change is not
    a nurse's, so an earlier nurse's name goes."""
    if on_behalf and staff_id:
        order["orderer"] = {"reference": f"Practitioner/{staff_id}"}
    else:
        order.pop("orderer", None)
