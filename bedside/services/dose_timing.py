"""When the doses of a prescription fall on a given day, and the state of each scheduled dose.

Pure code, no I/O: a FHIR ``Timing`` plus the site's :class:`DoseRules` give local dose times;
a dose time, "now" and the recorded administrations give a :class:`DoseState`.

Our rules where FHIR and the domain leave a choice (tested in tests/services/test_dose_timing.py):

* **Times of day.** ``timeOfDay`` and the site times of the ``when`` codes are *both* used when
  an order has both (their union). ``offset`` moves a ``when`` time by that many minutes: before
  the event for the ``AC…`` codes, after it for every other code (FHIR's default). A ``when`` code
  the site table does not know is skipped (logged, code only).
* **Only a frequency.** ``frequency`` n per 1 ``d`` without times → the site's ``daily_times[n]``;
  an n the table lacks → n doses evenly spread from 00:00. Every N hours or minutes (``period``
  in ``h``/``min``/``s``) → from 00:00 local in steps of ``period / frequency`` (every 6 h → 00:00,
  06:00, 12:00, 18:00), counted on the wall clock so rounds keep their usual times on a daylight-
  saving day (a period of a fraction of a day, 0.25 ``d``, steps the same way). Steps shorter
  than :data:`SHORTEST_STEP` are a continuous treatment: no doses.
  Ranges (``frequencyMax``, ``periodMax``) use the lower figures; ``count``/``duration`` are
  not used.
* **Days.** ``dayOfWeek`` keeps only the listed days. A period longer than a day (every 2 ``d``,
  ``wk``, ``mo``, ``a``) without ``dayOfWeek`` counts from the anchor day (the start of
  ``boundsPeriod``, else the order's date): every N days / weeks from it, monthly on the same
  day of the month, yearly on the same date; without an anchor such an order has no dose times.
  On a dose day the times are the explicit ones, else ``daily_times[frequency]``.
* **Bounds.** ``boundsPeriod`` cuts the day: doses before its start or after its end (both
  inclusive, as FHIR periods are) are dropped; a date without a time covers that whole day.
  ``boundsDuration`` / ``boundsRange`` are not used.
* **Events.** Each ``Timing.event`` with a time whose local date is the day is a dose (a
  one-off dose such as a single iron infusion); an event without a time of day is not scheduled.
* **Daylight saving** (times are local in the device zone). A time that does not exist on the
  spring day (02:30 on 2026-03-29 in Paris) moves forward by the gap, to 03:30: the dose is not
  lost, it falls when the clock reads one hour later. A time that occurs twice on the autumn day
  (02:30 on 2026-10-25) is the first one (summer time). Two times that land on one instant are
  one dose.
* **Windows (ISMP).** Time-critical medicines ±30 min; otherwise an order given more than once
  a day ±1 h; once a day or less often ±2 h. "More than daily" comes from the number of doses
  per day of the timing (:func:`doses_per_day`), not from how many fall on the day shown (a
  course that ends at noon is still a twice-daily order).
* **States** (:func:`dose_state`). A matched administration wins: ``completed`` → GIVEN,
  ``not-done`` → NOT_GIVEN. Else an on-hold order → HELD. Else UPCOMING before ``at − window``;
  DUE from ``at − window`` to ``at + window`` inclusive; after that MISSED from ``at +
  missed_after`` (inclusive) or from the moment the next dose of the same order is due (its
  ``at − window``), whichever comes first; LATE in between.
* **Matching administrations** (:func:`match_administrations`). An administration belongs to
  the scheduled dose whose window (inclusive) holds its effective time, the nearest one when
  several do; pairs are taken nearest first, so each dose gets at most one administration and
  each administration at most one dose. An administration outside every window matches nothing.
"""

from __future__ import annotations

import calendar
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from decimal import Decimal
from enum import StrEnum
from typing import TypeVar

from bedside.models import Period, Timing, TimingRepeat

log = logging.getLogger(__name__)

T = TypeVar("T")

TIME_CRITICAL_WINDOW = timedelta(minutes=30)
MORE_THAN_DAILY_WINDOW = timedelta(hours=1)
DAILY_WINDOW = timedelta(hours=2)
# Anything given more often than this is a continuous treatment, not a list of doses.
SHORTEST_STEP = timedelta(minutes=30)

_SECONDS_PER_UNIT = {"s": 1, "min": 60, "h": 3600}
_DAYS_PER_UNIT = {"d": 1, "wk": 7}
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_DAY = timedelta(days=1)


class DoseState(StrEnum):
    UPCOMING = "upcoming"
    DUE = "due"
    LATE = "late"
    MISSED = "missed"
    GIVEN = "given"
    NOT_GIVEN = "not-given"
    HELD = "held"  # the order is on hold


@dataclass(frozen=True)
class DoseRules:
    """The site's dose times and timeliness settings, as plain values."""

    when_times: Mapping[str, tuple[time, ...]]
    daily_times: Mapping[int, tuple[time, ...]]
    time_critical_atc: tuple[str, ...]
    missed_after: timedelta

    @classmethod
    def from_tables(
        cls,
        when_times: Mapping[str, tuple[tuple[int, int], ...]],
        daily_times: Mapping[str, tuple[tuple[int, int], ...]],
        time_critical_atc: str,
        missed_after_min: int,
    ) -> DoseRules:
        """From the parsed settings tables (``parse_time_table``) and the raw setting values."""
        return cls(
            when_times={code: _times(pairs) for code, pairs in when_times.items()},
            daily_times={
                int(count): _times(pairs)
                for count, pairs in daily_times.items()
                if count.isdigit() and int(count) > 0
            },
            time_critical_atc=tuple(time_critical_atc.split()),
            missed_after=timedelta(minutes=missed_after_min),
        )

    def is_time_critical(self, atc_codes: Iterable[str]) -> bool:
        """Whether any of the medicine's ATC codes starts with a configured prefix."""
        return any(
            code.upper().startswith(prefix.upper())
            for code in atc_codes
            for prefix in self.time_critical_atc
        )


def _times(pairs: Iterable[tuple[int, int]]) -> tuple[time, ...]:
    return tuple(sorted({time(hour, minute) for hour, minute in pairs}))


# --- reading FHIR date-times -------------------------------------------------------------------


def parse_instant(value: str | None, tz: tzinfo) -> datetime | None:
    """An aware datetime for a FHIR dateTime with a time (no zone → ``tz``); None otherwise."""
    if not value or "T" not in value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = local_moment(moment.date(), moment.time(), tz)
    return moment


def _period_bounds(
    period: Period | None, tz: tzinfo
) -> tuple[datetime | None, datetime | None, date | None]:
    """(first instant, last instant, start day) of a boundsPeriod; a bare date is a whole day."""
    if period is None:
        return None, None, None
    start = _bound(period.start, tz, end=False)
    end = _bound(period.end, tz, end=True)
    return start, end, start.astimezone(tz).date() if start is not None else None


def _bound(value: str | None, tz: tzinfo, *, end: bool) -> datetime | None:
    moment = parse_instant(value, tz)
    if moment is not None or not value:
        return moment
    try:
        day = date.fromisoformat(value[:10])
    except ValueError:
        return None  # a year or year-month alone is too coarse to cut a day
    if end:
        return local_moment(day + _DAY, time(0), tz) - timedelta(microseconds=1)
    return local_moment(day, time(0), tz)


def local_moment(day: date, at: time, tz: tzinfo) -> datetime:
    """``day`` at wall-clock ``at`` in ``tz``: a time in the spring gap moves forward by the gap,
    a time that occurs twice is the first one (see the module docstring)."""
    # fold=0 reads a missing time with the offset before the change; the round trip through UTC
    # turns it into the wall-clock time it really is (02:30 → 03:30).
    return datetime.combine(day, at, tzinfo=tz).astimezone(UTC).astimezone(tz)


# --- the schedule ------------------------------------------------------------------------------


def schedule_for_day(
    timing: Timing | None,
    rules: DoseRules,
    day: date,
    tz: tzinfo,
    *,
    anchor: date | None = None,
) -> list[datetime]:
    """The dose times of ``timing`` on the local ``day``, sorted, aware in ``tz``.

    ``anchor`` is the order's start day, used for periods longer than a day when
    ``boundsPeriod`` has no start.
    """
    if timing is None:
        return []
    moments: set[datetime] = set()
    for event in timing.event or ():
        moment = parse_instant(event, tz)
        if moment is not None and moment.astimezone(tz).date() == day:
            moments.add(moment)
    repeat = timing.repeat
    if repeat is not None:
        first, last, bound_start = _period_bounds(repeat.bounds_period, tz)
        start_day = bound_start or anchor
        if _is_dose_day(repeat, day, start_day):
            for at in _times_of_day(repeat, rules):
                moment = local_moment(day, at, tz)
                if (first is None or moment >= first) and (last is None or moment <= last):
                    moments.add(moment)
    return sorted({m.astimezone(UTC): m.astimezone(tz) for m in moments}.values())


def _is_dose_day(repeat: TimingRepeat, day: date, start_day: date | None) -> bool:
    if repeat.day_of_week:
        return _WEEKDAYS[day.weekday()] in {code.lower() for code in repeat.day_of_week}
    unit = repeat.period_unit
    period = _decimal(repeat.period)
    if unit in _SECONDS_PER_UNIT or period is None or unit is None:
        return True
    if unit == "d" and period <= 1:
        return True
    if period != period.to_integral_value():
        return unit == "d"  # every 1.5 days cannot be placed on calendar days: treat as daily
    whole = int(period)
    if start_day is None or day < start_day:
        return False
    if unit in _DAYS_PER_UNIT:
        return (day - start_day).days % (whole * _DAYS_PER_UNIT[unit]) == 0
    if unit == "mo":
        months = (day.year - start_day.year) * 12 + day.month - start_day.month
        last_day = calendar.monthrange(day.year, day.month)[1]
        return months % whole == 0 and day.day == min(start_day.day, last_day)
    if unit == "a":
        return (day.year - start_day.year) % whole == 0 and (day.month, day.day) == (
            start_day.month,
            start_day.day,
        )
    return False


def _times_of_day(repeat: TimingRepeat, rules: DoseRules) -> list[time]:
    explicit = _explicit_times(repeat, rules)
    if explicit is not None:
        return explicit
    count = repeat.frequency
    unit = repeat.period_unit
    period = _decimal(repeat.period)
    if count is None or unit is None or period is None or period <= 0:
        return []
    if unit in _SECONDS_PER_UNIT:
        step = timedelta(seconds=float(period * _SECONDS_PER_UNIT[unit] / count))
        return _steps_from_midnight(step)
    if unit == "d" and period < 1:  # every 0.25 d is every 6 h
        return _steps_from_midnight(timedelta(days=float(period / count)))
    if unit == "d" and period == 1:
        return list(rules.daily_times.get(count) or _steps_from_midnight(_DAY / count))
    # A dose day of a longer period: as many doses as the period's frequency, at the daily times.
    return list(rules.daily_times.get(count) or _steps_from_midnight(_DAY / count))


def _explicit_times(repeat: TimingRepeat, rules: DoseRules) -> list[time] | None:
    """timeOfDay ∪ the ``when`` codes' site times (with ``offset``); None when neither is sent."""
    if not repeat.time_of_day and not repeat.when:
        return None
    found: set[time] = set()
    for text in repeat.time_of_day or ():
        try:
            found.add(time.fromisoformat(text).replace(microsecond=0))
        except ValueError:
            log.warning("dose_timing_time_of_day_skipped reason=unreadable")
    offset = timedelta(minutes=repeat.offset or 0)
    for code in repeat.when or ():
        site_times = rules.when_times.get(code)
        if site_times is None:
            log.warning("dose_timing_unknown_when code=%r", code[:20])
            continue
        shift = -offset if code.startswith("AC") else offset
        for at in site_times:
            found.add((datetime.combine(date(2000, 1, 1), at) + shift).time())
    return sorted(found)


def _steps_from_midnight(step: timedelta) -> list[time]:
    if step < SHORTEST_STEP:
        return []
    out: list[time] = []
    moment = timedelta(0)
    while moment < _DAY:
        out.append((datetime.min + moment).time())
        moment += step
    return out


def _decimal(value: int | float | Decimal | None) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def doses_per_day(timing: Timing | None, rules: DoseRules) -> float:
    """How many doses a day the timing asks for (a fraction when less than daily).

    Used only to choose the ISMP window: the explicit times of a day, else frequency over the
    period, else the most events on one calendar date (a one-off event → 1).
    """
    if timing is None:
        return 0.0
    repeat = timing.repeat
    if repeat is not None:
        explicit = len(_explicit_times(repeat, rules) or ())
        period = _decimal(repeat.period)
        per_day = 0.0
        if repeat.frequency is not None and period and repeat.period_unit:
            unit = repeat.period_unit
            days = (
                float(period) * _SECONDS_PER_UNIT[unit] / 86400
                if unit in _SECONDS_PER_UNIT
                else float(period) * {"d": 1, "wk": 7, "mo": 30, "a": 365}.get(unit, 1)
            )
            per_day = repeat.frequency / days
        if explicit:
            # Times on every day, or on the dose days of a longer period.
            per_day = float(explicit) if per_day == 0.0 or per_day >= 1 else per_day
        if per_day:
            return per_day
    dates: dict[str, int] = {}
    for event in timing.event or ():
        dates[event[:10]] = dates.get(event[:10], 0) + 1
    return float(max(dates.values(), default=0))


def dose_window(time_critical: bool, per_day: float) -> timedelta:
    """The ISMP window either side of a scheduled time."""
    if time_critical:
        return TIME_CRITICAL_WINDOW
    if per_day > 1:
        return MORE_THAN_DAILY_WINDOW
    return DAILY_WINDOW


# --- states ------------------------------------------------------------------------------------

_ADMINISTRATION_STATES = {"completed": DoseState.GIVEN, "not-done": DoseState.NOT_GIVEN}


def dose_state(
    at: datetime,
    now: datetime,
    window: timedelta,
    *,
    next_at: datetime | None,
    missed_after: timedelta,
    administration: str | None = None,
    held: bool = False,
) -> DoseState:
    """The state of the dose scheduled ``at`` (rules in the module docstring).

    ``administration`` is the status of the matched MedicationAdministration, if any;
    ``next_at`` the next scheduled dose of the same order (tomorrow's first for the last dose).
    """
    if administration in _ADMINISTRATION_STATES:
        return _ADMINISTRATION_STATES[administration]
    if held:
        return DoseState.HELD
    if now < at - window:
        return DoseState.UPCOMING
    if now <= at + window:
        return DoseState.DUE
    if now >= at + missed_after or (next_at is not None and now >= next_at - window):
        return DoseState.MISSED
    return DoseState.LATE


def match_administrations(
    doses: Sequence[datetime], window: timedelta, administrations: Sequence[tuple[datetime, T]]
) -> dict[int, T]:
    """Dose index → the administration recorded for it (nearest first, one each)."""
    pairs = sorted(
        (abs(given - at), d, a)
        for d, at in enumerate(doses)
        for a, (given, _) in enumerate(administrations)
        if abs(given - at) <= window
    )
    matched: dict[int, T] = {}
    used: set[int] = set()
    for _, d, a in pairs:
        if d in matched or a in used:
            continue
        matched[d] = administrations[a][1]
        used.add(a)
    return matched
