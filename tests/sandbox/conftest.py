"""Fixtures for the sandbox conformance tests.

Every test that takes ``ehr`` runs twice: in-process through ``httpx.ASGITransport`` and over
real loopback HTTP against uvicorn on an ephemeral port. Time is a :class:`FakeClock` the test
moves by hand, so expiry and ``_lastUpdated`` need no sleeps.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
import pytest_asyncio
from joserfc import jwt
from joserfc.jwk import ECKey

from bedside.sandbox.runner import SandboxServer
from bedside.sandbox.server import Sandbox, SandboxConfig, create_app
from tests.models.conftest import hl7_package as hl7_package  # the HL7 package, fetched once

FHIR_JSON = "application/fhir+json"
ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
SECRET_CLIENT = "ward-tester"
SECRET = "correct horse battery staple"
ALL_SCOPES = "system/*.read system/*.write"


class FakeClock:
    """A UTC clock that only moves when told to."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime(2026, 5, 4, 8, 0, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@dataclass
class Ehr:
    """A client of one sandbox, with a default all-scopes bearer token in ``headers``."""

    http: httpx.AsyncClient
    base: str
    sandbox: Sandbox
    clock: FakeClock
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def token_endpoint(self) -> str:
        return f"{self.base}auth/token"

    async def token(
        self, scope: str = ALL_SCOPES, client_id: str = SECRET_CLIENT, secret: str = SECRET
    ) -> str:
        """Register a secret client (idempotent) and get a token through the token endpoint."""
        if client_id == SECRET_CLIENT:
            self.sandbox.auth.register_secret_client(client_id, secret, ALL_SCOPES)
        answer = await self.http.post(
            self.token_endpoint,
            data={"grant_type": "client_credentials", "scope": scope},
            auth=(client_id, secret),
        )
        assert answer.status_code == 200, answer.text
        return str(answer.json()["access_token"])

    def bearer(self, token: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {token}"}

    async def get(self, url: str, **kw: Any) -> httpx.Response:
        return await self.http.get(url, headers={**self.headers, **kw.pop("headers", {})}, **kw)

    async def post(self, url: str, body: Any, **kw: Any) -> httpx.Response:
        headers = {**self.headers, "Content-Type": FHIR_JSON, **kw.pop("headers", {})}
        return await self.http.post(url, json=body, headers=headers, **kw)

    async def put(self, url: str, body: Any, **kw: Any) -> httpx.Response:
        headers = {**self.headers, "Content-Type": FHIR_JSON, **kw.pop("headers", {})}
        return await self.http.put(url, json=body, headers=headers, **kw)

    async def delete(self, url: str, **kw: Any) -> httpx.Response:
        return await self.http.delete(url, headers={**self.headers, **kw.pop("headers", {})}, **kw)

    async def create(self, resource: dict[str, Any]) -> dict[str, Any]:
        answer = await self.post(resource["resourceType"], resource)
        assert answer.status_code == 201, answer.text
        created: dict[str, Any] = answer.json()
        return created

    async def search_all(
        self, url: str, params: dict[str, str] | None = None
    ) -> list[dict[str, Any]]:
        """Every resource of a search, following ``next`` links verbatim."""
        found: list[dict[str, Any]] = []
        answer = await self.get(url, params=params)
        while True:
            assert answer.status_code == 200, answer.text
            bundle = answer.json()
            found.extend(e["resource"] for e in bundle.get("entry", []))
            nxt = [link["url"] for link in bundle["link"] if link["relation"] == "next"]
            if not nxt:
                return found
            answer = await self.get(nxt[0])


def make_assertion(
    key: ECKey,
    client_id: str,
    audience: str,
    now: datetime,
    *,
    lifetime_s: int = 240,
    jti: str | None = None,
    **overrides: Any,
) -> str:
    claims: dict[str, Any] = {
        "iss": client_id,
        "sub": client_id,
        "aud": audience,
        "iat": int(now.timestamp()),
        "exp": int(now.timestamp()) + lifetime_s,
        "jti": jti or str(uuid.uuid4()),
    }
    claims.update(overrides)
    header = {"alg": "ES384", "typ": "JWT", "kid": key.kid}
    return jwt.encode(header, claims, key, algorithms=["ES384"])


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def config() -> SandboxConfig:
    return SandboxConfig()


@pytest.fixture
def sandbox(clock: FakeClock, config: SandboxConfig) -> Sandbox:
    return Sandbox(clock=clock, config=config)


@asynccontextmanager
async def on_loopback(sandbox: Sandbox, clock: FakeClock) -> AsyncIterator[Ehr]:
    """``sandbox`` served by uvicorn on a free loopback port, with an all-scopes client."""
    with SandboxServer(sandbox) as server:
        async with httpx.AsyncClient(base_url=server.base_url, timeout=10) as http:
            client = Ehr(http, server.base_url, sandbox, clock)
            client.headers = client.bearer(await client.token())
            yield client


@pytest_asyncio.fixture(params=["asgi", "loopback"])
async def ehr(
    request: pytest.FixtureRequest, sandbox: Sandbox, clock: FakeClock
) -> AsyncIterator[Ehr]:
    if request.param == "asgi":
        base = "http://sandbox.test/"
        transport = httpx.ASGITransport(app=create_app(sandbox))
        async with httpx.AsyncClient(transport=transport, base_url=base) as http:
            client = Ehr(http, base, sandbox, clock)
            client.headers = client.bearer(await client.token())
            yield client
    else:
        with SandboxServer(sandbox) as server:
            async with httpx.AsyncClient(base_url=server.base_url, timeout=10) as http:
                client = Ehr(http, server.base_url, sandbox, clock)
                client.headers = client.bearer(await client.token())
                yield client
    sandbox.close()


def patient(identifier: str = "1", family: str = "Martin", **extra: Any) -> dict[str, Any]:
    return {
        "resourceType": "Patient",
        "identifier": [{"system": "urn:oid:1.2.250.1.213.1.4.8", "value": identifier}],
        "name": [{"family": family, "given": ["Louise"]}],
        "gender": "female",
        "birthDate": "1950-03-02",
        **extra,
    }


def observation(
    patient_id: str, when: str = "2026-05-04T07:30:00+02:00", **extra: Any
) -> dict[str, Any]:
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
        "code": {"coding": [{"system": "http://loinc.org", "code": "8867-4"}]},
        "subject": {"reference": f"Patient/{patient_id}"},
        "effectiveDateTime": when,
        "valueQuantity": {"value": 72, "unit": "/min"},
        **extra,
    }
