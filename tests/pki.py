"""A throwaway certificate authority for tests: a CA and a server certificate it signs.

Used wherever a test needs real TLS on loopback (the EHR over HTTPS, the hospital directory over
LDAPS/StartTLS): the system store does not know the CA, so only a bundle naming it can make the
connection trusted. P-256 keys, valid from five minutes ago for a day; the key file is 0600.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID


@dataclass(frozen=True)
class Pki:
    ca_pem: Path
    cert_pem: Path
    key_pem: Path


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def make_pki(
    directory: Path,
    *,
    dns: str = "localhost",
    ip: str | None = "127.0.0.1",
    common_name: str = "Bedside test CA",
    not_before: dt.datetime | None = None,
    valid_days: float | None = None,
    self_signed: bool = False,
) -> Pki:
    """A CA named ``common_name`` and a certificate for ``dns`` (and ``ip``) that it signed.

    The server certificate is valid from ``not_before`` (default: five minutes ago) for
    ``valid_days`` (default: until a day from now); a past ``not_before`` and a short validity
    make an expired one, a future ``not_before`` one that is not valid yet. ``self_signed``
    makes the server certificate sign itself (the CA is still written, but signed nothing).
    """
    now = dt.datetime.now(dt.UTC)
    start = not_before if not_before is not None else now - dt.timedelta(minutes=5)
    end = now + dt.timedelta(days=1) if valid_days is None else start + dt.timedelta(valid_days)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_cert = (
        x509.CertificateBuilder()
        .subject_name(_name(common_name))
        .issuer_name(_name(common_name))
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    names: list[x509.GeneralName] = [x509.DNSName(dns)]
    if ip is not None:
        names.append(x509.IPAddress(ipaddress.ip_address(ip)))
    signer, issuer = (key, _name(dns)) if self_signed else (ca_key, ca_cert.subject)
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(dns))
        .issuer_name(issuer)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
        .add_extension(x509.SubjectAlternativeName(names), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(signer.public_key()),
            critical=False,
        )
        .sign(signer, hashes.SHA256())
    )
    directory.mkdir(parents=True, exist_ok=True)
    pki = Pki(directory / "ca.pem", directory / "server.pem", directory / "server.key")
    pki.ca_pem.write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))
    pki.cert_pem.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    pki.key_pem.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    pki.key_pem.chmod(0o600)
    return pki
