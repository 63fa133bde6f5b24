"""Badge → account → password check, against an LDAP directory (Active Directory, OpenLDAP).

Owns the two LDAP conversations of a directory sign-in, both over TLS from before the first
credential is sent (LDAPS, or StartTLS on an ``ldap://`` URL — there is no plain mode):

1. the lookup, as the read-only service account (or anonymously when none is configured): one
   subtree search under ``base_dn`` for ``(&{user_filter}({badge_attribute}={badge}))`` — the badge
   escaped as RFC 4515 asks — reading the name, role and staff-number attributes; exactly one entry
   must match;
2. the password check: a simple bind as that entry's DN with the password typed on the tablet.
   An empty password is refused here, before any bind: LDAP treats a DN with an empty password as
   an *unauthenticated* bind, which many servers accept (RFC 4513 §5.1.2).

ldap3 blocks, so each check runs in a worker thread (``asyncio.to_thread``) and is bounded twice:
ldap3's own connect and receive time-outs, and an overall ``asyncio.wait_for`` so the sign-in
answers even if a socket hangs in a way the time-outs miss. TLS uses the :class:`ssl.SSLContext`
the composition root built (the OS trust store plus an optional site CA bundle, host names checked
by OpenSSL) instead of ldap3's own context, which turns host-name checking off and does it again
with the deprecated ``ssl.match_hostname``.

Neither the badge, the password, a DN nor a name is ever logged; log lines carry outcomes only.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import re
import ssl
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from bedside.directory.errors import (
    AccountFacts,
    AccountNotFoundError,
    AccountRefusedError,
    DirectoryCertificateError,
    DirectoryConfigError,
    DirectoryError,
    DirectoryOfflineError,
    DirectoryRefusedError,
    WrongPasswordError,
)
from bedside.sync.tls import is_certificate_failure

with warnings.catch_warnings():
    # ldap3 2.9.1 reads pyasn1's ``tagMap``/``typeMap`` at import, names pyasn1 0.6.1+ keeps as
    # deprecated aliases of TAG_MAP/TYPE_MAP (same objects). Only that warning, only here.
    warnings.filterwarnings(
        "ignore", message=r"(tagMap|typeMap) is deprecated", category=DeprecationWarning
    )
    import ldap3
    from ldap3.core import exceptions as ldap_errors
    from ldap3.utils.conv import escape_filter_chars

log = logging.getLogger(__name__)

BADGE_MAX = 64
# Active Directory explains a failed bind in the diagnostic message ("… data 775, v4563"); these
# codes mean the account may not sign in at all, whatever the password (MS-ADTS 3.1.1.3.1.9 /
# winerror.h): 530/531 not at this time/workstation, 532 password expired, 533 disabled,
# 701 account expired, 773 must reset its password, 775 locked out.
_AD_ACCOUNT_REFUSED = frozenset({"530", "531", "532", "533", "701", "773", "775"})
_AD_DATA = re.compile(r"\bdata ([0-9a-fA-F]{3,4})\b")


@dataclass(frozen=True)
class LdapConfig:
    """Where the directory is and how accounts are found (plain values from the settings)."""

    url: str
    base_dn: str
    tls: ssl.SSLContext = field(repr=False)
    badge_attribute: str = "employeeID"
    user_filter: str = "(objectClass=person)"
    bind_dn: str | None = None
    name_attribute: str = "displayName"
    role_attribute: str = "title"
    identifier_attribute: str = "employeeNumber"
    timeout_s: float = 5.0

    @property
    def host(self) -> str:
        return urlsplit(self.url).hostname or ""

    @property
    def port(self) -> int:
        parts = urlsplit(self.url)
        return parts.port or (636 if self.ldaps else 389)

    @property
    def ldaps(self) -> bool:
        return urlsplit(self.url).scheme.lower() == "ldaps"


@dataclass(frozen=True)
class DirectoryAccount:
    """The account a badge belongs to, as the directory describes it."""

    name: str | None
    role: str | None
    identifier: str | None  # the staff number (identifier_attribute)

    def __repr__(self) -> str:  # names stay out of logs and tracebacks
        return f"DirectoryAccount(role={self.role!r})"


class _ContextTls(ldap3.Tls):
    """ldap3's TLS hook, wrapping sockets with our context (host names checked by OpenSSL)."""

    def __init__(self, context: ssl.SSLContext) -> None:
        super().__init__(validate=ssl.CERT_REQUIRED)
        self._context = context

    def wrap_socket(self, connection: Any, do_handshake: bool = False) -> None:
        connection.socket = self._context.wrap_socket(
            connection.socket,
            server_side=False,
            do_handshake_on_connect=do_handshake,
            server_hostname=connection.server.host,
        )


def _first(attributes: Mapping[str, Any], name: str) -> str | None:
    value = next((v for k, v in attributes.items() if k.lower() == name.lower()), None)
    if isinstance(value, list | tuple):
        value = value[0] if value else None
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    if value is None:
        return None
    text = str(value).strip()
    return text or None


class LdapDirectory:
    """One hospital directory; :meth:`check_password` is all the sign-in asks of it."""

    def __init__(
        self,
        config: LdapConfig,
        *,
        bind_password: Callable[[], str | None] | None = None,
    ) -> None:
        # ``bind_password`` is called in the worker thread at each lookup: the key store may
        # block, and a password IT rotates is picked up without a restart.
        self._config = config
        self._bind_password = bind_password

    async def check_password(self, badge: str, password: str) -> DirectoryAccount:
        """The account of ``badge`` if ``password`` is its password; a DirectoryError if not."""
        badge = badge.strip()
        if not badge or len(badge) > BADGE_MAX or not badge.isprintable():
            raise AccountNotFoundError("No account has this badge.")
        if not password:
            raise WrongPasswordError(
                "The password is empty.", account=AccountFacts(name=None, identifier=None)
            )
        # ldap3's time-outs bound each step; this bounds the whole (connect, TLS, two binds,
        # one search on two connections), so a hang they miss still ends.
        overall = self._config.timeout_s * 6
        try:
            return await asyncio.wait_for(
                asyncio.to_thread(self._check, badge, password), timeout=overall
            )
        except TimeoutError:
            log.warning("directory_check_timed_out after_s=%g", overall)
            raise DirectoryOfflineError("The hospital directory did not answer in time.") from None

    # In the worker thread ----------------------------------------------------------------------

    def _server(self) -> ldap3.Server:
        config = self._config
        return ldap3.Server(
            config.host,
            port=config.port,
            use_ssl=config.ldaps,
            tls=_ContextTls(config.tls),
            connect_timeout=config.timeout_s,
            get_info=ldap3.NONE,  # no schema download: one round trip less, nothing to parse
        )

    def _connection(self, server: ldap3.Server, user: str | None, password: str | None) -> Any:
        return ldap3.Connection(
            server,
            user=user,
            password=password,
            auto_bind=ldap3.AUTO_BIND_NONE,
            # ldap3 packs the receive time-out as whole seconds (struct "LL").
            receive_timeout=max(1, math.ceil(self._config.timeout_s)),
            raise_exceptions=True,
            read_only=True,
            auto_referrals=False,  # a referral could name any host: never follow one
        )

    def _secure(self, connection: Any) -> None:
        """Open the connection and make sure it is encrypted before any bind."""
        connection.open()
        if not self._config.ldaps:
            connection.start_tls()

    def _check(self, badge: str, password: str) -> DirectoryAccount:
        try:
            server = self._server()
            dn, account = self._lookup(server, badge)
            self._bind_as(server, dn, password, account)
        except DirectoryError as exc:
            log.info("directory_check_refused reason=%s", type(exc).__name__)
            raise
        except ldap_errors.LDAPException as exc:
            mapped = _mapped(exc)
            log.warning(
                "directory_check_failed reason=%s cause=%s", type(mapped).__name__, _cause(exc)
            )
            raise mapped from None
        log.info("directory_check_passed")
        return account

    def _lookup(self, server: ldap3.Server, badge: str) -> tuple[str, DirectoryAccount]:
        config = self._config
        password = None
        if config.bind_dn is not None:
            password = self._bind_password() if self._bind_password is not None else None
            if not password:
                raise DirectoryConfigError(
                    "No password for the directory's service account (key store or "
                    "directory.bind_password_file)."
                )
        connection = self._connection(server, config.bind_dn, password)
        try:
            self._secure(connection)
            try:
                connection.bind()
            except ldap_errors.LDAPInvalidCredentialsResult as exc:
                raise DirectoryConfigError(
                    "The directory refused Bedside's service account.", detail=str(exc)
                ) from None
            wanted = f"({config.badge_attribute}={escape_filter_chars(badge)})"
            query = f"(&{config.user_filter}{wanted})"
            attributes = [config.name_attribute, config.role_attribute, config.identifier_attribute]
            try:
                connection.search(
                    config.base_dn,
                    query,
                    search_scope=ldap3.SUBTREE,
                    attributes=attributes,
                    size_limit=2,
                    time_limit=max(1, math.ceil(config.timeout_s)),
                )
            except ldap_errors.LDAPSizeLimitExceededResult:
                raise AccountNotFoundError("More than one account has this badge.") from None
            except ldap_errors.LDAPNoSuchObjectResult as exc:
                raise DirectoryConfigError(
                    "The directory has no entry at directory.base_dn.", detail=str(exc)
                ) from None
            entries = [e for e in connection.response or [] if e.get("type") == "searchResEntry"]
        finally:
            _close(connection)
        if len(entries) != 1:
            log.info("directory_lookup_matches count=%d", len(entries))
            raise AccountNotFoundError("No account, or more than one, has this badge.")
        entry = entries[0]
        found = entry.get("attributes") or {}
        account = DirectoryAccount(
            name=_first(found, config.name_attribute),
            role=_first(found, config.role_attribute),
            identifier=_first(found, config.identifier_attribute),
        )
        return str(entry["dn"]), account

    def _bind_as(
        self, server: ldap3.Server, dn: str, password: str, account: DirectoryAccount
    ) -> None:
        facts = AccountFacts(name=account.name, identifier=account.identifier)
        connection = self._connection(server, dn, password)
        try:
            self._secure(connection)
            try:
                connection.bind()
            except ldap_errors.LDAPInvalidCredentialsResult as exc:
                code = _ad_data_code(exc)
                if code in _AD_ACCOUNT_REFUSED:
                    raise AccountRefusedError(
                        "The directory does not let this account sign in now.",
                        account=facts,
                        detail=f"data {code}",
                    ) from None
                raise WrongPasswordError("The password is wrong.", account=facts) from None
        finally:
            _close(connection)


def _close(connection: Any) -> None:
    # An unbind on a broken socket fails too; that must not hide why the check failed.
    with contextlib.suppress(ldap_errors.LDAPException):
        connection.unbind()
    # ldap3 leaves the socket of a connection that failed to open (refused, TLS refused) open.
    sock = getattr(connection, "socket", None)
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.close()


def _ad_data_code(exc: ldap_errors.LDAPOperationResult) -> str | None:
    match = _AD_DATA.search(str(getattr(exc, "message", "") or ""))
    return match.group(1).lower() if match else None


def _cause(exc: BaseException) -> str:
    """The type of what failed, for the log (never its message, which may carry a DN)."""
    return type(exc).__name__


def _mapped(exc: ldap_errors.LDAPException) -> DirectoryError:
    """An ldap3 failure as one of the directory's errors."""
    if is_certificate_failure(exc):
        return DirectoryCertificateError(
            "The hospital directory's certificate is not trusted by this tablet."
        )
    if isinstance(exc, ldap_errors.LDAPStartTLSError):
        return DirectoryConfigError("The directory refused to start TLS (StartTLS).")
    if isinstance(exc, ldap_errors.LDAPCommunicationError | ldap_errors.LDAPResponseTimeoutError):
        return DirectoryOfflineError("The hospital directory cannot be reached.")
    if isinstance(
        exc,
        ldap_errors.LDAPStrongerAuthRequiredResult
        | ldap_errors.LDAPConfidentialityRequiredResult
        | ldap_errors.LDAPInvalidDNSyntaxResult
        | ldap_errors.LDAPInappropriateAuthenticationResult,
    ):
        return DirectoryConfigError("The directory refused how Bedside asked.")
    return DirectoryRefusedError("The hospital directory refused the request.")


__all__ = ["DirectoryAccount", "LdapConfig", "LdapDirectory"]
