"""The per-type conflict rules: a three-way merge where it is safe, a person otherwise."""

from __future__ import annotations

from bedside.sync.conflicts import rule_for, same_content, three_way_merge

BASE = {
    "resourceType": "NutritionOrder",
    "id": "meal-1",
    "meta": {"versionId": "1"},
    "status": "active",
    "instantiatesCanonical": ["ActivityDefinition/dish-a"],
    "note": [{"text": "no onions"}],
}


def test_changes_to_different_elements_are_both_kept() -> None:
    local = {**BASE, "instantiatesCanonical": ["ActivityDefinition/dish-b"]}
    server = {**BASE, "meta": {"versionId": "2"}, "status": "on-hold"}
    merged = three_way_merge(BASE, local, server)
    assert merged is not None
    assert merged["instantiatesCanonical"] == ["ActivityDefinition/dish-b"]
    assert merged["status"] == "on-hold"
    assert merged["meta"] == {"versionId": "2"}


def test_different_changes_to_the_same_element_are_a_conflict() -> None:
    local = {**BASE, "status": "revoked"}
    server = {**BASE, "status": "on-hold"}
    assert three_way_merge(BASE, local, server) is None


def test_the_same_change_on_both_sides_merges_without_a_conflict() -> None:
    local = {**BASE, "status": "completed"}
    server = {**BASE, "status": "completed", "meta": {"versionId": "3"}}
    assert three_way_merge(BASE, local, server) == server


def test_an_element_removed_here_is_removed_from_the_merge() -> None:
    local = {k: v for k, v in BASE.items() if k != "note"}
    server = {**BASE, "status": "on-hold"}
    merged = three_way_merge(BASE, local, server)
    assert merged is not None
    assert "note" not in merged
    assert merged["status"] == "on-hold"


def test_meal_orders_and_tasks_merge_and_clinical_statements_go_to_a_person() -> None:
    assert rule_for("NutritionOrder") == "merge"
    assert rule_for("Task") == "merge"
    for clinical in ("Observation", "MedicationRequest", "AllergyIntolerance", "Condition"):
        assert rule_for(clinical) == "review"


def test_same_content_ignores_the_copy_bookkeeping_but_not_the_content() -> None:
    assert same_content(BASE, {**BASE, "meta": {"versionId": "9"}, "text": {"div": "x"}})
    assert not same_content(BASE, {**BASE, "status": "draft"})
