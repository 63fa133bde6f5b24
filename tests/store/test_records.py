"""Resources, the outbox and the sync state behave as the rest of Bedside relies on."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from bedside.models import fhir_json
from bedside.store import Store, StoreError, StoreFullError, StoreIOError
from bedside.store import records as records_module
from tests.store.conftest import synthetic_patient

NOW = "2026-11-22T09:15:00+01:00"


def _observation(obs_id: str, patient: str = "p1") -> dict[str, Any]:
    return {
        "resourceType": "Observation",
        "id": obs_id,
        "status": "final",
        "code": {"coding": [{"system": "http://loinc.org", "code": "8867-4"}]},
        "subject": {"reference": f"Patient/{patient}"},
        "encounter": {"reference": "Encounter/e1"},
        "effectiveDateTime": "2026-11-22T08:00:00+01:00",
        "valueQuantity": {"value": 72, "unit": "/min"},
    }


@pytest.mark.asyncio
async def test_server_resources_are_stored_verbatim_including_unknown_elements(
    store: Store,
) -> None:
    patient = synthetic_patient()
    patient["extension"] = [{"url": "https://example.org/unknown", "valueString": "kept"}]
    patient["_birthDate"] = {"extension": [{"url": "https://example.org/x", "valueBoolean": True}]}
    await store.put_server_resources([patient])
    assert await store.get("Patient", "p1") == patient


@pytest.mark.asyncio
async def test_a_decimal_keeps_its_written_precision_in_the_cache_and_the_outbox(
    store: Store,
) -> None:
    text = fhir_json.dumps(_observation("o-k")).replace('"value":72', '"value":4.50')
    server = fhir_json.loads(text)
    await store.put_server_resources([server])
    cached = await store.get("Observation", "o-k")
    assert cached is not None
    assert fhir_json.dumps(cached) == text

    await store.record_local_change(
        {**cached, "status": "amended"}, operation="update", kind="mutable", created_at=NOW
    )
    [queued] = await store.outbox()
    assert queued.payload is not None
    assert '"value":4.50' in fhir_json.dumps(queued.payload)


@pytest.mark.asyncio
async def test_resources_are_found_by_patient_and_ordered_by_date(store: Store) -> None:
    later = _observation("o2")
    later["effectiveDateTime"] = "2026-11-22T10:00:00+01:00"
    await store.put_server_resources([later, _observation("o1"), _observation("o3", "p2")])
    found = await store.find("Observation", patient_id="p1", order_by_date=True)
    assert [r["id"] for r in found] == ["o1", "o2"]
    found = await store.find("Observation", patient_id=["p1", "p2"])
    assert {r["id"] for r in found} == {"o1", "o2", "o3"}


@pytest.mark.asyncio
async def test_a_time_window_is_compared_as_moments_across_offsets(store: Store) -> None:
    winter = {**_observation("o-w"), "effectiveDateTime": "2026-11-22T08:00:00+01:00"}  # 07:00Z
    summer = {**_observation("o-s"), "effectiveDateTime": "2026-11-22T08:30:00+02:00"}  # 06:30Z
    later = {**_observation("o-l"), "effectiveDateTime": "2026-11-22T10:00:00Z"}
    await store.put_server_resources([winter, summer, later])

    found = await store.find(
        "Observation", patient_id="p1", since="2026-11-22T07:00:00Z", until="2026-11-22T10:00:00Z"
    )
    assert [o["id"] for o in found] == ["o-w"]
    since_summer = await store.find(
        "Observation", since="2026-11-22T08:30:00+02:00", order_by_date=True
    )
    assert [o["id"] for o in since_summer] == ["o-s", "o-w", "o-l"]


@pytest.mark.asyncio
async def test_a_local_write_and_its_outbox_row_are_saved_together(store: Store) -> None:
    entry = await store.record_local_change(
        _observation("local-1"), operation="create", kind="event", created_at=NOW
    )
    assert entry.state == "pending"
    assert await store.get("Observation", "local-1") is not None
    [queued] = await store.outbox()
    assert queued.change_id == entry.change_id
    assert queued.payload == _observation("local-1")


@pytest.mark.asyncio
async def test_a_failed_outbox_insert_leaves_no_local_copy_behind(store: Store) -> None:
    with pytest.raises(StoreError):
        await store.record_local_change(
            _observation("local-2"),
            operation="create",
            kind="not-a-kind",  # type: ignore[arg-type]  # violates the outbox CHECK on purpose
            created_at=NOW,
        )
    assert await store.get("Observation", "local-2") is None
    assert await store.outbox() == []


@pytest.mark.asyncio
async def test_a_download_never_overwrites_a_change_still_waiting_for_upload(
    store: Store,
) -> None:
    local = _observation("o1")
    local["note"] = [{"text": "recorded on the tablet"}]
    await store.record_local_change(local, operation="update", kind="mutable", created_at=NOW)
    await store.put_server_resources([_observation("o1")])
    assert await store.get("Observation", "o1") == local


def _versioned(obs_id: str, version: str, value: int = 72) -> dict[str, Any]:
    resource = _observation(obs_id)
    resource["meta"] = {"versionId": version, "lastUpdated": "2026-11-22T08:00:00Z"}
    resource["valueQuantity"]["value"] = value
    return resource


@pytest.mark.asyncio
async def test_only_resources_that_change_the_cache_are_reported_as_changed(
    store: Store,
) -> None:
    first = await store.put_server_resources([_versioned("o1", "1"), _versioned("o2", "1")])
    assert [r["id"] for r in first] == ["o1", "o2"]

    again = await store.put_server_resources(
        [_versioned("o1", "1"), _versioned("o2", "2", value=80), _versioned("o3", "1")]
    )
    assert [r["id"] for r in again] == ["o2", "o3"]
    stored = await store.get("Observation", "o2")
    assert stored is not None
    assert stored["valueQuantity"]["value"] == 80


@pytest.mark.asyncio
async def test_without_versions_the_same_text_is_not_a_change_but_other_text_is(
    store: Store,
) -> None:
    await store.put_server_resources([_observation("o1")])
    assert await store.put_server_resources([_observation("o1")]) == []
    edited = {**_observation("o1"), "status": "amended"}
    assert await store.put_server_resources([edited]) == [edited]


@pytest.mark.asyncio
async def test_a_change_waiting_for_upload_is_neither_overwritten_nor_reported(
    store: Store,
) -> None:
    local = {**_versioned("o1", "1"), "note": [{"text": "recorded on the tablet"}]}
    await store.record_local_change(local, operation="update", kind="mutable", created_at=NOW)
    assert await store.put_server_resources([_versioned("o1", "2", value=90)]) == []
    assert await store.get("Observation", "o1") == local


@pytest.mark.asyncio
async def test_sync_state_keeps_the_server_time_per_scope_and_type(store: Store) -> None:
    await store.set_sync_state("ward:w1", "Patient", "2026-11-22T08:00:00Z")
    await store.set_sync_state("ward:w1", "Patient", "2026-11-22T09:00:00Z")
    await store.set_sync_state("ward:w1", "Observation", "2026-11-22T08:30:00Z")
    assert await store.sync_state("ward:w1") == {
        "Patient": "2026-11-22T09:00:00Z",
        "Observation": "2026-11-22T08:30:00Z",
    }
    assert await store.sync_state("bed:b1") == {}


@pytest.mark.asyncio
async def test_all_database_work_runs_on_the_one_worker_thread(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: set[str] = set()
    original = records_module.get_resource

    def spy(conn: Any, /, *args: Any) -> Any:
        seen.add(threading.current_thread().name)
        return original(conn, *args)

    monkeypatch.setattr(records_module, "get_resource", spy)
    for _ in range(5):
        await store.get("Patient", "nobody")
    assert len(seen) == 1
    assert next(iter(seen)).startswith("bedside-db")
    assert threading.current_thread().name not in seen


@pytest.mark.asyncio
async def test_a_full_disk_is_reported_and_keeps_what_was_already_saved(store: Store) -> None:
    await store.put_server_resources([synthetic_patient("kept")])

    def shrink(conn: Any) -> None:
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages + 1}")

    await store._worker.run(shrink)
    big = [synthetic_patient(f"p{i}", family="X" * 2000) for i in range(200)]
    with pytest.raises(StoreFullError, match="disk is full"):
        await store.put_server_resources(big)
    assert await store.get("Patient", "kept") is not None
    assert await store.get("Patient", "p0") is None


@pytest.mark.asyncio
async def test_the_store_refuses_work_after_it_is_closed(store: Store) -> None:
    await store.close()
    with pytest.raises(StoreError, match="closed"):
        await store.get("Patient", "p1")


def test_the_sqlite_error_mapping_never_leaks_a_foreign_exception() -> None:
    from bedside.store.connection import map_sqlite_error

    mapped = map_sqlite_error(OSError(5, "I/O error"), "testing")
    assert isinstance(mapped, StoreIOError)
    assert "testing" in str(mapped)


@pytest.mark.asyncio
async def test_a_download_after_a_local_delete_does_not_bring_the_resource_back(
    store: Store,
) -> None:
    await store.put_server_resources([_observation("o1")])
    await store.record_local_change(
        _observation("o1"), operation="delete", kind="mutable", created_at=NOW
    )
    assert await store.get("Observation", "o1") is None
    await store.put_server_resources([_observation("o1")])
    assert await store.get("Observation", "o1") is None
    assert await store.find("Observation", patient_id="p1") == []
    assert "Observation" not in await store.counts()
    [queued] = await store.outbox()
    assert queued.operation == "delete"


@pytest.mark.asyncio
async def test_a_failed_commit_rolls_back_and_leaves_the_store_usable(store: Store) -> None:
    def fail_at_commit(conn: Any) -> None:
        from bedside.store.connection import transaction

        conn.execute("CREATE TABLE parent (id TEXT PRIMARY KEY)")
        conn.execute(
            "CREATE TABLE child (parent_id TEXT REFERENCES parent (id)"
            " DEFERRABLE INITIALLY DEFERRED)"
        )
        with transaction(conn, "testing a deferred constraint"):
            conn.execute("INSERT INTO child VALUES ('nobody')")  # only checked at COMMIT

    with pytest.raises(StoreError):
        await store._worker.run(fail_at_commit)
    await store.put_server_resources([synthetic_patient("after")])
    assert await store.get("Patient", "after") is not None


@pytest.mark.asyncio
async def test_history_is_ordered_by_time_even_across_a_daylight_saving_change(
    store: Store,
) -> None:
    # On the night clocks go back, 02:30 summer time comes before 02:10 winter time.
    earlier = _observation("earlier")
    earlier["effectiveDateTime"] = "2026-10-25T02:30:00+02:00"  # 00:30 UTC
    later = _observation("later")
    later["effectiveDateTime"] = "2026-10-25T02:10:00+01:00"  # 01:10 UTC, after the change
    await store.put_server_resources([later, earlier])
    found = await store.find("Observation", patient_id="p1", order_by_date=True)
    assert [r["id"] for r in found] == ["earlier", "later"]


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "filters",
    [{"patient_id": "p1"}, {"patient_id": ["p1", "p2"]}, {"patient_id": "p1", "status": "final"}],
)
async def test_a_patient_s_resources_are_read_through_the_patient_index_not_the_whole_type(
    store: Store, filters: dict[str, Any]
) -> None:
    # Reading one patient's observations must not decrypt every observation of the ward.
    await store.put_server_resources([_observation(f"o{n}", f"p{n % 30}") for n in range(300)])
    sql, params = records_module.find_query("Observation", **filters)

    def plan(conn: Any) -> str:
        return " ".join(str(row[-1]) for row in conn.execute("EXPLAIN QUERY PLAN " + sql, params))

    assert "resource_by_patient_date" in await store._worker.run(plan)
    found = await store.find("Observation", **filters)
    assert [r["id"] for r in found] == sorted(r["id"] for r in found)  # still in id order
