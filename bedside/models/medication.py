"""FHIR R4 medication resources: Medication, MedicationRequest, MedicationAdministration.

Owns prescriptions (dosage instructions with timing and PRN), the drug catalogue entries and the
record of a dose given or not given. Pure models, no I/O.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from bedside.models.datatypes import (
    Annotation,
    BackboneElement,
    CodeableConcept,
    Dosage,
    Duration,
    Identifier,
    Period,
    Quantity,
    Ratio,
    Reference,
    SimpleQuantity,
)
from bedside.models.primitives import (
    Boolean,
    Canonical,
    Code,
    DateTime,
    FhirString,
    UnsignedInt,
    Uri,
)
from bedside.models.resource import DomainResource

__all__ = [
    "Medication",
    "MedicationAdministration",
    "MedicationAdministrationDosage",
    "MedicationAdministrationPerformer",
    "MedicationBatch",
    "MedicationIngredient",
    "MedicationRequest",
    "MedicationRequestDispenseRequest",
    "MedicationRequestInitialFill",
    "MedicationRequestSubstitution",
]


class MedicationIngredient(BackboneElement):
    _fhir_choices: ClassVar[dict[str, bool]] = {"item": True}

    item_codeable_concept: CodeableConcept | None = None
    item_reference: Reference | None = None
    is_active: Boolean | None = None
    strength: Ratio | None = None


class MedicationBatch(BackboneElement):
    lot_number: FhirString | None = None
    expiration_date: DateTime | None = None


class Medication(DomainResource):
    resource_type: Literal["Medication"] = Field("Medication", alias="resourceType")
    identifier: list[Identifier] | None = None
    code: CodeableConcept | None = None
    status: Code | None = None
    manufacturer: Reference | None = None
    form: CodeableConcept | None = None
    amount: Ratio | None = None
    ingredient: list[MedicationIngredient] | None = None
    batch: MedicationBatch | None = None


class MedicationRequestInitialFill(BackboneElement):
    quantity: SimpleQuantity | None = None
    duration: Duration | None = None


class MedicationRequestDispenseRequest(BackboneElement):
    initial_fill: MedicationRequestInitialFill | None = None
    dispense_interval: Duration | None = None
    validity_period: Period | None = None
    number_of_repeats_allowed: UnsignedInt | None = None
    quantity: SimpleQuantity | None = None
    expected_supply_duration: Duration | None = None
    performer: Reference | None = None


class MedicationRequestSubstitution(BackboneElement):
    _fhir_choices: ClassVar[dict[str, bool]] = {"allowed": True}

    allowed_boolean: Boolean | None = None
    allowed_codeable_concept: CodeableConcept | None = None
    reason: CodeableConcept | None = None


class MedicationRequest(DomainResource):
    _fhir_choices: ClassVar[dict[str, bool]] = {"reported": False, "medication": True}

    resource_type: Literal["MedicationRequest"] = Field("MedicationRequest", alias="resourceType")
    identifier: list[Identifier] | None = None
    status: Code
    status_reason: CodeableConcept | None = None
    intent: Code
    category: list[CodeableConcept] | None = None
    priority: Code | None = None
    do_not_perform: Boolean | None = None
    reported_boolean: Boolean | None = None
    reported_reference: Reference | None = None
    medication_codeable_concept: CodeableConcept | None = None
    medication_reference: Reference | None = None
    subject: Reference
    encounter: Reference | None = None
    supporting_information: list[Reference] | None = None
    authored_on: DateTime | None = None
    requester: Reference | None = None
    performer: Reference | None = None
    performer_type: CodeableConcept | None = None
    recorder: Reference | None = None
    reason_code: list[CodeableConcept] | None = None
    reason_reference: list[Reference] | None = None
    instantiates_canonical: list[Canonical] | None = None
    instantiates_uri: list[Uri] | None = None
    based_on: list[Reference] | None = None
    group_identifier: Identifier | None = None
    course_of_therapy_type: CodeableConcept | None = None
    insurance: list[Reference] | None = None
    note: list[Annotation] | None = None
    dosage_instruction: list[Dosage] | None = None
    dispense_request: MedicationRequestDispenseRequest | None = None
    substitution: MedicationRequestSubstitution | None = None
    prior_prescription: Reference | None = None
    detected_issue: list[Reference] | None = None
    event_history: list[Reference] | None = None


class MedicationAdministrationPerformer(BackboneElement):
    function: CodeableConcept | None = None
    actor: Reference


class MedicationAdministrationDosage(BackboneElement):
    _fhir_choices: ClassVar[dict[str, bool]] = {"rate": False}

    text: FhirString | None = None
    site: CodeableConcept | None = None
    route: CodeableConcept | None = None
    method: CodeableConcept | None = None
    dose: SimpleQuantity | None = None
    rate_ratio: Ratio | None = None
    rate_quantity: Quantity | None = None


class MedicationAdministration(DomainResource):
    _fhir_choices: ClassVar[dict[str, bool]] = {"medication": True, "effective": True}

    resource_type: Literal["MedicationAdministration"] = Field(
        "MedicationAdministration", alias="resourceType"
    )
    identifier: list[Identifier] | None = None
    instantiates: list[Uri] | None = None
    part_of: list[Reference] | None = None
    status: Code
    status_reason: list[CodeableConcept] | None = None
    category: CodeableConcept | None = None
    medication_codeable_concept: CodeableConcept | None = None
    medication_reference: Reference | None = None
    subject: Reference
    context: Reference | None = None
    supporting_information: list[Reference] | None = None
    effective_date_time: DateTime | None = None
    effective_period: Period | None = None
    performer: list[MedicationAdministrationPerformer] | None = None
    reason_code: list[CodeableConcept] | None = None
    reason_reference: list[Reference] | None = None
    request: Reference | None = None
    device: list[Reference] | None = None
    note: list[Annotation] | None = None
    dosage: MedicationAdministrationDosage | None = None
    event_history: list[Reference] | None = None
