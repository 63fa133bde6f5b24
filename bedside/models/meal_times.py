"""A site's meal services as its settings state them: serving times and ordering cut-offs.

Owns the format of ``meals.serving`` and ``meals.cutoffs`` (``"breakfast=07:30-09:00 …"``,
``"breakfast=19:00-1d …"``) and the plain value they become. The settings validate with it and the
meal rules compute sittings from it; it knows nothing of FHIR, time zones or I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time

SERVICES: tuple[str, ...] = ("breakfast", "lunch", "dinner")


@dataclass(frozen=True)
class ServiceTimes:
    """One service as the site runs it: serving times and the ordering cut-off."""

    service: str
    serve_from: time
    serve_until: time
    cutoff: time
    cutoff_days_before: int = 0  # 1: the cut-off is on the day before the service


def _clock(text: str) -> time:
    hours, _, minutes = text.partition(":")
    if not (hours.isdigit() and minutes.isdigit() and len(hours) == 2 and len(minutes) == 2):
        raise ValueError(f"{text!r} is not a time HH:MM")
    return time(int(hours), int(minutes))  # ValueError past 23:59


def _pairs(table: str, what: str) -> dict[str, str]:
    pairs: dict[str, str] = {}
    for item in table.split():
        service, sep, value = item.partition("=")
        if not sep or service not in SERVICES:
            raise ValueError(
                f"{what}: {item!r} should be service=value, service one of {', '.join(SERVICES)}"
            )
        if service in pairs:
            raise ValueError(f"{what}: {service} is given twice")
        pairs[service] = value
    missing = [service for service in SERVICES if service not in pairs]
    if missing:
        raise ValueError(f"{what}: {', '.join(missing)} missing")
    return pairs


def parse_service_table(serving: str, cutoffs: str) -> tuple[ServiceTimes, ...]:
    """Site settings → service times.

    ``serving``: ``"breakfast=07:30-09:00 lunch=12:00-13:30 dinner=18:30-20:00"``;
    ``cutoffs``: ``"breakfast=19:00-1d lunch=09:30 dinner=15:00"`` (``-Nd``: N days before).
    Services come out in the order of :data:`SERVICES`. ValueError on anything malformed, on a
    service missing from either table, on a serving time that ends before it begins, or on a
    same-day cut-off after the serving time begins.
    """
    served = _pairs(serving, "meal serving times")
    cut = _pairs(cutoffs, "meal cut-offs")
    table: list[ServiceTimes] = []
    for service in SERVICES:
        begin, sep, end = served[service].partition("-")
        if not sep:
            raise ValueError(f"meal serving times: {service} needs HH:MM-HH:MM")
        serve_from, serve_until = _clock(begin), _clock(end)
        if serve_until <= serve_from:
            raise ValueError(f"meal serving times: {service} ends before it begins")
        clock_text, sep, days_text = cut[service].partition("-")
        days_before = 0
        if sep:
            if not (days_text.endswith("d") and days_text[:-1].isdigit()):
                raise ValueError(f"meal cut-offs: {service} should be HH:MM or HH:MM-Nd")
            days_before = int(days_text[:-1])
        cutoff = _clock(clock_text)
        if days_before == 0 and cutoff > serve_from:
            raise ValueError(f"meal cut-offs: {service} closes at {clock_text}, after it is served")
        table.append(ServiceTimes(service, serve_from, serve_until, cutoff, days_before))
    return tuple(table)
