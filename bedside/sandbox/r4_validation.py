"""Strict R4 validation: is this resource what the FHIR R4 definitions allow? (strict mode only)

Owns one job: list everything structurally wrong with a resource, the way an independent server
(Medplum) reports it, and refuse it with 400. Checked, everywhere in the resource (backbone
elements, datatypes, extensions, contained resources): unknown elements (``Invalid additional
property "identifier"`` at ``AuditEvent.identifier``), a list where one value belongs and the
reverse, an object where a primitive belongs and the reverse, required elements (min 1), the
primitives' JSON types and formats (the R4 regexes), choice types (``value[x]`` only as one of its
types, and only one of them), ``_element`` companions of primitives, null and empty values, and the
``resourceType`` of contained resources.

The element table is ``r4_elements.json`` beside this module, generated from HL7's own
StructureDefinitions by ``tools/r4_elements.py`` and read once with :mod:`importlib.resources`
(so it works from a wheel). It covers the types the sandbox stores; the strict server serves no
other, and a contained resource of another R4 type is taken unchecked. Not checked, as on most
real servers: code values against value sets, invariants (FHIRPath constraints), profiles and
reference targets. No HTTP, no storage; the friendly sandbox keeps
:mod:`bedside.sandbox.validation`.
"""

from __future__ import annotations

import calendar
import functools
import importlib.resources
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from bedside.sandbox.outcomes import FhirError, bad_request

TABLE_FILE = "r4_elements.json"
# R4 integer, positiveInt and unsignedInt are 32-bit (datatypes page); the regexes do not say so.
_INT_MIN, _INT_MAX = -(2**31), 2**31 - 1
_CALENDAR_TYPES = frozenset({"date", "dateTime", "instant"})


@dataclass(frozen=True)
class Element:
    """One element of a type: its cardinality and its types (several for a choice)."""

    name: str  # as defined: "status", "value[x]"
    min: int
    many: bool  # max is not "1": the JSON value is an array
    types: tuple[str, ...]


@dataclass(frozen=True)
class _Key:
    """What one JSON property name of a type stands for."""

    element: Element
    type: str  # the one type this name carries ("valueQuantity" → "Quantity")


class R4Table:
    """The element table: resource types, complex types, backbone elements and primitives."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.resource_types: frozenset[str] = frozenset(data["resourceTypes"])
        # Real R4 types the table has no elements for: accepted unchecked when contained.
        self.other_resource_types: frozenset[str] = frozenset(data["otherResourceTypes"])
        self.primitives: dict[str, tuple[str, re.Pattern[str] | None]] = {
            name: (spec[0], _compile(spec[1]) if len(spec) > 1 else None)
            for name, spec in data["primitives"].items()
        }
        self.elements: dict[str, dict[str, Element]] = {}
        self.keys: dict[str, dict[str, _Key]] = {}
        for type_name, elements in data["types"].items():
            defined = {
                name: Element(name, spec[0], spec[1] != "1", tuple(spec[2:]))
                for name, spec in elements.items()
            }
            self.elements[type_name] = defined
            self.keys[type_name] = dict(_json_keys(defined.values()))

    def is_primitive(self, type_name: str) -> bool:
        return type_name in self.primitives


def _compile(regex: str) -> re.Pattern[str]:
    # ASCII: the spec's regexes mean ASCII whitespace (a French text's no-break space is text).
    # Possessive \s*: the same language, but base64Binary's "(\s*X{4}\s*)+" cannot backtrack
    # exponentially over a long run of whitespace.
    return re.compile(regex.replace(r"\s*", r"\s*+"), re.ASCII)


def _json_keys(elements: Iterable[Element]) -> Iterator[tuple[str, _Key]]:
    """``(JSON property name, key)`` pairs: a choice element gives one name per type."""
    for element in elements:
        if element.name.endswith("[x]"):
            prefix = element.name[:-3]
            for type_name in element.types:
                yield prefix + type_name[0].upper() + type_name[1:], _Key(element, type_name)
        else:
            yield element.name, _Key(element, element.types[0])


@functools.cache
def table() -> R4Table:
    """The packaged element table, read once."""
    text = importlib.resources.files("bedside.sandbox").joinpath(TABLE_FILE).read_text("utf-8")
    return R4Table(json.loads(text))


def _issue(expression: str, text: str) -> dict[str, Any]:
    # Medplum's shape: the message in details.text, where in expression; no diagnostics.
    return {
        "severity": "error",
        "code": "structure",
        "details": {"text": text},
        "expression": [expression],
    }


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float | Decimal):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object" if isinstance(value, dict) else type(value).__name__


class _Checker:
    """One walk over one resource, collecting issues in document order."""

    def __init__(self, r4: R4Table) -> None:
        self.r4 = r4
        self.issues: list[dict[str, Any]] = []

    def add(self, expression: str, text: str) -> None:
        self.issues.append(_issue(expression, text))

    def resource(self, value: Any, path: str | None) -> None:
        """A resource at ``path`` (``None``: the root, named by its own type).

        A contained resource of an R4 type outside the table is accepted as it is: the strict
        server stores only the table's types, and refusing real R4 would be stricter than HL7.
        """
        if not isinstance(value, dict):
            self.add(
                path or "Resource",
                f"Invalid JSON type: expected object, but got {_json_type(value)}",
            )
            return
        resource_type = value.get("resourceType")
        where = path or (resource_type if isinstance(resource_type, str) else "Resource")
        if not isinstance(resource_type, str):
            self.add(where, "Invalid resource type")
            return
        if path is not None and resource_type in self.r4.other_resource_types:
            return
        if resource_type not in self.r4.resource_types:
            self.add(where, "Invalid resource type")
            return
        rid = value.get("id")
        if isinstance(rid, str):
            # Resource.id is an "id" (R4 resource page); the snapshot only says "string" (FHIRPath).
            self.primitive(rid, "id", f"{where}.id")
        self.complex(value, resource_type, where, is_resource=True)

    def complex(self, obj: dict[str, Any], type_name: str, path: str, *, is_resource: bool) -> None:
        keys = self.r4.keys[type_name]
        chosen: dict[str, str] = {}  # choice element → the property that carries it
        present: set[str] = set()
        for key, value in obj.items():
            if key == "resourceType" and is_resource:
                continue
            companion = key.startswith("_")
            found = keys.get(key[1:] if companion else key)
            if found is None or (companion and not self.r4.is_primitive(found.type)):
                self.add(f"{path}.{key}", f'Invalid additional property "{key}"')
                continue
            element = found.element
            present.add(element.name)
            if element.name.endswith("[x]") and not companion:
                other = chosen.setdefault(element.name, key)
                if other != key:
                    self.add(
                        f"{path}.{key}",
                        f'Conflicting choice of type properties: "{key}", "{other}"',
                    )
                    continue
            if companion:
                self.companion(obj, key, value, element, f"{path}.{key}")
            else:
                self.property(obj, key, value, element, found.type, f"{path}.{key}")
        for name, element in self.r4.elements[type_name].items():
            if element.min > 0 and name not in present:
                self.add(f"{path}.{name}", "Missing required property")

    def property(
        self,
        parent: dict[str, Any],
        key: str,
        value: Any,
        element: Element,
        type_name: str,
        path: str,
    ) -> None:
        if value is None:
            self.add(path, "Invalid null value")
        elif element.many:
            if not isinstance(value, list):
                self.add(path, "Expected array of values for property")
            elif not value:
                self.add(path, "Invalid empty value")
            else:
                companions = parent.get(f"_{key}")
                for index, item in enumerate(value):
                    where = f"{path}[{index}]"
                    if item is None:
                        # The one null FHIR JSON allows: a primitive whose extension is in "_key".
                        has_companion = (
                            isinstance(companions, list)
                            and index < len(companions)
                            and companions[index] is not None
                        )
                        if not has_companion:
                            self.add(where, "Invalid null value")
                    else:
                        self.value(item, type_name, where)
        elif isinstance(value, list):
            self.add(path, "Expected single value for property")
        else:
            self.value(value, type_name, path)

    def companion(
        self, parent: dict[str, Any], key: str, value: Any, element: Element, path: str
    ) -> None:
        """``_birthDate``: the id and extensions of a primitive (a list of them for a list)."""
        if value is None:
            self.add(path, "Invalid null value")
        elif element.many:
            if not isinstance(value, list) or not value:
                self.add(path, "Expected array of values for property")
                return
            for index, item in enumerate(value):
                if item is not None:
                    self.value(item, "Element", f"{path}[{index}]")
        elif isinstance(value, list):
            self.add(path, "Expected single value for property")
        else:
            self.value(value, "Element", path)

    def value(self, value: Any, type_name: str, path: str) -> None:
        if type_name in self.r4.primitives:
            self.primitive(value, type_name, path)
        elif type_name == "Resource":
            self.resource(value, path)
        elif not isinstance(value, dict):
            self.add(path, f"Invalid JSON type: expected object, but got {_json_type(value)}")
        elif not value:
            self.add(path, "Invalid empty value")
        else:
            self.complex(value, type_name, path, is_resource=False)

    def primitive(self, value: Any, type_name: str, path: str) -> None:
        json_type, regex = self.r4.primitives[type_name]
        actual = _json_type(value)
        if actual != json_type:
            self.add(path, f"Invalid JSON type: expected {json_type}, but got {actual}")
            return
        if isinstance(value, str) and not value:
            self.add(path, "Invalid empty value")
            return
        text = _literal(value)
        if regex is not None and not regex.fullmatch(text):
            integer_type = json_type == "number" and type_name != "decimal"
            if integer_type and isinstance(value, Decimal):
                self.add(path, "Expected number to be an integer")
            else:
                self.add(path, f"Invalid {type_name} format")
            return
        if json_type == "number" and type_name != "decimal" and not _INT_MIN <= value <= _INT_MAX:
            self.add(path, f"Expected number to be in the range {_INT_MIN}..{_INT_MAX}")
        elif type_name in _CALENDAR_TYPES and not _real_day(text):
            self.add(path, f"Invalid {type_name} value")


def _literal(value: Any) -> str:
    """How the value reads in JSON text (what the R4 regexes describe)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _real_day(text: str) -> bool:
    """False for a day its month lacks (2026-02-30), which the regexes let through."""
    if len(text) < 10:
        return True
    year, month, day = int(text[0:4]), int(text[5:7]), int(text[8:10])
    return day <= calendar.monthrange(year, month)[1]


def issues(resource: Any, r4: R4Table | None = None) -> list[dict[str, Any]]:
    """Every structural problem of ``resource`` as OperationOutcome issues (empty: valid)."""
    checker = _Checker(r4 or table())
    checker.resource(resource, None)
    return checker.issues


def validate(body: Any, expected_type: str | None) -> dict[str, Any]:
    """The body as a valid resource of ``expected_type`` (any served type when None), or a 400."""
    if not isinstance(body, dict):
        raise bad_request("The body must be a JSON object (a FHIR resource)")
    resource_type = body.get("resourceType")
    if not isinstance(resource_type, str) or not resource_type:
        raise bad_request("Missing resourceType")
    if expected_type is not None and resource_type != expected_type:
        raise bad_request(
            f"Incorrect resource type: expected {expected_type}, but found {resource_type}"
        )
    found = issues(body)
    if found:
        summary = "; ".join(f"{i['details']['text']} ({i['expression'][0]})" for i in found)
        raise FhirError(400, summary, code="structure", issues=found)
    return body
