"""A real OpenLDAP server (Debian's ``slapd``) on loopback, with TLS, for the sign-in tests.

:func:`running_slapd` makes a throw-away directory holding: a test CA and a server certificate
for 127.0.0.1/localhost (made with ``cryptography``), a ``slapd.conf`` with one ``mdb`` database
(``dc=hospital,dc=example``), a tiny schema for Active Directory's ``employeeID`` (the badge
attribute the settings default to), and a few synthetic staff accounts loaded with ``slapadd``
before the server starts. slapd then listens on ``ldap://`` (StartTLS) and ``ldaps://`` ports of
127.0.0.1 in the foreground (``-d 0``), is waited for until it answers, and is stopped at the end.

The server refuses simple binds that are not encrypted (``security simple_bind=128``), so a test
that passes proves the client never sent a password in the clear. Only the service account may
search; everyone may bind as themselves. All people and numbers are invented.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import os
import shutil
import signal
import socket
import ssl
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tests.pki import Pki, make_pki

SUFFIX = "dc=hospital,dc=example"
STAFF_BASE = f"ou=Staff,{SUFFIX}"
SERVICE_DN = f"cn=bedside-lookup,ou=Services,{SUFFIX}"
SERVICE_PASSWORD = "lookup-only-synthetic"  # a throw-away test server's
SCHEMA_DIR = Path("/etc/ldap/schema")
MODULE_DIR = Path("/usr/lib/ldap")
START_WITHIN_S = 10.0


@dataclass(frozen=True)
class Account:
    """One synthetic staff account."""

    uid: str
    badge: str
    password: str
    name: str
    title: str
    number: str  # employeeNumber: the staff number the EHR's Practitioner carries

    @property
    def dn(self) -> str:
        return f"uid={self.uid},{STAFF_BASE}"


NURSE = Account("amartin", "B700101", "Pivoine-Lune-42", "Aline Martin", "Nurse", "E40101")
DOCTOR = Account("bkeller", "B700202", "Kastanie-Ufer-77", "Bruno Keller", "Physician", "E40202")
# Two accounts sharing one badge: a badge must name one person, so sign-in refuses it.
TWIN_A = Account("ctwin", "B700909", "Twin-Password-1", "Chloé Twin", "Nurse", "E40909")
TWIN_B = Account("dtwin", "B700909", "Twin-Password-2", "Dana Twin", "Nurse", "E40910")
ACCOUNTS = (NURSE, DOCTOR, TWIN_A, TWIN_B)

SCHEMA = """\
# Active Directory's employeeID (its own OID), so the tests use the attribute AD sites have.
attributetype ( 1.2.840.113556.1.4.35 NAME 'employeeID'
    EQUALITY caseIgnoreMatch SUBSTR caseIgnoreSubstringsMatch
    SYNTAX 1.3.6.1.4.1.1466.115.121.1.15 SINGLE-VALUE )
objectclass ( 1.3.6.1.4.1.99999.1.1 NAME 'bedsideTestBadge' AUXILIARY MAY employeeID )
"""


def slapd_binary() -> str | None:
    found = shutil.which("slapd") or shutil.which("slapd", path="/usr/sbin:/usr/local/sbin")
    return found


def _ssha(password: str) -> str:
    salt = os.urandom(8)
    digest = hashlib.sha1(password.encode() + salt).digest()
    return "{SSHA}" + base64.b64encode(digest + salt).decode()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _ldif(accounts: tuple[Account, ...]) -> str:
    blocks = [
        f"dn: {SUFFIX}\nobjectClass: dcObject\nobjectClass: organization\n"
        "o: Hospital\ndc: hospital",
        f"dn: {STAFF_BASE}\nobjectClass: organizationalUnit\nou: Staff",
        f"dn: ou=Services,{SUFFIX}\nobjectClass: organizationalUnit\nou: Services",
        f"dn: {SERVICE_DN}\nobjectClass: organizationalRole\nobjectClass: simpleSecurityObject\n"
        f"cn: bedside-lookup\nuserPassword: {_ssha(SERVICE_PASSWORD)}",
    ]
    for account in accounts:
        family = account.name.split()[-1]
        blocks.append(
            f"dn: {account.dn}\n"
            "objectClass: inetOrgPerson\nobjectClass: bedsideTestBadge\n"
            f"uid: {account.uid}\ncn: {account.name}\nsn: {family}\n"
            f"displayName: {account.name}\ntitle: {account.title}\n"
            f"employeeNumber: {account.number}\nemployeeID: {account.badge}\n"
            f"userPassword: {_ssha(account.password)}"
        )
    # LDIF is ASCII unless base64: names with accents go as "attr:: base64".
    lines = []
    for block in blocks:
        for line in block.splitlines():
            attr, _, value = line.partition(": ")
            if value and not value.isascii():
                encoded = base64.b64encode(value.encode()).decode()
                line = f"{attr}:: {encoded}"
            lines.append(line)
        lines.append("")
    return "\n".join(lines)


def _config(root: Path, pki: Pki) -> str:
    return f"""\
include {SCHEMA_DIR}/core.schema
include {SCHEMA_DIR}/cosine.schema
include {SCHEMA_DIR}/inetorgperson.schema
include {root}/badge.schema
modulepath {MODULE_DIR}
moduleload back_mdb
pidfile {root}/slapd.pid
argsfile {root}/slapd.args
TLSCACertificateFile {pki.ca_pem}
TLSCertificateFile {pki.cert_pem}
TLSCertificateKeyFile {pki.key_pem}
# A password never crosses the wire unencrypted: simple binds need TLS (SSF 128 or more).
security simple_bind=128
sizelimit 50

database mdb
suffix "{SUFFIX}"
rootdn "cn=admin,{SUFFIX}"
directory {root}/db
maxsize 16777216
index objectClass eq
index employeeID eq
access to attrs=userPassword
    by anonymous auth
    by * none
access to *
    by dn.exact="{SERVICE_DN}" read
    by self read
    by * none
"""


@dataclass
class Slapd:
    """A running slapd: its URLs, its CA, and a way to stop and start it again."""

    root: Path
    pki: Pki
    ldap_port: int
    ldaps_port: int
    process: subprocess.Popen[bytes] | None = None

    @property
    def starttls_url(self) -> str:
        return f"ldap://127.0.0.1:{self.ldap_port}"

    @property
    def ldaps_url(self) -> str:
        return f"ldaps://127.0.0.1:{self.ldaps_port}"

    def start(self) -> None:
        binary = slapd_binary()
        assert binary is not None
        urls = f"ldap://127.0.0.1:{self.ldap_port}/ ldaps://127.0.0.1:{self.ldaps_port}/"
        self.process = subprocess.Popen(
            [binary, "-f", str(self.root / "slapd.conf"), "-h", urls, "-d", "0"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        self._wait_until_it_answers()

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is None:
            return
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
        if process.stderr is not None:
            process.stderr.close()

    def _wait_until_it_answers(self) -> None:
        assert self.process is not None
        context = ssl.create_default_context(cafile=str(self.pki.ca_pem))
        deadline = time.monotonic() + START_WITHIN_S
        while True:
            if self.process.poll() is not None:
                error = (
                    self.process.stderr.read().decode(errors="replace")
                    if self.process.stderr
                    else ""
                )
                raise RuntimeError(f"slapd exited with {self.process.returncode}: {error[-2000:]}")
            try:
                # A TLS handshake on the LDAPS port means the server is up and its TLS works.
                with (
                    socket.create_connection(("127.0.0.1", self.ldaps_port), timeout=1) as raw,
                    context.wrap_socket(raw, server_hostname="127.0.0.1"),
                ):
                    return
            except OSError:
                if time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(f"slapd did not answer within {START_WITHIN_S} s") from None
                time.sleep(0.05)


def prepare(root: Path, accounts: tuple[Account, ...] = ACCOUNTS) -> Slapd:
    """Write the configuration, the certificates and the database (slapadd); start nothing."""
    pki = make_pki(root / "pki")
    (root / "db").mkdir(parents=True)
    (root / "badge.schema").write_text(SCHEMA)
    (root / "slapd.conf").write_text(_config(root, pki))
    (root / "staff.ldif").write_text(_ldif(accounts), encoding="utf-8")
    binary = slapd_binary()
    assert binary is not None
    # slapadd is slapd itself under another name (Debian links it); -T a selects the tool.
    subprocess.run(
        [binary, "-T", "add", "-f", str(root / "slapd.conf"), "-l", str(root / "staff.ldif")],
        check=True,
        capture_output=True,
        timeout=30,
    )
    return Slapd(root, pki, _free_port(), _free_port())


@contextlib.contextmanager
def running_slapd(root: Path) -> Iterator[Slapd]:
    """A slapd serving the synthetic staff until the block ends."""
    server = prepare(root)
    server.start()
    try:
        yield server
    finally:
        server.stop()
