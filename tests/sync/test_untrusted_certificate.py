"""An EHR whose certificate the tablet does not trust is a :class:`CertificateError`, not offline.

Over a real HTTPS server on loopback whose CA the system store does not know (see test_tls.py):
the FHIR client and the token request both say "certificate", so the first-run screen can tell
IT what to fix instead of waiting for a network that is already there.
"""

from __future__ import annotations

import ssl
from pathlib import Path

import pytest

from bedside.sync import (
    AuthError,
    CertificateError,
    ClientSecret,
    FhirClient,
    OfflineError,
    TokenSource,
)
from bedside.sync.tls import is_certificate_failure, ssl_context
from tests.pki import Pki, make_pki
from tests.sync.test_tls import https_server


@pytest.fixture
def pki(tmp_path: Path) -> Pki:
    return make_pki(tmp_path / "pki")


@pytest.mark.asyncio
async def test_a_fhir_request_to_an_untrusted_ehr_is_a_certificate_error(pki: Pki) -> None:
    async with (
        https_server(pki) as port,
        FhirClient(f"https://localhost:{port}/", None, tls=ssl_context()) as client,
    ):
        with pytest.raises(CertificateError, match="certificate is not trusted") as caught:
            await client.request("GET", "metadata")
    # Still an AuthError for every caller that only knows that much; never "offline".
    assert isinstance(caught.value, AuthError)
    assert not isinstance(caught.value, OfflineError)


@pytest.mark.asyncio
async def test_signing_in_at_an_untrusted_token_endpoint_is_a_certificate_error(pki: Pki) -> None:
    async with https_server(pki) as port:
        base = f"https://localhost:{port}/fhir"
        tokens = TokenSource(
            base,
            ClientSecret("tablet", "not-a-real-secret"),
            scope="system/*.read",
            token_endpoint=f"https://localhost:{port}/token",
        )
        async with FhirClient(base, tokens, tls=ssl_context()) as client:
            with pytest.raises(CertificateError, match="sign-in service is not trusted"):
                await client.request("GET", "metadata")


def test_a_certificate_failure_is_found_under_the_wrappers_and_nothing_else_is() -> None:
    outer = ConnectionError("wrapped")
    outer.__cause__ = ssl.SSLCertVerificationError(1, "certificate verify failed")
    assert is_certificate_failure(outer)
    assert not is_certificate_failure(ConnectionRefusedError("refused"))
    assert is_certificate_failure(OSError("[SSL: CERTIFICATE_VERIFY_FAILED] …"))
