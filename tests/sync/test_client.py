"""The FHIR client maps every failure to the sync error tree and follows paging safely.

Unit tests at the transport seam (``httpx.MockTransport``); the loopback tests against the real
sandbox live in ``test_download.py``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from bedside.sync import (
    AuthError,
    ClientSecret,
    ConflictError,
    FhirClient,
    OfflineError,
    PrivateKeyJwt,
    ProtocolError,
    RejectedError,
    ServerError,
    SyncTimeoutError,
    TokenSource,
    new_device_key,
)
from bedside.sync.auth import ASSERTION_TYPE

BASE = "https://ehr.example.test/fhir"
TOKEN_URL = "https://ehr.example.test/auth/token"

Handler = Callable[[httpx.Request], httpx.Response]


def _bundle(ids: list[str], next_url: str | None = None) -> dict[str, Any]:
    bundle: dict[str, Any] = {
        "resourceType": "Bundle",
        "type": "searchset",
        "meta": {"lastUpdated": "2026-11-22T08:00:00.000Z"},
        "entry": [{"resource": {"resourceType": "Patient", "id": i}} for i in ids],
        "link": [{"relation": "self", "url": f"{BASE}/Patient"}],
    }
    if next_url:
        bundle["link"].append({"relation": "next", "url": next_url})
    return bundle


def _client(handler: Handler, tokens: TokenSource | None = None) -> FhirClient:
    return FhirClient(BASE, tokens, transport=httpx.MockTransport(handler))


@pytest.mark.asyncio
async def test_search_follows_next_links_verbatim_until_the_last_page() -> None:
    requested: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        requested.append(str(request.url))
        if "page=2" in str(request.url):
            return httpx.Response(200, json=_bundle(["c"]))
        return httpx.Response(200, json=_bundle(["a", "b"], f"{BASE}/opaque?page=2&x=%2B1"))

    async with _client(handler) as client:
        pages = [page async for page in client.search("Patient", {"_count": "2"})]
    assert [[r["id"] for r in p.resources] for p in pages] == [["a", "b"], ["c"]]
    assert requested[1] == f"{BASE}/opaque?page=2&x=%2B1"
    assert pages[0].server_time == "2026-11-22T08:00:00.000Z"


@pytest.mark.asyncio
async def test_a_next_link_that_loops_stops_the_search_with_a_clear_error() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=_bundle(["a"], f"{BASE}/Patient?page=again"))

    async with _client(handler) as client:
        with pytest.raises(ProtocolError, match="loops"):
            async for _ in client.search("Patient", {}):
                pass


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("status", "error"),
    [
        (400, RejectedError),
        (404, RejectedError),
        (410, RejectedError),
        (422, RejectedError),
        (409, ConflictError),
        (412, ConflictError),
        (429, ServerError),
        (500, ServerError),
        (503, ServerError),
    ],
)
async def test_http_errors_map_to_the_sync_error_tree(status: int, error: type[Exception]) -> None:
    outcome = {
        "resourceType": "OperationOutcome",
        "issue": [{"severity": "error", "code": "invalid", "diagnostics": "bad thing"}],
    }

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, json=outcome, headers={"Retry-After": "7"})

    async with _client(handler) as client:
        with pytest.raises(error) as raised:
            await client.get_json("Patient/x")
    assert raised.value.status == status  # type: ignore[attr-defined]
    assert "bad thing" in raised.value.detail  # type: ignore[attr-defined]
    if isinstance(raised.value, ServerError):
        assert raised.value.retry_after == 7.0


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("failure", "error"),
    [
        (httpx.ConnectError("refused"), OfflineError),
        (httpx.ReadTimeout("slow"), SyncTimeoutError),
        (httpx.RemoteProtocolError("reset"), OfflineError),
    ],
)
async def test_network_failures_map_to_offline_or_timeout(
    failure: Exception, error: type[Exception]
) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise failure

    async with _client(handler) as client:
        with pytest.raises(error):
            await client.get_json("metadata")


@pytest.mark.asyncio
async def test_invalid_json_is_a_protocol_error_not_a_crash() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=b'{"resourceType": "Bundle", "entry": [')

    async with _client(handler) as client:
        with pytest.raises(ProtocolError, match="invalid JSON"):
            await client.get_json("Patient")


def _token_handler(log: list[httpx.Request], *, expires_in: int = 300) -> Handler:
    issued = iter(range(1, 100))

    def handler(request: httpx.Request) -> httpx.Response:
        log.append(request)
        if str(request.url) == f"{BASE}/.well-known/smart-configuration":
            return httpx.Response(200, json={"token_endpoint": TOKEN_URL})
        if str(request.url) == TOKEN_URL:
            return httpx.Response(
                200, json={"access_token": f"t{next(issued)}", "expires_in": expires_in}
            )
        if request.headers.get("Authorization") == "Bearer t1" and "expired" in str(request.url):
            return httpx.Response(401)
        return httpx.Response(200, json={"resourceType": "Patient", "id": "p"})

    return handler


@pytest.mark.asyncio
async def test_a_private_key_jwt_assertion_is_sent_to_the_discovered_token_endpoint() -> None:
    from joserfc import jwt
    from joserfc.jwk import ECKey

    sent: list[httpx.Request] = []
    creds = PrivateKeyJwt("tablet-7", new_device_key())
    tokens = TokenSource(BASE, creds, scope="system/*.read", clock=lambda: 1_000_000.0)
    async with _client(_token_handler(sent), tokens) as client:
        await client.get_json("Patient/p")
    token_request = next(r for r in sent if str(r.url) == TOKEN_URL)
    form = dict(httpx.QueryParams(token_request.content.decode()))
    assert form["grant_type"] == "client_credentials"
    assert form["client_assertion_type"] == ASSERTION_TYPE
    public = ECKey.import_key(creds.public_jwk())
    claims = jwt.decode(form["client_assertion"], public, algorithms=["ES384"]).claims
    assert claims["iss"] == claims["sub"] == "tablet-7"
    assert claims["aud"] == TOKEN_URL
    assert 0 < claims["exp"] - 1_000_000 <= 300
    assert claims["jti"]


@pytest.mark.asyncio
@pytest.mark.parametrize("method", ["basic", "post"])
async def test_a_client_secret_is_sent_by_basic_auth_or_in_the_form(method: str) -> None:
    sent: list[httpx.Request] = []
    tokens = TokenSource(BASE, ClientSecret("tablet-7", "s3cret", method), scope="system/*.read")
    async with _client(_token_handler(sent), tokens) as client:
        await client.get_json("Patient/p")
    token_request = next(r for r in sent if str(r.url) == TOKEN_URL)
    form = dict(httpx.QueryParams(token_request.content.decode()))
    if method == "basic":
        assert token_request.headers["Authorization"].startswith("Basic ")
        assert "client_secret" not in form
    else:
        assert form["client_secret"] == "s3cret"
        assert "Authorization" not in token_request.headers


@pytest.mark.asyncio
async def test_the_token_is_reused_until_shortly_before_it_expires() -> None:
    sent: list[httpx.Request] = []
    now = [1_000_000.0]
    tokens = TokenSource(BASE, ClientSecret("c", "s"), scope="system/*.read", clock=lambda: now[0])
    async with _client(_token_handler(sent, expires_in=300), tokens) as client:
        await client.get_json("Patient/p")
        await client.get_json("Patient/p")
        now[0] += 280  # inside the renewal margin
        await client.get_json("Patient/p")
    assert sum(1 for r in sent if str(r.url) == TOKEN_URL) == 2


@pytest.mark.asyncio
async def test_a_401_renews_the_token_once_and_retries() -> None:
    sent: list[httpx.Request] = []
    tokens = TokenSource(BASE, ClientSecret("c", "s"), scope="system/*.read")
    async with _client(_token_handler(sent), tokens) as client:
        body = await client.get_json("Patient/expired")
    assert body["id"] == "p"
    assert sum(1 for r in sent if str(r.url) == TOKEN_URL) == 2


@pytest.mark.asyncio
async def test_a_second_401_is_an_auth_error() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if str(request.url) == f"{BASE}/.well-known/smart-configuration":
            return httpx.Response(200, json={"token_endpoint": TOKEN_URL})
        if str(request.url) == TOKEN_URL:
            return httpx.Response(200, json={"access_token": "t", "expires_in": 300})
        return httpx.Response(401)

    tokens = TokenSource(BASE, ClientSecret("c", "s"), scope="system/*.read")
    async with _client(handler, tokens) as client:
        with pytest.raises(AuthError):
            await client.get_json("Patient/p")


@pytest.mark.asyncio
async def test_refused_credentials_are_an_auth_error_with_the_oauth_reason() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if str(request.url) == TOKEN_URL:
            return httpx.Response(
                401, json={"error": "invalid_client", "error_description": "unknown key"}
            )
        return httpx.Response(200, json={"token_endpoint": TOKEN_URL})

    tokens = TokenSource(BASE, ClientSecret("c", "s"), scope="system/*.read")
    async with _client(handler, tokens) as client:
        with pytest.raises(AuthError, match="refused this device") as raised:
            await client.get_json("Patient/p")
    assert "invalid_client" in raised.value.detail


@pytest.mark.asyncio
async def test_every_request_says_who_is_calling() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, content=json.dumps({"resourceType": "CapabilityStatement"}))

    async with _client(handler) as client:
        await client.capabilities()
    assert seen[0].headers["User-Agent"].startswith("Bedside/")
    assert seen[0].headers["Accept"] == "application/fhir+json"


@pytest.mark.asyncio
async def test_credentials_are_never_sent_to_a_plain_http_token_endpoint_elsewhere() -> None:
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json={"token_endpoint": "http://attacker.example/token"})

    tokens = TokenSource(BASE, ClientSecret("c", "s3cret"), scope="system/*.read")
    async with _client(handler, tokens) as client:
        with pytest.raises(ProtocolError, match="not on HTTPS"):
            await client.get_json("Patient/p")
    assert all("attacker" not in str(r.url) for r in sent)


@pytest.mark.asyncio
async def test_a_next_link_to_another_server_is_refused_so_the_token_never_leaves() -> None:
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json=_bundle(["a"], "https://elsewhere.example/fhir/p2"))

    async with _client(handler) as client:
        with pytest.raises(ProtocolError, match="another server"):
            async for _ in client.search("Patient", {}):
                pass
    assert [r.url.host for r in sent] == ["ehr.example.test"]


@pytest.mark.asyncio
async def test_a_search_answer_without_meta_takes_the_server_time_from_the_date_header() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        bundle = _bundle(["a"])
        del bundle["meta"]
        return httpx.Response(200, json=bundle, headers={"Date": "Sun, 22 Nov 2026 08:00:00 GMT"})

    async with _client(handler) as client:
        [page] = [p async for p in client.search("Patient", {})]
    assert page.server_time == "2026-11-22T08:00:00Z"


@pytest.mark.asyncio
async def test_a_busy_token_endpoint_is_a_server_error_to_retry_not_an_auth_failure() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if str(request.url) == TOKEN_URL:
            return httpx.Response(503, headers={"Retry-After": "5"})
        return httpx.Response(200, json={"token_endpoint": TOKEN_URL})

    tokens = TokenSource(BASE, ClientSecret("c", "s"), scope="system/*.read")
    async with _client(handler, tokens) as client:
        with pytest.raises(ServerError):
            await client.get_json("Patient/p")
