"""The sync engine: when to push and pull, and what the rest of the app is told about it.

One :class:`SyncEngine` per open cache. It runs on the asyncio loop (under qasync, the Qt thread):
network I/O is async and every database call goes to the store's own thread, so nothing here
blocks the screen. What it does and when:

* :meth:`SyncEngine.sync_once` — push the outbox, pull (first or incremental), read back stale
  resources, reconcile ids when due, purge patients who left the scope once nothing of theirs
  waits in the outbox, then push again whatever was written meanwhile.
* :meth:`SyncEngine.start` — a background loop: a sync every ``pull_interval_s``; while offline a
  cheap probe (``GET metadata``) every ``offline_probe_s`` and a full sync as soon as it answers;
  :meth:`sync_now` ("sync now" button, network back) and :meth:`local_write_done` (a push soon
  after each local write) wake it early. A ``Retry-After`` longer than the in-request budget
  pushes the next attempt back accordingly.
* :meth:`SyncEngine.has_complete_pull` and :meth:`SyncEngine.first_pull_attempt` — for the
  first run (:mod:`bedside.services.first_run`): whether this cache holds a full pull of the
  scope, and one attempt at it whose failure comes back sorted (:func:`pull_failure`) as a plain
  :class:`~bedside.sync.status.PullOutcome`, so the services never see the sync layer's errors.

Listeners get a :class:`~bedside.sync.status.SyncStatus` (online/offline, last successful sync
on the *server's* clock, pending / conflict / rejected counts, current activity) whenever it
changes. Listener callbacks must be quick; they run on the loop. What the engine changed in the
cache is not the engine's to announce: the store does, after every commit, whoever wrote it
(:mod:`bedside.store.changes`). The engine listens there too, and reads the outbox counts again
whenever the outbox changed — after an upload settled, but also after a local write or a nurse's
decision in the review lists — so the badge never lags behind what the lists show.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from bedside.store import Store, StoreError
from bedside.store.changes import Changes
from bedside.sync.abilities import ServerAbilities
from bedside.sync.client import FhirClient
from bedside.sync.download import (
    PAGE_SIZE,
    Downloader,
    DownloadReport,
    IncompleteSearch,
    ReconcileReport,
    reconcile,
    refresh_stale,
)
from bedside.sync.errors import (
    AuthError,
    CertificateError,
    OfflineError,
    RejectedError,
    ServerError,
    SyncError,
    SyncTimeoutError,
)
from bedside.sync.scope import SITE_RESOURCES, Scope
from bedside.sync.status import DownloadProgress, Progress, PullFailure, PullOutcome, SyncStatus
from bedside.sync.tls import TlsConfigError
from bedside.sync.upload import Uploader, UploadReport

log = logging.getLogger(__name__)

LAST_SYNC_FACT = "last-successful-sync"
LAST_RECONCILE_FACT = "last-reconcile"
# What the badge says when a sync failed in a way no sync error foresaw (see SyncEngine._run).
UNEXPECTED_PROBLEM = "The last sync stopped on an unexpected error; Bedside will try again."


@dataclass(frozen=True)
class SyncPolicy:
    """The engine's timings (from the ``sync.*`` settings)."""

    pull_interval_s: float = 120.0
    push_delay_s: float = 1.0
    reconcile_interval_s: float = 900.0
    offline_probe_s: float = 15.0
    page_size: int = PAGE_SIZE


@dataclass
class SyncReport:
    """What one :meth:`SyncEngine.sync_once` did, for the CLI, the log and the tests."""

    pushed: UploadReport = field(default_factory=UploadReport)
    pulled: DownloadReport | None = None
    reconciled: ReconcileReport | None = None
    refreshed: int = 0
    purged_patients: list[str] = field(default_factory=list)
    kept_patients: list[str] = field(default_factory=list)  # left the scope, changes unsettled
    requests: int = 0
    seconds: float = 0.0
    error: SyncError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def incomplete(self) -> list[IncompleteSearch]:
        """Searches the EHR cut short in this sync (pull and reconciliation)."""
        pulled = self.pulled.incomplete if self.pulled is not None else []
        reconciled = self.reconciled.incomplete if self.reconciled is not None else []
        return [*pulled, *reconciled]

    def incomplete_sentence(self) -> str | None:
        """Plain words for the searches the EHR cut short, or None when nothing was."""
        if not self.incomplete:
            return None
        # The pull and the reconciliation may both meet the same cut: say it once.
        searches = ", ".join(dict.fromkeys(str(search) for search in self.incomplete))
        return (
            f"The EHR sent only part of what it has ({searches}); the rest will be asked for "
            "again at the next sync, and nothing was removed from this tablet because of it."
        )

    def lines(self) -> list[str]:
        """A short account in plain words (no patient data), one fact per line."""
        out = []
        push = self.pushed
        out.append(
            f"uploaded: {push.done} settled, {push.conflict} conflicts, {push.rejected} rejected"
            f", {push.merged} merged, {push.read_back} read back after a lost answer"
            f", {push.waiting} waiting behind an unsettled change"
        )
        if self.pulled is not None:
            kind = "incremental" if self.pulled.incremental else "first"
            per_type = ", ".join(f"{k} {v}" for k, v in sorted(self.pulled.stored.items()) if v)
            out.append(
                f"downloaded ({kind}): {self.pulled.total} resources"
                + (f" ({per_type})" if per_type else "")
                + f", {sum(self.pulled.changed.values())} new or changed"
                + f", {len(self.pulled.skipped)} skipped as invalid"
            )
            out.append(
                f"patients in scope: {len(self.pulled.current_patients)}"
                f" ({len(self.pulled.new_patients)} new)"
            )
        if self.reconciled is not None:
            out.append(
                f"reconciled: {self.reconciled.checked} counts checked, "
                f"{self.reconciled.forgotten} deleted resources removed"
            )
        if self.refreshed:
            out.append(f"re-read from the EHR: {self.refreshed} resources")
        if self.purged_patients or self.kept_patients:
            out.append(
                f"left the scope: {len(self.purged_patients)} patients purged, "
                f"{len(self.kept_patients)} kept until their changes are settled"
            )
        incomplete = self.incomplete_sentence()
        if incomplete is not None:
            out.append(f"incomplete: {incomplete}")
        out.append(f"requests: {self.requests}, {self.seconds:.2f} s")
        if self.error is not None:
            out.append(f"stopped: {self.error}")
        return out


def pull_failure(error: BaseException) -> PullFailure:
    """The kind of a failed pull, as the person at the tablet (or IT on the phone) needs it.

    A certificate that does not verify (or a site CA bundle that cannot be used) is its own kind,
    checked before the credentials it is a special case of. A 401/403 refusal of a search is the
    credentials too (this client may not read what it asks for). Timeouts count as offline: to
    the person waiting, the EHR cannot be reached either way. A store that cannot write is this
    tablet's storage; anything else is the EHR's error.
    """
    if isinstance(error, CertificateError | TlsConfigError):
        return "certificate"
    if isinstance(error, AuthError):
        return "credentials"
    if isinstance(error, RejectedError) and error.status in (401, 403):
        return "credentials"
    if isinstance(error, OfflineError | SyncTimeoutError):
        return "offline"
    if isinstance(error, StoreError):
        return "storage"
    return "ehr"


StatusListener = Callable[[SyncStatus], None]


def _utc_now() -> datetime:
    return datetime.now(UTC)


class SyncEngine:
    """Keeps one store in step with one EHR for one scope."""

    def __init__(
        self,
        store: Store,
        client: FhirClient,
        scope: Scope,
        *,
        policy: SyncPolicy | None = None,
        clock: Callable[[], datetime] = _utc_now,
        progress: Progress | None = None,
    ) -> None:
        self.store = store
        self.client = client
        self.scope = scope
        self.policy = policy or SyncPolicy()
        self._clock = clock
        # Who follows a pull (the first-run screen); see add_progress_listener.
        self._progress_listeners: list[Progress] = [] if progress is None else [progress]
        self._abilities: ServerAbilities | None = None
        self._lock = asyncio.Lock()
        self._status = SyncStatus()
        self._status_listeners: list[StatusListener] = []
        self._counts_task: asyncio.Task[None] | None = None
        self._counts_stale = False
        self._wake = asyncio.Event()
        self._push_requested = False
        self._task: asyncio.Task[None] | None = None
        self._push_task: asyncio.Task[None] | None = None
        self._not_before = 0.0  # monotonic time before which the server asked us not to call
        # What the last complete sync left to say (a search the EHR cut short): a push that
        # succeeds afterwards clears a failure, not this — only the next sync can.
        self._standing_problem: str | None = None
        # The badge's counts follow the outbox, whoever changed it (see the module docstring).
        self._leave_feed = store.changes.subscribe(self._store_changed)

    # Listeners and status ------------------------------------------------------------------

    @property
    def status(self) -> SyncStatus:
        return self._status

    def add_status_listener(self, listener: StatusListener) -> Callable[[], None]:
        """Call ``listener`` with every new status; returns the way out (a closed screen's)."""
        self._status_listeners.append(listener)

        def remove() -> None:
            if listener in self._status_listeners:
                self._status_listeners.remove(listener)

        return remove

    def _set_status(self, **changes: Any) -> None:
        status = replace(self._status, **changes)
        if status == self._status:
            return
        self._status = status
        for listener in list(self._status_listeners):
            try:
                listener(status)
            except Exception:
                log.exception("status_listener_failed")

    def _store_changed(self, changes: Changes) -> None:
        """The store committed something: read the counts again if the outbox changed."""
        if not changes.outbox:
            return
        self._counts_stale = True  # several commits in a row share one read
        if self._counts_task is None or self._counts_task.done():
            self._counts_task = asyncio.get_running_loop().create_task(
                self._refresh_stale_counts(), name="bedside-sync-counts"
            )

    async def _refresh_stale_counts(self) -> None:
        while self._counts_stale:
            self._counts_stale = False
            try:
                await self.refresh_counts()
            except StoreError:
                return  # closed or failing: the next sync says so

    async def refresh_counts(self) -> None:
        """Read the outbox counts and the last sync time into the status."""
        counts = await self.store.outbox_counts()
        last = await self.store.device_fact(LAST_SYNC_FACT)
        self._set_status(
            pending=counts.get("pending", 0) + counts.get("in_flight", 0),
            conflicts=counts.get("conflict", 0),
            rejected=counts.get("rejected", 0),
            last_success=last,
        )

    # Progress of a pull ----------------------------------------------------------------------

    def add_progress_listener(self, listener: Progress) -> None:
        """Follow every pull page by page (quick callbacks on the loop).

        Only while someone listens does a pull estimate its size (a few ``_summary=count``
        requests): the first-run screen listens during the first pull, nothing else needs to.
        """
        self._progress_listeners.append(listener)

    def remove_progress_listener(self, listener: Progress) -> None:
        with contextlib.suppress(ValueError):
            self._progress_listeners.remove(listener)

    def _report_progress(self, progress: DownloadProgress) -> None:
        for listener in list(self._progress_listeners):
            try:
                listener(progress)
            except Exception:
                log.exception("progress_listener_failed")

    # The first full pull ---------------------------------------------------------------------

    async def has_complete_pull(self) -> bool:
        """True once a full pull of this engine's scope has landed in the cache.

        Every successful sync records its time (``LAST_SYNC_FACT``), and the store keeps a sync
        state per scope and type. A cache that has synced but lacks the scope's own site and
        encounter states holds another scope (a tablet moved to another ward) or an interrupted
        pull: either way the board would be empty or wrong.
        """
        if await self.store.device_fact(LAST_SYNC_FACT) is None:
            return False
        state = await self.store.sync_state(self.scope.key)
        return all(t in state for t in (*SITE_RESOURCES, "Encounter"))

    async def first_pull_attempt(self) -> PullOutcome:
        """One attempt at the first full pull; never raises for a sync or store failure.

        A sync without reconciliation: a pull that has just read everything has nothing to
        reconcile, and the board should not wait for a round of counts. The failure, if any, is
        sorted by :func:`pull_failure`; a store error (a full disk, say) is one too, so the
        caller can say so and try again.
        """
        error: BaseException | None
        stored = 0
        try:
            report = await self.sync_once(reconcile_now=False)
        except StoreError as exc:
            error = exc
        else:
            error = report.error
            stored = report.pulled.total if report.pulled is not None else 0
        if error is None:
            return PullOutcome(stored=stored)
        retry_after = error.retry_after if isinstance(error, ServerError) else None
        return PullOutcome(
            failure=pull_failure(error),
            stored=stored,
            retry_after_s=retry_after,
            cause=type(error).__name__,
        )

    # One sync ------------------------------------------------------------------------------

    async def abilities(self) -> ServerAbilities:
        """What the EHR declares in its CapabilityStatement, read once per engine."""
        if self._abilities is None:
            statement = await self.client.capabilities()
            self._abilities = ServerAbilities.from_capability_statement(statement)
        return self._abilities

    async def push(self) -> UploadReport:
        """Drain the outbox now (the engine's lock keeps it from overlapping a sync)."""
        async with self._lock:
            return await self._push()

    async def _push(self, report: UploadReport | None = None) -> UploadReport:
        """Drain the outbox, counting into ``report`` as rows settle — so a drain stopped by
        a lost connection still reports the uploads the EHR accepted before it."""
        self._set_status(activity="pushing")
        uploader = Uploader(self.client, self.store, await self.abilities(), clock=self._clock)
        return await uploader.drain(report)

    async def sync_once(self, *, reconcile_now: bool | None = None) -> SyncReport:
        """Push, pull, refresh, reconcile when due, purge, push again; never raises SyncError.

        Store failures (a full disk, say) do raise: the cache cannot be trusted to go on.
        """
        async with self._lock:
            log.info("sync_started scope=%s", self.scope.key)
            started = time.perf_counter()
            requests_before = self.client.requests_sent
            report = SyncReport()
            try:
                await self._sync(report, reconcile_now)
            except SyncError as exc:
                report.error = exc
                self._note_failure(exc)
            except StoreError as exc:
                self._set_status(activity="idle", problem=str(exc))
                raise
            else:
                self._standing_problem = report.incomplete_sentence()
                self._set_status(online=True, problem=self._standing_problem)
            finally:
                report.seconds = time.perf_counter() - started
                report.requests = self.client.requests_sent - requests_before
                self._set_status(activity="idle")
                with contextlib.suppress(StoreError):
                    await self.refresh_counts()
            log.info("sync_finished scope=%s summary=%r", self.scope.key, "; ".join(report.lines()))
            return report

    async def _sync(self, report: SyncReport, reconcile_now: bool | None) -> None:
        self._report_progress(DownloadProgress("connecting"))  # signing in, uploading first
        await self._push(report.pushed)
        self._set_status(online=True, activity="pulling")
        downloader = Downloader(
            self.client,
            self.store,
            self.scope,
            progress=self._report_progress if self._progress_listeners else None,
            page_size=self.policy.page_size,
        )
        report.pulled = pulled = await downloader.run()
        report.refreshed = await refresh_stale(self.client, self.store)
        if reconcile_now if reconcile_now is not None else await self._reconcile_due():
            self._set_status(activity="reconciling")
            report.reconciled = await reconcile(
                self.client,
                self.store,
                self.scope,
                sorted(pulled.current_patients),
                page_size=self.policy.page_size,
            )
            await self.store.set_device_fact(LAST_RECONCILE_FACT, _iso(self._clock()))
        if pulled.departed_patients:
            self._set_status(activity="purging")
            kept = await self.store.patients_with_unsettled_changes(pulled.departed_patients)
            purge = sorted(pulled.departed_patients - kept)
            if purge:
                await self.store.purge_patients(purge)
            report.purged_patients, report.kept_patients = purge, sorted(kept)
        # The time the data is "as of": the earliest server time of this pull.
        if pulled.server_times:
            await self.store.set_device_fact(LAST_SYNC_FACT, min(pulled.server_times.values()))
        if await self.store.outbox(("pending",)):
            await self._push(report.pushed)  # written while we pulled
        self._report_progress(DownloadProgress("done", pulled.total))

    async def _reconcile_due(self) -> bool:
        last = await self.store.device_fact(LAST_RECONCILE_FACT)
        if last is None:
            return True
        try:
            elapsed = (self._clock() - datetime.fromisoformat(last)).total_seconds()
        except ValueError:
            return True
        return elapsed >= self.policy.reconcile_interval_s or elapsed < 0

    def _note_failure(self, exc: SyncError) -> None:
        if isinstance(exc, OfflineError | SyncTimeoutError):
            self._set_status(online=False, problem=str(exc))
        else:
            self._set_status(online=True, problem=str(exc))
        if isinstance(exc, ServerError) and exc.retry_after:
            self._not_before = max(self._not_before, time.monotonic() + exc.retry_after)
        level = logging.WARNING if not isinstance(exc, AuthError) else logging.ERROR
        log.log(
            level,
            "sync_stopped scope=%s cause=%s message=%r",
            self.scope.key,
            type(exc).__name__,
            str(exc),
        )

    # The background loop -------------------------------------------------------------------

    def start(self) -> None:
        """Run the background loop on the current event loop."""
        if self._task is None or self._task.done():
            self._task = asyncio.get_running_loop().create_task(self._run(), name="bedside-sync")

    async def stop(self) -> None:
        for task in (self._task, self._push_task, self._counts_task):
            if task is not None and not task.done():
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
        self._task = self._push_task = self._counts_task = None

    def sync_now(self) -> None:
        """Sync as soon as possible ("sync now", or the network came back)."""
        self._wake.set()

    def local_write_done(self) -> None:
        """A local change was recorded: push it soon (several quick writes share one push)."""
        self._push_requested = True
        if self._push_task is None or self._push_task.done():
            self._push_task = asyncio.get_running_loop().create_task(
                self._push_soon(), name="bedside-push"
            )

    async def _push_soon(self) -> None:
        await asyncio.sleep(self.policy.push_delay_s)
        while self._push_requested:
            self._push_requested = False
            if self._status.online is False or time.monotonic() < self._not_before:
                self._wake.set()  # the loop's probe decides when the network is back
                return
            try:
                await self.push()
                self._set_status(online=True, problem=self._standing_problem)
            except SyncError as exc:
                self._note_failure(exc)
            except Exception as exc:  # as in the loop: say it, and the next push or sync retries
                self._unexpected(exc, 1)
            finally:
                self._set_status(activity="idle")
                with contextlib.suppress(StoreError):
                    await self.refresh_counts()

    async def _probe(self) -> bool:
        self._set_status(activity="probing")
        try:
            await self.client.request("GET", "metadata")
        except SyncError as exc:
            self._note_failure(exc)
            return False
        finally:
            self._set_status(activity="idle")
        return True

    async def _run(self) -> None:
        """The background loop; it outlives any one failure (see :meth:`_unexpected`)."""
        with contextlib.suppress(StoreError):
            await self.refresh_counts()
        unexpected = 0  # failures in a row that no sync error foresaw, for the back-off
        while True:
            wait_until_allowed = self._not_before - time.monotonic()
            if wait_until_allowed > 0:
                await self._sleep(wait_until_allowed)
            try:
                if self._status.online is False and not await self._probe():
                    await self._sleep(self.policy.offline_probe_s)
                    continue
                report = await self.sync_once()
            except StoreError:
                log.exception("sync_stopped_by_cache scope=%s", self.scope.key)
                await self._sleep(self.policy.pull_interval_s)
                continue
            except Exception as exc:  # the last resort: the loop must live on
                unexpected += 1
                await self._sleep(self._unexpected(exc, unexpected))
                continue
            unexpected = 0
            if report.ok:
                await self._sleep(self.policy.pull_interval_s)
            elif self._status.online is False:
                await self._sleep(self.policy.offline_probe_s)
            else:
                await self._sleep(min(self.policy.pull_interval_s, self.policy.offline_probe_s))

    def _unexpected(self, exc: Exception, in_a_row: int) -> float:
        """Say that a sync failed unexpectedly; return how long to wait before the next try.

        Logs the type only: the message of an error nobody foresaw may carry patient data. The
        wait doubles with each such failure in a row, from the offline probe's interval up to
        the pull interval, so a failure that repeats neither spins nor stops the loop.
        """
        log.error(
            "sync_failed_unexpectedly scope=%s cause=%s in_a_row=%d",
            self.scope.key,
            type(exc).__name__,
            in_a_row,
        )
        self._set_status(activity="idle", problem=UNEXPECTED_PROBLEM)
        back_off = self.policy.offline_probe_s * 2.0 ** min(in_a_row - 1, 10)
        return min(self.policy.pull_interval_s, back_off)

    async def _sleep(self, seconds: float) -> None:
        """Wait, unless someone asks for a sync sooner."""
        try:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=max(0.0, seconds))
        finally:
            self._wake.clear()


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat()
