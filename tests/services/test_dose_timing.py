"""Dose times from FHIR timings, ISMP windows and dose states: the pure rules, edge by edge."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bedside.models import Timing
from bedside.services.dose_timing import (
    DoseRules,
    DoseState,
    dose_state,
    dose_window,
    doses_per_day,
    match_administrations,
    schedule_for_day,
)
from bedside.settings import DEFAULT_DAILY_TIMES, DEFAULT_WHEN_TIMES, parse_time_table

TZ = ZoneInfo("Europe/Paris")
RULES = DoseRules.from_tables(
    parse_time_table(DEFAULT_WHEN_TIMES),
    parse_time_table(DEFAULT_DAILY_TIMES),
    "A10A B01A N03 N04 L04",
    240,
)
DAY = date(2026, 11, 24)  # a Tuesday
SPRING = date(2026, 3, 29)  # 02:00 → 03:00 in Paris
AUTUMN = date(2026, 10, 25)  # 03:00 → 02:00 in Paris


def _timing(event: list[str] | None = None, **repeat: Any) -> Timing:
    raw: dict[str, Any] = {"repeat": repeat} if repeat else {}
    if event:
        raw["event"] = event
    return Timing.model_validate(raw)


def _clock(moments: list[datetime]) -> list[str]:
    return [m.strftime("%H:%M") for m in moments]


def _schedule(day: date = DAY, anchor: date | None = None, **repeat: Any) -> list[str]:
    return _clock(schedule_for_day(_timing(**repeat), RULES, day, TZ, anchor=anchor))


def _local(day: date, hour: int, minute: int = 0, second: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute, second), tzinfo=TZ)


# --- when codes, times of day, frequencies -----------------------------------------------------


@pytest.mark.parametrize(
    ("codes", "expected"),
    [
        (["MORN"], ["08:00"]),
        (["MORN.early"], ["07:00"]),
        (["NOON"], ["12:00"]),
        (["AFT"], ["15:00"]),
        (["EVE"], ["18:00"]),
        (["NIGHT"], ["22:00"]),
        (["PHS"], ["21:30"]),
        (["HS"], ["22:00"]),
        (["WAKE"], ["07:00"]),
        (["C"], ["08:00", "12:00", "18:00"]),
        (["CM", "CV"], ["08:00", "18:00"]),
        (["AC"], ["07:30", "11:30", "17:30"]),
        (["ACM", "ACD", "ACV"], ["07:30", "11:30", "17:30"]),
        (["PC"], ["08:30", "12:30", "18:30"]),
        (["PCV"], ["18:30"]),
        (["MORN", "EVE"], ["08:00", "18:00"]),
    ],
)
def test_each_when_code_family_falls_at_the_site_times(
    codes: list[str], expected: list[str]
) -> None:
    assert _schedule(when=codes) == expected


def test_a_when_code_the_site_does_not_know_is_skipped_and_the_others_kept() -> None:
    assert _schedule(when=["MORN", "XYZ"]) == ["08:00"]


def test_an_order_with_when_and_time_of_day_uses_both() -> None:
    assert _schedule(when=["MORN"], timeOfDay=["14:00:00", "08:00:00"]) == ["08:00", "14:00"]


def test_an_offset_is_before_the_meal_for_ac_codes_and_after_it_otherwise() -> None:
    assert _schedule(when=["ACM"], offset=30) == ["07:00"]
    assert _schedule(when=["PCM"], offset=30) == ["09:00"]
    assert _schedule(when=["MORN"], offset=15) == ["08:15"]


@pytest.mark.parametrize(
    ("per_day", "expected"),
    [
        (1, ["08:00"]),
        (2, ["08:00", "20:00"]),
        (3, ["08:00", "14:00", "20:00"]),
        (4, ["08:00", "12:00", "18:00", "22:00"]),
        (5, ["06:00", "10:00", "14:00", "18:00", "22:00"]),
        (6, ["02:00", "06:00", "10:00", "14:00", "18:00", "22:00"]),
        (8, ["00:00", "03:00", "06:00", "09:00", "12:00", "15:00", "18:00", "21:00"]),
    ],
)
def test_a_frequency_per_day_without_times_uses_the_daily_times_table(
    per_day: int, expected: list[str]
) -> None:
    assert _schedule(frequency=per_day, period=1, periodUnit="d") == expected


@pytest.mark.parametrize(
    ("repeat", "expected"),
    [
        ({"frequency": 1, "period": 6, "periodUnit": "h"}, ["00:00", "06:00", "12:00", "18:00"]),
        ({"frequency": 1, "period": 8, "periodUnit": "h"}, ["00:00", "08:00", "16:00"]),
        ({"frequency": 3, "period": 1, "periodUnit": "d", "timeOfDay": ["06:00:00"]}, ["06:00"]),
        ({"frequency": 1, "period": 12, "periodUnit": "h"}, ["00:00", "12:00"]),
        ({"frequency": 1, "period": 0.25, "periodUnit": "d"}, ["00:00", "06:00", "12:00", "18:00"]),
    ],
)
def test_every_n_hours_counts_from_midnight(repeat: dict[str, Any], expected: list[str]) -> None:
    assert _schedule(**repeat) == expected


def test_every_half_hour_is_forty_eight_doses_and_more_often_is_continuous() -> None:
    assert len(_schedule(frequency=2, period=1, periodUnit="h")) == 48
    assert _schedule(frequency=1, period=10, periodUnit="min") == []


def test_a_timing_without_any_time_or_frequency_has_no_doses() -> None:
    assert _schedule(periodUnit="d") == []
    assert schedule_for_day(None, RULES, DAY, TZ) == []


# --- days: dayOfWeek, longer periods, bounds, events -------------------------------------------


def test_day_of_week_keeps_only_the_listed_days() -> None:
    repeat: dict[str, Any] = {
        "frequency": 1,
        "period": 1,
        "periodUnit": "wk",
        "dayOfWeek": ["mon", "thu"],
    }
    assert _schedule(day=date(2026, 11, 23), **repeat) == ["08:00"]  # Monday
    assert _schedule(day=DAY, **repeat) == []  # Tuesday
    assert _schedule(day=date(2026, 11, 26), when=["EVE"], dayOfWeek=["thu"]) == ["18:00"]


def test_a_weekly_order_without_days_repeats_on_the_weekday_it_started() -> None:
    monday = date(2026, 11, 23)
    weekly: dict[str, Any] = {"frequency": 1, "period": 1, "periodUnit": "wk"}
    assert _schedule(day=monday + timedelta(days=7), anchor=monday, **weekly) == ["08:00"]
    assert _schedule(day=DAY, anchor=monday, **weekly) == []
    assert _schedule(day=monday - timedelta(days=7), anchor=monday, **weekly) == []
    assert _schedule(day=monday, **weekly) == []  # no start known: cannot be placed


def test_every_other_day_and_monthly_orders_count_from_the_bounds_start() -> None:
    bounds = {"start": "2026-11-20T09:15:00+01:00"}
    every_2d: dict[str, Any] = {
        "frequency": 1,
        "period": 2,
        "periodUnit": "d",
        "boundsPeriod": bounds,
    }
    assert _schedule(day=date(2026, 11, 22), **every_2d) == ["08:00"]
    assert _schedule(day=date(2026, 11, 23), **every_2d) == []
    monthly: dict[str, Any] = {
        "frequency": 1,
        "period": 1,
        "periodUnit": "mo",
        "boundsPeriod": bounds,
    }
    assert _schedule(day=date(2026, 12, 20), **monthly) == ["08:00"]
    assert _schedule(day=date(2026, 12, 21), **monthly) == []


def test_bounds_period_cuts_the_first_and_last_day_inclusively() -> None:
    repeat: dict[str, Any] = {
        "timeOfDay": ["06:00:00", "14:00:00", "22:00:00"],
        "boundsPeriod": {"start": "2026-11-24T10:47:00+01:00", "end": "2026-11-26T14:00:00+01:00"},
    }
    assert _schedule(day=DAY, **repeat) == ["14:00", "22:00"]
    assert _schedule(day=date(2026, 11, 25), **repeat) == ["06:00", "14:00", "22:00"]
    assert _schedule(day=date(2026, 11, 26), **repeat) == ["06:00", "14:00"]
    assert _schedule(day=date(2026, 11, 27), **repeat) == []
    assert _schedule(day=date(2026, 11, 23), **repeat) == []


def test_a_bounds_end_without_a_time_covers_that_whole_day() -> None:
    repeat: dict[str, Any] = {
        "when": ["HS"],
        "boundsPeriod": {"start": "2026-11-20", "end": "2026-11-24"},
    }
    assert _schedule(day=DAY, **repeat) == ["22:00"]
    assert _schedule(day=date(2026, 11, 25), **repeat) == []


def test_an_event_is_a_dose_on_its_own_local_day_only() -> None:
    timing = _timing(event=["2026-11-24T10:00:00+01:00", "2026-11-24T23:30:00Z", "2026-11-24"])
    assert _clock(schedule_for_day(timing, RULES, DAY, TZ)) == ["10:00"]
    assert _clock(schedule_for_day(timing, RULES, date(2026, 11, 25), TZ)) == ["00:30"]


# --- daylight saving ---------------------------------------------------------------------------


def test_a_dose_in_the_spring_gap_moves_forward_by_the_gap() -> None:
    (dose,) = schedule_for_day(_timing(timeOfDay=["02:30:00"]), RULES, SPRING, TZ)
    assert dose.isoformat() == "2026-03-29T03:30:00+02:00"


def test_the_spring_day_keeps_wall_clock_times_and_merges_doses_that_land_together() -> None:
    six_hourly = schedule_for_day(_timing(frequency=1, period=6, periodUnit="h"), RULES, SPRING, TZ)
    assert [d.isoformat()[11:] for d in six_hourly] == [
        "00:00:00+01:00",
        "06:00:00+02:00",
        "12:00:00+02:00",
        "18:00:00+02:00",
    ]
    hourly = schedule_for_day(_timing(frequency=1, period=1, periodUnit="h"), RULES, SPRING, TZ)
    assert len(hourly) == 23  # 02:00 does not exist and becomes the 03:00 dose


def test_a_time_that_occurs_twice_in_autumn_is_the_first_one() -> None:
    (dose,) = schedule_for_day(_timing(timeOfDay=["02:30:00"]), RULES, AUTUMN, TZ)
    assert dose.isoformat() == "2026-10-25T02:30:00+02:00"
    hourly = schedule_for_day(_timing(frequency=1, period=1, periodUnit="h"), RULES, AUTUMN, TZ)
    assert len(hourly) == 24  # wall-clock hours: the repeated 02:00 hour is one dose


def test_daily_doses_on_daylight_saving_days_stay_at_their_local_time() -> None:
    for day in (SPRING, AUTUMN):
        (morning, evening) = schedule_for_day(_timing(when=["MORN", "EVE"]), RULES, day, TZ)
        assert (morning.hour, evening.hour) == (8, 18)


# --- windows -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("repeat", "per_day"),
    [
        ({"frequency": 2, "period": 1, "periodUnit": "d", "when": ["MORN", "EVE"]}, 2.0),
        ({"when": ["C"]}, 3.0),
        ({"frequency": 1, "period": 6, "periodUnit": "h"}, 4.0),
        ({"frequency": 1, "period": 1, "periodUnit": "d", "when": ["HS"]}, 1.0),
        ({"frequency": 1, "period": 1, "periodUnit": "wk", "dayOfWeek": ["mon"]}, 1 / 7),
    ],
)
def test_doses_per_day_comes_from_the_timing(repeat: dict[str, Any], per_day: float) -> None:
    assert doses_per_day(_timing(**repeat), RULES) == pytest.approx(per_day)


def test_a_one_off_event_counts_as_once_a_day() -> None:
    assert doses_per_day(_timing(event=["2026-11-24T10:00:00+01:00"]), RULES) == 1.0


def test_the_ismp_windows() -> None:
    assert dose_window(True, 3.0) == timedelta(minutes=30)
    assert dose_window(True, 1.0) == timedelta(minutes=30)
    assert dose_window(False, 2.0) == timedelta(hours=1)
    assert dose_window(False, 1.0) == timedelta(hours=2)
    assert dose_window(False, 1 / 7) == timedelta(hours=2)


def test_time_critical_is_an_atc_prefix_match() -> None:
    assert RULES.is_time_critical(["A10AE04"])  # insulin glargine
    assert RULES.is_time_critical(["b01ab05"])  # enoxaparin, case does not matter
    assert not RULES.is_time_critical(["A10BA02"])  # metformin
    assert not RULES.is_time_critical([])


def test_rules_from_the_settings_tables_skip_keys_that_are_not_counts() -> None:
    rules = DoseRules.from_tables({"MORN": ((8, 0),)}, {"1": ((9, 0),), "x": ((1, 0),)}, "", 60)
    assert rules.daily_times == {1: (time(9, 0),)}
    assert rules.time_critical_atc == ()
    assert rules.missed_after == timedelta(hours=1)


# --- states ------------------------------------------------------------------------------------

AT = _local(DAY, 8)
HOUR = timedelta(hours=1)


def _state(now: datetime, *, next_at: datetime | None = None, **kw: Any) -> DoseState:
    return dose_state(AT, now, HOUR, next_at=next_at, missed_after=timedelta(hours=4), **kw)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (_local(DAY, 6, 59, 59), DoseState.UPCOMING),
        (_local(DAY, 7), DoseState.DUE),  # exactly at the window start
        (_local(DAY, 8), DoseState.DUE),
        (_local(DAY, 9), DoseState.DUE),  # exactly at the window end
        (_local(DAY, 9, 0, 1), DoseState.LATE),
        (_local(DAY, 11, 59, 59), DoseState.LATE),
        (_local(DAY, 12), DoseState.MISSED),  # exactly missed_after later
    ],
)
def test_each_state_boundary_of_a_dose(now: datetime, expected: DoseState) -> None:
    assert _state(now, next_at=_local(DAY, 20)) == expected


def test_a_dose_is_missed_once_the_next_dose_of_the_order_is_due() -> None:
    next_at = _local(DAY, 10, 30)
    assert _state(_local(DAY, 9, 29, 59), next_at=next_at) == DoseState.LATE
    assert _state(_local(DAY, 9, 30), next_at=next_at) == DoseState.MISSED


def test_a_recorded_administration_wins_over_time_and_hold() -> None:
    late = _local(DAY, 10)
    assert _state(late, administration="completed") == DoseState.GIVEN
    assert _state(late, administration="not-done") == DoseState.NOT_GIVEN
    assert _state(late, administration="completed", held=True) == DoseState.GIVEN
    assert _state(late, administration="in-progress") == DoseState.LATE


def test_a_dose_of_an_order_on_hold_is_held_whatever_the_time() -> None:
    assert _state(_local(DAY, 6), held=True) == DoseState.HELD
    assert _state(_local(DAY, 13), held=True) == DoseState.HELD


# --- matching administrations ------------------------------------------------------------------


def test_an_administration_matches_the_nearest_dose_whose_window_holds_it() -> None:
    doses = [_local(DAY, 8), _local(DAY, 9), _local(DAY, 12)]
    given = [(_local(DAY, 8, 40), "a")]
    assert match_administrations(doses, HOUR, given) == {1: "a"}


def test_the_window_edge_matches_and_beyond_it_nothing_does() -> None:
    doses = [_local(DAY, 8)]
    assert match_administrations(doses, HOUR, [(_local(DAY, 9), "a")]) == {0: "a"}
    assert match_administrations(doses, HOUR, [(_local(DAY, 9, 0, 1), "a")]) == {}


def test_each_dose_takes_one_administration_nearest_first() -> None:
    doses = [_local(DAY, 8), _local(DAY, 9)]
    given = [(_local(DAY, 8, 35), "later"), (_local(DAY, 8, 5), "first")]
    assert match_administrations(doses, HOUR, given) == {0: "first", 1: "later"}
    lone = [_local(DAY, 8)]
    assert match_administrations(lone, HOUR, given) == {0: "first"}


def test_times_are_compared_as_instants_across_offsets() -> None:
    doses = [_local(DAY, 8)]
    assert match_administrations(doses, HOUR, [(datetime(2026, 11, 24, 7, 10, tzinfo=UTC), 1)])
