"""The patient's day: appointments, the start of fasting and the meals, in time order and in the
patient's language."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import pytest_asyncio

from bedside.sandbox.seed import SeedWard, generate_ward
from bedside.services.appointments import AppointmentService
from bedside.services.meal_plan import Choice, Delivery, MealPlan, SittingPlan
from bedside.services.meal_rules import (
    DietRules,
    NilByMouth,
    SittingState,
    SittingStateKind,
    parse_service_table,
    sitting,
)
from bedside.services.schedule import ScheduleService, TimelineItem, TimelineKind
from bedside.settings import DEFAULT_MEAL_CUTOFFS, DEFAULT_MEAL_SERVING
from bedside.store import MemoryKeyStore, Store

# As tests/ui/conftest.py: a Tuesday morning on the ward, in winter time (UTC+1).
WARD_NOW = datetime(2026, 11, 24, 9, 30, tzinfo=UTC)
WARD_TZ = ZoneInfo("Europe/Paris")
TODAY = date(2026, 11, 24)
TOMORROW = TODAY + timedelta(days=1)
WARD: SeedWard = generate_ward(seed=2026, now=WARD_NOW, history_days=1)
TIMES = parse_service_table(DEFAULT_MEAL_SERVING, DEFAULT_MEAL_CUTOFFS)


def _appointments() -> list[dict[str, Any]]:
    return [r for r in WARD.resources if r["resourceType"] == "Appointment"]


def _patient_of(appointment: dict[str, Any]) -> str:
    return str(appointment["participant"][0]["actor"]["reference"].split("/")[1])


def _service_code(appointment: dict[str, Any]) -> str:
    return str(appointment["serviceType"][0]["coding"][0]["code"])


SURGERY = next(a for a in _appointments() if _service_code(a) == "surgery")
SURGERY_PATIENT = _patient_of(SURGERY)
DIALYSIS = next(a for a in _appointments() if _service_code(a) == "dialysis")  # today 08:00

# The window the meal service reads from the surgery patient's nil-by-mouth order.
FASTING = NilByMouth(
    start=datetime(2026, 11, 25, 0, 0, tzinfo=WARD_TZ),
    end=datetime(2026, 11, 25, 10, 0, tzinfo=WARD_TZ),
    source="appointment",
    what="Surgery",
    instruction="Nil by mouth from midnight: no food, no drink, no smoking.",
)


def _plan(
    windows: tuple[NilByMouth, ...] = (FASTING,),
    choices: dict[tuple[str, date], str] | None = None,
) -> MealPlan:
    """A meal plan as the meal service would give it: upcoming sittings, some with a choice."""
    upcoming = [
        sitting(day, times, WARD_TZ)
        for day in (TODAY, TOMORROW)
        for times in TIMES
        if sitting(day, times, WARD_TZ).serve_from > WARD_NOW
    ]
    choices = choices or {}
    return MealPlan(
        rules=DietRules(has_order=True, diet_types=frozenset({"normal"})),
        sittings=tuple(
            SittingPlan(
                sitting=planned,
                state=SittingState(SittingStateKind.OPEN, time_left=timedelta(hours=1)),
                options=(),
                choice=(
                    Choice(f"order-{planned.service}", "urn:dish", title, Delivery.SENT)
                    if (title := choices.get((planned.service, planned.day)))
                    else None
                ),
            )
            for planned in upcoming
        ),
        windows=windows,
        catalogue_empty=False,
    )


@pytest_asyncio.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    opened = await Store.open(tmp_path / "cache", MemoryKeyStore(), key_name="k")
    await opened.put_server_resources(WARD.resources)
    yield opened
    await opened.close()


@pytest.fixture
def service(store: Store) -> ScheduleService:
    appointments = AppointmentService(store, clock=lambda: WARD_NOW, tz=WARD_TZ)
    return ScheduleService(appointments, times=TIMES, clock=lambda: WARD_NOW, tz=WARD_TZ)


def _meal(items: list[TimelineItem], service: str, day: date) -> TimelineItem:
    return next(
        item
        for item in items
        if item.kind is TimelineKind.MEAL and item.service == service and item.start.date() == day
    )


@pytest.mark.asyncio
async def test_a_patient_with_surgery_tomorrow_sees_when_fasting_starts(
    service: ScheduleService,
) -> None:
    items = await service.timeline(SURGERY_PATIENT, first_day=TODAY, plan=_plan())

    preparation = [item for item in items if item.kind is TimelineKind.PREPARATION]
    assert preparation == [
        TimelineItem(
            kind=TimelineKind.PREPARATION,
            start=datetime(2026, 11, 25, 0, 0, tzinfo=WARD_TZ),
            end=datetime(2026, 11, 25, 10, 0, tzinfo=WARD_TZ),
            title="Surgery",
            instruction=FASTING.instruction,
        )
    ]
    surgery = next(item for item in items if item.appointment_id == SURGERY["id"])
    # Fasting starts after today's dinner and before tomorrow's breakfast and surgery.
    order = [(item.kind, item.service or item.appointment_id) for item in items]
    assert order.index((TimelineKind.MEAL, "dinner")) < order.index(
        (TimelineKind.PREPARATION, None)
    )
    assert items.index(preparation[0]) < items.index(_meal(items, "breakfast", TOMORROW))
    assert items.index(_meal(items, "breakfast", TOMORROW)) < items.index(surgery)


@pytest.mark.asyncio
async def test_meals_inside_the_fasting_window_say_until_when_nothing_may_be_eaten(
    service: ScheduleService,
) -> None:
    items = await service.timeline(SURGERY_PATIENT, first_day=TODAY, plan=_plan())

    breakfast = _meal(items, "breakfast", TOMORROW)
    assert breakfast.blocked_until == datetime(2026, 11, 25, 10, 0, tzinfo=WARD_TZ)
    assert breakfast.nil_by_mouth
    for service_name, day in [("lunch", TOMORROW), ("dinner", TOMORROW), ("dinner", TODAY)]:
        meal = _meal(items, service_name, day)
        assert meal.blocked_until is None
        assert not meal.nil_by_mouth


@pytest.mark.asyncio
async def test_a_fast_with_no_known_end_blocks_the_meals_it_reaches(
    service: ScheduleService,
) -> None:
    open_ended = NilByMouth(
        start=datetime(2026, 11, 25, 6, 0, tzinfo=WARD_TZ), end=None, source="diet-order"
    )

    items = await service.timeline(SURGERY_PATIENT, first_day=TODAY, plan=_plan((open_ended,)))

    for service_name in ("breakfast", "lunch", "dinner"):
        meal = _meal(items, service_name, TOMORROW)
        assert meal.nil_by_mouth
        assert meal.blocked_until is None
    assert not _meal(items, "dinner", TODAY).nil_by_mouth


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("language", "instruction_start", "title"),
    [
        ("fr", "À jeun à partir de minuit", "Cholécystectomie par cœlioscopie"),
        ("de", "Ab Mitternacht nüchtern", "Laparoskopische Cholezystektomie"),
        ("en", "Nil by mouth from midnight", "Laparoscopic cholecystectomy"),
    ],
)
async def test_appointment_texts_are_in_the_patients_language(
    service: ScheduleService, language: str, instruction_start: str, title: str
) -> None:
    items = await service.timeline(SURGERY_PATIENT, first_day=TODAY, language=language)

    surgery = next(item for item in items if item.appointment_id == SURGERY["id"])
    assert surgery.kind is TimelineKind.APPOINTMENT
    assert surgery.instruction is not None
    assert surgery.instruction.startswith(instruction_start)
    assert surgery.title == title  # what will be done, in the patient's language
    assert surgery.start == datetime(2026, 11, 25, 8, 0, tzinfo=WARD_TZ)
    assert surgery.end == datetime(2026, 11, 25, 10, 0, tzinfo=WARD_TZ)
    assert surgery.where == SURGERY["participant"][1]["actor"]["display"]
    assert len(surgery.with_whom) == 1


@pytest.mark.asyncio
async def test_the_dish_chosen_is_shown_on_its_meal(service: ScheduleService) -> None:
    plan = _plan(choices={("lunch", TOMORROW): "Blanquette de veau"})

    items = await service.timeline(SURGERY_PATIENT, first_day=TODAY, plan=plan)

    lunch = _meal(items, "lunch", TOMORROW)
    assert lunch.dish_title == "Blanquette de veau"
    assert lunch.title is None
    assert lunch.start == datetime(2026, 11, 25, 12, 0, tzinfo=WARD_TZ)
    assert lunch.end == datetime(2026, 11, 25, 13, 30, tzinfo=WARD_TZ)
    assert _meal(items, "dinner", TOMORROW).dish_title is None


@pytest.mark.asyncio
async def test_the_whole_of_today_is_shown_including_what_is_past(
    service: ScheduleService,
) -> None:
    items = await service.timeline(_patient_of(DIALYSIS), first_day=TODAY, plan=_plan(()))

    dialysis = next(item for item in items if item.appointment_id == DIALYSIS["id"])
    assert dialysis.start < WARD_NOW  # 08:00 this morning
    breakfast = _meal(items, "breakfast", TODAY)
    assert breakfast.start == datetime(2026, 11, 24, 7, 30, tzinfo=WARD_TZ)
    meals = [item for item in items if item.kind is TimelineKind.MEAL]
    assert [(m.start.date(), m.service) for m in meals] == [
        (day, service_name)
        for day in (TODAY, TOMORROW)
        for service_name in ("breakfast", "lunch", "dinner")
    ]


@pytest.mark.asyncio
async def test_items_are_in_time_order_and_preparation_comes_first_at_the_same_moment(
    service: ScheduleService,
) -> None:
    at_lunch = NilByMouth(
        start=datetime(2026, 11, 24, 12, 0, tzinfo=WARD_TZ),
        end=datetime(2026, 11, 24, 12, 30, tzinfo=WARD_TZ),
        source="appointment",
        what="CT scan",
    )

    items = await service.timeline(SURGERY_PATIENT, first_day=TODAY, plan=_plan((at_lunch,)))

    instants = [item.start.astimezone(UTC) for item in items]
    assert instants == sorted(instants)
    noon = [item.kind for item in items if item.start == at_lunch.start]
    assert noon == [TimelineKind.PREPARATION, TimelineKind.MEAL]


@pytest.mark.asyncio
async def test_only_fasting_that_starts_within_the_days_gets_a_preparation_item(
    service: ScheduleService,
) -> None:
    windows = (
        NilByMouth(
            start=None, end=datetime(2026, 11, 24, 10, 0, tzinfo=WARD_TZ), source="diet-order"
        ),
        NilByMouth(
            start=datetime(2026, 11, 26, 0, 0, tzinfo=WARD_TZ),
            end=datetime(2026, 11, 26, 9, 0, tzinfo=WARD_TZ),
            source="appointment",
        ),
    )

    items = await service.timeline(SURGERY_PATIENT, first_day=TODAY, plan=_plan(windows))

    assert not [item for item in items if item.kind is TimelineKind.PREPARATION]
    # The window already running this morning still blocks this morning's breakfast.
    assert _meal(items, "breakfast", TODAY).blocked_until == datetime(
        2026, 11, 24, 10, 0, tzinfo=WARD_TZ
    )


@pytest.mark.asyncio
async def test_without_a_meal_plan_the_meals_are_listed_plainly(service: ScheduleService) -> None:
    items = await service.timeline(SURGERY_PATIENT, first_day=TODAY)

    assert not [item for item in items if item.kind is TimelineKind.PREPARATION]
    meals = [item for item in items if item.kind is TimelineKind.MEAL]
    assert len(meals) == 6
    assert all(m.dish_title is None and not m.nil_by_mouth for m in meals)


@pytest.mark.asyncio
async def test_the_day_defaults_to_today_in_the_sites_time_zone(service: ScheduleService) -> None:
    items = await service.timeline(SURGERY_PATIENT, days=1)

    assert {item.start.date() for item in items} == {TODAY}
    assert all(item.start.tzinfo is WARD_TZ for item in items)
