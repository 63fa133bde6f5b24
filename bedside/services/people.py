"""Small pure helpers that turn FHIR identity elements into what a screen shows.

No I/O and no Qt: names, ages and identifiers, computed the same way on every screen.
"""

from __future__ import annotations

import re
from datetime import date

from bedside.models import Patient, find_identifier

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def display_name(patient: Patient) -> str:
    """``FAMILY, Given`` — the ward's usual way of writing a patient's name."""
    name = patient.official_name
    if name is None:
        return "—"
    family = (name.family or "").upper()
    given = " ".join(name.given or [])
    if family and given:
        return f"{family}, {given}"
    return family or given or (name.text or "—")


def parse_fhir_date(value: str | None) -> date | None:
    """The calendar date a FHIR date or dateTime names, as written (partial ``1950-03`` → 1 March).

    For a dateTime the date is the one in its own offset, i.e. the local date where it was
    recorded — which is what a ward means by "admitted on".
    """
    if not value:
        return None
    match = _DATE.match(value)
    if match is None:
        return None
    year, month, day = match.group(1), match.group(2) or "01", match.group(3) or "01"
    return date(int(year), int(month), int(day))


def age_on(birth: date | None, today: date) -> int | None:
    """Completed years of age on ``today``."""
    if birth is None:
        return None
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


def identifier_value(patient: Patient, system: str) -> str | None:
    """The value of the patient's identifier in ``system``, if any."""
    found = find_identifier(patient.identifier, system)
    return found.value if found is not None else None
