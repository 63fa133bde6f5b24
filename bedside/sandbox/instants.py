"""FHIR date/time values as millisecond ranges, and the server's instant format.

Owns parsing of ``date``/``dateTime``/``instant`` text (from resources and from search values)
into inclusive ``(lo, hi)`` ranges in milliseconds since the Unix epoch (UTC), and formatting the
server's own instants. Knows nothing about HTTP or storage.
"""

from __future__ import annotations

import calendar
import re
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
# Sentinels for an open end of a Period; far outside any real date and still an SQLite integer.
MIN_MS = -(2**60)
MAX_MS = 2**60

_DATE_RE = re.compile(
    r"^(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2})"
    r"(?:T(?P<H>\d{2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.(?P<f>\d+))?)?"
    r"(?P<tz>Z|[+-]\d{2}:\d{2})?)?)?)?$"
)


class DateFormatError(ValueError):
    """Text that is not a FHIR date, dateTime or instant."""


def to_ms(moment: datetime) -> int:
    if moment.tzinfo is None:
        raise ValueError("the sandbox clock must return timezone-aware datetimes")
    return (moment - EPOCH) // timedelta(milliseconds=1)


def from_ms(ms: int) -> datetime:
    return EPOCH + timedelta(milliseconds=ms)


def format_instant(ms: int) -> str:
    """``2026-05-01T10:00:00.123Z``: always UTC, always millisecond precision."""
    moment = from_ms(ms)
    return f"{moment:%Y-%m-%dT%H:%M:%S}.{ms % 1000:03d}Z"


def http_date(ms: int) -> str:
    """RFC 9110 IMF-fixdate for ``Last-Modified`` and ``Date``."""
    return format_datetime(from_ms(ms).replace(microsecond=0), usegmt=True)


def parse_range(text: str) -> tuple[int, int]:
    """The inclusive millisecond range a date/dateTime/instant stands for.

    ``2026`` is the whole year, ``2026-05-01`` the whole (UTC) day, ``…T10:00Z`` that minute,
    ``…T10:00:00.5Z`` that millisecond. A time without a zone is read as UTC.
    """
    if " " in text:
        # A '+' in a query string decodes to a space: the client forgot to send it as %2B.
        raise DateFormatError(
            f"'{text}' contains a space: a '+' in a time zone offset must be sent as %2B"
        )
    match = _DATE_RE.match(text)
    if match is None:
        raise DateFormatError(f"'{text}' is not a FHIR date, dateTime or instant")
    parts = match.groupdict()
    try:
        year = int(parts["y"])
        if parts["m"] is None:
            start = datetime(year, 1, 1, tzinfo=UTC)
            end = datetime(year + 1, 1, 1, tzinfo=UTC)
            return to_ms(start), to_ms(end) - 1
        month = int(parts["m"])
        if parts["d"] is None:
            start = datetime(year, month, 1, tzinfo=UTC)
            days = calendar.monthrange(year, month)[1]
            return to_ms(start), to_ms(start + timedelta(days=days)) - 1
        day = int(parts["d"])
        if parts["H"] is None:
            start = datetime(year, month, day, tzinfo=UTC)
            return to_ms(start), to_ms(start + timedelta(days=1)) - 1
        tz = parts["tz"]
        offset = timedelta(0)
        if tz and tz != "Z":
            sign = 1 if tz[0] == "+" else -1
            offset = sign * timedelta(hours=int(tz[1:3]), minutes=int(tz[4:6]))
        hour, minute = int(parts["H"]), int(parts["M"])
        local = datetime(year, month, day, hour if hour < 24 else 0, minute, tzinfo=UTC)
        base = to_ms(local - offset)
        if parts["S"] is None:
            return base, base + 60_000 - 1
        base += int(parts["S"]) * 1000
        if parts["f"] is None:
            return base, base + 999
        millis = base + int((parts["f"] + "00")[:3])
        return millis, millis
    except ValueError as exc:  # e.g. month 13, day 31 in April
        raise DateFormatError(f"'{text}' is not a valid date: {exc}") from exc
