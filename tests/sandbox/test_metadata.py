"""The CapabilityStatement says what the server does, and the config changes it."""

from __future__ import annotations

import pytest

from bedside.sandbox.server import SandboxConfig
from tests.sandbox.conftest import Ehr


@pytest.mark.asyncio
async def test_the_capability_statement_lists_types_interactions_and_search_params(
    ehr: Ehr,
) -> None:
    answer = await ehr.http.get("metadata")

    assert answer.status_code == 200
    assert answer.headers["Content-Type"] == "application/fhir+json; fhirVersion=4.0"
    statement = answer.json()
    assert statement["resourceType"] == "CapabilityStatement"
    assert statement["fhirVersion"] == "4.0.1"
    rest = statement["rest"][0]
    by_type = {r["type"]: r for r in rest["resource"]}
    assert {"Patient", "Encounter", "Observation", "MedicationAdministration"} <= set(by_type)
    observation = by_type["Observation"]
    assert observation["updateCreate"] is True
    assert observation["conditionalCreate"] is True
    assert observation["versioning"] == "versioned-update"
    assert {"read", "vread", "create", "update", "delete", "search-type"} <= {
        i["code"] for i in observation["interaction"]
    }
    params = {p["name"] for p in observation["searchParam"]}
    assert {"_id", "_lastUpdated", "patient", "subject", "date", "code", "status"} <= params
    assert {"transaction", "batch"} <= {i["code"] for i in rest["interaction"]}
    oauth = rest["security"]["extension"][0]["extension"][0]
    assert oauth["valueUri"] == f"{ehr.base}auth/token"


@pytest.mark.asyncio
@pytest.mark.parametrize("config", [SandboxConfig(update_create=False)])
async def test_update_create_can_be_advertised_as_false(ehr: Ehr) -> None:
    statement = (await ehr.http.get("metadata")).json()

    assert all(r["updateCreate"] is False for r in statement["rest"][0]["resource"])
