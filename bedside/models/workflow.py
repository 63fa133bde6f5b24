"""FHIR R4 workflow resources: NutritionOrder, ActivityDefinition, Appointment, Task.

Owns diet orders and meal selections (NutritionOrder), the meal catalogue entries
(ActivityDefinition), the patient's schedule (Appointment) and nursing work items (Task).
Pure models, no I/O.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from bedside.models.datatypes import (
    Age,
    Annotation,
    Attachment,
    BackboneElement,
    CodeableConcept,
    Coding,
    ContactDetail,
    Dosage,
    Duration,
    Expression,
    Identifier,
    Period,
    Quantity,
    Range,
    Reference,
    RelatedArtifact,
    SimpleQuantity,
    Timing,
    UsageContext,
)
from bedside.models.primitives import (
    Boolean,
    Canonical,
    Code,
    Date,
    DateTime,
    FhirDecimal,
    FhirString,
    Instant,
    Integer,
    Markdown,
    PositiveInt,
    UnsignedInt,
    Uri,
)
from bedside.models.resource import DomainResource

__all__ = [
    "ActivityDefinition",
    "ActivityDefinitionDynamicValue",
    "ActivityDefinitionParticipant",
    "Appointment",
    "AppointmentParticipant",
    "NutritionOrder",
    "NutritionOrderEnteralFormula",
    "NutritionOrderOralDiet",
    "NutritionOrderOralDietNutrient",
    "NutritionOrderOralDietTexture",
    "NutritionOrderSupplement",
    "Task",
    "TaskParameter",
    "TaskRestriction",
]


class NutritionOrderOralDietNutrient(BackboneElement):
    modifier: CodeableConcept | None = None
    amount: SimpleQuantity | None = None


class NutritionOrderOralDietTexture(BackboneElement):
    modifier: CodeableConcept | None = None
    food_type: CodeableConcept | None = None


class NutritionOrderOralDiet(BackboneElement):
    type: list[CodeableConcept] | None = None
    schedule: list[Timing] | None = None
    nutrient: list[NutritionOrderOralDietNutrient] | None = None
    texture: list[NutritionOrderOralDietTexture] | None = None
    fluid_consistency_type: list[CodeableConcept] | None = None
    instruction: FhirString | None = None


class NutritionOrderSupplement(BackboneElement):
    type: CodeableConcept | None = None
    product_name: FhirString | None = None
    schedule: list[Timing] | None = None
    quantity: SimpleQuantity | None = None
    instruction: FhirString | None = None


class NutritionOrderEnteralFormula(BackboneElement):
    """Tube feeding; the app only displays it, so its administration details stay extra."""

    base_formula_type: CodeableConcept | None = None
    base_formula_product_name: FhirString | None = None
    additive_type: CodeableConcept | None = None
    additive_product_name: FhirString | None = None
    caloric_density: SimpleQuantity | None = None
    routeof_administration: CodeableConcept | None = Field(None, alias="routeofAdministration")
    max_volume_to_deliver: SimpleQuantity | None = None
    administration_instruction: FhirString | None = None


class NutritionOrder(DomainResource):
    resource_type: Literal["NutritionOrder"] = Field("NutritionOrder", alias="resourceType")
    identifier: list[Identifier] | None = None
    instantiates_canonical: list[Canonical] | None = None
    instantiates_uri: list[Uri] | None = None
    instantiates: list[Uri] | None = None
    status: Code
    intent: Code
    patient: Reference
    encounter: Reference | None = None
    date_time: DateTime
    orderer: Reference | None = None
    allergy_intolerance: list[Reference] | None = None
    food_preference_modifier: list[CodeableConcept] | None = None
    exclude_food_modifier: list[CodeableConcept] | None = None
    oral_diet: NutritionOrderOralDiet | None = None
    supplement: list[NutritionOrderSupplement] | None = None
    enteral_formula: NutritionOrderEnteralFormula | None = None
    note: list[Annotation] | None = None


class ActivityDefinitionParticipant(BackboneElement):
    type: Code
    role: CodeableConcept | None = None


class ActivityDefinitionDynamicValue(BackboneElement):
    path: FhirString
    expression: Expression


class ActivityDefinition(DomainResource):
    _fhir_choices: ClassVar[dict[str, bool]] = {"subject": False, "timing": False, "product": False}

    resource_type: Literal["ActivityDefinition"] = Field("ActivityDefinition", alias="resourceType")
    url: Uri | None = None
    identifier: list[Identifier] | None = None
    version: FhirString | None = None
    name: FhirString | None = None
    title: FhirString | None = None
    subtitle: FhirString | None = None
    status: Code
    experimental: Boolean | None = None
    subject_codeable_concept: CodeableConcept | None = None
    subject_reference: Reference | None = None
    date: DateTime | None = None
    publisher: FhirString | None = None
    contact: list[ContactDetail] | None = None
    description: Markdown | None = None
    use_context: list[UsageContext] | None = None
    jurisdiction: list[CodeableConcept] | None = None
    purpose: Markdown | None = None
    usage: FhirString | None = None
    copyright: Markdown | None = None
    approval_date: Date | None = None
    last_review_date: Date | None = None
    effective_period: Period | None = None
    topic: list[CodeableConcept] | None = None
    author: list[ContactDetail] | None = None
    editor: list[ContactDetail] | None = None
    reviewer: list[ContactDetail] | None = None
    endorser: list[ContactDetail] | None = None
    related_artifact: list[RelatedArtifact] | None = None
    library: list[Canonical] | None = None
    kind: Code | None = None
    profile: Canonical | None = None
    code: CodeableConcept | None = None
    intent: Code | None = None
    priority: Code | None = None
    do_not_perform: Boolean | None = None
    timing_timing: Timing | None = None
    timing_date_time: DateTime | None = None
    timing_age: Age | None = None
    timing_period: Period | None = None
    timing_range: Range | None = None
    timing_duration: Duration | None = None
    location: Reference | None = None
    participant: list[ActivityDefinitionParticipant] | None = None
    product_reference: Reference | None = None
    product_codeable_concept: CodeableConcept | None = None
    quantity: SimpleQuantity | None = None
    dosage: list[Dosage] | None = None
    body_site: list[CodeableConcept] | None = None
    specimen_requirement: list[Reference] | None = None
    observation_requirement: list[Reference] | None = None
    observation_result_requirement: list[Reference] | None = None
    transform: Canonical | None = None
    dynamic_value: list[ActivityDefinitionDynamicValue] | None = None


class AppointmentParticipant(BackboneElement):
    type: list[CodeableConcept] | None = None
    actor: Reference | None = None
    required: Code | None = None
    status: Code
    period: Period | None = None


class Appointment(DomainResource):
    resource_type: Literal["Appointment"] = Field("Appointment", alias="resourceType")
    identifier: list[Identifier] | None = None
    status: Code
    cancelation_reason: CodeableConcept | None = None
    service_category: list[CodeableConcept] | None = None
    service_type: list[CodeableConcept] | None = None
    specialty: list[CodeableConcept] | None = None
    appointment_type: CodeableConcept | None = None
    reason_code: list[CodeableConcept] | None = None
    reason_reference: list[Reference] | None = None
    priority: UnsignedInt | None = None
    description: FhirString | None = None
    supporting_information: list[Reference] | None = None
    start: Instant | None = None
    end: Instant | None = None
    minutes_duration: PositiveInt | None = None
    slot: list[Reference] | None = None
    created: DateTime | None = None
    comment: FhirString | None = None
    patient_instruction: FhirString | None = None
    based_on: list[Reference] | None = None
    participant: list[AppointmentParticipant] | None = None
    requested_period: list[Period] | None = None


class TaskRestriction(BackboneElement):
    repetitions: PositiveInt | None = None
    period: Period | None = None
    recipient: list[Reference] | None = None


class TaskParameter(BackboneElement):
    """Task.input / Task.output; ``value[x]`` is an open type (other variants stay extra)."""

    _fhir_choices: ClassVar[dict[str, bool]] = {"value": True}
    _fhir_open_choices: ClassVar[frozenset[str]] = frozenset({"value"})

    type: CodeableConcept
    value_boolean: Boolean | None = None
    value_canonical: Canonical | None = None
    value_code: Code | None = None
    value_date_time: DateTime | None = None
    value_decimal: FhirDecimal | None = None
    value_integer: Integer | None = None
    value_string: FhirString | None = None
    value_uri: Uri | None = None
    value_attachment: Attachment | None = None
    value_codeable_concept: CodeableConcept | None = None
    value_coding: Coding | None = None
    value_period: Period | None = None
    value_quantity: Quantity | None = None
    value_reference: Reference | None = None


class Task(DomainResource):
    resource_type: Literal["Task"] = Field("Task", alias="resourceType")
    identifier: list[Identifier] | None = None
    instantiates_canonical: Canonical | None = None
    instantiates_uri: Uri | None = None
    based_on: list[Reference] | None = None
    group_identifier: Identifier | None = None
    part_of: list[Reference] | None = None
    status: Code
    status_reason: CodeableConcept | None = None
    business_status: CodeableConcept | None = None
    intent: Code
    priority: Code | None = None
    code: CodeableConcept | None = None
    description: FhirString | None = None
    focus: Reference | None = None
    for_: Reference | None = Field(None, alias="for")
    encounter: Reference | None = None
    execution_period: Period | None = None
    authored_on: DateTime | None = None
    last_modified: DateTime | None = None
    requester: Reference | None = None
    performer_type: list[CodeableConcept] | None = None
    owner: Reference | None = None
    location: Reference | None = None
    reason_code: CodeableConcept | None = None
    reason_reference: Reference | None = None
    insurance: list[Reference] | None = None
    note: list[Annotation] | None = None
    relevant_history: list[Reference] | None = None
    restriction: TaskRestriction | None = None
    input: list[TaskParameter] | None = None
    output: list[TaskParameter] | None = None
