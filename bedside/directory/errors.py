"""The directory's exception tree: every failure of a directory sign-in is one of these.

ldap3's exceptions and LDAP result codes are mapped here, at the boundary. Messages are short
sentences that never hold a badge, a password, a distinguished name or a person's name; the
server's own words (which may) are kept in :attr:`DirectoryError.detail` for nobody but a
debugger — the callers log only the type.

::

    DirectoryError
    ├── DirectoryOfflineError      no answer: refused connection, DNS, time-out
    ├── DirectoryCertificateError  the server's TLS certificate is not trusted (nothing was sent)
    ├── DirectoryConfigError       this tablet's directory settings cannot work (service account
    │                              refused, no password for it, StartTLS refused, bad base DN)
    ├── DirectoryRefusedError      any other refusal by the server
    ├── AccountNotFoundError       no account (or more than one) has this badge
    ├── WrongPasswordError         the account's password is wrong
    └── AccountRefusedError        right or not, the account may not sign in (disabled, locked,
                                   expired, must change its password)
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AccountFacts:
    """What the lookup learnt about the account before a refusal (for the audit trail)."""

    name: str | None
    identifier: str | None

    def __repr__(self) -> str:  # a name never goes into a log line or a traceback
        return "AccountFacts(…)"


class DirectoryError(Exception):
    """Base of every error raised by :mod:`bedside.directory`."""

    def __init__(self, message: str, *, detail: str = "") -> None:
        super().__init__(message)
        self.detail = detail


class DirectoryOfflineError(DirectoryError):
    """The directory cannot be reached or did not answer in time."""


class DirectoryCertificateError(DirectoryError):
    """The directory's certificate failed verification; no password was sent."""


class DirectoryConfigError(DirectoryError):
    """The directory settings of this tablet cannot work; IT must fix them."""


class DirectoryRefusedError(DirectoryError):
    """The directory refused the request for a reason none of the others names."""


class AccountNotFoundError(DirectoryError):
    """No account with this badge (or several: a badge must name one person)."""


class WrongPasswordError(DirectoryError):
    """The bind as the account failed: wrong password."""

    def __init__(self, message: str, *, account: AccountFacts, detail: str = "") -> None:
        super().__init__(message, detail=detail)
        self.account = account


class AccountRefusedError(DirectoryError):
    """The account exists but may not sign in now (disabled, locked, expired, must reset)."""

    def __init__(self, message: str, *, account: AccountFacts, detail: str = "") -> None:
        super().__init__(message, detail=detail)
        self.account = account
