"""The first, full download of a device's scope into the encrypted cache.

Order: the site's shared resources, then the scope's current encounters, their patients, and
every patient resource type. Each page is checked resource by resource — one that does not parse
is logged by type, id and element path (never its values) and skipped, the rest of the page is
kept — and committed in its own transaction, so memory stays flat and an interruption loses at
most one page. Checking runs on a worker thread so the GUI loop stays responsive.

The sync state records, per type, the *server's* time at the first page of the *earliest* search
of that type (patient types are fetched in chunks of patients), and it is written only once the
whole download has succeeded: a pull cut short never claims to be complete.

Incremental pulls, deletions and leaving the scope are the sync engine's job (issue #3).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from bedside.models import FhirModelError, parse_resource
from bedside.store import Store
from bedside.sync.client import FhirClient, SearchPage
from bedside.sync.errors import ProtocolError
from bedside.sync.scope import (
    CURRENT_ENCOUNTER_STATUSES,
    PATIENT_RESOURCES,
    SITE_RESOURCES,
    Scope,
)

log = logging.getLogger(__name__)

PAGE_SIZE = 500
IDS_PER_QUERY = 40  # keeps query strings well below common URL length limits


@dataclass
class DownloadReport:
    """What a download did, for the status line, the CLI and the log."""

    stored: dict[str, int] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    # Server time of the first page of the earliest search, per type (see the module docstring).
    server_times: dict[str, str] = field(default_factory=dict)
    requests: int = 0
    seconds: float = 0.0

    @property
    def total(self) -> int:
        return sum(self.stored.values())


Progress = Callable[[str, int], None]


def _check_page(
    resources: Sequence[Mapping[str, Any]], expected_type: str
) -> tuple[list[Mapping[str, Any]], list[str]]:
    """The resources that parse as ``expected_type``, and a value-free note for each other one."""
    kept: list[Mapping[str, Any]] = []
    notes: list[str] = []
    for resource in resources:
        kind = resource.get("resourceType")
        rid = resource.get("id")
        label = f"{kind if isinstance(kind, str) else '?'}/{rid if isinstance(rid, str) else '?'}"
        if kind != expected_type:
            notes.append(f"{label}: not a {expected_type}")
            continue
        try:
            parse_resource(resource)
        except FhirModelError as exc:
            notes.append(exc.log_safe)  # paths only: the values may be patient data
            continue
        kept.append(resource)
    return kept, notes


async def _store_page(
    store: Store, page: SearchPage, expected_type: str, report: DownloadReport
) -> list[dict[str, Any]]:
    report.requests += 1
    for note in page.skipped:
        report.skipped.append(f"{expected_type} page: {note}")
    # Parsing a page of 500 resources takes tens of milliseconds: too long for the GUI loop.
    loop = asyncio.get_running_loop()
    checked, notes = await loop.run_in_executor(None, _check_page, page.resources, expected_type)
    for note in notes:
        log.warning("skipped %s", note)
    report.skipped.extend(notes)
    kept = [dict(resource) for resource in checked]
    if kept:
        await store.put_server_resources(kept)
    report.stored[expected_type] = report.stored.get(expected_type, 0) + len(kept)
    return kept


async def _pull(
    client: FhirClient,
    store: Store,
    resource_type: str,
    params: Mapping[str, str],
    report: DownloadReport,
    progress: Progress | None,
    *,
    keep: list[dict[str, Any]] | None = None,
) -> None:
    """Download every page of one search into the store (and into ``keep`` when given).

    Only the caller that needs the resources afterwards (the encounters, for their patients)
    passes ``keep``; everything else is let go page by page so memory stays flat.
    """
    first_page = True
    query = {**params, "_count": str(PAGE_SIZE)}
    async for page in client.search(resource_type, query):
        if first_page:
            first_page = False
            # setdefault: the earliest search of a type bounds what the next delta must cover.
            if page.server_time is None:
                raise ProtocolError("The EHR's search answer carries no server time.")
            report.server_times.setdefault(resource_type, page.server_time)
        stored = await _store_page(store, page, resource_type, report)
        if keep is not None:
            keep.extend(stored)
        if progress is not None:
            progress(resource_type, report.stored.get(resource_type, 0))


def _chunks(values: Sequence[str], size: int) -> list[list[str]]:
    return [list(values[i : i + size]) for i in range(0, len(values), size)]


async def full_download(
    client: FhirClient, store: Store, scope: Scope, *, progress: Progress | None = None
) -> DownloadReport:
    """Download everything in ``scope`` into ``store``; see the module docstring for the order."""
    started = time.perf_counter()
    report = DownloadReport()
    for resource_type in SITE_RESOURCES:
        await _pull(client, store, resource_type, {}, report, progress)

    # A ward's encounters list the ward among their locations, a bed's list the bed.
    encounter_query = {
        "location": f"Location/{scope.location_id}",
        "status": ",".join(CURRENT_ENCOUNTER_STATUSES),
    }
    encounters: list[dict[str, Any]] = []
    await _pull(client, store, "Encounter", encounter_query, report, progress, keep=encounters)

    patient_ids = sorted(
        {
            ref.split("/", 1)[1]
            for encounter in encounters
            if isinstance(ref := (encounter.get("subject") or {}).get("reference"), str)
            and ref.startswith("Patient/")
        }
    )
    for chunk in _chunks(patient_ids, IDS_PER_QUERY):
        await _pull(client, store, "Patient", {"_id": ",".join(chunk)}, report, progress)
        for resource_type, parameter in PATIENT_RESOURCES:
            params = {parameter: ",".join(f"Patient/{pid}" for pid in chunk)}
            await _pull(client, store, resource_type, params, report, progress)
    # Only now is every type complete: record the server times together, in one transaction.
    await store.set_sync_states(scope.key, report.server_times)
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
