"""TLS for talking to the EHR: the operating system's trust store plus an optional site CA bundle.

Owns building the :class:`ssl.SSLContext` every connection to the EHR uses. Trust comes from the
OS certificate store through ``truststore`` — hospital IT pushes its own CAs there — and, when
``ehr.ca_bundle`` is set, from a PEM file of extra CAs on top. Certificates and host names are
always verified and nothing older than TLS 1.2 is spoken; there is deliberately no switch to turn
verification off.

It does not read settings: the composition root passes the bundle path in and hands the context
to httpx (``httpx.AsyncHTTPTransport(verify=context)``).

When a connection is refused, :func:`certificate_problem` says why in words for IT — an unknown
issuer, a self-signed certificate, one issued for another name, expired or not yet valid, a server
that only speaks TLS 1.1 — as a :class:`CertificateProblemError`, so that a certificate is never
taken for a network that is down. To name the certificate it opens the one connection of this
module: a handshake that verifies nothing and carries nothing, only to read what the refused
server shows.

On Linux truststore verifies with OpenSSL against the system's CA paths, so the extra bundle is
simply added to the same store; on macOS and Windows truststore passes the bundle's certificates
to the platform verifier as additional anchors.
"""

from __future__ import annotations

import asyncio
import contextlib
import ssl
import warnings
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

import truststore
from cryptography import x509
from cryptography.x509.oid import NameOID

from bedside.sync.errors import CertificateError, SyncError


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


CertificateProblem = Literal[
    "untrusted", "self_signed", "name", "expired", "not_yet_valid", "revoked", "protocol", "other"
]

# OpenSSL's X509_V_ERR_* codes, as ssl.SSLCertVerificationError.verify_code carries them.
_VERIFY_CODES: dict[int, CertificateProblem] = {
    2: "untrusted",  # unable to get issuer certificate
    9: "not_yet_valid",
    10: "expired",
    18: "self_signed",  # depth zero self-signed certificate
    19: "untrusted",  # self-signed certificate in the chain: an unknown root
    20: "untrusted",  # unable to get local issuer certificate
    21: "untrusted",  # unable to verify the first certificate
    23: "revoked",
    62: "name",  # host name mismatch
    64: "name",  # IP address mismatch
}
# ssl.SSLError reasons of a handshake refused because of the protocol version.
_PROTOCOL_REASONS = {
    "TLSV1_ALERT_PROTOCOL_VERSION",
    "UNSUPPORTED_PROTOCOL",
    "NO_PROTOCOLS_AVAILABLE",
    "WRONG_SSL_VERSION",
}
# A server that cannot agree on a version may also just hang up during the handshake.
_HANGUP_REASONS = {"UNEXPECTED_EOF_WHILE_READING", "EOF_OCCURRED_IN_VIOLATION_OF_PROTOCOL"}
_PROBE_TIMEOUT_S = 3.0


class CertificateProblemError(CertificateError):
    """A :class:`CertificateError` that says which problem it is (:attr:`kind`), in words for IT.

    ``kind`` is one of :data:`CertificateProblem`: an issuer this tablet does not trust, a
    self-signed certificate, a certificate for another host name, expired, not valid yet, revoked,
    a server speaking only TLS older than 1.2, or another verification failure.
    """

    def __init__(self, message: str, *, kind: CertificateProblem, detail: str = "") -> None:
        super().__init__(message, detail=detail)
        self.kind: CertificateProblem = kind


@dataclass(frozen=True)
class _Peek:
    """What the server showed in a handshake that verified nothing: version and certificate."""

    version: str | None
    certificate: x509.Certificate | None


def _ssl_errors(exc: BaseException) -> list[ssl.SSLError]:
    found: list[ssl.SSLError] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, ssl.SSLError):
            found.append(current)
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return found


async def certificate_problem(
    exc: BaseException,
    url: str,
    *,
    service: str,
    setting: str,
    now: datetime | None = None,
) -> CertificateProblemError | None:
    """The certificate or TLS-version problem behind a failed connection to ``url``, or None.

    ``service`` names the server in the sentence ("the EHR's sign-in service"), ``setting`` is the
    setting its address came from (``ehr.base_url``…). None when the failure is not one of TLS
    (a refused connection, DNS…): that is "offline", for the caller to say.

    To say *which* certificate and *why* (the names it is issued for, the day it expired), the
    server is asked for its certificate once more in a handshake that verifies nothing and sends
    nothing; what it shows is only ever put into the sentence, never trusted. A server that hung
    up during the handshake is asked again allowing TLS 1.0 and 1.1, to tell "only speaks an old
    TLS" apart from a network failure.
    """
    parts = urlsplit(url)
    host, port = parts.hostname or "", parts.port or 443
    errors = _ssl_errors(exc)
    verify = next((e for e in errors if isinstance(e, ssl.SSLCertVerificationError)), None)
    if verify is None and not is_certificate_failure(exc):
        reasons = {e.reason for e in errors if e.reason}
        if not reasons & (_PROTOCOL_REASONS | _HANGUP_REASONS) and not any(
            isinstance(e, ssl.SSLEOFError) for e in errors
        ):
            return None
        peek = await _peek(host, port)
        if peek.version not in ("TLSv1", "TLSv1.1", "SSLv3"):
            return None  # it was the network after all (or nothing to say about it)
        shown = peek.version.replace("TLSv", "TLS ").replace("SSLv", "SSL ")
        return CertificateProblemError(
            f"{service[0].upper()}{service[1:]} only speaks {shown}; Bedside needs TLS 1.2 or "
            "newer: ask IT to turn on TLS 1.2 or 1.3 on that server.",
            kind="protocol",
            detail=", ".join(sorted(reasons)),
        )
    code = verify.verify_code if verify is not None else None
    kind: CertificateProblem = _VERIFY_CODES.get(code, "other") if code is not None else "other"
    message = (verify.verify_message if verify is not None else "") or "verification failed"
    peek = await _peek(host, port)
    return CertificateProblemError(
        _certificate_sentence(
            kind,
            peek.certificate,
            service=service,
            setting=setting,
            host=host,
            reason=message,
            now=now or datetime.now(UTC),
        ),
        kind=kind,
        detail=f"verify_code={code} {message}"[:300],
    )


def _certificate_sentence(
    kind: CertificateProblem,
    cert: x509.Certificate | None,
    *,
    service: str,
    setting: str,
    host: str,
    reason: str,
    now: datetime,
) -> str:
    of = f"The certificate of {service}"
    bundle = "the site CA bundle (ehr.ca_bundle)"
    clock = f"this tablet's clock says {_when(now)}"
    if kind == "untrusted":
        issuer = _common_name(cert.issuer) if cert is not None else None
        by = f"by {issuer}, " if issuer else "by "
        return (
            f"{of} is not trusted by this tablet: it is issued {by}a certificate authority this "
            f"tablet does not know; ask IT to add that CA to the certificate store or to {bundle}."
        )
    if kind == "self_signed":
        subject = _common_name(cert.subject) if cert is not None else None
        named = f" ({subject})" if subject else ""
        return (
            f"{of} is not trusted by this tablet: it is self-signed{named}; ask IT to give the "
            f"server a certificate from the hospital's CA, or to add this one to {bundle}."
        )
    if kind == "name":
        names = _names(cert) if cert is not None else []
        issued = f"is not issued for {host}"
        if names:
            issued = f"is issued for {' and '.join(names)}, not {host}"
        return f"{of} {issued}; check {setting}, or ask IT for a certificate that names {host}."
    if kind == "expired" and cert is not None:
        return (
            f"{of} expired on {_when(cert.not_valid_after_utc)} ({clock}); ask IT to renew it, "
            "or check the tablet's clock if that is wrong."
        )
    if kind == "not_yet_valid" and cert is not None:
        return (
            f"{of} is not valid before {_when(cert.not_valid_before_utc)} ({clock}); check the "
            "tablet's clock, or ask IT when the certificate takes effect."
        )
    if kind in ("expired", "not_yet_valid"):
        return f"{of} is out of its validity dates ({clock}); check the clock, or ask IT."
    if kind == "revoked":
        return f"{of} has been revoked by its issuer; ask IT to install a new one on the server."
    return (
        f"{of} is not trusted by this tablet ({_plain(reason)}); ask IT to check the certificate "
        f"store or {bundle}."
    )


async def _peek(host: str, port: int) -> _Peek:
    """Handshake with verification off (and old TLS allowed), read what the server shows, hang up.

    Nothing but the handshake goes to the server. Any failure means "nothing to show".
    """
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        with contextlib.suppress(ValueError, ssl.SSLError):
            context.minimum_version = ssl.TLSVersion.TLSv1
    with contextlib.suppress(ssl.SSLError):
        context.set_ciphers("DEFAULT:@SECLEVEL=0")
    try:
        _, writer = await asyncio.wait_for(
            asyncio.open_connection(host, port, ssl=context, server_hostname=host or None),
            _PROBE_TIMEOUT_S,
        )
    except (OSError, TimeoutError, ssl.SSLError, ValueError):
        return _Peek(None, None)
    try:
        ssl_object = writer.get_extra_info("ssl_object")
        version = ssl_object.version() if ssl_object is not None else None
        der = ssl_object.getpeercert(binary_form=True) if ssl_object is not None else None
        try:
            cert = x509.load_der_x509_certificate(der) if der else None
        except ValueError:
            cert = None
        return _Peek(version, cert)
    finally:
        writer.close()
        with contextlib.suppress(OSError, ssl.SSLError, TimeoutError):
            await asyncio.wait_for(writer.wait_closed(), _PROBE_TIMEOUT_S)


def _common_name(name: x509.Name) -> str | None:
    for attribute in name.get_attributes_for_oid(NameOID.COMMON_NAME):
        value = attribute.value
        text = value if isinstance(value, str) else value.decode("utf-8", "replace")
        return _plain(text)
    return None


def _names(cert: x509.Certificate) -> list[str]:
    """The DNS names and IP addresses the certificate is for (its common name without SANs)."""
    try:
        san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except (x509.ExtensionNotFound, ValueError):
        common = _common_name(cert.subject)
        return [common] if common else []
    dns = [_plain(name) for name in san.get_values_for_type(x509.DNSName)]
    ips = [str(ip) for ip in san.get_values_for_type(x509.IPAddress)]
    names = [*dns, *ips]
    return names[:3] + ([f"{len(names) - 3} more"] if len(names) > 3 else [])


def _plain(text: str) -> str:
    """Server-supplied text made fit for one sentence: printable, at most 80 characters."""
    text = "".join(ch for ch in text if ch.isprintable())
    return text if len(text) <= 80 else text[:79] + "…"


def _when(moment: datetime) -> str:
    return f"{moment.astimezone(UTC):%Y-%m-%d %H:%M} UTC"


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


__all__ = [
    "CertificateProblem",
    "CertificateProblemError",
    "TlsConfigError",
    "certificate_problem",
    "is_certificate_failure",
    "ssl_context",
]
