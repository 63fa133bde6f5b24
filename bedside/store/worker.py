"""The store's one database thread, and the async bridge to it.

Under qasync the asyncio loop *is* the Qt GUI thread, so nothing may touch the database there.
Every call goes through :meth:`DatabaseWorker.run`, which hands a function to a dedicated
single-thread executor; the SQLCipher connection is created on that thread and (with
``check_same_thread``) can never be used from another one.
"""

from __future__ import annotations

import asyncio
import functools
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Concatenate, ParamSpec, TypeVar

from bedside.store.connection import Connection
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

    async def start(self, opener: Callable[[], Connection]) -> None:
        """Create the connection on the worker thread."""
        loop = asyncio.get_running_loop()
        self._conn = await loop.run_in_executor(self._executor, opener)

    def _call(
        self, fn: Callable[Concatenate[Connection, P], T], *args: P.args, **kwargs: P.kwargs
    ) -> T:
        if self._conn is None or self._closed:
            raise StoreClosedError("The local cache is closed.")
        return fn(self._conn, *args, **kwargs)

    async def run(
        self, fn: Callable[Concatenate[Connection, P], T], *args: P.args, **kwargs: P.kwargs
    ) -> T:
        """Run ``fn(connection, *args, **kwargs)`` on the database thread and await its result."""
        if self._closed:
            raise StoreClosedError("The local cache is closed.")
        loop = asyncio.get_running_loop()
        call = functools.partial(self._call, fn, *args, **kwargs)
        return await loop.run_in_executor(self._executor, call)

    async def close(self) -> None:
        """Close the connection on its own thread, then stop the thread."""
        if self._closed:
            return
        loop = asyncio.get_running_loop()

        def shut(_: Any = None) -> None:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

        await loop.run_in_executor(self._executor, shut)
        self._closed = True
        self._executor.shutdown(wait=True)

    @staticmethod
    def on_worker_thread() -> bool:
        """True when called from the database thread (used by tests and assertions)."""
        return threading.current_thread().name.startswith(THREAD_NAME)
