"""The sync engine end to end over loopback: upload, incremental pulls, deletions, leaving scope."""

from __future__ import annotations

from pathlib import Path

import pytest

from bedside.services.recording import Recorder
from bedside.store import Changes, Store
from bedside.sync.engine import SyncEngine, SyncPolicy
from bedside.sync.status import SyncStatus
from tests.sync.ehr import SITE, cache_matches_server, own_ehr, synced, vital_sign


async def _patient(store: Store) -> str:
    patients = await store.find("Patient")
    return str(patients[0]["id"])


@pytest.mark.asyncio
@pytest.mark.parametrize("update_create", [True, False], ids=["put", "conditional-create"])
async def test_recorded_events_reach_the_ehr_once_and_the_cache_takes_the_servers_copy(
    store: Store, update_create: bool
) -> None:
    async with synced(store, update_create=update_create) as (ehr, engine):
        recorder = Recorder(store, SITE)
        patient = await _patient(store)
        before = await ehr.count("Observation")
        entries = [await recorder.record_event(vital_sign(patient, 70 + i)) for i in range(3)]

        report = await engine.sync_once()

        assert report.ok, report.error
        assert report.pushed.done == 3
        assert await ehr.count("Observation") == before + 3
        for entry in entries:
            identifier = entry.payload["identifier"][-1]
            found = await ehr.count(
                "Observation", {"identifier": f"{identifier['system']}|{identifier['value']}"}
            )
            assert found == 1
        assert await store.outbox() == []
        assert engine.status.pending == 0
        assert await cache_matches_server(store, ehr, ["Observation"], patient_id=patient) == []
        # A second sync has nothing to send and sends nothing twice.
        again = await engine.sync_once()
        assert again.pushed.total == 0
        assert await ehr.count("Observation") == before + 3


@pytest.mark.asyncio
async def test_an_incremental_pull_brings_changes_made_on_the_ehr_and_nothing_else(
    store: Store,
) -> None:
    async with synced(store) as (ehr, engine):
        patient = await _patient(store)
        # Another system records a vital sign on the EHR.
        async with ehr.client() as other:
            response = await other.request("POST", "Observation", body=vital_sign(patient, 99))
        created = response.json()
        seen: list[Changes] = []
        store.changes.subscribe(seen.append)

        report = await engine.sync_once(reconcile_now=False)

        assert report.pulled is not None
        assert report.pulled.incremental
        assert report.pulled.stored.get("Observation", 0) >= 1
        assert report.pulled.total < 50  # a delta, not the ward again
        assert await store.get("Observation", created["id"]) == created
        assert any("Observation" in c.resource_types and patient in c.patient_ids for c in seen)


@pytest.mark.asyncio
async def test_a_sync_that_finds_nothing_new_tells_no_view_to_refresh(store: Store) -> None:
    async with synced(store) as (_, engine):
        seen: list[Changes] = []
        store.changes.subscribe(seen.append)

        report = await engine.sync_once(reconcile_now=False)

        assert report.ok, report.error
        assert report.pulled is not None
        assert report.pulled.stored.get("Encounter", 0) > 0  # the ward's encounters, read again
        assert sum(report.pulled.changed.values()) == 0
        assert seen == []


@pytest.mark.asyncio
async def test_a_resource_deleted_on_the_ehr_is_removed_from_the_cache_by_reconciliation(
    store: Store,
) -> None:
    async with synced(store) as (ehr, engine):
        condition = (await store.find("Condition"))[0]
        async with ehr.client() as other:
            await other.request("DELETE", f"Condition/{condition['id']}")

        report = await engine.sync_once(reconcile_now=True)

        assert report.reconciled is not None
        assert report.reconciled.forgotten == 1
        assert await store.get("Condition", condition["id"]) is None
        assert await cache_matches_server(store, ehr, ["Condition", "Patient"]) == []


@pytest.mark.asyncio
async def test_a_discharged_patient_is_purged_only_once_their_changes_are_uploaded(
    store: Store,
) -> None:
    async with synced(store) as (ehr, engine):
        patient = await _patient(store)
        encounter = (await store.find("Encounter", patient_id=patient))[0]
        recorder = Recorder(store, SITE)
        await recorder.record_event(vital_sign(patient, 88))
        # The EHR is unreachable for uploads of this patient's vitals for now (503), and the
        # patient is discharged meanwhile.
        async with ehr.client() as other:
            discharged = {**encounter, "status": "finished"}
            await other.request("PUT", f"Encounter/{encounter['id']}", body=discharged)
        from bedside.sandbox.outcomes import FhirError

        ehr.sandbox.fault_hook = lambda method, path: (
            FhirError(503, "down for maintenance", headers={"Retry-After": "0"})
            if method == "PUT" and path.startswith("/Observation/")
            else None
        )
        blocked = await engine.sync_once()
        assert not blocked.ok
        assert await store.get("Patient", patient) is not None  # still waiting to upload

        ehr.sandbox.fault_hook = None
        report = await engine.sync_once()

        assert report.ok, report.error
        assert report.pushed.done == 1
        assert report.purged_patients == [patient]
        assert await store.get("Patient", patient) is None
        assert await store.find("Observation", patient_id=patient) == []
        assert await store.find("Encounter", patient_id=patient) == []


@pytest.mark.asyncio
async def test_the_status_says_offline_with_the_pending_count_and_recovers_when_back(
    store: Store, tmp_path: Path
) -> None:
    async with own_ehr() as ehr:
        async with ehr.client() as client:
            engine = SyncEngine(store, client, ehr.scope)
            assert (await engine.sync_once()).ok
        last_success = engine.status.last_success
        assert last_success is not None
        await Recorder(store, SITE).record_event(vital_sign(await _patient(store), 77))
        statuses: list[SyncStatus] = []
        # A port nothing listens on: connection refused.
        async with ehr.client("http://127.0.0.1:9/", timeout=1.0) as dead:
            offline = SyncEngine(store, dead, ehr.scope)
            offline.add_status_listener(statuses.append)
            report = await offline.sync_once()
        assert not report.ok
        assert offline.status.online is False
        assert offline.status.pending == 1
        assert offline.status.last_success == last_success
        assert "cannot be reached" in (offline.status.problem or "")
        assert {s.activity for s in statuses} >= {"pushing", "idle"}


@pytest.mark.asyncio
async def test_the_background_loop_pushes_soon_after_a_local_write(store: Store) -> None:
    async with own_ehr() as ehr, ehr.client() as client:
        policy = SyncPolicy(pull_interval_s=3600, push_delay_s=0.05)
        engine = SyncEngine(store, client, ehr.scope, policy=policy)
        assert (await engine.sync_once()).ok
        engine.start()
        try:
            import asyncio

            settled = asyncio.Event()
            engine.add_status_listener(
                lambda s: settled.set() if s.pending == 0 and s.activity == "idle" else None
            )
            recorder = Recorder(store, SITE, written=engine.local_write_done)
            entry = await recorder.record_event(vital_sign(await _patient(store), 66))
            await asyncio.wait_for(settled.wait(), timeout=10)
            while await store.outbox():
                await asyncio.wait_for(settled.wait(), timeout=10)
                settled.clear()
        finally:
            await engine.stop()
        assert await ehr.read("Observation", entry.resource_id) is not None


@pytest.mark.asyncio
async def test_after_an_outage_the_engine_syncs_as_soon_as_the_ehr_answers_again(
    store: Store,
) -> None:
    import asyncio

    from tests.sync.fault_proxy import Fault, FaultProxy

    async with own_ehr() as ehr:
        with FaultProxy(ehr.base_url, lambda request: Fault.reset_before()) as proxy:
            async with ehr.client(proxy.base_url, timeout=2) as client:
                policy = SyncPolicy(pull_interval_s=3600, offline_probe_s=0.1)
                engine = SyncEngine(store, client, ehr.scope, policy=policy)
                back_online = asyncio.Event()
                went_offline = asyncio.Event()

                def watch(status: SyncStatus) -> None:
                    if status.online is False:
                        went_offline.set()
                    if went_offline.is_set() and status.last_success and status.activity == "idle":
                        back_online.set()

                engine.add_status_listener(watch)
                engine.start()
                try:
                    await asyncio.wait_for(went_offline.wait(), timeout=10)
                    assert engine.status.last_success is None
                    proxy.heal()
                    await asyncio.wait_for(back_online.wait(), timeout=20)
                finally:
                    await engine.stop()
        assert engine.status.online is True
        assert engine.status.problem is None
        assert await store.find("Patient")


@pytest.mark.asyncio
async def test_a_patient_transferred_to_another_ward_leaves_this_tablet_at_the_next_sync(
    store: Store,
) -> None:
    async with synced(store) as (ehr, engine):
        patient = await _patient(store)
        [encounter] = await store.find("Encounter", patient_id=patient)
        other_ward = next(
            loc["id"]
            for loc in await store.find("Location")
            if loc["id"] != ehr.ward.ward_id
            and loc.get("physicalType", {}).get("coding", [{}])[0].get("code") == "area"
        )  # another unit of the hospital: no longer this ward
        moved = {**encounter, "location": [{"location": {"reference": f"Location/{other_ward}"}}]}
        async with ehr.client() as other:
            await other.request("PUT", f"Encounter/{encounter['id']}", body=moved)

        report = await engine.sync_once()

        assert report.purged_patients == [patient]
        assert await store.get("Patient", patient) is None
        assert await store.find("Condition", patient_id=patient) == []


@pytest.mark.asyncio
async def test_the_status_counts_follow_the_outbox_whoever_changes_it_without_a_sync(
    store: Store,
) -> None:
    import asyncio

    async with synced(store) as (_, engine):
        seen: list[SyncStatus] = []
        changed = asyncio.Event()

        def heard(status: SyncStatus) -> None:
            seen.append(status)
            changed.set()

        engine.add_status_listener(heard)

        async def counts(pending: int, rejected: int = 0) -> None:
            async def reached() -> None:
                while True:
                    changed.clear()
                    if (engine.status.pending, engine.status.rejected) == (pending, rejected):
                        return
                    await changed.wait()

            await asyncio.wait_for(reached(), timeout=5)

        entry = await Recorder(store, SITE).record_event(vital_sign(await _patient(store), 71))
        await counts(pending=1)
        await store.reject_upload(entry.seq, "synthetic refusal")
        await counts(pending=0, rejected=1)
        await store.discard_rejected(entry.seq, by="nurse-1", at="2026-11-22T10:00:00Z")
        await counts(pending=0, rejected=0)
        assert all(status.activity == "idle" for status in seen)  # no sync ran meanwhile
        await engine.stop()


@pytest.mark.asyncio
async def test_a_sync_stopped_by_the_network_still_reports_the_uploads_the_ehr_accepted(
    store: Store,
) -> None:
    from tests.sync.fault_proxy import Fault, FaultProxy, ProxiedRequest

    writes: list[int] = []

    def third_write_is_cut(request: ProxiedRequest) -> Fault | None:
        if request.method in ("PUT", "POST") and "/Observation" in request.target:
            writes.append(request.seq)
            if len(writes) >= 3:
                return Fault.reset_before()
        return None

    async with own_ehr() as ehr:
        with FaultProxy(ehr.base_url, None) as proxy:
            async with ehr.client(proxy.base_url, timeout=2) as client:
                engine = SyncEngine(store, client, ehr.scope)
                assert (await engine.sync_once()).ok
                recorder = Recorder(store, SITE)
                patient = await _patient(store)
                for i in range(4):
                    await recorder.record_event(vital_sign(patient, 60 + i))
                proxy.policy = third_write_is_cut

                report = await engine.sync_once()

        assert report.error is not None
        assert report.pushed.done == 2
        assert report.lines()[0].startswith("uploaded: 2 settled")
        assert len(await store.outbox()) == 2
