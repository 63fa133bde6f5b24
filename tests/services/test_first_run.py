"""The first run as a service: when a cache needs it, progress as screen values, failures, retries.

A scripted engine stands in for the sync engine (each attempt plays back progress and ends with a
report or an error) and a fake clock and sleep stand in for time, so no test waits.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import pytest_asyncio

from bedside.services.first_run import (
    RETRY_DELAYS_S,
    FailureKind,
    FirstRun,
    FirstRunState,
    failure_kind,
)
from bedside.store import MemoryKeyStore, Store, StoreError
from bedside.sync import (
    AuthError,
    CertificateError,
    ConflictError,
    OfflineError,
    ProtocolError,
    RejectedError,
    Scope,
    ServerError,
    SyncError,
    SyncReport,
    SyncTimeoutError,
)
from bedside.sync.download import DownloadProgress, DownloadReport, Progress
from bedside.sync.engine import LAST_SYNC_FACT
from bedside.sync.scope import SITE_RESOURCES
from bedside.sync.tls import TlsConfigError

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
    """One scripted attempt: progress to report, then an error (or success with ``stored``)."""

    progress: list[DownloadProgress] = field(default_factory=list)
    error: SyncError | StoreError | None = None
    stored: int = 0
    raise_store_error: bool = False
    before_end: Callable[[], Awaitable[None]] | None = None


class ScriptedEngine:
    def __init__(self, steps: list[Step], scope: Scope = WARD) -> None:
        self.scope = scope
        self.steps = list(steps)
        self.listeners: list[Progress] = []
        self.attempts = 0
        self.reconcile_asked: list[bool | None] = []

    def add_progress_listener(self, listener: Progress) -> None:
        self.listeners.append(listener)

    def remove_progress_listener(self, listener: Progress) -> None:
        self.listeners.remove(listener)

    async def sync_once(self, *, reconcile_now: bool | None = None) -> SyncReport:
        self.attempts += 1
        self.reconcile_asked.append(reconcile_now)
        step = self.steps.pop(0)
        for progress in step.progress:
            for listener in list(self.listeners):
                listener(progress)
            await asyncio.sleep(0)
        if step.before_end is not None:
            await step.before_end()
        if isinstance(step.error, StoreError):
            raise step.error
        report = SyncReport(error=step.error)
        if step.error is None:
            report.pulled = DownloadReport(stored={"Observation": step.stored})
        return report


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


async def _mark_synced(store: Store, scope: Scope) -> None:
    await store.set_device_fact(LAST_SYNC_FACT, "2026-11-24T06:00:00Z")
    for resource_type in (*SITE_RESOURCES, "Encounter"):
        await store.set_sync_state(scope.key, resource_type, "2026-11-24T06:00:00Z")


# When a first pull is needed ----------------------------------------------------------------


@pytest.mark.asyncio
async def test_a_cache_that_never_synced_needs_its_first_pull(
    store: Store, clock: FakeClock, sleep: FakeSleep
) -> None:
    assert await first_run(ScriptedEngine([]), store, clock, sleep).needs_first_pull()


@pytest.mark.asyncio
async def test_a_cache_that_synced_its_scope_needs_no_first_pull(
    store: Store, clock: FakeClock, sleep: FakeSleep
) -> None:
    await _mark_synced(store, WARD)
    assert not await first_run(ScriptedEngine([]), store, clock, sleep).needs_first_pull()


@pytest.mark.asyncio
async def test_a_cache_synced_for_another_ward_still_needs_a_first_pull_for_this_one(
    store: Store, clock: FakeClock, sleep: FakeSleep
) -> None:
    await _mark_synced(store, Scope("ward", "ward-2e"))
    assert await first_run(ScriptedEngine([]), store, clock, sleep).needs_first_pull()


@pytest.mark.asyncio
async def test_a_pull_interrupted_before_the_ward_was_complete_still_needs_a_first_pull(
    store: Store, clock: FakeClock, sleep: FakeSleep
) -> None:
    await store.set_device_fact(LAST_SYNC_FACT, "2026-11-24T06:00:00Z")
    await store.set_sync_state(WARD.key, "Location", "2026-11-24T06:00:00Z")
    assert await first_run(ScriptedEngine([]), store, clock, sleep).needs_first_pull()


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
    report = await first_run(engine, store, clock, sleep).run(states.append)

    assert report.ok
    assert engine.reconcile_asked == [False]  # the board does not wait for a round of counts
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


@pytest.mark.parametrize(
    ("error", "kind"),
    [
        (OfflineError("no route"), FailureKind.OFFLINE),
        (SyncTimeoutError("slow"), FailureKind.OFFLINE),
        (AuthError("refused", status=401), FailureKind.CREDENTIALS),
        (RejectedError("forbidden", status=403), FailureKind.CREDENTIALS),
        (CertificateError("untrusted"), FailureKind.CERTIFICATE),
        (TlsConfigError("bad bundle"), FailureKind.CERTIFICATE),
        (ServerError("down", status=500), FailureKind.EHR),
        (ServerError("busy", status=429), FailureKind.EHR),
        (ProtocolError("not a bundle"), FailureKind.EHR),
        (RejectedError("bad query", status=400), FailureKind.EHR),
        (ConflictError("moved on", status=412), FailureKind.EHR),
        (StoreError("disk full"), FailureKind.STORAGE),
    ],
    ids=lambda value: type(value).__name__ if isinstance(value, Exception) else str(value),
)
def test_every_failure_has_one_kind(error: Exception, kind: FailureKind) -> None:
    assert failure_kind(error) is kind


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
    offline = OfflineError("The EHR cannot be reached (no connection).")
    engine = ScriptedEngine([Step(error=offline) for _ in range(6)] + [Step(stored=3)])
    states: list[FirstRunState] = []
    report = await first_run(engine, store, clock, sleep).run(states.append)

    assert report.ok
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
    engine = ScriptedEngine([Step(error=AuthError("refused")), Step(stored=1)])
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
    busy = ServerError("busy", status=503, retry_after=120.0)
    flooded = ServerError("busy", status=503, retry_after=86400.0)
    engine = ScriptedEngine([Step(error=busy), Step(error=flooded), Step(stored=1)])
    await first_run(engine, store, clock, sleep).run()
    assert sleep.slept == [120.0, 600.0]  # and never hours, whatever the EHR says


@pytest.mark.asyncio
async def test_try_again_now_starts_the_next_attempt_without_waiting_for_the_back_off(
    store: Store, clock: FakeClock
) -> None:
    never = asyncio.Event()
    sleep = FakeSleep(clock, hold=never)
    engine = ScriptedEngine([Step(error=ServerError("down", status=500)), Step(stored=7)])
    service = first_run(engine, store, clock, sleep)
    states: list[FirstRunState] = []
    task = asyncio.ensure_future(service.run(states.append))
    await sleep.started.wait()
    assert service.state.failure is FailureKind.EHR
    service.try_now()
    report = await asyncio.wait_for(task, timeout=5)
    assert report.ok
    assert engine.attempts == 2
    assert states[-1].stage == "done"


@pytest.mark.asyncio
async def test_a_cache_that_cannot_save_is_reported_and_tried_again(
    store: Store, clock: FakeClock, sleep: FakeSleep
) -> None:
    engine = ScriptedEngine([Step(error=StoreError("database or disk is full")), Step(stored=2)])
    states: list[FirstRunState] = []
    report = await first_run(engine, store, clock, sleep).run(states.append)
    assert report.ok
    assert [s.failure for s in states if s.stage == "waiting"] == [FailureKind.STORAGE]


@pytest.mark.asyncio
async def test_giving_up_stops_the_retries_and_the_listening(
    store: Store, clock: FakeClock
) -> None:
    sleep = FakeSleep(clock, hold=asyncio.Event())
    engine = ScriptedEngine([Step(error=OfflineError("down"))])
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
async def test_the_log_names_the_kind_and_never_the_ehrs_words(
    store: Store, clock: FakeClock, sleep: FakeSleep, caplog: pytest.LogCaptureFixture
) -> None:
    detail = "Patient DUPONT Marie not found"  # what a careless EHR might put in a message
    engine = ScriptedEngine([Step(error=RejectedError(detail, status=400)), Step(stored=1)])
    with caplog.at_level("INFO", logger="bedside.services.first_run"):
        await first_run(engine, store, clock, sleep).run()
    assert "first_run_failed" in caplog.text
    assert "kind=ehr" in caplog.text
    assert "first_run_landed" in caplog.text
    assert "DUPONT" not in caplog.text
