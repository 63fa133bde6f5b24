"""FHIR R4 infrastructure resources: Bundle, OperationOutcome, CapabilityStatement.

Owns what the REST exchange itself is made of: search pages and transactions (Bundle, with its
links, entries, search, request and response parts), server error reports (OperationOutcome) and
what a server says it supports (CapabilityStatement). Pure models, no I/O.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import Field

from bedside.models.datatypes import (
    BackboneElement,
    CodeableConcept,
    ContactDetail,
    Identifier,
    Reference,
    UsageContext,
)
from bedside.models.primitives import (
    Boolean,
    Canonical,
    Code,
    DateTime,
    FhirDecimal,
    FhirString,
    Instant,
    Markdown,
    UnsignedInt,
    Uri,
    Url,
)
from bedside.models.resource import DomainResource, Resource

if TYPE_CHECKING:
    from bedside.models.registry import AnyResource

__all__ = [
    "Bundle",
    "BundleEntry",
    "BundleEntryRequest",
    "BundleEntryResponse",
    "BundleEntrySearch",
    "BundleLink",
    "CapabilityStatement",
    "CapabilityStatementDocument",
    "CapabilityStatementImplementation",
    "CapabilityStatementInteraction",
    "CapabilityStatementMessaging",
    "CapabilityStatementOperation",
    "CapabilityStatementResource",
    "CapabilityStatementRest",
    "CapabilityStatementSearchParam",
    "CapabilityStatementSecurity",
    "CapabilityStatementSoftware",
    "OperationOutcome",
    "OperationOutcomeIssue",
]


class BundleLink(BackboneElement):
    relation: FhirString
    url: Uri


class BundleEntrySearch(BackboneElement):
    mode: Code | None = None
    score: FhirDecimal | None = None


class BundleEntryRequest(BackboneElement):
    method: Code
    url: Uri
    if_none_match: FhirString | None = None
    if_modified_since: Instant | None = None
    if_match: FhirString | None = None
    if_none_exist: FhirString | None = None


class BundleEntryResponse(BackboneElement):
    status: FhirString
    location: Uri | None = None
    etag: FhirString | None = None
    last_modified: Instant | None = None
    outcome: AnyResource | None = None


class BundleEntry(BackboneElement):
    link: list[BundleLink] | None = None
    full_url: Uri | None = None
    resource: AnyResource | None = None
    search: BundleEntrySearch | None = None
    request: BundleEntryRequest | None = None
    response: BundleEntryResponse | None = None


class Bundle(Resource):
    resource_type: Literal["Bundle"] = Field("Bundle", alias="resourceType")
    identifier: Identifier | None = None
    type: Code
    timestamp: Instant | None = None
    total: UnsignedInt | None = None
    link: list[BundleLink] | None = None
    entry: list[BundleEntry] | None = None

    def link_url(self, relation: str) -> str | None:
        """The URL of the link with this relation (``"next"``), verbatim, or None."""
        return next((link.url for link in self.link or () if link.relation == relation), None)


class OperationOutcomeIssue(BackboneElement):
    severity: Code
    code: Code
    details: CodeableConcept | None = None
    diagnostics: FhirString | None = None
    location: list[FhirString] | None = None
    expression: list[FhirString] | None = None


class OperationOutcome(DomainResource):
    resource_type: Literal["OperationOutcome"] = Field("OperationOutcome", alias="resourceType")
    issue: list[OperationOutcomeIssue] | None = None


class CapabilityStatementSoftware(BackboneElement):
    name: FhirString
    version: FhirString | None = None
    release_date: DateTime | None = None


class CapabilityStatementImplementation(BackboneElement):
    description: FhirString
    url: Url | None = None
    custodian: Reference | None = None


class CapabilityStatementSecurity(BackboneElement):
    cors: Boolean | None = None
    service: list[CodeableConcept] | None = None
    description: Markdown | None = None


class CapabilityStatementInteraction(BackboneElement):
    code: Code
    documentation: Markdown | None = None


class CapabilityStatementSearchParam(BackboneElement):
    name: FhirString
    definition: Canonical | None = None
    type: Code
    documentation: Markdown | None = None


class CapabilityStatementOperation(BackboneElement):
    name: FhirString
    definition: Canonical
    documentation: Markdown | None = None


class CapabilityStatementResource(BackboneElement):
    type: Code
    profile: Canonical | None = None
    supported_profile: list[Canonical] | None = None
    documentation: Markdown | None = None
    interaction: list[CapabilityStatementInteraction] | None = None
    versioning: Code | None = None
    read_history: Boolean | None = None
    update_create: Boolean | None = None
    conditional_create: Boolean | None = None
    conditional_read: Code | None = None
    conditional_update: Boolean | None = None
    conditional_delete: Code | None = None
    reference_policy: list[Code] | None = None
    search_include: list[FhirString] | None = None
    search_rev_include: list[FhirString] | None = None
    search_param: list[CapabilityStatementSearchParam] | None = None
    operation: list[CapabilityStatementOperation] | None = None

    def supports(self, interaction: str) -> bool:
        """Whether this resource type lists the interaction code (``"update"``, ...)."""
        return any(i.code == interaction for i in self.interaction or ())


class CapabilityStatementRest(BackboneElement):
    mode: Code
    documentation: Markdown | None = None
    security: CapabilityStatementSecurity | None = None
    resource: list[CapabilityStatementResource] | None = None
    interaction: list[CapabilityStatementInteraction] | None = None
    search_param: list[CapabilityStatementSearchParam] | None = None
    operation: list[CapabilityStatementOperation] | None = None
    compartment: list[Canonical] | None = None


class CapabilityStatementMessaging(BackboneElement):
    """Messaging endpoints; the app does not use messaging, so the details stay extra."""

    reliable_cache: UnsignedInt | None = None
    documentation: Markdown | None = None


class CapabilityStatementDocument(BackboneElement):
    mode: Code
    documentation: Markdown | None = None
    profile: Canonical


class CapabilityStatement(DomainResource):
    resource_type: Literal["CapabilityStatement"] = Field(
        "CapabilityStatement", alias="resourceType"
    )
    url: Uri | None = None
    version: FhirString | None = None
    name: FhirString | None = None
    title: FhirString | None = None
    status: Code
    experimental: Boolean | None = None
    date: DateTime
    publisher: FhirString | None = None
    contact: list[ContactDetail] | None = None
    description: Markdown | None = None
    use_context: list[UsageContext] | None = None
    jurisdiction: list[CodeableConcept] | None = None
    purpose: Markdown | None = None
    copyright: Markdown | None = None
    kind: Code
    instantiates: list[Canonical] | None = None
    imports: list[Canonical] | None = None
    software: CapabilityStatementSoftware | None = None
    implementation: CapabilityStatementImplementation | None = None
    fhir_version: Code
    format: list[Code] | None = None
    patch_format: list[Code] | None = None
    implementation_guide: list[Canonical] | None = None
    rest: list[CapabilityStatementRest] | None = None
    messaging: list[CapabilityStatementMessaging] | None = None
    document: list[CapabilityStatementDocument] | None = None

    def rest_resource(
        self, resource_type: str, mode: str = "server"
    ) -> CapabilityStatementResource | None:
        """The ``rest.resource`` entry for a type in the given mode, or None."""
        for rest in self.rest or ():
            if rest.mode != mode:
                continue
            for resource in rest.resource or ():
                if resource.type == resource_type:
                    return resource
        return None
