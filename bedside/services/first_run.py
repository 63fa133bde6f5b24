"""A tablet's first start with an empty cache: one full pull, followed on screen, retried.

Owns what the first-run screen shows and does, so that the screen never touches the sync layer:

* whether this cache still needs its first full pull (:meth:`FirstRun.needs_first_pull`);
* the pull itself, through the sync engine, its progress turned into :class:`FirstRunState`
  values (stage, resources stored, the EHR's estimate of the total, the type being downloaded,
  the ward's or bed's name once its ``Location`` is in the cache);
* what went wrong, as one :class:`FailureKind` — offline, credentials refused, certificate not
  trusted, EHR error, or this tablet's own storage — each with one plain sentence (the screen
  shows its translation), and the retries: by themselves after 5 s, 15 s, 30 s and then every
  60 s (longer when the EHR asks for it with ``Retry-After``), or at once on :meth:`try_now`.

The engine is reached only through :class:`FirstPullPort`, which
:class:`bedside.sync.SyncEngine` satisfies: the engine decides whether the cache holds a full
pull and sorts a failed attempt's error into a plain
:data:`~bedside.sync.status.PullFailure`; this module never sees the sync layer's errors (the
services' import contract in pyproject.toml allows :mod:`bedside.sync.status` only).

Clock and sleep are injected, so tests wait for nothing. The log gets kinds, types and counts,
never patient data. It must not import Qt.
"""

from __future__ import annotations

import asyncio
import enum
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Literal, Protocol

from bedside.services.clock import Clock, system_clock
from bedside.store import Store, StoreError
from bedside.sync.status import DownloadProgress, Progress, PullOutcome

log = logging.getLogger(__name__)

Sleep = Callable[[float], Awaitable[None]]
Stage = Literal["connecting", "downloading", "saving", "waiting", "done"]

# Seconds before the 1st, 2nd, 3rd… automatic retry; the last one repeats.
RETRY_DELAYS_S: tuple[float, ...] = (5.0, 15.0, 30.0, 60.0)
# A Retry-After longer than this is the EHR's problem, not a reason to stop trying for hours.
MAX_RETRY_AFTER_S = 600.0


class FailureKind(enum.Enum):
    """Why a first pull failed, as a person at the tablet (or IT on the phone) needs to know it.

    One member per :data:`~bedside.sync.status.PullFailure`, with the same value:
    ``FailureKind(outcome.failure)``.
    """

    OFFLINE = "offline"
    CREDENTIALS = "credentials"
    CERTIFICATE = "certificate"
    EHR = "ehr"
    STORAGE = "storage"

    @property
    def sentence(self) -> str:
        """The one plain English sentence (for the log and the command line; screens translate)."""
        return _SENTENCES[self]


_SENTENCES = {
    FailureKind.OFFLINE: "This tablet cannot reach the EHR: check its network connection.",
    FailureKind.CREDENTIALS: (
        "The EHR refused this tablet's credentials: ask IT to check its enrollment."
    ),
    FailureKind.CERTIFICATE: (
        "This tablet does not trust the EHR's certificate: ask IT to check the certificates "
        "installed on it."
    ),
    FailureKind.EHR: "The EHR answered with an error: it may be busy or under maintenance.",
    FailureKind.STORAGE: ("This tablet could not save the download: ask IT to check its storage."),
}


@dataclass(frozen=True)
class FirstRunState:
    """What the first-run screen shows, one value per step of the pull."""

    stage: Stage
    scope_kind: Literal["ward", "bed"]
    place: str  # the ward's or bed's name (its Location), else its id
    place_named: bool = False  # ``place`` is the Location's name, not its id
    stored: int = 0  # resources stored by the current attempt
    expected: int | None = None  # the EHR's estimate of the attempt's total; None: not known
    resource_type: str | None = None  # the type being downloaded
    attempt: int = 1
    failure: FailureKind | None = None  # why the last attempt failed (stage "waiting")
    next_try_at: datetime | None = None  # when the next attempt starts by itself

    @property
    def estimate(self) -> int | None:
        """The total to show beside ``stored``: never below it (the EHR's total is an estimate)."""
        return None if self.expected is None else max(self.expected, self.stored)


class PullScope(Protocol):
    """The device's scope as the first run sees it (a :class:`bedside.sync.Scope` is one)."""

    @property
    def kind(self) -> Literal["ward", "bed"]: ...

    @property
    def location_id(self) -> str:
        """The ward's or bed's ``Location`` id."""
        ...

    @property
    def key(self) -> str:
        """The scope as the log and the store name it (``ward:<id>``)."""
        ...


class FirstPullPort(Protocol):
    """What the first run needs of the sync engine (:class:`bedside.sync.SyncEngine`)."""

    @property
    def scope(self) -> PullScope: ...

    async def has_complete_pull(self) -> bool:
        """True once a full pull of the scope has landed in the cache."""
        ...

    async def first_pull_attempt(self) -> PullOutcome:
        """One attempt at the full pull; its failure, if any, already sorted into a kind."""
        ...

    def add_progress_listener(self, listener: Progress) -> None:
        """Follow every pull page by page (quick callbacks on the loop)."""
        ...

    def remove_progress_listener(self, listener: Progress) -> None: ...


StateListener = Callable[[FirstRunState], None]


class FirstRun:
    """The first full pull of one cache, with its retries."""

    def __init__(
        self,
        engine: FirstPullPort,
        store: Store,
        *,
        clock: Clock = system_clock,
        sleep: Sleep = asyncio.sleep,
        retry_delays_s: Sequence[float] = RETRY_DELAYS_S,
    ) -> None:
        if not retry_delays_s:
            raise ValueError("retry_delays_s needs at least one delay")
        self.engine = engine
        self.store = store
        self.clock = clock
        self._sleep = sleep
        self._delays = tuple(retry_delays_s)
        scope = engine.scope
        self._state = FirstRunState("connecting", scope.kind, scope.location_id)
        self._listener: StateListener | None = None
        self._wake = asyncio.Event()
        self._named = False
        self._lookups: set[asyncio.Task[None]] = set()

    @property
    def state(self) -> FirstRunState:
        return self._state

    async def needs_first_pull(self) -> bool:
        """True until a full pull of this device's scope has landed in the cache.

        The engine knows (:meth:`FirstPullPort.has_complete_pull`): a cache that never synced,
        holds another scope (a tablet moved to another ward) or an interrupted pull needs one.
        """
        return not await self.engine.has_complete_pull()

    async def run(self, on_state: StateListener | None = None) -> PullOutcome:
        """Pull until the first full pull has landed; return that attempt's outcome.

        ``on_state`` hears every new :class:`FirstRunState` (quickly, on the loop). Failures
        never end it: each one is reported as a ``waiting`` state and tried again after the
        back-off or on :meth:`try_now`. Cancel the task to give up (the app is closing).
        """
        self._listener = on_state
        self.engine.add_progress_listener(self._on_progress)
        started = time.perf_counter()
        scope_key = self.engine.scope.key
        log.info("first_run_started scope=%s", scope_key)
        attempt = 0
        try:
            await self._look_up_place()
            while True:
                attempt += 1
                self._publish(
                    replace(
                        self._state,
                        stage="connecting",
                        stored=0,
                        expected=None,
                        resource_type=None,
                        attempt=attempt,
                        failure=None,
                        next_try_at=None,
                    ),
                    always=True,  # every attempt is announced, the first one too
                )
                # The engine pulls without reconciling (the board should not wait for a round
                # of counts) and sorts a failure into its kind; nothing here raises for one.
                outcome = await self.engine.first_pull_attempt()
                if outcome.failure is None:
                    self._publish(replace(self._state, stage="done", stored=outcome.stored))
                    log.info(
                        "first_run_landed scope=%s attempts=%d resources=%d seconds=%.1f",
                        scope_key,
                        attempt,
                        outcome.stored,
                        time.perf_counter() - started,
                    )
                    return outcome
                kind = FailureKind(outcome.failure)
                delay = self._delay(attempt, outcome.retry_after_s)
                log.warning(
                    "first_run_failed scope=%s attempt=%d kind=%s cause=%s retry_in_s=%.0f",
                    scope_key,
                    attempt,
                    kind.value,
                    outcome.cause,
                    delay,
                )
                self._publish(
                    replace(
                        self._state,
                        stage="waiting",
                        failure=kind,
                        next_try_at=self.clock() + timedelta(seconds=delay),
                    )
                )
                await self._wait(delay)
        finally:
            self.engine.remove_progress_listener(self._on_progress)
            self._listener = None
            for task in list(self._lookups):
                task.cancel()
            await asyncio.gather(*self._lookups, return_exceptions=True)

    def try_now(self) -> None:
        """Start the next attempt now instead of at the end of the back-off."""
        self._wake.set()

    def seconds_until_next_try(self, state: FirstRunState | None = None) -> float | None:
        """How long until the next attempt starts by itself; None while one is running.

        ``state`` is one this service published (a screen asks about the one it shows).
        """
        state = self._state if state is None else state
        if state.stage != "waiting" or state.next_try_at is None:
            return None
        return max(0.0, (state.next_try_at - self.clock()).total_seconds())

    # ----------------------------------------------------------------------------------------

    def _delay(self, attempt: int, retry_after_s: float | None) -> float:
        delay = self._delays[min(attempt, len(self._delays)) - 1]
        if retry_after_s:
            delay = max(delay, min(retry_after_s, MAX_RETRY_AFTER_S))
        return delay

    async def _wait(self, seconds: float) -> None:
        """Sleep ``seconds``, or less when :meth:`try_now` is called meanwhile."""
        self._wake.clear()
        sleeping = asyncio.ensure_future(self._sleep(seconds))
        woken = asyncio.ensure_future(self._wake.wait())
        try:
            await asyncio.wait({sleeping, woken}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in (sleeping, woken):
                task.cancel()
            await asyncio.gather(sleeping, woken, return_exceptions=True)
            self._wake.clear()

    def _publish(self, state: FirstRunState, *, always: bool = False) -> None:
        if state == self._state and not always:
            return
        self._state = state
        if self._listener is not None:
            self._listener(state)

    def _on_progress(self, progress: DownloadProgress) -> None:
        if self._state.stage in ("waiting", "done"):
            return  # a late page of a sync this first run is not waiting for
        stage: Stage
        if progress.phase == "connecting":
            stage = "connecting"
        elif progress.phase == "downloading":
            stage = "downloading"
        else:
            stage = "saving"  # the download is in; the engine finishes its bookkeeping
        self._publish(
            replace(
                self._state,
                stage=stage,
                stored=progress.stored if progress.phase != "connecting" else self._state.stored,
                # Once the EHR's estimate is known it stays for the attempt.
                expected=progress.expected
                if progress.expected is not None
                else self._state.expected,
                resource_type=progress.resource_type or self._state.resource_type,
            )
        )
        if progress.resource_type == "Location" and not self._named:
            # The ward's own Location may have just arrived: its name is nicer than its id.
            task = asyncio.ensure_future(self._look_up_place())
            self._lookups.add(task)
            task.add_done_callback(self._lookups.discard)

    async def _look_up_place(self) -> None:
        if self._named:
            return
        scope = self.engine.scope
        try:
            location = await self.store.get("Location", scope.location_id)
        except StoreError as exc:
            log.warning("first_run_place_unread cause=%s", type(exc).__name__)
            return
        name = location.get("name") if location else None
        if isinstance(name, str) and name.strip() and not self._named:
            self._named = True
            self._publish(replace(self._state, place=name.strip(), place_named=True))
