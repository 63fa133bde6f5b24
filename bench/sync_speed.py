"""How fast Bedside syncs a large ward, beside the raw floor measured in the same run.

The sandbox EHR runs as its own process (``bedside sandbox --history-days N``), as a real EHR
would, so its CPU and memory are not counted here. For each size:

(a) raw floor   — the same searches Bedside makes, next links followed, ``json.loads`` and one
                  plain ``sqlite3`` transaction per page (``type, id, json`` rows, WAL, FULL);
(b) SQLCipher   — the same as (a) into a SQLCipher file with a raw key;
(c) Bedside     — a full first sync (``SyncEngine.sync_once``) into a fresh encrypted cache:
                  token, capabilities, paging, validating every resource, index columns;
(d) incremental — the same cache after 1% of the observations changed on the EHR, and with
                  nothing changed (median and p95 of repeated runs), and one reconciliation.

Times are medians of ``--runs`` alternated runs; peak memory (Python heap, tracemalloc) comes
from one extra run of each, so tracing never slows the timed runs.

    .venv/bin/python bench/sync_speed.py [--history-days 72 144] [--runs 3]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import sqlcipher3

from bedside.sandbox.seed import generate_ward
from bedside.store import MemoryKeyStore, Store
from bedside.sync import ClientSecret, FhirClient, Scope, SyncEngine, TokenSource
from bedside.sync.download import DELTA_OVERLAP

SEED = 11
SCHEMA = (
    "CREATE TABLE resource (type TEXT NOT NULL, id TEXT NOT NULL, json TEXT NOT NULL,"
    " PRIMARY KEY (type, id))"
)


@dataclass
class Ehr:
    base_url: str
    client_id: str
    secret: str
    ward_id: str
    process: subprocess.Popen[bytes]

    def tokens(self) -> TokenSource:
        return TokenSource(
            self.base_url,
            ClientSecret(self.client_id, self.secret),
            scope="system/*.read system/*.write",
        )


def start_ehr(workdir: Path, history_days: int) -> Ehr:
    ready = workdir / f"ready-{history_days}.json"
    command = [sys.executable, "-m", "bedside", "sandbox", "--port", "0", "--seed", str(SEED)]
    command += ["--history-days", str(history_days), "--ready-file", str(ready)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while not ready.exists():
        if process.poll() is not None or time.monotonic() > deadline:
            raise SystemExit("the sandbox EHR did not start")
        time.sleep(0.1)
    info = json.loads(ready.read_text())
    ward_id = generate_ward(seed=SEED, history_days=history_days).ward_id
    return Ehr(info["base_url"], info["client_id"], info["client_secret"], ward_id, process)


class RecordingTransport(httpx.AsyncHTTPTransport):
    """Keeps the first-page search URLs Bedside asks for, so (a) and (b) replay the same."""

    def __init__(self) -> None:
        super().__init__()
        self.searches: list[str] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        is_search = (
            request.method == "GET" and request.url.query and "_getpages" not in str(request.url)
        )
        if is_search and not path.endswith(("metadata", "smart-configuration")):
            self.searches.append(str(request.url))
        return await super().handle_async_request(request)


async def bedside_first_sync(ehr: Ehr, directory: Path, transport: Any = None) -> tuple[int, Store]:
    store = await Store.open(directory / "cache", MemoryKeyStore(), key_name="k")
    async with FhirClient(ehr.base_url, ehr.tokens(), transport=transport) as client:
        report = await SyncEngine(store, client, Scope("ward", ehr.ward_id)).sync_once(
            reconcile_now=False
        )
    if not report.ok or report.pulled is None:
        raise SystemExit(f"Bedside's sync failed: {report.error}")
    return report.pulled.total, store


def _open_plain(path: Path) -> Any:
    db = sqlite3.connect(path, isolation_level=None)
    return db


def _open_cipher(path: Path) -> Any:
    db = sqlcipher3.connect(str(path), isolation_level=None)
    db.execute(f"PRAGMA key = \"x'{secrets.token_hex(32)}'\"")
    return db


async def raw_download(ehr: Ehr, searches: list[str], db: Any) -> int:
    """(a)/(b): follow every search's next links, json.loads, one transaction per page."""
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = FULL")
    db.execute(SCHEMA)
    stored = 0
    async with httpx.AsyncClient(timeout=60) as http:
        token = await ehr.tokens().bearer(http)
        headers = {"Authorization": f"Bearer {token}", "Accept": "application/fhir+json"}
        for url in searches:
            next_url: str | None = url
            while next_url:
                bundle = json.loads((await http.get(next_url, headers=headers)).content)
                rows = [
                    (r["resourceType"], r["id"], json.dumps(r, separators=(",", ":")))
                    for e in bundle.get("entry", [])
                    if (r := e.get("resource"))
                ]
                db.execute("BEGIN")
                db.executemany("INSERT OR REPLACE INTO resource VALUES (?, ?, ?)", rows)
                db.execute("COMMIT")
                stored += len(rows)
                next_url = next(
                    (link["url"] for link in bundle.get("link", []) if link["relation"] == "next"),
                    None,
                )
    db.close()
    return stored


async def change_observations(ehr: Ehr, store: Store, fraction: float) -> int:
    """Change ``fraction`` of the cached observations on the EHR, as another system would."""
    ids = sorted(await store.server_ids("Observation"))
    chosen = ids[:: max(1, round(1 / fraction))]
    async with FhirClient(ehr.base_url, ehr.tokens()) as client:
        for resource_id in chosen:
            resource = await client.read("Observation", resource_id)
            assert resource is not None
            changed = {**resource, "note": [{"text": f"checked {time.time_ns()}"}]}
            changed.pop("meta", None)
            await client.request("PUT", f"Observation/{resource['id']}", body=changed)
    return len(chosen)


async def incremental(ehr: Ehr, store: Store, *, reconcile: bool = False) -> tuple[float, int, int]:
    async with FhirClient(ehr.base_url, ehr.tokens()) as client:
        engine = SyncEngine(store, client, Scope("ward", ehr.ward_id))
        await client.capabilities()  # a running engine knows them already
        before = client.requests_sent
        started = time.perf_counter()
        report = await engine.sync_once(reconcile_now=reconcile)
        seconds = time.perf_counter() - started
    assert report.ok, report.error
    pulled = report.pulled.total if report.pulled else 0
    return seconds, client.requests_sent - before, pulled


def timed(make: Callable[[], Awaitable[Any]]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = asyncio.run(make())
    return time.perf_counter() - started, result


def peak_mib(make: Callable[[], Awaitable[Any]]) -> float:
    tracemalloc.start()
    asyncio.run(make())
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


async def _close(store: Store) -> None:
    await store.close()


def measure(history_days: int, runs: int, workdir: Path) -> list[str]:
    ehr = start_ehr(workdir, history_days)
    rows: list[str] = []
    try:
        # Warm-up, and the list of searches (a) and (b) replay.
        recorder = RecordingTransport()
        warm = workdir / "warm"
        warm.mkdir()
        _, store = asyncio.run(bedside_first_sync(ehr, warm, recorder))
        asyncio.run(_close(store))
        searches = recorder.searches

        times: dict[str, list[float]] = {"a": [], "b": [], "c": []}
        counts: dict[str, int] = {}
        for run in range(runs):
            for label in ("a", "b", "c"):
                directory = workdir / f"{label}-{run}"
                directory.mkdir()
                if label == "c":
                    seconds, (count, store) = timed(lambda d=directory: bedside_first_sync(ehr, d))
                    if run < runs - 1:
                        asyncio.run(_close(store))
                else:
                    opener = _open_plain if label == "a" else _open_cipher
                    seconds, count = timed(
                        lambda d=directory, o=opener: raw_download(ehr, searches, o(d / "db"))
                    )
                times[label].append(seconds)
                counts[label] = count

        memory = {}
        for label in ("a", "b", "c"):
            directory = workdir / f"{label}-memory"
            directory.mkdir()
            if label == "c":

                async def full(d: Path = directory) -> None:
                    _, traced_store = await bedside_first_sync(ehr, d)
                    await traced_store.close()

                memory[label] = peak_mib(full)
            else:
                opener = _open_plain if label == "a" else _open_cipher
                memory[label] = peak_mib(
                    lambda d=directory, o=opener: raw_download(ehr, searches, o(d / "db"))
                )

        floor = statistics.median(times["a"])
        names = {
            "a": "(a) raw floor: httpx + json.loads + sqlite3",
            "b": "(b) the same into SQLCipher",
            "c": "(c) Bedside full first sync",
        }
        for label in ("a", "b", "c"):
            median = statistics.median(times[label])
            rows.append(
                f"| {history_days} d | {names[label]} | {counts[label]:,} | {median:.2f} s | "
                f"{counts[label] / median:,.0f} | {median / floor:.2f}× | {memory[label]:.0f} MiB |"
            )

        # (d) incremental, on the cache of the last Bedside run.
        changed_times, changed_requests, pulled_changed = [], 0, 0
        for _ in range(3):
            changed = asyncio.run(change_observations(ehr, store, 0.01))
            seconds, changed_requests, pulled_changed = asyncio.run(incremental(ehr, store))
            changed_times.append(seconds)
        rows.append(
            f"| {history_days} d | (d) incremental, 1% changed ({changed:,} observations) | "
            f"{pulled_changed:,} | {statistics.median(changed_times) * 1000:.0f} ms | — | — | "
            f"{changed_requests} requests |"
        )
        # Deltas ask again a few seconds back (DELTA_OVERLAP): let the changes above age past
        # that window, so "nothing changed" really means nothing to fetch.
        time.sleep(DELTA_OVERLAP.total_seconds() + 1)
        asyncio.run(incremental(ehr, store))
        quiet = [asyncio.run(incremental(ehr, store)) for _ in range(20)]
        quiet_ms = sorted(q[0] * 1000 for q in quiet)
        p95 = quiet_ms[int(0.95 * (len(quiet_ms) - 1))]
        rows.append(
            f"| {history_days} d | (d) incremental, nothing changed (median / p95 of 20) | "
            f"{quiet[-1][2]:,} | {statistics.median(quiet_ms):.0f} / {p95:.0f} ms | — | — | "
            f"{quiet[-1][1]} requests |"
        )
        seconds, requests, _ = asyncio.run(incremental(ehr, store, reconcile=True))
        rows.append(
            f"| {history_days} d | reconciliation pass, nothing deleted | — | "
            f"{seconds * 1000:.0f} ms | — | — | {requests} requests |"
        )
        asyncio.run(_close(store))
    finally:
        ehr.process.send_signal(signal.SIGTERM)
        ehr.process.wait(timeout=30)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--history-days", type=int, nargs="+", default=[72, 144])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs; sandbox seed {SEED}")
    print("| history | measurement | resources | time | resources/s | ratio to (a) | peak heap |")
    print("|---|---|---|---|---|---|---|")
    for days in args.history_days:
        with tempfile.TemporaryDirectory(prefix="bedside-bench-") as scratch:
            for row in measure(days, args.runs, Path(scratch)):
                print(row, flush=True)


if __name__ == "__main__":
    main()
