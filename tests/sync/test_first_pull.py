"""The engine's side of a tablet's first run: whether the cache holds a full pull, one attempt.

:meth:`SyncEngine.has_complete_pull` reads the cache; :meth:`SyncEngine.first_pull_attempt` runs a
sync and hands back a plain :class:`PullOutcome` whose failure is already sorted into a
:data:`PullFailure` (:func:`pull_failure`), so the first-run service never sees the sync layer's
errors. Scripted syncs for the sorting, a real sandbox EHR on loopback for the rest.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import get_args

import pytest

from bedside.store import Store, StoreError
from bedside.sync import (
    AuthError,
    CertificateError,
    ConflictError,
    FhirClient,
    OfflineError,
    ProtocolError,
    RejectedError,
    Scope,
    ServerError,
    SyncEngine,
    SyncError,
    SyncReport,
    SyncTimeoutError,
)
from bedside.sync.download import DownloadReport
from bedside.sync.engine import LAST_SYNC_FACT, pull_failure
from bedside.sync.scope import SITE_RESOURCES
from bedside.sync.status import DownloadProgress, PullFailure, PullOutcome
from bedside.sync.tls import TlsConfigError
from tests.sync.ehr import own_ehr

WARD = Scope("ward", "ward-3w")


class ScriptedSync(SyncEngine):
    """A real engine whose sync ends as scripted: a report (with its error) or a store error."""

    def __init__(
        self, store: Store, client: FhirClient, ending: SyncError | StoreError | int
    ) -> None:
        super().__init__(store, client, WARD)
        self.ending = ending  # an int: the sync landed with this many resources
        self.reconcile_asked: list[bool | None] = []

    async def sync_once(self, *, reconcile_now: bool | None = None) -> SyncReport:
        self.reconcile_asked.append(reconcile_now)
        if isinstance(self.ending, StoreError):
            raise self.ending
        if isinstance(self.ending, SyncError):
            return SyncReport(error=self.ending)
        return SyncReport(pulled=DownloadReport(stored={"Observation": self.ending}))


@asynccontextmanager
async def nowhere() -> AsyncIterator[FhirClient]:
    """A client that is never used (the scripted sync does not call it)."""
    async with FhirClient("http://127.0.0.1:9/", None) as client:
        yield client


async def _mark_synced(store: Store, scope: Scope) -> None:
    await store.set_device_fact(LAST_SYNC_FACT, "2026-11-24T06:00:00Z")
    for resource_type in (*SITE_RESOURCES, "Encounter"):
        await store.set_sync_state(scope.key, resource_type, "2026-11-24T06:00:00Z")


# Whether the cache holds a full pull --------------------------------------------------------


@pytest.mark.asyncio
async def test_a_cache_that_never_synced_has_no_complete_pull(store: Store) -> None:
    async with nowhere() as client:
        assert not await SyncEngine(store, client, WARD).has_complete_pull()


@pytest.mark.asyncio
async def test_a_cache_that_synced_its_scope_has_a_complete_pull(store: Store) -> None:
    await _mark_synced(store, WARD)
    async with nowhere() as client:
        assert await SyncEngine(store, client, WARD).has_complete_pull()


@pytest.mark.asyncio
async def test_a_cache_synced_for_another_ward_has_no_complete_pull_for_this_one(
    store: Store,
) -> None:
    await _mark_synced(store, Scope("ward", "ward-2e"))
    async with nowhere() as client:
        assert not await SyncEngine(store, client, WARD).has_complete_pull()


@pytest.mark.asyncio
async def test_a_pull_interrupted_before_the_ward_was_complete_is_not_a_complete_pull(
    store: Store,
) -> None:
    await store.set_device_fact(LAST_SYNC_FACT, "2026-11-24T06:00:00Z")
    await store.set_sync_state(WARD.key, "Location", "2026-11-24T06:00:00Z")
    async with nowhere() as client:
        assert not await SyncEngine(store, client, WARD).has_complete_pull()


# Sorting a failure --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("error", "kind"),
    [
        (OfflineError("no route"), "offline"),
        (SyncTimeoutError("slow"), "offline"),
        (AuthError("refused", status=401), "credentials"),
        (RejectedError("forbidden", status=403), "credentials"),
        (RejectedError("unauthorized", status=401), "credentials"),
        (CertificateError("untrusted"), "certificate"),
        (TlsConfigError("bad bundle"), "certificate"),
        (ServerError("down", status=500), "ehr"),
        (ServerError("busy", status=429), "ehr"),
        (ProtocolError("not a bundle"), "ehr"),
        (RejectedError("bad query", status=400), "ehr"),
        (ConflictError("moved on", status=412), "ehr"),
        (StoreError("disk full"), "storage"),
        (RuntimeError("a bug"), "ehr"),
    ],
    ids=lambda value: type(value).__name__ if isinstance(value, Exception) else str(value),
)
def test_every_failure_has_one_kind(error: Exception, kind: PullFailure) -> None:
    assert pull_failure(error) == kind


def test_every_kind_can_be_the_answer() -> None:
    errors = [
        OfflineError("x"),
        AuthError("x"),
        CertificateError("x"),
        ServerError("x"),
        StoreError("x"),
    ]
    assert {pull_failure(e) for e in errors} == set(get_args(PullFailure))


# One attempt --------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_a_landed_attempt_says_how_much_it_stored_and_did_not_wait_for_reconciling(
    store: Store,
) -> None:
    async with nowhere() as client:
        engine = ScriptedSync(store, client, 6010)
        outcome = await engine.first_pull_attempt()
    assert outcome == PullOutcome(failure=None, stored=6010, retry_after_s=None, cause=None)
    assert outcome.ok
    assert engine.reconcile_asked == [False]  # the board does not wait for a round of counts


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("ending", "expected"),
    [
        (OfflineError("no route"), PullOutcome("offline", 0, None, "OfflineError")),
        (AuthError("refused", status=401), PullOutcome("credentials", 0, None, "AuthError")),
        (
            ServerError("busy", status=503, retry_after=120.0),
            PullOutcome("ehr", 0, 120.0, "ServerError"),
        ),
        (ServerError("down", status=500), PullOutcome("ehr", 0, None, "ServerError")),
        (StoreError("database or disk is full"), PullOutcome("storage", 0, None, "StoreError")),
    ],
    ids=["offline", "credentials", "retry-after", "ehr", "storage"],
)
async def test_a_failed_attempt_is_a_kind_a_cause_and_the_ehrs_retry_after(
    store: Store, ending: SyncError | StoreError, expected: PullOutcome
) -> None:
    async with nowhere() as client:
        outcome = await ScriptedSync(store, client, ending).first_pull_attempt()
    assert outcome == expected
    assert not outcome.ok


@pytest.mark.asyncio
async def test_an_outcome_carries_no_word_of_the_ehrs(store: Store) -> None:
    detail = "Patient DUPONT Marie not found"  # what a careless EHR might put in a message
    ending = RejectedError(detail, status=400, detail=detail)
    async with nowhere() as client:
        outcome = await ScriptedSync(store, client, ending).first_pull_attempt()
    assert outcome.failure == "ehr"
    assert outcome.cause == "RejectedError"
    assert "DUPONT" not in repr(outcome)


@pytest.mark.asyncio
async def test_a_first_pull_from_a_real_ehr_lands_and_is_then_complete(store: Store) -> None:
    async with own_ehr() as ehr, ehr.client() as client:
        engine = SyncEngine(store, client, ehr.scope)
        heard: list[DownloadProgress] = []
        engine.add_progress_listener(heard.append)
        assert not await engine.has_complete_pull()
        outcome = await engine.first_pull_attempt()
        assert outcome.ok, outcome
        assert outcome.stored > 0
        assert heard[-1] == DownloadProgress("done", outcome.stored)
        assert outcome.stored >= len(await store.find("Patient")) > 0
        assert await engine.has_complete_pull()


@pytest.mark.asyncio
async def test_an_ehr_that_cannot_be_reached_is_an_offline_attempt(store: Store) -> None:
    async with own_ehr() as ehr, ehr.client("http://127.0.0.1:9/", timeout=1.0) as dead:
        engine = SyncEngine(store, dead, ehr.scope)
        outcome = await engine.first_pull_attempt()
        assert outcome == PullOutcome("offline", 0, None, "OfflineError")
        assert not await engine.has_complete_pull()
