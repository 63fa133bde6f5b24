"""Create, read, vread, update, delete: the single-resource interactions and their refusals."""

from __future__ import annotations

import re
import uuid

import pytest

from bedside.sandbox.server import SandboxConfig
from tests.sandbox.conftest import FHIR_JSON, Ehr, observation, patient

UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


@pytest.mark.asyncio
async def test_a_create_answers_201_with_location_etag_and_the_stored_resource(ehr: Ehr) -> None:
    answer = await ehr.post("Patient", patient(id="client-chosen"))

    assert answer.status_code == 201
    body = answer.json()
    assert UUID_RE.match(body["id"]), "the server assigns a UUID and ignores the body's id"
    vid = body["meta"]["versionId"]
    assert UUID_RE.match(vid), "version ids are opaque UUIDs, not counters"
    assert answer.headers["ETag"] == f'W/"{vid}"'
    assert answer.headers["Location"] == f"{ehr.base}Patient/{body['id']}/_history/{vid}"
    assert answer.headers["Last-Modified"].endswith("GMT")
    assert answer.headers["Content-Type"].startswith("application/fhir+json")
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", body["meta"]["lastUpdated"])


@pytest.mark.asyncio
async def test_a_read_returns_the_resource_with_its_etag_and_last_modified(ehr: Ehr) -> None:
    created = await ehr.create(patient())

    answer = await ehr.get(f"Patient/{created['id']}")

    assert answer.status_code == 200
    assert answer.json() == created
    assert answer.headers["ETag"] == f'W/"{created["meta"]["versionId"]}"'
    assert answer.headers["Last-Modified"] == "Mon, 04 May 2026 08:00:00 GMT"
    assert "Date" in answer.headers


@pytest.mark.asyncio
async def test_reading_an_unknown_resource_is_404_with_an_operation_outcome(ehr: Ehr) -> None:
    answer = await ehr.get("Patient/does-not-exist")

    assert answer.status_code == 404
    outcome = answer.json()
    assert outcome["resourceType"] == "OperationOutcome"
    assert outcome["issue"][0]["severity"] == "error"
    assert outcome["issue"][0]["code"] == "not-found"
    assert outcome["issue"][0]["diagnostics"]


@pytest.mark.asyncio
async def test_an_unknown_resource_type_is_404(ehr: Ehr) -> None:
    answer = await ehr.get("Spaceship/1")

    assert answer.status_code == 404
    assert answer.json()["resourceType"] == "OperationOutcome"


@pytest.mark.asyncio
async def test_a_method_the_endpoint_lacks_is_405_with_an_operation_outcome(ehr: Ehr) -> None:
    answer = await ehr.http.patch("Patient/1", headers=ehr.headers, content=b"[]")

    assert answer.status_code == 405
    assert answer.json()["resourceType"] == "OperationOutcome"


@pytest.mark.asyncio
async def test_write_instants_strictly_increase_even_when_the_clock_stands_still(ehr: Ehr) -> None:
    first = await ehr.create(patient("1"))
    second = await ehr.create(patient("2"))

    assert second["meta"]["lastUpdated"] > first["meta"]["lastUpdated"]


@pytest.mark.asyncio
async def test_an_update_makes_a_new_version_and_vread_still_finds_the_old_one(ehr: Ehr) -> None:
    created = await ehr.create(patient())
    changed = {**created, "gender": "other"}

    answer = await ehr.put(f"Patient/{created['id']}", changed)

    assert answer.status_code == 200
    new_vid = answer.json()["meta"]["versionId"]
    old_vid = created["meta"]["versionId"]
    assert new_vid != old_vid
    old = await ehr.get(f"Patient/{created['id']}/_history/{old_vid}")
    assert old.status_code == 200
    assert old.json()["gender"] == "female"
    assert old.headers["ETag"] == f'W/"{old_vid}"'
    assert (await ehr.get(f"Patient/{created['id']}/_history/nope")).status_code == 404


@pytest.mark.asyncio
async def test_an_unchanged_put_returns_200_with_the_old_version(ehr: Ehr) -> None:
    created = await ehr.create(patient())

    answer = await ehr.put(f"Patient/{created['id']}", created)

    assert answer.status_code == 200
    assert answer.json()["meta"]["versionId"] == created["meta"]["versionId"]
    history = (await ehr.get(f"Patient/{created['id']}/_history")).json()
    assert history["total"] == 1


@pytest.mark.asyncio
async def test_a_put_to_a_new_client_id_creates_it_with_201_and_a_retry_is_harmless(
    ehr: Ehr,
) -> None:
    rid = str(uuid.uuid4())
    resource = observation("p1", id=rid)

    first = await ehr.put(f"Observation/{rid}", resource)
    retry = await ehr.put(f"Observation/{rid}", resource)

    assert first.status_code == 201
    assert first.headers["Location"].startswith(f"{ehr.base}Observation/{rid}/_history/")
    assert retry.status_code == 200
    assert retry.json()["meta"]["versionId"] == first.json()["meta"]["versionId"]


@pytest.mark.asyncio
@pytest.mark.parametrize("config", [SandboxConfig(update_create=False)])
async def test_create_as_update_is_refused_with_405_when_update_create_is_off(ehr: Ehr) -> None:
    answer = await ehr.put("Observation/new-one", observation("p1", id="new-one"))

    assert answer.status_code == 405
    assert answer.json()["issue"][0]["code"] == "not-supported"


@pytest.mark.asyncio
async def test_a_matching_if_match_updates(ehr: Ehr) -> None:
    created = await ehr.create(patient())
    etag = f'W/"{created["meta"]["versionId"]}"'

    answer = await ehr.put(
        f"Patient/{created['id']}", {**created, "gender": "male"}, headers={"If-Match": etag}
    )

    assert answer.status_code == 200
    assert answer.json()["gender"] == "male"


@pytest.mark.asyncio
async def test_a_stale_if_match_is_refused_with_412(ehr: Ehr) -> None:
    created = await ehr.create(patient())
    stale = f'W/"{created["meta"]["versionId"]}"'
    await ehr.put(f"Patient/{created['id']}", {**created, "gender": "male"})

    answer = await ehr.put(
        f"Patient/{created['id']}", {**created, "gender": "other"}, headers={"If-Match": stale}
    )

    assert answer.status_code == 412
    assert answer.json()["resourceType"] == "OperationOutcome"
    current = (await ehr.get(f"Patient/{created['id']}")).json()
    assert current["gender"] == "male", "a conflict never overwrites"


@pytest.mark.asyncio
@pytest.mark.parametrize("value", ["abc", '"abc"', "W/abc"])
async def test_an_if_match_that_is_not_a_weak_etag_is_refused_with_400(
    ehr: Ehr, value: str
) -> None:
    created = await ehr.create(patient())

    answer = await ehr.put(f"Patient/{created['id']}", created, headers={"If-Match": value})

    assert answer.status_code == 400
    assert "W/" in answer.json()["issue"][0]["diagnostics"]


@pytest.mark.asyncio
async def test_a_put_whose_body_id_differs_from_the_url_is_refused_with_400(ehr: Ehr) -> None:
    answer = await ehr.put("Patient/one", patient(id="two"))

    assert answer.status_code == 400


@pytest.mark.asyncio
async def test_a_put_without_an_id_in_the_body_is_refused_with_400(ehr: Ehr) -> None:
    answer = await ehr.put("Patient/one", patient())

    assert answer.status_code == 400


@pytest.mark.asyncio
async def test_a_body_of_another_resource_type_is_refused_with_400(ehr: Ehr) -> None:
    answer = await ehr.post("Observation", patient())

    assert answer.status_code == 400
    assert "resourceType" in answer.json()["issue"][0]["diagnostics"]


@pytest.mark.asyncio
async def test_a_body_without_resource_type_is_refused_with_422(ehr: Ehr) -> None:
    answer = await ehr.post("Patient", {"name": [{"family": "X"}]})

    assert answer.status_code == 422


@pytest.mark.asyncio
async def test_an_observation_without_status_or_code_is_refused_with_422(ehr: Ehr) -> None:
    body = observation("p1")
    del body["status"]

    answer = await ehr.post("Observation", body)

    assert answer.status_code == 422
    assert "status" in answer.json()["issue"][0]["diagnostics"]


@pytest.mark.asyncio
async def test_an_invalid_id_in_the_body_is_refused_with_422(ehr: Ehr) -> None:
    answer = await ehr.put("Patient/ok", patient(id="not ok!"))

    assert answer.status_code in (400, 422)
    assert answer.json()["resourceType"] == "OperationOutcome"


@pytest.mark.asyncio
async def test_invalid_json_is_refused_with_400(ehr: Ehr) -> None:
    answer = await ehr.http.post(
        "Patient", content=b"{not json", headers={**ehr.headers, "Content-Type": FHIR_JSON}
    )

    assert answer.status_code == 400
    assert answer.json()["issue"][0]["code"] == "structure"


@pytest.mark.asyncio
async def test_a_body_that_is_not_json_by_content_type_is_refused_with_415(ehr: Ehr) -> None:
    answer = await ehr.http.post(
        "Patient", content=b"<Patient/>", headers={**ehr.headers, "Content-Type": "application/xml"}
    )

    assert answer.status_code == 415


@pytest.mark.asyncio
async def test_plain_application_json_is_accepted(ehr: Ehr) -> None:
    answer = await ehr.http.post("Patient", json=patient(), headers=ehr.headers)

    assert answer.status_code == 201


@pytest.mark.asyncio
async def test_a_deleted_resource_reads_as_410_and_its_old_version_stays_readable(ehr: Ehr) -> None:
    created = await ehr.create(patient())

    deleted = await ehr.delete(f"Patient/{created['id']}")
    again = await ehr.delete(f"Patient/{created['id']}")

    assert deleted.status_code == 204
    assert again.status_code == 204, "delete is idempotent"
    assert (await ehr.get(f"Patient/{created['id']}")).status_code == 410
    old = await ehr.get(f"Patient/{created['id']}/_history/{created['meta']['versionId']}")
    assert old.status_code == 200


@pytest.mark.asyncio
async def test_a_put_after_a_delete_brings_the_resource_back(ehr: Ehr) -> None:
    created = await ehr.create(patient())
    await ehr.delete(f"Patient/{created['id']}")

    answer = await ehr.put(f"Patient/{created['id']}", created)

    assert answer.status_code == 201
    assert (await ehr.get(f"Patient/{created['id']}")).status_code == 200


@pytest.mark.asyncio
async def test_conditional_create_makes_201_then_200_with_the_existing_resource(ehr: Ehr) -> None:
    condition = {"If-None-Exist": "identifier=urn:oid:1.2.250.1.213.1.4.8|42"}

    first = await ehr.post("Patient", patient("42"), headers=condition)
    second = await ehr.post("Patient", patient("42", family="Other"), headers=condition)

    assert first.status_code == 201
    assert second.status_code == 200
    assert second.json()["id"] == first.json()["id"]
    assert second.json()["name"][0]["family"] == "Martin", "the existing resource is kept"


@pytest.mark.asyncio
async def test_conditional_create_matching_several_resources_is_412(ehr: Ehr) -> None:
    await ehr.create(patient("7"))
    await ehr.create(patient("7"))

    answer = await ehr.post(
        "Patient",
        patient("7"),
        headers={"If-None-Exist": "identifier=urn:oid:1.2.250.1.213.1.4.8|7"},
    )

    assert answer.status_code == 412


@pytest.mark.asyncio
async def test_prefer_return_minimal_sends_no_body_but_the_headers(ehr: Ehr) -> None:
    answer = await ehr.post("Patient", patient(), headers={"Prefer": "return=minimal"})

    assert answer.status_code == 201
    assert answer.content == b""
    assert answer.headers["ETag"].startswith('W/"')
    assert "Location" in answer.headers


@pytest.mark.asyncio
async def test_prefer_return_operation_outcome_sends_an_outcome(ehr: Ehr) -> None:
    answer = await ehr.post("Patient", patient(), headers={"Prefer": "return=OperationOutcome"})

    assert answer.status_code == 201
    assert answer.json()["resourceType"] == "OperationOutcome"
    assert answer.json()["issue"][0]["severity"] == "information"


@pytest.mark.asyncio
async def test_an_injected_fault_is_answered_with_429_and_retry_after(ehr: Ehr) -> None:
    from bedside.sandbox.outcomes import too_many_requests

    ehr.sandbox.fault_hook = lambda method, path: too_many_requests(7) if method == "POST" else None

    refused = await ehr.post("Patient", patient())
    still_reads = await ehr.get("Patient/x")

    assert refused.status_code == 429
    assert refused.headers["Retry-After"] == "7"
    assert refused.json()["issue"][0]["code"] == "throttled"
    assert still_reads.status_code == 404


@pytest.mark.asyncio
@pytest.mark.parametrize("config", [SandboxConfig(max_body_bytes=2_000)])
async def test_a_body_over_the_size_limit_is_refused_with_413(ehr: Ehr) -> None:
    narrative = {"status": "generated", "div": "<div>" + "x" * 5_000 + "</div>"}

    answer = await ehr.post("Patient", patient(text=narrative))

    assert answer.status_code == 413
    assert answer.json()["resourceType"] == "OperationOutcome"


@pytest.mark.asyncio
async def test_if_none_exist_also_accepts_the_type_prefixed_form(ehr: Ehr) -> None:
    existing = await ehr.create(patient("9"))

    answer = await ehr.post(
        "Patient", patient("9"), headers={"If-None-Exist": "Patient?identifier=9"}
    )

    assert answer.status_code == 200
    assert answer.json()["id"] == existing["id"]
