"""What a device is allowed to hold: its ward (nurse tablet) or its bed (patient tablet).

Pure data: the download step reads it to build queries; the store keys its sync state by
:attr:`Scope.key`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# Resources that belong to one patient, with the search parameter that selects them by patient.
PATIENT_RESOURCES: tuple[tuple[str, str], ...] = (
    ("AllergyIntolerance", "patient"),
    ("Condition", "patient"),
    ("Flag", "patient"),
    ("MedicationRequest", "patient"),
    ("MedicationAdministration", "patient"),
    ("NutritionOrder", "patient"),
    ("Appointment", "patient"),
    ("Observation", "patient"),
    ("DiagnosticReport", "patient"),
    # Acknowledgements of critical results (and other nursing work items) made on any tablet.
    ("Task", "patient"),
)

# Shared by the whole site and downloaded once: places, staff, drugs, the meal catalogue.
SITE_RESOURCES: tuple[str, ...] = ("Location", "Practitioner", "Medication", "ActivityDefinition")


@dataclass(frozen=True)
class Scope:
    """A ward or a bed, by its FHIR ``Location`` id."""

    kind: Literal["ward", "bed"]
    location_id: str

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.location_id}"
