"""When and how a failed request is tried again: exponential back-off with jitter, via stamina.

Only requests that are safe to repeat go through here — reads, and writes that are idempotent by
construction (``PUT`` of a client-chosen id). Everything else is retried one level up, by the
upload step, after reading the server back (see :mod:`bedside.sync.upload`).

What is retried: no connection, a timeout, a 5xx or a 429. A ``Retry-After`` from the server is
honoured exactly when it fits in :attr:`RetryPolicy.max_retry_after_s`; a longer one ends the
attempt so the engine can schedule the next sync no sooner than the server asked.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TypeVar

import stamina

from bedside.sync.errors import OfflineError, ServerError, SyncTimeoutError

T = TypeVar("T")


@dataclass(frozen=True)
class RetryPolicy:
    """How hard one request tries before the sync gives up for this round."""

    attempts: int = 4
    wait_initial_s: float = 0.3
    wait_max_s: float = 10.0
    wait_jitter_s: float = 0.5
    max_retry_after_s: float = 30.0


NO_RETRY = RetryPolicy(attempts=1)


def _backoff_hook(policy: RetryPolicy) -> Callable[[Exception], bool | float]:
    def decide(exc: Exception) -> bool | float:
        if isinstance(exc, ServerError):
            if exc.retry_after is None:
                return True
            # The server said when: wait exactly that long, or give up this round if too long.
            return exc.retry_after if exc.retry_after <= policy.max_retry_after_s else False
        return isinstance(exc, OfflineError | SyncTimeoutError)

    return decide


async def with_retries(policy: RetryPolicy, call: Callable[[], Awaitable[T]]) -> T:
    """Run ``call`` until it succeeds, fails for good, or the policy's attempts are used up."""
    if policy.attempts <= 1:
        return await call()
    async for attempt in stamina.retry_context(
        on=_backoff_hook(policy),
        attempts=policy.attempts,
        timeout=None,  # each request has its own timeout; the attempts bound the total
        wait_initial=policy.wait_initial_s,
        wait_max=policy.wait_max_s,
        wait_jitter=policy.wait_jitter_s,
    ):
        with attempt:
            return await call()
    raise AssertionError("unreachable")  # pragma: no cover
