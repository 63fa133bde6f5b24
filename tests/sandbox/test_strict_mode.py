"""Strict mode: the sandbox as an independent R4 server (Medplum) would answer, over loopback.

Server ids on create, no create-as-update, every write validated against HL7's definitions with
Medplum's messages, ``_offset`` paging 20 a page, no ``$verify-pin``; and ``_tag`` in both modes.
The friendly mode keeps its answers.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
import pytest_asyncio

from bedside.models import fhir_json
from bedside.sandbox import r4_validation
from bedside.sandbox.runner import build_parser
from bedside.sandbox.search import WARD_TYPES
from bedside.sandbox.server import Sandbox, SandboxConfig
from tests.sandbox.conftest import Ehr, FakeClock, observation, on_loopback, patient

TAG_SYSTEM = "https://bedside.example/fhir/upload-key"


@pytest_asyncio.fixture
async def strict(clock: FakeClock) -> AsyncIterator[Ehr]:
    sandbox = Sandbox(clock=clock, config=SandboxConfig.strict())
    try:
        async with on_loopback(sandbox, clock) as ehr:
            yield ehr
    finally:
        sandbox.close()


@pytest_asyncio.fixture
async def friendly(clock: FakeClock) -> AsyncIterator[Ehr]:
    sandbox = Sandbox(clock=clock, config=SandboxConfig())
    try:
        async with on_loopback(sandbox, clock) as ehr:
            yield ehr
    finally:
        sandbox.close()


@pytest_asyncio.fixture(params=["friendly", "strict"])
async def either(request: pytest.FixtureRequest, clock: FakeClock) -> AsyncIterator[Ehr]:
    config = SandboxConfig.strict() if request.param == "strict" else SandboxConfig()
    sandbox = Sandbox(clock=clock, config=config)
    try:
        async with on_loopback(sandbox, clock) as ehr:
            yield ehr
    finally:
        sandbox.close()


# Synthetic ward writes, as R4 wants them --------------------------------------------------------


def audit_event(key: str | None = None, **extra: Any) -> dict[str, Any]:
    """A 'patient record viewed' audit event; ``key`` goes in meta.tag (the upload key)."""
    resource: dict[str, Any] = {
        "resourceType": "AuditEvent",
        "type": {
            "system": "http://dicom.nema.org/resources/ontology/DCM",
            "code": "110110",
            "display": "Patient Record",
        },
        "action": "R",
        "recorded": "2026-05-04T07:30:00.000+02:00",
        "outcome": "0",
        "agent": [{"who": {"reference": "Practitioner/n1"}, "requestor": True}],
        "source": {"observer": {"display": "Bedside tablet, bed 12"}},
        "entity": [{"what": {"reference": "Patient/p1"}}],
        **extra,
    }
    if key is not None:
        resource["meta"] = {"tag": [{"system": TAG_SYSTEM, "code": key}]}
    return resource


def nutrition_order() -> dict[str, Any]:
    return {
        "resourceType": "NutritionOrder",
        "identifier": [{"system": "urn:ietf:rfc:3986", "value": f"urn:uuid:{uuid.uuid4()}"}],
        "status": "active",
        "intent": "order",
        "patient": {"reference": "Patient/p1"},
        "encounter": {"reference": "Encounter/e1"},
        "dateTime": "2026-05-04T07:30:00+02:00",
        "oralDiet": {
            "type": [{"coding": [{"system": "http://snomed.info/sct", "code": "435581000124102"}]}],
            "schedule": [{"event": ["2026-05-04T12:00:00+02:00"]}],
        },
        "note": [{"text": "Soupe de légumes, sans sel"}],
    }


def task() -> dict[str, Any]:
    return {
        "resourceType": "Task",
        "status": "completed",
        "intent": "order",
        "code": {"text": "Turn the patient"},
        "for": {"reference": "Patient/p1"},
        "authoredOn": "2026-05-04T07:00:00+02:00",
        "lastModified": "2026-05-04T07:45:00+02:00",
        "executionPeriod": {"start": "2026-05-04T07:40:00+02:00"},
        "owner": {"reference": "Practitioner/n1"},
    }


def communication() -> dict[str, Any]:
    return {
        "resourceType": "Communication",
        "status": "completed",
        "subject": {"reference": "Patient/p1"},
        "sent": "2026-05-04T07:31:00+02:00",
        "sender": {"reference": "Patient/p1"},
        "payload": [{"contentString": "J'aimerais un verre d'eau"}],
    }


def medication_administration() -> dict[str, Any]:
    return {
        "resourceType": "MedicationAdministration",
        "identifier": [{"system": "urn:ietf:rfc:3986", "value": f"urn:uuid:{uuid.uuid4()}"}],
        "status": "completed",
        "medicationCodeableConcept": {
            "coding": [{"system": "http://www.whocc.no/atc", "code": "N02BE01"}],
            "text": "Paracétamol 1 g",
        },
        "subject": {"reference": "Patient/p1"},
        "context": {"reference": "Encounter/e1"},
        "effectiveDateTime": "2026-05-04T08:00:00+02:00",
        "performer": [{"actor": {"reference": "Practitioner/n1"}}],
        "request": {"reference": "MedicationRequest/mr1"},
        "dosage": {
            "route": {"text": "oral"},
            "dose": {"value": 1, "unit": "g", "system": "http://unitsofmeasure.org", "code": "g"},
        },
    }


def _issues(answer: httpx.Response) -> list[tuple[str, str]]:
    """(details.text, expression) of every issue of an OperationOutcome answer."""
    outcome = answer.json()
    assert outcome["resourceType"] == "OperationOutcome"
    return [(i["details"]["text"], i["expression"][0]) for i in outcome["issue"]]


# Create and update --------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_a_post_gets_the_servers_own_uuid_whatever_id_the_body_carries(strict: Ehr) -> None:
    answer = await strict.post(
        "Observation",
        observation("p1", id="chosen-by-the-tablet"),
        headers={"Prefer": "return=representation"},
    )

    assert answer.status_code == 201
    created = answer.json()
    assert created["id"] != "chosen-by-the-tablet"
    assert str(uuid.UUID(created["id"])) == created["id"]
    assert answer.headers["Location"].startswith(f"{strict.base}Observation/{created['id']}/")
    assert answer.headers["ETag"] == f'W/"{created["meta"]["versionId"]}"'
    assert (await strict.get(f"Observation/{created['id']}")).json() == created
    assert (await strict.get("Observation/chosen-by-the-tablet")).status_code == 404


@pytest.mark.asyncio
async def test_a_put_to_an_id_the_server_does_not_know_is_404_not_a_create(strict: Ehr) -> None:
    rid = str(uuid.uuid4())

    answer = await strict.put(f"Observation/{rid}", observation("p1", id=rid))

    assert answer.status_code == 404
    assert answer.json()["resourceType"] == "OperationOutcome"
    assert answer.json()["issue"][0]["code"] == "not-found"
    assert (await strict.get(f"Observation/{rid}")).status_code == 404


@pytest.mark.asyncio
async def test_a_put_to_a_known_id_updates_and_is_validated_like_a_create(strict: Ehr) -> None:
    created = await strict.create(observation("p1"))

    good = await strict.put(f"Observation/{created['id']}", {**created, "status": "amended"})
    bad = await strict.put(f"Observation/{created['id']}", {**created, "nurse": "Anne"})

    assert good.status_code == 200
    assert good.json()["status"] == "amended"
    assert bad.status_code == 400
    assert _issues(bad) == [('Invalid additional property "nurse"', "Observation.nurse")]


# Validation ---------------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_an_element_r4_does_not_have_is_400_with_medplums_message_and_expression(
    strict: Ehr,
) -> None:
    key = {"system": "urn:ietf:rfc:3986", "value": f"urn:uuid:{uuid.uuid4()}"}

    answer = await strict.post("AuditEvent", audit_event(identifier=[key]))

    assert answer.status_code == 400
    issue = answer.json()["issue"][0]
    assert issue["severity"] == "error"
    assert issue["code"] == "structure"
    assert issue["details"]["text"] == 'Invalid additional property "identifier"'
    assert issue["expression"] == ["AuditEvent.identifier"]
    assert (await strict.get("AuditEvent")).json()["total"] == 0, "nothing was stored"


def _without(resource: dict[str, Any], *keys: str) -> dict[str, Any]:
    return {k: v for k, v in resource.items() if k not in keys}


_COMPONENT_CODE = {"coding": [{"system": "http://loinc.org", "code": "8480-6"}]}

# (what is wrong, the resource, the message, where)
_INVALID: list[tuple[str, dict[str, Any], str, str]] = [
    (
        "an element deep inside",
        observation("p1", referenceRange=[{"low": {"value": 60}, "colour": "green"}]),
        'Invalid additional property "colour"',
        "Observation.referenceRange[0].colour",
    ),
    (
        "a list where one value belongs",
        observation("p1", subject=[{"reference": "Patient/p1"}]),
        "Expected single value for property",
        "Observation.subject",
    ),
    (
        "one value where a list belongs",
        observation("p1", category={"text": "vital-signs"}),
        "Expected array of values for property",
        "Observation.category",
    ),
    (
        "an object where a primitive belongs",
        observation("p1", status={"code": "final"}),
        "Invalid JSON type: expected string, but got object",
        "Observation.status",
    ),
    (
        "a primitive where an object belongs",
        observation("p1", code="8867-4"),
        "Invalid JSON type: expected object, but got string",
        "Observation.code",
    ),
    (
        "a number written as text",
        observation("p1", valueQuantity={"value": "72", "unit": "/min"}),
        "Invalid JSON type: expected number, but got string",
        "Observation.valueQuantity.value",
    ),
    (
        "a dateTime without seconds",
        observation("p1", when="2026-05-04T07:30+02:00"),
        "Invalid dateTime format",
        "Observation.effectiveDateTime",
    ),
    (
        "a dateTime with a space for a T",
        observation("p1", when="2026-05-04 07:30:00+02:00"),
        "Invalid dateTime format",
        "Observation.effectiveDateTime",
    ),
    (
        "a day the month does not have",
        observation("p1", when="2026-02-30T07:30:00+01:00"),
        "Invalid dateTime value",
        "Observation.effectiveDateTime",
    ),
    (
        "an instant without a time zone",
        observation("p1", issued="2026-05-04T07:30:00"),
        "Invalid instant format",
        "Observation.issued",
    ),
    (
        "a code with a trailing space",
        observation("p1", status="final "),
        "Invalid code format",
        "Observation.status",
    ),
    (
        "a required element left out",
        _without(observation("p1"), "status"),
        "Missing required property",
        "Observation.status",
    ),
    (
        "a choice type the element does not allow",
        _without(observation("p1", valueAge={"value": 3}), "valueQuantity"),
        'Invalid additional property "valueAge"',
        "Observation.valueAge",
    ),
    (
        "two choices of one element",
        observation("p1", valueString="72/min"),
        'Conflicting choice of type properties: "valueString", "valueQuantity"',
        "Observation.valueString",
    ),
    (
        "an integer with a fraction",
        observation("p1", component=[{"code": _COMPONENT_CODE, "valueInteger": 1.5}]),
        "Expected number to be an integer",
        "Observation.component[0].valueInteger",
    ),
    (
        "an empty list",
        observation("p1", note=[]),
        "Invalid empty value",
        "Observation.note",
    ),
    (
        "a null",
        observation("p1", encounter=None),
        "Invalid null value",
        "Observation.encounter",
    ),
    (
        "an extension without its url",
        observation("p1", extension=[{"valueString": "x"}]),
        "Missing required property",
        "Observation.extension[0].url",
    ),
    (
        "an id R4 does not allow",
        observation("p1", id="not an id!"),
        "Invalid id format",
        "Observation.id",
    ),
    (
        "a contained resource of no R4 type",
        observation("p1", contained=[{"resourceType": "Nurse", "id": "n"}]),
        "Invalid resource type",
        "Observation.contained[0]",
    ),
    (
        "an unknown element in a contained resource",
        observation("p1", contained=[{**patient(), "id": "p", "nickname": "Lou"}]),
        'Invalid additional property "nickname"',
        "Observation.contained[0].nickname",
    ),
    (
        "a boolean written as text",
        patient(active="true"),
        "Invalid JSON type: expected boolean, but got string",
        "Patient.active",
    ),
    (
        "a date with a time",
        patient(birthDate="1950-03-02T00:00:00Z"),
        "Invalid date format",
        "Patient.birthDate",
    ),
    (
        "a primitive's extension that is not an object",
        patient(_birthDate="unknown"),
        "Invalid JSON type: expected object, but got string",
        "Patient._birthDate",
    ),
]


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("resource", "text", "expression"),
    [case[1:] for case in _INVALID],
    ids=[case[0] for case in _INVALID],
)
async def test_an_invalid_resource_is_400_naming_the_problem_and_where(
    strict: Ehr, resource: dict[str, Any], text: str, expression: str
) -> None:
    answer = await strict.post(resource["resourceType"], resource)

    assert answer.status_code == 400
    assert (text, expression) in _issues(answer)
    assert all(i["severity"] == "error" for i in answer.json()["issue"])


@pytest.mark.asyncio
async def test_every_problem_of_a_resource_is_reported_at_once(strict: Ehr) -> None:
    wrong = _without(observation("p1", nurse="Anne", issued="today"), "status")

    answer = await strict.post("Observation", wrong)

    assert answer.status_code == 400
    assert set(_issues(answer)) == {
        ('Invalid additional property "nurse"', "Observation.nurse"),
        ("Invalid instant format", "Observation.issued"),
        ("Missing required property", "Observation.status"),
    }


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "make",
    [
        lambda: observation("p1"),
        nutrition_order,
        task,
        lambda: audit_event(str(uuid.uuid4())),
        communication,
        medication_administration,
    ],
    ids=[
        "Observation",
        "NutritionOrder",
        "Task",
        "AuditEvent",
        "Communication",
        "MedicationAdministration",
    ],
)
async def test_a_valid_ward_write_is_accepted(strict: Ehr, make: Any) -> None:
    resource = make()

    answer = await strict.post(resource["resourceType"], resource)

    assert answer.status_code == 201, answer.text
    assert _without(answer.json(), "id", "meta") == _without(resource, "id", "meta")


@pytest.mark.asyncio
async def test_a_primitive_list_may_hold_a_null_where_its_extension_stands_in(
    strict: Ehr,
) -> None:
    absent = {"url": "http://hl7.org/fhir/StructureDefinition/data-absent-reason"}
    named = patient(
        name=[
            {
                "family": "Martin",
                "given": ["Louise", None],
                "_given": [None, {"extension": [{**absent, "valueCode": "unknown"}]}],
            }
        ]
    )

    answer = await strict.post("Patient", named)

    assert answer.status_code == 201, answer.text


@pytest.mark.asyncio
async def test_a_type_outside_the_ward_is_not_served(strict: Ehr) -> None:
    basic = {"resourceType": "Basic", "code": {"text": "note"}}

    answer = await strict.post("Basic", basic)

    assert answer.status_code == 404
    assert (await strict.get("Basic")).status_code == 404


# Transactions and batches -------------------------------------------------------------------------


def _entry(method: str, url: str, resource: dict[str, Any] | None = None) -> dict[str, Any]:
    entry: dict[str, Any] = {"request": {"method": method, "url": url}}
    if resource is not None:
        entry["resource"] = resource
    return entry


@pytest.mark.asyncio
async def test_a_transaction_with_one_invalid_entry_is_400_and_stores_nothing(
    strict: Ehr,
) -> None:
    bundle = {
        "resourceType": "Bundle",
        "type": "transaction",
        "entry": [
            _entry("POST", "Observation", observation("p1")),
            _entry("POST", "AuditEvent", audit_event(identifier=[{"value": "k"}])),
        ],
    }

    answer = await strict.post("", bundle)

    assert answer.status_code == 400
    expected = ('Invalid additional property "identifier"', "AuditEvent.identifier")
    assert _issues(answer) == [expected]
    assert (await strict.get("Observation")).json()["total"] == 0


@pytest.mark.asyncio
async def test_a_transaction_put_to_an_unknown_id_is_404(strict: Ehr) -> None:
    rid = str(uuid.uuid4())
    bundle = {
        "resourceType": "Bundle",
        "type": "transaction",
        "entry": [_entry("PUT", f"Observation/{rid}", observation("p1", id=rid))],
    }

    answer = await strict.post("", bundle)

    assert answer.status_code == 404


@pytest.mark.asyncio
async def test_a_batch_answers_each_entry_by_the_same_rules(strict: Ehr) -> None:
    rid = str(uuid.uuid4())
    bundle = {
        "resourceType": "Bundle",
        "type": "batch",
        "entry": [
            _entry("POST", "Task", task()),
            _entry("POST", "Observation", observation("p1", when="yesterday")),
            _entry("PUT", f"Observation/{rid}", observation("p1", id=rid)),
        ],
    }

    answer = await strict.post("", bundle)

    assert answer.status_code == 200
    entries = answer.json()["entry"]
    assert [e["response"]["status"][:3] for e in entries] == ["201", "400", "404"]
    issue = entries[1]["response"]["outcome"]["issue"][0]
    assert issue["details"]["text"] == "Invalid dateTime format"
    assert issue["expression"] == ["Observation.effectiveDateTime"]


# Paging -------------------------------------------------------------------------------------------


def _observations(count: int) -> list[dict[str, Any]]:
    return [observation("p1", id=f"obs-{n:04d}") for n in range(count)]


def _next(bundle: dict[str, Any]) -> str | None:
    links = [link["url"] for link in bundle["link"] if link["relation"] == "next"]
    return links[0] if links else None


@pytest.mark.asyncio
async def test_a_search_pages_20_at_a_time_with_offset_links_and_a_total(strict: Ehr) -> None:
    strict.sandbox.load(_observations(45))

    first = (await strict.get("Observation")).json()

    assert first["total"] == 45
    assert len(first["entry"]) == 20
    assert _next(first) == f"{strict.base}Observation?_count=20&_offset=20"


@pytest.mark.asyncio
async def test_following_next_links_returns_every_resource_exactly_once(strict: Ehr) -> None:
    loaded = _observations(45)
    strict.sandbox.load(loaded)

    found = await strict.search_all("Observation", {"subject": "Patient/p1", "_count": "7"})

    assert sorted(r["id"] for r in found) == sorted(r["id"] for r in loaded)


@pytest.mark.asyncio
async def test_a_next_link_keeps_the_search_and_moves_the_offset(strict: Ehr) -> None:
    strict.sandbox.load(_observations(12))

    page = (await strict.get("Observation", params={"subject": "Patient/p1", "_count": "5"})).json()
    second = (await strict.get(str(_next(page)))).json()

    query = parse_qs(urlsplit(str(_next(page))).query)
    assert query == {"subject": ["Patient/p1"], "_count": ["5"], "_offset": ["5"]}
    assert parse_qs(urlsplit(str(_next(second))).query)["_offset"] == ["10"]
    assert len(second["entry"]) == 5
    assert second["total"] == 12


@pytest.mark.asyncio
async def test_a_count_above_the_servers_maximum_is_capped(strict: Ehr) -> None:
    strict.sandbox.load(_observations(1005))

    page = (await strict.get("Observation", params={"_count": "5000"})).json()

    assert len(page["entry"]) == 1000
    assert page["total"] == 1005
    assert _next(page) == f"{strict.base}Observation?_count=1000&_offset=1000"


@pytest.mark.asyncio
async def test_pages_are_live_so_a_resource_updated_meanwhile_comes_again(
    strict: Ehr, clock: FakeClock
) -> None:
    # What an offset-paging server does: no snapshot behind the links. The client must not
    # count on one (its next delta sync catches what moved).
    strict.sandbox.load(_observations(10))
    first = (await strict.get("Observation", params={"_count": "4"})).json()
    moved = first["entry"][0]["resource"]
    clock.advance(seconds=1)
    updated = await strict.put(f"Observation/{moved['id']}", {**moved, "status": "amended"})
    assert updated.status_code == 200

    rest = await strict.search_all(str(_next(first)))

    assert moved["id"] in [r["id"] for r in rest]


@pytest.mark.asyncio
async def test_the_friendly_mode_still_pages_by_snapshot_50_at_a_time(friendly: Ehr) -> None:
    friendly.sandbox.load(_observations(55))

    first = (await friendly.get("Observation")).json()

    assert len(first["entry"]) == 50
    assert "_getpages=" in str(_next(first))
    assert (await friendly.get("Observation", params={"_offset": "5"})).status_code == 400


# $verify-pin and the CapabilityStatement ----------------------------------------------------------


@pytest.mark.asyncio
async def test_verify_pin_is_an_unknown_operation_404(strict: Ehr) -> None:
    body = {
        "resourceType": "Parameters",
        "parameter": [
            {"name": "badge", "valueIdentifier": {"value": "B-0001"}},
            {"name": "pin", "valueString": "1234"},
        ],
    }

    answer = await strict.post("Practitioner/$verify-pin", body)

    assert answer.status_code == 404
    assert answer.json()["resourceType"] == "OperationOutcome"


@pytest.mark.asyncio
async def test_the_strict_capability_statement_has_no_update_create_and_no_verify_pin(
    strict: Ehr,
) -> None:
    statement = (await strict.get("metadata")).json()

    resources = statement["rest"][0]["resource"]
    assert {r["type"] for r in resources} == WARD_TYPES
    assert all(r["updateCreate"] is False for r in resources)
    assert all("operation" not in r for r in resources)
    history = {i["code"] for r in resources for i in r["interaction"]}
    assert "history-instance" in history
    assert "history-type" not in history


@pytest.mark.asyncio
async def test_the_friendly_capability_statement_lists_verify_pin_on_practitioner(
    friendly: Ehr,
) -> None:
    statement = (await friendly.get("metadata")).json()

    by_type = {r["type"]: r for r in statement["rest"][0]["resource"]}
    assert [o["name"] for o in by_type["Practitioner"]["operation"]] == ["verify-pin"]
    assert by_type["Basic"]["updateCreate"] is True


# _tag, in both modes ------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_tag_finds_resources_by_meta_tag(either: Ehr) -> None:
    key = str(uuid.uuid4())
    created = await either.create(audit_event(key))
    await either.create(audit_event(str(uuid.uuid4())))

    found = (await either.get("AuditEvent", params={"_tag": f"{TAG_SYSTEM}|{key}"})).json()
    by_code = (await either.get("AuditEvent", params={"_tag": key})).json()
    other_system = (await either.get("AuditEvent", params={"_tag": f"urn:other|{key}"})).json()

    assert [e["resource"]["id"] for e in found["entry"]] == [created["id"]]
    assert by_code["total"] == 1
    assert other_system["total"] == 0


@pytest.mark.asyncio
async def test_if_none_exist_on_a_tag_finds_the_one_already_there(either: Ehr) -> None:
    key = str(uuid.uuid4())
    created = await either.create(audit_event(key))

    again = await either.post(
        "AuditEvent", audit_event(key), headers={"If-None-Exist": f"_tag={TAG_SYSTEM}|{key}"}
    )

    assert again.status_code == 200
    assert again.json()["id"] == created["id"]
    assert (await either.get("AuditEvent")).json()["total"] == 1


@pytest.mark.asyncio
async def test_if_none_exist_on_a_tag_that_several_carry_is_412(either: Ehr) -> None:
    key = str(uuid.uuid4())
    either.sandbox.load([audit_event(key, id="twin-1"), audit_event(key, id="twin-2")])

    answer = await either.post(
        "AuditEvent", audit_event(key), headers={"If-None-Exist": f"_tag={TAG_SYSTEM}|{key}"}
    )

    assert answer.status_code == 412
    assert (await either.get("AuditEvent")).json()["total"] == 2


@pytest.mark.asyncio
async def test_if_none_exist_on_a_new_tag_creates(either: Ehr) -> None:
    key = str(uuid.uuid4())

    answer = await either.post(
        "AuditEvent", audit_event(key), headers={"If-None-Exist": f"_tag={TAG_SYSTEM}|{key}"}
    )

    assert answer.status_code == 201
    assert answer.json()["meta"]["tag"] == [{"system": TAG_SYSTEM, "code": key}]


@pytest.mark.asyncio
async def test_every_type_lists_tag_among_its_search_parameters(either: Ehr) -> None:
    statement = (await either.get("metadata")).json()

    for resource in statement["rest"][0]["resource"]:
        tag = [p for p in resource["searchParam"] if p["name"] == "_tag"]
        assert [p["type"] for p in tag] == ["token"], resource["type"]


@pytest.mark.asyncio
async def test_tag_works_on_a_type_without_its_own_search_definitions(friendly: Ehr) -> None:
    key = str(uuid.uuid4())
    basic = {
        "resourceType": "Basic",
        "meta": {"tag": [{"system": TAG_SYSTEM, "code": key}]},
        "code": {"text": "note"},
    }
    created = await friendly.create(basic)

    found = (await friendly.get("Basic", params={"_tag": f"{TAG_SYSTEM}|{key}"})).json()

    assert [e["resource"]["id"] for e in found["entry"]] == [created["id"]]


# The friendly mode keeps its answers --------------------------------------------------------------


@pytest.mark.asyncio
async def test_the_friendly_mode_creates_by_put_and_does_not_check_unknown_elements(
    friendly: Ehr,
) -> None:
    rid = str(uuid.uuid4())

    put = await friendly.put(f"Observation/{rid}", observation("p1", id=rid))
    audit = await friendly.post("AuditEvent", audit_event(identifier=[{"value": "k"}]))

    assert put.status_code == 201
    assert audit.status_code == 201


# Switches -----------------------------------------------------------------------------------------


def test_the_strict_preset_turns_off_create_as_update_and_type_history() -> None:
    config = SandboxConfig.strict(admin_token="adm")

    assert config.strict_mode is True
    assert config.update_create is False
    assert config.type_history is False
    assert config.admin_token == "adm"
    assert SandboxConfig().strict_mode is False


def test_the_cli_has_a_strict_flag() -> None:
    assert build_parser().parse_args(["--strict"]).strict is True
    assert build_parser().parse_args([]).strict is False


def test_bedside_sandbox_strict_runs_the_strict_server_in_its_own_process(tmp_path: Path) -> None:
    from tests.sync.ehr import ehr_process

    with ehr_process(tmp_path, strict=True) as ehr, httpx.Client(base_url=ehr.base_url) as http:
        token = http.post(
            "auth/token",
            data={"grant_type": "client_credentials", "scope": "system/*.read system/*.write"},
            auth=(ehr.client_id, ehr.client_secret),
        ).json()["access_token"]
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/fhir+json"}
        statement = http.get("metadata").json()
        rid = str(uuid.uuid4())
        put = http.put(f"Observation/{rid}", json=observation("p1", id=rid), headers=headers)
        page = http.get("Observation", headers=headers).json()

    assert ehr.strict
    assert all(r["updateCreate"] is False for r in statement["rest"][0]["resource"])
    assert put.status_code == 404
    assert len(page["entry"]) == 20
    assert "_offset=20" in str(_next(page))


@pytest.mark.asyncio
async def test_the_in_process_test_ehr_can_be_strict() -> None:
    from tests.sync.ehr import own_ehr

    async with own_ehr(strict=True) as ehr:
        assert ehr.sandbox.strict
        assert ehr.sandbox.config.update_create is False
    async with own_ehr() as ehr:
        assert not ehr.sandbox.strict
        assert ehr.sandbox.config.update_create is True


# The element table --------------------------------------------------------------------------------


def test_the_element_table_says_audit_event_has_no_identifier() -> None:
    audit = r4_validation.table().elements["AuditEvent"]

    assert "identifier" not in audit
    assert audit["recorded"].min == 1
    assert audit["recorded"].types == ("instant",)
    assert audit["agent"].many


def test_the_element_table_has_observations_value_choices_as_r4_lists_them() -> None:
    value = r4_validation.table().elements["Observation"]["value[x]"]

    assert value.types == (
        "Quantity",
        "CodeableConcept",
        "string",
        "boolean",
        "integer",
        "Range",
        "Ratio",
        "SampledData",
        "time",
        "dateTime",
        "Period",
    )
    assert not value.many
    assert value.min == 0


def test_the_element_table_covers_the_stored_types_their_backbones_and_datatypes() -> None:
    table = r4_validation.table()

    assert table.resource_types == WARD_TYPES
    assert {"Observation.component", "Extension", "Timing.repeat", "Dosage"} <= set(table.elements)
    assert table.primitives["dateTime"][0] == "string"
    assert table.primitives["positiveInt"][0] == "number"
    assert table.primitives["boolean"][0] == "boolean"
    assert "Goal" in table.other_resource_types


def test_the_seeded_ward_passes_strict_validation() -> None:
    from bedside.sandbox.seed import generate_ward

    ward = generate_ward(seed=11)

    problems = [(r["resourceType"], r2) for r in ward.resources for r2 in r4_validation.issues(r)]
    assert not problems[:5]
    assert {r["resourceType"] for r in ward.resources} <= WARD_TYPES


def test_decimals_keep_their_written_form_for_the_r4_regex() -> None:
    # 1.50 arrives as Decimal("1.50") (bedside.models.fhir_json): a decimal, but not an integer.
    quantity = observation("p1", valueQuantity={"value": Decimal("1.50"), "unit": "mmol/L"})
    two = Decimal("2.0")
    counted = observation("p1", component=[{"code": _COMPONENT_CODE, "valueInteger": two}])

    assert r4_validation.issues(quantity) == []
    assert [i["details"]["text"] for i in r4_validation.issues(counted)] == [
        "Expected number to be an integer"
    ]


@pytest.mark.network
def test_the_committed_element_table_is_what_the_generator_makes(hl7_package: Path) -> None:
    from tests.models.hl7_examples import PACKAGE, TARBALL_SHA1, VERSION
    from tools import r4_elements

    source = {"package": f"{PACKAGE}@{VERSION}", "sha1": TARBALL_SHA1}
    table = r4_elements.build_table(hl7_package, r4_elements.stored_types(), source)

    assert r4_elements.render(table) == r4_elements.TABLE.read_text(encoding="utf-8"), (
        "bedside/sandbox/r4_elements.json is stale: run tools/r4_elements.py"
    )


@pytest.mark.network
def test_every_official_example_of_the_stored_types_passes_strict_validation(
    hl7_package: Path,
) -> None:
    checked = 0
    failures = []
    # The package names each file after its resource type ("Observation-bmi.json").
    named = [p for p in sorted(hl7_package.glob("*-*.json")) if p.name.split("-")[0] in WARD_TYPES]
    for path in named:
        resource = fhir_json.loads(path.read_bytes())
        if not isinstance(resource, dict) or resource.get("resourceType") not in WARD_TYPES:
            continue
        checked += 1
        problems = r4_validation.issues(resource)
        if problems:
            failures.append(f"{path.name}: {problems[:2]}")
    assert checked > 300
    assert not failures, "\n".join(failures)
