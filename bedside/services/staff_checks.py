"""What the staff sign-in asks of the hospital's identity systems: two ports and their errors.

The session service (:mod:`bedside.services.session`) never talks to a server. It asks one of
these, which the composition root (:mod:`bedside.app.workspace`) builds from the settings and
whose foreign errors it maps to the tree below:

* :class:`PinVerifier` — the EHR checks badge + PIN on every sign-in (``staff.signin = "ehr"``:
  ``Practitioner/$verify-pin``); the tablet keeps a verifier for offline sign-in.
* :class:`PasswordCheck` — the hospital's account system checks badge + the account's password at
  the first sign-in of a shift (``staff.signin = "directory"``: LDAP); the nurse then chooses a
  PIN for this tablet, checked here for the rest of the shift. Another account system (OIDC, say)
  is another implementation of this protocol, wired in the same place.

Pure values and protocols: no I/O, no Qt. Messages never hold a badge, a PIN, a password or a name.

::

    PinCheckError
    ├── WrongPinError               the EHR says the PIN is wrong (counts as a failed attempt)
    ├── WrongPasswordError          the account's password is wrong (counts as a failed attempt)
    ├── BadgeNotFoundError          no active staff member / account has this badge
    ├── AccountRefusedError         the account may not sign in now (disabled, locked, expired)
    ├── SignInNotSetUpError         no sign-in service, or one that cannot work as configured
    ├── DirectoryUnreachableError   no answer: this tablet's own verifier may decide, for a while
    └── DirectoryUnavailableError   any other failure: refused, no fallback
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol


@dataclass(frozen=True)
class StaffIdentifier:
    """A staff number as a FHIR Identifier (``system`` None: matched whatever its system)."""

    system: str | None
    value: str

    def __repr__(self) -> str:  # a staff number stays out of logs
        return f"StaffIdentifier(system={self.system!r})"

    def as_fhir(self) -> dict[str, str]:
        out = {"value": self.value}
        if self.system is not None:
            out["system"] = self.system
        return out


@dataclass(frozen=True)
class StaffIdentity:
    """Who an account check proved the person at the tablet to be."""

    name: str | None
    role: str | None
    identifier: StaffIdentifier | None

    def __repr__(self) -> str:  # no name in logs or tracebacks
        return f"StaffIdentity(role={self.role!r})"


class PinCheckError(Exception):
    """The sign-in check did not say yes. Messages never hold the badge, PIN or password."""


class WrongPinError(PinCheckError):
    """The EHR says the PIN is wrong: it counts as a failed attempt."""


class WrongPasswordError(PinCheckError):
    """The account's password is wrong: it counts as a failed attempt.

    ``who`` is the account the badge belongs to, when the check learnt it (for the audit trail).
    """

    def __init__(self, message: str, *, who: StaffIdentity | None = None) -> None:
        super().__init__(message)
        self.who = who


class BadgeNotFoundError(PinCheckError):
    """No active staff member (or account) has this badge."""


class AccountRefusedError(PinCheckError):
    """The account exists but may not sign in now (disabled, locked, password expired)."""

    def __init__(self, message: str, *, who: StaffIdentity | None = None) -> None:
        super().__init__(message)
        self.who = who


class SignInNotSetUpError(PinCheckError):
    """No sign-in service is set up for this tablet, or the one configured cannot work.

    Not the badge's fault and not a passing failure: IT must act. Nothing is counted and no
    verifier is forgotten.
    """


class DirectoryUnreachableError(PinCheckError):
    """No answer (offline, timed out): this tablet's own verifier may decide, for a while."""


class DirectoryUnavailableError(PinCheckError):
    """Any other failure (device refused, server error): the sign-in is refused, no fallback."""


class PinVerifier(Protocol):
    """The EHR's PIN check: the staff member's Practitioner JSON, or a :class:`PinCheckError`."""

    async def verify_pin(self, badge: str, pin: str) -> Mapping[str, Any]: ...


class PasswordCheck(Protocol):
    """An account system's password check: who the badge's account is, or a PinCheckError.

    Must raise :class:`WrongPasswordError` for a wrong password, :class:`BadgeNotFoundError` when
    no account (or several) has the badge, :class:`DirectoryUnreachableError` when the system
    cannot be reached, :class:`SignInNotSetUpError` when it is not configured well enough to ever
    work, and :class:`DirectoryUnavailableError` for anything else. Never logs the password.
    """

    async def check_password(self, badge: str, password: str) -> StaffIdentity: ...
