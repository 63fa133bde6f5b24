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

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import StrEnum
from typing import Literal

# The settings' format of the site's meal services; re-exported as the rules' own vocabulary.
from bedside.models.meal_times import SERVICES as SERVICES
from bedside.models.meal_times import ServiceTimes as ServiceTimes
from bedside.models.meal_times import parse_service_table as parse_service_table

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


def _in_order(codes: Iterable[str], order: Sequence[str]) -> list[str]:
    """``codes`` in the order of ``order``; codes it does not know follow, alphabetically."""
    present = set(codes)
    known = [code for code in order if code in present]
    return known + sorted(present.difference(order))


# A free-from preference a dish also meets when its declared allergens lack all of these.
_FREE_FROM: dict[str, frozenset[str]] = {
    "gluten-free": frozenset({"gluten"}),
    "dairy-free": frozenset({"milk"}),
    "nut-free": frozenset({"nuts", "peanuts"}),
}


def _meets_preference(dish: Dish, preference: str) -> bool:
    if preference in dish.suits:
        return True
    if preference == "vegetarian" and "vegan" in dish.suits:
        return True
    free_of = _FREE_FROM.get(preference)
    # An undeclared list says nothing about what the dish lacks, so it never meets a free-from.
    return free_of is not None and dish.allergens_declared and not (dish.allergens & free_of)


def dish_reasons(dish: Dish, rules: DietRules) -> tuple[Reason, ...]:
    """Why ``dish`` cannot be chosen under ``rules``; empty when it can. Stable order: allergy,
    excluded, not declared, diet, diet unknown, preference, texture."""
    reasons: list[Reason] = []
    allergies = dish.allergens & rules.allergy_allergens
    excluded = (dish.allergens & rules.excluded_allergens) - allergies
    reasons += [Reason(ReasonKind.ALLERGY, code) for code in _in_order(allergies, EU_ALLERGENS)]
    reasons += [Reason(ReasonKind.EXCLUDED, code) for code in _in_order(excluded, EU_ALLERGENS)]
    patient_avoids = (
        rules.allergy_allergens or rules.excluded_allergens or rules.unmatched_allergies
    )
    if not dish.allergens_declared and patient_avoids:
        reasons.append(Reason(ReasonKind.ALLERGENS_NOT_DECLARED))
    known_types = [code for code in DIET_TYPES if code in rules.diet_types and code != "normal"]
    reasons += [Reason(ReasonKind.DIET, code) for code in known_types if code not in dish.suits]
    unknown_types = sorted(rules.diet_types.difference(DIET_TYPES))
    reasons += [Reason(ReasonKind.DIET_UNKNOWN, code) for code in unknown_types]
    reasons += [
        Reason(ReasonKind.PREFERENCE, code)
        for code in _in_order(rules.preferences, PREFERENCES)
        if not _meets_preference(dish, code)
    ]
    if rules.texture_level is not None:
        if dish.texture is None:
            reasons.append(Reason(ReasonKind.TEXTURE_UNKNOWN, level=rules.texture_level))
        elif dish.texture > rules.texture_level:
            reasons.append(
                Reason(ReasonKind.TEXTURE, level=rules.texture_level, dish_level=dish.texture)
            )
    return tuple(reasons)


def _utc(moment: datetime) -> datetime:
    # Two datetimes sharing one tzinfo compare by wall clock, so the two 02:30s of the autumn
    # change would be equal; in UTC every comparison is between instants.
    return moment.astimezone(UTC)


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)  # sorts before any window's end


def _overlaps(window: NilByMouth, begin: datetime, end: datetime) -> bool:
    starts_before_end = window.start is None or _utc(window.start) < _utc(end)
    ends_after_begin = window.end is None or _utc(window.end) > _utc(begin)
    return starts_before_end and ends_after_begin


def covering_window(sitting: Sitting, windows: Iterable[NilByMouth]) -> NilByMouth | None:
    """The nil-by-mouth window that overlaps the sitting's serving time (the one ending last)."""
    covering = [
        window for window in windows if _overlaps(window, sitting.serve_from, sitting.serve_until)
    ]
    if not covering:
        return None
    # The one ending last says for how long the patient is kept from eating; open-ended is last.
    return max(
        covering,
        key=lambda window: (window.end is None, _utc(window.end) if window.end else _EPOCH),
    )


def sitting_state(
    sitting: Sitting,
    now: datetime,
    rules: DietRules,
    windows: Iterable[NilByMouth],
    *,
    on_behalf: bool = False,
) -> SittingState:
    """What the patient (or a nurse on their behalf) can do about ``sitting`` at ``now``."""
    served_from = sitting.serve_until if on_behalf else sitting.serve_from
    if _utc(now) >= _utc(served_from):
        return SittingState(SittingStateKind.SERVED)
    if not rules.has_order:
        return SittingState(SittingStateKind.NO_DIET_ORDER)
    window = covering_window(sitting, windows)
    if window is not None:
        return SittingState(SittingStateKind.NIL_BY_MOUTH, nil_by_mouth=window)
    if _utc(now) >= _utc(sitting.cutoff):
        if on_behalf:
            return SittingState(SittingStateKind.OPEN, late=True)
        return SittingState(SittingStateKind.CLOSED)
    return SittingState(SittingStateKind.OPEN, time_left=time_left(now, sitting.cutoff))


# FHIR R4 has no coded preparation (Appointment.patientInstruction is free text), so fasting is
# recognised by its words. Matched on lower-case text without accents ("à jeun" → "a jeun",
# "nüchtern" → "nuchtern"), as whole words. "jeune" is also French for "young", and a negation
# ("pas besoin d'être à jeun") is not understood: reading fasting where there is none is the
# safe side, and the window carries the instruction so the screen shows what was read.
FASTING_WORDS_FR: tuple[str, ...] = ("a jeun", "jeune", "jeuner", "ne rien manger")
FASTING_WORDS_DE: tuple[str, ...] = ("nuchtern", "nuechtern", "nichts essen")
FASTING_WORDS_EN: tuple[str, ...] = (
    "nil by mouth",
    "npo",
    "nothing to eat",
    "fasting",
    "fast from",
)
_FASTING = re.compile(
    r"\b(?:"
    + "|".join(
        re.escape(word) for word in (*FASTING_WORDS_FR, *FASTING_WORDS_DE, *FASTING_WORDS_EN)
    )
    + r")\b"
)

# A clock time the instruction names as the start of fasting, on the appointment's day:
# "à partir de 6 h", "à partir de 06h30", "ab 6 Uhr", "ab 06:00", "from 6 am", "from 06:00".
# A bare number ("ab 6", "from 6") is not read as a time: it may be anything.
_NAMED_STARTS: tuple[re.Pattern[str], ...] = (
    re.compile(r"\ba partir de (\d{1,2}) ?(?:h|heures?)(?: ?(\d{2}))?(?!\w)()"),
    re.compile(r"\ba partir de (\d{1,2}):(\d{2})\b()"),
    re.compile(r"\bab (\d{1,2})(?:[:.](\d{2}))? ?uhr\b()"),
    re.compile(r"\bab (\d{1,2}):(\d{2})\b()"),
    re.compile(r"\bfrom (\d{1,2})(?::(\d{2}))? ?([ap])\.? ?m\b\.?"),
    re.compile(r"\bfrom (\d{1,2}):(\d{2})\b()"),
)


def _plain(text: str) -> str:
    """Lower case, accents dropped, runs of white space made one space."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(bare.split())


def _named_clocks(text: str) -> list[time]:
    clocks: list[time] = []
    for pattern in _NAMED_STARTS:
        for match in pattern.finditer(text):
            hours, minutes = int(match[1]), int(match[2] or 0)
            if match[3]:  # a.m. / p.m.: 12 am is midnight, 12 pm noon
                if not 1 <= hours <= 12:
                    continue
                hours = hours % 12 + (12 if match[3] == "p" else 0)
            if hours <= 23 and minutes <= 59:
                clocks.append(time(hours, minutes))
    return clocks


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
    to the appointment's end (its start when it has no end). A named time later than the
    appointment is the evening before ("nil by mouth from 10 pm" for an 8 am operation). Reading
    more rather than less is the safe side: a meal is blocked for the nurse too, who asks the
    care team when the instruction was read wrongly.
    """
    if start is None or not instruction:
        return None
    text = _plain(instruction)
    if not _FASTING.search(text):
        return None
    day = _utc(start).astimezone(tz).date()
    # A named time later than the appointment cannot be on its day: it is the evening before
    # ("from 10 pm" for an 8 am operation) — the longer window, never a shorter one.
    named = [
        moment if _utc(moment) <= _utc(start) else _local(day - timedelta(days=1), clock, tz)
        for clock in _named_clocks(text)
        for moment in (_local(day, clock, tz),)
    ]
    window_start = min(named, key=_utc) if named else _local(day, time(0), tz)
    return NilByMouth(
        start=window_start,
        end=end if end is not None else start,
        source="appointment",
        what=what,
        instruction=instruction,
    )
