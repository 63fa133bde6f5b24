"""The sandbox's CapabilityStatement and the list of resource types it serves.

Owns ``GET /metadata``'s content: every served type with its interactions and search parameters,
``updateCreate``/``conditionalCreate``/``versioning`` as configured, and the SMART security
extension pointing at the token endpoint, plus ``Practitioner/$verify-pin`` (not in strict mode,
whose server serves only the ward's types). Derived from the same
search definitions the server uses, so what it advertises is what it does.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from bedside.sandbox.search import DATE, params_for
from bedside.sandbox.staff_pins import VERIFY_PIN, VERIFY_PIN_DEFINITION, VERIFY_PIN_DOCUMENTATION

# Every R4 (4.0.1) resource type, except those that are not stored through the REST API here
# (Bundle: POST / is transaction/batch; OperationOutcome and Parameters are messages).
RESOURCE_TYPES: frozenset[str] = frozenset(
    [
        "Account",
        "ActivityDefinition",
        "AdverseEvent",
        "AllergyIntolerance",
        "Appointment",
        "AppointmentResponse",
        "AuditEvent",
        "Basic",
        "Binary",
        "BiologicallyDerivedProduct",
        "BodyStructure",
        "CapabilityStatement",
        "CarePlan",
        "CareTeam",
        "CatalogEntry",
        "ChargeItem",
        "ChargeItemDefinition",
        "Claim",
        "ClaimResponse",
        "ClinicalImpression",
        "CodeSystem",
        "Communication",
        "CommunicationRequest",
        "CompartmentDefinition",
        "Composition",
        "ConceptMap",
        "Condition",
        "Consent",
        "Contract",
        "Coverage",
        "CoverageEligibilityRequest",
        "CoverageEligibilityResponse",
        "DetectedIssue",
        "Device",
        "DeviceDefinition",
        "DeviceMetric",
        "DeviceRequest",
        "DeviceUseStatement",
        "DiagnosticReport",
        "DocumentManifest",
        "DocumentReference",
        "EffectEvidenceSynthesis",
        "Encounter",
        "Endpoint",
        "EnrollmentRequest",
        "EnrollmentResponse",
        "EpisodeOfCare",
        "EventDefinition",
        "Evidence",
        "EvidenceVariable",
        "ExampleScenario",
        "ExplanationOfBenefit",
        "FamilyMemberHistory",
        "Flag",
        "Goal",
        "GraphDefinition",
        "Group",
        "GuidanceResponse",
        "HealthcareService",
        "ImagingStudy",
        "Immunization",
        "ImmunizationEvaluation",
        "ImmunizationRecommendation",
        "ImplementationGuide",
        "InsurancePlan",
        "Invoice",
        "Library",
        "Linkage",
        "List",
        "Location",
        "Measure",
        "MeasureReport",
        "Media",
        "Medication",
        "MedicationAdministration",
        "MedicationDispense",
        "MedicationKnowledge",
        "MedicationRequest",
        "MedicationStatement",
        "MedicinalProduct",
        "MedicinalProductAuthorization",
        "MedicinalProductContraindication",
        "MedicinalProductIndication",
        "MedicinalProductIngredient",
        "MedicinalProductInteraction",
        "MedicinalProductManufactured",
        "MedicinalProductPackaged",
        "MedicinalProductPharmaceutical",
        "MedicinalProductUndesirableEffect",
        "MessageDefinition",
        "MessageHeader",
        "MolecularSequence",
        "NamingSystem",
        "NutritionOrder",
        "Observation",
        "ObservationDefinition",
        "OperationDefinition",
        "Organization",
        "OrganizationAffiliation",
        "Patient",
        "PaymentNotice",
        "PaymentReconciliation",
        "Person",
        "PlanDefinition",
        "Practitioner",
        "PractitionerRole",
        "Procedure",
        "Provenance",
        "Questionnaire",
        "QuestionnaireResponse",
        "RelatedPerson",
        "RequestGroup",
        "ResearchDefinition",
        "ResearchElementDefinition",
        "ResearchStudy",
        "ResearchSubject",
        "RiskAssessment",
        "RiskEvidenceSynthesis",
        "Schedule",
        "SearchParameter",
        "ServiceRequest",
        "Slot",
        "Specimen",
        "SpecimenDefinition",
        "StructureDefinition",
        "StructureMap",
        "Subscription",
        "Substance",
        "SubstanceNucleicAcid",
        "SubstancePolymer",
        "SubstanceProtein",
        "SubstanceReferenceInformation",
        "SubstanceSourceMaterial",
        "SubstanceSpecification",
        "SupplyDelivery",
        "SupplyRequest",
        "Task",
        "TerminologyCapabilities",
        "TestReport",
        "TestScript",
        "ValueSet",
        "VerificationResult",
        "VisionPrescription",
    ]
)

_SPECIAL = (
    ("_id", "token", "Logical id of the resource"),
    ("_lastUpdated", "date", "When the resource version last changed (server instant)"),
)


def _search_params(resource_type: str) -> list[dict[str, str]]:
    listed = [{"name": n, "type": t, "documentation": d} for n, t, d in _SPECIAL]
    for param in params_for(resource_type).values():
        kind = "date" if param.kind == DATE else param.kind
        documentation = param.description or ", ".join(param.paths)
        listed.append({"name": param.name, "type": kind, "documentation": documentation})
    return listed


def capability_statement(
    base: str,
    *,
    software_version: str,
    date: str,
    update_create: bool,
    conditional_create: bool,
    type_history: bool,
    resource_types: Iterable[str] = RESOURCE_TYPES,
    verify_pin: bool = True,
) -> dict[str, Any]:
    """The statement of a server serving ``resource_types`` (``verify_pin``: lists that operation
    on Practitioner, where the client looks for it)."""
    interactions = [
        "read",
        "vread",
        "update",
        "delete",
        "history-instance",
        "create",
        "search-type",
    ]
    if type_history:
        interactions.append("history-type")
    resources = [
        {
            "type": rtype,
            "interaction": [{"code": code} for code in interactions],
            "versioning": "versioned-update",
            "readHistory": True,
            "updateCreate": update_create,
            "conditionalCreate": conditional_create,
            "conditionalUpdate": False,
            "conditionalDelete": "not-supported",
            "searchParam": _search_params(rtype),
        }
        for rtype in sorted(resource_types)
    ]
    for resource in resources:
        if verify_pin and resource["type"] == "Practitioner":
            resource["operation"] = [
                {
                    "name": VERIFY_PIN,
                    "definition": VERIFY_PIN_DEFINITION,
                    "documentation": VERIFY_PIN_DOCUMENTATION,
                }
            ]
    system = [{"code": "transaction"}, {"code": "batch"}]
    if type_history:
        system.append({"code": "history-system"})
    return {
        "resourceType": "CapabilityStatement",
        "status": "active",
        "date": date,
        "publisher": "Bedside",
        "kind": "instance",
        "software": {"name": "Bedside sandbox EHR", "version": software_version},
        "implementation": {"description": "Bedside embedded sandbox EHR", "url": base},
        "fhirVersion": "4.0.1",
        "format": ["application/fhir+json", "json"],
        "rest": [
            {
                "mode": "server",
                "security": {
                    "service": [
                        {
                            "coding": [
                                {
                                    "system": "http://terminology.hl7.org/CodeSystem/restful-security-service",
                                    "code": "SMART-on-FHIR",
                                }
                            ]
                        }
                    ],
                    "extension": [
                        {
                            "url": "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris",
                            "extension": [{"url": "token", "valueUri": f"{base}auth/token"}],
                        }
                    ],
                },
                "resource": resources,
                "interaction": system,
            }
        ],
    }
