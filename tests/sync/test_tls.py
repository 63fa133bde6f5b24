"""The TLS context: the OS store plus a site CA bundle, over a real HTTPS server on loopback.

A throwaway CA signs a server certificate for localhost/127.0.0.1; the system store does not know
that CA, so only the bundle can make the connection trusted.
"""

from __future__ import annotations

import asyncio
import contextlib
import ssl
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
import pytest

from bedside.sync.errors import SyncError
from bedside.sync.tls import TlsConfigError, ssl_context
from tests.pki import Pki, make_pki

RESPONSE = (
    b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n"
    b"Connection: close\r\n\r\nok"
)


@asynccontextmanager
async def https_server(pki: Pki) -> AsyncIterator[int]:
    """An HTTPS server on 127.0.0.1 answering every request with 200 "ok"; yields its port."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(pki.cert_pem, pki.key_pem)

    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            await reader.readuntil(b"\r\n\r\n")
            writer.write(RESPONSE)
            await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()
            # The client may hang up first; the socket is closed either way.
            with contextlib.suppress(ConnectionError, ssl.SSLError):
                await writer.wait_closed()

    server = await asyncio.start_server(answer, "127.0.0.1", 0, ssl=context)
    try:
        yield server.sockets[0].getsockname()[1]
    finally:
        server.close()
        await server.wait_closed()


async def _get(url: str, verify: ssl.SSLContext) -> httpx.Response:
    async with httpx.AsyncClient(verify=verify, timeout=10) as client:
        return await client.get(url)


@pytest.fixture
def pki(tmp_path: Path) -> Pki:
    return make_pki(tmp_path / "pki")


@pytest.mark.asyncio
@pytest.mark.parametrize("host", ["localhost", "127.0.0.1"])
async def test_a_server_signed_by_the_site_ca_is_trusted_with_the_bundle(
    pki: Pki, host: str
) -> None:
    async with https_server(pki) as port:
        response = await _get(f"https://{host}:{port}/metadata", ssl_context(pki.ca_pem))
    assert response.status_code == 200
    assert response.text == "ok"


@pytest.mark.asyncio
async def test_without_the_bundle_the_unknown_ca_is_refused(pki: Pki) -> None:
    async with https_server(pki) as port:
        with pytest.raises(httpx.ConnectError, match="CERTIFICATE_VERIFY_FAILED"):
            await _get(f"https://localhost:{port}/metadata", ssl_context())


@pytest.mark.asyncio
async def test_a_trusted_certificate_for_another_host_name_is_refused(tmp_path: Path) -> None:
    pki = make_pki(tmp_path / "other", dns="ehr.example.org", ip=None)
    async with https_server(pki) as port:
        with pytest.raises(httpx.ConnectError, match=r"CERTIFICATE_VERIFY_FAILED.*[Hh]ostname"):
            await _get(f"https://localhost:{port}/metadata", ssl_context(pki.ca_pem))


@pytest.mark.asyncio
async def test_a_bundle_of_another_ca_does_not_help(pki: Pki, tmp_path: Path) -> None:
    stranger = make_pki(tmp_path / "stranger")
    async with https_server(pki) as port:
        with pytest.raises(httpx.ConnectError, match="CERTIFICATE_VERIFY_FAILED"):
            await _get(f"https://localhost:{port}/metadata", ssl_context(stranger.ca_pem))


def test_the_context_verifies_certificates_and_host_names_and_needs_tls_1_2() -> None:
    context = ssl_context()
    assert context.verify_mode == ssl.CERT_REQUIRED
    assert context.check_hostname is True
    assert context.minimum_version == ssl.TLSVersion.TLSv1_2


def _bundle_error(path: Path) -> TlsConfigError:
    with pytest.raises(TlsConfigError) as caught:
        ssl_context(path)
    return caught.value


@pytest.mark.parametrize(
    ("write", "says"),
    [
        (lambda p: p.write_text("this is not a certificate\n"), "holds no usable CA certificate"),
        (lambda p: p.write_bytes(b""), "holds no usable CA certificate"),
        (lambda p: p.write_bytes(b"\x00\xff" * 64), "holds no usable CA certificate"),
        (lambda p: p.mkdir(), "is not a file"),
        (lambda p: None, "does not exist"),
    ],
    ids=["garbage", "empty", "binary", "directory", "missing"],
)
def test_an_unusable_bundle_is_a_clear_configuration_error(
    tmp_path: Path, write: Callable[[Path], object], says: str
) -> None:
    bundle = tmp_path / "site-ca.pem"
    write(bundle)
    error = _bundle_error(bundle)
    assert isinstance(error, SyncError)
    assert str(bundle) in str(error)
    assert says in str(error)
    assert "Traceback" not in str(error)


def test_a_private_key_is_not_taken_for_a_ca_bundle(pki: Pki) -> None:
    error = _bundle_error(pki.key_pem)
    assert "holds no usable CA certificate" in str(error)
    assert "PRIVATE KEY" not in str(error)  # the file's content never reaches the message
    assert error.detail  # OpenSSL's reason, kept for the log


@pytest.mark.asyncio
async def test_the_fhir_client_reports_an_untrusted_certificate_in_plain_words(pki: Pki) -> None:
    from bedside.sync import AuthError, FhirClient

    async with https_server(pki) as port:
        async with FhirClient(f"https://localhost:{port}/", None, tls=ssl_context()) as client:
            with pytest.raises(AuthError, match="certificate is not trusted"):
                await client.request("GET", "metadata")
        async with FhirClient(
            f"https://localhost:{port}/", None, tls=ssl_context(pki.ca_pem)
        ) as client:
            response = await client.request("GET", "metadata")
    assert response.status_code == 200
