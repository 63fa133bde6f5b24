"""The deterministic synthetic ward that seeds the embedded sandbox EHR.

``generate_ward(seed, scale, now)`` returns FHIR R4 resources (plain JSON dicts, no ``meta``) in
dependency order: every resource comes after the resources it references. Everything is invented.
Same (seed, scale, history_days, local hour of ``now``) → byte-identical output; see ``context``
for the rules that make it so. This package builds data only: it never talks to the server or the
store.

Module map: ``codes`` (every URL and code system), ``context`` (clock, ids, random streams),
``names``, ``locations``, ``staff``, ``cases`` (clinical scenarios), ``patients``, ``conditions``,
``allergies``, ``flags``, ``medications``, ``diets``, ``meals``, ``appointments``, ``vitals``,
``labs``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from bedside.sandbox.seed import (
    allergies,
    appointments,
    cases,
    conditions,
    diets,
    flags,
    labs,
    locations,
    meals,
    medications,
    patients,
    staff,
    vitals,
)
from bedside.sandbox.seed.codes import IPP_SYSTEM
from bedside.sandbox.seed.context import SeedContext
from bedside.sandbox.seed.layout import BEDS_PER_WARD, FREE_BEDS_PER_WARD, WardLayout
from bedside.sandbox.seed.staff import StaffCredential

__all__ = ["SeedWard", "StaffCredential", "generate_ward"]


@dataclass(frozen=True)
class SeedWard:
    """The generated data set and the handles callers need to find their way into it."""

    resources: list[dict[str, Any]]  # FHIR R4 JSON, referenced before referencing
    site_id: str  # Location id of the site (hospital)
    ward_id: str  # Location id of the first ward
    bed_ids: list[str]  # Location ids of the first ward's beds, in bed order
    identifier_system: str  # system of the hospital patient number (IPP, on the wristband)
    # Every staff member's synthetic badge and PIN, in the order the Practitioners were built
    # (the site's specialists, then each ward's nurses and doctors). Not part of ``resources``;
    # ``Sandbox.load(resources)`` enrolls the same PINs (hashed) for the seeded badges.
    staff_credentials: list[StaffCredential] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        """Number of resources per resource type."""
        return dict(sorted(Counter(r["resourceType"] for r in self.resources).items()))


def generate_ward(
    seed: int = 2026,
    scale: int = 1,
    now: datetime | None = None,
    history_days: int | None = None,
    beds_per_ward: int = BEDS_PER_WARD,
) -> SeedWard:
    """Build the synthetic site: ``scale`` wards of 30 beds (28 occupied) and their patients.

    ``history_days`` (default ``3 * scale``) is how far back vital signs and lab results go.
    ``beds_per_ward`` sizes every ward otherwise (two beds stay free; the benchmarks use 35).
    ``now`` defaults to the current UTC time; only its local date (Europe/Paris) matters.
    """
    if scale < 1:
        raise ValueError("scale must be at least 1")
    days = 3 * scale if history_days is None else history_days
    if days < 1:
        raise ValueError("history_days must be at least 1")
    smallest = len(cases.REQUIRED) + FREE_BEDS_PER_WARD  # every ward holds each required case
    if beds_per_ward < smallest:
        raise ValueError(f"beds_per_ward must be at least {smallest}")
    ctx = SeedContext.create(seed, now, days, WardLayout.for_beds(beds_per_ward))

    site = locations.build_site(ctx)
    areas = locations.build_service_areas(ctx, site)
    team = staff.Staff()
    staff.build_specialists(ctx, team)
    catalogue = medications.build_catalogue(ctx)
    meals.build_catalogue(ctx)

    used_ipp: set[str] = set()
    first_ward: locations.Ward | None = None
    for index in range(scale):
        ward_language = locations.ward_language(index)
        plans, occupied = patients.plan_ward(ctx, index, ward_language)
        ward = locations.build_ward(ctx, site, index, occupied)
        first_ward = first_ward or ward
        staff.build_ward_staff(ctx, team, index)
        doctors, nurses = team.doctors[index], team.nurses[index]
        admissions = patients.admit_ward(ctx, ward, plans, doctors, nurses, used_ipp)
        taken = {plan.person.family for plan in plans}
        gone = patients.discharge_yesterday(ctx, ward, occupied, doctors, nurses, used_ipp, taken)
        for adm in admissions:
            conditions.build_conditions(ctx, adm)
            allergy_keys = allergies.allergy_keys(ctx, adm, medications.drug_classes(adm))
            allergies.build_allergies(ctx, adm, allergy_keys)
            flags.build_flags(ctx, adm)
            medications.build_requests(ctx, adm, catalogue)
            diets.build_diet_orders(ctx, adm, allergies.food_allergens(allergy_keys))
            appointments.build_appointments(ctx, adm, areas, team)
            vitals.build_vitals(ctx, adm)
            labs.build_labs(ctx, adm)
        conditions.build_conditions(ctx, gone)
        vitals.build_vitals(ctx, gone)

    assert first_ward is not None
    return SeedWard(
        resources=ctx.resources,
        site_id=site["id"],
        ward_id=first_ward.resource["id"],
        bed_ids=[bed.resource["id"] for bed in first_ward.beds],
        identifier_system=IPP_SYSTEM,
        staff_credentials=list(team.credentials),
    )
