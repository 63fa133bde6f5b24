"""Search parameters: which exist per type, what a resource puts in the index, and query → SQL.

Owns the R4 search parameter definitions the sandbox supports (a practical subset, with the
spec's names and element paths), the extraction of index rows from a resource at write time, and
the translation of a parsed query into an SQL ``WHERE`` fragment over the storage's tables
(``resources r``, ``sp`` for tokens/references/strings, ``sp_date`` for dates). It does not run
queries or know about HTTP; unknown parameters are reported, and the caller decides between
strict (400) and lenient handling.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from bedside.sandbox.instants import MAX_MS, MIN_MS, DateFormatError, parse_range
from bedside.sandbox.outcomes import FhirError, bad_request

DEFAULT_COUNT = 50
MAX_COUNT = 1000

TOKEN, REFERENCE, DATE, STRING = "token", "reference", "date", "string"


@dataclass(frozen=True)
class SearchParam:
    """One search parameter of one type: its kind and the element paths it indexes.

    A path is dotted; a last step ending in ``[x]`` matches every choice-type element
    (``effective[x]`` → ``effectiveDateTime``, ``effectivePeriod`` …). ``target`` restricts a
    reference parameter to one type (``patient`` only indexes ``Patient/…`` references).
    """

    name: str
    kind: str
    paths: tuple[str, ...]
    target: str | None = None
    description: str = ""


def _p(name: str, kind: str, *paths: str, target: str | None = None) -> SearchParam:
    return SearchParam(name, kind, tuple(paths), target)


def _patient(*paths: str) -> SearchParam:
    return _p("patient", REFERENCE, *paths, target="Patient")


_IDENTIFIER = _p("identifier", TOKEN, "identifier")
_STATUS = _p("status", TOKEN, "status")
_CODE = _p("code", TOKEN, "code")
_CATEGORY = _p("category", TOKEN, "category")
_ENCOUNTER = _p("encounter", REFERENCE, "encounter", target="Encounter")
_SUBJECT = _p("subject", REFERENCE, "subject")
_NAME = _p("name", STRING, "name")

# Parameters every type has (R4 "Resource" and "DomainResource" parameters that we index).
COMMON: tuple[SearchParam, ...] = (
    # _tag=system|code: a client's own key on a resource that has no identifier (AuditEvent).
    SearchParam("_tag", TOKEN, ("meta.tag",), description="meta.tag (token: system|code)"),
    _p("_profile", TOKEN, "meta.profile"),
    _p("_security", TOKEN, "meta.security"),
)

# Per type, following the R4 (4.0.1) search parameter registry. Where a widely used alias helps
# a client (MedicationAdministration ``encounter``/``date``), it is listed in the
# CapabilityStatement like any other parameter, so a client can find out before using it.
_DEFINITIONS: dict[str, tuple[SearchParam, ...]] = {
    "Patient": (
        _IDENTIFIER,
        _p("name", STRING, "name"),
        _p("family", STRING, "name.family"),
        _p("given", STRING, "name.given"),
        _p("birthdate", DATE, "birthDate"),
        _p("gender", TOKEN, "gender"),
        _p("active", TOKEN, "active"),
        _p("general-practitioner", REFERENCE, "generalPractitioner"),
        _p("organization", REFERENCE, "managingOrganization", target="Organization"),
    ),
    "Practitioner": (
        _IDENTIFIER,
        _NAME,
        _p("family", STRING, "name.family"),
        _p("given", STRING, "name.given"),
        _p("active", TOKEN, "active"),
    ),
    "PractitionerRole": (
        _IDENTIFIER,
        _p("practitioner", REFERENCE, "practitioner", target="Practitioner"),
        _p("organization", REFERENCE, "organization", target="Organization"),
        _p("location", REFERENCE, "location", target="Location"),
        _p("role", TOKEN, "code"),
        _p("active", TOKEN, "active"),
    ),
    "Organization": (
        _IDENTIFIER,
        _p("name", STRING, "name", "alias"),
        _p("active", TOKEN, "active"),
        _p("type", TOKEN, "type"),
        _p("partof", REFERENCE, "partOf", target="Organization"),
    ),
    "Location": (
        _IDENTIFIER,
        _p("name", STRING, "name", "alias"),
        _STATUS,
        _p("operational-status", TOKEN, "operationalStatus"),
        _p("partof", REFERENCE, "partOf", target="Location"),
        _p("type", TOKEN, "type"),
        _p("organization", REFERENCE, "managingOrganization", target="Organization"),
    ),
    "Encounter": (
        _IDENTIFIER,
        _STATUS,
        _p("class", TOKEN, "class"),
        _p("type", TOKEN, "type"),
        _patient("subject"),
        _SUBJECT,
        _p("location", REFERENCE, "location.location", target="Location"),
        _p("date", DATE, "period"),
        _p("participant", REFERENCE, "participant.individual"),
        _p("practitioner", REFERENCE, "participant.individual", target="Practitioner"),
        _p("service-provider", REFERENCE, "serviceProvider", target="Organization"),
        _p("part-of", REFERENCE, "partOf", target="Encounter"),
    ),
    "Observation": (
        _IDENTIFIER,
        _STATUS,
        _patient("subject"),
        _SUBJECT,
        _ENCOUNTER,
        _CODE,
        _CATEGORY,
        _p("date", DATE, "effective[x]"),
        _p("performer", REFERENCE, "performer"),
        _p("based-on", REFERENCE, "basedOn"),
        _p("value-concept", TOKEN, "valueCodeableConcept"),
        _p("has-member", REFERENCE, "hasMember"),
    ),
    "DiagnosticReport": (
        _IDENTIFIER,
        _STATUS,
        _patient("subject"),
        _SUBJECT,
        _ENCOUNTER,
        _CODE,
        _CATEGORY,
        _p("date", DATE, "effective[x]"),
        _p("issued", DATE, "issued"),
        _p("result", REFERENCE, "result", target="Observation"),
        _p("performer", REFERENCE, "performer"),
        _p("based-on", REFERENCE, "basedOn"),
    ),
    "MedicationRequest": (
        _IDENTIFIER,
        _STATUS,
        _p("intent", TOKEN, "intent"),
        _patient("subject"),
        _SUBJECT,
        _ENCOUNTER,
        _p("code", TOKEN, "medicationCodeableConcept"),
        _p("medication", REFERENCE, "medicationReference", target="Medication"),
        _p("authoredon", DATE, "authoredOn"),
        _CATEGORY,
        _p("requester", REFERENCE, "requester"),
        _p("priority", TOKEN, "priority"),
    ),
    "MedicationAdministration": (
        _IDENTIFIER,
        _STATUS,
        _patient("subject"),
        _SUBJECT,
        _p("context", REFERENCE, "context"),
        _p("encounter", REFERENCE, "context", target="Encounter"),  # alias of context
        _p("code", TOKEN, "medicationCodeableConcept"),
        _p("medication", REFERENCE, "medicationReference", target="Medication"),
        _p("effective-time", DATE, "effective[x]"),
        _p("date", DATE, "effective[x]"),  # alias of effective-time
        _p("request", REFERENCE, "request", target="MedicationRequest"),
        _p("performer", REFERENCE, "performer.actor"),
    ),
    "Medication": (
        _IDENTIFIER,
        _CODE,
        _STATUS,
        _p("form", TOKEN, "form"),
    ),
    "NutritionOrder": (
        _IDENTIFIER,
        _STATUS,
        _p("intent", TOKEN, "intent"),
        _patient("patient"),
        _ENCOUNTER,
        _p("datetime", DATE, "dateTime"),
        _p("date", DATE, "dateTime"),  # alias of datetime
        _p("provider", REFERENCE, "orderer"),
        _p("oraldiet", TOKEN, "oralDiet.type"),
        _p("supplement", TOKEN, "supplement.type"),
        _p("instantiates-canonical", TOKEN, "instantiatesCanonical"),
    ),
    "ActivityDefinition": (
        _IDENTIFIER,
        _STATUS,
        _p("url", TOKEN, "url"),
        _p("name", STRING, "name"),
        _p("title", STRING, "title"),
        _p("topic", TOKEN, "topic"),
        _p("version", TOKEN, "version"),
        _p("date", DATE, "date"),
    ),
    "AllergyIntolerance": (
        _IDENTIFIER,
        _patient("patient"),
        _p("clinical-status", TOKEN, "clinicalStatus"),
        _p("verification-status", TOKEN, "verificationStatus"),
        _p("code", TOKEN, "code", "reaction.substance"),
        _p("category", TOKEN, "category"),
        _p("criticality", TOKEN, "criticality"),
        _p("type", TOKEN, "type"),
        _p("date", DATE, "recordedDate"),
        _p("recorder", REFERENCE, "recorder"),
        _p("asserter", REFERENCE, "asserter"),
    ),
    "Appointment": (
        _IDENTIFIER,
        _STATUS,
        _patient("participant.actor"),
        _p("actor", REFERENCE, "participant.actor"),
        _p("practitioner", REFERENCE, "participant.actor", target="Practitioner"),
        _p("location", REFERENCE, "participant.actor", target="Location"),
        _p("date", DATE, "start"),
        _p("service-type", TOKEN, "serviceType"),
        _p("service-category", TOKEN, "serviceCategory"),
        _p("appointment-type", TOKEN, "appointmentType"),
        _p("based-on", REFERENCE, "basedOn"),
        _p("part-status", TOKEN, "participant.status"),
    ),
    "Condition": (
        _IDENTIFIER,
        _patient("subject"),
        _SUBJECT,
        _ENCOUNTER,
        _CODE,
        _CATEGORY,
        _p("clinical-status", TOKEN, "clinicalStatus"),
        _p("verification-status", TOKEN, "verificationStatus"),
        _p("severity", TOKEN, "severity"),
        _p("onset-date", DATE, "onset[x]"),
        _p("recorded-date", DATE, "recordedDate"),
    ),
    "Task": (
        _IDENTIFIER,
        _STATUS,
        _p("intent", TOKEN, "intent"),
        _patient("for"),
        _p("subject", REFERENCE, "for"),
        _p("focus", REFERENCE, "focus"),
        _p("owner", REFERENCE, "owner"),
        _ENCOUNTER,
        _CODE,
        _p("authored-on", DATE, "authoredOn"),
        _p("modified", DATE, "lastModified"),
        _p("period", DATE, "executionPeriod"),
        _p("business-status", TOKEN, "businessStatus"),
        _p("priority", TOKEN, "priority"),
        _p("part-of", REFERENCE, "partOf", target="Task"),
        _p("based-on", REFERENCE, "basedOn"),
        _p("requester", REFERENCE, "requester"),
    ),
    "Procedure": (
        _IDENTIFIER,
        _STATUS,
        _patient("subject"),
        _SUBJECT,
        _ENCOUNTER,
        _CODE,
        _CATEGORY,
        _p("date", DATE, "performed[x]"),
    ),
    "ServiceRequest": (
        _IDENTIFIER,
        _STATUS,
        _p("intent", TOKEN, "intent"),
        _patient("subject"),
        _SUBJECT,
        _ENCOUNTER,
        _CODE,
        _CATEGORY,
        _p("authored", DATE, "authoredOn"),
        _p("occurrence", DATE, "occurrence[x]"),
        _p("requester", REFERENCE, "requester"),
        _p("priority", TOKEN, "priority"),
    ),
    "CarePlan": (
        _IDENTIFIER,
        _STATUS,
        _p("intent", TOKEN, "intent"),
        _patient("subject"),
        _SUBJECT,
        _ENCOUNTER,
        _CATEGORY,
        _p("date", DATE, "period"),
    ),
    "Flag": (
        _IDENTIFIER,
        _STATUS,
        _patient("subject"),
        _SUBJECT,
        _ENCOUNTER,
        _p("date", DATE, "period"),
        _p("author", REFERENCE, "author"),
    ),
    "Communication": (
        _IDENTIFIER,
        _STATUS,
        _patient("subject"),
        _SUBJECT,
        _ENCOUNTER,
        _CATEGORY,
        _p("sent", DATE, "sent"),
        _p("received", DATE, "received"),
        _p("recipient", REFERENCE, "recipient"),
        _p("sender", REFERENCE, "sender"),
        _p("based-on", REFERENCE, "basedOn"),
        _p("part-of", REFERENCE, "partOf"),
    ),
    "AuditEvent": (
        _p("date", DATE, "recorded"),
        _p("type", TOKEN, "type"),
        _p("subtype", TOKEN, "subtype"),
        _p("action", TOKEN, "action"),
        _p("outcome", TOKEN, "outcome"),
        _p("agent", REFERENCE, "agent.who"),
        _p("entity", REFERENCE, "entity.what"),
        _patient("agent.who", "entity.what"),
    ),
    "Provenance": (
        _p("target", REFERENCE, "target"),
        _patient("target"),
        _p("agent", REFERENCE, "agent.who"),
        _p("recorded", DATE, "recorded"),
        _p("entity", REFERENCE, "entity.what"),
        _p("location", REFERENCE, "location", target="Location"),
    ),
    "Device": (
        _IDENTIFIER,
        _STATUS,
        _patient("patient"),
        _p("type", TOKEN, "type"),
        _p("location", REFERENCE, "location", target="Location"),
        _p("organization", REFERENCE, "owner", target="Organization"),
    ),
    "QuestionnaireResponse": (
        _IDENTIFIER,
        _STATUS,
        _patient("subject"),
        _SUBJECT,
        _ENCOUNTER,
        _p("authored", DATE, "authored"),
        _p("questionnaire", TOKEN, "questionnaire"),
    ),
}

# The ward's types: those with their own definitions above. Strict mode serves these only, and
# tools/r4_elements.py builds the R4 element table for them (run it again after adding one).
WARD_TYPES: frozenset[str] = frozenset(_DEFINITIONS)

# Types without their own definitions still get these (and the COMMON ones).
_FALLBACK: tuple[SearchParam, ...] = (_IDENTIFIER,)


def params_for(resource_type: str) -> dict[str, SearchParam]:
    """Every indexed search parameter of a type, by name (not ``_id``/``_lastUpdated``)."""
    found = _CACHE.get(resource_type)
    if found is None:
        own = _DEFINITIONS.get(resource_type, _FALLBACK)
        found = {param.name: param for param in (*COMMON, *own)}
        _CACHE[resource_type] = found
    return found


_CACHE: dict[str, dict[str, SearchParam]] = {}

# Result parameters: they shape the answer, not the match. Accepted and handled by the server.
RESULT_PARAMS = frozenset(
    {"_count", "_sort", "_summary", "_total", "_format", "_pretty", "_include"}
)
SORTS = {
    "_lastUpdated": "r.lu, r.id",
    "-_lastUpdated": "r.lu DESC, r.id DESC",
    "_id": "r.id",
    "-_id": "r.id DESC",
}
DEFAULT_SORT = SORTS["_lastUpdated"]  # stable: the id breaks ties between equal instants


# ---------------------------------------------------------------------------------------------
# Index rows


_REF_RE = re.compile(
    r"(?:^|/)(?P<type>[A-Z][A-Za-z]+)/(?P<id>[A-Za-z0-9\-.]{1,64})(?:/_history/[^/]+)?$"
)


def normalize_reference(reference: str) -> tuple[str, str] | None:
    """``(type, id)`` of a relative or absolute literal reference, or ``None``."""
    match = _REF_RE.search(reference)
    if match is None:
        return None
    return match["type"], match["id"]


def normalize_text(text: str) -> str:
    """Case- and accent-insensitive form for string search (R4: 'Müller' matches 'muller')."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _values(node: Any, steps: Sequence[str]) -> Iterator[tuple[str, Any]]:
    """``(element name, value)`` for every value at a dotted path, flattening lists."""
    if isinstance(node, list):
        for item in node:
            yield from _values(item, steps)
        return
    if not isinstance(node, dict) or not steps:
        return
    step, rest = steps[0], steps[1:]
    if step.endswith("[x]"):
        prefix = step[:-3]
        keys = [
            k
            for k in node
            if k.startswith(prefix) and len(k) > len(prefix) and k[len(prefix)].isupper()
        ]
    else:
        keys = [step] if step in node else []
    for key in keys:
        value = node[key]
        if rest:
            yield from _values(value, rest)
        elif isinstance(value, list):
            for item in value:
                yield key, item
        else:
            yield key, value


def _tokens(value: Any) -> Iterator[tuple[str | None, str]]:
    if isinstance(value, bool):
        yield None, "true" if value else "false"
    elif isinstance(value, str):
        yield None, value
    elif isinstance(value, dict):
        if "coding" in value:  # CodeableConcept
            for coding in value.get("coding") or []:
                if isinstance(coding, dict) and isinstance(coding.get("code"), str):
                    yield coding.get("system"), coding["code"]
        elif isinstance(value.get("code"), str):  # Coding
            yield value.get("system"), value["code"]
        elif isinstance(value.get("value"), str):  # Identifier
            yield value.get("system"), value["value"]


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):  # HumanName, Address: every textual part is searchable
        for key in ("text", "family", "given", "prefix", "suffix", "line", "city", "postalCode"):
            part = value.get(key)
            for item in part if isinstance(part, list) else [part]:
                if isinstance(item, str):
                    yield item


def _dates(value: Any) -> Iterator[tuple[int, int]]:
    if isinstance(value, str):
        try:
            yield parse_range(value)
        except DateFormatError:
            return  # stored as sent; an unparseable date is simply not searchable
    elif isinstance(value, dict) and ("start" in value or "end" in value):  # Period
        try:
            lo = parse_range(value["start"])[0] if isinstance(value.get("start"), str) else MIN_MS
            hi = parse_range(value["end"])[1] if isinstance(value.get("end"), str) else MAX_MS
        except DateFormatError:
            return
        yield lo, hi


TokenRow = tuple[str, str | None, str, str | None]  # param, system (or raw text), value, ref id
DateRow = tuple[str, int, int]


def index_rows(resource: dict[str, Any]) -> tuple[list[TokenRow], list[DateRow]]:
    """What a resource contributes to the ``sp`` and ``sp_date`` tables."""
    tokens: list[TokenRow] = []
    dates: list[DateRow] = []
    for param in params_for(str(resource.get("resourceType"))).values():
        seen: set[tuple[Any, ...]] = set()
        for path in param.paths:
            for _key, value in _values(resource, path.split(".")):
                if param.kind == TOKEN:
                    for system, code in _tokens(value):
                        row: TokenRow = (param.name, system, code, None)
                        if row not in seen:
                            seen.add(row)
                            tokens.append(row)
                elif param.kind == REFERENCE:
                    ref = value.get("reference") if isinstance(value, dict) else None
                    parsed = normalize_reference(ref) if isinstance(ref, str) else None
                    if parsed is None or (param.target and parsed[0] != param.target):
                        continue
                    row = (param.name, None, f"{parsed[0]}/{parsed[1]}", parsed[1])
                    if row not in seen:
                        seen.add(row)
                        tokens.append(row)
                elif param.kind == STRING:
                    for text in _strings(value):
                        row = (param.name, text, normalize_text(text), None)
                        if row not in seen:
                            seen.add(row)
                            tokens.append(row)
                elif param.kind == DATE:
                    for lo, hi in _dates(value):
                        date_row: DateRow = (param.name, lo, hi)
                        if date_row not in seen:
                            seen.add(date_row)
                            dates.append(date_row)
    return tokens, dates


# ---------------------------------------------------------------------------------------------
# Queries


@dataclass
class SearchQuery:
    """A parsed search: SQL over ``resources r`` plus the result parameters."""

    resource_type: str
    where: list[str] = field(default_factory=list)
    args: list[Any] = field(default_factory=list)
    count: int = DEFAULT_COUNT
    offset: int = 0  # _offset (strict mode's paging): where this page starts
    order: str = DEFAULT_SORT
    summary_count: bool = False
    canonical: list[tuple[str, str]] = field(default_factory=list)  # what was applied, for `self`
    ignored: list[str] = field(default_factory=list)  # unknown params skipped in lenient mode
    # _include: (reference parameter of this type, target type or None for any)
    includes: list[tuple[str, str | None]] = field(default_factory=list)

    def sql(self) -> tuple[str, list[Any]]:
        clauses = ["r.type = ?", "r.deleted = 0", *self.where]
        text = f"SELECT r.id FROM resources r WHERE {' AND '.join(clauses)} ORDER BY {self.order}"  # noqa: S608 -- fragments are built here from constants; values are bound
        return text, [self.resource_type, *self.args]


_PREFIXES = ("eq", "ne", "gt", "lt", "ge", "le", "sa", "eb", "ap")


def split_unescaped(text: str, sep: str) -> list[str]:
    """Split on ``sep`` unless escaped with a backslash (R4 §3.1.1.5.7), then unescape."""
    parts: list[str] = []
    current: list[str] = []
    chars = iter(text)
    for char in chars:
        if char == "\\":
            nxt = next(chars, "")
            current.append(nxt if nxt in ",|$\\" else char + nxt)
        elif char == sep:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def _split_token(text: str) -> tuple[str | None, str | None]:
    """``system|code`` → (system, code); no bar → (None, code) meaning any system."""
    bar = -1
    i = 0
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text[i] == "|":
            bar = i
            break
        i += 1
    if bar < 0:
        return None, text.replace("\\|", "|")
    return text[:bar].replace("\\|", "|"), text[bar + 1 :].replace("\\|", "|")


def _date_condition(
    prefix: str, lo_col: str, hi_col: str, lo: int, hi: int
) -> tuple[str, list[int]]:
    # R4 §3.1.1.5.3: compare the target range [lo_col, hi_col] with the value's range [lo, hi].
    if prefix == "eq":
        return f"({lo_col} >= ? AND {hi_col} <= ?)", [lo, hi]
    if prefix == "ne":
        return f"NOT ({lo_col} >= ? AND {hi_col} <= ?)", [lo, hi]
    if prefix == "gt":
        return f"{hi_col} > ?", [hi]
    if prefix == "lt":
        return f"{lo_col} < ?", [lo]
    if prefix == "ge":
        return f"{hi_col} >= ?", [lo]
    if prefix == "le":
        return f"{lo_col} <= ?", [hi]
    if prefix == "sa":
        return f"{lo_col} > ?", [hi]
    if prefix == "eb":
        return f"{hi_col} < ?", [lo]
    # ap: approximately; we read it as "overlaps", which is what a ward list wants
    return f"({lo_col} <= ? AND {hi_col} >= ?)", [hi, lo]


def _parse_prefixed_date(value: str, name: str) -> tuple[str, int, int]:
    prefix = "eq"
    if value[:2] in _PREFIXES and not value[:2].isdigit():
        prefix, value = value[:2], value[2:]
    try:
        lo, hi = parse_range(value)
    except DateFormatError as exc:
        raise bad_request(f"Search parameter '{name}': {exc}") from exc
    return prefix, lo, hi


def parse_instant_param(name: str, value: str) -> int:
    """A single instant such as ``_since``: its first millisecond."""
    try:
        return parse_range(value)[0]
    except DateFormatError as exc:
        raise bad_request(f"Parameter '{name}': {exc}") from exc


def _in_index(
    table: str, resource_type: str, param: str, cond: str, args: list[Any]
) -> tuple[str, list[Any]]:
    sql = f"r.id IN (SELECT id FROM {table} WHERE type = ? AND param = ? AND ({cond}))"  # noqa: S608 -- constant table names
    return sql, [resource_type, param, *args]


def parse_search(
    resource_type: str,
    items: Iterable[tuple[str, str]],
    *,
    lenient: bool = False,
    default_count: int = DEFAULT_COUNT,
    offsets: bool = False,
) -> SearchQuery:
    """Turn query items into a :class:`SearchQuery`; raise 400 for what cannot be honoured.

    ``offsets`` accepts ``_offset`` (the strict mode's paging); ``default_count`` is the page size
    when ``_count`` is not given.
    """
    query = SearchQuery(resource_type, count=default_count)
    known = params_for(resource_type)
    for raw_name, raw_value in items:
        name, _, modifier = raw_name.partition(":")
        if name == "_offset" and offsets and not modifier:
            query.offset = _offset(raw_value)
            query.canonical.append((raw_name, raw_value))
            continue
        if name in RESULT_PARAMS:
            if modifier:
                raise bad_request(f"{raw_name} is not supported", code="not-supported")
            _result_param(query, name, raw_value)
            query.canonical.append((raw_name, raw_value))
            continue
        if raw_value == "":
            continue  # R4: a parameter with an empty value is ignored
        try:
            clause = _clause(resource_type, known, name, modifier, raw_value)
        except _UnsupportedError as exc:
            if lenient:
                query.ignored.append(raw_name)
                continue
            raise bad_request(str(exc), code="not-supported") from exc
        query.where.append(clause[0])
        query.args.extend(clause[1])
        query.canonical.append((raw_name, raw_value))
    return query


def _offset(value: str) -> int:
    try:
        offset = int(value)
    except ValueError as exc:
        raise bad_request(f"_offset must be a whole number, not '{value}'") from exc
    if offset < 0:
        raise bad_request("_offset must not be negative")
    return offset


class _UnsupportedError(Exception):
    """A parameter or modifier the sandbox does not support for this type."""


def _result_param(query: SearchQuery, name: str, value: str) -> None:
    if name == "_count":
        try:
            count = int(value)
        except ValueError as exc:
            raise bad_request(f"_count must be a whole number, not '{value}'") from exc
        if count < 0:
            raise bad_request("_count must not be negative")
        query.count = min(count, MAX_COUNT)
        if count == 0:
            query.summary_count = True
    elif name == "_sort":
        order = SORTS.get(value)
        if order is None:
            raise bad_request(
                f"_sort={value} is not supported; use one of {', '.join(SORTS)}",
                code="not-supported",
            )
        query.order = order
    elif name == "_summary":
        if value == "count":
            query.summary_count = True
        elif value != "false":
            raise bad_request(f"_summary={value} is not supported", code="not-supported")
    elif name == "_include":
        query.includes.append(_include(query.resource_type, value))
    elif name == "_format" and value not in ("json", "application/json", "application/fhir+json"):
        raise FhirError(406, f"_format={value} is not supported; this server speaks JSON only")
    # _total and _pretty do not change a JSON answer here: totals are always exact.


def _include(resource_type: str, value: str) -> tuple[str, str | None]:
    """``Encounter:patient`` or ``Encounter:subject:Patient`` → (param, target)."""
    parts = value.split(":")
    if len(parts) not in (2, 3) or parts[0] != resource_type:
        raise bad_request(
            f"_include={value} must read {resource_type}:<reference parameter>[:<type>]"
        )
    param = params_for(resource_type).get(parts[1])
    if param is None or param.kind != REFERENCE:
        raise bad_request(
            f"_include: '{parts[1]}' is not a reference parameter of {resource_type}",
            code="not-supported",
        )
    target = parts[2] if len(parts) == 3 else param.target
    return param.name, target


def _clause(
    resource_type: str, known: dict[str, SearchParam], name: str, modifier: str, value: str
) -> tuple[str, list[Any]]:
    if "." in name:
        raise _UnsupportedError(f"Chained search parameter '{name}' is not supported")
    if name == "_id":
        if modifier:
            raise _UnsupportedError(f"Modifier ':{modifier}' is not supported on _id")
        ids = split_unescaped(value, ",")
        return f"r.id IN ({', '.join('?' * len(ids))})", list(ids)
    if name == "_lastUpdated":
        if modifier:
            raise _UnsupportedError(f"Modifier ':{modifier}' is not supported on _lastUpdated")
        lu_alts: list[str] = []
        lu_args: list[Any] = []
        for part in split_unescaped(value, ","):
            prefix, lo, hi = _parse_prefixed_date(part, name)
            cond, cond_args = _date_condition(prefix, "r.lu", "r.lu", lo, hi)
            lu_alts.append(cond)
            lu_args.extend(cond_args)
        return f"({' OR '.join(lu_alts)})", lu_args
    param = known.get(name)
    if param is None:
        raise _UnsupportedError(
            f"Unknown search parameter '{name}' for resource type '{resource_type}'"
        )
    table = "sp_date" if param.kind == DATE else "sp"
    if modifier == "missing":
        if value not in ("true", "false"):
            raise bad_request(f"{name}:missing must be true or false")
        sql = f"r.id IN (SELECT id FROM {table} WHERE type = ? AND param = ?)"  # noqa: S608 -- constant table names
        return (f"NOT {sql}" if value == "true" else sql), [resource_type, name]
    alts: list[str] = []
    args: list[Any] = []
    negate = False
    for part in split_unescaped(value, ",") if param.kind != TOKEN else _split_token_list(value):
        if param.kind == TOKEN:
            if modifier not in ("", "not"):
                raise _UnsupportedError(
                    f"Modifier ':{modifier}' is not supported on token '{name}'"
                )
            negate = modifier == "not"
            system, code = _split_token(part)
            if system is None:
                alts.append("val = ?")
                args.append(code)
            elif system == "":
                alts.append("(sys IS NULL AND val = ?)")
                args.append(code)
            elif code == "":
                alts.append("sys = ?")
                args.append(system)
            else:
                alts.append("(sys = ? AND val = ?)")
                args.extend([system, code])
        elif param.kind == REFERENCE:
            target = modifier or param.target
            if modifier and not re.fullmatch(r"[A-Z][A-Za-z]+", modifier):
                raise _UnsupportedError(
                    f"Modifier ':{modifier}' is not supported on reference '{name}'"
                )
            parsed = normalize_reference(part)
            if parsed is not None:
                alts.append("val = ?")
                args.append(f"{parsed[0]}/{parsed[1]}")
            elif target:
                alts.append("val = ?")
                args.append(f"{target}/{part}")
            else:
                alts.append("ref_id = ?")
                args.append(part)
        elif param.kind == STRING:
            escaped = _like_escape(normalize_text(part))
            if modifier == "":
                alts.append("val LIKE ? ESCAPE '\\'")
                args.append(f"{escaped}%")
            elif modifier == "contains":
                alts.append("val LIKE ? ESCAPE '\\'")
                args.append(f"%{escaped}%")
            elif modifier == "exact":
                alts.append("sys = ?")
                args.append(part)
            else:
                raise _UnsupportedError(
                    f"Modifier ':{modifier}' is not supported on string '{name}'"
                )
        else:  # DATE
            if modifier:
                raise _UnsupportedError(f"Modifier ':{modifier}' is not supported on date '{name}'")
            prefix, lo, hi = _parse_prefixed_date(part, name)
            cond, cond_args = _date_condition(prefix, "lo", "hi", lo, hi)
            alts.append(cond)
            args.extend(cond_args)
    sql, all_args = _in_index(table, resource_type, name, " OR ".join(alts), args)
    return (f"NOT {sql}" if negate else sql), all_args


def _split_token_list(value: str) -> list[str]:
    # Keep "\|" escapes for _split_token; only unescape commas here.
    parts, current, i = [], [], 0
    while i < len(value):
        if value[i] == "\\" and i + 1 < len(value):
            current.append(value[i : i + 2] if value[i + 1] == "|" else value[i + 1])
            i += 2
            continue
        if value[i] == ",":
            parts.append("".join(current))
            current = []
        else:
            current.append(value[i])
        i += 1
    parts.append("".join(current))
    return parts


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
