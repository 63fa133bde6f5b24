"""When and how a failed request is tried again: exponential back-off with jitter, via stamina.

Only requests that are safe to repeat go through here — reads, and writes that are idempotent by
construction (``PUT`` of a client-chosen id). Everything else is retried one level up, by the
upload step, after reading the server back (see :mod:`bedside.sync.upload`).

What is retried: no connection, a timeout, a 5xx or a 429. A ``Retry-After`` from the server is
honoured exactly when it fits in :attr:`RetryPolicy.max_retry_after_s`; a longer one ends the
attempt so the engine can schedule the next sync no sooner than the server asked.

Every retry is one log line saying what is retried and why (resource *type* only, never an id or
a query value)::

    request_retry method=GET resource=Encounter attempt=2/4 wait_s=1.8 cause=ServerError status=503

``attempt`` is the attempt about to be made, of the policy's total. A request that fails for good
after a retry (attempts used up, or a Retry-After beyond the budget) ends with one
``request_gave_up`` line. Importing this module replaces stamina's own retry hook (a bare
``stamina.retry_scheduled``) with :func:`log_retry`, through ``stamina.instrumentation``.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TypeVar
from urllib.parse import urljoin, urlsplit

import stamina
from stamina.instrumentation import RetryDetails, set_on_retry_hooks

from bedside.sync.errors import OfflineError, ServerError, SyncError, SyncTimeoutError

T = TypeVar("T")

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RetryPolicy:
    """How hard one request tries before the sync gives up for this round."""

    attempts: int = 4
    wait_initial_s: float = 0.3
    wait_max_s: float = 10.0
    wait_jitter_s: float = 0.5
    max_retry_after_s: float = 30.0


NO_RETRY = RetryPolicy(attempts=1)


def _backoff_hook(
    policy: RetryPolicy, *, timeouts: bool = True
) -> Callable[[Exception], bool | float]:
    def decide(exc: Exception) -> bool | float:
        if isinstance(exc, ServerError):
            if exc.retry_after is None:
                return True
            # The server said when: wait exactly that long, or give up this round if too long.
            return exc.retry_after if exc.retry_after <= policy.max_retry_after_s else False
        if isinstance(exc, SyncTimeoutError):
            return timeouts
        return isinstance(exc, OfflineError)

    return decide


@dataclass(frozen=True)
class _Request:
    """What the retry lines name: the HTTP method and the resource type (never an id)."""

    method: str
    resource: str
    attempts: int


# The request being retried in this task; stamina's hooks are process-wide, so the hook finds
# what it is retrying here rather than in its arguments.
_current: ContextVar[_Request | None] = ContextVar("bedside_retry_request", default=None)


_RESOURCE_TYPE = re.compile(r"[A-Z][A-Za-z]{1,63}")
_OPERATION = re.compile(r"\$[a-z][a-z0-9-]{0,63}")


def resource_label(base_url: str, path: str) -> str:
    """What a request to ``path`` (relative to ``base_url``, or absolute) is about, for the log.

    The first segment after the base: a resource type (``Observation``), ``metadata`` or an
    operation (``$verify-pin``); ``paging`` for a next link on the base itself; ``other`` for
    anything else. Never an id or a query value (those can identify a patient).
    """
    target = urlsplit(urljoin(base_url.rstrip("/") + "/", path)).path.rstrip("/")
    base = urlsplit(base_url).path.rstrip("/")
    if target == base:
        return "paging"
    if not target.startswith(base + "/"):
        return "other"
    first = target[len(base) + 1 :].split("/", 1)[0]
    if first == "metadata" or _RESOURCE_TYPE.fullmatch(first) or _OPERATION.fullmatch(first):
        return first
    return "other"


def _cause(exc: BaseException) -> str:
    """``ServerError status=503 retry_after_s=2``: the failure's type, then its safe facts."""
    parts = [type(exc).__name__]
    if isinstance(exc, SyncError) and exc.status is not None:
        parts.append(f"status={exc.status}")
    if isinstance(exc, ServerError) and exc.retry_after is not None:
        parts.append(f"retry_after_s={exc.retry_after:g}")
    if exc.__cause__ is not None:
        # What lies under an OfflineError or a timeout: ConnectError, ReadTimeout…
        parts.append(f"via={type(exc.__cause__).__name__}")
    return " ".join(parts)


def log_retry(details: RetryDetails) -> None:
    """stamina's retry hook: one line per scheduled retry (see the module's docstring)."""
    request = _current.get()
    if request is None:  # a retry outside with_retries: say what stamina knows
        log.info(
            "retry_scheduled callable=%s attempt=%d wait_s=%.1f cause=%s",
            details.name,
            details.retry_num + 1,
            details.wait_for,
            _cause(details.caused_by),
        )
        return
    log.info(
        "request_retry method=%s resource=%s attempt=%d/%d wait_s=%.1f cause=%s",
        request.method,
        request.resource,
        details.retry_num + 1,
        request.attempts,
        details.wait_for,
        _cause(details.caused_by),
    )


set_on_retry_hooks([log_retry])


async def with_retries(
    policy: RetryPolicy,
    call: Callable[[], Awaitable[T]],
    *,
    method: str = "-",
    resource: str = "-",
    timeouts: bool = True,
) -> T:
    """Run ``call`` until it succeeds, fails for good, or the policy's attempts are used up.

    ``method`` and ``resource`` (a resource *type*, ``metadata`` or an operation; never an id)
    name the request in the retry lines. ``timeouts=False`` leaves a timeout to the caller
    (a search asks for a smaller page instead of the same one again).
    """
    if policy.attempts <= 1:
        return await call()
    token = _current.set(_Request(method, resource, policy.attempts))
    tried = 0
    try:
        async for attempt in stamina.retry_context(
            on=_backoff_hook(policy, timeouts=timeouts),
            attempts=policy.attempts,
            timeout=None,  # each request has its own timeout; the attempts bound the total
            wait_initial=policy.wait_initial_s,
            wait_max=policy.wait_max_s,
            wait_jitter=policy.wait_jitter_s,
        ):
            tried = attempt.num
            with attempt:
                return await call()
    except Exception as exc:
        if tried > 1 or _retry_after_too_long(policy, exc):
            log.warning(
                "request_gave_up method=%s resource=%s attempts=%d/%d cause=%s",
                method,
                resource,
                tried,
                policy.attempts,
                _cause(exc),
            )
        raise
    finally:
        _current.reset(token)
    raise AssertionError("unreachable")  # pragma: no cover


def _retry_after_too_long(policy: RetryPolicy, exc: Exception) -> bool:
    return (
        isinstance(exc, ServerError)
        and exc.retry_after is not None
        and exc.retry_after > policy.max_retry_after_s
    )
