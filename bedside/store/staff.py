"""Staff sign-in state kept in the cache: offline PIN verifiers and wrong-PIN counters.

Plain functions on an open connection (the store's worker thread only), like
:mod:`bedside.store.records`. What this module keeps, and what it never keeps:

* a badge is stored only as :func:`badge_key` (a SHA-256 digest): nothing here needs the badge
  back, and a PIN typed into the badge field by mistake must not be readable in the file;
* a PIN is never stored: only the argon2id verifier the service computed (a PHC string with its
  own salt);
* instants are aware datetimes at the API and UTC ISO text (``…Z``) in the tables.

The tables live in the same encrypted file as everything else, so wiping the cache wipes them.
Audit events uploaded to the EHR are not needed here any more: :func:`forget_uploaded_audit_events`
drops them.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime

from bedside.store.changes import ChangeNote
from bedside.store.connection import Connection, mapped_errors, transaction

_BADGE_KEY_PREFIX = b"bedside-badge:"


@dataclass(frozen=True)
class StaffVerifier:
    """Who signed in online with a badge on this tablet, and the verifier of their PIN."""

    practitioner_id: str
    name: str
    role: str | None
    verifier: str  # argon2id PHC string ("$argon2id$v=19$m=…,t=…,p=…$salt$hash")
    verified_at: datetime  # the last successful online sign-in (UTC)


@dataclass(frozen=True)
class PinFailures:
    """Wrong PINs in a row for one badge on this tablet, and the lock-out if there is one."""

    failures: int = 0
    last_failure_at: datetime | None = None
    locked_until: datetime | None = None


def badge_key(badge: str) -> str:
    """The key a badge is stored under: a digest, so the file never holds the badge itself."""
    return hashlib.sha256(_BADGE_KEY_PREFIX + badge.encode()).hexdigest()


def _text(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("staff sign-in instants must be timezone-aware")
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _moment(text: str | None) -> datetime | None:
    if text is None:
        return None
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def get_verifier(conn: Connection, /, badge: str) -> StaffVerifier | None:
    with mapped_errors("reading a staff verifier"):
        row = conn.execute(
            "SELECT practitioner_id, name, role, verifier, verified_at FROM staff_verifier"
            " WHERE badge_key = ?",
            (badge_key(badge),),
        ).fetchone()
    if row is None:
        return None
    verified_at = _moment(row[4])
    assert verified_at is not None
    return StaffVerifier(str(row[0]), str(row[1]), row[2], str(row[3]), verified_at)


def save_verifier(
    conn: Connection,
    /,
    badge: str,
    *,
    practitioner_id: str,
    name: str,
    role: str | None,
    verifier: str,
    verified_at: datetime,
) -> None:
    """Keep (or replace) the verifier of ``badge`` after a successful online sign-in."""
    with transaction(conn, "saving a staff verifier"):
        conn.execute(
            "INSERT INTO staff_verifier (badge_key, practitioner_id, name, role, verifier,"
            " verified_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (badge_key) DO UPDATE SET"
            " practitioner_id = excluded.practitioner_id, name = excluded.name,"
            " role = excluded.role, verifier = excluded.verifier,"
            " verified_at = excluded.verified_at",
            (badge_key(badge), practitioner_id, name, role, verifier, _text(verified_at)),
        )


def forget_verifier(conn: Connection, /, badge: str) -> None:
    """Drop the verifier of ``badge`` (the EHR no longer knows it, or offline sign-in is off)."""
    with transaction(conn, "forgetting a staff verifier"):
        conn.execute("DELETE FROM staff_verifier WHERE badge_key = ?", (badge_key(badge),))


def get_failures(conn: Connection, /, badge: str) -> PinFailures:
    with mapped_errors("reading wrong-PIN counters"):
        row = conn.execute(
            "SELECT failures, last_failure_at, locked_until FROM pin_failure WHERE badge_key = ?",
            (badge_key(badge),),
        ).fetchone()
    if row is None:
        return PinFailures()
    return PinFailures(int(row[0]), _moment(row[1]), _moment(row[2]))


def record_failure(
    conn: Connection, /, badge: str, *, at: datetime, locked_until: datetime | None
) -> PinFailures:
    """Count one more wrong PIN for ``badge`` (and lock it until ``locked_until`` if given)."""
    key = badge_key(badge)
    until = None if locked_until is None else _text(locked_until)
    with transaction(conn, "counting a wrong PIN"):
        conn.execute(
            "INSERT INTO pin_failure (badge_key, failures, last_failure_at, locked_until)"
            " VALUES (?, 1, ?, ?) ON CONFLICT (badge_key) DO UPDATE SET"
            " failures = failures + 1, last_failure_at = excluded.last_failure_at,"
            " locked_until = excluded.locked_until",
            (key, _text(at), until),
        )
        row = conn.execute(
            "SELECT failures, last_failure_at, locked_until FROM pin_failure WHERE badge_key = ?",
            (key,),
        ).fetchone()
    return PinFailures(int(row[0]), _moment(row[1]), _moment(row[2]))


def clear_failures(conn: Connection, /, badge: str) -> None:
    with transaction(conn, "clearing wrong-PIN counters"):
        conn.execute("DELETE FROM pin_failure WHERE badge_key = ?", (badge_key(badge),))


def forget_uploaded_audit_events(conn: Connection, *, note: ChangeNote) -> int:
    """Drop the local copies of audit events the EHR has confirmed; return how many.

    An audit event is written here only to be uploaded; once its outbox row is settled the EHR
    holds it and the tablet never reads it again. Events still waiting keep their local copy.
    """
    with transaction(conn, "forgetting uploaded audit events"):
        cursor = conn.execute(
            "DELETE FROM resource WHERE type = 'AuditEvent' AND local_state IN ('synced', 'stale')"
        )
        if cursor.rowcount:
            note.row("AuditEvent", None)
    return int(cursor.rowcount)
