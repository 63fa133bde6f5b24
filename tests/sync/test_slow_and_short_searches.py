"""A slow EHR and one that stops paging early, over real loopback HTTP through the fault proxy.

A page that times out is asked for again smaller; a search cut short is said out loud, and what
it lacks is never taken as deleted or as a patient who left.
"""

from __future__ import annotations

import asyncio
import logging
import re

import pytest

from bedside.services.recording import Recorder
from bedside.store import Store
from bedside.sync.download import incomplete_fact
from bedside.sync.engine import SyncEngine, SyncPolicy
from tests.sync.ehr import SITE, cache_matches_server, own_ehr, vital_sign
from tests.sync.fault_proxy import Fault, FaultProxy, ProxiedRequest

_COUNT = re.compile(r"[?&]_count=(\d+)")


def _count(request: ProxiedRequest) -> int | None:
    found = _COUNT.search(request.target)
    return int(found.group(1)) if found else None


def _is_search(request: ProxiedRequest, resource_type: str) -> bool:
    path = request.target.split("?", 1)[0]
    return request.method == "GET" and path.endswith(f"/{resource_type}") and "?" in request.target


@pytest.mark.asyncio
async def test_a_search_page_that_times_out_is_asked_for_again_with_half_the_count(
    store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    def big_observation_pages_are_slow(request: ProxiedRequest) -> Fault | None:
        count = _count(request)
        if _is_search(request, "Observation") and count is not None and count > 300:
            return Fault.slow(3.0)
        return None

    async with own_ehr() as ehr:
        with FaultProxy(ehr.base_url, big_observation_pages_are_slow) as proxy:
            async with ehr.client(proxy.base_url, timeout=1.0) as client:
                engine = SyncEngine(store, client, ehr.scope, policy=SyncPolicy(page_size=500))
                with caplog.at_level(logging.INFO, logger="bedside.sync.client"):
                    report = await engine.sync_once()

        assert report.ok, report.error
        assert any(label == "slow" for *_, label in proxy.injected)
        assert "search_page_smaller resource=Observation page=1 count=250" in caplog.text
        assert report.incomplete == []
        assert await cache_matches_server(store, ehr, ["Observation"]) == []


@pytest.mark.asyncio
async def test_a_next_link_that_times_out_is_followed_again_with_only_its_count_halved(
    store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    followed: list[str] = []

    def big_next_pages_are_slow(request: ProxiedRequest) -> Fault | None:
        if "_getpages" in request.target:
            followed.append(request.target)
            count = _count(request)
            if count is not None and count >= 100:
                return Fault.slow(3.0)
        return None

    async with own_ehr() as ehr:
        with FaultProxy(ehr.base_url, big_next_pages_are_slow) as proxy:
            async with ehr.client(proxy.base_url, timeout=1.0) as client:
                engine = SyncEngine(store, client, ehr.scope, policy=SyncPolicy(page_size=100))
                with caplog.at_level(logging.INFO, logger="bedside.sync.client"):
                    report = await engine.sync_once()

        assert report.ok, report.error
        assert "count=50" in caplog.text
        slow = next(t for t in followed if "_count=100" in t)
        halved = slow.replace("_count=100", "_count=50")
        assert halved in followed, "the link was not followed verbatim but for its count"
        assert await cache_matches_server(store, ehr, ["Observation", "Encounter"]) == []


@pytest.mark.asyncio
async def test_when_even_small_pages_time_out_the_sync_says_which_download_was_slow(
    store: Store,
) -> None:
    def every_observation_page_is_slow(request: ProxiedRequest) -> Fault | None:
        return Fault.slow(2.0) if _is_search(request, "Observation") else None

    async with own_ehr() as ehr:
        with FaultProxy(ehr.base_url, every_observation_page_is_slow) as proxy:
            async with ehr.client(proxy.base_url, timeout=0.5) as client:
                engine = SyncEngine(store, client, ehr.scope, policy=SyncPolicy(page_size=40))
                report = await engine.sync_once()

    assert report.error is not None
    message = str(report.error)
    assert "did not answer a search of Observation in time" in message
    assert "page 1, 10 per page" in message


@pytest.mark.asyncio
async def test_a_search_the_ehr_cuts_short_is_reported_and_read_whole_at_the_next_sync(
    store: Store,
) -> None:
    def observations_stop_after_one_page(request: ProxiedRequest) -> Fault | None:
        return Fault.drop_next() if _is_search(request, "Observation") else None

    async with own_ehr() as ehr:
        with FaultProxy(ehr.base_url, observations_stop_after_one_page) as proxy:
            async with ehr.client(proxy.base_url, timeout=5.0) as client:
                engine = SyncEngine(store, client, ehr.scope, policy=SyncPolicy(page_size=50))
                cut = await engine.sync_once()

                assert cut.ok, cut.error
                assert [s.resource_type for s in cut.incomplete] == ["Observation"] * len(
                    cut.incomplete
                )
                assert cut.incomplete, "the cut-short search went unnoticed"
                sentence = cut.incomplete_sentence()
                assert sentence is not None
                assert "The EHR sent only part of what it has (Observation 50 of" in sentence
                assert any(line.startswith("incomplete: ") for line in cut.lines())
                assert engine.status.problem == sentence
                assert await store.device_fact(incomplete_fact(ehr.scope.key)) == "Observation"
                expected = cut.incomplete[0].expected
                assert len(await store.find("Observation")) == 50 < expected

                proxy.policy = None
                whole = await engine.sync_once()

        assert whole.ok, whole.error
        assert whole.incomplete == []
        assert engine.status.problem is None
        assert await store.device_fact(incomplete_fact(ehr.scope.key)) == ""
        assert len(await store.find("Observation")) == expected
        assert await cache_matches_server(store, ehr, ["Observation"]) == []


@pytest.mark.asyncio
async def test_a_cut_short_ward_list_purges_nobody_and_reconciliation_forgets_nothing(
    store: Store,
) -> None:
    def every_search_stops_after_one_page(request: ProxiedRequest) -> Fault | None:
        return Fault.drop_next() if request.method == "GET" and "?" in request.target else None

    async with own_ehr() as ehr:
        with FaultProxy(ehr.base_url, None) as proxy:
            async with ehr.client(proxy.base_url, timeout=5.0) as client:
                engine = SyncEngine(store, client, ehr.scope, policy=SyncPolicy(page_size=5))
                assert (await engine.sync_once()).ok
                patients = await store.cached_patient_ids()
                counts = await store.counts()

                proxy.policy = every_search_stops_after_one_page
                cut = await engine.sync_once(reconcile_now=True)

        assert cut.ok, cut.error
        assert {s.resource_type for s in cut.incomplete} >= {"Encounter"}
        assert cut.purged_patients == []
        assert cut.reconciled is not None
        assert cut.reconciled.forgotten == 0
        assert await store.cached_patient_ids() == patients
        assert await store.counts() == counts


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "params", [{"_tag": "urn:x|y"}, {"_count": "15"}], ids=["without-a-count", "count-15"]
)
async def test_a_search_page_too_small_to_halve_is_still_retried_after_one_timeout(
    params: dict[str, str],
) -> None:
    seen: list[str] = []

    def first_search_is_slow(request: ProxiedRequest) -> Fault | None:
        if _is_search(request, "Observation"):
            seen.append(request.target)
            if len(seen) == 1:
                return Fault.slow(2.0)
        return None

    async with own_ehr() as ehr:
        with FaultProxy(ehr.base_url, first_search_is_slow) as proxy:
            async with ehr.client(proxy.base_url, timeout=0.5) as client:
                pages = [page async for page in client.search("Observation", params)]

    assert pages
    assert len(seen) >= 2
    assert seen[0] == seen[1]  # the same page again, not a smaller one


@pytest.mark.asyncio
async def test_a_type_cut_short_in_a_first_pull_that_then_fails_is_read_whole_next_time(
    store: Store,
) -> None:
    def observations_cut_then_tasks_refused(request: ProxiedRequest) -> Fault | None:
        if _is_search(request, "Observation"):
            return Fault.drop_next()
        if _is_search(request, "Task"):
            return Fault.status(400)  # the first sync stops after Observation was cut short
        return None

    async with own_ehr() as ehr:
        with FaultProxy(ehr.base_url, observations_cut_then_tasks_refused) as proxy:
            async with ehr.client(proxy.base_url, timeout=5.0) as client:
                engine = SyncEngine(store, client, ehr.scope, policy=SyncPolicy(page_size=50))
                first = await engine.sync_once()
                assert not first.ok
                assert await store.device_fact(incomplete_fact(ehr.scope.key)) == "Observation"

                proxy.policy = None
                second = await engine.sync_once(reconcile_now=False)

        assert second.ok, second.error
        assert second.incomplete == []
        assert second.pulled is not None
        whole = second.pulled.stored["Observation"]  # read whole, not as a delta from then
        assert whole > 50
        assert len(await store.find("Observation")) == whole
        assert await store.device_fact(incomplete_fact(ehr.scope.key)) == ""


@pytest.mark.asyncio
async def test_the_cut_short_warning_stays_in_the_status_after_a_push_until_the_next_sync(
    store: Store,
) -> None:
    def observations_stop_after_one_page(request: ProxiedRequest) -> Fault | None:
        return Fault.drop_next() if _is_search(request, "Observation") else None

    async with own_ehr() as ehr:
        with FaultProxy(ehr.base_url, observations_stop_after_one_page) as proxy:
            async with ehr.client(proxy.base_url) as client:
                policy = SyncPolicy(page_size=50, push_delay_s=0.0, pull_interval_s=3600)
                engine = SyncEngine(store, client, ehr.scope, policy=policy)
                cut = await engine.sync_once()
                warning = cut.incomplete_sentence()
                assert warning is not None
                patient = (await store.find("Patient"))[0]["id"]
                await Recorder(store, SITE).record_event(vital_sign(patient, 72))
                engine.local_write_done()  # the push a nurse's recording triggers
                for _ in range(100):
                    await asyncio.sleep(0.05)
                    if engine.status.pending == 0 and engine.status.activity == "idle":
                        break

        assert engine.status.pending == 0
        assert engine.status.problem == warning
