"""The database thread hands thousands of results back to the Qt loop, and none is lost.

Every store call is a hand-off: the GUI thread gives the work to the database thread, which
wakes the qasync loop with the outcome. A lost or misdelivered wake-up hangs the app for good
(issue #12). Here a real SQLCipher cache and a real qasync loop over the (offscreen)
QApplication trade 20,000 results over 2,000 short ``run_until_complete`` runs, on one core
shared with a busy-spinning process. Reads are also started the ways the app starts them around
a run's end: from a callback as the run finishes (a refresh announced by a sync), from plain
code between runs (a slot), and Qt's events are spun between runs (as ``QTest`` does) so that
results land while the loop is stopped. A watchdog thread quits Qt's wait, with every thread's
stack, should a run hang.

Both loops are run: qasync's own (the app's until its composition root takes
:mod:`bedside.ui.loop`) and :class:`bedside.ui.loop.GuiEventLoop`. With the store worker of
before #12, the first fails: a read whose task steps while its loop is stopped met
``asyncio.get_running_loop()`` and died with "no running event loop".
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
import traceback
from collections.abc import Callable, Coroutine, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from bedside.store import MemoryKeyStore, Store
from tests.watchdog import Watchdog

RUNS = 2_000
HAND_OFFS_PER_RUN = 10
SPIN_EVERY = 4  # runs between two spins of Qt's events outside the loop
RUN_LIMIT_S = 10.0  # one run is ~1 ms; this long means it hangs


def _qasync_loop(app: QApplication) -> asyncio.AbstractEventLoop:
    import qasync

    loop: asyncio.AbstractEventLoop = qasync.QEventLoop(app)
    return loop


def _gui_loop(app: QApplication) -> asyncio.AbstractEventLoop:
    from bedside.ui.loop import new_event_loop

    return new_event_loop(app)


@pytest.fixture
def one_busy_core() -> Iterator[int]:
    """This thread (and the threads it starts) on one core, which a busy loop also wants."""
    allowed = os.sched_getaffinity(0)
    core = min(allowed)
    spinner = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import os\nos.sched_setaffinity(0, {{{core}}})\nwhile True:\n pass",
        ]
    )
    os.sched_setaffinity(0, {core})
    try:
        yield core
    finally:
        os.sched_setaffinity(0, allowed)
        spinner.kill()
        spinner.wait()


class Tally:
    def __init__(self) -> None:
        self.hand_offs = 0
        self.reads_started = 0
        self.reads_done = 0
        self.errors: list[str] = []
        self.first_error = ""
        self.hangs = 0
        self.pending: set[asyncio.Task[None]] = set()


@pytest.mark.parametrize("make_loop", [_qasync_loop, _gui_loop], ids=["qasync", "gui-loop"])
def test_every_result_of_the_database_thread_wakes_the_loop_on_a_busy_core(
    qapp: QApplication,
    tmp_path: Path,
    one_busy_core: int,
    make_loop: Callable[[QApplication], asyncio.AbstractEventLoop],
) -> None:
    loop = make_loop(qapp)
    asyncio.set_event_loop(loop)
    watchdog = Watchdog(grace_s=20.0)
    tally = Tally()
    started = time.monotonic()
    try:
        store = _run(loop, watchdog, tally, "open", _open(tmp_path))
        _stress(loop, watchdog, tally, store)
        _run(loop, watchdog, tally, "drain", _drain(tally))
        _run(loop, watchdog, tally, "close", store.close())
    finally:
        watchdog.close()
        asyncio.set_event_loop(None)
        loop.close()
    seconds = time.monotonic() - started
    print(
        f"\n{RUNS} runs x {HAND_OFFS_PER_RUN} awaited hand-offs = {tally.hand_offs}; "
        f"{tally.reads_done} of {tally.reads_started} reads started around runs; "
        f"hangs {tally.hangs}; errors {len(tally.errors)}; {seconds:.1f} s on core {one_busy_core}"
    )
    assert tally.hangs == 0
    failed = f"{len(tally.errors)} of {tally.reads_started} reads failed"
    assert not tally.errors, f"{failed}; the first:\n{tally.first_error}"
    assert tally.hand_offs == RUNS * HAND_OFFS_PER_RUN
    assert tally.reads_done == tally.reads_started > 2 * RUNS


async def _open(tmp_path: Path) -> Store:
    store = await Store.open(
        tmp_path / "stress.bedside-cache", MemoryKeyStore(), key_name="cache-key:stress"
    )
    await store.set_device_fact("stress", "ready")
    return store


def _stress(
    loop: asyncio.AbstractEventLoop, watchdog: Watchdog, tally: Tally, store: Store
) -> None:
    async def read() -> None:
        try:
            assert await store.device_fact("stress") == "ready"
            await store.counts()
            tally.reads_done += 1
        except Exception as error:  # counted; the first one's stack is shown
            if not tally.errors:
                tally.first_error = traceback.format_exc()
            tally.errors.append(f"{type(error).__name__}: {error}")

    def start_read() -> None:
        task = loop.create_task(read())
        tally.reads_started += 1
        tally.pending.add(task)
        task.add_done_callback(tally.pending.discard)

    async def one_run(number: int) -> None:
        for _ in range(HAND_OFFS_PER_RUN):
            assert await store.device_fact("stress") == "ready"
            tally.hand_offs += 1
        start_read()  # still in flight when this run ends
        loop.call_soon(start_read)  # started by a callback as the run stops

    for number in range(RUNS):
        _run(loop, watchdog, tally, f"run {number}", one_run(number))
        start_read()  # started from plain code between two runs
        if number % SPIN_EVERY == 0:
            QApplication.processEvents()  # Qt moves (a click, QTest): results land meanwhile


async def _drain(tally: Tally) -> None:
    while tally.pending:
        await asyncio.gather(*list(tally.pending), return_exceptions=True)


def _run(
    loop: asyncio.AbstractEventLoop,
    watchdog: Watchdog,
    tally: Tally,
    label: str,
    coroutine: Coroutine[Any, Any, Any],
) -> Any:
    watchdog.arm(label, RUN_LIMIT_S)
    try:
        return loop.run_until_complete(coroutine)
    except RuntimeError:
        if watchdog.fired is None:
            raise
        tally.hangs += 1
        pytest.fail(f"{label} hung; every thread's stack:\n{watchdog.fired}")
    finally:
        watchdog.disarm()
