"""The store under the server: bulk loading, big result paging, and concurrent writers."""

from __future__ import annotations

import threading
import time
from typing import Any

import httpx
import pytest

from bedside.sandbox.search import parse_search
from bedside.sandbox.server import Sandbox, create_app
from bedside.sandbox.storage import Storage
from tests.sandbox.conftest import FakeClock, observation, patient


def _ward(n: int) -> list[dict[str, Any]]:
    return [observation(f"p{i % 40}", id=f"obs-{i:05d}") for i in range(n)]


def test_a_bulk_load_stamps_versions_and_indexes_for_search() -> None:
    storage = Storage(clock=FakeClock())
    storage.load([patient("1", id="a"), observation("a", id="o1")])

    with storage.reading() as tx:
        stored = tx.current("Observation", "o1")
        found = tx.search_ids(parse_search("Observation", [("patient", "a")]))

    assert stored is not None
    assert stored.resource is not None
    assert stored.resource["meta"]["versionId"] == stored.version_id
    assert stored.resource["meta"]["lastUpdated"] == "2026-05-04T08:00:00.000Z"
    assert found == ["o1"]


def test_reloading_a_resource_replaces_its_index_rows() -> None:
    storage = Storage(clock=FakeClock())
    storage.load([patient("old", id="a")])
    storage.load([patient("new", id="a")])

    with storage.reading() as tx:
        old = tx.search_ids(parse_search("Patient", [("identifier", "old")]))
        new = tx.search_ids(parse_search("Patient", [("identifier", "new")]))

    assert old == []
    assert new == ["a"]


@pytest.mark.asyncio
async def test_forty_thousand_resources_load_and_page_at_1000_quickly_and_exactly_once() -> None:
    sandbox = Sandbox(clock=FakeClock())
    started = time.perf_counter()
    assert sandbox.load(_ward(40_000)) == 40_000
    loaded_in = time.perf_counter() - started
    sandbox.auth.register_secret_client("bulk", "pw", "system/*.read")
    headers = {"Authorization": f"Bearer {sandbox.auth.issue_token('bulk')['access_token']}"}
    transport = httpx.ASGITransport(app=create_app(sandbox))

    seen: list[str] = []
    started = time.perf_counter()
    async with httpx.AsyncClient(transport=transport, base_url="http://ehr.test/") as http:
        url: str | None = "Observation?_count=1000"
        while url is not None:
            bundle = (await http.get(url, headers=headers)).json()
            seen += [e["resource"]["id"] for e in bundle["entry"]]
            url = next((x["url"] for x in bundle["link"] if x["relation"] == "next"), None)
    paged_in = time.perf_counter() - started

    assert len(seen) == len(set(seen)) == 40_000
    # Generous bounds: seconds, not minutes (a quadratic pager would take far longer).
    assert loaded_in < 20
    assert paged_in < 20


def test_concurrent_writers_from_several_threads_all_land_with_distinct_instants() -> None:
    storage = Storage()
    errors: list[BaseException] = []

    def writer(worker: int) -> None:
        try:
            for n in range(50):
                with storage.transaction() as tx:
                    tx.write("Patient", f"w{worker}-{n}", patient(id=f"w{worker}-{n}"), "PUT")
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(w,)) for w in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    with storage.reading() as tx:
        ids = tx.search_ids(parse_search("Patient", [("_count", "1000")]))
        instants = {s.last_updated_ms for s in tx.fetch_current("Patient", ids)}
    assert len(ids) == 200
    assert len(instants) == 200
