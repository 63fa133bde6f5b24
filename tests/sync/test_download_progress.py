"""Following a pull: what the first-run screen hears from the engine, over loopback.

A followed pull reports every stored page with the resources stored so far and, once every search
has a total, the EHR's estimate of the whole pull; an EHR that gives no totals and refuses counts
still gets the same pull, with no estimate. A pull nobody follows sends no count requests.
"""

from __future__ import annotations

import json

import httpx
import pytest

from bedside.store import Store
from bedside.sync import FhirClient, SyncEngine, TokenSource
from bedside.sync.status import DownloadProgress
from tests.sync.ehr import FAST_RETRY, SCOPES, Ehr, own_ehr


class Tampering(httpx.AsyncBaseTransport):
    """Real HTTP to the sandbox; counts what is asked, and can play an EHR without totals."""

    def __init__(self, *, without_totals: bool = False) -> None:
        self.inner = httpx.AsyncHTTPTransport()
        self.without_totals = without_totals
        self.count_requests = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.params.get("_summary") == "count":
            self.count_requests += 1
            if self.without_totals:
                outcome = {
                    "resourceType": "OperationOutcome",
                    "issue": [{"severity": "error", "code": "not-supported"}],
                }
                return httpx.Response(400, json=outcome)
        response = await self.inner.handle_async_request(request)
        if not self.without_totals:
            return response
        body = await response.aread()
        try:
            bundle = json.loads(body)
        except ValueError:
            return response
        if not isinstance(bundle, dict) or bundle.get("resourceType") != "Bundle":
            return httpx.Response(response.status_code, headers=response.headers, content=body)
        bundle.pop("total", None)
        headers = [(k, v) for k, v in response.headers.items() if k.lower() != "content-length"]
        return httpx.Response(
            response.status_code, headers=headers, content=json.dumps(bundle).encode()
        )

    async def aclose(self) -> None:
        await self.inner.aclose()


def _client(ehr: Ehr, transport: httpx.AsyncBaseTransport) -> FhirClient:
    tokens = TokenSource(ehr.base_url, ehr.device, scope=SCOPES)
    return FhirClient(ehr.base_url, tokens, transport=transport, retry=FAST_RETRY)


async def _followed_first_pull(
    store: Store, transport: Tampering
) -> tuple[list[DownloadProgress], int]:
    async with own_ehr() as ehr, _client(ehr, transport) as client:
        engine = SyncEngine(store, client, ehr.scope)
        heard: list[DownloadProgress] = []
        engine.add_progress_listener(heard.append)
        report = await engine.sync_once(reconcile_now=False)
        assert report.ok, report.error
        assert report.pulled is not None
        return heard, report.pulled.total


@pytest.mark.asyncio
async def test_a_followed_first_pull_reports_every_page_with_the_count_and_the_ehrs_estimate(
    store: Store,
) -> None:
    heard, total = await _followed_first_pull(store, Tampering())

    phases = [p.phase for p in heard]
    assert phases[0] == "connecting"
    assert phases[-2:] == ["saving", "done"]
    assert set(phases[1:-2]) == {"downloading"}
    stored = [p.stored for p in heard]
    assert stored == sorted(stored)  # never runs backwards
    assert heard[-1].stored == total
    # The sandbox's totals are exact: the estimate is the whole pull, known early on.
    estimates = [p.expected for p in heard if p.phase == "downloading" and p.expected is not None]
    assert estimates
    assert set(estimates) == {total}
    first_known = next(p for p in heard if p.expected is not None)
    assert first_known.stored < total / 2
    # Each page names its type: site resources, the ward's encounters, the patients' records.
    types = {p.resource_type for p in heard if p.resource_type}
    assert {"Location", "Encounter", "Patient", "Observation"} <= types


@pytest.mark.asyncio
async def test_an_ehr_without_totals_or_counts_gives_the_same_pull_with_no_estimate(
    store: Store,
) -> None:
    transport = Tampering(without_totals=True)
    heard, total = await _followed_first_pull(store, transport)

    assert total > 1000
    assert transport.count_requests >= 1  # it asked, was refused, and did not insist
    assert all(p.expected is None for p in heard)
    assert heard[-1].stored == total


@pytest.mark.asyncio
async def test_a_pull_nobody_follows_asks_for_no_counts(store: Store) -> None:
    transport = Tampering()
    async with own_ehr() as ehr, _client(ehr, transport) as client:
        report = await SyncEngine(store, client, ehr.scope).sync_once(reconcile_now=False)
    assert report.ok, report.error
    assert transport.count_requests == 0


@pytest.mark.asyncio
async def test_a_listener_that_fails_does_not_stop_the_pull(
    store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(progress: DownloadProgress) -> None:
        raise RuntimeError("a screen bug")

    async with own_ehr() as ehr, ehr.client() as client:
        engine = SyncEngine(store, client, ehr.scope)
        engine.add_progress_listener(broken)
        report = await engine.sync_once(reconcile_now=False)
        engine.remove_progress_listener(broken)
        engine.remove_progress_listener(broken)  # twice is harmless
    assert report.ok, report.error
    assert "progress_listener_failed" in caplog.text
