"""The app's asyncio loop: qasync's ``QEventLoop``, made to keep asyncio's one rule.

Owns the seam between Qt's event loop and asyncio. Under qasync every asyncio callback (a task
step, a future's done-callback, a database result handed over from its thread) is a zero-delay
Qt timer, and Qt fires timers whenever *anyone* processes events -- not only inside
``run_forever``. qasync 0.28 itself does so: ``run_until_complete`` clears the running loop
(``run_forever``'s ``finally``) and *then* calls ``processEvents`` "one last time"; ``QTest``
clicks, ``qWait`` and any other ``processEvents`` between two runs do the same. A task step run
there finds no running loop:

* ``asyncio.get_running_loop()`` raises "no running event loop" (a cache read started by a
  refresh fails: the errors seen in #5);
* ``asyncio.current_task()`` raises too, so an ``anyio.Lock`` that the task took while the loop
  ran can never be released by it (``release`` asks for the current task first). httpcore
  guards each connection with such a lock, with no timeout: the next request through that
  connection waits for ever, no thread has anything to do, and the GUI thread sleeps in Qt's
  wait -- the hang of #12 (``tests/ui/test_loop.py`` reproduces it with a real HTTP server).

A callback scheduled from another thread with the non-thread-safe ``call_soon`` (a future
settled, or a coroutine finalised, by the garbage collector on the database thread) is lost
outright: ``QObject.startTimer`` refuses other threads ("Timers cannot be started from another
thread") and qasync files the handle under timer id 0, which never fires.

:class:`GuiEventLoop` replaces qasync's timer object with :class:`_Callbacks`, which

* runs a callback only while this loop is the running loop and no other callback of it is
  running; one that comes due at any other time (between runs, in a nested ``processEvents``)
  is held, in order, and runs when the loop runs again -- nothing is run outside the loop and
  nothing is dropped;
* takes callbacks from any thread, passing those of other threads over with a queued signal.

Use :func:`new_event_loop` wherever the app (or a test) needs the loop. Everything else --
``run_until_complete``, ``run_in_executor``, sockets, ``call_soon_threadsafe`` -- is qasync's.
"""

from __future__ import annotations

import asyncio
import collections
import logging
import threading
import time
from typing import Any

import qasync
from PySide6.QtCore import QObject, QTimerEvent, Signal
from PySide6.QtWidgets import QApplication

log = logging.getLogger(__name__)


class _Callbacks(QObject):
    """The loop's ready and timed callbacks, as Qt timers on the GUI thread."""

    _from_other_thread = Signal(object, float)

    def __init__(self, loop: GuiEventLoop) -> None:
        super().__init__()
        self._loop = loop
        self._gui_thread = threading.get_ident()
        self._timed: dict[int, asyncio.Handle] = {}
        self._held: collections.deque[asyncio.Handle] = collections.deque()
        self._depth = 0  # callbacks of this loop running right now (> 1 only when nested)
        self._stopped = False
        self._debug = False
        # Queued: a foreign thread's emit is posted to the GUI thread, which wakes Qt up.
        self._from_other_thread.connect(self._add_here)

    # qasync's timer interface: add_callback, stop, set_debug -----------------------------------

    def add_callback(self, handle: asyncio.Handle, delay: float = 0) -> asyncio.Handle:
        if threading.get_ident() != self._gui_thread:
            self._from_other_thread.emit(handle, float(delay))
        else:
            self._add_here(handle, float(delay))
        return handle

    def stop(self) -> None:
        """The loop is closing: drop everything, fire nothing more."""
        self._stopped = True
        for timer_id in list(self._timed):
            self.killTimer(timer_id)
        self._timed.clear()
        self._held.clear()

    def set_debug(self, enabled: bool) -> None:
        self._debug = enabled

    # The rule ----------------------------------------------------------------------------------

    def resume(self) -> None:
        """The loop starts running: arm what was held, in the order it was scheduled."""
        held, self._held = self._held, collections.deque()
        for handle in held:
            if not handle.cancelled():
                self._arm(handle, 0)

    def _loop_runs(self) -> bool:
        return asyncio._get_running_loop() is self._loop

    def _add_here(self, handle: asyncio.Handle, delay: float) -> None:
        if self._stopped or handle.cancelled():
            return
        if delay <= 0 and not self._loop_runs():
            # The loop is not running: keep it, in order, for the next run (no timer needed).
            self._held.append(handle)
            return
        self._arm(handle, delay)

    def _arm(self, handle: asyncio.Handle, delay: float) -> None:
        timer_id = self.startTimer(max(0, int(delay * 1000)))
        if timer_id == 0:  # cannot happen on the GUI thread; never lose the callback silently
            log.error("loop_timer_refused")
            self._held.append(handle)
            return
        self._timed[timer_id] = handle

    def timerEvent(self, event: QTimerEvent) -> None:  # noqa: N802 -- Qt's name
        timer_id = event.timerId()
        self.killTimer(timer_id)
        handle = self._timed.pop(timer_id, None)
        if handle is None or handle.cancelled() or self._stopped:
            return
        if self._depth > 0 or not self._loop_runs():
            # Between two runs, or inside another callback (a nested processEvents): later.
            self._held.append(handle)
            return
        self._depth += 1
        try:
            self._run(handle)
        finally:
            self._depth -= 1
        if self._held and self._depth == 0 and self._loop_runs():
            # Callbacks that came due inside this one (a nested processEvents) run now.
            self.resume()

    def _run(self, handle: asyncio.Handle) -> None:
        if not self._debug:
            handle._run()
            return
        started = time.monotonic()
        handle._run()
        took = time.monotonic() - started
        if took >= self._loop.slow_callback_duration:
            log.warning("loop_slow_callback seconds=%.3f", took)


class GuiEventLoop(qasync.QEventLoop):  # type: ignore[misc]
    """qasync's loop over the QApplication, running asyncio callbacks only while it runs."""

    def __init__(self, app: QApplication | None = None) -> None:
        super().__init__(app)
        self._callbacks = _Callbacks(self)
        # qasync schedules every callback through ``self._timer`` (add_callback, stop, set_debug).
        self._timer = self._callbacks

    def run_forever(self) -> Any:
        if self.is_running():
            raise RuntimeError("Event loop already running")
        self._callbacks.resume()
        return super().run_forever()


def new_event_loop(app: QApplication | None = None) -> GuiEventLoop:
    """The loop for ``app`` (default: the running QApplication); not yet set as current."""
    return GuiEventLoop(app)
