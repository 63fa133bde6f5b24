"""Index columns pulled out of a resource's raw JSON, so views can query without parsing it all.

Pure functions on the server's JSON (a ``dict``); no database and no models, because this runs for
every resource of every downloaded page and must stay cheap. What a column means:

* ``patient_id`` — the patient the resource is about (its own id for a Patient);
* ``encounter_id`` — the encounter it belongs to;
* ``location_id`` — for an Encounter, its first (current) location; for a Location, its parent;
* ``status`` — the resource's ``status`` (``clinicalStatus`` code for allergies and conditions);
* ``sort_date`` — the clinically meaningful time (effective, start, authored…), for ordering a
  patient's history: a dateTime with a zone is stored in UTC (``…Z``) so that text order is time
  order across offsets (+01:00 in winter, +02:00 in summer); a bare date is kept as written.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

_PATIENT_ELEMENTS = ("subject", "patient", "for", "beneficiary")

_DATE_ELEMENTS = (
    "effectiveDateTime",
    "effectiveInstant",
    "issued",
    "authoredOn",
    "recordedDate",
    "onsetDateTime",
    "dateTime",
    "start",
    "date",
    "occurrenceDateTime",
)


@dataclass(frozen=True)
class IndexColumns:
    """The columns stored beside a resource's JSON."""

    patient_id: str | None
    encounter_id: str | None
    location_id: str | None
    status: str | None
    sort_date: str | None


def reference_id(value: Any, expected_type: str) -> str | None:
    """The id in a relative reference like ``{"reference": "Patient/123"}``, if of that type."""
    if not isinstance(value, Mapping):
        return None
    ref = value.get("reference")
    if not isinstance(ref, str):
        return None
    # Absolute references ("https://ehr/fhir/Patient/123") and versioned ones ("…/_history/2")
    # both carry Type/id somewhere; take the pair that follows the type name.
    parts = ref.split("/")
    for index in range(len(parts) - 1):
        if parts[index] == expected_type and parts[index + 1]:
            return parts[index + 1]
    return None


def _patient_of(resource: Mapping[str, Any]) -> str | None:
    if resource.get("resourceType") == "Patient":
        value = resource.get("id")
        return value if isinstance(value, str) else None
    for element in _PATIENT_ELEMENTS:
        found = reference_id(resource.get(element), "Patient")
        if found:
            return found
    participants = resource.get("participant")
    if isinstance(participants, list):  # Appointment
        for participant in participants:
            if isinstance(participant, Mapping):
                found = reference_id(participant.get("actor"), "Patient")
                if found:
                    return found
    return None


def _encounter_of(resource: Mapping[str, Any]) -> str | None:
    if resource.get("resourceType") == "Encounter":
        value = resource.get("id")
        return value if isinstance(value, str) else None
    return reference_id(resource.get("encounter"), "Encounter") or reference_id(
        resource.get("context"), "Encounter"
    )


def _location_of(resource: Mapping[str, Any]) -> str | None:
    kind = resource.get("resourceType")
    if kind == "Location":
        return reference_id(resource.get("partOf"), "Location")
    if kind == "Encounter":
        locations = resource.get("location")
        if isinstance(locations, list):
            for entry in locations:
                if isinstance(entry, Mapping):
                    found = reference_id(entry.get("location"), "Location")
                    if found:
                        return found
    return None


def _status_of(resource: Mapping[str, Any]) -> str | None:
    status = resource.get("status")
    if isinstance(status, str):
        return status
    clinical = resource.get("clinicalStatus")
    if isinstance(clinical, Mapping):
        for coding in clinical.get("coding") or []:
            if isinstance(coding, Mapping) and isinstance(coding.get("code"), str):
                return str(coding["code"])
    return None


def sortable_time(value: str) -> str:
    """``value`` in a form whose text order is time order: UTC for zoned dateTimes."""
    if "T" not in value:
        return value  # a date or partial date: no zone to normalise
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return value
    if moment.tzinfo is None:
        return value
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _sort_date_of(resource: Mapping[str, Any]) -> str | None:
    for element in _DATE_ELEMENTS:
        value = resource.get(element)
        if isinstance(value, str):
            return sortable_time(value)
    for element in ("effectivePeriod", "period"):
        period = resource.get(element)
        if isinstance(period, Mapping) and isinstance(period.get("start"), str):
            return sortable_time(str(period["start"]))
    return None


def index_columns(resource: Mapping[str, Any]) -> IndexColumns:
    """Every index column of ``resource``."""
    return IndexColumns(
        patient_id=_patient_of(resource),
        encounter_id=_encounter_of(resource),
        location_id=_location_of(resource),
        status=_status_of(resource),
        sort_date=_sort_date_of(resource),
    )
