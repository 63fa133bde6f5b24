"""Running a service coroutine from a screen: one task, errors reported, nothing left dangling.

Owns the bridge between Qt slots (synchronous) and services (async, on the same qasync loop).
:func:`run` schedules the coroutine as a task, keeps a reference so it is not collected midway,
calls ``on_done`` with its result or ``on_error`` with the exception, and logs unexpected errors
by type only (their text may quote patient data). A widget deleted meanwhile is not called back.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

from PySide6.QtCore import QObject
from shiboken6 import isValid

log = logging.getLogger(__name__)

T = TypeVar("T")

_running: set[asyncio.Task[Any]] = set()


def run(
    coroutine: Coroutine[Any, Any, T],
    *,
    owner: QObject | None = None,
    on_done: Callable[[T], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
) -> asyncio.Task[T]:
    """Run ``coroutine`` on the event loop and report back to ``owner`` while it still exists."""
    task = asyncio.ensure_future(coroutine)
    _running.add(task)

    def finished(done: asyncio.Task[T]) -> None:
        _running.discard(done)
        if done.cancelled():
            return
        if owner is not None and not isValid(owner):
            return
        error = done.exception()
        if error is not None:
            if on_error is not None:
                on_error(error)
            else:
                log.error("screen_action_failed", exc_info=error)
            return
        if on_done is not None:
            on_done(done.result())

    task.add_done_callback(finished)
    return task


async def drain() -> None:
    """Wait for every running screen task (tests and shutdown)."""
    while _running:
        await asyncio.gather(*list(_running), return_exceptions=True)
