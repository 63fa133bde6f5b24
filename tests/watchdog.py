"""Hangs fail fast: every thread's stack, then Qt's wait interrupted from another thread.

pytest-timeout's signal method cannot fire while the GUI thread sleeps inside Qt (``exec``,
``processEvents(WaitForMoreEvents)``): the Python handler only runs when Qt returns to Python,
which a lost wake-up never does. A :class:`Watchdog` is a plain thread that, once a deadline
passes, takes every thread's stack (``sys._current_frames``, named by ``threading``) and asks
Qt's own loop to quit through a queued call -- thread-safe, and it wakes the dispatcher. qasync's
``run_until_complete`` then returns and raises "Event loop stopped before Future completed", so
the test fails with the stacks; if nothing comes back (a wait that is not Qt's), the last resort
is ``faulthandler`` to the terminal and ``os._exit`` with a sentence saying why.
"""

from __future__ import annotations

import faulthandler
import os
import sys
import threading
import time
import traceback
from collections.abc import Callable

EXIT_HUNG = 70


def thread_stacks() -> str:
    """Every thread's Python stack, innermost call last, each headed by the thread's name."""
    names = {thread.ident: thread.name for thread in threading.enumerate()}
    parts = []
    for ident, frame in sys._current_frames().items():
        stack = "".join(traceback.format_stack(frame))
        parts.append(f"--- thread {names.get(ident, '?')} ({ident}) ---\n{stack}")
    return "\n".join(parts)


def quit_qt_wait() -> bool:
    """Ask the GUI thread's Qt loop to return (safe from any thread); False without Qt."""
    qt_core = sys.modules.get("PySide6.QtCore")
    if qt_core is None:
        return False
    app = qt_core.QCoreApplication.instance()
    if app is None:
        return False
    return bool(
        qt_core.QMetaObject.invokeMethod(app, "quit", qt_core.Qt.ConnectionType.QueuedConnection)
    )


class Watchdog:
    """One thread, re-armed per job (a test, a run): a deadline, then stacks and a Qt quit.

    ``arm(label, seconds)`` starts watching, ``disarm()`` stops; ``fired`` holds the stacks
    taken when the deadline passed (None if it did not). If the job is still not over
    ``grace_s`` after the quit, ``last_resort(label, stacks)`` runs (default: dump and exit).
    """

    def __init__(
        self,
        *,
        grace_s: float = 30.0,
        poll_s: float = 0.25,
        last_resort: Callable[[str, str], None] | None = None,
    ) -> None:
        self._grace_s = grace_s
        self._poll_s = poll_s
        self._last_resort = last_resort or exit_with_stacks
        self._lock = threading.Lock()
        self._job = 0
        self._label = ""
        self._deadline: float | None = None
        self._fired_at: float | None = None
        self.fired: str | None = None
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="test-watchdog", daemon=True)
        self._thread.start()

    def arm(self, label: str, seconds: float) -> None:
        with self._lock:
            self._job += 1
            self._label = label
            self._deadline = time.monotonic() + seconds
            self._fired_at = None
            self.fired = None

    def disarm(self) -> None:
        with self._lock:
            self._deadline = None
            self._fired_at = None

    def close(self) -> None:
        self._stopping.set()
        self._thread.join(timeout=5)

    def _watch(self) -> None:
        while not self._stopping.wait(self._poll_s):
            with self._lock:
                deadline, fired_at, label = self._deadline, self._fired_at, self._label
            now = time.monotonic()
            if deadline is None or now < deadline:
                continue
            if fired_at is None:
                stacks = thread_stacks()
                with self._lock:
                    if self._deadline is None:  # finished meanwhile
                        continue
                    self.fired = stacks
                    self._fired_at = now
                quit_qt_wait()
            elif now - fired_at > self._grace_s:
                self._last_resort(label, thread_stacks())
                with self._lock:
                    self._deadline = None
            else:
                quit_qt_wait()  # the quit may have landed outside Qt's wait: ask again


def exit_with_stacks(label: str, stacks: str) -> None:
    """The last resort: say what hung, dump every thread to the real stderr, end the run."""
    message = (
        f"\n\n*** {label} hung and did not come back after Qt's loop was asked to quit; "
        f"ending the test run (exit {EXIT_HUNG}). Every thread's stack:\n{stacks}\n"
    )
    fd = 2  # the caller has given the terminal back (pytest's capture suspended)
    try:
        os.write(fd, message.encode("utf-8", "replace"))
        faulthandler.dump_traceback(file=fd, all_threads=True)
    finally:
        os._exit(EXIT_HUNG)
