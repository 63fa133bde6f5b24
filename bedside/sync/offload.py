"""CPU-heavy work of the sync layer (decoding and checking pages) on its own worker thread.

Under qasync the loop's default executor is qasync's own (Qt threads); the sync layer must not
depend on Qt, so it brings a plain standard-library thread. One dedicated thread also keeps the
work in order and bounded: pages are decoded one at a time, never all at once.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")

_EXECUTOR = ThreadPoolExecutor(max_workers=1, thread_name_prefix="bedside-sync-parse")


async def off_loop(function: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """Run ``function`` on the sync layer's worker thread and wait for it without blocking."""
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(_EXECUTOR, functools.partial(function, *args, **kwargs))
