"""TLS for talking to the EHR: the operating system's trust store plus an optional site CA bundle.

Owns building the :class:`ssl.SSLContext` every connection to the EHR uses. Trust comes from the
OS certificate store through ``truststore`` — hospital IT pushes its own CAs there — and, when
``ehr.ca_bundle`` is set, from a PEM file of extra CAs on top. Certificates and host names are
always verified and nothing older than TLS 1.2 is spoken; there is deliberately no switch to turn
verification off.

It does not read settings or open connections: the composition root passes the bundle path in
and hands the context to httpx (``httpx.AsyncHTTPTransport(verify=context)``).

On Linux truststore verifies with OpenSSL against the system's CA paths, so the extra bundle is
simply added to the same store; on macOS and Windows truststore passes the bundle's certificates
to the platform verifier as additional anchors.
"""

from __future__ import annotations

import ssl
from pathlib import Path

import truststore

from bedside.sync.errors import SyncError


class TlsConfigError(SyncError):
    """The site CA bundle cannot be used: missing, unreadable, or not PEM CA certificates.

    None of the other sync errors fits: this is neither the network nor the EHR failing, but this
    device's configuration, and retrying cannot help until IT fixes it.
    """


def is_certificate_failure(exc: BaseException) -> bool:
    """Whether a connection failed because the server's certificate did not verify.

    httpx wraps the :class:`ssl.SSLCertVerificationError` (via httpcore) in its ``ConnectError``;
    the chain is walked rather than the message matched, with the message as a fallback for
    backends that lose the chain.
    """
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, ssl.SSLCertVerificationError):
            return True
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return "CERTIFICATE_VERIFY_FAILED" in str(exc)


def ssl_context(ca_bundle: Path | None = None) -> ssl.SSLContext:
    """A client context that trusts the OS store (and ``ca_bundle`` when given), TLS 1.2 or newer.

    Raises :class:`TlsConfigError` when ``ca_bundle`` is given but cannot be loaded.
    """
    context = truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    # PROTOCOL_TLS_CLIENT already turns these on; set them anyway so the guarantee is stated here
    # and survives a change of defaults.
    context.verify_mode = ssl.CERT_REQUIRED
    context.check_hostname = True
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    if ca_bundle is not None:
        _load_bundle(context, ca_bundle)
    return context


def _load_bundle(context: ssl.SSLContext, path: Path) -> None:
    where = f"The site CA bundle {path}"
    if not path.exists():
        raise TlsConfigError(f"{where} does not exist.")
    if not path.is_file():
        raise TlsConfigError(f"{where} is not a file.")
    try:
        context.load_verify_locations(cafile=path)
    except PermissionError as exc:
        raise TlsConfigError(f"{where} cannot be read (permission denied).") from exc
    except ssl.SSLError as exc:
        # OpenSSL's reason (e.g. NO_CERTIFICATE_OR_CRL_FOUND) is for the log, not the sentence.
        raise TlsConfigError(
            f"{where} holds no usable CA certificate: it must be a PEM file of "
            "'-----BEGIN CERTIFICATE-----' blocks.",
            detail=str(exc),
        ) from exc
    except OSError as exc:
        raise TlsConfigError(
            f"{where} cannot be read ({exc.strerror or 'input/output error'}).", detail=str(exc)
        ) from exc


__all__ = ["TlsConfigError", "is_certificate_failure", "ssl_context"]
