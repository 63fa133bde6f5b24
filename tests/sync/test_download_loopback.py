"""The first full download, over real loopback HTTP against the sandbox EHR, into a real cache."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from typing import Any

import pytest

from bedside.sandbox.runner import SandboxServer
from bedside.sandbox.seed import SeedWard, generate_ward
from bedside.sandbox.server import Sandbox
from bedside.store import Store
from bedside.sync import (
    AuthError,
    FhirClient,
    PrivateKeyJwt,
    Scope,
    TokenSource,
    full_download,
    new_device_key,
)

CLIENT = "tablet-test"
SCOPES = "system/*.read system/*.write"


@pytest.fixture(scope="module")
def ward() -> SeedWard:
    return generate_ward(seed=7)


@pytest.fixture(scope="module")
def server(ward: SeedWard) -> Iterator[SandboxServer]:
    sandbox = Sandbox()
    sandbox.load(ward.resources)
    with SandboxServer(sandbox) as running:
        yield running
    sandbox.close()


@pytest.fixture(scope="module")
def device(server: SandboxServer) -> PrivateKeyJwt:
    creds = PrivateKeyJwt(CLIENT, new_device_key())
    server.sandbox.auth.register_jwk_client(CLIENT, {"keys": [creds.public_jwk()]}, SCOPES)
    return creds


def _in_scope(ward: SeedWard) -> dict[str, set[str]]:
    """What the ward scope should hold, computed from the seed independently of the client."""
    by_type: dict[str, list[dict[str, Any]]] = {}
    for resource in ward.resources:
        by_type.setdefault(resource["resourceType"], []).append(resource)
    patients = {
        e["subject"]["reference"].split("/")[1]
        for e in by_type["Encounter"]
        if e["status"] == "in-progress"
        and any(loc["location"]["reference"] == f"Location/{ward.ward_id}" for loc in e["location"])
    }
    expected: dict[str, set[str]] = {
        kind: {r["id"] for r in by_type.get(kind, [])}
        for kind in ("Location", "Practitioner", "Medication", "ActivityDefinition")
    }
    expected["Patient"] = patients
    from bedside.store.index import index_columns

    for kind, resources in by_type.items():
        if kind in expected and kind != "Patient":
            continue
        if kind == "Encounter":
            expected[kind] = {
                r["id"]
                for r in resources
                if r["status"] == "in-progress" and index_columns(r).patient_id in patients
            }
            continue
        ids = {r["id"] for r in resources if index_columns(r).patient_id in patients}
        if ids:
            expected[kind] = ids
    return expected


@pytest.mark.asyncio
async def test_the_whole_ward_scope_arrives_in_the_cache_exactly_as_on_the_server(
    server: SandboxServer, device: PrivateKeyJwt, store: Store, ward: SeedWard
) -> None:
    tokens = TokenSource(server.base_url, device, scope=SCOPES)
    async with FhirClient(server.base_url, tokens) as client:
        report = await full_download(client, store, Scope("ward", ward.ward_id))
    assert report.skipped == []
    expected = _in_scope(ward)
    for kind, ids in expected.items():
        cached = {r["id"] for r in await store.find(kind)}
        assert cached == ids, kind
    # Verbatim: the cached JSON is the server's (seed content plus the server's meta).
    seeded = next(r for r in ward.resources if r["resourceType"] == "Patient")
    if seeded["id"] in expected["Patient"]:
        cached_patient = await store.get("Patient", seeded["id"])
        assert cached_patient is not None
        assert {k: v for k, v in cached_patient.items() if k != "meta"} == seeded
        assert cached_patient["meta"]["versionId"]
    state = await store.sync_state(f"ward:{ward.ward_id}")
    assert set(state) >= {"Patient", "Encounter", "Observation"}


@pytest.mark.asyncio
async def test_a_device_whose_key_is_not_registered_is_refused_with_an_auth_error(
    server: SandboxServer, store: Store, ward: SeedWard
) -> None:
    stranger = PrivateKeyJwt("tablet-unknown", new_device_key())
    tokens = TokenSource(server.base_url, stranger, scope=SCOPES)
    async with FhirClient(server.base_url, tokens) as client:
        with pytest.raises(AuthError, match="refused this device"):
            await full_download(client, store, Scope("ward", ward.ward_id))
    assert await store.counts() == {}


@asynccontextmanager
async def _client_of_own_sandbox(
    resources: list[dict[str, Any]],
) -> AsyncIterator[tuple[Sandbox, FhirClient]]:
    """A fresh sandbox holding ``resources``, served on loopback, and an enrolled client for it."""
    from datetime import timedelta

    from bedside.sandbox.server import utc_now

    sandbox = Sandbox()
    # Seeded an hour ago, as on a real EHR (a delta asks again a few seconds back).
    sandbox.clock = lambda: utc_now() - timedelta(hours=1)
    sandbox.load(resources)  # the bulk loader trusts its input, like a misbehaving EHR
    sandbox.clock = utc_now
    device = PrivateKeyJwt(CLIENT, new_device_key())
    sandbox.auth.register_jwk_client(CLIENT, {"keys": [device.public_jwk()]}, SCOPES)
    try:
        with SandboxServer(sandbox) as server:
            tokens = TokenSource(server.base_url, device, scope=SCOPES)
            async with FhirClient(server.base_url, tokens) as client:
                yield sandbox, client
    finally:
        sandbox.close()


@pytest.mark.asyncio
async def test_a_resource_that_does_not_parse_is_skipped_without_its_values_and_the_rest_kept(
    store: Store, ward: SeedWard, caplog: pytest.LogCaptureFixture
) -> None:
    secret_value = "Zwirbelmeier-1941"
    broken = {"resourceType": "Practitioner", "id": "broken-2", "name": secret_value}
    async with _client_of_own_sandbox([*ward.resources, broken]) as (_, client):
        report = await full_download(client, store, Scope("ward", ward.ward_id))
    assert report.skipped == ["Practitioner/broken-2: invalid at name"]
    assert "Practitioner/broken-2" in caplog.text
    assert secret_value not in caplog.text
    practitioners = {r["id"] for r in await store.find("Practitioner")}
    assert "broken-2" not in practitioners
    assert len(practitioners) == sum(
        1 for r in ward.resources if r["resourceType"] == "Practitioner"
    )


@pytest.mark.asyncio
async def test_an_interrupted_download_claims_only_the_types_it_completed_and_then_resumes(
    store: Store, ward: SeedWard, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bedside.sandbox.outcomes import FhirError
    from bedside.sync import ServerError, download
    from bedside.sync.download import Downloader

    # Several chunks of patients per type, then the EHR fails half-way through the chunks.
    monkeypatch.setattr(download, "IDS_PER_QUERY", 5)
    condition_requests = 0

    def fail_third_condition_search(method: str, path: str) -> FhirError | None:
        nonlocal condition_requests
        if path == "/Condition":
            condition_requests += 1
            if condition_requests == 3:
                return FhirError(503, "planned downtime")
        return None

    async with _client_of_own_sandbox(ward.resources) as (sandbox, client):
        sandbox.fault_hook = fail_third_condition_search
        with pytest.raises(ServerError):
            await full_download(client, store, Scope("ward", ward.ward_id))
        cut_short = await store.sync_state(f"ward:{ward.ward_id}")
        # Types completed before the failure are recorded; the one cut short and later ones not.
        assert {"Location", "Practitioner", "Encounter"} <= set(cut_short)
        assert "Condition" not in cut_short
        assert "Observation" not in cut_short
        assert await store.counts()  # what arrived before the failure is kept

        sandbox.fault_hook = None
        requests_before = client.requests_sent
        resumed = await Downloader(client, store, Scope("ward", ward.ward_id)).run()
        # The completed types are only asked for what changed since; Condition starts over.
        for completed in set(cut_short) - {"Encounter"}:  # encounters are always read whole
            assert resumed.stored.get(completed, 0) == 0, completed
        assert resumed.stored["Condition"] > 0
        assert client.requests_sent - requests_before > 10
        report = await full_download(client, store, Scope("ward", ward.ward_id))
    state = await store.sync_state(f"ward:{ward.ward_id}")
    assert state == report.server_times
    # Chunked types keep the time of their *first* chunk: the earliest bound for the next delta.
    assert state["Condition"] <= state["Observation"]
    assert report.requests > 20
