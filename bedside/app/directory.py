"""The hospital directory of this tablet, from its settings: address, TLS trust, service account.

Owns turning the ``[directory]`` settings into a :class:`~bedside.directory.LdapDirectory`, and
where the read-only service account's password is kept — like the device's own credentials
(:mod:`bedside.app.device`), never in the settings: in the OS key store under
:func:`bind_password_name`, or in a file IT controls (``directory.bind_password_file``, readable
by Bedside's user only, e.g. deployed by MDM). The password is read when a lookup needs it, in
the directory's worker thread (the key store may block), so a password IT rotates is picked up
without a restart.
"""

from __future__ import annotations

import logging
from pathlib import Path

from bedside.directory import LdapConfig, LdapDirectory
from bedside.settings import Settings
from bedside.store import KeyStore, OsKeyStore
from bedside.sync.tls import TlsConfigError, ssl_context

log = logging.getLogger(__name__)


def bind_password_name(site_id: str | None) -> str:
    """Key store entry of the directory service account's password."""
    return f"directory-bind-password:{site_id or 'demo'}"


def store_bind_password(settings: Settings, keys: KeyStore, password: str) -> str:
    """Keep the service account's password in the key store (for an enrolment command)."""
    if not password:
        raise ValueError("an empty password cannot be stored")
    keys.set_key(bind_password_name(settings.device.site_id), password.encode("utf-8"))
    return "The directory service account's password is stored in the key store."


def _read_file(path: Path) -> str | None:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        log.error("directory_password_file_unreadable cause=%s", type(exc).__name__)
        return None
    # The first line: an editor's trailing newline is not part of the password.
    line = text.splitlines()[0] if text else ""
    return line or None


class BindPassword:
    """The service account's password, from the file if one is set, else the key store."""

    def __init__(self, settings: Settings, keys: KeyStore | None) -> None:
        self._file = settings.directory.bind_password_file
        self._name = bind_password_name(settings.device.site_id)
        self._keys = keys

    def __call__(self) -> str | None:
        if self._file is not None:
            return _read_file(self._file)
        try:
            # No key store handed in: the OS one, opened here (off the GUI thread).
            keys = self._keys if self._keys is not None else OsKeyStore()
            raw = keys.get_key(self._name)
        except Exception as exc:  # any key store failure means "no password": says not set up
            log.error("directory_password_unavailable cause=%s", type(exc).__name__)
            return None
        if raw is None:
            log.error("directory_password_missing entry_in_key_store=false")
            return None
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            log.error("directory_password_unusable cause=not_utf8")
            return None


def ldap_directory(settings: Settings, keys: KeyStore | None = None) -> LdapDirectory | None:
    """The configured directory, or None (logged) when directory sign-in cannot work."""
    directory = settings.directory
    missing = [f"directory.{name}" for name in directory.missing()]
    if missing:
        log.warning("directory_not_configured missing=%s", ",".join(missing))
        return None
    assert directory.url is not None
    assert directory.base_dn is not None
    try:
        tls = ssl_context(directory.ca_bundle)
    except TlsConfigError as exc:
        log.error("directory_not_configured problem=ca_bundle cause=%s", type(exc).__name__)
        return None
    config = LdapConfig(
        url=directory.url,
        base_dn=directory.base_dn,
        tls=tls,
        badge_attribute=directory.badge_attribute,
        user_filter=directory.user_filter,
        bind_dn=directory.bind_dn,
        name_attribute=directory.name_attribute,
        role_attribute=directory.role_attribute,
        identifier_attribute=directory.identifier_attribute,
        timeout_s=directory.timeout_s,
    )
    password = BindPassword(settings, keys) if directory.bind_dn is not None else None
    return LdapDirectory(config, bind_password=password)
