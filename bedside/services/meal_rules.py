"""The meal-ordering rules: which dish a patient may choose, and when a service is open.

Pure code — no store, no clock, no Qt. Everything it decides is a function of plain values the
meal service reads from the cache (dishes, the care team's diet orders, the allergy list, the
nil-by-mouth windows) and of the site's service times and cut-offs. Every "no" carries a
:class:`Reason` the screen turns into words ("contains milk — allergy recorded"); nothing is
silently hidden.

Rules (docs/meal-catalogue.md, domain.md "Meals"):

* **Allergens**: a dish containing an EU allergen the patient has a recorded food allergy to →
  ``ALLERGY``; one the diet order excludes (``excludeFoodModifier``) → ``EXCLUDED``. A dish whose
  allergen list is not declared complete is never treated as allergen-free: when the patient has
  any food allergy or exclusion (mapped or not) it is ``ALLERGENS_NOT_DECLARED``.
* **Diet types**: every ordered type other than ``normal`` must be among the dish's suitabilities
  (``DIET``). A type the menu does not know (not one of :data:`DIET_TYPES`) cannot be judged, so
  every dish is ``DIET_UNKNOWN`` — the patient asks the nurse, who can order on their behalf.
* **Preferences** (vegetarian, halal…): the dish must suit it (``PREFERENCE``). ``vegan`` suits
  ``vegetarian``; ``gluten-free`` / ``dairy-free`` / ``nut-free`` are also met by a dish whose
  declared allergens lack gluten / milk / tree nuts and peanuts.
* **Texture** (IDDSI food levels 3–7): a dish of level ≤ the ordered level suits (``TEXTURE``
  otherwise); an ordered texture and a dish without one → ``TEXTURE_UNKNOWN``.
* **A sitting** (one service on one day) is, in this order of precedence: ``SERVED`` once its
  serving time has begun (for the patient; a nurse ordering on the patient's behalf may until it
  ends), ``NO_DIET_ORDER`` without a care-team diet order, ``NIL_BY_MOUTH`` when a window overlaps
  its serving time, ``CLOSED`` from its cut-off on (unless a nurse orders on the patient's
  behalf), else ``OPEN`` with the time left until the cut-off.
* **Cut-offs** are local wall-clock times, possibly on a day before the service ("breakfast by
  19:00 the day before"), computed in the site's time zone so that daylight-saving changes move
  them with the clock on the wall. Time left is always measured between instants (UTC), never
  between wall-clock readings.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import StrEnum
from typing import Literal

SERVICES: tuple[str, ...] = ("breakfast", "lunch", "dinner")

# EU Regulation 1169/2011, Annex II, in the order of the Annex (codes of docs/meal-catalogue.md).
EU_ALLERGENS: tuple[str, ...] = (
    "gluten",
    "crustaceans",
    "eggs",
    "fish",
    "peanuts",
    "soybeans",
    "milk",
    "nuts",
    "celery",
    "mustard",
    "sesame",
    "sulphites",
    "lupin",
    "molluscs",
)

# Local diet types (``NutritionOrder.oralDiet.type``) the menu knows. ``npo`` is not a diet type
# here: nil by mouth becomes a :class:`NilByMouth` window.
DIET_TYPES: tuple[str, ...] = ("normal", "diabetic", "low-salt", "low-fat", "renal")

# HL7 diet preferences (``foodPreferenceModifier``, http://terminology.hl7.org/CodeSystem/diet).
PREFERENCES: tuple[str, ...] = (
    "vegetarian",
    "vegan",
    "halal",
    "kosher",
    "gluten-free",
    "dairy-free",
    "nut-free",
)

# IDDSI food levels a dish or a texture order can have.
FOOD_LEVELS: tuple[int, ...] = (3, 4, 5, 6, 7)


@dataclass(frozen=True)
class Dish:
    """One dish of one sitting of the catalogue (an ``ActivityDefinition``), already translated."""

    dish_id: str
    url: str  # the canonical a choice instantiates
    service: str  # one of SERVICES
    day: date  # local day of the sitting
    title: str
    description: str | None
    icon: str | None
    allergens: frozenset[str]  # EU allergen codes the dish contains
    allergens_declared: bool  # the list is complete ("none" is a real statement)
    suits: frozenset[str]  # local diet codes and HL7 preference codes the dish suits
    texture: int | None  # IDDSI food level, None when the catalogue does not say


@dataclass(frozen=True)
class DietRules:
    """What the active care-team diet orders and the allergy list allow."""

    has_order: bool  # at least one active care-team diet order (nil by mouth alone does not count)
    diet_types: frozenset[str] = frozenset()  # local codes, or the text of an unknown type
    preferences: frozenset[str] = frozenset()
    excluded_allergens: frozenset[str] = frozenset()  # excludeFoodModifier, EU codes
    allergy_allergens: frozenset[str] = frozenset()  # EU codes of recorded food allergies
    # Food allergies that map to no EU allergen code (their words): dishes cannot be checked
    # against them, so the screen says so.
    unmatched_allergies: tuple[str, ...] = ()
    texture_level: int | None = None  # lowest ordered IDDSI food level


NO_ORDER = DietRules(has_order=False)


class ReasonKind(StrEnum):
    ALLERGY = "allergy"  # code: the EU allergen
    EXCLUDED = "excluded"  # code: the EU allergen
    ALLERGENS_NOT_DECLARED = "allergens-not-declared"
    DIET = "diet"  # code: the local diet type
    DIET_UNKNOWN = "diet-unknown"  # code: the type as ordered (code or text)
    PREFERENCE = "preference"  # code: the HL7 preference
    TEXTURE = "texture"  # level: the ordered level; dish_level: the dish's
    TEXTURE_UNKNOWN = "texture-unknown"  # level: the ordered level


@dataclass(frozen=True)
class Reason:
    """Why a dish cannot be chosen; the UI turns it into words."""

    kind: ReasonKind
    code: str | None = None
    level: int | None = None
    dish_level: int | None = None


@dataclass(frozen=True)
class NilByMouth:
    """A window during which the patient must not eat; open-ended when a bound is None."""

    start: datetime | None
    end: datetime | None
    source: Literal["diet-order", "appointment"]
    what: str | None = None  # the appointment's words when the source is one
    instruction: str | None = None


@dataclass(frozen=True)
class ServiceTimes:
    """One service as the site runs it: serving times and the ordering cut-off."""

    service: str
    serve_from: time
    serve_until: time
    cutoff: time
    cutoff_days_before: int = 0  # 1: the cut-off is on the day before the service


@dataclass(frozen=True)
class Sitting:
    """One service on one local day, with its instants."""

    service: str
    day: date
    serve_from: datetime
    serve_until: datetime
    cutoff: datetime


class SittingStateKind(StrEnum):
    OPEN = "open"
    CLOSED = "closed"  # the cut-off has passed
    NIL_BY_MOUTH = "nil-by-mouth"
    NO_DIET_ORDER = "no-diet-order"
    SERVED = "served"  # serving has begun (patient) or ended (nurse)


@dataclass(frozen=True)
class SittingState:
    kind: SittingStateKind
    time_left: timedelta | None = None  # until the cut-off, OPEN only (None when on behalf late)
    nil_by_mouth: NilByMouth | None = None
    late: bool = False  # OPEN for a nurse ordering on the patient's behalf after the cut-off


def _clock(text: str) -> time:
    hours, _, minutes = text.partition(":")
    if not (hours.isdigit() and minutes.isdigit() and len(hours) == 2 and len(minutes) == 2):
        raise ValueError(f"{text!r} is not a time HH:MM")
    return time(int(hours), int(minutes))  # ValueError past 23:59


def _pairs(table: str, what: str) -> dict[str, str]:
    pairs: dict[str, str] = {}
    for item in table.split():
        service, sep, value = item.partition("=")
        if not sep or service not in SERVICES:
            raise ValueError(
                f"{what}: {item!r} should be service=value, service one of {', '.join(SERVICES)}"
            )
        if service in pairs:
            raise ValueError(f"{what}: {service} is given twice")
        pairs[service] = value
    missing = [service for service in SERVICES if service not in pairs]
    if missing:
        raise ValueError(f"{what}: {', '.join(missing)} missing")
    return pairs


def parse_service_table(serving: str, cutoffs: str) -> tuple[ServiceTimes, ...]:
    """Site settings → service times.

    ``serving``: ``"breakfast=07:30-09:00 lunch=12:00-13:30 dinner=18:30-20:00"``;
    ``cutoffs``: ``"breakfast=19:00-1d lunch=09:30 dinner=15:00"`` (``-Nd``: N days before).
    Services come out in the order of :data:`SERVICES`. ValueError on anything malformed, on a
    service missing from either table, on a serving time that ends before it begins, or on a
    same-day cut-off after the serving time begins.
    """
    served = _pairs(serving, "meal serving times")
    cut = _pairs(cutoffs, "meal cut-offs")
    table: list[ServiceTimes] = []
    for service in SERVICES:
        begin, sep, end = served[service].partition("-")
        if not sep:
            raise ValueError(f"meal serving times: {service} needs HH:MM-HH:MM")
        serve_from, serve_until = _clock(begin), _clock(end)
        if serve_until <= serve_from:
            raise ValueError(f"meal serving times: {service} ends before it begins")
        clock_text, sep, days_text = cut[service].partition("-")
        days_before = 0
        if sep:
            if not (days_text.endswith("d") and days_text[:-1].isdigit()):
                raise ValueError(f"meal cut-offs: {service} should be HH:MM or HH:MM-Nd")
            days_before = int(days_text[:-1])
        cutoff = _clock(clock_text)
        if days_before == 0 and cutoff > serve_from:
            raise ValueError(
                f"meal cut-offs: {service} closes at {clock_text}, after it is served"
            )
        table.append(ServiceTimes(service, serve_from, serve_until, cutoff, days_before))
    return tuple(table)


def _local(day: date, clock: time, tz: tzinfo) -> datetime:
    """Local wall-clock time on ``day``. A time the clocks skip (02:30 on the spring change)
    becomes the same time after the change (03:30); a time that happens twice (the autumn
    change) is its first occurrence — the earlier cut-off, never the later one."""
    wall = datetime.combine(day, clock, tzinfo=tz)
    # Round-trip through UTC: a skipped time comes back an hour on, an existing one unchanged.
    return wall.astimezone(UTC).astimezone(tz)


def sitting(day: date, times: ServiceTimes, tz: tzinfo) -> Sitting:
    """The instants of ``times`` on local ``day`` in ``tz`` (daylight-saving safe)."""
    return Sitting(
        service=times.service,
        day=day,
        serve_from=_local(day, times.serve_from, tz),
        serve_until=_local(day, times.serve_until, tz),
        cutoff=_local(day - timedelta(days=times.cutoff_days_before), times.cutoff, tz),
    )


def sittings(
    first_day: date, days: int, table: Sequence[ServiceTimes], tz: tzinfo
) -> list[Sitting]:
    """Every sitting of ``days`` local days from ``first_day``, in time order."""
    found = [
        sitting(first_day + timedelta(days=offset), times, tz)
        for offset in range(days)
        for times in table
    ]
    return sorted(found, key=lambda item: item.serve_from.astimezone(UTC))


def time_left(now: datetime, deadline: datetime) -> timedelta:
    """Real time from ``now`` to ``deadline`` (negative once it passed), measured in UTC."""
    # Subtracting two datetimes of the same tzinfo compares wall clocks; across a change of
    # the clocks that is an hour off. Instants in UTC never are.
    return deadline.astimezone(UTC) - now.astimezone(UTC)


def dish_reasons(dish: Dish, rules: DietRules) -> tuple[Reason, ...]:
    """Why ``dish`` cannot be chosen under ``rules``; empty when it can. Stable order: allergy,
    excluded, not declared, diet, diet unknown, preference, texture."""
    raise NotImplementedError


def covering_window(sitting: Sitting, windows: Iterable[NilByMouth]) -> NilByMouth | None:
    """The nil-by-mouth window that overlaps the sitting's serving time (the one ending last)."""
    raise NotImplementedError


def sitting_state(
    sitting: Sitting,
    now: datetime,
    rules: DietRules,
    windows: Iterable[NilByMouth],
    *,
    on_behalf: bool = False,
) -> SittingState:
    """What the patient (or a nurse on their behalf) can do about ``sitting`` at ``now``."""
    raise NotImplementedError


def appointment_fasting(
    start: datetime | None,
    end: datetime | None,
    instruction: str | None,
    tz: tzinfo,
    *,
    what: str | None = None,
) -> NilByMouth | None:
    """The nil-by-mouth window an appointment's preparation instruction asks for, if any.

    FHIR R4 has no coded preparation, so the instruction's words are read (French, German,
    English: "à jeun", "nüchtern", "nil by mouth", "fasting", "nothing to eat"…, case- and
    accent-insensitive). The window runs from local midnight of the appointment's day — or from
    a clock time the instruction names ("à jeun à partir de 6 h", "ab 6 Uhr", "from 06:00") —
    to the appointment's end (its start when it has no end). Reading more rather than less is the
    safe side: a nurse can still order on the patient's behalf.
    """
    raise NotImplementedError
