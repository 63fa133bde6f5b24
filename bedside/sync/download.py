"""The first, full download of a device's scope into the encrypted cache.

Order: the site's shared resources, then the scope's current encounters, their patients, and
every patient resource type. Each page is checked resource by resource — one that does not parse
is logged by type and id and skipped, the rest of the page is kept — and committed in its own
transaction, so memory stays flat and an interruption loses at most one page. The sync state
records the *server's* time taken from the first page of each search.

Incremental pulls, deletions and leaving the scope are the sync engine's job (issue #3).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from bedside.models import FhirModelError, parse_resource
from bedside.store import Store
from bedside.sync.client import FhirClient, SearchPage
from bedside.sync.scope import PATIENT_RESOURCES, SITE_RESOURCES, Scope

log = logging.getLogger(__name__)

PAGE_SIZE = 500
IDS_PER_QUERY = 40  # keeps query strings well below common URL length limits


@dataclass
class DownloadReport:
    """What a download did, for the status line, the CLI and the log."""

    stored: dict[str, int] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    requests: int = 0
    seconds: float = 0.0

    @property
    def total(self) -> int:
        return sum(self.stored.values())


Progress = Callable[[str, int], None]


def _valid(resource: Mapping[str, Any], expected_type: str, report: DownloadReport) -> bool:
    kind = resource.get("resourceType")
    rid = resource.get("id")
    label = f"{kind if isinstance(kind, str) else '?'}/{rid if isinstance(rid, str) else '?'}"
    if kind != expected_type:
        report.skipped.append(f"{label}: expected {expected_type}")
        log.warning("skipped %s from a %s search: unexpected type", label, expected_type)
        return False
    try:
        parse_resource(resource)
    except FhirModelError as exc:
        report.skipped.append(f"{label}: {exc.problems[:1]}")
        # The problems name fields, never their values, so they are safe to log.
        log.warning("skipped %s: does not parse (%s)", label, "; ".join(exc.problems[:3]))
        return False
    return True


async def _store_page(
    store: Store, page: SearchPage, expected_type: str, report: DownloadReport
) -> list[dict[str, Any]]:
    report.requests += 1
    for note in page.skipped:
        report.skipped.append(f"{expected_type} page: {note}")
    kept = [r for r in page.resources if _valid(r, expected_type, report)]
    if kept:
        await store.put_server_resources(kept)
    report.stored[expected_type] = report.stored.get(expected_type, 0) + len(kept)
    return kept


async def _pull(
    client: FhirClient,
    store: Store,
    scope: Scope,
    resource_type: str,
    params: Mapping[str, str],
    report: DownloadReport,
    progress: Progress | None,
) -> list[dict[str, Any]]:
    """Download every page of one search; return what was stored."""
    stored: list[dict[str, Any]] = []
    server_time: str | None = None
    query = {**params, "_count": str(PAGE_SIZE)}
    async for page in client.search(resource_type, query):
        server_time = server_time or page.server_time
        stored.extend(await _store_page(store, page, resource_type, report))
        if progress is not None:
            progress(resource_type, report.stored.get(resource_type, 0))
    if server_time is not None:
        await store.set_sync_state(scope.key, resource_type, server_time)
    return stored


def _chunks(values: Sequence[str], size: int) -> list[list[str]]:
    return [list(values[i : i + size]) for i in range(0, len(values), size)]


async def full_download(
    client: FhirClient, store: Store, scope: Scope, *, progress: Progress | None = None
) -> DownloadReport:
    """Download everything in ``scope`` into ``store``; see the module docstring for the order."""
    started = time.perf_counter()
    report = DownloadReport()
    for resource_type in SITE_RESOURCES:
        await _pull(client, store, scope, resource_type, {}, report, progress)

    # A ward's encounters list the ward among their locations, a bed's list the bed.
    encounter_query = {"location": f"Location/{scope.location_id}", "status": "in-progress"}
    encounters = await _pull(client, store, scope, "Encounter", encounter_query, report, progress)

    patient_ids = sorted(
        {
            ref.split("/", 1)[1]
            for encounter in encounters
            if isinstance(ref := (encounter.get("subject") or {}).get("reference"), str)
            and ref.startswith("Patient/")
        }
    )
    for chunk in _chunks(patient_ids, IDS_PER_QUERY):
        await _pull(client, store, scope, "Patient", {"_id": ",".join(chunk)}, report, progress)
        for resource_type, parameter in PATIENT_RESOURCES:
            params = {parameter: ",".join(f"Patient/{pid}" for pid in chunk)}
            await _pull(client, store, scope, resource_type, params, report, progress)
    report.seconds = time.perf_counter() - started
    log.info(
        "full download of %s: %d resources in %d requests, %d skipped, %.1f s",
        scope.key,
        report.total,
        report.requests,
        len(report.skipped),
        report.seconds,
    )
    return report
