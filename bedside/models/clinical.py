"""FHIR R4 clinical resources: AllergyIntolerance, Condition, Observation, DiagnosticReport, Flag.

Owns the care record the app shows: allergies (meal and drug checks), problems, vital signs and
lab results (value[x], components, interpretation, reference ranges), reports and alert flags.
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
    Identifier,
    Period,
    Quantity,
    Range,
    Ratio,
    Reference,
    SampledData,
    SimpleQuantity,
    Timing,
)
from bedside.models.primitives import (
    Boolean,
    Code,
    DateTime,
    FhirString,
    Instant,
    Integer,
    Time,
)
from bedside.models.resource import DomainResource

__all__ = [
    "AllergyIntolerance",
    "AllergyIntoleranceReaction",
    "Condition",
    "ConditionEvidence",
    "ConditionStage",
    "DiagnosticReport",
    "DiagnosticReportMedia",
    "Flag",
    "Observation",
    "ObservationComponent",
    "ObservationReferenceRange",
]


class AllergyIntoleranceReaction(BackboneElement):
    substance: CodeableConcept | None = None
    manifestation: list[CodeableConcept]
    description: FhirString | None = None
    onset: DateTime | None = None
    severity: Code | None = None
    exposure_route: CodeableConcept | None = None
    note: list[Annotation] | None = None


class AllergyIntolerance(DomainResource):
    _fhir_choices: ClassVar[dict[str, bool]] = {"onset": False}

    resource_type: Literal["AllergyIntolerance"] = Field("AllergyIntolerance", alias="resourceType")
    identifier: list[Identifier] | None = None
    clinical_status: CodeableConcept | None = None
    verification_status: CodeableConcept | None = None
    type: Code | None = None
    category: list[Code] | None = None
    criticality: Code | None = None
    code: CodeableConcept | None = None
    patient: Reference
    encounter: Reference | None = None
    onset_date_time: DateTime | None = None
    onset_age: Age | None = None
    onset_period: Period | None = None
    onset_range: Range | None = None
    onset_string: FhirString | None = None
    recorded_date: DateTime | None = None
    recorder: Reference | None = None
    asserter: Reference | None = None
    last_occurrence: DateTime | None = None
    note: list[Annotation] | None = None
    reaction: list[AllergyIntoleranceReaction] | None = None


class ConditionStage(BackboneElement):
    summary: CodeableConcept | None = None
    assessment: list[Reference] | None = None
    type: CodeableConcept | None = None


class ConditionEvidence(BackboneElement):
    code: list[CodeableConcept] | None = None
    detail: list[Reference] | None = None


class Condition(DomainResource):
    _fhir_choices: ClassVar[dict[str, bool]] = {"onset": False, "abatement": False}

    resource_type: Literal["Condition"] = Field("Condition", alias="resourceType")
    identifier: list[Identifier] | None = None
    clinical_status: CodeableConcept | None = None
    verification_status: CodeableConcept | None = None
    category: list[CodeableConcept] | None = None
    severity: CodeableConcept | None = None
    code: CodeableConcept | None = None
    body_site: list[CodeableConcept] | None = None
    subject: Reference
    encounter: Reference | None = None
    onset_date_time: DateTime | None = None
    onset_age: Age | None = None
    onset_period: Period | None = None
    onset_range: Range | None = None
    onset_string: FhirString | None = None
    abatement_date_time: DateTime | None = None
    abatement_age: Age | None = None
    abatement_period: Period | None = None
    abatement_range: Range | None = None
    abatement_string: FhirString | None = None
    recorded_date: DateTime | None = None
    recorder: Reference | None = None
    asserter: Reference | None = None
    stage: list[ConditionStage] | None = None
    evidence: list[ConditionEvidence] | None = None
    note: list[Annotation] | None = None


class ObservationReferenceRange(BackboneElement):
    low: SimpleQuantity | None = None
    high: SimpleQuantity | None = None
    type: CodeableConcept | None = None
    applies_to: list[CodeableConcept] | None = None
    age: Range | None = None
    text: FhirString | None = None


class _ObservationValue(BackboneElement):
    """The ``value[x]`` choice shared by Observation and Observation.component."""

    _fhir_choices: ClassVar[dict[str, bool]] = {"value": False}

    value_quantity: Quantity | None = None
    value_codeable_concept: CodeableConcept | None = None
    value_string: FhirString | None = None
    value_boolean: Boolean | None = None
    value_integer: Integer | None = None
    value_range: Range | None = None
    value_ratio: Ratio | None = None
    value_sampled_data: SampledData | None = None
    value_time: Time | None = None
    value_date_time: DateTime | None = None
    value_period: Period | None = None


class ObservationComponent(_ObservationValue):
    code: CodeableConcept
    data_absent_reason: CodeableConcept | None = None
    interpretation: list[CodeableConcept] | None = None
    reference_range: list[ObservationReferenceRange] | None = None


class Observation(DomainResource):
    _fhir_choices: ClassVar[dict[str, bool]] = {"effective": False, "value": False}

    resource_type: Literal["Observation"] = Field("Observation", alias="resourceType")
    identifier: list[Identifier] | None = None
    based_on: list[Reference] | None = None
    part_of: list[Reference] | None = None
    status: Code
    category: list[CodeableConcept] | None = None
    code: CodeableConcept
    subject: Reference | None = None
    focus: list[Reference] | None = None
    encounter: Reference | None = None
    effective_date_time: DateTime | None = None
    effective_period: Period | None = None
    effective_timing: Timing | None = None
    effective_instant: Instant | None = None
    issued: Instant | None = None
    performer: list[Reference] | None = None
    value_quantity: Quantity | None = None
    value_codeable_concept: CodeableConcept | None = None
    value_string: FhirString | None = None
    value_boolean: Boolean | None = None
    value_integer: Integer | None = None
    value_range: Range | None = None
    value_ratio: Ratio | None = None
    value_sampled_data: SampledData | None = None
    value_time: Time | None = None
    value_date_time: DateTime | None = None
    value_period: Period | None = None
    data_absent_reason: CodeableConcept | None = None
    interpretation: list[CodeableConcept] | None = None
    note: list[Annotation] | None = None
    body_site: CodeableConcept | None = None
    method: CodeableConcept | None = None
    specimen: Reference | None = None
    device: Reference | None = None
    reference_range: list[ObservationReferenceRange] | None = None
    has_member: list[Reference] | None = None
    derived_from: list[Reference] | None = None
    component: list[ObservationComponent] | None = None


class DiagnosticReportMedia(BackboneElement):
    comment: FhirString | None = None
    link: Reference


class DiagnosticReport(DomainResource):
    _fhir_choices: ClassVar[dict[str, bool]] = {"effective": False}

    resource_type: Literal["DiagnosticReport"] = Field("DiagnosticReport", alias="resourceType")
    identifier: list[Identifier] | None = None
    based_on: list[Reference] | None = None
    status: Code
    category: list[CodeableConcept] | None = None
    code: CodeableConcept
    subject: Reference | None = None
    encounter: Reference | None = None
    effective_date_time: DateTime | None = None
    effective_period: Period | None = None
    issued: Instant | None = None
    performer: list[Reference] | None = None
    results_interpreter: list[Reference] | None = None
    specimen: list[Reference] | None = None
    result: list[Reference] | None = None
    imaging_study: list[Reference] | None = None
    media: list[DiagnosticReportMedia] | None = None
    conclusion: FhirString | None = None
    conclusion_code: list[CodeableConcept] | None = None
    presented_form: list[Attachment] | None = None


class Flag(DomainResource):
    resource_type: Literal["Flag"] = Field("Flag", alias="resourceType")
    identifier: list[Identifier] | None = None
    status: Code
    category: list[CodeableConcept] | None = None
    code: CodeableConcept
    subject: Reference
    period: Period | None = None
    encounter: Reference | None = None
    author: Reference | None = None
