"""Small pure helpers that turn FHIR identity elements into what a screen shows.

No I/O and no Qt: names, ages and identifiers, computed the same way on every screen.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from bedside.models import HumanName, Patient

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def official_name(names: Sequence[HumanName] | None) -> HumanName | None:
    """The name to show: ``official`` or ``usual`` first, else the first one."""
    if not names:
        return None
    for use in ("official", "usual"):
        for name in names:
            if name.use == use:
                return name
    return names[0]


def display_name(patient: Patient) -> str:
    """``FAMILY, Given`` — the ward's usual way of writing a patient's name."""
    name = official_name(patient.name)
    if name is None:
        return "—"
    family = (name.family or "").upper()
    given = " ".join(name.given or [])
    if family and given:
        return f"{family}, {given}"
    return family or given or (name.text or "—")


def parse_birth_date(value: str | None) -> date | None:
    """A FHIR date (possibly partial: ``1950`` or ``1950-03``) as a ``date``; None if absent."""
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
    for identifier in patient.identifier or []:
        if identifier.system == system and identifier.value:
            return identifier.value
    return None
