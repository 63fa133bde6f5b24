"""parse_resource, parse_as, dump_resource and FhirModelError."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bedside.models import (
    RESOURCE_TYPES,
    Bundle,
    Encounter,
    FhirModelError,
    Observation,
    Patient,
    Resource,
    Task,
    dump_resource,
    parse_as,
    parse_resource,
)

PATIENT: dict[str, Any] = {
    "resourceType": "Patient",
    "id": "p1",
    "meta": {"versionId": "3", "lastUpdated": "2024-03-01T10:00:00.123+01:00"},
    "identifier": [{"system": "urn:oid:1.2.250.1.213.1.4.8", "value": "1800175123456"}],
    "name": [{"use": "official", "family": "Durand", "given": ["Marie", "Louise"]}],
    "gender": "female",
    "birthDate": "1950-12-31",
}


def _error(data: Any) -> FhirModelError:
    with pytest.raises(FhirModelError) as caught:
        parse_resource(data)
    return caught.value


def test_a_patient_parses_into_the_patient_model() -> None:
    patient = parse_resource(PATIENT)
    assert isinstance(patient, Patient)
    assert patient.birth_date == "1950-12-31"
    assert patient.name is not None
    assert patient.name[0].given == ["Marie", "Louise"]


def test_json_text_and_bytes_parse_like_a_dict() -> None:
    text = json.dumps(PATIENT)
    assert dump_resource(parse_resource(text)) == PATIENT
    assert dump_resource(parse_resource(text.encode())) == PATIENT


def test_a_dump_gives_back_exactly_the_parsed_json() -> None:
    assert dump_resource(parse_resource(PATIENT)) == PATIENT


def test_unknown_elements_and_extensions_survive_a_round_trip() -> None:
    data = {
        **PATIENT,
        "extension": [
            {
                "url": "https://example.org/fhir/StructureDefinition/birth-place",
                "valueAddress": {"city": "Lyon", "country": "FR"},
            },
            {"url": "https://example.org/x", "valueSignature": {"who": {"display": "x"}}},
        ],
        "futureElement": {"nested": [1, 2.5, None, "x"]},
        "name": [{"family": "Durand", "fancyPart": True}],
    }
    assert dump_resource(parse_resource(data)) == data


def test_python_attribute_names_in_json_are_unknown_elements_kept_verbatim() -> None:
    data = {"resourceType": "Patient", "birth_date": "not a date", "birthDate": "2001"}
    patient = parse_as(Patient, data)
    assert patient.birth_date == "2001"
    assert dump_resource(patient) == data


def test_primitive_extensions_are_kept() -> None:
    data = {
        "resourceType": "Patient",
        "birthDate": "1950-12-31",
        "_birthDate": {
            "extension": [
                {
                    "url": "http://hl7.org/fhir/StructureDefinition/patient-birthTime",
                    "valueDateTime": "1950-12-31T14:35:45-05:00",
                }
            ]
        },
        "name": [{"given": ["A", "B"], "_given": [None, {"id": "g2"}]}],
    }
    assert dump_resource(parse_resource(data)) == data


@pytest.mark.parametrize("date", ["2013", "2013-05", "2013-05-06"])
def test_partial_dates_keep_their_exact_text(date: str) -> None:
    patient = parse_as(Patient, {"resourceType": "Patient", "birthDate": date})
    assert patient.birth_date == date
    assert dump_resource(patient)["birthDate"] == date


def test_date_times_keep_their_precision_and_zone() -> None:
    stamp = "2015-02-07T13:28:17.239+02:00"
    observation = parse_as(
        Observation,
        {"resourceType": "Observation", "status": "final", "code": {}, "effectiveDateTime": stamp},
    )
    assert dump_resource(observation)["effectiveDateTime"] == stamp


def test_numbers_keep_their_kind() -> None:
    data = {
        "resourceType": "Observation",
        "status": "final",
        "code": {"text": "x"},
        "valueQuantity": {"value": 37},
        "referenceRange": [{"low": {"value": 36.5}, "high": {"value": 1e2}}],
        "component": [{"code": {"text": "y"}, "valueInteger": 3}],
    }
    dumped = dump_resource(parse_resource(data))
    assert dumped == data
    assert type(dumped["valueQuantity"]["value"]) is int
    assert type(dumped["referenceRange"][0]["low"]["value"]) is float
    assert type(dumped["component"][0]["valueInteger"]) is int


def test_a_resource_built_in_code_dumps_only_what_was_set() -> None:
    patient = Patient(id="p9", birth_date="1990")
    assert dump_resource(patient) == {"resourceType": "Patient", "id": "p9", "birthDate": "1990"}


def test_python_keywords_use_their_fhir_names_in_json() -> None:
    encounter = parse_resource(
        {"resourceType": "Encounter", "status": "in-progress", "class": {"code": "IMP"}}
    )
    assert isinstance(encounter, Encounter)
    assert encounter.class_.code == "IMP"
    task = parse_as(
        Task,
        {"resourceType": "Task", "status": "ready", "intent": "order", "for": {"reference": "P/1"}},
    )
    assert task.for_ is not None
    assert dump_resource(task)["for"] == {"reference": "P/1"}


def test_bundle_entries_become_models_and_other_types_are_kept_whole() -> None:
    binary = {"resourceType": "Binary", "id": "b1", "contentType": "text/plain", "data": "eA=="}
    data = {
        "resourceType": "Bundle",
        "type": "searchset",
        "total": 2,
        "link": [{"relation": "next", "url": "https://ehr.example/fhir/Patient?page=2"}],
        "entry": [
            {"fullUrl": "https://ehr.example/fhir/Patient/p1", "resource": PATIENT},
            {"resource": binary, "search": {"mode": "include", "score": 0.5}},
        ],
    }
    bundle = parse_as(Bundle, data)
    assert bundle.entry is not None
    assert isinstance(bundle.entry[0].resource, Patient)
    assert type(bundle.entry[1].resource) is Resource
    assert bundle.link_url("next") == "https://ehr.example/fhir/Patient?page=2"
    assert dump_resource(bundle) == data


def test_contained_resources_are_parsed_by_their_type() -> None:
    data = {
        "resourceType": "MedicationRequest",
        "status": "active",
        "intent": "order",
        "subject": {"reference": "Patient/p1"},
        "medicationReference": {"reference": "#med"},
        "contained": [{"resourceType": "Medication", "id": "med", "code": {"text": "Aspirin"}}],
    }
    request = parse_resource(data)
    assert type(request.contained[0]).__name__ == "Medication"  # type: ignore[attr-defined]
    assert dump_resource(request) == data


def test_invalid_date_gives_a_readable_one_line_message() -> None:
    error = _error({"resourceType": "Patient", "id": "p1", "birthDate": "31/12/1950"})
    assert str(error) == "Patient/p1: birthDate: not a valid FHIR date ('31/12/1950')"
    assert error.resource_type == "Patient"
    assert error.resource_id == "p1"
    assert error.problems == ["birthDate: not a valid FHIR date ('31/12/1950')"]


def test_invalid_json_is_a_fhir_model_error() -> None:
    error = _error('{"resourceType": "Patient",')
    assert "not valid JSON" in str(error)
    assert isinstance(error, ValueError)


@pytest.mark.parametrize("data", [b"\xff\xfe\x00", "[1, 2]", "42", [1]])
def test_input_that_is_not_a_json_object_is_refused(data: Any) -> None:
    assert _error(data).resource_type is None


def test_a_missing_resource_type_is_named() -> None:
    error = _error({"id": "x1", "birthDate": "2000"})
    assert str(error) == "resource: resourceType is missing"


def test_an_unsupported_resource_type_is_named() -> None:
    error = _error({"resourceType": "Basic", "id": "b1"})
    assert str(error) == "Basic/b1: unsupported resourceType 'Basic'"


def test_a_resource_type_that_is_not_a_string_is_refused() -> None:
    assert "resourceType" in str(_error({"resourceType": 3}))


@pytest.mark.parametrize("bad_id", ["", "has space", "x" * 65, "ümlaut", 12])
def test_ids_must_match_the_fhir_id_pattern(bad_id: Any) -> None:
    error = _error({"resourceType": "Patient", "id": bad_id})
    assert error.problems[0].startswith("id: ")


@pytest.mark.parametrize(
    "good_id", ["a", "A-1.b", "x" * 64, "0f8c2a9e-4b1d-4c3e-9a7f-0123456789ab"]
)
def test_ids_matching_the_pattern_are_accepted(good_id: str) -> None:
    assert parse_resource({"resourceType": "Patient", "id": good_id}).id == good_id


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        ({"resourceType": "Observation", "code": {}}, "status: required element is missing"),
        ({"resourceType": "Observation", "status": "final"}, "code: required element is missing"),
        ({"resourceType": "Encounter", "status": "planned"}, "class: required element is missing"),
        ({"resourceType": "Bundle"}, "type: required element is missing"),
        (
            {"resourceType": "MedicationRequest", "status": "active", "intent": "order"},
            "subject: required element is missing",
        ),
        (
            {
                "resourceType": "MedicationRequest",
                "status": "active",
                "intent": "order",
                "subject": {"reference": "Patient/1"},
            },
            "medication[x]: a value is required"
            " (one of medicationCodeableConcept, medicationReference)",
        ),
        (
            {
                "resourceType": "MedicationAdministration",
                "status": "completed",
                "subject": {"reference": "Patient/1"},
                "medicationReference": {"reference": "Medication/m"},
            },
            "effective[x]: a value is required (one of effectiveDateTime, effectivePeriod)",
        ),
        (
            {"resourceType": "Appointment", "status": "booked", "participant": [{}]},
            "participant[0].status: required element is missing",
        ),
        (
            {"resourceType": "OperationOutcome", "issue": [{"severity": "error"}]},
            "issue[0].code: required element is missing",
        ),
    ],
)
def test_elements_that_r4_requires_are_enforced(data: dict[str, Any], problem: str) -> None:
    assert problem in _error(data).problems


def test_a_patient_needs_no_element_but_its_type() -> None:
    assert dump_resource(parse_resource({"resourceType": "Patient"})) == {"resourceType": "Patient"}


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (
            {"resourceType": "Patient", "active": "yes"},
            "active: expected a boolean (true/false), got str ('yes')",
        ),
        ({"resourceType": "Patient", "gender": 1}, "gender: expected a string, got int (1)"),
        (
            {"resourceType": "Patient", "name": {"family": "X"}},
            "name: expected an array, got dict ({'family': 'X'})",
        ),
        (
            {"resourceType": "Patient", "name": [{"given": "Marie"}]},
            "name[0].given: expected an array, got str ('Marie')",
        ),
        (
            {"resourceType": "Patient", "multipleBirthInteger": 1.5},
            "multipleBirthInteger: expected an integer, got float (1.5)",
        ),
        (
            {
                "resourceType": "Observation",
                "status": "final",
                "code": {},
                "valueQuantity": {"value": "1"},
            },
            "valueQuantity.value: expected a number, got str",
        ),
        (
            {
                "resourceType": "Observation",
                "status": "final",
                "code": {},
                "valueQuantity": {"value": True},
            },
            "valueQuantity.value: expected a number, got bool",
        ),
    ],
)
def test_wrong_types_are_refused_with_their_path(data: dict[str, Any], problem: str) -> None:
    assert _error(data).problems == [problem]


def test_two_variants_of_one_choice_are_refused() -> None:
    error = _error(
        {
            "resourceType": "Observation",
            "status": "final",
            "code": {},
            "valueString": "x",
            "valueInteger": 1,
        }
    )
    assert error.problems == ["value[x]: only one of valueString, valueInteger may be present"]


def test_errors_inside_bundle_entries_name_the_entry_path() -> None:
    error = _error(
        {
            "resourceType": "Bundle",
            "id": "b1",
            "type": "searchset",
            "entry": [
                {"resource": PATIENT},
                {"resource": {"resourceType": "Patient", "active": 1}},
            ],
        }
    )
    assert str(error) == (
        "Bundle/b1: entry[1].resource.active: expected a boolean (true/false), got int (1)"
    )


def test_a_long_error_list_shows_the_first_three_and_counts_the_rest() -> None:
    error = _error(
        {
            "resourceType": "Patient",
            "id": "p1",
            "active": 1,
            "gender": 2,
            "birthDate": "x",
            "deceasedBoolean": "no",
            "telecom": 5,
        }
    )
    assert len(error.problems) == 5
    assert str(error).endswith("(and 2 more)")
    assert "\n" not in str(error)


def test_parse_as_refuses_another_resource_type() -> None:
    with pytest.raises(FhirModelError, match="expected resourceType 'Observation', got 'Patient'"):
        parse_as(Observation, PATIENT)


def test_parse_as_returns_the_requested_type() -> None:
    patient: Patient = parse_as(Patient, json.dumps(PATIENT))
    assert patient.id == "p1"


def test_every_modelled_type_is_registered_under_its_fhir_name() -> None:
    assert len(RESOURCE_TYPES) == 19
    for name, cls in RESOURCE_TYPES.items():
        assert cls.__name__ == name
        assert cls.model_fields["resource_type"].default == name


def test_the_log_safe_report_names_paths_but_never_the_values() -> None:
    from bedside.models import FhirModelError, parse_resource

    bad = {
        "resourceType": "Patient",
        "id": "p1",
        "name": [{"given": "Anneliese"}],
        "birthDate": "02/03/1941",
    }
    try:
        parse_resource(bad)
    except FhirModelError as error:
        safe = error.log_safe
    else:
        raise AssertionError("the patient should not parse")
    assert safe.startswith("Patient: invalid at ")  # a patient id can be the patient number
    assert "p1" not in safe
    assert "birthDate" in safe
    assert "name[0].given" in safe
    assert "Anneliese" not in safe
    assert "1941" not in safe
