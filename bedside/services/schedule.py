"""The patient's "my day": today's and tomorrow's appointments, fasting and meals as one timeline.

Owns how the three sources become one list in time order, in plain values the patient screen
shows without knowing FHIR:

* **Appointments** from :class:`~bedside.services.appointments.AppointmentService` (texts already
  in the patient's language when the EHR sent a translation).
* **Preparation**: the start of every nil-by-mouth window of the meal plan that begins within
  the days ("from midnight: nothing to eat or drink, for your surgery").
* **Meals**: every sitting of the days at the site's serving times, with the dish chosen, and —
  when a nil-by-mouth window covers it — until when the patient must not eat.

Items already past today stay: the patient sees the whole day, not only what is left of it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import StrEnum

from bedside.services.appointments import AppointmentLine, AppointmentService
from bedside.services.clock import Clock, system_clock
from bedside.services.meal_plan import MealPlan
from bedside.services.meal_rules import NilByMouth, ServiceTimes, covering_window, sittings


class TimelineKind(StrEnum):
    APPOINTMENT = "appointment"
    PREPARATION = "preparation"  # a nil-by-mouth window begins
    MEAL = "meal"


# Among items starting at the same moment: how to prepare comes before what it prepares for,
# and an appointment before the meal it may keep the patient from.
_KIND_ORDER = {TimelineKind.PREPARATION: 0, TimelineKind.APPOINTMENT: 1, TimelineKind.MEAL: 2}


@dataclass(frozen=True)
class TimelineItem:
    """One line of the patient's day; times are aware, in the site's time zone."""

    kind: TimelineKind
    start: datetime
    end: datetime | None = None
    title: str | None = None  # the appointment's what, the window's what; None for meals
    service: str | None = None  # MEAL: the meal service code (breakfast, lunch, dinner)
    where: str | None = None
    with_whom: tuple[str, ...] = ()
    instruction: str | None = None  # the appointment's (or window's) preparation, translated
    dish_title: str | None = None  # MEAL: the dish chosen, None when none is
    blocked_until: datetime | None = None  # MEAL inside a nil-by-mouth window: when it ends
    appointment_id: str | None = None
    # MEAL inside a nil-by-mouth window, also one with no known end (blocked_until None).
    nil_by_mouth: bool = False


def _in_tz(moment: datetime | None, tz: tzinfo) -> datetime | None:
    return moment.astimezone(tz) if moment is not None else None


def _appointment_item(line: AppointmentLine, tz: tzinfo) -> TimelineItem | None:
    start = _in_tz(line.start, tz)
    if start is None:
        return None  # AppointmentService lists none without a start; nothing to place it by
    return TimelineItem(
        kind=TimelineKind.APPOINTMENT,
        start=start,
        end=_in_tz(line.end, tz),
        # The patient reads what will be done ("Laparoscopic cholecystectomy"), in their language
        # when the EHR sent it; the service type ("Surgery") only when there is no description.
        title=line.description or line.what,
        where=line.where,
        with_whom=line.with_whom,
        instruction=line.instruction,
        appointment_id=line.appointment_id,
    )


def _preparation_item(window: NilByMouth, tz: tzinfo) -> TimelineItem:
    assert window.start is not None
    return TimelineItem(
        kind=TimelineKind.PREPARATION,
        start=window.start.astimezone(tz),
        end=_in_tz(window.end, tz),
        title=window.what,
        instruction=window.instruction,
    )


def _sort_key(item: TimelineItem) -> tuple[datetime, int, str]:
    # By the instant (UTC), never by wall-clock readings that may carry different offsets.
    tie = item.appointment_id or item.service or item.title or ""
    return item.start.astimezone(UTC), _KIND_ORDER[item.kind], tie


class ScheduleService:
    """Builds the patient's timeline from the cached appointments and a meal plan."""

    def __init__(
        self,
        appointments: AppointmentService,
        *,
        times: Sequence[ServiceTimes],
        clock: Clock = system_clock,
        tz: tzinfo,
    ) -> None:
        self._appointments = appointments
        self._times = tuple(times)
        self._clock = clock
        self._tz = tz

    async def timeline(
        self,
        patient_id: str,
        *,
        first_day: date | None = None,
        days: int = 2,
        language: str = "en",
        plan: MealPlan | None = None,
    ) -> list[TimelineItem]:
        """The ``days`` local days from ``first_day`` (today by default), sorted by start.

        Without a ``plan`` there are no preparation items and no dish or fasting on the meals.
        """
        if first_day is None:
            first_day = self._clock().astimezone(self._tz).date()
        window_start = datetime.combine(first_day, time(), tzinfo=self._tz)
        window_end = datetime.combine(first_day + timedelta(days=days), time(), tzinfo=self._tz)
        items: list[TimelineItem] = []
        for line in await self._appointments.for_days(
            patient_id, first_day, days, language=language
        ):
            if (item := _appointment_item(line, self._tz)) is not None:
                items.append(item)
        windows = plan.windows if plan is not None else ()
        # The care team's nil-by-mouth order and the appointment's instruction often say the same
        # fast: one "start fasting" per moment, the one that says what it prepares for.
        starts: dict[datetime, TimelineItem] = {}
        for window in sorted(windows, key=lambda w: w.what is None):
            if window.start is None or not window_start <= window.start < window_end:
                continue
            starts.setdefault(window.start.astimezone(UTC), _preparation_item(window, self._tz))
        items.extend(starts.values())
        chosen = {
            (planned.sitting.service, planned.sitting.day): planned.choice.dish_title
            for planned in (plan.sittings if plan is not None else ())
            if planned.choice is not None
        }
        for sitting in sittings(first_day, days, self._times, self._tz):
            covering = covering_window(sitting, windows) if windows else None
            items.append(
                TimelineItem(
                    kind=TimelineKind.MEAL,
                    start=sitting.serve_from,
                    end=sitting.serve_until,
                    service=sitting.service,
                    dish_title=chosen.get((sitting.service, sitting.day)),
                    blocked_until=_in_tz(covering.end, self._tz) if covering else None,
                    nil_by_mouth=covering is not None,
                )
            )
        return sorted(items, key=_sort_key)
