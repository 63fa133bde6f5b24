"""A private sandbox EHR per test, on real loopback HTTP, with an enrolled device — and checks.

Tests that write to the EHR need their own server (what one test uploads must not show up in
another), so this is a context manager rather than a shared fixture.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from bedside.sandbox.runner import SandboxServer
from bedside.sandbox.seed import SeedWard, generate_ward
from bedside.sandbox.server import Sandbox
from bedside.store import Store
from bedside.sync import FhirClient, PrivateKeyJwt, Scope, TokenSource, new_device_key
from bedside.sync.retry import RetryPolicy

CLIENT = "tablet-sync-test"
SCOPES = "system/*.read system/*.write"
SITE = "test-site"
# Quick retries: the suites run many scenarios; back-off shape is tested on its own.
FAST_RETRY = RetryPolicy(
    attempts=3, wait_initial_s=0.01, wait_max_s=0.05, wait_jitter_s=0.01, max_retry_after_s=1.0
)


@dataclass
class Ehr:
    """A running sandbox EHR and what a test needs to talk to it."""

    sandbox: Sandbox
    server: SandboxServer
    ward: SeedWard
    device: PrivateKeyJwt

    @property
    def base_url(self) -> str:
        return self.server.base_url

    @property
    def scope(self) -> Scope:
        return Scope("ward", self.ward.ward_id)

    def client(
        self,
        base_url: str | None = None,
        *,
        timeout: float = 5.0,
        retry: RetryPolicy = FAST_RETRY,
    ) -> FhirClient:
        url = base_url or self.base_url
        tokens = TokenSource(url, self.device, scope=SCOPES)
        return FhirClient(
            url, tokens, timeout=httpx.Timeout(timeout, connect=min(timeout, 2.0)), retry=retry
        )

    async def count(self, resource_type: str, params: dict[str, str] | None = None) -> int:
        async with self.client() as client:
            return await client.count(resource_type, params or {})

    async def read(self, resource_type: str, resource_id: str) -> dict[str, Any] | None:
        async with self.client() as client:
            return await client.read(resource_type, resource_id)


@asynccontextmanager
async def own_ehr(
    *,
    seed: int = 11,
    scale: int = 1,
    extra: Iterable[dict[str, Any]] = (),
    update_create: bool = True,
) -> AsyncIterator[Ehr]:
    """A fresh sandbox holding the seeded ward (plus ``extra``), served on loopback."""
    from bedside.sandbox.server import SandboxConfig

    from bedside.sandbox.server import utc_now

    ward = generate_ward(seed=seed, scale=scale)
    sandbox = Sandbox(config=SandboxConfig(update_create=update_create))
    # Seeded an hour ago, as on a real EHR: what the tests change later is clearly newer than
    # the delta overlap (a few seconds) that incremental pulls ask again.
    sandbox.clock = lambda: utc_now() - timedelta(hours=1)
    sandbox.load([*ward.resources, *extra])
    sandbox.clock = utc_now
    device = PrivateKeyJwt(CLIENT, new_device_key())
    sandbox.auth.register_jwk_client(CLIENT, {"keys": [device.public_jwk()]}, SCOPES)
    try:
        with SandboxServer(sandbox) as server:
            yield Ehr(sandbox, server, ward, device)
    finally:
        sandbox.close()


def vital_sign(patient_id: str, value: float, *, code: str = "8867-4") -> dict[str, Any]:
    """A heart-rate Observation as a nurse would record it (synthetic values)."""
    return {
        "resourceType": "Observation",
        "status": "final",
        "category": [
            {
                "coding": [
                    {
                        "system": "http://terminology.hl7.org/CodeSystem/observation-category",
                        "code": "vital-signs",
                    }
                ]
            }
        ],
        "code": {"coding": [{"system": "http://loinc.org", "code": code}]},
        "subject": {"reference": f"Patient/{patient_id}"},
        "effectiveDateTime": datetime.now(UTC).isoformat(timespec="seconds"),
        "valueQuantity": {
            "value": value,
            "unit": "/min",
            "system": "http://unitsofmeasure.org",
            "code": "/min",
        },
    }


async def cache_matches_server(store: Store, ehr: Ehr, types: Iterable[str]) -> list[str]:
    """Differences between the cache and the EHR for the scope's resources of ``types``."""
    problems = []
    async with ehr.client() as client:
        for resource_type in types:
            for cached in await store.find(resource_type):
                server = await client.read(resource_type, cached["id"])
                if server is None:
                    problems.append(f"{resource_type}/{cached['id']} is cached but not on the EHR")
                elif server != cached:
                    problems.append(f"{resource_type}/{cached['id']} differs from the EHR")
    return problems
