"""Transactions (all or nothing) and batches (each entry on its own)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.sandbox.conftest import Ehr, observation, patient

PATIENT_URN = "urn:uuid:0b5e1f6e-2d6c-4f5e-9a43-55b1d1e7c001"


def post(resource: dict[str, Any], full_url: str | None = None, **request: str) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "resource": resource,
        "request": {"method": "POST", "url": resource["resourceType"], **request},
    }
    if full_url:
        entry["fullUrl"] = full_url
    return entry


def bundle(kind: str, *entries: dict[str, Any]) -> dict[str, Any]:
    return {"resourceType": "Bundle", "type": kind, "entry": list(entries)}


@pytest.mark.asyncio
async def test_a_transaction_creates_everything_and_resolves_urn_uuid_references(ehr: Ehr) -> None:
    obs = observation("x")
    obs["subject"] = {"reference": PATIENT_URN}

    answer = await ehr.post("", bundle("transaction", post(obs), post(patient(), PATIENT_URN)))

    assert answer.status_code == 200, answer.text
    result = answer.json()
    assert result["type"] == "transaction-response"
    obs_entry, patient_entry = result["entry"]
    assert obs_entry["response"]["status"].startswith("201")
    assert patient_entry["response"]["status"].startswith("201")
    patient_id = patient_entry["resource"]["id"]
    assert obs_entry["resource"]["subject"]["reference"] == f"Patient/{patient_id}"
    assert obs_entry["response"]["location"].startswith(f"{ehr.base}Observation/")
    stored = (await ehr.get(obs_entry["response"]["location"].split("/_history")[0])).json()
    assert stored["subject"]["reference"] == f"Patient/{patient_id}"


@pytest.mark.asyncio
async def test_a_failing_entry_rolls_the_whole_transaction_back(ehr: Ehr) -> None:
    existing = await ehr.create(patient("1"))
    stale = f'W/"{existing["meta"]["versionId"]}"'
    await ehr.put(f"Patient/{existing['id']}", {**existing, "gender": "male"})

    answer = await ehr.post(
        "",
        bundle(
            "transaction",
            post(patient("new")),
            {
                "resource": {**existing, "gender": "other"},
                "request": {"method": "PUT", "url": f"Patient/{existing['id']}", "ifMatch": stale},
            },
        ),
    )

    assert answer.status_code == 412
    assert answer.json()["resourceType"] == "OperationOutcome"
    assert (await ehr.get("Patient?identifier=new")).json()["total"] == 0, "nothing was kept"
    assert (await ehr.get(f"Patient/{existing['id']}")).json()["gender"] == "male"


@pytest.mark.asyncio
async def test_an_invalid_resource_fails_the_transaction_with_422(ehr: Ehr) -> None:
    broken = observation("p1")
    del broken["code"]

    answer = await ehr.post("", bundle("transaction", post(patient("a")), post(broken)))

    assert answer.status_code == 422
    assert (await ehr.get("Patient?identifier=a")).json()["total"] == 0


@pytest.mark.asyncio
async def test_conditional_create_and_read_inside_a_transaction(ehr: Ehr) -> None:
    existing = await ehr.create(patient("42"))
    condition = "identifier=urn:oid:1.2.250.1.213.1.4.8|42"
    obs = observation("x")
    obs["subject"] = {"reference": PATIENT_URN}

    answer = await ehr.post(
        "",
        bundle(
            "transaction",
            post(patient("42"), PATIENT_URN, ifNoneExist=condition),
            post(obs),
            {"request": {"method": "GET", "url": f"Patient/{existing['id']}"}},
            {"request": {"method": "GET", "url": "Patient?identifier=42"}},
        ),
    )

    assert answer.status_code == 200, answer.text
    found, created_obs, read, search = answer.json()["entry"]
    assert found["response"]["status"].startswith("200")
    assert found["resource"]["id"] == existing["id"]
    assert created_obs["resource"]["subject"]["reference"] == f"Patient/{existing['id']}"
    assert read["resource"]["id"] == existing["id"]
    assert search["resource"]["type"] == "searchset"
    assert search["resource"]["total"] == 1


@pytest.mark.asyncio
async def test_a_transaction_answers_in_request_order_though_deletes_run_first(ehr: Ehr) -> None:
    doomed = await ehr.create(patient("doomed"))

    answer = await ehr.post(
        "",
        bundle(
            "transaction",
            post(patient("kept")),
            {"request": {"method": "DELETE", "url": f"Patient/{doomed['id']}"}},
        ),
    )

    statuses = [e["response"]["status"] for e in answer.json()["entry"]]
    assert statuses[0].startswith("201")
    assert statuses[1].startswith("204")
    assert (await ehr.get(f"Patient/{doomed['id']}")).status_code == 410


@pytest.mark.asyncio
async def test_a_batch_keeps_the_good_entries_and_reports_the_bad_one(ehr: Ehr) -> None:
    broken = observation("p1")
    del broken["status"]

    answer = await ehr.post(
        "",
        bundle(
            "batch",
            post(patient("ok")),
            post(broken),
            {"request": {"method": "GET", "url": "Patient/missing"}},
        ),
    )

    assert answer.status_code == 200
    result = answer.json()
    assert result["type"] == "batch-response"
    statuses = [e["response"]["status"] for e in result["entry"]]
    assert statuses[0].startswith("201")
    assert statuses[1] == "422"
    assert statuses[2] == "404"
    assert result["entry"][1]["response"]["outcome"]["resourceType"] == "OperationOutcome"
    assert (await ehr.get("Patient?identifier=ok")).json()["total"] == 1


@pytest.mark.asyncio
async def test_a_transaction_needs_write_scope_for_every_entry(ehr: Ehr) -> None:
    token = await ehr.token("system/*.read system/Patient.write")

    answer = await ehr.http.post(
        "",
        json=bundle("transaction", post(patient()), post(observation("p1"))),
        headers=ehr.bearer(token),
    )

    assert answer.status_code == 403
    assert (await ehr.get("Patient")).json()["total"] == 0


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "body",
    [
        {"resourceType": "Patient"},
        {"resourceType": "Bundle", "type": "collection"},
        {
            "resourceType": "Bundle",
            "type": "transaction",
            "entry": [{"request": {"method": "PATCH", "url": "Patient/1"}}],
        },
    ],
)
async def test_what_is_not_a_transaction_or_batch_is_refused_with_400(
    ehr: Ehr, body: dict[str, Any]
) -> None:
    answer = await ehr.post("", body)

    assert answer.status_code == 400
