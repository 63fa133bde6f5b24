"""What the sandbox accepts as a resource: structural checks, then the app's own models.

Owns the 400/422 decisions for a resource body. Structural rules (a JSON object, the right
``resourceType``, a valid id, the R4 elements with cardinality 1..1 for the types the ward uses)
always apply. When :mod:`bedside.models` models the type, its ``parse_resource`` must accept the
resource too (imported lazily: the sandbox must start even while the models package is unfinished,
and types it does not model are accepted after the structural checks). Like real servers, it does
not check code values against value sets.
"""

from __future__ import annotations

import importlib
import re
from typing import Any

from bedside.sandbox.outcomes import FhirError, bad_request, unprocessable

ID_RE = re.compile(r"[A-Za-z0-9\-.]{1,64}")

# Elements that R4 requires (min 1) for the types the ward app writes and reads. A "[x]" element
# is present when any of its choices is.
REQUIRED: dict[str, tuple[str, ...]] = {
    "Observation": ("status", "code"),
    "Encounter": ("status", "class"),
    "MedicationAdministration": ("status", "subject", "medication[x]", "effective[x]"),
    "MedicationRequest": ("status", "intent", "subject", "medication[x]"),
    "Appointment": ("status", "participant"),
    "NutritionOrder": ("status", "intent", "patient", "dateTime"),
    "Condition": ("subject",),
    "AllergyIntolerance": ("patient",),
    "DiagnosticReport": ("status", "code"),
    "Task": ("status", "intent"),
    "Flag": ("status", "code", "subject"),
    "Communication": ("status",),
    "Procedure": ("status", "subject"),
    "ServiceRequest": ("status", "intent", "subject"),
    "CarePlan": ("status", "intent", "subject"),
    "ActivityDefinition": ("status",),
    "AuditEvent": ("type", "recorded", "agent", "source"),
    "Provenance": ("target", "recorded", "agent"),
}


def _has(resource: dict[str, Any], element: str) -> bool:
    if element.endswith("[x]"):
        prefix = element[:-3]
        return any(
            k.startswith(prefix) and len(k) > len(prefix) and k[len(prefix)].isupper()
            for k in resource
        )
    value = resource.get(element)
    return value not in (None, "", [], {})


def validate_resource(body: Any, expected_type: str | None) -> dict[str, Any]:
    """The body as a resource of ``expected_type`` (any type when ``None``), or a refusal."""
    if not isinstance(body, dict):
        raise bad_request("The body must be a JSON object (a FHIR resource)")
    resource_type = body.get("resourceType")
    if not isinstance(resource_type, str) or not resource_type:
        raise unprocessable("The resource has no resourceType")
    if expected_type is not None and resource_type != expected_type:
        raise bad_request(
            f"resourceType '{resource_type}' does not match the URL's type '{expected_type}'"
        )
    rid = body.get("id")
    if rid is not None and (not isinstance(rid, str) or not ID_RE.fullmatch(rid)):
        raise unprocessable("id must match [A-Za-z0-9\\-.]{1,64}")
    meta = body.get("meta")
    if meta is not None and not isinstance(meta, dict):
        raise unprocessable("meta must be an object")
    missing = [e for e in REQUIRED.get(resource_type, ()) if not _has(body, e)]
    if missing:
        raise unprocessable(f"{resource_type}: required element(s) missing: {', '.join(missing)}")
    _check_with_models(body, resource_type)
    return body


def _check_with_models(body: dict[str, Any], resource_type: str) -> None:
    try:
        models = importlib.import_module("bedside.models")
    except ImportError:
        return  # models package not there (yet): structural checks only
    known = getattr(models, "RESOURCE_TYPES", None)
    parse = getattr(models, "parse_resource", None)
    error_type = getattr(models, "FhirModelError", None)
    if parse is None or error_type is None or (known is not None and resource_type not in known):
        return
    try:
        parse(body)
    except error_type as exc:
        raise FhirError(422, str(exc), code="invalid") from exc
