"""FHIR R4 administrative resources: Patient, Practitioner, Encounter, Location.

Owns who the patient is (names, identifiers such as INS or KVNR, birth date), who the staff are,
the stay (Encounter) and the places (ward, room, bed). Pure models, no I/O.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from bedside.models.datatypes import (
    Address,
    Attachment,
    BackboneElement,
    CodeableConcept,
    Coding,
    ContactPoint,
    Duration,
    HumanName,
    Identifier,
    Period,
    Reference,
)
from bedside.models.primitives import (
    Boolean,
    Code,
    Date,
    DateTime,
    FhirDecimal,
    FhirString,
    Integer,
    PositiveInt,
    Time,
)
from bedside.models.resource import DomainResource

__all__ = [
    "Encounter",
    "EncounterClassHistory",
    "EncounterDiagnosis",
    "EncounterHospitalization",
    "EncounterLocation",
    "EncounterParticipant",
    "EncounterStatusHistory",
    "Location",
    "LocationHoursOfOperation",
    "LocationPosition",
    "Patient",
    "PatientCommunication",
    "PatientContact",
    "PatientLink",
    "Practitioner",
    "PractitionerQualification",
]


class PatientContact(BackboneElement):
    relationship: list[CodeableConcept] | None = None
    name: HumanName | None = None
    telecom: list[ContactPoint] | None = None
    address: Address | None = None
    gender: Code | None = None
    organization: Reference | None = None
    period: Period | None = None


class PatientCommunication(BackboneElement):
    language: CodeableConcept
    preferred: Boolean | None = None


class PatientLink(BackboneElement):
    other: Reference
    type: Code


class Patient(DomainResource):
    _fhir_choices: ClassVar[dict[str, bool]] = {"deceased": False, "multipleBirth": False}

    resource_type: Literal["Patient"] = Field("Patient", alias="resourceType")
    identifier: list[Identifier] | None = None
    active: Boolean | None = None
    name: list[HumanName] | None = None
    telecom: list[ContactPoint] | None = None
    gender: Code | None = None
    birth_date: Date | None = None
    deceased_boolean: Boolean | None = None
    deceased_date_time: DateTime | None = None
    address: list[Address] | None = None
    marital_status: CodeableConcept | None = None
    multiple_birth_boolean: Boolean | None = None
    multiple_birth_integer: Integer | None = None
    photo: list[Attachment] | None = None
    contact: list[PatientContact] | None = None
    communication: list[PatientCommunication] | None = None
    general_practitioner: list[Reference] | None = None
    managing_organization: Reference | None = None
    link: list[PatientLink] | None = None

    @property
    def official_name(self) -> HumanName | None:
        """The ``official`` name, else the first name without a use, else the first name."""
        names = self.name or []
        return (
            next((n for n in names if n.use == "official"), None)
            or next((n for n in names if n.use is None), None)
            or (names[0] if names else None)
        )


class PractitionerQualification(BackboneElement):
    identifier: list[Identifier] | None = None
    code: CodeableConcept
    period: Period | None = None
    issuer: Reference | None = None


class Practitioner(DomainResource):
    resource_type: Literal["Practitioner"] = Field("Practitioner", alias="resourceType")
    identifier: list[Identifier] | None = None
    active: Boolean | None = None
    name: list[HumanName] | None = None
    telecom: list[ContactPoint] | None = None
    address: list[Address] | None = None
    gender: Code | None = None
    birth_date: Date | None = None
    photo: list[Attachment] | None = None
    qualification: list[PractitionerQualification] | None = None
    communication: list[CodeableConcept] | None = None


class EncounterStatusHistory(BackboneElement):
    status: Code
    period: Period


class EncounterClassHistory(BackboneElement):
    class_: Coding = Field(alias="class")
    period: Period


class EncounterParticipant(BackboneElement):
    type: list[CodeableConcept] | None = None
    period: Period | None = None
    individual: Reference | None = None


class EncounterDiagnosis(BackboneElement):
    condition: Reference
    use: CodeableConcept | None = None
    rank: PositiveInt | None = None


class EncounterHospitalization(BackboneElement):
    pre_admission_identifier: Identifier | None = None
    origin: Reference | None = None
    admit_source: CodeableConcept | None = None
    re_admission: CodeableConcept | None = None
    diet_preference: list[CodeableConcept] | None = None
    special_courtesy: list[CodeableConcept] | None = None
    special_arrangement: list[CodeableConcept] | None = None
    destination: Reference | None = None
    discharge_disposition: CodeableConcept | None = None


class EncounterLocation(BackboneElement):
    location: Reference
    status: Code | None = None
    physical_type: CodeableConcept | None = None
    period: Period | None = None


class Encounter(DomainResource):
    resource_type: Literal["Encounter"] = Field("Encounter", alias="resourceType")
    identifier: list[Identifier] | None = None
    status: Code
    status_history: list[EncounterStatusHistory] | None = None
    class_: Coding = Field(alias="class")
    class_history: list[EncounterClassHistory] | None = None
    type: list[CodeableConcept] | None = None
    service_type: CodeableConcept | None = None
    priority: CodeableConcept | None = None
    subject: Reference | None = None
    episode_of_care: list[Reference] | None = None
    based_on: list[Reference] | None = None
    participant: list[EncounterParticipant] | None = None
    appointment: list[Reference] | None = None
    period: Period | None = None
    length: Duration | None = None
    reason_code: list[CodeableConcept] | None = None
    reason_reference: list[Reference] | None = None
    diagnosis: list[EncounterDiagnosis] | None = None
    account: list[Reference] | None = None
    hospitalization: EncounterHospitalization | None = None
    location: list[EncounterLocation] | None = None
    service_provider: Reference | None = None
    part_of: Reference | None = None


class LocationPosition(BackboneElement):
    longitude: FhirDecimal
    latitude: FhirDecimal
    altitude: FhirDecimal | None = None


class LocationHoursOfOperation(BackboneElement):
    days_of_week: list[Code] | None = None
    all_day: Boolean | None = None
    opening_time: Time | None = None
    closing_time: Time | None = None


class Location(DomainResource):
    resource_type: Literal["Location"] = Field("Location", alias="resourceType")
    identifier: list[Identifier] | None = None
    status: Code | None = None
    operational_status: Coding | None = None
    name: FhirString | None = None
    alias: list[FhirString] | None = None
    description: FhirString | None = None
    mode: Code | None = None
    type: list[CodeableConcept] | None = None
    telecom: list[ContactPoint] | None = None
    address: Address | None = None
    physical_type: CodeableConcept | None = None
    position: LocationPosition | None = None
    managing_organization: Reference | None = None
    part_of: Reference | None = None
    hours_of_operation: list[LocationHoursOfOperation] | None = None
    availability_exceptions: FhirString | None = None
    endpoint: list[Reference] | None = None
