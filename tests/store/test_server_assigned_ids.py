"""A resource the EHR stores under an id of its own: the local copy and every later row follow it.

Real SQLCipher file; the EHR's answers are given as the uploader would hand them over.
"""

from __future__ import annotations

from typing import Any

import pytest

from bedside.store import Store

TABLET_ID = "0b7d3c1e-tablet-id"
SERVER_ID = "server-assigned-42"
CREATED = "2026-12-07T10:00:00.000Z"
SETTLED = "2026-12-07T10:05:00.000Z"


def _order(
    dish: str, *, resource_id: str = TABLET_ID, version: str | None = None
) -> dict[str, Any]:
    meta: dict[str, Any] = {"tag": [{"system": "urn:bedside:site:s:event", "code": TABLET_ID}]}
    if version is not None:
        meta["versionId"] = version
    return {
        "resourceType": "NutritionOrder",
        "id": resource_id,
        "meta": meta,
        "status": "active",
        "intent": "order",
        "patient": {"reference": "Patient/p1"},
        "dateTime": CREATED,
        "oralDiet": {"type": [{"text": dish}]},
    }


async def _order_then_change(store: Store) -> tuple[int, int]:
    created = await store.record_local_change(
        _order("Soup"), operation="create", kind="event", created_at=CREATED
    )
    changed = await store.record_local_change(
        _order("Gratin"), operation="update", kind="mutable", created_at=CREATED
    )
    return created.seq, changed.seq


@pytest.mark.asyncio
async def test_a_change_queued_before_the_first_upload_follows_the_id_the_ehr_gave(
    store: Store,
) -> None:
    created, changed = await _order_then_change(store)

    await store.complete_upload(
        created, _order("Soup", resource_id=SERVER_ID, version="1"), settled_at=SETTLED
    )

    later = await store.outbox_entry(changed)
    assert later.state == "pending"
    assert later.resource_id == SERVER_ID
    assert later.base_version == "1"
    assert later.payload is not None
    assert later.payload["id"] == SERVER_ID
    assert later.payload["meta"]["versionId"] == "1"
    assert later.payload["oralDiet"]["type"][0]["text"] == "Gratin"


@pytest.mark.asyncio
async def test_the_local_copy_moves_to_the_ehr_id_and_keeps_the_nurses_latest_choice(
    store: Store,
) -> None:
    created, _ = await _order_then_change(store)

    await store.complete_upload(
        created, _order("Soup", resource_id=SERVER_ID, version="1"), settled_at=SETTLED
    )

    assert await store.get("NutritionOrder", TABLET_ID) is None
    moved = await store.get("NutritionOrder", SERVER_ID)
    assert moved is not None
    assert moved["oralDiet"]["type"][0]["text"] == "Gratin"


@pytest.mark.asyncio
async def test_with_nothing_queued_behind_it_the_local_copy_becomes_the_ehrs(store: Store) -> None:
    created = await store.record_local_change(
        _order("Soup"), operation="create", kind="event", created_at=CREATED
    )

    await store.complete_upload(
        created.seq, _order("Soup", resource_id=SERVER_ID, version="1"), settled_at=SETTLED
    )

    assert await store.get("NutritionOrder", TABLET_ID) is None
    stored = await store.get("NutritionOrder", SERVER_ID)
    assert stored is not None
    assert stored["meta"]["versionId"] == "1"
    assert await store.outbox() == []


@pytest.mark.asyncio
async def test_a_queued_reference_to_the_resource_follows_the_ehr_id(store: Store) -> None:
    observation = {
        "resourceType": "Observation",
        "id": "obs-tablet",
        "status": "final",
        "code": {"text": "Pain score"},
        "subject": {"reference": "Patient/p1"},
    }
    created = await store.record_local_change(
        observation, operation="create", kind="event", created_at=CREATED
    )
    task = {
        "resourceType": "Task",
        "id": "task-tablet",
        "status": "completed",
        "intent": "order",
        "focus": {"reference": "Observation/obs-tablet"},
        "for": {"reference": "Patient/p1"},
    }
    queued = await store.record_local_change(
        task, operation="create", kind="event", created_at=CREATED
    )

    await store.complete_upload(
        created.seq,
        {**observation, "id": "obs-server", "meta": {"versionId": "1"}},
        settled_at=SETTLED,
    )

    later = await store.outbox_entry(queued.seq)
    assert later.resource_id == "task-tablet"
    assert later.payload is not None
    assert later.payload["focus"] == {"reference": "Observation/obs-server"}
    assert later.payload["for"] == {"reference": "Patient/p1"}


@pytest.mark.asyncio
async def test_a_change_made_under_the_tablets_id_after_the_move_goes_to_the_ehrs_id(
    store: Store,
) -> None:
    """A screen read the order before its upload settled and changes it afterwards."""
    created = await store.record_local_change(
        _order("Soup"), operation="create", kind="event", created_at=CREATED
    )
    await store.complete_upload(
        created.seq, _order("Soup", resource_id=SERVER_ID, version="1"), settled_at=SETTLED
    )

    late = await store.record_local_change(
        _order("Gratin"), operation="update", kind="mutable", created_at=SETTLED
    )

    assert late.resource_id == SERVER_ID
    assert late.base_version == "1"
    assert late.payload is not None
    assert late.payload["id"] == SERVER_ID
    assert await store.get("NutritionOrder", TABLET_ID) is None  # no second copy
    current = await store.get("NutritionOrder", SERVER_ID)
    assert current is not None
    assert current["oralDiet"]["type"][0]["text"] == "Gratin"
