"""What the EHR says it can do, read once from its CapabilityStatement (``GET /metadata``).

Upload needs two answers per type: may a client create a resource at an id it chose
(``updateCreate``), and does the server honour ``If-None-Exist`` (``conditionalCreate``)?
Pure data; a missing or odd statement means "no" for both, the safe assumption.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class ServerAbilities:
    """Per resource type: create-as-update and conditional create."""

    update_create: frozenset[str] = field(default_factory=frozenset)
    conditional_create: frozenset[str] = field(default_factory=frozenset)
    fhir_version: str | None = None

    @classmethod
    def from_capability_statement(cls, statement: Mapping[str, Any]) -> ServerAbilities:
        update: set[str] = set()
        conditional: set[str] = set()
        rests = statement.get("rest")
        for rest in rests if isinstance(rests, list) else []:
            if not isinstance(rest, dict) or rest.get("mode") not in (None, "server"):
                continue
            resources = rest.get("resource")
            for resource in resources if isinstance(resources, list) else []:
                if not isinstance(resource, dict) or not isinstance(resource.get("type"), str):
                    continue
                if resource.get("updateCreate") is True:
                    update.add(resource["type"])
                if resource.get("conditionalCreate") is True:
                    conditional.add(resource["type"])
        version = statement.get("fhirVersion")
        return cls(
            frozenset(update),
            frozenset(conditional),
            version if isinstance(version, str) else None,
        )
