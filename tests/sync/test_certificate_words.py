"""A certificate the tablet refuses is named for what it is, never "offline" (#14, item 6).

Over real HTTPS on loopback with a throwaway CA (tests/pki.py): an unknown issuer, a self-signed
certificate, one for another host name, an expired one, one not valid yet, and a server that only
speaks TLS 1.1. Each is refused (as before) and now says which problem it is, in a sentence IT can
act on; ``bedside sync --once`` exits as misconfigured (2), not as network-down (1).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import ssl
import warnings
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
import pytest

from bedside.app.commands import EXIT_FAILED, EXIT_NOT_SET_UP, run_enroll, run_sync_once
from bedside.settings import Settings, load_settings
from bedside.sync import CertificateError, ClientSecret, OfflineError, SyncError, TokenSource
from bedside.sync.tls import ssl_context
from tests.pki import Pki, make_pki

SECRET = "s3cret-never-shown"
ANSWER = b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"


@asynccontextmanager
async def https_server(pki: Pki, *, only_tls_1_1: bool = False) -> AsyncIterator[int]:
    """An HTTPS server on 127.0.0.1 with ``pki``'s certificate answering 404; yields its port."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    if only_tls_1_1:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            context.minimum_version = ssl.TLSVersion.TLSv1_1
            context.maximum_version = ssl.TLSVersion.TLSv1_1
        context.set_ciphers("DEFAULT:@SECLEVEL=0")
    context.load_cert_chain(pki.cert_pem, pki.key_pem)

    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            await reader.readuntil(b"\r\n\r\n")
            writer.write(ANSWER)
            await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    server = await asyncio.start_server(answer, "127.0.0.1", 0, ssl=context)
    try:
        yield server.sockets[0].getsockname()[1]
    finally:
        server.close()
        await server.wait_closed()


async def _sign_in_error(
    base: str, bundle: Path | None, *, token_endpoint: str | None = None
) -> SyncError:
    tokens = TokenSource(
        base,
        ClientSecret("tablet-7", SECRET, "post"),
        scope="system/*.read",
        token_endpoint=token_endpoint,
    )
    async with httpx.AsyncClient(verify=ssl_context(bundle)) as http:
        with pytest.raises(SyncError) as caught:
            await tokens.bearer(http)
    error = caught.value
    assert SECRET not in str(error)
    return error


async def _certificate_sentence(pki: Pki, bundle: Path | None, host: str = "127.0.0.1") -> str:
    async with https_server(pki) as port:
        error = await _sign_in_error(f"https://{host}:{port}/fhir", bundle)
    assert isinstance(error, CertificateError), repr(error)
    assert not isinstance(error, OfflineError)
    assert "cannot be reached" not in str(error)
    return str(error)


@pytest.mark.asyncio
async def test_a_certificate_from_an_unknown_issuer_names_the_issuer(tmp_path: Path) -> None:
    pki = make_pki(tmp_path / "pki", common_name="Clinique Nord Issuing CA")
    sentence = await _certificate_sentence(pki, bundle=None)
    assert "sign-in service is not trusted" in sentence
    assert "Clinique Nord Issuing CA" in sentence
    assert "ehr.ca_bundle" in sentence


@pytest.mark.asyncio
async def test_a_self_signed_certificate_is_called_self_signed(tmp_path: Path) -> None:
    pki = make_pki(tmp_path / "pki", self_signed=True)
    sentence = await _certificate_sentence(pki, bundle=pki.ca_pem)
    assert "self-signed" in sentence
    assert "ehr.ca_bundle" in sentence


@pytest.mark.asyncio
async def test_a_certificate_for_another_host_says_whose_it_is_and_to_check_the_base_url(
    tmp_path: Path,
) -> None:
    pki = make_pki(tmp_path / "pki", dns="ehr.example.org", ip=None)
    sentence = await _certificate_sentence(pki, bundle=pki.ca_pem)
    assert "issued for ehr.example.org, not 127.0.0.1" in sentence
    assert "check ehr.base_url" in sentence


@pytest.mark.asyncio
async def test_a_configured_token_endpoint_with_another_hosts_certificate_points_to_that_setting(
    tmp_path: Path,
) -> None:
    pki = make_pki(tmp_path / "pki", dns="sso.example.org", ip=None)
    async with https_server(pki) as port:
        error = await _sign_in_error(
            "https://ehr.example.org/fhir",
            pki.ca_pem,
            token_endpoint=f"https://localhost:{port}/token",
        )
    assert isinstance(error, CertificateError)
    assert "issued for sso.example.org, not localhost" in str(error)
    assert "check ehr.token_endpoint" in str(error)


@pytest.mark.asyncio
async def test_an_expired_certificate_says_when_it_expired(tmp_path: Path) -> None:
    start = dt.datetime(2026, 1, 1, 8, 0, tzinfo=dt.UTC)
    pki = make_pki(tmp_path / "pki", not_before=start, valid_days=30)
    sentence = await _certificate_sentence(pki, bundle=pki.ca_pem)
    assert "expired on 2026-01-31" in sentence
    assert "clock" in sentence  # a tablet whose clock is wrong sees the same


@pytest.mark.asyncio
async def test_a_certificate_not_valid_yet_says_from_when_and_to_check_the_clock(
    tmp_path: Path,
) -> None:
    start = dt.datetime.now(dt.UTC) + dt.timedelta(days=3)
    pki = make_pki(tmp_path / "pki", not_before=start, valid_days=30)
    sentence = await _certificate_sentence(pki, bundle=pki.ca_pem)
    assert f"not valid before {start:%Y-%m-%d}" in sentence
    assert "clock" in sentence


@pytest.mark.asyncio
async def test_a_server_that_only_speaks_tls_1_1_is_told_apart_from_a_network_failure(
    tmp_path: Path,
) -> None:
    pki = make_pki(tmp_path / "pki")
    async with https_server(pki, only_tls_1_1=True) as port:
        error = await _sign_in_error(f"https://127.0.0.1:{port}/fhir", pki.ca_pem)
    assert isinstance(error, CertificateError), repr(error)
    assert "only speaks TLS 1.1" in str(error)
    assert "1.2 or newer" in str(error)


@pytest.mark.asyncio
async def test_a_closed_port_is_still_offline_not_a_certificate_problem() -> None:
    server = await asyncio.start_server(lambda r, w: None, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    server.close()
    await server.wait_closed()
    error = await _sign_in_error(f"https://127.0.0.1:{port}/fhir", None)
    assert isinstance(error, OfflineError)


@pytest.mark.asyncio
async def test_bedside_sync_once_exits_as_misconfigured_on_a_certificate_problem(
    tmp_path: Path,
) -> None:
    start = dt.datetime(2026, 1, 1, 8, 0, tzinfo=dt.UTC)
    pki = make_pki(tmp_path / "pki", not_before=start, valid_days=30)
    config = tmp_path / "bedside.toml"
    config.write_text("")
    demo = tmp_path / "tablet"
    lines: list[str] = []
    async with https_server(pki) as port:
        environ = {
            "BEDSIDE_EHR__BASE_URL": f"https://127.0.0.1:{port}/fhir",
            "BEDSIDE_EHR__CLIENT_ID": "tablet-1",
            "BEDSIDE_EHR__AUTH_METHOD": "client_secret_post",
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
    assert code == EXIT_NOT_SET_UP != EXIT_FAILED, output
    assert "expired on 2026-01-31" in output
    assert "cannot be reached" not in output
    assert SECRET not in output
