"""History: per resource, per type and system-wide, with _since and paging; and turning it off."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from bedside.sandbox.server import SandboxConfig
from tests.sandbox.conftest import Ehr, observation, patient


@pytest.mark.asyncio
async def test_instance_history_lists_every_version_newest_first_with_the_deletion(
    ehr: Ehr,
) -> None:
    created = await ehr.create(patient())
    updated = (await ehr.put(f"Patient/{created['id']}", {**created, "gender": "male"})).json()
    await ehr.delete(f"Patient/{created['id']}")

    bundle = (await ehr.get(f"Patient/{created['id']}/_history")).json()

    assert bundle["type"] == "history"
    assert bundle["total"] == 3
    methods = [e["request"]["method"] for e in bundle["entry"]]
    assert methods == ["DELETE", "PUT", "POST"]
    assert "resource" not in bundle["entry"][0]
    assert bundle["entry"][1]["resource"] == updated
    assert bundle["entry"][1]["response"]["etag"] == f'W/"{updated["meta"]["versionId"]}"'


@pytest.mark.asyncio
async def test_history_of_an_unknown_resource_is_404(ehr: Ehr) -> None:
    assert (await ehr.get("Patient/nobody/_history")).status_code == 404


@pytest.mark.asyncio
async def test_type_history_since_gives_the_versions_from_that_instant(ehr: Ehr) -> None:
    await ehr.create(observation("p1"))
    ehr.clock.advance(minutes=1)
    since = "2026-05-04T08:00:30Z"
    later = await ehr.create(observation("p1"))
    await ehr.create(patient())

    bundle = (await ehr.get(f"Observation/_history?_since={quote(since)}")).json()

    assert [e["resource"]["id"] for e in bundle["entry"]] == [later["id"]]


@pytest.mark.asyncio
async def test_system_history_covers_every_type_and_shows_deletions(ehr: Ehr) -> None:
    obs = await ehr.create(observation("p1"))
    await ehr.create(patient())
    await ehr.delete(f"Observation/{obs['id']}")

    bundle = (await ehr.get("_history?_since=2026-05-04T00:00:00Z")).json()

    assert [(e["request"]["method"], e["fullUrl"].split("/")[-2]) for e in bundle["entry"]] == [
        ("DELETE", "Observation"),
        ("POST", "Patient"),
        ("POST", "Observation"),
    ]


@pytest.mark.asyncio
async def test_history_pages_through_next_links(ehr: Ehr) -> None:
    created = await ehr.create(patient())
    for n in range(6):
        await ehr.put(f"Patient/{created['id']}", {**created, "gender": ["male", "female"][n % 2]})

    versions = []
    answer = await ehr.get(f"Patient/{created['id']}/_history?_count=3")
    while True:
        bundle = answer.json()
        versions += [e["response"]["etag"] for e in bundle["entry"]]
        nxt = [link["url"] for link in bundle["link"] if link["relation"] == "next"]
        if not nxt:
            break
        answer = await ehr.get(nxt[0])

    assert len(versions) == len(set(versions)) == 7


@pytest.mark.asyncio
async def test_a_since_with_an_unencoded_plus_is_refused(ehr: Ehr) -> None:
    answer = await ehr.get("Patient/_history?_since=2026-05-04T08:00:00+02:00")

    assert answer.status_code == 400
    assert "%2B" in answer.json()["issue"][0]["diagnostics"]


@pytest.mark.asyncio
@pytest.mark.parametrize("config", [SandboxConfig(type_history=False)])
async def test_type_and_system_history_can_be_switched_off_like_real_servers(ehr: Ehr) -> None:
    created = await ehr.create(patient())

    assert (await ehr.get("Patient/_history")).status_code == 404
    assert (await ehr.get("_history")).status_code == 404
    assert (await ehr.get(f"Patient/{created['id']}/_history")).status_code == 200
    statement = (await ehr.http.get("metadata")).json()
    patient_rest = next(r for r in statement["rest"][0]["resource"] if r["type"] == "Patient")
    codes = {i["code"] for i in patient_rest["interaction"]}
    assert "history-type" not in codes
    assert "history-instance" in codes
