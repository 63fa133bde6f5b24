"""A patient's meal choice end to end: saved offline, uploaded over loopback, one per sitting.

The sandbox EHR is seeded for the real today; the meal service's clock is pinned to 08:00 in
Paris today, so tomorrow's lunch is open (its cut-off is 09:30 tomorrow) whatever the hour the
test runs. The EHR must end up holding exactly one tagged NutritionOrder for that sitting through
a choice, a change, a lost answer and a cancellation.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bedside.sandbox.seed import codes as seed_codes
from bedside.services.meal_plan import Delivery, SittingPlan
from bedside.services.meal_rules import parse_service_table
from bedside.services.meals import MealService
from bedside.services.recording import Recorder
from bedside.store import Store
from bedside.sync.engine import SyncEngine
from tests.sync.ehr import SITE, Ehr, own_ehr, synced
from tests.sync.fault_proxy import Fault, FaultProxy, ProxiedRequest

PARIS = ZoneInfo("Europe/Paris")
TIMES = parse_service_table(
    "breakfast=07:30-09:00 lunch=12:00-13:30 dinner=18:30-20:00",
    "breakfast=19:00-1d lunch=09:30 dinner=15:00",
)
TAG = f"{seed_codes.CS_ORDER_ORIGIN}|patient-meal-selection"


def _morning() -> datetime:
    today = datetime.now(UTC).astimezone(PARIS).date()
    return datetime.combine(today, time(8, 0), tzinfo=PARIS)


def _service(store: Store, clock: Callable[[], datetime]) -> MealService:
    return MealService(
        store, Recorder(store, SITE, clock=clock), times=TIMES, clock=clock, tz=PARIS
    )


async def _ordering_patient(store: Store) -> tuple[str, str]:
    """A patient with a normal diet order (no texture, preference or exclusion) and their stay."""
    normal = {"system": seed_codes.CS_DIET, "code": "normal", "display": "Normal diet"}
    for order in await store.find("NutritionOrder", status="active"):
        oral = order.get("oralDiet") or {}
        if any(k in order for k in ("foodPreferenceModifier", "excludeFoodModifier")):
            continue
        if "texture" in oral or [t.get("coding") for t in oral.get("type", ())] != [[normal]]:
            continue
        patient = order["patient"]["reference"].split("/")[1]
        encounter = order["encounter"]["reference"].split("/")[1]
        return patient, encounter
    raise AssertionError("the seed has no patient with a plain diet order")


async def _tomorrows_lunch(meals: MealService, patient: str) -> SittingPlan:
    tomorrow = _morning().date() + timedelta(days=1)
    plan = await meals.plan(patient, first_day=tomorrow, days=1)
    return next(p for p in plan.sittings if p.sitting.service == "lunch")


async def _selections_on_the_ehr(ehr: Ehr, patient: str, lunch: SittingPlan) -> list[Any]:
    """The tagged NutritionOrders on the EHR that point at a dish of that lunch."""
    dishes = {option.dish.url for option in lunch.options}
    found: list[dict[str, Any]] = []
    async with ehr.client() as client:
        async for page in client.search(
            "NutritionOrder", {"patient": f"Patient/{patient}", "_tag": TAG}
        ):
            found += [
                order
                for order in page.resources
                if set(order.get("instantiatesCanonical") or ()) & dishes
            ]
    return found


@pytest.mark.asyncio
@pytest.mark.parametrize("update_create", [True, False], ids=["put", "conditional-create"])
async def test_a_choice_made_offline_reaches_the_ehr_once_and_a_change_and_cancel_follow_it(
    store: Store, update_create: bool
) -> None:
    async with synced(store, update_create=update_create) as (ehr, engine):
        meals = _service(store, _morning)
        patient, encounter = await _ordering_patient(store)
        lunch = await _tomorrows_lunch(meals, patient)
        first, second = [o.dish.url for o in lunch.options if o.choosable][:2]

        chosen = await meals.choose(patient, encounter, lunch.sitting, first)
        assert chosen.delivery is Delivery.WAITING
        assert await _selections_on_the_ehr(ehr, patient, lunch) == []

        report = await engine.sync_once()

        assert report.ok, report.error
        [on_ehr] = await _selections_on_the_ehr(ehr, patient, lunch)
        assert on_ehr["instantiatesCanonical"] == [first]
        assert on_ehr["status"] == "active"
        assert seed_codes.PATIENT_MEAL_SELECTION_TAG in on_ehr["meta"]["tag"]
        shown = (await _tomorrows_lunch(meals, patient)).choice
        assert shown is not None
        assert (shown.order_id, shown.dish_url, shown.delivery) == (
            on_ehr["id"],
            first,
            Delivery.SENT,
        )

        changed = await meals.choose(patient, encounter, lunch.sitting, second)
        assert changed.order_id == on_ehr["id"]
        assert (await engine.sync_once()).ok

        [after_change] = await _selections_on_the_ehr(ehr, patient, lunch)
        assert after_change["id"] == on_ehr["id"]
        assert after_change["instantiatesCanonical"] == [second]

        await meals.cancel(patient, lunch.sitting)
        assert (await engine.sync_once()).ok

        [cancelled] = await _selections_on_the_ehr(ehr, patient, lunch)
        assert cancelled["id"] == on_ehr["id"]
        assert cancelled["status"] == "revoked"
        assert (await _tomorrows_lunch(meals, patient)).choice is None
        assert await store.outbox(("pending", "in_flight", "conflict", "rejected")) == []


@pytest.mark.asyncio
async def test_a_choice_whose_upload_answer_was_lost_is_not_doubled_by_the_retry(
    store: Store,
) -> None:
    async with own_ehr() as ehr:
        async with ehr.client() as client:
            assert (await SyncEngine(store, client, ehr.scope).sync_once()).ok
        meals = _service(store, _morning)
        patient, encounter = await _ordering_patient(store)
        lunch = await _tomorrows_lunch(meals, patient)
        dish = next(o.dish.url for o in lunch.options if o.choosable)
        chosen = await meals.choose(patient, encounter, lunch.sitting, dish)

        def lose_the_answer_to_the_create(request: ProxiedRequest) -> Fault | None:
            if request.method == "PUT" and f"NutritionOrder/{chosen.order_id}" in request.target:
                return Fault.reset_after()  # the EHR stores it, the tablet never hears
            return None

        with FaultProxy(ehr.base_url, lose_the_answer_to_the_create) as proxy:
            async with ehr.client(proxy.base_url) as client:
                engine = SyncEngine(store, client, ehr.scope)
                lost = await engine.sync_once()
                assert proxy.injected
                assert not lost.ok
                assert len(await _selections_on_the_ehr(ehr, patient, lunch)) == 1
                waiting = (await _tomorrows_lunch(meals, patient)).choice
                assert waiting is not None
                assert waiting.delivery is Delivery.WAITING

                proxy.heal()
                retried = await engine.sync_once()

        assert retried.ok, retried.error
        assert retried.pushed.read_back == 1
        [on_ehr] = await _selections_on_the_ehr(ehr, patient, lunch)
        assert on_ehr["id"] == chosen.order_id
        sent = (await _tomorrows_lunch(meals, patient)).choice
        assert sent is not None
        assert sent.delivery is Delivery.SENT


@pytest.mark.asyncio
async def test_on_a_server_that_gives_its_own_ids_a_choice_changed_before_upload_arrives_changed(
    store: Store,
) -> None:
    """Strict EHR: ``POST`` gets a server id, ``PUT`` never creates. The change queued behind
    the first choice must follow the EHR's id, and the patient must see the dish they chose
    last as sent — never the first one."""
    async with synced(store, strict=True) as (ehr, engine):
        meals = _service(store, _morning)
        patient, encounter = await _ordering_patient(store)
        lunch = await _tomorrows_lunch(meals, patient)
        first, second = [o.dish.url for o in lunch.options if o.choosable][:2]
        chosen = await meals.choose(patient, encounter, lunch.sitting, first)
        changed = await meals.choose(patient, encounter, lunch.sitting, second)
        assert changed.order_id == chosen.order_id

        report = await engine.sync_once()

        assert report.ok, report.error
        assert (report.pushed.done, report.pushed.conflict, report.pushed.rejected) == (2, 0, 0)
        [on_ehr] = await _selections_on_the_ehr(ehr, patient, lunch)
        assert on_ehr["id"] != chosen.order_id  # the EHR's own id
        assert on_ehr["instantiatesCanonical"] == [second]
        shown = (await _tomorrows_lunch(meals, patient)).choice
        assert shown is not None
        assert (shown.order_id, shown.dish_url, shown.delivery) == (
            on_ehr["id"],
            second,
            Delivery.SENT,
        )
        assert await store.outbox(("pending", "in_flight", "conflict", "rejected")) == []


@pytest.mark.asyncio
async def test_a_change_racing_the_first_uploads_answer_still_reaches_a_server_with_its_own_ids(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The patient changes their mind just as the first choice's POST answer arrives: the
    screen read the order under the tablet's id, the upload then moved it to the EHR's id, and
    the change is written after that. It must follow the move — one order, the last dish."""
    async with synced(store, strict=True) as (ehr, engine):
        meals = _service(store, _morning)
        patient, encounter = await _ordering_patient(store)
        lunch = await _tomorrows_lunch(meals, patient)
        first, second = [o.dish.url for o in lunch.options if o.choosable][:2]
        await meals.choose(patient, encounter, lunch.sitting, first)
        read_the_order = meals._situation
        settled: list[bool] = []

        async def read_then_the_upload_answer_lands(*args: Any, **kwargs: Any) -> Any:
            found = await read_the_order(*args, **kwargs)
            if not settled:
                settled.append(True)
                await engine.push()  # the background push's answer arrives now
            return found

        monkeypatch.setattr(meals, "_situation", read_then_the_upload_answer_lands)
        await meals.choose(patient, encounter, lunch.sitting, second)
        monkeypatch.undo()

        report = await engine.sync_once()

        assert report.ok, report.error
        assert (report.pushed.conflict, report.pushed.rejected) == (0, 0)
        [on_ehr] = await _selections_on_the_ehr(ehr, patient, lunch)
        assert on_ehr["instantiatesCanonical"] == [second]
        shown = (await _tomorrows_lunch(meals, patient)).choice
        assert shown is not None
        assert (shown.order_id, shown.dish_url, shown.delivery) == (
            on_ehr["id"],
            second,
            Delivery.SENT,
        )
