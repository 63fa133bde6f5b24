"""The store's one database thread, and the async bridge to it.

Under qasync the asyncio loop *is* the Qt GUI thread, so nothing may touch the database there.
Every call goes through :meth:`DatabaseWorker.run`, which hands a function to a dedicated
single-thread executor; the SQLCipher connection is created on that thread and (with
``check_same_thread``) can never be used from another one.

The hand-back is explicit: the result future belongs to the loop that awaits it -- the running
one, or, when a task step runs while its loop is stopped (qasync runs callbacks inside any
``processEvents``, e.g. between two ``run_until_complete``), the loop the cache was opened on --
and the database thread settles it only through that loop's ``call_soon_threadsafe``. Nothing
here asks ``asyncio.get_running_loop()`` (it raised "no running event loop" in that gap) or
lets ``asyncio.wrap_future`` guess a loop from the policy (a loop that never runs would never
wake the caller). The GUI side of the same seam is :mod:`bedside.ui.loop`.
"""

from __future__ import annotations

import asyncio
import functools
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Concatenate, ParamSpec, TypeVar

from bedside.store.connection import Connection, mapped_errors
from bedside.store.errors import StoreClosedError

P = ParamSpec("P")
T = TypeVar("T")

THREAD_NAME = "bedside-db"


class DatabaseWorker:
    """Owns the executor thread and the connection that lives on it."""

    def __init__(self) -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=THREAD_NAME)
        self._conn: Connection | None = None
        self._closed = False
        self._loop: asyncio.AbstractEventLoop | None = None

    async def start(self, opener: Callable[[], Connection]) -> None:
        """Create the connection on the worker thread."""
        self._loop = asyncio.get_running_loop()
        self._conn = await self._hand_off(opener)

    def _call(
        self, fn: Callable[Concatenate[Connection, P], T], *args: P.args, **kwargs: P.kwargs
    ) -> T:
        if self._conn is None or self._closed:
            raise StoreClosedError("The local cache is closed.")
        # The boundary: a database error no store function mapped (a write on a read-only
        # cache, say) still leaves the store as one of its own typed errors.
        with mapped_errors("using the cache"):
            return fn(self._conn, *args, **kwargs)

    async def run(
        self, fn: Callable[Concatenate[Connection, P], T], *args: P.args, **kwargs: P.kwargs
    ) -> T:
        """Run ``fn(connection, *args, **kwargs)`` on the database thread and await its result."""
        if self._closed:
            raise StoreClosedError("The local cache is closed.")
        return await self._hand_off(functools.partial(self._call, fn, *args, **kwargs))

    async def close(self) -> None:
        """Close the connection on its own thread, then stop the thread."""
        if self._closed:
            return

        def shut() -> None:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

        await self._hand_off(shut)
        self._closed = True
        self._executor.shutdown(wait=True)

    def _event_loop(self) -> asyncio.AbstractEventLoop:
        """The loop to hand the result back to: the running one, else the cache's own."""
        loop = asyncio._get_running_loop()
        if loop is None:
            loop = self._loop
        if loop is None:
            raise RuntimeError("The database worker was not started on an event loop.")
        return loop

    async def _hand_off(self, call: Callable[[], T]) -> T:
        """Run ``call`` on the database thread; wake this loop (and only it) with the outcome."""
        loop = self._event_loop()
        outcome: asyncio.Future[T] = loop.create_future()
        job = self._executor.submit(call)

        def on_database_thread(done: Future[T]) -> None:
            # Runs on the database thread (or here, if the job was already done). The loop may
            # have been closed meanwhile (a test's loop, the app shutting down): then nobody
            # waits for this outcome any more.
            if loop.is_closed():
                return
            try:
                loop.call_soon_threadsafe(_settle, outcome, done)
            except RuntimeError:
                return

        def on_loop(awaited: asyncio.Future[T]) -> None:
            if awaited.cancelled():
                job.cancel()  # not started yet: it never runs; running: it finishes unheard

        outcome.add_done_callback(on_loop)
        job.add_done_callback(on_database_thread)
        return await outcome

    @staticmethod
    def on_worker_thread() -> bool:
        """True when called from the database thread (used by tests and assertions)."""
        return threading.current_thread().name.startswith(THREAD_NAME)


def _settle(outcome: asyncio.Future[T], done: Future[T]) -> None:
    """On the loop: copy the database thread's outcome into the awaited future."""
    if outcome.done():  # cancelled by its awaiter meanwhile
        return
    if done.cancelled():
        outcome.cancel()
        return
    error = done.exception()
    if error is not None:
        outcome.set_exception(error)
    else:
        outcome.set_result(done.result())
