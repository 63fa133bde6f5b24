"""The device's secret or assertion goes only to a token endpoint IT chose (#14, item 5).

Over real HTTPS on loopback (a throwaway CA, see tests/pki.py): an EHR whose
``.well-known/smart-configuration`` names a token endpoint on another origin, and a recording
server on that origin that would happily hand out a token. Only a token endpoint on the EHR's own
origin (scheme, host and port of ``ehr.base_url``) or the one configured in ``ehr.token_endpoint``
is used; anything else stops with one sentence for IT and the recording server hears nothing.
"""

from __future__ import annotations

import asyncio
import json
import ssl
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from bedside.app.commands import EXIT_NOT_SET_UP, run_enroll, run_sync_once
from bedside.settings import Settings, load_settings
from bedside.sync import (
    AuthError,
    ClientSecret,
    PrivateKeyJwt,
    TokenSource,
    new_device_key,
)
from bedside.sync.auth import Credentials, TokenEndpointRefusedError
from bedside.sync.tls import ssl_context
from tests.pki import Pki, make_pki

SECRET = "s3cret-never-leaves"
Answer = tuple[int, dict[str, str], bytes]
Route = Callable[[int], Answer]  # the port it is served on → the answer


@dataclass
class Seen:
    """What a loopback server received: connections, and (method, path, headers, body)."""

    connections: int = 0
    requests: list[tuple[str, str, dict[str, str], bytes]] = field(default_factory=list)

    def paths(self) -> list[str]:
        return [path for _, path, _, _ in self.requests]


def _json(status: int, body: object, **headers: str) -> Answer:
    return status, {"Content-Type": "application/json", **headers}, json.dumps(body).encode()


def _token(port: int) -> Answer:
    return _json(200, {"access_token": "tok", "token_type": "bearer", "expires_in": 300})


@asynccontextmanager
async def https_json_server(pki: Pki, routes: dict[str, Route]) -> AsyncIterator[tuple[int, Seen]]:
    """An HTTPS server on 127.0.0.1 answering ``routes`` by path (404 otherwise); records all."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(pki.cert_pem, pki.key_pem)
    seen = Seen()
    port = 0

    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        seen.connections += 1
        try:
            head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1")
            request_line, *lines = head.split("\r\n")
            method, target, _ = request_line.split(" ", 2)
            headers = {
                k.strip().lower(): v.strip()
                for k, v in (line.split(":", 1) for line in lines if ":" in line)
            }
            body = await reader.readexactly(int(headers.get("content-length", "0")))
            path = target.split("?", 1)[0]
            seen.requests.append((method, path, headers, body))
            route = routes.get(path)
            status, extra, content = route(port) if route else _json(404, {"error": "none"})
            head_out = f"HTTP/1.1 {status} X\r\nContent-Length: {len(content)}\r\n"
            head_out += "".join(f"{k}: {v}\r\n" for k, v in extra.items())
            writer.write((head_out + "Connection: close\r\n\r\n").encode() + content)
            await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    server = await asyncio.start_server(answer, "127.0.0.1", 0, ssl=context)
    port = server.sockets[0].getsockname()[1]
    try:
        yield port, seen
    finally:
        server.close()
        await server.wait_closed()


def _discovery(endpoint: Callable[[int], str]) -> Route:
    return lambda port: _json(200, {"token_endpoint": endpoint(port)})


def _credentials(method: str) -> Credentials:
    if method == "private_key_jwt":
        return PrivateKeyJwt("tablet-7", new_device_key())
    return ClientSecret("tablet-7", SECRET, method)


METHODS = ["basic", "post", "private_key_jwt"]


@pytest.fixture
def pki(tmp_path: Path) -> Pki:
    return make_pki(tmp_path / "pki")


async def _sign_in(tokens: TokenSource, tls: ssl.SSLContext) -> str:
    async with httpx.AsyncClient(verify=tls, follow_redirects=False) as http:
        return await tokens.bearer(http)


@pytest.mark.asyncio
@pytest.mark.parametrize("method", METHODS)
async def test_a_discovered_token_endpoint_on_another_port_is_refused_and_hears_nothing(
    pki: Pki, method: str
) -> None:
    async with https_json_server(pki, {"/token": _token}) as (elsewhere, recorder):
        discovery = _discovery(lambda _: f"https://127.0.0.1:{elsewhere}/token")
        routes = {"/fhir/.well-known/smart-configuration": discovery, "/fhir/token": _token}
        async with https_json_server(pki, routes) as (port, ehr):
            base = f"https://127.0.0.1:{port}/fhir"
            tokens = TokenSource(base, _credentials(method), scope="system/*.read")
            with pytest.raises(TokenEndpointRefusedError) as caught:
                await _sign_in(tokens, ssl_context(pki.ca_pem))
    assert recorder.connections == 0  # not the secret, not the assertion, not even a handshake
    assert ehr.paths() == ["/fhir/.well-known/smart-configuration"]
    sentence = str(caught.value)
    assert f"https://127.0.0.1:{elsewhere}" in sentence
    assert "ehr.token_endpoint" in sentence
    assert SECRET not in sentence
    assert isinstance(caught.value, AuthError)  # IT must act; retrying cannot help


@pytest.mark.asyncio
async def test_a_discovered_token_endpoint_on_another_host_name_of_the_same_server_is_refused(
    pki: Pki,
) -> None:
    discovery = _discovery(lambda port: f"https://localhost:{port}/token")
    routes = {"/.well-known/smart-configuration": discovery, "/token": _token}
    async with https_json_server(pki, routes) as (port, ehr):
        base = f"https://127.0.0.1:{port}"
        tokens = TokenSource(base, _credentials("post"), scope="system/*.read")
        with pytest.raises(TokenEndpointRefusedError, match="another server"):
            await _sign_in(tokens, ssl_context(pki.ca_pem))
    assert ehr.paths() == ["/.well-known/smart-configuration"]
    assert all(SECRET.encode() not in body for *_, body in ehr.requests)


@pytest.mark.asyncio
@pytest.mark.parametrize("method", METHODS)
async def test_a_token_endpoint_configured_by_it_on_another_origin_is_used(
    pki: Pki, method: str
) -> None:
    async with (
        https_json_server(pki, {"/token": _token}) as (elsewhere, token_server),
        https_json_server(pki, {}) as (port, ehr),
    ):
        base = f"https://127.0.0.1:{port}/fhir"
        tokens = TokenSource(
            base,
            _credentials(method),
            scope="system/*.read",
            token_endpoint=f"https://127.0.0.1:{elsewhere}/token",
        )
        assert await _sign_in(tokens, ssl_context(pki.ca_pem)) == "tok"
    assert token_server.paths() == ["/token"]
    assert ehr.requests == []  # configured: no discovery


@pytest.mark.asyncio
@pytest.mark.parametrize("method", METHODS)
async def test_a_discovered_token_endpoint_on_the_ehrs_own_origin_is_used(
    pki: Pki, method: str
) -> None:
    discovery = _discovery(lambda port: f"https://127.0.0.1:{port}/auth/token")
    routes = {"/fhir/.well-known/smart-configuration": discovery, "/auth/token": _token}
    async with https_json_server(pki, routes) as (port, ehr):
        base = f"https://127.0.0.1:{port}/fhir"
        tokens = TokenSource(base, _credentials(method), scope="system/*.read")
        assert await _sign_in(tokens, ssl_context(pki.ca_pem)) == "tok"
    assert ehr.paths() == ["/fhir/.well-known/smart-configuration", "/auth/token"]


@pytest.mark.asyncio
@pytest.mark.parametrize("method", METHODS)
async def test_a_token_request_redirected_to_another_origin_is_not_followed(
    pki: Pki, method: str
) -> None:
    async with https_json_server(pki, {"/token": _token}) as (elsewhere, recorder):

        def redirect(port: int) -> Answer:
            return 307, {"Location": f"https://127.0.0.1:{elsewhere}/token"}, b""

        discovery = _discovery(lambda port: f"https://127.0.0.1:{port}/token")
        routes = {"/.well-known/smart-configuration": discovery, "/token": redirect}
        async with (
            https_json_server(pki, routes) as (port, ehr),
            # Even an HTTP client that follows redirects by default does not follow this one.
            httpx.AsyncClient(verify=ssl_context(pki.ca_pem), follow_redirects=True) as http,
        ):
            base = f"https://127.0.0.1:{port}"
            tokens = TokenSource(base, _credentials(method), scope="system/*.read")
            with pytest.raises(AuthError, match="redirect") as caught:
                await tokens.bearer(http)
    assert recorder.connections == 0
    assert ehr.paths() == ["/.well-known/smart-configuration", "/token"]
    assert SECRET not in str(caught.value)


@pytest.mark.asyncio
async def test_a_discovery_redirected_to_another_origin_is_not_followed(pki: Pki) -> None:
    async with https_json_server(
        pki,
        {"/.well-known/smart-configuration": _discovery(lambda p: f"https://127.0.0.1:{p}/t")},
    ) as (elsewhere, recorder):

        def redirect(port: int) -> Answer:
            location = f"https://127.0.0.1:{elsewhere}/.well-known/smart-configuration"
            return 302, {"Location": location}, b""

        async with (
            https_json_server(pki, {"/.well-known/smart-configuration": redirect}) as (port, _),
            httpx.AsyncClient(verify=ssl_context(pki.ca_pem), follow_redirects=True) as http,
        ):
            tokens = TokenSource(
                f"https://127.0.0.1:{port}", _credentials("basic"), scope="system/*.read"
            )
            with pytest.raises(AuthError, match="redirect"):
                await tokens.bearer(http)
    assert recorder.connections == 0


@pytest.mark.asyncio
async def test_bedside_sync_once_stops_as_misconfigured_and_sends_nothing_elsewhere(
    pki: Pki, tmp_path: Path
) -> None:
    config = tmp_path / "bedside.toml"
    config.write_text("")
    demo = tmp_path / "tablet"
    lines: list[str] = []
    async with https_json_server(pki, {"/token": _token}) as (elsewhere, recorder):
        discovery = _discovery(lambda _: f"https://127.0.0.1:{elsewhere}/token")
        routes = {"/fhir/.well-known/smart-configuration": discovery}
        async with https_json_server(pki, routes) as (port, _):
            environ = {
                "BEDSIDE_EHR__BASE_URL": f"https://127.0.0.1:{port}/fhir",
                "BEDSIDE_EHR__CLIENT_ID": "tablet-1",
                "BEDSIDE_EHR__AUTH_METHOD": "client_secret_basic",
                "BEDSIDE_EHR__CA_BUNDLE": str(pki.ca_pem),
                "BEDSIDE_DEVICE__SITE_ID": "site-a",
                "BEDSIDE_DEVICE__SCOPE": "ward",
                "BEDSIDE_DEVICE__LOCATION_ID": "ward-3",
            }

            def settings() -> Settings:
                return load_settings(config_file=config, environ=environ)

            assert run_enroll(settings, demo_dir=demo, client_secret=SECRET, out=lines.append) == 0
            code = await asyncio.to_thread(
                run_sync_once, settings, demo_dir=demo, reconcile=False, out=lines.append
            )
    output = "\n".join(lines)
    assert code == EXIT_NOT_SET_UP, output
    assert "ehr.token_endpoint" in output
    assert recorder.connections == 0
    assert SECRET not in output
