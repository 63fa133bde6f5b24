"""Downloading a device's scope into the encrypted cache: the first pull, then deltas.

Order: the scope's current encounters (who is in scope) beside the site's shared resources, then
their patients and every patient resource type. Each page is checked resource by resource — one
that does not parse is logged by type, id and element path (never its values) and skipped, the
rest of the page is kept — and committed in its own transaction, so memory stays flat and an
interruption loses at most one page. Checking runs on a worker thread so the GUI loop stays
responsive.

The sync state records, per type, the *server's* time at the first page of the *earliest* search
of that type (patient types are fetched in chunks of patients). It is written as soon as every
search of that type has finished, and only then: an interrupted pull resumes with the types it
had completed (they get a delta) and starts again the ones it had not, never claiming more.

Incremental pulls ask each type for ``_lastUpdated=gt{last pull − overlap}`` on the server's
clock. The scope's current encounters are read in full every time (a ward has a few dozen): they
say who is in scope now, so a new patient is downloaded whole and a patient who left (discharge,
transfer) is reported for purging — without type-level ``_history``, which many servers lack.
Absence counts only in a readable answer: a ward list with an entry that cannot be read stops the
sync with a :class:`ProtocolError`, and one cut short or without a ``total`` reports nobody as
departed. A resource the store cannot write (a lone surrogate in its text, no id) is skipped by
type and id like one that does not parse; a server time that is not a real instant is never
recorded, and a recorded one that is not (an older Bedside's) reads its type whole again.
Resources deleted on the EHR are found by :func:`reconcile`: a ``_summary=count`` per type and
chunk of patients, and, where the count differs from the cache, a fresh pull of that slice whose
ids are the truth.

Whoever waits for a pull (the first-run screen) can follow it through ``progress``: after every
stored page a :class:`DownloadProgress` with the resources stored so far and, when the EHR gives
one, an estimate of the whole pull — the searches' ``Bundle.total``, and a ``_summary=count`` for
each search that has not started yet (asked only when someone listens). An EHR that refuses
counts or leaves totals out gives no estimate; the pull is the same either way.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from bedside.models import FhirModelError, parse_resource
from bedside.models.codes import CURRENT_ENCOUNTER_STATUSES
from bedside.models.errors import log_label
from bedside.store import Store
from bedside.sync.client import FhirClient, SearchPage, server_instant
from bedside.sync.errors import ProtocolError, RejectedError, SyncError
from bedside.sync.offload import off_loop
from bedside.sync.scope import PATIENT_RESOURCES, SITE_RESOURCES, Scope

# The progress values live with the other plain values of the sync layer; imported here too
# (re-exported) for the download's callers.
from bedside.sync.status import DownloadProgress as DownloadProgress
from bedside.sync.status import Phase as Phase
from bedside.sync.status import Progress as Progress

log = logging.getLogger(__name__)

PAGE_SIZE = 500
IDS_PER_QUERY = 40  # keeps query strings well below common URL length limits
# Searches of different types run side by side (the server works on one while this tablet
# stores another). Two, not more: every search holds up to two decoded pages, and a full GC
# pass that lands while three ran with 61,000 resources froze the screen 55 ms (two: 31-40 ms).
PARALLEL_SEARCHES = 2
# A resource committed on the EHR while our previous search ran can carry a lastUpdated just
# before that search's time; asking again a little further back costs a few repeats, no loss.
DELTA_OVERLAP = timedelta(seconds=5)


def incomplete_fact(scope_key: str) -> str:
    """The device fact listing the types whose last search in ``scope_key`` was cut short."""
    return f"incomplete-searches:{scope_key}"


def _types_in(fact: str | None) -> set[str]:
    return {t for t in (fact or "").split(",") if t}


async def remember_cut_short(store: Store, scope_key: str, resource_type: str) -> None:
    """Add ``resource_type`` to the scope's cut-short types: the next sync reads it whole."""
    name = incomplete_fact(scope_key)
    types = _types_in(await store.device_fact(name))
    if resource_type not in types:
        await store.set_device_fact(name, ",".join(sorted(types | {resource_type})))


@dataclass(frozen=True)
class IncompleteSearch:
    """A search whose pages held fewer matches than its ``Bundle.total`` said, and no more."""

    resource_type: str
    received: int
    expected: int

    def __str__(self) -> str:
        return f"{self.resource_type} {self.received} of {self.expected}"


@dataclass
class DownloadReport:
    """What a download did, for the status line, the CLI and the log."""

    stored: dict[str, int] = field(default_factory=dict)
    # Of what was stored, what actually changed the cache (new, or a new version), per type.
    changed: dict[str, int] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    # Server time of the first page of the earliest search, per type (see the module docstring).
    server_times: dict[str, str] = field(default_factory=dict)
    requests: int = 0
    seconds: float = 0.0
    # Who is in scope now (from the current encounters) and who is cached but no longer is.
    current_patients: set[str] = field(default_factory=set)
    departed_patients: set[str] = field(default_factory=set)
    new_patients: set[str] = field(default_factory=set)
    incremental: bool = False
    # Whether the ward list can tell who left: one complete, readable search whose total was
    # given and whose every encounter names its patient. Only then is anyone taken as departed.
    departures_known: bool = False
    # Searches the EHR cut short: what they lack is neither cached nor taken as deleted, and
    # the next sync reads their types whole again (:func:`incomplete_fact`).
    incomplete: list[IncompleteSearch] = field(default_factory=list)

    def is_complete(self, resource_type: str) -> bool:
        return all(search.resource_type != resource_type for search in self.incomplete)

    @property
    def total(self) -> int:
        return sum(self.stored.values())


def _check_page(
    resources: Sequence[Mapping[str, Any]], expected_type: str
) -> tuple[list[Mapping[str, Any]], list[str]]:
    """The resources that parse as ``expected_type``, and a value-free note for each other one."""
    kept: list[Mapping[str, Any]] = []
    notes: list[str] = []
    for resource in resources:
        kind = resource.get("resourceType")
        label = log_label(kind, resource.get("id"))
        if kind != expected_type:
            notes.append(f"{label}: not a {expected_type}")
            continue
        if not isinstance(resource.get("id"), str):
            notes.append(f"{label}: no id")  # the cache keys every resource by its id
            continue
        try:
            parse_resource(resource)
        except FhirModelError as exc:
            notes.append(exc.log_safe)  # paths only: the values may be patient data
            continue
        except RecursionError:
            notes.append(f"{label}: nested too deeply")
            continue
        kept.append(resource)
    return kept, notes


async def _store_page(
    store: Store, page: SearchPage, expected_type: str, report: DownloadReport
) -> list[dict[str, Any]]:
    """Check and store one page; return what was kept.

    The store announces what of it changed the cache on its change feed, the views' one refresh
    path; a page that changed nothing (the ward's encounters, read in full on every sync) is not
    announced.
    """
    report.requests += 1
    for note in page.skipped:
        report.skipped.append(f"{expected_type} page: {note}")
    # Parsing a page of 500 resources takes tens of milliseconds: too long for the GUI loop.
    checked, notes = await off_loop(_check_page, page.resources, expected_type)
    for note in notes:
        log.warning("download_skipped note=%r", note)
    report.skipped.extend(notes)
    kept, changed = await _put_or_skip(store, [dict(resource) for resource in checked], report)
    report.stored[expected_type] = report.stored.get(expected_type, 0) + len(kept)
    report.changed[expected_type] = report.changed.get(expected_type, 0) + len(changed)
    return kept


# What the store raises for a resource it cannot write, as opposed to a store that cannot write
# (a StoreError): text that is not Unicode (a lone surrogate), an integer too large for SQLite,
# nesting too deep to serialise.
_UNSTORABLE = (ValueError, TypeError, OverflowError, UnicodeError, RecursionError)


async def _put_or_skip(
    store: Store, resources: list[dict[str, Any]], report: DownloadReport
) -> tuple[list[dict[str, Any]], list[Mapping[str, Any]]]:
    """Store ``resources`` in one transaction; when one of them cannot be stored, store them
    one at a time and skip (by type and id, into ``report.skipped``) those that fail.

    Returns what was stored and what of it changed the cache. A skipped resource fails the same
    way at every sync (the EHR keeps sending it), so it must cost that resource, never the page
    or the sync.
    """
    if not resources:
        return [], []
    try:
        return resources, await store.put_server_resources(resources)
    except _UNSTORABLE:
        pass
    stored: list[dict[str, Any]] = []
    changed: list[Mapping[str, Any]] = []
    for resource in resources:
        try:
            changed += await store.put_server_resources([resource])
        except _UNSTORABLE as exc:
            label = log_label(resource.get("resourceType"), resource.get("id"))
            log.warning("download_skipped note=%r cause=%s", label, type(exc).__name__)
            report.skipped.append(f"{label}: cannot be stored")
        else:
            stored.append(resource)
    return stored, changed


async def _pull(
    client: FhirClient,
    store: Store,
    resource_type: str,
    params: Mapping[str, str],
    report: DownloadReport,
    page_stored: Callable[[str], None] | None,
    *,
    keep: list[dict[str, Any]] | None = None,
    page_size: int = PAGE_SIZE,
    seen_ids: set[str] | None = None,
    on_total: Callable[[int], None] | None = None,
    cut_short: Callable[[str], Awaitable[None]] | None = None,
    every_entry: bool = False,
) -> None:
    """Download every page of one search into the store (and into ``keep`` when given).

    Only the caller that needs the resources afterwards (the encounters, for their patients)
    passes ``keep``; everything else is let go page by page so memory stays flat. ``on_total``
    hears the search's ``Bundle.total`` when the first page has one; ``page_stored`` is told the
    type after every page; ``cut_short`` is told the type at once when the EHR cut the search
    short (so it is remembered even if the sync stops right after). ``every_entry`` (the ward
    list) stops the download with a :class:`ProtocolError` when an entry cannot be read: what
    cannot be read is no evidence that a patient left.
    """
    first_page = True
    query = {**params, "_count": str(page_size)}
    async for page in _one_page_ahead(client.search(resource_type, query)):
        if first_page:
            first_page = False
            # A time that is no real instant would be stored as the last pull and break every
            # later delta: checked here, the one place server times are taken for the state.
            server_time = server_instant(page.server_time)
            if server_time is None:
                raise ProtocolError("The EHR's search answer carries no valid server time.")
            # setdefault: the earliest search of a type bounds what the next delta must cover.
            report.server_times.setdefault(resource_type, server_time)
            if on_total is not None and page.total is not None:
                on_total(page.total)
        stored = await _store_page(store, page, resource_type, report)
        if every_entry and (page.skipped or len(stored) < len(page.resources)):
            raise ProtocolError(
                f"The EHR's list of current {resource_type}s could not be read; "
                "nothing was removed from this tablet."
            )
        if keep is not None:
            keep.extend(stored)
        if seen_ids is not None:
            seen_ids.update(str(r["id"]) for r in stored)
            # Ids of entries that did not parse still exist on the server: never forget them.
            seen_ids.update(r["id"] for r in page.resources if isinstance(r.get("id"), str))
        if page.incomplete is not None:
            received, expected = page.incomplete
            report.incomplete.append(IncompleteSearch(resource_type, received, expected))
            log.warning(
                "search_incomplete resource=%s received=%d expected=%d",
                resource_type,
                received,
                expected,
            )
            if cut_short is not None:
                await cut_short(resource_type)
        if page_stored is not None:
            page_stored(resource_type)


async def _one_page_ahead(pages: AsyncIterator[SearchPage]) -> AsyncIterator[SearchPage]:
    """The same pages, the next one already being fetched while the caller stores this one.

    Fetching (network and the server's work) and storing (checking, the database) then overlap
    instead of taking turns; at most two pages are held at once, so memory stays flat.
    """
    iterator = aiter(pages)
    ahead: asyncio.Task[SearchPage | None] = asyncio.ensure_future(anext(iterator, None))
    try:
        while (page := await ahead) is not None:
            ahead = asyncio.ensure_future(anext(iterator, None))
            yield page
    finally:
        if not ahead.done():
            ahead.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await ahead
        closer = getattr(iterator, "aclose", None)
        if closer is not None:
            await closer()


async def _all(limit: int, jobs: Sequence[Callable[[], Awaitable[None]]]) -> None:
    """Run ``jobs`` with at most ``limit`` at a time; the first failure cancels the rest."""
    gate = asyncio.Semaphore(limit)

    async def gated(job: Callable[[], Awaitable[None]]) -> None:
        async with gate:
            await job()

    tasks = [asyncio.ensure_future(gated(job)) for job in jobs]
    try:
        await asyncio.gather(*tasks)
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


def _chunks(values: Sequence[str], size: int) -> list[list[str]]:
    return [list(values[i : i + size]) for i in range(0, len(values), size)]


def _patient_ids(encounters: Sequence[Mapping[str, Any]]) -> set[str]:
    return {
        ref.split("/", 1)[1]
        for encounter in encounters
        if isinstance(ref := (encounter.get("subject") or {}).get("reference"), str)
        and ref.startswith("Patient/")
    }


def _since(last_pull: str) -> str:
    """The ``_lastUpdated`` bound for a delta: the last pull's server time minus the overlap."""
    try:
        moment = datetime.fromisoformat(last_pull.replace("Z", "+00:00"))
    except ValueError as exc:
        raise ProtocolError(
            "The recorded server time of the last pull is not a FHIR instant."
        ) from exc
    return (moment - DELTA_OVERLAP).isoformat().replace("+00:00", "Z")


class _Estimate:
    """How many resources a pull brings, from the EHR's totals of its searches.

    Every search that reads a slice whole (not a delta) is expected; its total comes from its
    first page's ``Bundle.total`` or, when it has not started yet, from a ``_summary=count``. The
    sum is known only once every slice has a total and the patient slices are listed: a sum of
    some slices would make a progress bar run backwards when the others arrive. Deltas are not
    estimated (they are small, and their pages still count as stored).
    """

    def __init__(self) -> None:
        self.totals: dict[str, int | None] = {}
        self.listed = False  # the patient slices are known (after the encounters)
        self.given_up = False  # the EHR gives no totals: no estimate for this pull

    def expect(self, key: str) -> None:
        self.totals.setdefault(key, None)

    def found(self, key: str, total: int) -> None:
        if key in self.totals:
            self.totals[key] = total

    def unknown(self, key: str) -> bool:
        return key in self.totals and self.totals[key] is None

    @property
    def expected(self) -> int | None:
        if self.given_up or not self.listed:
            return None
        known = [total for total in self.totals.values() if total is not None]
        return sum(known) if len(known) == len(self.totals) else None


# One search of a pull: its estimate key, the type, its parameters, and whether it reads whole.
_Slice = tuple[str, str, dict[str, str], bool]


@dataclass
class Downloader:
    """One pull (first or incremental) of a scope into the store."""

    client: FhirClient
    store: Store
    scope: Scope
    progress: Progress | None = None
    page_size: int = PAGE_SIZE
    _report: DownloadReport = field(default_factory=DownloadReport, init=False, repr=False)
    _estimate: _Estimate | None = field(default=None, init=False, repr=False)
    _fact_lock: asyncio.Lock = field(default_factory=asyncio.Lock, init=False, repr=False)

    async def _pull(
        self,
        resource_type: str,
        params: Mapping[str, str],
        report: DownloadReport,
        *,
        keep: list[dict[str, Any]] | None = None,
        seen_ids: set[str] | None = None,
        slice_key: str | None = None,
        every_entry: bool = False,
        heard_total: Callable[[int], None] | None = None,
    ) -> None:
        estimate = self._estimate

        def on_total(total: int) -> None:
            if estimate is not None and slice_key is not None:
                estimate.found(slice_key, total)
            if heard_total is not None:
                heard_total(total)

        await _pull(
            self.client,
            self.store,
            resource_type,
            params,
            report,
            self._page_stored if self.progress is not None else None,
            keep=keep,
            page_size=self.page_size,
            seen_ids=seen_ids,
            on_total=on_total,
            cut_short=self._remember_cut_short,
            every_entry=every_entry,
        )

    async def _remember_cut_short(self, resource_type: str) -> None:
        # Two searches run at once: one read-and-write of the fact at a time.
        async with self._fact_lock:
            await remember_cut_short(self.store, self.scope.key, resource_type)

    def _page_stored(self, resource_type: str) -> None:
        self._tell("downloading", resource_type)

    def _tell(self, phase: Phase, resource_type: str | None = None) -> None:
        if self.progress is None:
            return
        expected = None if self._estimate is None else self._estimate.expected
        self.progress(DownloadProgress(phase, self._report.total, expected, resource_type))

    async def _count(self, slices: Sequence[_Slice]) -> None:
        """Ask the EHR how many resources each whole slice holds whose search has not started.

        One count at a time beside the searches (they are cheap for the EHR). A refusal or an
        answer without a total means no estimate; any other failure is the pull's to report.
        """
        estimate = self._estimate
        assert estimate is not None
        try:
            for key, resource_type, params, _whole in slices:
                if estimate.unknown(key):
                    estimate.found(key, await self.client.count(resource_type, params))
        except (RejectedError, ProtocolError) as exc:
            estimate.given_up = True
            log.info("download_estimate_unavailable cause=%s", type(exc).__name__)
            return
        except SyncError:
            return  # offline, timeout…: the pull's own searches meet it and say so
        self._tell("downloading")

    def _site_slices(self, since: Mapping[str, str]) -> list[_Slice]:
        return [(t, t, _delta(since, t), t not in since) for t in SITE_RESOURCES]

    def _encounter_slice(self) -> _Slice:
        # A ward's encounters list the ward among their locations, a bed's list the bed.
        query = {
            "location": f"Location/{self.scope.location_id}",
            "status": ",".join(CURRENT_ENCOUNTER_STATUSES),
        }
        return ("Encounter", "Encounter", query, True)

    def _patient_slices(
        self,
        resource_type: str,
        parameter: str,
        known: Sequence[str],
        new: Sequence[str],
        since: Mapping[str, str],
    ) -> list[_Slice]:
        """One patient type for every chunk of patients: a delta for patients seen before,
        everything for patients new to the scope."""

        def select(chunk: Sequence[str]) -> str:
            refs = chunk if parameter == "_id" else [f"Patient/{pid}" for pid in chunk]
            return ",".join(refs)

        delta = _delta(since, resource_type)
        slices: list[_Slice] = [
            (
                f"{resource_type}/known/{index}",
                resource_type,
                {parameter: select(chunk), **delta},
                not delta,
            )
            for index, chunk in enumerate(_chunks(sorted(known), IDS_PER_QUERY))
        ]
        slices += [
            (f"{resource_type}/new/{index}", resource_type, {parameter: select(chunk)}, True)
            for index, chunk in enumerate(_chunks(sorted(new), IDS_PER_QUERY))
        ]
        return slices

    async def _current_encounters(self, report: DownloadReport) -> set[str]:
        """The patients of the scope's current encounters; whether the list also tells who
        left goes into ``report.departures_known``.

        An entry that cannot be read stops the download (see :func:`_pull`'s ``every_entry``).
        Without a total, an answer cut short cannot be told from a complete one; an encounter
        that names no patient may be anyone's: either way nobody is taken as departed.
        """
        key, _, query, _ = self._encounter_slice()
        encounters: list[dict[str, Any]] = []
        totals: list[int] = []
        await self._pull(
            "Encounter",
            query,
            report,
            keep=encounters,
            slice_key=key,
            every_entry=True,
            heard_total=totals.append,
        )
        patients = _patient_ids(encounters)
        named = all(_patient_ids([encounter]) for encounter in encounters)
        report.departures_known = bool(totals) and named
        if not report.departures_known:
            log.warning(
                "ward_list_without_departures total_given=%s every_patient_named=%s",
                bool(totals),
                named,
            )
        return patients

    async def _patient_type(
        self, resource_type: str, slices: Sequence[_Slice], report: DownloadReport
    ) -> None:
        """Every slice (chunk of patients) of one patient type, then its sync state."""
        for key, _, params, _whole in slices:
            await self._pull(resource_type, params, report, slice_key=key)
        await self._completed(resource_type, report)

    async def _completed(self, resource_type: str, report: DownloadReport) -> None:
        """Every search of ``resource_type`` finished: a first pull saves its state now, so an
        interruption resumes from here; a delta saves all types together at its end (one
        transaction — redoing a short delta costs less than a commit per type)."""
        if resource_type in report.server_times and not report.incremental:
            await self.store.set_sync_state(
                self.scope.key, resource_type, report.server_times[resource_type]
            )

    async def run(self) -> DownloadReport:
        """A first pull when the scope was never pulled completely, otherwise a delta."""
        started = time.perf_counter()
        report = DownloadReport()
        since = _usable(await self.store.sync_state(self.scope.key))
        report.incremental = bool(since)
        # Types the EHR cut short last time are read whole again, not as a delta from then.
        cut_short = _types_in(await self.store.device_fact(incomplete_fact(self.scope.key)))
        delta_from = {t: at for t, at in since.items() if t not in cut_short}
        cached = await self.store.cached_patient_ids() if since else set()
        self._report = report
        # Only someone following the pull needs an estimate (and its count requests).
        estimate = self._estimate = _Estimate() if self.progress is not None else None
        site_slices = self._site_slices(delta_from)
        patient_slices: dict[str, list[_Slice]] = {}
        counting: asyncio.Task[None] | None = None

        def expect(slices: Sequence[_Slice]) -> None:
            for key, _, _, whole in slices:
                if estimate is not None and whole:
                    estimate.expect(key)

        expect([self._encounter_slice(), *site_slices])

        async def site_type(resource_type: str, key: str, params: dict[str, str]) -> None:
            await self._pull(resource_type, params, report, slice_key=key)
            await self._completed(resource_type, report)

        async def encounters() -> None:
            nonlocal counting
            report.current_patients = current = await self._current_encounters(report)
            await self._completed("Encounter", report)
            known, new = sorted(current & cached), sorted(current - cached if since else current)
            for resource_type, parameter in (("Patient", "_id"), *PATIENT_RESOURCES):
                patient_slices[resource_type] = self._patient_slices(
                    resource_type, parameter, known, new, delta_from
                )
            if estimate is not None:
                every = [
                    self._encounter_slice(),
                    *site_slices,
                    *(s for slices in patient_slices.values() for s in slices),
                ]
                expect(every)
                estimate.listed = True
                counting = asyncio.ensure_future(self._count([s for s in every if s[3]]))

        site_jobs = [
            lambda t=resource_type, k=key, p=params: site_type(t, k, p)
            for key, resource_type, params, _ in site_slices
        ]
        try:
            # The encounters first: they say which patients to count and fetch next.
            await _all(PARALLEL_SEARCHES, [encounters, *site_jobs])
            current = report.current_patients
            report.new_patients = current - cached if since else set(current)
            if report.is_complete("Encounter") and report.departures_known:
                report.departed_patients = (await self.store.cached_patient_ids()) - current
            # else: a cut-short (or total-less) list of the ward's encounters is no evidence
            # that anyone left.
            patient_jobs = [
                lambda t=resource_type, s=slices: self._patient_type(t, s, report)
                for resource_type, slices in patient_slices.items()
            ]
            await _all(PARALLEL_SEARCHES, patient_jobs)
        finally:
            if counting is not None:
                counting.cancel()  # a pull that ended (or failed) needs no more counts
                with contextlib.suppress(asyncio.CancelledError):
                    await counting
        self._tell("saving")
        if report.incremental:
            await self.store.set_sync_states(self.scope.key, report.server_times)
        await self.store.set_device_fact(
            incomplete_fact(self.scope.key),
            ",".join(sorted({search.resource_type for search in report.incomplete})),
        )
        report.seconds = time.perf_counter() - started
        log.info(
            "download_finished kind=%s scope=%s resources=%d requests=%d skipped=%d "
            "new_patients=%d departed_patients=%d seconds=%.2f",
            "incremental" if report.incremental else "full",
            self.scope.key,
            report.total,
            report.requests,
            len(report.skipped),
            len(report.new_patients),
            len(report.departed_patients),
            report.seconds,
        )
        return report


def _usable(since: Mapping[str, str]) -> dict[str, str]:
    """The recorded pull times that are real instants; a type whose time is not (stored by an
    older Bedside that did not check) is read whole again, as if never pulled."""
    usable = {t: at for t, at in since.items() if server_instant(at) is not None}
    for resource_type in sorted(since.keys() - usable.keys()):
        log.warning("sync_state_unusable resource=%s", resource_type)
    return usable


def _delta(since: Mapping[str, str], resource_type: str) -> dict[str, str]:
    last = since.get(resource_type)
    return {} if last is None else {"_lastUpdated": f"gt{_since(last)}"}


async def full_download(
    client: FhirClient, store: Store, scope: Scope, *, progress: Progress | None = None
) -> DownloadReport:
    """Download everything in ``scope`` into ``store``, ignoring any earlier pull."""
    await store.clear_sync_state(scope.key)
    return await Downloader(client, store, scope, progress=progress).run()


@dataclass
class ReconcileReport:
    """What a reconciliation of ids found."""

    checked: int = 0  # count queries
    repulled: list[str] = field(default_factory=list)  # "Type (n patients)" slices pulled again
    forgotten: int = 0  # cached resources the EHR no longer has
    requests: int = 0
    incomplete: list[IncompleteSearch] = field(default_factory=list)  # nothing forgotten there


async def reconcile(
    client: FhirClient,
    store: Store,
    scope: Scope,
    patient_ids: Sequence[str],
    *,
    page_size: int = PAGE_SIZE,
) -> ReconcileReport:
    """Find resources deleted on the EHR and remove them from the cache.

    After a delta pull the cache holds everything the EHR has (and maybe more): so for each type
    and chunk of patients, equal counts mean nothing was deleted. Where they differ, the slice is
    pulled again and cached ids the EHR did not return are forgotten (local changes not yet
    uploaded are never touched).
    """
    report = ReconcileReport()
    scratch = DownloadReport()
    slices: list[tuple[str, dict[str, str], list[str] | None]] = [
        (resource_type, {}, None) for resource_type in SITE_RESOURCES
    ]
    for chunk in _chunks(sorted(patient_ids), IDS_PER_QUERY):
        slices.append(("Patient", {"_id": ",".join(chunk)}, chunk))
        for resource_type, parameter in PATIENT_RESOURCES:
            slices.append(
                (resource_type, {parameter: ",".join(f"Patient/{p}" for p in chunk)}, chunk)
            )
    for resource_type, params, patients in slices:
        server_count = await client.count(resource_type, params)
        report.checked += 1
        cached = await store.server_ids(resource_type, patients)
        if server_count == len(cached):
            continue
        seen: set[str] = set()
        cut_short = len(scratch.incomplete)
        await _pull(
            client, store, resource_type, params, scratch, None, page_size=page_size, seen_ids=seen
        )
        report.repulled.append(
            f"{resource_type} ({'site' if patients is None else f'{len(patients)} patients'})"
        )
        if len(scratch.incomplete) > cut_short:
            # Missing from a cut-short answer is not deleted: forget nothing of this slice, and
            # read the type whole at the next sync.
            report.incomplete += scratch.incomplete[cut_short:]
            await remember_cut_short(store, scope.key, resource_type)
            continue
        report.forgotten += await store.forget_deleted(resource_type, cached - seen)
    report.requests = report.checked + scratch.requests
    if report.forgotten:
        log.info("reconcile_finished scope=%s removed=%d", scope.key, report.forgotten)
    return report


async def refresh_stale(client: FhirClient, store: Store) -> int:
    """Read again the resources whose local change was discarded; return how many."""
    count = 0
    for resource_type, resource_id in await store.stale_resources():
        server = await client.read(resource_type, resource_id)
        if server is None:
            await store.forget_resource(resource_type, resource_id)
        else:
            await store.put_server_resources([server])
        count += 1
    return count
