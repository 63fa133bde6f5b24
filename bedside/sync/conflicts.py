"""What to do when the EHR's version of a resource moved on under a local change (a 412).

A per-type rule decides. ``merge`` applies a three-way merge on the resource's top-level
elements: when this tablet and the EHR changed *different* elements since the version the change
was made on (the base), both changes are kept and the merged resource is sent again. When they
changed the same element differently, or the rule is ``review``, the conflict goes to the review
list a nurse settles — clinical data is never overwritten blindly, in either direction.

Pure functions on JSON dicts: no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

Rule = Literal["merge", "review"]

# Elements that describe the copy rather than the content.
_BOOKKEEPING = frozenset({"resourceType", "id", "meta", "text"})

# Meal selections and task statuses are small, and their elements are changed by different
# people for different reasons (the patient's dish, the kitchen's status): merging is safe.
# Everything else — clinical statements above all — is settled by a person.
RULES: Mapping[str, Rule] = {
    "NutritionOrder": "merge",
    "Task": "merge",
}


def rule_for(resource_type: str) -> Rule:
    return RULES.get(resource_type, "review")


def same_content(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Whether two versions say the same thing (ignoring id, meta and narrative)."""
    keys = (set(a) | set(b)) - _BOOKKEEPING
    return all(a.get(key) == b.get(key) for key in keys)


def three_way_merge(
    base: Mapping[str, Any], local: Mapping[str, Any], server: Mapping[str, Any]
) -> dict[str, Any] | None:
    """The server's version with this tablet's changes applied, or None when they collide."""
    merged = dict(server)
    for key in (set(base) | set(local) | set(server)) - _BOOKKEEPING:
        mine, theirs, before = local.get(key), server.get(key), base.get(key)
        if mine == before:
            continue  # not changed here: the server's value stands
        if theirs not in (before, mine):
            return None  # both changed the same element, differently
        if key in local:
            merged[key] = mine
        else:
            merged.pop(key, None)
    return merged


def describe(rule: Rule, resource_type: str) -> str:
    """Plain words for the review list: why this conflict waits for a person."""
    if rule == "merge":
        return (
            f"The {resource_type} was changed on the EHR and on this tablet in the same place; "
            "choose which version to keep."
        )
    return (
        f"The {resource_type} was changed on the EHR after this tablet changed it; "
        "choose which version to keep."
    )
