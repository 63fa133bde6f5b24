"""The map from ``resourceType`` to model class, and the "any resource" type.

Owns :data:`RESOURCE_TYPES` and :data:`AnyResource` (a union discriminated on ``resourceType``
used for ``contained`` and ``Bundle.entry.resource``; a resource of a type the app does not model
becomes a generic :class:`Resource` that keeps all its content). Importing this module completes
the models that refer to ``AnyResource``.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Annotated, Any

from pydantic import Discriminator, Tag

from bedside.models.administrative import Encounter, Location, Patient, Practitioner
from bedside.models.base import FhirBase
from bedside.models.clinical import (
    AllergyIntolerance,
    Condition,
    DiagnosticReport,
    Flag,
    Observation,
)
from bedside.models.infrastructure import Bundle, CapabilityStatement, OperationOutcome
from bedside.models.medication import Medication, MedicationAdministration, MedicationRequest
from bedside.models.resource import Resource
from bedside.models.workflow import ActivityDefinition, Appointment, NutritionOrder, Task

__all__ = ["GENERIC_TAG", "RESOURCE_TYPES", "AnyResource"]

_CLASSES: tuple[type[Resource], ...] = (
    Patient,
    Encounter,
    Location,
    Practitioner,
    AllergyIntolerance,
    Condition,
    Observation,
    DiagnosticReport,
    Medication,
    MedicationRequest,
    MedicationAdministration,
    NutritionOrder,
    ActivityDefinition,
    Appointment,
    Flag,
    Task,
    Bundle,
    OperationOutcome,
    CapabilityStatement,
)

RESOURCE_TYPES: Mapping[str, type[Resource]] = MappingProxyType(
    {cls.__name__: cls for cls in _CLASSES}
)
"""Every modelled resource type by its FHIR ``resourceType``."""

# Tag of the generic fallback; not a FHIR type name, so it can never clash with one.
GENERIC_TAG = "(other resource)"


def _resource_tag(value: Any) -> str:
    if isinstance(value, Mapping):
        name = value.get("resourceType")
    else:
        name = getattr(value, "resource_type", None)
        if isinstance(value, Resource) and type(value) is not RESOURCE_TYPES.get(str(name)):
            return GENERIC_TAG
    return name if isinstance(name, str) and name in RESOURCE_TYPES else GENERIC_TAG


AnyResource = Annotated[
    Annotated[Patient, Tag("Patient")]
    | Annotated[Encounter, Tag("Encounter")]
    | Annotated[Location, Tag("Location")]
    | Annotated[Practitioner, Tag("Practitioner")]
    | Annotated[AllergyIntolerance, Tag("AllergyIntolerance")]
    | Annotated[Condition, Tag("Condition")]
    | Annotated[Observation, Tag("Observation")]
    | Annotated[DiagnosticReport, Tag("DiagnosticReport")]
    | Annotated[Medication, Tag("Medication")]
    | Annotated[MedicationRequest, Tag("MedicationRequest")]
    | Annotated[MedicationAdministration, Tag("MedicationAdministration")]
    | Annotated[NutritionOrder, Tag("NutritionOrder")]
    | Annotated[ActivityDefinition, Tag("ActivityDefinition")]
    | Annotated[Appointment, Tag("Appointment")]
    | Annotated[Flag, Tag("Flag")]
    | Annotated[Task, Tag("Task")]
    | Annotated[Bundle, Tag("Bundle")]
    | Annotated[OperationOutcome, Tag("OperationOutcome")]
    | Annotated[CapabilityStatement, Tag("CapabilityStatement")]
    | Annotated[Resource, Tag(GENERIC_TAG)],
    Discriminator(_resource_tag),
]
"""Any resource: a modelled type by its ``resourceType``, anything else as a generic Resource."""


def _complete_models() -> None:
    """Resolve the ``AnyResource`` forward references now that every class exists."""
    namespace = {"AnyResource": AnyResource}
    pending: list[type[FhirBase]] = [FhirBase]
    seen: set[type[FhirBase]] = set()
    while pending:
        cls = pending.pop()
        if cls in seen:
            continue
        seen.add(cls)
        pending.extend(cls.__subclasses__())
        if not cls.__pydantic_complete__:
            cls.model_rebuild(_types_namespace=namespace)


_complete_models()
