"""The first run as a service: when a cache needs it, progress as screen values, failures, retries.

A scripted engine stands in for the sync engine through the service's port (each attempt plays
back progress and ends with a plain outcome: landed, or a failure already sorted into its kind)
and a fake clock and sleep stand in for time, so no test waits. How the engine sorts the sync
layer's errors into kinds is tested beside it (tests/sync/test_first_pull.py).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import get_args

import pytest
import pytest_asyncio

from bedside.services.first_run import (
    RETRY_DELAYS_S,
    FailureKind,
    FirstRun,
    FirstRunState,
)
from bedside.store import MemoryKeyStore, Store
from bedside.sync import Scope
from bedside.sync.status import DownloadProgress, Progress, PullFailure, PullOutcome

WARD = Scope("ward", "ward-3w")
START = datetime(2026, 11, 24, 7, 0, tzinfo=UTC)


@dataclass
class FakeClock:
    now: datetime = START

    def __call__(self) -> datetime:
        return self.now


@dataclass
class FakeSleep:
    """Sleeps take no time: they move the clock and are written down."""

    clock: FakeClock
    slept: list[float] = field(default_factory=list)
    hold: asyncio.Event | None = None  # set: sleeps wait for it (to test "try again now")
    started: asyncio.Event = field(default_factory=asyncio.Event)  # a sleep has begun

    async def __call__(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.started.set()
        if self.hold is not None:
            await self.hold.wait()
        self.clock.now += timedelta(seconds=seconds)


@dataclass
class Step:
    """One scripted attempt: progress to report, then a failure (or success with ``stored``)."""

    progress: list[DownloadProgress] = field(default_factory=list)
    failure: PullFailure | None = None
    stored: int = 0
    retry_after_s: float | None = None
    cause: str | None = None
    before_end: Callable[[], Awaitable[None]] | None = None


class ScriptedEngine:
    """The first run's port (``FirstPullPort``), played from a script."""

    def __init__(self, steps: list[Step], scope: Scope = WARD, *, complete: bool = False) -> None:
        self.scope = scope
        self.steps = list(steps)
        self.complete = complete
        self.listeners: list[Progress] = []
        self.attempts = 0

    async def has_complete_pull(self) -> bool:
        return self.complete

    def add_progress_listener(self, listener: Progress) -> None:
        self.listeners.append(listener)

    def remove_progress_listener(self, listener: Progress) -> None:
        self.listeners.remove(listener)

    async def first_pull_attempt(self) -> PullOutcome:
        self.attempts += 1
        step = self.steps.pop(0)
        for progress in step.progress:
            for listener in list(self.listeners):
                listener(progress)
            await asyncio.sleep(0)
        if step.before_end is not None:
            await step.before_end()
        if step.failure is None:
            return PullOutcome(stored=step.stored)
        return PullOutcome(
            step.failure, 0, step.retry_after_s, step.cause or f"{step.failure.title()}Error"
        )


@pytest_asyncio.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    opened = await Store.open(tmp_path / "cache", MemoryKeyStore(), key_name="k")
    yield opened
    await opened.close()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def sleep(clock: FakeClock) -> FakeSleep:
    return FakeSleep(clock)


def first_run(engine: ScriptedEngine, store: Store, clock: FakeClock, sleep: FakeSleep) -> FirstRun:
    return FirstRun(engine, store, clock=clock, sleep=sleep)


def downloading(stored: int, expected: int | None, kind: str | None) -> DownloadProgress:
    return DownloadProgress("downloading", stored, expected, kind)


# When a first pull is needed ----------------------------------------------------------------


@pytest.mark.asyncio
@pytest.mark.parametrize("complete", [False, True], ids=["empty", "complete"])
async def test_a_first_pull_is_needed_until_the_engine_holds_a_complete_one(
    store: Store, clock: FakeClock, sleep: FakeSleep, complete: bool
) -> None:
    engine = ScriptedEngine([], complete=complete)
    assert await first_run(engine, store, clock, sleep).needs_first_pull() is not complete
    assert engine.attempts == 0  # asking pulls nothing


# Progress -----------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_progress_becomes_screen_states_with_counts_the_estimate_and_the_type(
    store: Store, clock: FakeClock, sleep: FakeSleep
) -> None:
    engine = ScriptedEngine(
        [
            Step(
                progress=[
                    DownloadProgress("connecting"),
                    downloading(28, None, "Encounter"),
                    downloading(250, 6000, None),  # the estimate arrives between pages
                    downloading(1234, 6000, "Observation"),
                    DownloadProgress("saving", 6010, 6000),
                    DownloadProgress("done", 6010),
                ],
                stored=6010,
            )
        ]
    )
    states: list[FirstRunState] = []
    outcome = await first_run(engine, store, clock, sleep).run(states.append)

    assert outcome == PullOutcome(stored=6010)  # the landed attempt's outcome
    assert [s.stage for s in states] == [
        "connecting",
        "downloading",
        "downloading",
        "downloading",
        "saving",
        "done",
    ]
    assert states[1].stored == 28
    assert states[1].expected is None
    assert states[1].resource_type == "Encounter"
    assert (states[2].stored, states[2].expected, states[2].resource_type) == (
        250,
        6000,
        "Encounter",
    )
    assert (states[3].stored, states[3].estimate, states[3].resource_type) == (
        1234,
        6000,
        "Observation",
    )
    # More than estimated: the total shown is never below what is already stored.
    assert states[4].estimate == 6010
    assert states[-1].stored == 6010
    assert all(s.place == "ward-3w" and s.scope_kind == "ward" for s in states)
    assert not engine.listeners  # it stops listening once done


@pytest.mark.asyncio
async def test_the_ward_is_named_once_its_location_is_in_the_cache(
    store: Store, clock: FakeClock, sleep: FakeSleep
) -> None:
    ward = {"resourceType": "Location", "id": "ward-3w", "name": "3 West", "status": "active"}
    engine = ScriptedEngine(
        [
            Step(
                progress=[downloading(0, None, None)],
                before_end=lambda: _then_location(store, engine, ward),
                stored=1,
            )
        ]
    )
    states: list[FirstRunState] = []
    await first_run(engine, store, clock, sleep).run(states.append)
    assert states[0].place == "ward-3w"
    assert states[-1].place == "3 West"


async def _then_location(store: Store, engine: ScriptedEngine, ward: dict[str, str]) -> None:
    await store.put_server_resources([ward])
    for listener in list(engine.listeners):
        listener(downloading(1, None, "Location"))
    for _ in range(20):  # let the look-up read the cache (its own thread)
        await asyncio.sleep(0.01)


@pytest.mark.asyncio
async def test_a_ward_already_in_the_cache_is_named_from_the_start(
    store: Store, clock: FakeClock, sleep: FakeSleep
) -> None:
    await store.put_server_resources(
        [{"resourceType": "Location", "id": "bed-12", "name": "Chambre 204 – Lit A"}]
    )
    engine = ScriptedEngine([Step(stored=5)], scope=Scope("bed", "bed-12"))
    states: list[FirstRunState] = []
    await first_run(engine, store, clock, sleep).run(states.append)
    assert {(s.scope_kind, s.place) for s in states} == {("bed", "Chambre 204 – Lit A")}


# Failures -----------------------------------------------------------------------------------


def test_every_failure_the_engine_can_name_has_one_kind() -> None:
    assert {kind.value for kind in FailureKind} == set(get_args(PullFailure))
    for failure in get_args(PullFailure):
        assert FailureKind(failure).value == failure


@pytest.mark.asyncio
@pytest.mark.parametrize("failure", get_args(PullFailure))
async def test_each_failed_attempt_is_shown_as_its_kind(
    store: Store, clock: FakeClock, sleep: FakeSleep, failure: PullFailure
) -> None:
    engine = ScriptedEngine([Step(failure=failure), Step(stored=1)])
    states: list[FirstRunState] = []
    await first_run(engine, store, clock, sleep).run(states.append)
    assert [s.failure for s in states if s.stage == "waiting"] == [FailureKind(failure)]


def test_every_kind_says_why_in_one_sentence() -> None:
    for kind in FailureKind:
        sentence = kind.sentence
        assert sentence.endswith(".")
        assert sentence.count(". ") == 0, sentence  # one sentence
        assert len(sentence) < 120


@pytest.mark.asyncio
async def test_a_failed_pull_is_tried_again_after_5_15_30_and_then_every_60_seconds(
    store: Store, clock: FakeClock, sleep: FakeSleep
) -> None:
    engine = ScriptedEngine([Step(failure="offline") for _ in range(6)] + [Step(stored=3)])
    states: list[FirstRunState] = []
    outcome = await first_run(engine, store, clock, sleep).run(states.append)

    assert outcome.ok
    assert engine.attempts == 7
    assert sleep.slept == [5.0, 15.0, 30.0, 60.0, 60.0, 60.0]
    assert RETRY_DELAYS_S == (5.0, 15.0, 30.0, 60.0)
    waiting = [s for s in states if s.stage == "waiting"]
    assert [s.failure for s in waiting] == [FailureKind.OFFLINE] * 6
    assert [s.attempt for s in waiting] == [1, 2, 3, 4, 5, 6]
    assert waiting[0].next_try_at == START + timedelta(seconds=5)
    # Each new attempt starts clean: no failure shown while it runs.
    assert states[-2].stage == "connecting"
    assert states[-2].failure is None
    assert states[-1].stage == "done"


@pytest.mark.asyncio
async def test_the_waiting_state_says_how_long_until_the_next_try(
    store: Store, clock: FakeClock
) -> None:
    hold = asyncio.Event()
    sleep = FakeSleep(clock, hold=hold)
    engine = ScriptedEngine([Step(failure="credentials"), Step(stored=1)])
    service = first_run(engine, store, clock, sleep)
    assert service.seconds_until_next_try() is None
    task = asyncio.ensure_future(service.run())
    await sleep.started.wait()
    assert service.state.failure is FailureKind.CREDENTIALS
    assert service.seconds_until_next_try() == 5.0
    clock.now += timedelta(seconds=3)
    assert service.seconds_until_next_try() == 2.0
    clock.now += timedelta(seconds=10)
    assert service.seconds_until_next_try() == 0.0
    hold.set()
    await task
    assert service.seconds_until_next_try() is None


@pytest.mark.asyncio
async def test_a_retry_after_longer_than_the_back_off_is_honoured(
    store: Store, clock: FakeClock, sleep: FakeSleep
) -> None:
    busy = Step(failure="ehr", retry_after_s=120.0)
    flooded = Step(failure="ehr", retry_after_s=86400.0)
    brief = Step(failure="ehr", retry_after_s=2.0)  # shorter than the back-off: the back-off
    engine = ScriptedEngine([busy, flooded, brief, Step(stored=1)])
    await first_run(engine, store, clock, sleep).run()
    assert sleep.slept == [120.0, 600.0, 30.0]  # and never hours, whatever the EHR says


@pytest.mark.asyncio
async def test_try_again_now_starts_the_next_attempt_without_waiting_for_the_back_off(
    store: Store, clock: FakeClock
) -> None:
    never = asyncio.Event()
    sleep = FakeSleep(clock, hold=never)
    engine = ScriptedEngine([Step(failure="ehr"), Step(stored=7)])
    service = first_run(engine, store, clock, sleep)
    states: list[FirstRunState] = []
    task = asyncio.ensure_future(service.run(states.append))
    await sleep.started.wait()
    assert service.state.failure is FailureKind.EHR
    service.try_now()
    outcome = await asyncio.wait_for(task, timeout=5)
    assert outcome == PullOutcome(stored=7)
    assert engine.attempts == 2
    assert states[-1].stage == "done"


@pytest.mark.asyncio
async def test_a_cache_that_cannot_save_is_reported_and_tried_again(
    store: Store, clock: FakeClock, sleep: FakeSleep
) -> None:
    engine = ScriptedEngine([Step(failure="storage"), Step(stored=2)])
    states: list[FirstRunState] = []
    outcome = await first_run(engine, store, clock, sleep).run(states.append)
    assert outcome.ok
    assert [s.failure for s in states if s.stage == "waiting"] == [FailureKind.STORAGE]


@pytest.mark.asyncio
async def test_giving_up_stops_the_retries_and_the_listening(
    store: Store, clock: FakeClock
) -> None:
    sleep = FakeSleep(clock, hold=asyncio.Event())
    engine = ScriptedEngine([Step(failure="offline")])
    service = first_run(engine, store, clock, sleep)
    task = asyncio.ensure_future(service.run())
    await sleep.started.wait()
    assert service.state.stage == "waiting"
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert engine.listeners == []
    assert engine.attempts == 1


@pytest.mark.asyncio
async def test_the_log_names_the_kind_and_the_cause(
    store: Store, clock: FakeClock, sleep: FakeSleep, caplog: pytest.LogCaptureFixture
) -> None:
    # The EHR's own words never reach the service: the engine hands over only the kind and the
    # error's type (tests/sync/test_first_pull.py).
    engine = ScriptedEngine([Step(failure="ehr", cause="RejectedError"), Step(stored=1)])
    with caplog.at_level("INFO", logger="bedside.services.first_run"):
        await first_run(engine, store, clock, sleep).run()
    assert "first_run_failed" in caplog.text
    assert "kind=ehr cause=RejectedError" in caplog.text
    assert "first_run_landed" in caplog.text
    assert "resources=1" in caplog.text
