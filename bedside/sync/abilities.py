"""What the EHR says it can do, read once from its CapabilityStatement (``GET /metadata``).

Per resource type: the interactions it allows, its search parameters, its operations, whether a
client may create at an id it chose (``updateCreate``) and whether ``If-None-Exist`` is honoured
(``conditionalCreate``). Upload, staff sign-in and ``bedside doctor`` ask here instead of
guessing. Pure data; a missing or odd statement means "no", the safe assumption.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


def _codes(items: Any, key: str) -> frozenset[str]:
    """``{key}`` of every object in a CapabilityStatement list (``interaction[].code`` …)."""
    found = set()
    for item in items if isinstance(items, list) else []:
        value = item.get(key) if isinstance(item, dict) else None
        if isinstance(value, str) and value:
            found.add(value.removeprefix("$"))
    return frozenset(found)


@dataclass(frozen=True)
class TypeAbilities:
    """What the EHR offers for one resource type."""

    interactions: frozenset[str] = frozenset()  # read, search-type, create, update, …
    search_params: frozenset[str] = frozenset()
    operations: frozenset[str] = frozenset()  # names without the "$"
    update_create: bool = False
    conditional_create: bool = False


@dataclass(frozen=True)
class ServerAbilities:
    """The EHR's CapabilityStatement, reduced to what Bedside asks of it."""

    types: Mapping[str, TypeAbilities] = field(default_factory=dict)
    system_interactions: frozenset[str] = frozenset()  # transaction, batch, history-system
    fhir_version: str | None = None
    known: bool = False  # False: no readable statement; everything below answers "no"

    @property
    def update_create(self) -> frozenset[str]:
        """Types a client may create at an id of its own choosing (``PUT`` as create)."""
        return frozenset(name for name, t in self.types.items() if t.update_create)

    @property
    def conditional_create(self) -> frozenset[str]:
        """Types for which the EHR honours ``If-None-Exist``."""
        return frozenset(name for name, t in self.types.items() if t.conditional_create)

    def of(self, resource_type: str) -> TypeAbilities:
        return self.types.get(resource_type, TypeAbilities())

    def supports_operation(self, resource_type: str, name: str) -> bool:
        """Whether ``{type}/${name}`` is declared (``rest.resource.operation``)."""
        return name.removeprefix("$") in self.of(resource_type).operations

    @classmethod
    def from_capability_statement(cls, statement: Mapping[str, Any]) -> ServerAbilities:
        types: dict[str, TypeAbilities] = {}
        system: set[str] = set()
        rests = statement.get("rest") if isinstance(statement, Mapping) else None
        for rest in rests if isinstance(rests, list) else []:
            if not isinstance(rest, dict) or rest.get("mode") not in (None, "server"):
                continue
            system |= _codes(rest.get("interaction"), "code")
            resources = rest.get("resource")
            for resource in resources if isinstance(resources, list) else []:
                if not isinstance(resource, dict) or not isinstance(resource.get("type"), str):
                    continue
                types[resource["type"]] = TypeAbilities(
                    interactions=_codes(resource.get("interaction"), "code"),
                    search_params=_codes(resource.get("searchParam"), "name"),
                    operations=_codes(resource.get("operation"), "name"),
                    update_create=resource.get("updateCreate") is True,
                    conditional_create=resource.get("conditionalCreate") is True,
                )
        version = statement.get("fhirVersion") if isinstance(statement, Mapping) else None
        return cls(
            types=types,
            system_interactions=frozenset(system),
            fhir_version=version if isinstance(version, str) else None,
            known=bool(types),
        )
