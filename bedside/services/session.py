"""Staff sessions on a ward tablet: badge + PIN sign-in (online, or offline for a while), locks.

Owns who is signed in (:attr:`StaffSessions.current`) and the rules of a sign-in:

1. A badge locked out on this tablet stays locked until its time is up — the EHR is not even asked.
   After the 3rd wrong PIN in a row each further try must wait a growing delay (5 s, 10 s, 20 s…),
   so a keyboard-wedge reader cannot hammer the check; after ``max_attempts`` the badge is locked
   for ``lockout``. The counters are in the cache, so restarting the app resets nothing.
2. Online first: the EHR checks the PIN (:class:`PinVerifier`: the sync layer's staff directory,
   whose errors the composition root maps to this module's :class:`PinCheckError` tree).
   A success keeps a fresh argon2id verifier of the PIN (new salt) in the encrypted cache and
   clears the counters; a wrong PIN counts.
3. When the EHR cannot be reached (offline or timeout) the tablet's verifier decides, if that badge
   signed in online here less than ``offline_window`` ago. Any other EHR failure (refused device,
   server error) refuses the sign-in: a revoked tablet must not fall back to its own check.

Hashing and verifying (~0.1 s, 64 MiB) run in a thread so the screen never freezes. Parameters:
argon2id t=3, m=64 MiB, p=4 — RFC 9106's second recommended option, for memory-constrained
devices: a tablet can spare 64 MiB for a tenth of a second, and the memory cost is what makes
guessing a short PIN from a stolen verifier slow on GPUs. The PIN lives only for the call, and
neither the PIN nor the badge is ever logged. Every checked sign-in, every lock and every opening
of a patient's record is an audit event (:mod:`bedside.services.audit`).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any, Protocol

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from bedside.models import FhirModelError, Practitioner, parse_as
from bedside.services.audit import Actor, AuditTrail
from bedside.services.clock import Clock, system_clock
from bedside.services.recording import Recorder
from bedside.store import PinFailures, Store

log = logging.getLogger(__name__)

THROTTLE_AFTER = 3  # wrong PINs in a row before each further try must wait
THROTTLE_FIRST_DELAY = timedelta(seconds=5)


def tablet_hasher() -> PasswordHasher:
    """argon2id as RFC 9106 recommends for memory-constrained devices (t=3, 64 MiB, p=4)."""
    return PasswordHasher(time_cost=3, memory_cost=64 * 1024, parallelism=4)


class SignInOutcome(StrEnum):
    SIGNED_IN = "signed_in"
    WRONG_PIN = "wrong_pin"
    UNKNOWN_BADGE = "unknown_badge"
    LOCKED_OUT = "locked_out"
    THROTTLED = "throttled"
    OFFLINE_NEVER_ONLINE_HERE = "offline_never_online_here"
    OFFLINE_EXPIRED = "offline_expired"
    EHR_UNAVAILABLE = "ehr_unavailable"


class LockReason(StrEnum):
    IDLE = "idle"
    OTHER_BADGE = "other_badge"
    USER = "user"
    SIGN_OUT = "sign_out"


@dataclass(frozen=True)
class StaffMember:
    """The signed-in staff member (``badge`` stays in memory only, for "is this another badge?")."""

    practitioner_id: str
    name: str
    role: str | None
    badge: str

    def __repr__(self) -> str:  # no badge in logs or tracebacks
        return f"StaffMember(practitioner_id={self.practitioner_id!r}, role={self.role!r})"


@dataclass(frozen=True)
class SignInResult:
    """What a sign-in came to, with what the lock screen needs to say about it."""

    outcome: SignInOutcome
    staff: StaffMember | None = None
    online: bool = False
    attempts_left: int | None = None  # wrong PINs left before the badge is locked
    retry_at: datetime | None = None  # locked out / throttled until
    offline_until: datetime | None = None  # until when this badge may sign in offline here


class PinCheckError(Exception):
    """The EHR's PIN check did not say yes. Messages never hold the badge or the PIN."""


class WrongPinError(PinCheckError):
    """The EHR says the PIN is wrong: it counts as a failed attempt."""


class BadgeNotFoundError(PinCheckError):
    """No active staff member has this badge on the EHR."""


class DirectoryUnreachableError(PinCheckError):
    """No answer (offline, timed out): this tablet's own verifier may decide, for a while."""


class DirectoryUnavailableError(PinCheckError):
    """Any other failure (device refused, server error): the sign-in is refused, no fallback."""


class PinVerifier(Protocol):
    """The EHR's PIN check: the staff member's Practitioner JSON, or a :class:`PinCheckError`."""

    async def verify_pin(self, badge: str, pin: str) -> Mapping[str, Any]: ...


def staff_member(practitioner: Practitioner, badge: str) -> StaffMember:
    """Name and role of a Practitioner as the header and the audit trail show them."""
    names = practitioner.name or []
    official = next((n for n in names if n.use == "official"), names[0] if names else None)
    role = None
    for qualification in practitioner.qualification or []:
        codings = qualification.code.coding or []
        role = next((c.display for c in codings if c.display), None) or qualification.code.text
        if role:
            break
    assert practitioner.id is not None
    name = official.display if official is not None else ""
    return StaffMember(practitioner.id, name or practitioner.id, role, badge)


def _verify(hasher: PasswordHasher, verifier: str, pin: str) -> bool:
    try:
        return hasher.verify(verifier, pin)
    except (VerificationError, InvalidHashError):
        return False


class StaffSessions:
    """Sign-in, lock and "chart opened" for one tablet; one staff member at a time."""

    def __init__(
        self,
        store: Store,
        directory: PinVerifier,
        recorder: Recorder,
        *,
        clock: Clock = system_clock,
        offline_window: timedelta,
        max_attempts: int,
        lockout: timedelta,
        device_id: str,
        hasher: PasswordHasher | None = None,
        throttle_after: int = THROTTLE_AFTER,
        throttle_delay: timedelta = THROTTLE_FIRST_DELAY,
    ) -> None:
        self._store = store
        self._directory = directory
        self._clock = clock
        self._offline_window = offline_window
        self._max_attempts = max_attempts
        self._lockout = lockout
        self._hasher = hasher or tablet_hasher()
        self._throttle_after = throttle_after
        self._throttle_delay = throttle_delay
        self._audit = AuditTrail(recorder, device_id, clock=clock)
        self._current: StaffMember | None = None

    @property
    def current(self) -> StaffMember | None:
        return self._current

    def is_other_badge(self, badge: str) -> bool:
        """True when someone is signed in and ``badge`` is not theirs (the screen must lock)."""
        return self._current is not None and badge.strip() != self._current.badge

    # Sign-in -------------------------------------------------------------------------------

    async def sign_in(self, badge: str, pin: str) -> SignInResult:
        badge = badge.strip()
        if not badge:
            return SignInResult(SignInOutcome.UNKNOWN_BADGE)
        now = self._clock()
        failures = await self._store.pin_failures(badge)
        if failures.locked_until is not None:
            if now < failures.locked_until:
                return SignInResult(SignInOutcome.LOCKED_OUT, retry_at=failures.locked_until)
            # The lock-out is over: a fresh set of attempts.
            await self._store.clear_pin_failures(badge)
            failures = PinFailures()
        wait_until = self._throttled_until(failures)
        if wait_until is not None and now < wait_until:
            return SignInResult(
                SignInOutcome.THROTTLED,
                attempts_left=self._max_attempts - failures.failures,
                retry_at=wait_until,
            )
        if not pin:
            return SignInResult(
                SignInOutcome.WRONG_PIN, attempts_left=self._max_attempts - failures.failures
            )
        try:
            answer = await self._directory.verify_pin(badge, pin)
        except WrongPinError:
            return await self._wrong_pin(badge, failures, now)
        except BadgeNotFoundError:
            # Gone from the EHR's directory (or never there): no offline sign-in with it either.
            await self._store.forget_staff_verifier(badge)
            log.info("sign_in_refused reason=unknown_badge")
            return SignInResult(SignInOutcome.UNKNOWN_BADGE)
        except DirectoryUnreachableError:
            return await self._offline_sign_in(badge, pin, failures, now)
        except PinCheckError as exc:
            cause = exc.__cause__ if exc.__cause__ is not None else exc
            log.warning("sign_in_unavailable reason=pin_not_checked cause=%s", type(cause).__name__)
            return SignInResult(SignInOutcome.EHR_UNAVAILABLE)
        return await self._online_success(badge, pin, answer, now)

    def _throttled_until(self, failures: PinFailures) -> datetime | None:
        if failures.failures < self._throttle_after or failures.last_failure_at is None:
            return None
        steps = failures.failures - self._throttle_after
        delay = min(self._throttle_delay * (1 << steps), self._lockout)
        return failures.last_failure_at + delay

    async def _online_success(
        self, badge: str, pin: str, answer: Mapping[str, Any], now: datetime
    ) -> SignInResult:
        try:
            practitioner = parse_as(Practitioner, answer)
        except FhirModelError as exc:
            log.warning("sign_in_unavailable reason=practitioner_unusable problem=%r", exc.log_safe)
            return SignInResult(SignInOutcome.EHR_UNAVAILABLE)
        if practitioner.id is None:
            log.warning("sign_in_unavailable reason=practitioner_without_id")
            return SignInResult(SignInOutcome.EHR_UNAVAILABLE)
        member = staff_member(practitioner, badge)
        offline_until = None
        if self._offline_window > timedelta(0):
            verifier = await asyncio.to_thread(self._hasher.hash, pin)
            await self._store.save_staff_verifier(
                badge,
                practitioner_id=member.practitioner_id,
                name=member.name,
                role=member.role,
                verifier=verifier,
                verified_at=now,
            )
            offline_until = now + self._offline_window
        else:
            await self._store.forget_staff_verifier(badge)
        return await self._signed_in(member, online=True, offline_until=offline_until)

    async def _offline_sign_in(
        self, badge: str, pin: str, failures: PinFailures, now: datetime
    ) -> SignInResult:
        known = await self._store.staff_verifier(badge)
        if known is None:
            log.info("sign_in_refused reason=offline_never_signed_in_online_here")
            return SignInResult(SignInOutcome.OFFLINE_NEVER_ONLINE_HERE)
        offline_until = known.verified_at + self._offline_window
        if now >= offline_until:
            log.info("sign_in_refused reason=offline_last_online_sign_in_too_old")
            return SignInResult(SignInOutcome.OFFLINE_EXPIRED, offline_until=offline_until)
        if not await asyncio.to_thread(_verify, self._hasher, known.verifier, pin):
            actor = Actor(known.practitioner_id, known.name)
            return await self._wrong_pin(badge, failures, now, actor=actor)
        member = StaffMember(known.practitioner_id, known.name, known.role, badge)
        return await self._signed_in(member, online=False, offline_until=offline_until)

    async def _signed_in(
        self, member: StaffMember, *, online: bool, offline_until: datetime | None
    ) -> SignInResult:
        await self._store.clear_pin_failures(member.badge)
        previous = self._current
        if previous is not None and previous.practitioner_id != member.practitioner_id:
            await self._audit.locked(_actor(previous), LockReason.OTHER_BADGE.value)
        self._current = member
        await self._audit.signed_in(_actor(member), online=online)
        log.info("staff_signed_in mode=%s", "online" if online else "offline")
        return SignInResult(
            SignInOutcome.SIGNED_IN, staff=member, online=online, offline_until=offline_until
        )

    async def _wrong_pin(
        self, badge: str, failures: PinFailures, now: datetime, *, actor: Actor | None = None
    ) -> SignInResult:
        count = failures.failures + 1
        locked_until = now + self._lockout if count >= self._max_attempts else None
        await self._store.record_pin_failure(badge, now, locked_until)
        if actor is None:
            known = await self._store.staff_verifier(badge)
            actor = Actor(known.practitioner_id, known.name) if known is not None else None
        await self._audit.sign_in_refused(actor, locked=locked_until is not None)
        if locked_until is not None:
            log.warning("sign_in_refused reason=wrong_pin locked_out=true")
            return SignInResult(SignInOutcome.LOCKED_OUT, retry_at=locked_until)
        log.info("sign_in_refused reason=wrong_pin failures_in_a_row=%d", count)
        throttled = self._throttled_until(PinFailures(count, now, None))
        return SignInResult(
            SignInOutcome.WRONG_PIN, attempts_left=self._max_attempts - count, retry_at=throttled
        )

    # Lock and record openings --------------------------------------------------------------

    async def lock(self, reason: LockReason) -> None:
        """Sign the current staff member out (an audit event); nobody is signed in afterwards."""
        member, self._current = self._current, None
        if member is None:
            return
        await self._audit.locked(_actor(member), reason.value)
        log.info("staff_session_locked reason=%s", reason.value)
        # Housekeeping: audit events the EHR already holds need no local copy.
        await self._store.forget_uploaded_audit_events()

    async def chart_opened(self, patient_id: str) -> None:
        """The current staff member opened ``patient_id``'s record: an audit event."""
        member = self._current
        if member is None:
            log.warning("record_opened_not_audited reason=nobody_signed_in")
            return
        await self._audit.record_opened(_actor(member), patient_id)


def _actor(member: StaffMember) -> Actor:
    return Actor(member.practitioner_id, member.name)
