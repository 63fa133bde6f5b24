"""The store's change feed: every commit says what it changed, once, on the loop's thread."""

from __future__ import annotations

import asyncio
import logging
import threading
from typing import Any

import pytest

from bedside.store import Store, StoreError
from bedside.store.changes import Changes
from bedside.store.records import LocalChange
from bedside.store.worker import DatabaseWorker
from tests.store.conftest import synthetic_patient

NOW = "2026-11-22T09:15:00+01:00"
LATER = "2026-11-22T09:20:00+01:00"


def _observation(obs_id: str, patient: str = "p1", version: str | None = None) -> dict[str, Any]:
    resource: dict[str, Any] = {
        "resourceType": "Observation",
        "id": obs_id,
        "status": "final",
        "code": {"coding": [{"system": "http://loinc.org", "code": "8867-4"}]},
        "subject": {"reference": f"Patient/{patient}"},
        "effectiveDateTime": "2026-11-22T08:00:00+01:00",
        "valueQuantity": {"value": 72, "unit": "/min"},
    }
    if version is not None:
        resource["meta"] = {"versionId": version}
    return resource


def _listen(store: Store) -> list[Changes]:
    heard: list[Changes] = []
    store.changes.subscribe(heard.append)
    return heard


def _changes(types: set[str], patients: set[str], *, outbox: bool = False) -> Changes:
    return Changes(frozenset(types), frozenset(patients), outbox)


async def _pending(store: Store, obs_id: str = "local-1", patient: str = "p1") -> int:
    entry = await store.record_local_change(
        _observation(obs_id, patient), operation="create", kind="event", created_at=NOW
    )
    return entry.seq


@pytest.mark.asyncio
async def test_a_downloaded_page_announces_its_types_and_patients_once(store: Store) -> None:
    heard = _listen(store)

    await store.put_server_resources(
        [synthetic_patient("p1"), _observation("o1", "p1", "1"), _observation("o2", "p2", "1")]
    )

    assert heard == [_changes({"Patient", "Observation"}, {"p1", "p2"})]


@pytest.mark.asyncio
async def test_a_page_the_cache_already_holds_announces_nothing(store: Store) -> None:
    await store.put_server_resources([_observation("o1", version="1")])
    heard = _listen(store)

    await store.put_server_resources([_observation("o1", version="1")])

    assert heard == []


@pytest.mark.asyncio
async def test_a_local_write_announces_its_type_its_patient_and_the_outbox(store: Store) -> None:
    heard = _listen(store)

    await _pending(store, patient="p7")

    assert heard == [_changes({"Observation"}, {"p7"}, outbox=True)]


@pytest.mark.asyncio
async def test_listeners_hear_on_the_loop_thread_after_the_commit(store: Store) -> None:
    threads: list[str] = []
    on_worker: list[bool] = []
    loop_thread = threading.current_thread().name

    def listener(_: Changes) -> None:
        threads.append(threading.current_thread().name)
        on_worker.append(DatabaseWorker.on_worker_thread())

    store.changes.subscribe(listener)
    heard = _listen(store)
    await _pending(store)

    assert threads == [loop_thread]
    assert on_worker == [False]
    # Committed by the time it is heard: a read started from the listener sees the change.
    assert len(heard) == 1
    assert len(await store.outbox()) == 1


@pytest.mark.asyncio
async def test_a_listener_that_fails_is_logged_and_the_others_still_hear(
    store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(_: Changes) -> None:
        raise RuntimeError("a screen went away")

    store.changes.subscribe(broken)
    heard = _listen(store)

    with caplog.at_level(logging.ERROR, logger="bedside.store.changes"):
        await _pending(store)

    assert len(heard) == 1
    assert any("changes_listener_failed" in record.getMessage() for record in caplog.records)


@pytest.mark.asyncio
async def test_a_listener_that_unsubscribed_hears_nothing_more(store: Store) -> None:
    heard: list[Changes] = []
    leave = store.changes.subscribe(heard.append)
    await _pending(store, "a")
    leave()
    await _pending(store, "b")
    assert len(heard) == 1


@pytest.mark.asyncio
async def test_changes_recorded_together_are_one_transaction_and_one_announcement(
    store: Store,
) -> None:
    heard = _listen(store)
    batch = [LocalChange(_observation(f"round-{i}", "p3"), "create", "event") for i in range(4)]

    entries = await store.record_local_changes(batch, created_at=NOW)

    assert [e.resource_id for e in entries] == [f"round-{i}" for i in range(4)]
    assert [e.seq for e in entries] == sorted(e.seq for e in entries)
    assert heard == [_changes({"Observation"}, {"p3"}, outbox=True)]


@pytest.mark.asyncio
async def test_a_failure_in_the_middle_of_changes_recorded_together_saves_none_of_them(
    store: Store,
) -> None:
    heard = _listen(store)
    batch = [
        LocalChange(_observation("round-a"), "create", "event"),
        # Violates the outbox CHECK: the second row fails after the first was written.
        LocalChange(_observation("round-b"), "create", "not-a-kind"),  # type: ignore[arg-type]
        LocalChange(_observation("round-c"), "create", "event"),
    ]

    with pytest.raises(StoreError):
        await store.record_local_changes(batch, created_at=NOW)

    assert await store.find("Observation") == []
    assert await store.outbox() == []
    assert heard == []


@pytest.mark.asyncio
async def test_marking_a_row_in_flight_announces_nothing(store: Store) -> None:
    seq = await _pending(store)
    heard = _listen(store)
    await store.mark_in_flight(seq)
    assert heard == []


@pytest.mark.asyncio
async def test_a_settled_upload_names_the_patient_of_the_resource_it_concerns(
    store: Store,
) -> None:
    seq = await _pending(store, patient="p4")
    await store.mark_in_flight(seq)
    heard = _listen(store)

    await store.complete_upload(seq, _observation("local-1", "p4", version="1"), settled_at=LATER)

    assert heard == [_changes({"Observation"}, {"p4"}, outbox=True)]


@pytest.mark.asyncio
async def test_a_settled_delete_still_names_the_patient_of_the_resource_it_removed(
    store: Store,
) -> None:
    await store.put_server_resources([_observation("o9", "p5", version="1")])
    entry = await store.record_local_change(
        _observation("o9", "p5", version="1"),
        operation="delete",
        kind="mutable",
        created_at=NOW,
        base_version="1",
    )
    heard = _listen(store)

    await store.complete_upload(entry.seq, None, settled_at=LATER)

    assert await store.get("Observation", "o9") is None
    assert heard == [_changes({"Observation"}, {"p5"}, outbox=True)]


@pytest.mark.asyncio
async def test_a_rejection_its_retry_and_its_discard_each_name_the_patient(store: Store) -> None:
    seq = await _pending(store, patient="p6")
    heard = _listen(store)

    await store.reject_upload(seq, "refused by the EHR")
    await store.retry_rejected(seq)
    await store.reject_upload(seq, "refused again")
    await store.discard_rejected(seq, by="nurse-1", at=LATER)

    assert heard == [_changes({"Observation"}, {"p6"}, outbox=True)] * 4
    assert await store.get("Observation", "local-1") is None  # a discarded creation is gone


@pytest.mark.asyncio
async def test_a_conflict_kept_and_settled_names_the_patient(store: Store) -> None:
    await store.put_server_resources([_observation("o8", "p8", version="1")])
    local = {**_observation("o8", "p8", version="1"), "status": "amended"}
    entry = await store.record_local_change(
        local, operation="update", kind="mutable", created_at=NOW, base_version="1"
    )
    heard = _listen(store)

    await store.record_conflict(
        entry.seq, _observation("o8", "p8", version="2"), rule="keep-both", detected_at=LATER
    )
    await store.settle_conflict(entry.seq, "take_server", by="nurse-1", at=LATER)

    assert heard == [_changes({"Observation"}, {"p8"}, outbox=True)] * 2


@pytest.mark.asyncio
async def test_a_failed_attempt_tells_the_outbox_only(store: Store) -> None:
    seq = await _pending(store)
    heard = _listen(store)
    await store.note_upload_failure(seq, "The EHR cannot be reached.")
    assert heard == [Changes(outbox=True)]


@pytest.mark.asyncio
async def test_a_purge_announces_the_patients_who_left_and_what_of_theirs_went(
    store: Store,
) -> None:
    await store.put_server_resources(
        [synthetic_patient("p1"), _observation("o1", "p1", "1"), synthetic_patient("p2")]
    )
    heard = _listen(store)

    await store.purge_patients(["p1"])

    assert heard == [_changes({"Patient", "Observation"}, {"p1"})]


@pytest.mark.asyncio
async def test_resources_the_ehr_deleted_are_announced_with_their_patients(store: Store) -> None:
    await store.put_server_resources([_observation("o1", "p1", "1"), _observation("o2", "p2", "1")])
    heard = _listen(store)

    await store.forget_deleted("Observation", ["o2", "not-cached"])

    assert heard == [_changes({"Observation"}, {"p2"})]


@pytest.mark.asyncio
async def test_a_commit_that_fails_announces_nothing(store: Store) -> None:
    heard = _listen(store)
    with pytest.raises(StoreError):
        await store.record_local_change(
            _observation("bad"),
            operation="create",
            kind="not-a-kind",  # type: ignore[arg-type]
            created_at=NOW,
        )
    await asyncio.sleep(0)
    assert heard == []
