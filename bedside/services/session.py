"""Staff sessions on a ward tablet: badge sign-in (online, or offline for a while), locks.

Owns who is signed in (:attr:`StaffSessions.current`) and the rules of a sign-in. Two ways of
checking who someone is, chosen by the composition root (``staff.signin``):

* **EHR** (a :class:`PinVerifier`): badge + PIN, checked by the EHR on every sign-in.
* **Directory** (a :class:`PasswordCheck`): at the first sign-in of a shift, badge + the
  account's password, checked by the hospital directory; the nurse then chooses a PIN for this
  tablet (entered twice, :func:`pin_problem`), and for ``shift`` after that badge + that PIN
  sign in, checked here only — whether or not the directory is up. The way badge-tap sign-in
  works on shared clinical devices.

Neither given (or the EHR not declaring its operation): every sign-in says "not set up"
(:attr:`SignInOutcome.NOT_SET_UP`) — never "unknown badge" — and no verifier is forgotten.

The rules every sign-in follows:

1. A badge locked out on this tablet stays locked until its time is up — nothing is even asked.
   After the 3rd failure in a row (wrong PIN or wrong password) each further try must wait a
   growing delay (5 s, 10 s, 20 s…), so a keyboard-wedge reader cannot hammer the check; after
   ``max_attempts`` the badge is locked for ``lockout``. The counters are in the cache, so
   restarting the app resets nothing.
2. EHR: online first. A success keeps a fresh argon2id verifier of the PIN (new salt) in the
   encrypted cache and clears the counters; a wrong PIN counts. When the EHR cannot be reached
   (offline or timeout) the tablet's verifier decides, if that badge signed in online here less
   than ``offline_window`` ago. Any other EHR failure (refused device, server error) refuses the
   sign-in: a revoked tablet must not fall back to its own check.
3. Directory: the PIN chosen after a password check is kept the same way (argon2id verifier,
   ``verified_at`` = the password check), and works until ``verified_at + shift``. The staff
   member must be one of the EHR's Practitioners (found in the cache by the staff number the
   directory gives): every chart action and audit event names them by that Practitioner.

Hashing and verifying (~0.1 s, 64 MiB) run in a thread so the screen never freezes. Parameters:
argon2id t=3, m=64 MiB, p=4 — RFC 9106's second recommended option, for memory-constrained
devices: a tablet can spare 64 MiB for a tenth of a second, and the memory cost is what makes
guessing a short PIN from a stolen verifier slow on GPUs. The PIN and the password live only for
the call, and neither they nor the badge are ever logged. Every checked sign-in, every lock and
every opening of a patient's record is an audit event (:mod:`bedside.services.audit`).
"""

from __future__ import annotations

import asyncio
import itertools
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from bedside.models import FhirModelError, Practitioner, parse_as
from bedside.services.audit import Actor, AuditTrail
from bedside.services.clock import Clock, system_clock
from bedside.services.recording import Recorder
from bedside.services.staff_checks import (
    AccountRefusedError,
    BadgeNotFoundError,
    DirectoryUnavailableError,
    DirectoryUnreachableError,
    PasswordCheck,
    PinCheckError,
    PinVerifier,
    SignInNotSetUpError,
    StaffIdentifier,
    StaffIdentity,
    WrongPasswordError,
    WrongPinError,
)
from bedside.store import PinFailures, StaffVerifier, Store

log = logging.getLogger(__name__)

THROTTLE_AFTER = 3  # failures in a row before each further try must wait
THROTTLE_FIRST_DELAY = timedelta(seconds=5)
PIN_MAX_DIGITS = 8
# How long a checked password keeps the "choose a PIN" step open: long enough to type a PIN twice.
PIN_SETUP_WINDOW = timedelta(minutes=3)


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
    NOT_SET_UP = "not_set_up"  # no sign-in service for this tablet, or one that cannot work
    # Directory sign-in
    # No PIN of this shift here: the account's password (an outcome's name, not a password).
    PASSWORD_NEEDED = "password_needed"  # noqa: S105
    WRONG_PASSWORD = "wrong_password"  # noqa: S105 -- an outcome's name
    ACCOUNT_REFUSED = "account_refused"  # disabled, locked or expired in the directory
    NO_STAFF_RECORD = "no_staff_record"  # the account's staff number is no Practitioner's
    CHOOSE_PIN = "choose_pin"  # password right: choose this tablet's PIN
    PIN_MISMATCH = "pin_mismatch"
    PIN_TOO_WEAK = "pin_too_weak"
    PIN_SETUP_EXPIRED = "pin_setup_expired"  # the password check is too old: again
    OFFLINE_USE_PIN = "offline_use_pin"  # directory down, but this badge has a PIN here


class SignInService(StrEnum):
    """Who checks identities on this tablet (the lock screen names it in its sentences)."""

    EHR = "ehr"
    DIRECTORY = "directory"


class SignInStep(StrEnum):
    """What the lock screen asks for next."""

    PIN = "pin"
    PASSWORD = "password"  # noqa: S105 -- a step's name


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
    attempts_left: int | None = None  # failures left before the badge is locked
    retry_at: datetime | None = None  # locked out / throttled until
    offline_until: datetime | None = None  # until when this badge may sign in with its PIN here
    service: SignInService = SignInService.EHR
    pin_min_length: int | None = None  # CHOOSE_PIN / PIN_TOO_WEAK: the fewest digits


@dataclass(frozen=True)
class _PendingPin:
    """A checked password waiting for its PIN (memory only)."""

    badge: str
    member: StaffMember
    verified_at: datetime
    until: datetime


def pin_problem(pin: str, *, min_length: int) -> str | None:
    """Why ``pin`` cannot be a tablet PIN (a short reason for the log), or None when it can.

    Digits only, ``min_length`` to 8 of them, not one repeated digit (0000…) and not a straight
    run up or down (1234…, 9876…): the PINs people try first on someone else's badge.
    """
    if not pin.isascii() or not pin.isdigit():
        return "not_digits"
    if not min_length <= len(pin) <= PIN_MAX_DIGITS:
        return "length"
    if len(set(pin)) == 1:
        return "one_digit"
    steps = {(int(b) - int(a)) % 10 for a, b in itertools.pairwise(pin)}
    if steps in ({1}, {9}):
        return "run"
    return None


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


def _has_identifier(resource: Mapping[str, Any], wanted: StaffIdentifier) -> bool:
    for identifier in resource.get("identifier") or []:
        if not isinstance(identifier, Mapping) or identifier.get("value") != wanted.value:
            continue
        if wanted.system is None or identifier.get("system") == wanted.system:
            return True
    return False


def _refused_actor(actor: Actor | None, who: StaffIdentity | None) -> Actor | None:
    """Who a refused sign-in is about: a known staff member, else the directory's account by
    its staff number (``who.identifier`` in the AuditEvent), else nobody the tablet knows."""
    unknown = actor is None or actor.practitioner_id is None
    if unknown and who is not None and who.identifier is not None:
        return Actor(None, who.name, who.identifier.as_fhir())
    return actor


class StaffSessions:
    """Sign-in, lock and "chart opened" for one tablet; one staff member at a time."""

    def __init__(
        self,
        store: Store,
        directory: PinVerifier | None,
        recorder: Recorder,
        *,
        accounts: PasswordCheck | None = None,
        clock: Clock = system_clock,
        offline_window: timedelta,
        max_attempts: int,
        lockout: timedelta,
        device_id: str,
        shift: timedelta = timedelta(hours=12),
        pin_min_length: int = 6,
        hasher: PasswordHasher | None = None,
        throttle_after: int = THROTTLE_AFTER,
        throttle_delay: timedelta = THROTTLE_FIRST_DELAY,
        service: SignInService | None = None,
    ) -> None:
        # ``directory``: the EHR's PIN check (staff.signin = "ehr"); ``accounts``: the hospital
        # directory's password check (staff.signin = "directory"), which wins when both are given.
        # Neither: sign-in is not set up, and every attempt says so — naming ``service`` (the
        # method IT chose) when given, so a directory left unconfigured is not blamed on the EHR.
        self._store = store
        self._directory = directory
        self._accounts = accounts
        self._clock = clock
        self._offline_window = offline_window
        self._shift = shift
        self._pin_min_length = pin_min_length
        self._max_attempts = max_attempts
        self._lockout = lockout
        self._hasher = hasher or tablet_hasher()
        self._throttle_after = throttle_after
        self._throttle_delay = throttle_delay
        self._audit = AuditTrail(recorder, device_id, clock=clock)
        self._current: StaffMember | None = None
        self._pending: _PendingPin | None = None
        self._service = service

    @property
    def current(self) -> StaffMember | None:
        return self._current

    @property
    def service(self) -> SignInService:
        """Who checks identities here: the lock screen words its sentences after it."""
        if self._accounts is not None:
            return SignInService.DIRECTORY
        return self._service or SignInService.EHR

    @property
    def uses_passwords(self) -> bool:
        """True in directory sign-in: the lock screen offers the password step."""
        return self._accounts is not None

    @property
    def pin_min_length(self) -> int:
        return self._pin_min_length

    def is_other_badge(self, badge: str) -> bool:
        """True when someone is signed in and ``badge`` is not theirs (the screen must lock)."""
        return self._current is not None and badge.strip() != self._current.badge

    def _result(self, outcome: SignInOutcome, **fields: Any) -> SignInResult:
        return SignInResult(outcome, service=self.service, **fields)

    # Sign-in: badge + PIN --------------------------------------------------------------------

    async def next_step(self, badge: str) -> SignInStep:
        """What this badge signs in with now: its PIN, or (directory) the account's password."""
        badge = badge.strip()
        if self._accounts is None or not badge:
            return SignInStep.PIN
        known = await self._store.staff_verifier(badge)
        if known is None or self._clock() >= known.verified_at + self._shift:
            return SignInStep.PASSWORD
        return SignInStep.PIN

    async def sign_in(self, badge: str, pin: str) -> SignInResult:
        """Badge + PIN: checked by the EHR (EHR sign-in) or here (directory sign-in)."""
        self._pending = None
        badge = badge.strip()
        if not badge:
            return self._result(SignInOutcome.UNKNOWN_BADGE)
        now = self._clock()
        failures, refusal = await self._gate(badge, now)
        if refusal is not None:
            return refusal
        if self._accounts is not None:
            return await self._shift_pin_sign_in(badge, pin, failures, now)
        if self._directory is None:
            log.warning("sign_in_refused reason=not_set_up")
            return self._result(SignInOutcome.NOT_SET_UP)
        if not pin:
            return self._result(
                SignInOutcome.WRONG_PIN, attempts_left=self._max_attempts - failures.failures
            )
        try:
            answer = await self._directory.verify_pin(badge, pin)
        except WrongPinError:
            return await self._failed(badge, failures, now, what="wrong PIN")
        except BadgeNotFoundError:
            # Gone from the EHR's directory (or never there): no offline sign-in with it either.
            await self._store.forget_staff_verifier(badge)
            log.info("sign_in_refused reason=unknown_badge")
            return self._result(SignInOutcome.UNKNOWN_BADGE)
        except SignInNotSetUpError:
            # The EHR offers no PIN check: say so, and keep every verifier (the badge is not
            # unknown, and the operation may come back).
            log.warning("sign_in_refused reason=not_set_up")
            return self._result(SignInOutcome.NOT_SET_UP)
        except DirectoryUnreachableError:
            return await self._offline_sign_in(badge, pin, failures, now)
        except PinCheckError as exc:
            cause = exc.__cause__ if exc.__cause__ is not None else exc
            log.warning("sign_in_unavailable reason=pin_not_checked cause=%s", type(cause).__name__)
            return self._result(SignInOutcome.EHR_UNAVAILABLE)
        return await self._online_success(badge, pin, answer, now)

    async def _gate(self, badge: str, now: datetime) -> tuple[PinFailures, SignInResult | None]:
        """The badge's counters, and a refusal when it is locked out or must wait."""
        failures = await self._store.pin_failures(badge)
        if failures.locked_until is not None:
            if now < failures.locked_until:
                return failures, self._result(
                    SignInOutcome.LOCKED_OUT, retry_at=failures.locked_until
                )
            # The lock-out is over: a fresh set of attempts.
            await self._store.clear_pin_failures(badge)
            failures = PinFailures()
        wait_until = self._throttled_until(failures)
        if wait_until is not None and now < wait_until:
            return failures, self._result(
                SignInOutcome.THROTTLED,
                attempts_left=self._max_attempts - failures.failures,
                retry_at=wait_until,
            )
        return failures, None

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
            return self._result(SignInOutcome.EHR_UNAVAILABLE)
        if practitioner.id is None:
            log.warning("sign_in_unavailable reason=practitioner_without_id")
            return self._result(SignInOutcome.EHR_UNAVAILABLE)
        member = staff_member(practitioner, badge)
        offline_until = None
        if self._offline_window > timedelta(0):
            await self._keep_verifier(member, pin, now)
            offline_until = now + self._offline_window
        else:
            await self._store.forget_staff_verifier(badge)
        return await self._signed_in(
            member, online=True, offline_until=offline_until, how="online: PIN checked by the EHR"
        )

    async def _keep_verifier(self, member: StaffMember, pin: str, verified_at: datetime) -> None:
        verifier = await asyncio.to_thread(self._hasher.hash, pin)
        await self._store.save_staff_verifier(
            member.badge,
            practitioner_id=member.practitioner_id,
            name=member.name,
            role=member.role,
            verifier=verifier,
            verified_at=verified_at,
        )

    async def _offline_sign_in(
        self, badge: str, pin: str, failures: PinFailures, now: datetime
    ) -> SignInResult:
        known = await self._store.staff_verifier(badge)
        if known is None:
            log.info("sign_in_refused reason=offline_never_signed_in_online_here")
            return self._result(SignInOutcome.OFFLINE_NEVER_ONLINE_HERE)
        offline_until = known.verified_at + self._offline_window
        if now >= offline_until:
            log.info("sign_in_refused reason=offline_last_online_sign_in_too_old")
            return self._result(SignInOutcome.OFFLINE_EXPIRED, offline_until=offline_until)
        return await self._local_pin(
            badge,
            pin,
            known,
            failures,
            now,
            offline_until=offline_until,
            how="offline: PIN checked on this device",
        )

    async def _local_pin(
        self,
        badge: str,
        pin: str,
        known: StaffVerifier,
        failures: PinFailures,
        now: datetime,
        *,
        offline_until: datetime,
        how: str,
    ) -> SignInResult:
        if not pin:
            return self._result(
                SignInOutcome.WRONG_PIN, attempts_left=self._max_attempts - failures.failures
            )
        if not await asyncio.to_thread(_verify, self._hasher, known.verifier, pin):
            actor = Actor(known.practitioner_id, known.name)
            return await self._failed(badge, failures, now, what="wrong PIN", actor=actor)
        member = StaffMember(known.practitioner_id, known.name, known.role, badge)
        return await self._signed_in(member, online=False, offline_until=offline_until, how=how)

    async def _shift_pin_sign_in(
        self, badge: str, pin: str, failures: PinFailures, now: datetime
    ) -> SignInResult:
        """Directory sign-in, badge + PIN: the PIN chosen here this shift, checked here."""
        known = await self._store.staff_verifier(badge)
        if known is None:
            return self._result(SignInOutcome.PASSWORD_NEEDED)
        until = known.verified_at + self._shift
        if now >= until:
            log.info("sign_in_refused reason=shift_pin_expired")
            return self._result(SignInOutcome.PASSWORD_NEEDED, offline_until=until)
        return await self._local_pin(
            badge,
            pin,
            known,
            failures,
            now,
            offline_until=until,
            how="PIN chosen on this device after a directory sign-in, checked on this device",
        )

    # Sign-in: badge + the account's password (directory) ------------------------------------

    async def sign_in_with_password(self, badge: str, password: str) -> SignInResult:
        """The first sign-in of a shift: the directory checks the account's password.

        Right: :attr:`SignInOutcome.CHOOSE_PIN` (nobody is signed in yet; :meth:`choose_pin`
        follows within a few minutes). A wrong password counts like a wrong PIN.
        """
        self._pending = None
        badge = badge.strip()
        if not badge:
            return self._result(SignInOutcome.UNKNOWN_BADGE)
        if self._accounts is None:
            log.warning("sign_in_refused reason=not_set_up")
            return self._result(SignInOutcome.NOT_SET_UP)
        now = self._clock()
        failures, refusal = await self._gate(badge, now)
        if refusal is not None:
            return refusal
        if not password:
            return self._result(
                SignInOutcome.WRONG_PASSWORD, attempts_left=self._max_attempts - failures.failures
            )
        try:
            identity = await self._accounts.check_password(badge, password)
        except WrongPasswordError as exc:
            return await self._failed(badge, failures, now, what="wrong password", who=exc.who)
        except BadgeNotFoundError:
            # The directory is the authority on badges: a badge it no longer knows keeps no PIN.
            await self._store.forget_staff_verifier(badge)
            log.info("sign_in_refused reason=unknown_badge")
            return self._result(SignInOutcome.UNKNOWN_BADGE)
        except AccountRefusedError as exc:
            log.info("sign_in_refused reason=account_refused")
            await self._audit.sign_in_refused(
                _refused_actor(None, exc.who), what="account may not sign in (directory)"
            )
            return self._result(SignInOutcome.ACCOUNT_REFUSED)
        except SignInNotSetUpError:
            log.warning("sign_in_refused reason=not_set_up")
            return self._result(SignInOutcome.NOT_SET_UP)
        except DirectoryUnreachableError:
            return await self._directory_down(badge, now)
        except PinCheckError as exc:
            cause = exc.__cause__ if exc.__cause__ is not None else exc
            log.warning(
                "sign_in_unavailable reason=password_not_checked cause=%s", type(cause).__name__
            )
            return self._result(SignInOutcome.EHR_UNAVAILABLE)
        practitioner = await self._practitioner_of(identity)
        if practitioner is None:
            log.warning("sign_in_refused reason=no_practitioner_for_staff_number")
            await self._audit.sign_in_refused(
                _refused_actor(None, identity),
                what="no Practitioner with this staff number in the EHR",
            )
            return self._result(SignInOutcome.NO_STAFF_RECORD)
        from_ehr = staff_member(practitioner, badge)
        member = StaffMember(
            from_ehr.practitioner_id,
            identity.name or from_ehr.name,
            identity.role or from_ehr.role,
            badge,
        )
        self._pending = _PendingPin(badge, member, now, now + PIN_SETUP_WINDOW)
        log.info("sign_in_password_checked next=choose_pin")
        return self._result(
            SignInOutcome.CHOOSE_PIN,
            staff=member,
            online=True,
            offline_until=now + self._shift,
            pin_min_length=self._pin_min_length,
        )

    async def _directory_down(self, badge: str, now: datetime) -> SignInResult:
        known = await self._store.staff_verifier(badge)
        if known is None:
            log.info("sign_in_refused reason=directory_unreachable_no_pin_here")
            return self._result(SignInOutcome.OFFLINE_NEVER_ONLINE_HERE)
        until = known.verified_at + self._shift
        if now >= until:
            log.info("sign_in_refused reason=directory_unreachable_pin_expired")
            return self._result(SignInOutcome.OFFLINE_EXPIRED, offline_until=until)
        log.info("sign_in_refused reason=directory_unreachable_use_pin")
        return self._result(SignInOutcome.OFFLINE_USE_PIN, offline_until=until)

    async def _practitioner_of(self, identity: StaffIdentity) -> Practitioner | None:
        """The cached Practitioner carrying the account's staff number (exactly one)."""
        if identity.identifier is None:
            return None
        wanted = identity.identifier
        found = [
            resource
            for resource in await self._store.find("Practitioner")
            if resource.get("active") is not False and _has_identifier(resource, wanted)
        ]
        if len(found) != 1:
            if found:
                log.warning("practitioner_lookup_ambiguous count=%d", len(found))
            return None
        try:
            practitioner = parse_as(Practitioner, found[0])
        except FhirModelError as exc:
            log.warning("practitioner_unusable problem=%r", exc.log_safe)
            return None
        return practitioner if practitioner.id is not None else None

    async def choose_pin(self, badge: str, pin: str, again: str) -> SignInResult:
        """After a checked password: keep ``pin`` (typed twice) as this tablet's PIN, sign in."""
        pending = self._pending
        now = self._clock()
        if pending is None or pending.badge != badge.strip() or now >= pending.until:
            self._pending = None
            log.info("pin_setup_refused reason=no_checked_password")
            return self._result(SignInOutcome.PIN_SETUP_EXPIRED)
        problem = pin_problem(pin, min_length=self._pin_min_length)
        if problem is not None:
            log.info("pin_setup_refused reason=%s", problem)
            return self._result(
                SignInOutcome.PIN_TOO_WEAK,
                staff=pending.member,
                pin_min_length=self._pin_min_length,
            )
        if pin != again:
            log.info("pin_setup_refused reason=mismatch")
            return self._result(
                SignInOutcome.PIN_MISMATCH,
                staff=pending.member,
                pin_min_length=self._pin_min_length,
            )
        self._pending = None
        await self._keep_verifier(pending.member, pin, pending.verified_at)
        return await self._signed_in(
            pending.member,
            online=True,
            offline_until=pending.verified_at + self._shift,
            how="password checked by the hospital directory; PIN chosen on this device",
        )

    # Outcomes shared by every way in --------------------------------------------------------

    async def _signed_in(
        self, member: StaffMember, *, online: bool, offline_until: datetime | None, how: str
    ) -> SignInResult:
        await self._store.clear_pin_failures(member.badge)
        previous = self._current
        if previous is not None and previous.practitioner_id != member.practitioner_id:
            await self._audit.locked(_actor(previous), LockReason.OTHER_BADGE.value)
        self._current = member
        await self._audit.signed_in(_actor(member), how=how)
        log.info("staff_signed_in mode=%s", "online" if online else "offline")
        return self._result(
            SignInOutcome.SIGNED_IN, staff=member, online=online, offline_until=offline_until
        )

    async def _failed(
        self,
        badge: str,
        failures: PinFailures,
        now: datetime,
        *,
        what: str,
        actor: Actor | None = None,
        who: StaffIdentity | None = None,
    ) -> SignInResult:
        """One more failure (wrong PIN or password) for ``badge``: count, audit, maybe lock."""
        count = failures.failures + 1
        locked_until = now + self._lockout if count >= self._max_attempts else None
        await self._store.record_pin_failure(badge, now, locked_until)
        if actor is None:
            known = await self._store.staff_verifier(badge)
            actor = Actor(known.practitioner_id, known.name) if known is not None else None
        await self._audit.sign_in_refused(
            _refused_actor(actor, who), what=what, locked=locked_until is not None
        )
        reason = what.replace(" ", "_")
        if locked_until is not None:
            log.warning("sign_in_refused reason=%s locked_out=true", reason)
            return self._result(SignInOutcome.LOCKED_OUT, retry_at=locked_until)
        log.info("sign_in_refused reason=%s failures_in_a_row=%d", reason, count)
        throttled = self._throttled_until(PinFailures(count, now, None))
        wrong_password = what == "wrong password"
        outcome = SignInOutcome.WRONG_PASSWORD if wrong_password else SignInOutcome.WRONG_PIN
        return self._result(outcome, attempts_left=self._max_attempts - count, retry_at=throttled)

    # Lock and record openings --------------------------------------------------------------

    async def lock(self, reason: LockReason) -> None:
        """Sign the current staff member out (an audit event); nobody is signed in afterwards."""
        self._pending = None
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


__all__ = [
    "AccountRefusedError",
    "BadgeNotFoundError",
    "DirectoryUnavailableError",
    "DirectoryUnreachableError",
    "LockReason",
    "PasswordCheck",
    "PinCheckError",
    "PinVerifier",
    "SignInNotSetUpError",
    "SignInOutcome",
    "SignInResult",
    "SignInService",
    "SignInStep",
    "StaffIdentifier",
    "StaffIdentity",
    "StaffMember",
    "StaffSessions",
    "WrongPasswordError",
    "WrongPinError",
    "pin_problem",
    "staff_member",
    "tablet_hasher",
]
