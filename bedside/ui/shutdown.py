"""Ctrl+C and SIGTERM while Qt's event loop waits: a clean shutdown instead of a traceback.

Python runs a signal handler only between two bytecodes of the main thread. While Qt waits in C++
(no events, no timers due), that never happens, and when it finally does the default SIGINT
handler raises KeyboardInterrupt inside whatever Qt callback happens to run — an event filter,
say — where Qt prints it and carries on. Instead: our handlers only record the signal, Python's
wake-up file descriptor wakes Qt through a socket notifier, and the notifier asks the app to shut
down on the loop (stop the engine, settle or abandon the request in flight, close the cache,
remove a demo's directory) like any other event.
"""

from __future__ import annotations

import contextlib
import logging
import signal
import socket
from collections.abc import Callable, Iterator
from types import FrameType

from PySide6.QtCore import QSocketNotifier

log = logging.getLogger(__name__)

SHUTDOWN_SIGNALS = (signal.SIGINT, signal.SIGTERM)


@contextlib.contextmanager
def shutdown_on_signals(request_shutdown: Callable[[str], None]) -> Iterator[None]:
    """While inside, SIGINT/SIGTERM call ``request_shutdown(signal name)`` on the Qt thread.

    A second signal while shutting down is passed on too: ``request_shutdown`` decides what a
    repeated request means. Restores the previous handlers and wake-up descriptor on exit.
    """
    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    received: list[int] = []

    def record(signum: int, _frame: FrameType | None) -> None:
        received.append(signum)

    def deliver() -> None:
        with contextlib.suppress(BlockingIOError, InterruptedError):
            while reader.recv(64):
                pass
        while received:
            name = signal.Signals(received.pop(0)).name
            log.info("shutdown_requested signal=%s", name)
            request_shutdown(name)

    previous = {signum: signal.signal(signum, record) for signum in SHUTDOWN_SIGNALS}
    previous_fd = signal.set_wakeup_fd(writer.fileno(), warn_on_full_buffer=False)
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read)
    notifier.activated.connect(deliver)
    try:
        yield
    finally:
        notifier.setEnabled(False)
        notifier.deleteLater()
        signal.set_wakeup_fd(previous_fd)
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        reader.close()
        writer.close()
