"""Practitioners: each ward's nurses and doctors, plus the site's specialists, all with a badge.

The badge identifier (system ``BADGE_SYSTEM``) is what the badge reader yields. Each staff member
also has a PIN of 4 to 6 digits, :func:`synthetic_pin` of the badge (so deterministic from the
seed's random stream through the badge, and drawing nothing from the other streams): the PIN is in
no resource; it is handed out as a :class:`StaffCredential` for the demo and the tests, and the
sandbox hashes the PIN of every seeded badge it loads (``bedside.sandbox.staff_pins``). Everything
here is synthetic. Roles are a local code (``CS_STAFF_ROLE``) plus the SNOMED CT occupation where
known.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from bedside.sandbox.seed.codes import (
    BADGE_SYSTEM,
    CS_STAFF_ROLE,
    JSON,
    SNOMED,
    coding,
    concept,
)
from bedside.sandbox.seed.context import SeedContext
from bedside.sandbox.seed.names import draw_staff_name

NURSES_PER_WARD = 8
DOCTORS_PER_WARD = 3

# role -> (display, French title, SNOMED occupation code or None)
_ROLES: dict[str, tuple[str, str, str | None]] = {
    "nurse": ("Registered nurse", "Infirmier·ère", "224535009"),
    "physician": ("Physician", "Médecin", "309343006"),
    "surgeon": ("Surgeon", "Chirurgien·ne", "304292004"),
    "radiologist": ("Radiologist", "Radiologue", "66862007"),
    "physiotherapist": ("Physiotherapist", "Kinésithérapeute", "36682004"),
    "gastroenterologist": ("Gastroenterologist", "Gastro-entérologue", None),
    "nephrologist": ("Nephrologist", "Néphrologue", None),
    "cardiologist": ("Cardiologist", "Cardiologue", None),
}

SPECIALISTS = (
    "surgeon",
    "radiologist",
    "physiotherapist",
    "gastroenterologist",
    "nephrologist",
    "cardiologist",
)


@dataclass(frozen=True)
class StaffCredential:
    """A synthetic staff member's badge and PIN, for the sandbox, the demo and the tests only."""

    badge: str
    pin: str
    practitioner_id: str
    name: str  # "Dr Given Family" / "Given Family"
    role: str  # the CS_STAFF_ROLE code: "nurse", "physician", "surgeon", …

    def __repr__(self) -> str:  # keep the PIN out of test failure output and logs
        return f"StaffCredential(practitioner_id={self.practitioner_id!r}, role={self.role!r})"


@dataclass
class Staff:
    """Practitioner resources by role; ``nurses[i]``/``doctors[i]`` are ward i's, in order."""

    specialists: dict[str, JSON] = field(default_factory=dict)
    nurses: dict[int, list[JSON]] = field(default_factory=dict)
    doctors: dict[int, list[JSON]] = field(default_factory=dict)
    credentials: list[StaffCredential] = field(default_factory=list)
    _taken: set[tuple[str, str]] = field(default_factory=set)
    _badges: set[str] = field(default_factory=set)


def synthetic_pin(badge: str) -> str:
    """The synthetic PIN of a seeded badge: 4 to 6 digits, the same on every run."""
    rng = random.Random(f"bedside-sandbox-pin|{badge}")
    digits = rng.randint(4, 6)
    return "".join(str(rng.randrange(10)) for _ in range(digits))


def _practitioner(ctx: SeedContext, staff: Staff, key: str, role: str) -> JSON:
    rng = ctx.rng(f"staff/{key}")
    sex = rng.choice(("female", "male"))
    given, family = draw_staff_name(rng, sex, staff._taken)
    while True:
        badge = f"B{rng.randrange(100000, 999999)}"
        if badge not in staff._badges:
            staff._badges.add(badge)
            break
    display, title, sct = _ROLES[role]
    codings = [coding(CS_STAFF_ROLE, role, display)]
    if sct:
        codings.append(coding(SNOMED, sct, display))
    prefix = ["Dr"] if role not in ("nurse", "physiotherapist") else []
    name: JSON = {"use": "official", "family": family, "given": [given]}
    if prefix:
        name["prefix"] = prefix
    practitioner_id = ctx.id(f"practitioner/{key}")
    staff.credentials.append(
        StaffCredential(
            badge=badge,
            pin=synthetic_pin(badge),
            practitioner_id=practitioner_id,
            name=" ".join([*prefix, given, family]),
            role=role,
        )
    )
    return ctx.add(
        {
            "resourceType": "Practitioner",
            "id": practitioner_id,
            "identifier": [{"use": "official", "system": BADGE_SYSTEM, "value": badge}],
            "active": True,
            "name": [name],
            "gender": sex,
            "qualification": [{"code": concept(*codings, text=title)}],
        }
    )


def build_specialists(ctx: SeedContext, staff: Staff) -> None:
    """The site's specialists (theatre, imaging, physiotherapy, endoscopy, dialysis, cardiology)."""
    for role in SPECIALISTS:
        staff.specialists[role] = _practitioner(ctx, staff, f"site/{role}", role)


def build_ward_staff(ctx: SeedContext, staff: Staff, ward_index: int) -> None:
    """Nurses and doctors of one ward."""
    staff.nurses[ward_index] = [
        _practitioner(ctx, staff, f"ward/{ward_index}/nurse/{n}", "nurse")
        for n in range(NURSES_PER_WARD)
    ]
    staff.doctors[ward_index] = [
        _practitioner(ctx, staff, f"ward/{ward_index}/doctor/{n}", "physician")
        for n in range(DOCTORS_PER_WARD)
    ]
