"""Noticing a damaged cache: SQLCipher's page check after an unclean shutdown and once a day.

Owns the schedule (the time of the last check, a device fact) and :func:`check_pages`, which
runs ``PRAGMA cipher_integrity_check`` -- the HMAC of every page of the file -- and raises
:class:`~bedside.store.errors.StoreDamagedError` on any failure: a damaged cache is never used,
so nothing is uploaded from it. Synchronous; runs on the store's worker thread only.

An unclean shutdown is a ``-wal`` with pages found beside the file before it is opened: SQLite
removes it at a clean close, and from the first write of a session until then it is never empty
(a checkpoint that truncates it has synced everything first). No marker is written at open and
cleared at close: that would cost two synced writes a session for the same answer.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from bedside.store.connection import Connection, mapped_errors, transaction
from bedside.store.errors import StoreDamagedError
from bedside.store.records import get_device_fact

LAST_CHECK_FACT = "last-integrity-check"
"""When the pages were last checked (UTC, ISO 8601)."""

CHECK_EVERY = timedelta(days=1)


@dataclass(frozen=True)
class OpenCheck:
    """What :func:`on_open` found and did."""

    unclean_shutdown: bool
    check_seconds: float | None
    """How long the page check took, or ``None`` when it was not due."""


def check_pages(conn: Connection) -> None:
    """Check the HMAC of every page of the file; raise :class:`StoreDamagedError` on a failure."""
    with mapped_errors("checking the cache for damage"):
        problems = conn.execute("PRAGMA cipher_integrity_check").fetchall()
    if problems:
        raise StoreDamagedError(
            f"The tablet's data file is damaged ({len(problems)} page(s) failed the integrity "
            "check), so Bedside will not open it and nothing will be uploaded from it until IT "
            "restores or replaces it; contact IT, who should keep the file (it may hold changes "
            "not yet sent to the EHR), and record care in the EHR or on paper meanwhile."
        )


def _moment(text: str | None) -> datetime | None:
    if text is None:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def _set_fact(conn: Connection, name: str, value: str, doing: str) -> None:
    with transaction(conn, doing):
        conn.execute(
            "INSERT INTO device (name, value) VALUES (?, ?)"
            " ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            (name, value),
        )


def on_open(
    conn: Connection,
    *,
    now: datetime,
    leftover_wal: bool,
    writable: bool,
    every: timedelta = CHECK_EVERY,
) -> OpenCheck:
    """Check the cache's pages when due; raise :class:`StoreDamagedError` when one is damaged.

    Due after an unclean shutdown (``leftover_wal``: a ``-wal`` with pages was found beside the
    file before it was opened) and when the last check is older than ``every`` (or unreadable,
    or in the future). A read-only cache (``writable=False``) cannot record its check, so it is
    checked at every open.
    """
    unclean = leftover_wal
    last = _moment(get_device_fact(conn, LAST_CHECK_FACT))
    due = unclean or last is None or not (now - every < last <= now + timedelta(minutes=5))
    stamp = now.astimezone(UTC).isoformat()
    if not due:
        return OpenCheck(unclean, None)
    started = time.perf_counter()
    if writable and unclean:
        # Pages a crash left in the -wal are checked too once they are in the file itself.
        with mapped_errors("checking the cache for damage"):
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    check_pages(conn)
    seconds = time.perf_counter() - started
    if writable:
        _set_fact(conn, LAST_CHECK_FACT, stamp, "recording the cache's check")
    return OpenCheck(unclean, seconds)
