"""Hostile answers from the EHR, over real loopback HTTP through the fault proxy (issue #14, 1–3).

An answer that cannot be read never erases the ward: the sync stops with one sentence and purges
nobody. A bad resource is skipped with its id, a bad answer is a typed error, the background loop
survives anything, and a server time that is not a real instant is never stored (nor, when an
older Bedside stored one, does it block later syncs).

The mutation lane at the end takes real answers and breaks them in seeded ways
(``BEDSIDE_FUZZ_CASES`` cases, 160 by default — about a minute —, ``BEDSIDE_FUZZ_SEED`` to pick
the seed).
"""

from __future__ import annotations

import asyncio
import copy
import json
import os
import random
import time
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from bedside.models.primitives import INSTANT_RE
from bedside.store import Store
from bedside.sync.client import FhirClient
from bedside.sync.engine import SyncEngine, SyncPolicy
from bedside.sync.errors import AuthError, ProtocolError, SyncError
from tests.sync.ehr import Ehr, own_ehr
from tests.sync.fault_proxy import Fault, FaultProxy, ProxiedRequest

IMPOSSIBLE_DAY = "2026-02-30T00:00:00Z"
FUZZ_CASES = int(os.environ.get("BEDSIDE_FUZZ_CASES", "160"))


def _is_search(request: ProxiedRequest, resource_type: str | None = None) -> bool:
    path = request.target.split("?", 1)[0]
    if request.method != "GET" or "?" not in request.target:
        return False
    return resource_type is None or path.endswith(f"/{resource_type}")


def _is_ward_list(request: ProxiedRequest) -> bool:
    return _is_search(request, "Encounter") and "location=" in request.target


def _rewrite(
    when: Callable[[ProxiedRequest], bool], transform: Callable[[Any], Any]
) -> Callable[[ProxiedRequest], Fault | None]:
    return lambda request: Fault.rewrite(transform) if when(request) else None


def _resources(bundle: Any) -> list[dict[str, Any]]:
    entries = bundle.get("entry") if isinstance(bundle, dict) else None
    return [
        e["resource"]
        for e in entries or []
        if isinstance(e, dict) and isinstance(e.get("resource"), dict)
    ]


async def _through_proxy(
    store: Store, ehr: Ehr, proxy: FaultProxy, **policy: Any
) -> tuple[FhirClient, SyncEngine]:
    client = ehr.client(proxy.base_url, timeout=5.0)
    engine = SyncEngine(store, client, ehr.scope, policy=SyncPolicy(**policy))
    first = await engine.sync_once(reconcile_now=False)
    assert first.ok, first.error
    return client, engine


# 1. A malformed ward-encounter answer never erases the ward ---------------------------------


def _null_entry(bundle: Any) -> Any:
    bundle["entry"] = [None]
    return bundle


def _history_without_entries(bundle: Any) -> Any:
    bundle["type"] = "history"
    bundle.pop("entry", None)
    bundle["total"] = 0
    return bundle


def _entries_of_another_type(bundle: Any) -> Any:
    for resource in _resources(bundle):
        resource["resourceType"] = "Observation"
    return bundle


def _one_impossible_start(bundle: Any) -> Any:
    _resources(bundle)[0].setdefault("period", {})["start"] = "2026-13-45"
    return bundle


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "malform",
    [_null_entry, _history_without_entries, _entries_of_another_type, _one_impossible_start],
    ids=["null-entry", "history-bundle", "wrong-type", "impossible-start"],
)
async def test_a_ward_list_that_cannot_be_read_stops_the_sync_and_purges_nobody(
    store: Store, malform: Callable[[Any], Any]
) -> None:
    async with own_ehr() as ehr:
        with FaultProxy(ehr.base_url, None) as proxy:
            client, engine = await _through_proxy(store, ehr, proxy)
            async with client:
                patients = await store.cached_patient_ids()
                counts = await store.counts()
                proxy.policy = _rewrite(_is_ward_list, malform)
                report = await engine.sync_once(reconcile_now=False)

                assert isinstance(report.error, ProtocolError), report.error
                assert report.purged_patients == []
                assert await store.cached_patient_ids() == patients
                assert await store.counts() == counts
                assert engine.status.problem == str(report.error)
                assert str(report.error).count(".") == 1  # one plain sentence

                proxy.heal()
                assert (await engine.sync_once(reconcile_now=False)).ok


@pytest.mark.asyncio
async def test_a_ward_list_without_a_total_purges_nobody(store: Store) -> None:
    def without_total_nor_patients(bundle: Any) -> Any:
        bundle.pop("total", None)
        bundle.pop("entry", None)
        return bundle

    async with own_ehr() as ehr:
        with FaultProxy(ehr.base_url, None) as proxy:
            client, engine = await _through_proxy(store, ehr, proxy)
            async with client:
                patients = await store.cached_patient_ids()
                proxy.policy = _rewrite(_is_ward_list, without_total_nor_patients)
                report = await engine.sync_once(reconcile_now=False)

    assert report.purged_patients == []
    assert await store.cached_patient_ids() == patients


@pytest.mark.asyncio
async def test_a_search_answer_that_is_not_a_searchset_is_a_protocol_error(store: Store) -> None:
    def history(bundle: Any) -> Any:
        bundle["type"] = "history"
        return bundle

    async with own_ehr() as ehr:
        with FaultProxy(ehr.base_url, None) as proxy:
            client, engine = await _through_proxy(store, ehr, proxy)
            async with client:
                proxy.policy = _rewrite(lambda r: _is_search(r, "Observation"), history)
                report = await engine.sync_once(reconcile_now=False)

    assert isinstance(report.error, ProtocolError)
    assert "search" in str(report.error)


# 2. One bad answer does not kill the sync ---------------------------------------------------


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "field_value",
    [("link", 5), ("link", [{"relation": "next", "url": 5}]), ("meta", {"lastUpdated": 5})],
    ids=["link-number", "link-url-number", "last-updated-number"],
)
async def test_a_bundle_element_of_the_wrong_json_type_is_a_typed_error_not_a_crash(
    store: Store, field_value: tuple[str, Any]
) -> None:
    name, value = field_value

    def wrong(bundle: Any) -> Any:
        bundle[name] = value
        return bundle

    async with own_ehr() as ehr:
        with FaultProxy(ehr.base_url, None) as proxy:
            client, engine = await _through_proxy(store, ehr, proxy)
            async with client:
                patients = await store.cached_patient_ids()
                proxy.policy = _rewrite(lambda r: _is_search(r, "Observation"), wrong)
                report = await engine.sync_once(reconcile_now=False)
                proxy.heal()
                after = await engine.sync_once(reconcile_now=False)

    assert report.error is None or isinstance(report.error, SyncError)
    assert after.ok, after.error
    assert await store.cached_patient_ids() == patients


def _observation_page(transform: Callable[[dict[str, Any]], None]) -> Callable[[Any], Any]:
    def rewrite(bundle: Any) -> Any:
        resources = _resources(bundle)
        if resources:
            transform(resources[0])
        return bundle

    return rewrite


def _lone_surrogate(resource: dict[str, Any]) -> None:
    resource["status"] = "final\ud800"


def _huge_integer(resource: dict[str, Any]) -> None:
    resource.setdefault("meta", {})["versionId"] = "1"
    resource["valueInteger"] = 10**30
    resource.pop("valueQuantity", None)


def _no_id(resource: dict[str, Any]) -> None:
    del resource["id"]


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("spoil", "skipped"),
    [(_lone_surrogate, True), (_huge_integer, False), (_no_id, True)],
    ids=["lone-surrogate-skipped", "huge-integer-kept-as-written", "no-id-skipped"],
)
async def test_a_resource_that_cannot_be_stored_is_skipped_and_the_rest_is_kept(
    store: Store, spoil: Callable[[dict[str, Any]], None], skipped: bool
) -> None:
    async with own_ehr() as ehr:
        observations = _rewrite(lambda r: _is_search(r, "Observation"), _observation_page(spoil))
        with FaultProxy(ehr.base_url, observations) as proxy:
            async with ehr.client(proxy.base_url) as client:
                engine = SyncEngine(store, client, ehr.scope)
                first = await engine.sync_once(reconcile_now=False)
                proxy.heal()
                again = await engine.sync_once(reconcile_now=False)

    assert first.ok, first.error
    assert first.pulled is not None
    notes = [note for note in first.pulled.skipped if "Observation" in note]
    assert bool(notes) is skipped, first.pulled.skipped
    assert first.pulled.stored["Observation"] > 0
    assert again.ok, again.error


@pytest.mark.asyncio
async def test_a_lone_surrogate_in_every_answer_skips_the_resource_at_every_sync(
    store: Store,
) -> None:
    async with own_ehr() as ehr:
        policy = _rewrite(
            lambda r: _is_search(r, "Observation"), _observation_page(_lone_surrogate)
        )
        with FaultProxy(ehr.base_url, None) as proxy:
            client, engine = await _through_proxy(store, ehr, proxy)
            async with client:
                await store.clear_sync_state(ehr.scope.key)  # read everything again
                proxy.policy = policy
                reports = [await engine.sync_once(reconcile_now=False) for _ in range(2)]

    assert all(report.ok for report in reports), [r.error for r in reports]


def _deep(levels: int) -> bytes:
    head = b'{"resourceType":"Bundle","type":"searchset","x":'
    return head + b"[" * levels + b"]" * levels + b"}"


@pytest.mark.asyncio
async def test_deeply_nested_json_in_a_search_or_token_answer_is_a_protocol_error(
    store: Store,
) -> None:
    async with own_ehr() as ehr:
        with FaultProxy(ehr.base_url, None) as proxy:
            client, engine = await _through_proxy(store, ehr, proxy)
            async with client:
                deep = _rewrite(lambda r: _is_search(r, "Observation"), lambda _: _deep(100_000))
                proxy.policy = deep
                search = await engine.sync_once(reconcile_now=False)
                assert client._tokens is not None
                client._tokens.forget()
                proxy.policy = _rewrite(lambda r: r.method == "POST", lambda _: _deep(100_000))
                token = await engine.sync_once(reconcile_now=False)
                proxy.heal()
                after = await engine.sync_once(reconcile_now=False)

    assert isinstance(search.error, ProtocolError), search.error
    assert isinstance(token.error, ProtocolError), token.error
    assert after.ok, after.error


@pytest.mark.asyncio
async def test_a_non_ascii_access_token_is_an_auth_error_and_the_next_token_is_asked_for(
    store: Store,
) -> None:
    def accented(answer: Any) -> Any:
        answer["access_token"] = "jéton"
        return answer

    async with own_ehr() as ehr:
        with FaultProxy(ehr.base_url, None) as proxy:
            client, engine = await _through_proxy(store, ehr, proxy)
            async with client:
                assert client._tokens is not None
                client._tokens.forget()
                proxy.policy = _rewrite(lambda r: r.method == "POST", accented)
                report = await engine.sync_once(reconcile_now=False)
                proxy.heal()
                after = await engine.sync_once(reconcile_now=False)

    assert isinstance(report.error, AuthError), report.error
    assert after.ok, after.error


def _mock_client(handler: Callable[[httpx.Request], httpx.Response]) -> FhirClient:
    return FhirClient("http://ehr.test/fhir", None, transport=httpx.MockTransport(handler))


@pytest.mark.asyncio
async def test_a_body_that_cannot_be_decoded_is_a_protocol_error() -> None:
    def garbled_gzip(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"Content-Encoding": "gzip"}, content=b"not gzip")

    async with _mock_client(garbled_gzip) as client:
        with pytest.raises(ProtocolError):
            await client.get_json("metadata")


@pytest.mark.asyncio
async def test_a_next_link_that_is_not_a_url_is_a_protocol_error() -> None:
    def bad_next(request: httpx.Request) -> httpx.Response:
        bundle = {
            "resourceType": "Bundle",
            "type": "searchset",
            "meta": {"lastUpdated": "2026-11-22T08:00:00Z"},
            "link": [{"relation": "next", "url": "http://ehr.test/fhir/Patient?x=\ud800"}],
        }
        return httpx.Response(200, content=json.dumps(bundle).encode())

    async with _mock_client(bad_next) as client:
        with pytest.raises(ProtocolError):
            async for _ in client.search("Patient", {}):
                pass


@pytest.mark.asyncio
async def test_the_background_loop_survives_an_unexpected_failure_and_shows_it(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bedside.sync import engine as engine_module

    real_run = engine_module.Downloader.run
    failures = 0

    async def fails_once(self: Any) -> Any:
        nonlocal failures
        if failures == 0:
            failures += 1
            raise KeyError("a patient's name, never to be logged")
        return await real_run(self)

    async with own_ehr() as ehr, ehr.client() as client:
        policy = SyncPolicy(pull_interval_s=0.2, offline_probe_s=0.1)
        engine = SyncEngine(store, client, ehr.scope, policy=policy)
        problems: list[str | None] = []
        engine.add_status_listener(lambda status: problems.append(status.problem))
        monkeypatch.setattr(engine_module.Downloader, "run", fails_once)
        engine.start()
        try:
            deadline = time.monotonic() + 20
            while await store.device_fact(engine_module.LAST_SYNC_FACT) is None:
                assert time.monotonic() < deadline, "the loop made no successful sync"
                await asyncio.sleep(0.05)
        finally:
            await engine.stop()

    shown = [p for p in problems if p]
    assert shown, "the status never showed the failure"
    assert "name" not in shown[0]
    assert shown[0].count(".") == 1


# 3. One bad server time does not block later downloads -------------------------------------


@pytest.mark.asyncio
async def test_an_impossible_server_time_is_never_stored_and_later_syncs_go_on(
    store: Store,
) -> None:
    def impossible_day(bundle: Any) -> Any:
        bundle["meta"] = {"lastUpdated": IMPOSSIBLE_DAY}
        return bundle

    async with own_ehr() as ehr:
        with FaultProxy(ehr.base_url, None) as proxy:
            client, engine = await _through_proxy(store, ehr, proxy)
            async with client:
                proxy.policy = _rewrite(_is_search, impossible_day)
                await engine.sync_once(reconcile_now=False)
                proxy.heal()
                after = await engine.sync_once(reconcile_now=False)
                again = await engine.sync_once(reconcile_now=False)

    state = await store.sync_state(ehr.scope.key)
    assert IMPOSSIBLE_DAY not in state.values()
    assert after.ok, after.error
    assert again.ok, again.error


@pytest.mark.asyncio
async def test_a_stored_server_time_that_cannot_be_used_reads_that_type_whole(
    store: Store,
) -> None:
    async with own_ehr() as ehr:
        with FaultProxy(ehr.base_url, None) as proxy:
            client, engine = await _through_proxy(store, ehr, proxy)
            async with client:
                await store.set_sync_state(ehr.scope.key, "Observation", IMPOSSIBLE_DAY)
                report = await engine.sync_once(reconcile_now=False)

    assert report.ok, report.error
    assert report.pulled is not None
    assert report.pulled.stored["Observation"] == len(await store.find("Observation"))
    state = await store.sync_state(ehr.scope.key)
    assert INSTANT_RE.fullmatch(state["Observation"])


# The mutation lane -------------------------------------------------------------------------


def _walk(value: Any) -> Iterator[tuple[Any, Any]]:
    """Every (container, key) in a JSON value, depth first."""
    items: Any = value.items() if isinstance(value, dict) else enumerate(value)
    for key, child in list(items):
        yield value, key
        if isinstance(child, dict | list):
            yield from _walk(child)


def _where(rng: random.Random, body: Any, keep: Callable[[Any], bool]) -> tuple[Any, Any] | None:
    places = [(c, k) for c, k in _walk(body) if keep(c[k])]
    return rng.choice(places) if places else None


def _set_leaf(rng: random.Random, body: Any, keep: Callable[[Any], bool], new: Any) -> Any:
    place = _where(rng, body, keep)
    if place is not None:
        container, key = place
        container[key] = new(container[key]) if callable(new) else new
    return body


def _in_resource(rng: random.Random, body: Any, change: Callable[[dict[str, Any]], None]) -> Any:
    resources = _resources(body)
    if resources:
        change(rng.choice(resources))
    return body


def _deep_inside(rng: random.Random, body: Any) -> bytes:
    mark = "__deep__"
    _set_leaf(rng, body, lambda v: True, mark)
    levels = rng.choice([1_000, 100_000])
    return json.dumps(body).replace(f'"{mark}"', "[" * levels + "]" * levels, 1).encode()


Mutation = Callable[[random.Random, Any], Any]

MUTATIONS: dict[str, Mutation] = {
    "null entry": lambda rng, b: (
        _set_leaf(rng, b, lambda v: isinstance(v, dict), None)
        if isinstance(b, dict) and b.get("entry")
        else {**b, "entry": [None]}
    ),
    "entry wrong type": lambda rng, b: {**b, "entry": rng.choice([{}, "x", 5, True, [5]])},
    "link wrong type": lambda rng, b: {
        **b,
        "link": rng.choice([5, "x", {"relation": "next"}, [5], [{"relation": "next", "url": 5}]]),
    },
    "meta wrong type": lambda rng, b: {
        **b,
        "meta": rng.choice([5, "x", [], {"lastUpdated": 5}, {"lastUpdated": ["x"]}]),
    },
    "total wrong type": lambda rng, b: {**b, "total": rng.choice(["28", -1, 2.5, None, 10**30])},
    "huge integer": lambda rng, b: _set_leaf(
        rng, b, lambda v: not isinstance(v, dict | list), rng.choice([10**30, -(10**40), 2**63])
    ),
    "lone surrogate": lambda rng, b: _set_leaf(
        rng, b, lambda v: isinstance(v, str), lambda v: v + "\ud800"
    ),
    "deep nesting": _deep_inside,
    "wrong resourceType": lambda rng, b: _in_resource(
        rng, b, lambda r: r.update(resourceType=rng.choice(["Patient", "Bundle", 5, None]))
    ),
    "missing id": lambda rng, b: _in_resource(rng, b, lambda r: r.pop("id", None)),
    "bad date": lambda rng, b: _set_leaf(
        rng,
        b,
        lambda v: isinstance(v, str) and v[:2] == "20" and len(v) >= 10,
        rng.choice(["2026-13-45", IMPOSSIBLE_DAY, "2026-02-30", "yesterday"]),
    ),
    "bundle type": lambda rng, b: {**b, "type": rng.choice(["history", "batch", None, 5])},
    "last updated": lambda rng, b: {**b, "meta": {"lastUpdated": IMPOSSIBLE_DAY}},
}


def _mutate_once(rng: random.Random, name: str) -> Callable[[Any], Any]:
    mutation = MUTATIONS[name]

    def transform(body: Any) -> Any:
        if not isinstance(body, dict):
            return body
        return mutation(rng, copy.deepcopy(body))

    return transform


@pytest.mark.asyncio
@pytest.mark.timeout(max(150, FUZZ_CASES))  # a slow run of thousands of cases needs its time
async def test_mutated_real_answers_never_crash_the_sync_lose_a_patient_or_poison_its_state(
    store: Store,
) -> None:
    cases = FUZZ_CASES
    rng = random.Random(int(os.environ.get("BEDSIDE_FUZZ_SEED", "14")))
    tally: Counter[str] = Counter()
    failures: list[str] = []
    async with own_ehr() as ehr:
        with FaultProxy(ehr.base_url, None) as proxy:
            client, engine = await _through_proxy(store, ehr, proxy)
            async with client:
                before = proxy.requests
                assert (await engine.sync_once(reconcile_now=False)).ok
                per_sync = proxy.requests - before
                patients = await store.cached_patient_ids()
                assert client._tokens is not None
                for case in range(cases):
                    name = rng.choice(sorted(MUTATIONS))
                    if case % 10 == 0:
                        client._tokens.forget()  # the token answer gets its share
                    target = proxy.requests + rng.randint(1, per_sync + 1)
                    transform = _mutate_once(rng, name)
                    proxy.policy = lambda r, t=target, f=transform: (
                        Fault.rewrite(f) if r.seq == t else None
                    )
                    try:
                        report = await engine.sync_once(reconcile_now=False)
                    except Exception as exc:  # what the lane counts
                        tally["uncaught"] += 1
                        failures.append(f"case {case} {name}: uncaught {type(exc).__name__}")
                    else:
                        tally["ok" if report.ok else "typed error"] += 1
                    if not patients <= await store.cached_patient_ids():
                        tally["patients lost"] += 1
                        failures.append(f"case {case} {name}: patients lost")
                        patients = await store.cached_patient_ids()
                    proxy.policy = None
                    clean = await engine.sync_once(reconcile_now=False)
                    if not clean.ok:
                        tally["poisoned"] += 1
                        failures.append(f"case {case} {name}: poisoned ({clean.error!r})")
    print(
        f"\nmutation lane: {cases} cases × ok {tally['ok']} / typed error {tally['typed error']}"
        f" / uncaught {tally['uncaught']} / patients lost {tally['patients lost']}"
        f" / poisoned {tally['poisoned']}"
    )
    assert failures == [], failures[:20]
