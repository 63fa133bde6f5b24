"""A private sandbox EHR per test, on real loopback HTTP, with an enrolled device — and checks.

Tests that write to the EHR need their own server (what one test uploads must not show up in
another), so this is a context manager rather than a shared fixture.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterable, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

from bedside.sandbox.runner import SandboxServer
from bedside.sandbox.seed import SeedWard, generate_ward
from bedside.sandbox.server import Sandbox
from bedside.store import Store
from bedside.sync import FhirClient, PrivateKeyJwt, Scope, SyncEngine, TokenSource, new_device_key
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
    update_create: bool | None = None,
    now: datetime | None = None,
    strict: bool = False,
) -> AsyncIterator[Ehr]:
    """A fresh sandbox holding the seeded ward (plus ``extra``), served on loopback.

    ``now`` pins the ward's clock (its appointments, menus and doses lie around it); the
    sandbox's own clock, which stamps ``lastUpdated``, stays the real one. ``strict`` serves the
    strict preset (``SandboxConfig.strict()``: R4 validation, no create-as-update, ``_offset``
    paging, no ``$verify-pin``); ``update_create`` overrides either mode's default.
    """
    from bedside.sandbox.server import SandboxConfig, utc_now

    ward = generate_ward(seed=seed, scale=scale, now=now)
    overrides = {} if update_create is None else {"update_create": update_create}
    config = SandboxConfig.strict(**overrides) if strict else SandboxConfig(**overrides)
    sandbox = Sandbox(config=config)
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


async def cache_matches_server(
    store: Store, ehr: Ehr, types: Iterable[str], *, patient_id: str | None = None
) -> list[str]:
    """Differences between the cache and the EHR for cached resources of ``types``."""
    problems = []
    async with ehr.client() as client:
        for resource_type in types:
            for cached in await store.find(resource_type, patient_id=patient_id):
                server = await client.read(resource_type, cached["id"])
                if server is None:
                    problems.append(f"{resource_type}/{cached['id']} is cached but not on the EHR")
                elif server != cached:
                    problems.append(f"{resource_type}/{cached['id']} differs from the EHR")
    return problems


@dataclass
class EhrProcess:
    """The sandbox EHR as its own process (``bedside sandbox``), as a real EHR would be."""

    base_url: str
    client_id: str
    client_secret: str
    ward_id: str
    process: Any
    strict: bool = False

    @property
    def scope(self) -> Scope:
        return Scope("ward", self.ward_id)

    def client(
        self, base_url: str | None = None, *, timeout: float = 5.0, retry: RetryPolicy = FAST_RETRY
    ) -> FhirClient:
        from bedside.sync import ClientSecret

        url = base_url or self.base_url
        tokens = TokenSource(url, ClientSecret(self.client_id, self.client_secret), scope=SCOPES)
        return FhirClient(
            url, tokens, timeout=httpx.Timeout(timeout, connect=min(timeout, 2.0)), retry=retry
        )


@contextmanager
def ehr_process(
    workdir: Path,
    *,
    seed: int = 11,
    scale: int = 1,
    db: Path | None = None,
    history_days: int | None = None,
    admin_token: str | None = None,
    strict: bool = False,
) -> Iterator[EhrProcess]:
    """Run ``bedside sandbox`` on a free loopback port until the block ends.

    ``admin_token`` opens the sandbox's admin route, through which IT registers a device's key;
    ``strict`` runs it as ``bedside sandbox --strict``.
    """
    from tests.conftest import REPO

    ready = workdir / f"sandbox-ready-{seed}-{scale}{'-strict' if strict else ''}.json"
    ready.unlink(missing_ok=True)
    log = workdir / "sandbox.log"
    command = [sys.executable, "-m", "bedside", "sandbox", "--port", "0", "--seed", str(seed)]
    command += ["--scale", str(scale), "--ready-file", str(ready)]
    if db is not None:
        command += ["--db", str(db)]
    if history_days is not None:
        command += ["--history-days", str(history_days)]
    if admin_token is not None:
        command += ["--admin-token", admin_token]
    if strict:
        command.append("--strict")
    with log.open("a") as log_file:
        process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=log_file)
    try:
        deadline = time.monotonic() + 120
        while not ready.exists():
            if process.poll() is not None:
                raise RuntimeError("the sandbox process ended: " + log.read_text()[-2000:])
            if time.monotonic() > deadline:
                raise RuntimeError("the sandbox process did not become ready")
            time.sleep(0.05)
        info = json.loads(ready.read_text())
        ward_id = generate_ward(seed=seed, scale=scale).ward_id
        yield EhrProcess(
            info["base_url"], info["client_id"], info["client_secret"], ward_id, process, strict
        )
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@asynccontextmanager
async def synced(store: Store, **ehr_options: Any) -> AsyncIterator[tuple[Ehr, SyncEngine]]:
    """A private EHR and an engine whose first sync into ``store`` has completed."""
    async with own_ehr(**ehr_options) as ehr, ehr.client() as client:
        engine = SyncEngine(store, client, ehr.scope)
        first = await engine.sync_once()
        assert first.ok, first.error
        yield ehr, engine
