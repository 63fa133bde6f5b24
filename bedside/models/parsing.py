"""Parsing JSON into resource models and dumping them back, exactly.

Owns the public entry points :func:`parse_resource`, :func:`parse_as` and :func:`dump_resource`.
Every failure leaves as :class:`~bedside.models.errors.FhirModelError`; no pydantic or JSON error
escapes. A dump gives back exactly the elements that were parsed or set (no invented defaults).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from pydantic import ValidationError

from bedside.models import fhir_json
from bedside.models.errors import FhirModelError, problems_from
from bedside.models.registry import GENERIC_TAG, RESOURCE_TYPES
from bedside.models.resource import Resource

__all__ = ["dump_resource", "parse_as", "parse_resource"]

R = TypeVar("R", bound=Resource)

_SKIP = frozenset({*RESOURCE_TYPES, GENERIC_TAG})


def _load(data: Mapping[str, Any] | str | bytes) -> dict[str, Any]:
    if isinstance(data, str | bytes | bytearray):
        try:
            loaded = fhir_json.loads(data)
        except fhir_json.FhirJsonError as exc:
            raise FhirModelError([f"not valid JSON ({exc})"]) from exc
    else:
        loaded = data
    if not isinstance(loaded, Mapping):
        raise FhirModelError([f"expected a JSON object, got {type(loaded).__name__}"])
    return dict(loaded)


def _identity(data: Mapping[str, Any]) -> tuple[str, str | None]:
    resource_type = data.get("resourceType")
    raw_id = data.get("id")
    resource_id = raw_id if isinstance(raw_id, str) and raw_id else None
    if resource_type is None:
        raise FhirModelError(["resourceType is missing"], resource_id=resource_id)
    if not isinstance(resource_type, str):
        raise FhirModelError(
            [f"resourceType: expected a string, got {type(resource_type).__name__}"],
            resource_id=resource_id,
        )
    return resource_type, resource_id


def _validate(cls: type[R], data: dict[str, Any], resource_type: str, rid: str | None) -> R:
    try:
        # Server JSON uses FHIR names only; a snake_case key is an unknown element, kept as is.
        return cls.model_validate(data, by_alias=True, by_name=False)
    except ValidationError as exc:
        raise FhirModelError(
            problems_from(exc, _SKIP), resource_type=resource_type, resource_id=rid
        ) from None
    except RecursionError as exc:
        raise FhirModelError(
            ["nested too deeply"], resource_type=resource_type, resource_id=rid
        ) from exc


def parse_resource(data: Mapping[str, Any] | str | bytes) -> Resource:
    """Parse a resource (a dict or JSON text) into the model of its ``resourceType``.

    Raises:
        FhirModelError: invalid JSON, not an object, missing or unsupported ``resourceType``,
            wrong element types, missing required elements, invalid id.
    """
    loaded = _load(data)
    resource_type, resource_id = _identity(loaded)
    cls = RESOURCE_TYPES.get(resource_type)
    if cls is None:
        raise FhirModelError(
            [f"unsupported resourceType {resource_type!r}"],
            resource_type=resource_type,
            resource_id=resource_id,
        )
    return _validate(cls, loaded, resource_type, resource_id)


def parse_as(model_cls: type[R], data: Mapping[str, Any] | str | bytes) -> R:
    """Like :func:`parse_resource`, for one expected type; another ``resourceType`` is an error.

    Raises:
        FhirModelError: as :func:`parse_resource`, or when ``resourceType`` is not the class's.
        TypeError: ``model_cls`` is not a concrete resource class (a programming error).
    """
    loaded = _load(data)
    resource_type, resource_id = _identity(loaded)
    expected = model_cls.model_fields["resource_type"].default
    if not isinstance(expected, str):
        raise TypeError(f"parse_as needs a concrete resource class, not {model_cls.__name__}")
    if resource_type != expected:
        raise FhirModelError(
            [f"expected resourceType {expected!r}, got {resource_type!r}"],
            resource_type=resource_type,
            resource_id=resource_id,
        )
    return _validate(model_cls, loaded, resource_type, resource_id)


def dump_resource(resource: Resource) -> dict[str, Any]:
    """The JSON-ready dict of a resource: what was parsed or set, nothing invented."""
    dumped = resource.fhir_dump()
    # A resource always says what it is, even one built in code from a generic Resource.
    return {"resourceType": resource.resource_type, **dumped}
