"""Retries: only what is safe, exponential back-off with jitter, and the server's Retry-After."""

from __future__ import annotations

import pytest

from bedside.sandbox.outcomes import FhirError
from bedside.sync.errors import (
    OfflineError,
    ProtocolError,
    RejectedError,
    ServerError,
    SyncTimeoutError,
)
from bedside.sync.retry import RetryPolicy, _backoff_hook, with_retries
from tests.sync.ehr import own_ehr

POLICY = RetryPolicy(attempts=4, wait_initial_s=0.0, wait_max_s=0.0, wait_jitter_s=0.0)


def test_a_retry_after_within_the_budget_is_waited_exactly() -> None:
    decide = _backoff_hook(RetryPolicy(max_retry_after_s=30))
    assert decide(ServerError("busy", status=503, retry_after=7.0)) == 7.0


def test_a_retry_after_beyond_the_budget_ends_the_attempt_for_the_engine_to_reschedule() -> None:
    decide = _backoff_hook(RetryPolicy(max_retry_after_s=30))
    assert decide(ServerError("busy", status=503, retry_after=120.0)) is False


def test_transient_failures_are_retried_and_permanent_ones_are_not() -> None:
    decide = _backoff_hook(RetryPolicy())
    assert decide(OfflineError("down")) is True
    assert decide(SyncTimeoutError("slow")) is True
    assert decide(ServerError("500", status=500)) is True
    assert decide(RejectedError("bad", status=422)) is False
    assert decide(ProtocolError("loop")) is False


@pytest.mark.asyncio
async def test_a_call_is_tried_until_it_succeeds_within_the_attempts() -> None:
    calls = 0

    async def flaky() -> str:
        nonlocal calls
        calls += 1
        if calls < 3:
            raise OfflineError("no route")
        return "ok"

    assert await with_retries(POLICY, flaky) == "ok"
    assert calls == 3


@pytest.mark.asyncio
async def test_the_last_failure_surfaces_when_the_attempts_are_used_up() -> None:
    calls = 0

    async def down() -> str:
        nonlocal calls
        calls += 1
        raise SyncTimeoutError("slow")

    with pytest.raises(SyncTimeoutError):
        await with_retries(POLICY, down)
    assert calls == POLICY.attempts


@pytest.mark.asyncio
async def test_a_rejection_is_never_retried() -> None:
    calls = 0

    async def refused() -> str:
        nonlocal calls
        calls += 1
        raise RejectedError("bad request", status=400)

    with pytest.raises(RejectedError):
        await with_retries(POLICY, refused)
    assert calls == 1


@pytest.mark.asyncio
async def test_reads_ride_out_503_with_retry_after_from_a_real_server() -> None:
    async with own_ehr() as ehr:
        failures = 0

        def two_503s(method: str, path: str) -> FhirError | None:
            nonlocal failures
            if path == "/metadata" and failures < 2:
                failures += 1
                return FhirError(503, "restarting", headers={"Retry-After": "0"})
            return None

        ehr.sandbox.fault_hook = two_503s
        async with ehr.client() as client:
            statement = await client.capabilities()
            assert statement["resourceType"] == "CapabilityStatement"
            assert client.requests_sent == 3
        assert failures == 2
