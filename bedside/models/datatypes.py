"""FHIR R4 general-purpose datatypes shared by the resource models.

Owns Element/BackboneElement, Extension, Meta, Narrative and the complex datatypes the app reads
(Coding, CodeableConcept, Identifier, Reference, HumanName, ContactPoint, Address, Period,
Quantity, Range, Ratio, SampledData, Attachment, Annotation, Timing, Dosage, ContactDetail,
UsageContext, RelatedArtifact, Expression), plus a few small pure read helpers. Elements that are
not modelled survive untouched as extra fields.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import ClassVar

from bedside.models.base import FhirBase
from bedside.models.primitives import (
    Base64Binary,
    Boolean,
    Canonical,
    Code,
    Date,
    DateTime,
    FhirDecimal,
    FhirId,
    FhirString,
    Instant,
    Integer,
    Markdown,
    PositiveInt,
    Time,
    UnsignedInt,
    Uri,
    Url,
    Xhtml,
)

__all__ = [
    "SYSTEM_INS_NIA",
    "SYSTEM_INS_NIR",
    "SYSTEM_KVNR",
    "Address",
    "Age",
    "Annotation",
    "Attachment",
    "BackboneElement",
    "CodeableConcept",
    "Coding",
    "ContactDetail",
    "ContactPoint",
    "Count",
    "Distance",
    "Dosage",
    "DosageDoseAndRate",
    "Duration",
    "Element",
    "Expression",
    "Extension",
    "HumanName",
    "Identifier",
    "Meta",
    "Narrative",
    "Period",
    "Quantity",
    "Range",
    "Ratio",
    "Reference",
    "RelatedArtifact",
    "SampledData",
    "SimpleQuantity",
    "Timing",
    "TimingRepeat",
    "UsageContext",
    "find_identifier",
]

# Identifier systems of the national patient identities the app shows (domain.md, "Identity").
SYSTEM_INS_NIR = "urn:oid:1.2.250.1.213.1.4.8"  # France: INS, matricule = NIR
SYSTEM_INS_NIA = "urn:oid:1.2.250.1.213.1.4.9"  # France: INS, matricule = NIA
SYSTEM_KVNR = "http://fhir.de/sid/gkv/kvid-10"  # Germany: Krankenversichertennummer


class Element(FhirBase):
    """Base of every datatype: an optional id and extensions."""

    id: FhirString | None = None
    extension: list[Extension] | None = None


class BackboneElement(Element):
    """An element nested inside a resource; may carry modifier extensions."""

    modifier_extension: list[Extension] | None = None


class Extension(Element):
    """An extension; ``value[x]`` is an open type, variants not modelled here are kept as extra."""

    _fhir_choices: ClassVar[dict[str, bool]] = {"value": False}
    _fhir_open_choices: ClassVar[frozenset[str]] = frozenset({"value"})

    url: Uri
    value_base64_binary: Base64Binary | None = None
    value_boolean: Boolean | None = None
    value_canonical: Canonical | None = None
    value_code: Code | None = None
    value_date: Date | None = None
    value_date_time: DateTime | None = None
    value_decimal: FhirDecimal | None = None
    value_id: FhirId | None = None
    value_instant: Instant | None = None
    value_integer: Integer | None = None
    value_markdown: Markdown | None = None
    value_positive_int: PositiveInt | None = None
    value_string: FhirString | None = None
    value_time: Time | None = None
    value_unsigned_int: UnsignedInt | None = None
    value_uri: Uri | None = None
    value_url: Url | None = None
    value_address: Address | None = None
    value_age: Age | None = None
    value_annotation: Annotation | None = None
    value_attachment: Attachment | None = None
    value_codeable_concept: CodeableConcept | None = None
    value_coding: Coding | None = None
    value_contact_point: ContactPoint | None = None
    value_duration: Duration | None = None
    value_human_name: HumanName | None = None
    value_identifier: Identifier | None = None
    value_period: Period | None = None
    value_quantity: Quantity | None = None
    value_range: Range | None = None
    value_ratio: Ratio | None = None
    value_reference: Reference | None = None
    value_timing: Timing | None = None


class Meta(Element):
    version_id: FhirId | None = None
    last_updated: Instant | None = None
    source: Uri | None = None
    profile: list[Canonical] | None = None
    security: list[Coding] | None = None
    tag: list[Coding] | None = None


class Narrative(Element):
    status: Code
    div: Xhtml


class Coding(Element):
    system: Uri | None = None
    version: FhirString | None = None
    code: Code | None = None
    display: FhirString | None = None
    user_selected: Boolean | None = None


class CodeableConcept(Element):
    coding: list[Coding] | None = None
    text: FhirString | None = None

    def codes(self, system: str) -> list[str]:
        """The codes of this concept in ``system``, in order."""
        return [c.code for c in self.coding or () if c.system == system and c.code is not None]

    def has_code(self, system: str, code: str) -> bool:
        return code in self.codes(system)

    @property
    def display_text(self) -> str | None:
        """``text``, else the display of the first coding that has one."""
        if self.text:
            return self.text
        return next((c.display for c in self.coding or () if c.display), None)


class Identifier(Element):
    use: Code | None = None
    type: CodeableConcept | None = None
    system: Uri | None = None
    value: FhirString | None = None
    period: Period | None = None
    assigner: Reference | None = None


def find_identifier(identifiers: Iterable[Identifier] | None, system: str) -> Identifier | None:
    """The first identifier with this ``system`` (e.g. :data:`SYSTEM_KVNR`), or None."""
    return next((i for i in identifiers or () if i.system == system), None)


# [base/]Type/id[/_history/vid], as in the R4 "Literal references" rules.
_REFERENCE_RE = re.compile(
    r"(?:.*/)?(?P<type>[A-Z][A-Za-z]+)/(?P<id>[A-Za-z0-9\-\.]{1,64})(?:/_history/[A-Za-z0-9\-\.]{1,64})?"
)


class Reference(Element):
    reference: FhirString | None = None
    type: Uri | None = None
    identifier: Identifier | None = None
    display: FhirString | None = None

    @property
    def reference_id(self) -> tuple[str, str] | None:
        """``("Patient", "123")`` for ``Patient/123`` (also absolute or versioned); else None.

        Contained (``#id``), ``urn:uuid:`` and logical (identifier-only) references give None.
        """
        if self.reference is None or self.reference.startswith("#"):
            return None
        match = _REFERENCE_RE.fullmatch(self.reference)
        if match is None:
            return None
        return match["type"], match["id"]


class HumanName(Element):
    use: Code | None = None
    text: FhirString | None = None
    family: FhirString | None = None
    given: list[FhirString] | None = None
    prefix: list[FhirString] | None = None
    suffix: list[FhirString] | None = None
    period: Period | None = None

    @property
    def display(self) -> str:
        """``text`` when the sender gave one, else prefix, given names, family and suffix."""
        if self.text:
            return self.text
        parts = [*(self.prefix or ()), *(self.given or ())]
        if self.family:
            parts.append(self.family)
        parts.extend(self.suffix or ())
        return " ".join(p for p in parts if p)


class ContactPoint(Element):
    system: Code | None = None
    value: FhirString | None = None
    use: Code | None = None
    rank: PositiveInt | None = None
    period: Period | None = None


class Address(Element):
    use: Code | None = None
    type: Code | None = None
    text: FhirString | None = None
    line: list[FhirString] | None = None
    city: FhirString | None = None
    district: FhirString | None = None
    state: FhirString | None = None
    postal_code: FhirString | None = None
    country: FhirString | None = None
    period: Period | None = None


class Period(Element):
    start: DateTime | None = None
    end: DateTime | None = None


class Quantity(Element):
    value: FhirDecimal | None = None
    comparator: Code | None = None
    unit: FhirString | None = None
    system: Uri | None = None
    code: Code | None = None


# Profiles of Quantity: same shape in JSON.
SimpleQuantity = Quantity
Age = Quantity
Duration = Quantity
Count = Quantity
Distance = Quantity


class Range(Element):
    low: Quantity | None = None
    high: Quantity | None = None


class Ratio(Element):
    numerator: Quantity | None = None
    denominator: Quantity | None = None


class SampledData(Element):
    origin: Quantity
    period: FhirDecimal
    factor: FhirDecimal | None = None
    lower_limit: FhirDecimal | None = None
    upper_limit: FhirDecimal | None = None
    dimensions: PositiveInt
    data: FhirString | None = None


class Attachment(Element):
    content_type: Code | None = None
    language: Code | None = None
    data: Base64Binary | None = None
    url: Url | None = None
    size: UnsignedInt | None = None
    hash: Base64Binary | None = None
    title: FhirString | None = None
    creation: DateTime | None = None


class Annotation(Element):
    _fhir_choices: ClassVar[dict[str, bool]] = {"author": False}

    author_reference: Reference | None = None
    author_string: FhirString | None = None
    time: DateTime | None = None
    text: Markdown


class TimingRepeat(Element):
    _fhir_choices: ClassVar[dict[str, bool]] = {"bounds": False}

    bounds_duration: Duration | None = None
    bounds_range: Range | None = None
    bounds_period: Period | None = None
    count: PositiveInt | None = None
    count_max: PositiveInt | None = None
    duration: FhirDecimal | None = None
    duration_max: FhirDecimal | None = None
    duration_unit: Code | None = None
    frequency: PositiveInt | None = None
    frequency_max: PositiveInt | None = None
    period: FhirDecimal | None = None
    period_max: FhirDecimal | None = None
    period_unit: Code | None = None
    day_of_week: list[Code] | None = None
    time_of_day: list[Time] | None = None
    when: list[Code] | None = None
    offset: UnsignedInt | None = None


class Timing(BackboneElement):
    event: list[DateTime] | None = None
    repeat: TimingRepeat | None = None
    code: CodeableConcept | None = None


class DosageDoseAndRate(Element):
    _fhir_choices: ClassVar[dict[str, bool]] = {"dose": False, "rate": False}

    type: CodeableConcept | None = None
    dose_range: Range | None = None
    dose_quantity: Quantity | None = None
    rate_ratio: Ratio | None = None
    rate_range: Range | None = None
    rate_quantity: Quantity | None = None


class Dosage(BackboneElement):
    _fhir_choices: ClassVar[dict[str, bool]] = {"asNeeded": False}

    sequence: Integer | None = None
    text: FhirString | None = None
    additional_instruction: list[CodeableConcept] | None = None
    patient_instruction: FhirString | None = None
    timing: Timing | None = None
    as_needed_boolean: Boolean | None = None
    as_needed_codeable_concept: CodeableConcept | None = None
    site: CodeableConcept | None = None
    route: CodeableConcept | None = None
    method: CodeableConcept | None = None
    dose_and_rate: list[DosageDoseAndRate] | None = None
    max_dose_per_period: Ratio | None = None
    max_dose_per_administration: Quantity | None = None
    max_dose_per_lifetime: Quantity | None = None


class ContactDetail(Element):
    name: FhirString | None = None
    telecom: list[ContactPoint] | None = None


class UsageContext(Element):
    _fhir_choices: ClassVar[dict[str, bool]] = {"value": True}

    code: Coding
    value_codeable_concept: CodeableConcept | None = None
    value_quantity: Quantity | None = None
    value_range: Range | None = None
    value_reference: Reference | None = None


class RelatedArtifact(Element):
    type: Code
    label: FhirString | None = None
    display: FhirString | None = None
    citation: Markdown | None = None
    url: Url | None = None
    document: Attachment | None = None
    resource: Canonical | None = None


class Expression(Element):
    description: FhirString | None = None
    name: FhirId | None = None
    language: Code
    expression: FhirString | None = None
    reference: Uri | None = None


for _model in (
    Element,
    BackboneElement,
    Extension,
    Meta,
    Narrative,
    Coding,
    CodeableConcept,
    Identifier,
    Reference,
    HumanName,
    ContactPoint,
    Address,
    Period,
    Quantity,
    Range,
    Ratio,
    SampledData,
    Attachment,
    Annotation,
    TimingRepeat,
    Timing,
    DosageDoseAndRate,
    Dosage,
    ContactDetail,
    UsageContext,
    RelatedArtifact,
    Expression,
):
    _model.model_rebuild()
del _model
