"""The sandbox EHR's staff PINs: a salted argon2id hash per badge, never the PIN itself.

Owns the PIN side of ``POST /Practitioner/$verify-pin`` (the route is in :mod:`server`): enrolling
a badge's PIN and checking one. :meth:`StaffPins.enroll_seeded` (called by ``Sandbox.load``) gives
every loaded Practitioner with a seeded badge (``BADGE_SYSTEM``) its synthetic PIN, so whoever loads
the seed ward can sign in with ``SeedWard.staff_credentials``; a test may enroll any other PIN.
The hashes are cheap on purpose (argon2id, t=1, 4 MiB): the sandbox hashes every seeded staff
member's PIN at start-up, and it is a test EHR on loopback; the tablet's verifier is the costly one.
Thread-safe: checks run on Starlette's worker threads.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from typing import Any, Protocol

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from bedside.sandbox.seed.codes import BADGE_SYSTEM
from bedside.sandbox.seed.staff import synthetic_pin

VERIFY_PIN = "verify-pin"
VERIFY_PIN_DEFINITION = (
    "https://sandbox.bedside.example/fhir/OperationDefinition/Practitioner-verify-pin"
)
VERIFY_PIN_DOCUMENTATION = (
    "Check a staff member's badge and PIN. In: Parameters with 'badge' (valueIdentifier; "
    "system optional) and 'pin' (valueString). Out: 200 Parameters with 'practitioner' "
    "(resource); 403 OperationOutcome 'security' for a wrong PIN; 404 for an unknown or "
    "inactive badge or a badge without a PIN; 400 for a malformed body. Needs Practitioner read."
)


class Credential(Protocol):
    """What enrolment needs from a seeded credential (``seed.staff.StaffCredential``)."""

    @property
    def badge(self) -> str: ...

    @property
    def pin(self) -> str: ...


class StaffPins:
    """Badge → argon2id hash of the PIN."""

    def __init__(self, hasher: PasswordHasher | None = None) -> None:
        self._hasher = hasher or PasswordHasher(time_cost=1, memory_cost=4096, parallelism=1)
        self._hashes: dict[str, str] = {}
        self._lock = threading.Lock()

    def enroll(self, badge: str, pin: str) -> None:
        """Set (or replace) the PIN of ``badge``."""
        if not pin.isdigit() or not 4 <= len(pin) <= 8:
            raise ValueError("a PIN is 4 to 8 digits")
        encoded = self._hasher.hash(pin)
        with self._lock:
            self._hashes[badge] = encoded

    def enroll_all(self, credentials: Iterable[Credential]) -> int:
        """Enroll every credential (the seeded ward's ``staff_credentials``); return how many."""
        count = 0
        for credential in credentials:
            self.enroll(credential.badge, credential.pin)
            count += 1
        return count

    def enroll_seeded(self, resources: Iterable[Mapping[str, Any]]) -> int:
        """Give each seeded badge among ``resources`` its synthetic PIN (unless it has one)."""
        count = 0
        for resource in resources:
            if resource.get("resourceType") != "Practitioner":
                continue
            for identifier in resource.get("identifier") or []:
                if not isinstance(identifier, Mapping) or identifier.get("system") != BADGE_SYSTEM:
                    continue
                badge = identifier.get("value")
                if isinstance(badge, str) and not self.has_pin(badge):
                    self.enroll(badge, synthetic_pin(badge))
                    count += 1
        return count

    def has_pin(self, badge: str) -> bool:
        with self._lock:
            return badge in self._hashes

    def check(self, badge: str, pin: str) -> bool:
        """True when ``pin`` is the PIN of ``badge`` (False for a badge without a PIN)."""
        with self._lock:
            encoded = self._hashes.get(badge)
        if encoded is None:
            return False
        try:
            return self._hasher.verify(encoded, pin)
        except (VerificationError, InvalidHashError):
            return False
