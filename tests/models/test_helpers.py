"""The small read-only helpers on datatypes and resources."""

from __future__ import annotations

import pytest

from bedside.models import (
    CapabilityStatement,
    CodeableConcept,
    Coding,
    HumanName,
    Identifier,
    Patient,
    Reference,
    find_identifier,
    parse_as,
)
from bedside.models.datatypes import SYSTEM_INS_NIR, SYSTEM_KVNR


@pytest.mark.parametrize(
    ("reference", "expected"),
    [
        ("Patient/123", ("Patient", "123")),
        ("https://ehr.example/fhir/Patient/a-1.b", ("Patient", "a-1.b")),
        ("Observation/o1/_history/4", ("Observation", "o1")),
        ("#contained-med", None),
        ("urn:uuid:0f8c2a9e-4b1d-4c3e-9a7f-0123456789ab", None),
        ("not a reference", None),
        (None, None),
    ],
)
def test_reference_id_splits_a_literal_reference(
    reference: str | None, expected: tuple[str, str] | None
) -> None:
    assert Reference(reference=reference).reference_id == expected


def test_human_name_display_prefers_the_senders_text() -> None:
    assert HumanName(text="Dr Marie Durand", family="X").display == "Dr Marie Durand"


def test_human_name_display_joins_the_parts_in_reading_order() -> None:
    name = HumanName(prefix=["Dr"], given=["Marie", "Louise"], family="Durand", suffix=["MD"])
    assert name.display == "Dr Marie Louise Durand MD"


def test_human_name_display_is_empty_for_an_empty_name() -> None:
    assert HumanName().display == ""


def test_find_identifier_picks_the_identifier_of_a_system() -> None:
    ids = [
        Identifier(system="urn:oid:1.2.3", value="IPP-1"),
        Identifier(system=SYSTEM_KVNR, value="A123456789"),
    ]
    found = find_identifier(ids, SYSTEM_KVNR)
    assert found is not None
    assert found.value == "A123456789"
    assert find_identifier(ids, SYSTEM_INS_NIR) is None
    assert find_identifier(None, SYSTEM_KVNR) is None


def test_codeable_concept_helpers_read_codes_by_system() -> None:
    loinc = "http://loinc.org"
    concept = CodeableConcept(
        coding=[Coding(system=loinc, code="8867-4", display="Heart rate"), Coding(code="x")]
    )
    assert concept.codes(loinc) == ["8867-4"]
    assert concept.has_code(loinc, "8867-4")
    assert not concept.has_code(loinc, "9279-1")
    assert concept.display_text == "Heart rate"
    assert CodeableConcept(text="Pulse", coding=[]).display_text == "Pulse"
    assert CodeableConcept().display_text is None


def test_official_name_prefers_the_official_use() -> None:
    patient = Patient(
        name=[HumanName(use="nickname", given=["Mimi"]), HumanName(use="official", family="D")]
    )
    assert patient.official_name is not None
    assert patient.official_name.family == "D"
    assert Patient(name=[HumanName(use="nickname", given=["Mimi"])]).official_name is not None
    assert Patient().official_name is None


def test_a_resource_with_an_id_knows_its_reference() -> None:
    assert Patient(id="p1").reference == "Patient/p1"
    assert Patient().reference is None


def test_capability_statement_answers_what_the_server_supports() -> None:
    statement = parse_as(
        CapabilityStatement,
        {
            "resourceType": "CapabilityStatement",
            "status": "active",
            "date": "2024-01-01",
            "kind": "instance",
            "fhirVersion": "4.0.1",
            "format": ["json"],
            "rest": [
                {
                    "mode": "server",
                    "resource": [
                        {
                            "type": "MedicationAdministration",
                            "interaction": [{"code": "update"}, {"code": "create"}],
                            "updateCreate": True,
                            "conditionalCreate": True,
                            "searchParam": [{"name": "patient", "type": "reference"}],
                        }
                    ],
                }
            ],
        },
    )
    resource = statement.rest_resource("MedicationAdministration")
    assert resource is not None
    assert resource.update_create is True
    assert resource.supports("update")
    assert not resource.supports("delete")
    assert statement.rest_resource("Patient") is None
    assert statement.rest_resource("MedicationAdministration", mode="client") is None
