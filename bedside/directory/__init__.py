"""The hospital directory (Active Directory, OpenLDAP) as staff sign-in needs it, over LDAP.

A sibling of :mod:`bedside.sync` in the layers: it talks to a server of the hospital, not to the
EHR, and neither imports the other. Owns finding a staff member's account by badge and checking
the account's password with a bind as that account — over LDAPS or StartTLS only, with the
composition root's :class:`ssl.SSLContext` (certificates and host names always verified). It
knows nothing of PINs, sessions or the cache: :mod:`bedside.services.session` decides what a
checked password leads to, through its own ``PasswordCheck`` protocol. Must not import Qt.
"""

from bedside.directory.errors import (
    AccountNotFoundError,
    AccountRefusedError,
    DirectoryCertificateError,
    DirectoryConfigError,
    DirectoryError,
    DirectoryOfflineError,
    DirectoryRefusedError,
    WrongPasswordError,
)
from bedside.directory.ldap import DirectoryAccount, LdapConfig, LdapDirectory

__all__ = [
    "AccountNotFoundError",
    "AccountRefusedError",
    "DirectoryAccount",
    "DirectoryCertificateError",
    "DirectoryConfigError",
    "DirectoryError",
    "DirectoryOfflineError",
    "DirectoryRefusedError",
    "LdapConfig",
    "LdapDirectory",
    "WrongPasswordError",
]
