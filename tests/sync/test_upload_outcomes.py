"""Upload outcomes over loopback: conflicts (412) merged or kept for review, rejections parked."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from bedside.models import fhir_json
from bedside.sandbox.outcomes import FhirError
from bedside.services.recording import Recorder
from bedside.store import Store
from tests.sync.ehr import SITE, Ehr, synced, vital_sign


async def _change_on_the_ehr(ehr: Ehr, resource: dict[str, Any], **changes: Any) -> dict[str, Any]:
    async with ehr.client() as other:
        response = await other.request(
            "PUT",
            f"{resource['resourceType']}/{resource['id']}",
            body={**resource, **changes},
            headers={"Prefer": "return=representation"},
        )
    return dict(fhir_json.loads(response.content))


async def _text_on_the_ehr(ehr: Ehr, resource_type: str, resource_id: str) -> str:
    async with ehr.client() as other:
        response = await other.request("GET", f"{resource_type}/{resource_id}")
    return response.text


@pytest.mark.asyncio
async def test_a_diet_order_changed_on_both_sides_in_different_places_is_merged_and_sent(
    store: Store,
) -> None:
    async with synced(store) as (ehr, engine):
        order = (await store.find("NutritionOrder"))[0]
        recorder = Recorder(store, SITE)
        await recorder.record_update({**order, "note": [{"text": "patient prefers tea"}]})
        server = await _change_on_the_ehr(ehr, order, status="on-hold")

        report = await engine.sync_once()

        assert report.ok, report.error
        assert report.pushed.merged == 1
        assert report.pushed.done == 1
        final = await ehr.read("NutritionOrder", order["id"])
        assert final is not None
        assert final["status"] == "on-hold"
        assert final["note"] == [{"text": "patient prefers tea"}]
        assert final["meta"]["versionId"] != server["meta"]["versionId"]
        assert await store.get("NutritionOrder", order["id"]) == final


@pytest.mark.asyncio
async def test_a_decimal_the_ehr_wrote_as_2_50_goes_back_as_2_50_after_a_merge(
    store: Store,
) -> None:
    async with synced(store) as (ehr, engine):
        order = (await store.find("NutritionOrder"))[0]
        sodium_limit = {
            "modifier": {"text": "sodium"},
            "amount": {"value": Decimal("2.50"), "unit": "g"},
        }
        oral_diet = {**order.get("oralDiet", {}), "nutrient": [sodium_limit]}
        await _change_on_the_ehr(ehr, order, oralDiet=oral_diet)
        assert (await engine.sync_once()).ok
        cached = await store.get("NutritionOrder", order["id"])
        assert cached is not None
        assert '"value":2.50' in fhir_json.dumps(cached)

        await Recorder(store, SITE).record_update({**cached, "note": [{"text": "no added salt"}]})
        await _change_on_the_ehr(ehr, cached, status="on-hold")
        report = await engine.sync_once()

        assert report.pushed.merged == 1
        on_the_ehr = await _text_on_the_ehr(ehr, "NutritionOrder", order["id"])
        assert '"value":2.50' in on_the_ehr
        assert "no added salt" in on_the_ehr
        assert '"status":"on-hold"' in on_the_ehr


@pytest.mark.asyncio
async def test_a_clinical_record_changed_on_both_sides_waits_for_a_nurse_with_both_versions(
    store: Store,
) -> None:
    async with synced(store) as (ehr, engine):
        allergy = (await store.find("AllergyIntolerance"))[0]
        mine = {**allergy, "note": [{"text": "rash seen on the ward"}]}
        await Recorder(store, SITE).record_update(mine)
        theirs = await _change_on_the_ehr(ehr, allergy, note=[{"text": "confirmed by allergist"}])

        report = await engine.sync_once()

        assert report.pushed.conflict == 1
        assert engine.status.conflicts == 1
        [conflict] = await store.open_conflicts()
        assert conflict.local["note"] == mine["note"]
        assert conflict.server == theirs
        assert "choose which version" in conflict.rule
        # Nothing was overwritten on the EHR, and the nurse's version is still shown here.
        assert (await ehr.read("AllergyIntolerance", allergy["id"])) == theirs
        assert (await store.get("AllergyIntolerance", allergy["id"]))["note"] == mine["note"]

        await store.settle_conflict(
            conflict.seq, "keep_local", by="nurse-7", at="2026-11-22T10:00Z"
        )
        settled = await engine.sync_once()

        assert settled.pushed.done == 1
        final = await ehr.read("AllergyIntolerance", allergy["id"])
        assert final is not None
        assert final["note"] == mine["note"]
        assert await store.open_conflicts() == []
        assert engine.status.conflicts == 0


@pytest.mark.asyncio
async def test_taking_the_ehrs_version_replaces_the_local_change(store: Store) -> None:
    async with synced(store) as (ehr, engine):
        flag = (await store.find("Flag"))[0]
        await Recorder(store, SITE).record_update({**flag, "status": "inactive"})
        theirs = await _change_on_the_ehr(ehr, flag, code={"text": "changed on the EHR"})
        await engine.sync_once()
        [conflict] = await store.open_conflicts()

        await store.settle_conflict(
            conflict.seq, "take_server", by="nurse-7", at="2026-11-22T10:00Z"
        )

        assert await store.get("Flag", flag["id"]) == theirs
        assert (await engine.sync_once()).pushed.total == 0


@pytest.mark.asyncio
async def test_a_record_the_ehr_refuses_is_parked_with_its_message_and_the_rest_goes_on(
    store: Store,
) -> None:
    async with synced(store) as (ehr, engine):
        patient = (await store.find("Patient"))[0]["id"]
        recorder = Recorder(store, SITE)
        refused = await recorder.record_event(vital_sign(patient, 61))
        accepted = await recorder.record_event(vital_sign(patient, 62))
        ehr.sandbox.fault_hook = lambda method, path: (
            FhirError(422, "Observation.valueQuantity: unit not allowed", code="business-rule")
            if path == f"/Observation/{refused.resource_id}"
            else None
        )

        report = await engine.sync_once()

        assert report.ok, report.error
        assert report.pushed.rejected == 1
        assert report.pushed.done == 1
        assert await ehr.read("Observation", accepted.resource_id) is not None
        [parked] = await store.outbox(("rejected",))
        assert parked.seq == refused.seq
        assert "unit not allowed" in (parked.last_error or "")
        assert engine.status.rejected == 1

        # Discarding it removes the never-accepted record from the tablet.
        await store.discard_rejected(parked.seq, by="nurse-7", at="2026-11-22T10:00Z")
        assert await store.get("Observation", refused.resource_id) is None


@pytest.mark.asyncio
@pytest.mark.parametrize("strict", [False, True], ids=["friendly", "strict"])
async def test_a_change_of_a_record_deleted_on_the_ehr_can_be_sent_again_as_a_new_record(
    store: Store, strict: bool
) -> None:
    """The EHR deleted the order the nurse changed: the nurse is told it was deleted, and
    keeping the change creates it again — on a strict EHR too (a ``POST`` without the old id
    or the old version, which such a server refuses)."""
    async with synced(store, strict=strict) as (ehr, engine):
        order = (await store.find("NutritionOrder"))[0]
        await Recorder(store, SITE).record_update({**order, "note": [{"text": "no salt"}]})
        async with ehr.client() as other:
            await other.request("DELETE", f"NutritionOrder/{order['id']}")

        first = await engine.sync_once()

        assert first.pushed.conflict == 1
        [conflict] = await store.open_conflicts()
        assert conflict.server is None
        await store.settle_conflict(
            conflict.seq, "keep_local", by="nurse-7", at="2026-12-07T10:00Z"
        )
        again = await engine.sync_once()

        assert again.ok, again.error
        assert (again.pushed.done, again.pushed.rejected) == (1, 0)
        [created] = [o for o in await store.find("NutritionOrder") if o.get("note")]
        assert created["note"] == [{"text": "no salt"}]
        on_ehr = await ehr.read("NutritionOrder", created["id"])
        assert on_ehr is not None
        assert on_ehr["note"] == [{"text": "no salt"}]
        assert await store.outbox(("pending", "in_flight", "conflict", "rejected")) == []


@pytest.mark.asyncio
async def test_an_update_the_ehr_answers_with_404_is_not_called_a_deletion(store: Store) -> None:
    """404 is "not there" (it may never have arrived); only 410 says someone deleted it."""
    async with synced(store, strict=True) as (_, engine):
        await Recorder(store, SITE).record_update(
            {
                "resourceType": "NutritionOrder",
                "id": "never-on-the-ehr",
                "meta": {"versionId": "1"},
                "status": "active",
                "intent": "order",
                "patient": {"reference": f"Patient/{(await store.find('Patient'))[0]['id']}"},
                "dateTime": "2026-12-07T08:00:00Z",
            }
        )

        report = await engine.sync_once()

        assert report.pushed.conflict == 1
        [conflict] = await store.open_conflicts()
        assert "deleted" not in conflict.rule
        assert "The EHR has no NutritionOrder with this record's id" in conflict.rule
