"""Fixtures for screen tests: the app's own loop (qasync, :mod:`bedside.ui.loop`) and a seeded
encrypted cache.

Screens call services on the asyncio loop that *is* Qt's loop, as in the app. A test drives a
widget (clicks, keys), then runs the loop until the screen's tasks are done with :func:`settle`.
Nothing async runs between two runs (a click, ``QTest`` or ``processEvents`` only moves Qt's
events), and no run waits for ever: each is bounded (:data:`RUN_LIMIT_S`) and fails with the
stacks of the tasks still pending. The cache is a real SQLCipher file holding the synthetic
ward, its clock pinned to the seed's "now" so that due doses, NEWS2 windows and "today" are the
same on every run.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtWidgets import QApplication

from bedside.sandbox.seed import SeedWard, generate_ward
from bedside.services.clock import Clock
from bedside.store import MemoryKeyStore, Store
from bedside.ui import ops, style
from bedside.ui.gui_gc import collect_garbage_on_the_gui_thread
from bedside.ui.loop import new_event_loop

T = TypeVar("T")

# One run of the loop (a sync over loopback, a screen settling) takes seconds at most, even on
# one loaded core; past this it is a hang, reported with what every pending task waits for.
RUN_LIMIT_S = 60.0

# A Tuesday morning on the ward, in winter time (Europe/Paris is UTC+1).
WARD_NOW = datetime(2026, 11, 24, 9, 30, tzinfo=UTC)
WARD_TZ = ZoneInfo("Europe/Paris")


def ward_clock() -> datetime:
    return WARD_NOW


class Loop:
    """The asyncio loop of one test, with helpers to run coroutines and the screens' tasks."""

    def __init__(self, app: QApplication) -> None:
        self.loop = new_event_loop(app)
        asyncio.set_event_loop(self.loop)

    def run(self, coroutine: Coroutine[Any, Any, T], timeout_s: float = RUN_LIMIT_S) -> T:
        return self.loop.run_until_complete(_bounded(coroutine, timeout_s))

    def settle(self, timeout_s: float = RUN_LIMIT_S) -> None:
        """Run until every task a screen started (``bedside.ui.ops.run``) has finished."""
        self.run(ops.drain(), timeout_s)

    def wait_until(self, condition: Callable[[], bool], timeout_s: float = 5.0) -> None:
        """Run the loop (Qt's events and the screens' tasks) until ``condition()`` holds.

        Use this rather than ``qtbot.waitUntil``: that spins Qt's events outside the asyncio
        loop, where a screen's task does not run.
        """

        async def poll() -> None:
            deadline = asyncio.get_running_loop().time() + timeout_s
            while not condition():
                if asyncio.get_running_loop().time() > deadline:
                    raise TimeoutError(f"still not true after {timeout_s} s")
                await asyncio.sleep(0.02)

        self.run(poll(), timeout_s + RUN_LIMIT_S)
        self.settle()

    def close(self) -> None:
        self.settle()
        asyncio.set_event_loop(None)
        self.loop.close()


async def _bounded(coroutine: Coroutine[Any, Any, T], timeout_s: float) -> T:
    """``coroutine``'s result, or a TimeoutError naming what every pending task waits for."""
    task = asyncio.ensure_future(coroutine)
    done, _ = await asyncio.wait({task}, timeout=timeout_s)
    if done:
        return task.result()
    waiting = _pending_task_stacks()
    task.cancel()
    await asyncio.wait({task}, timeout=2.0)
    raise TimeoutError(f"the loop ran {timeout_s} s without finishing; pending tasks:\n{waiting}")


def _pending_task_stacks() -> str:
    lines = []
    for task in asyncio.all_tasks() - {asyncio.current_task()}:
        lines.append(f"{task!r}")
        coroutine: Any = task.get_coro()
        while coroutine is not None:
            frame = getattr(coroutine, "cr_frame", None) or getattr(coroutine, "ag_frame", None)
            if frame is None:
                lines.append(f"  awaiting {type(coroutine).__name__}")
                break
            lines.append(f"  {frame.f_code.co_filename}:{frame.f_lineno} in {frame.f_code.co_name}")
            coroutine = getattr(coroutine, "cr_await", None) or getattr(coroutine, "ag_await", None)
    return "\n".join(lines)


@pytest.fixture(scope="session", autouse=True)
def app_style(qapp: QApplication) -> None:
    """Screens are tested as the app shows them: with its style sheet (sizes, fonts, tones)."""
    qapp.setStyleSheet(style.STYLE_SHEET)
    # As in the app: cycles (and the Qt objects in them) are collected on the GUI thread only.
    collect_garbage_on_the_gui_thread()


@pytest.fixture
def qloop(qapp: QApplication) -> Iterator[Loop]:
    loop = Loop(qapp)
    try:
        yield loop
    finally:
        loop.close()


@pytest.fixture(scope="session")
def seed_ward() -> SeedWard:
    return generate_ward(seed=2026, now=WARD_NOW, history_days=7)


@pytest.fixture
def clock() -> Clock:
    return ward_clock


@pytest.fixture
def ward_store(qloop: Loop, tmp_path: Path, seed_ward: SeedWard) -> Iterator[Store]:
    """A real encrypted cache holding the whole synthetic ward (a week of history)."""

    async def open_and_fill() -> Store:
        store = await Store.open(tmp_path / "ward.bedside-cache", MemoryKeyStore(), key_name="k")
        await store.put_server_resources(seed_ward.resources)
        return store

    store = qloop.run(open_and_fill())
    try:
        yield store
    finally:
        qloop.settle()
        qloop.run(store.close())
