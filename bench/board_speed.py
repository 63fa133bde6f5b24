"""Cache → drawn ward board, and tap → drawn chart tab, beside the bare store queries they make.

Set-up, not timed: the sandbox EHR serves a 35-bed ward (33 patients, two free beds) with a week
of history over loopback; Bedside's ``SyncEngine`` pulls it into a fresh SQLCipher cache; the
staff window is built as the app builds it (``build_workspace`` + ``StaffWindow``, 1280×800,
offscreen, English) and a synthetic nurse signs in online.

Timed, on the app's own qasync loop:

- **board**: ``refresh_board()`` → the board service reads the cache → the rows are set →
  ``window.grab()`` paints every visible widget (table, chips, header, sync badge);
- **chart**: for every occupied bed and each of the five tabs, ``open_chart(patient, tab)`` (what
  a tap on the board does) → the banner and the tab read the cache → ``window.grab()``; then back
  to the board (not timed). The audit write of each record opening is part of the time; the
  background push of what was written is switched off, so uploads never interleave.

Baseline, in the same run: every call the screens made to the ``Store`` during each timed step is
recorded through a thin proxy, then replayed bare right after it (same calls, same arguments, no
service logic, no widgets): what the encrypted cache alone costs. The ratio of the medians is
reported, with the number of store calls per step.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/board_speed.py [--beds 35] [--days 7]
"""

from __future__ import annotations

import argparse
import asyncio
import inspect
import os
import secrets
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from bedside.app import build_workspace
from bedside.sandbox.runner import SandboxServer
from bedside.sandbox.seed import generate_ward
from bedside.sandbox.server import Sandbox
from bedside.settings import Settings
from bedside.store import MemoryKeyStore, Store
from bedside.sync import ClientSecret, FhirClient, Scope, SyncEngine, TokenSource
from bedside.ui import ops, style
from bedside.ui.gui_gc import collect_garbage_on_the_gui_thread
from bedside.ui.i18n import Translations
from bedside.ui.qt_log import route_qt_messages_to_logging
from bedside.ui.shell import StaffWindow

TABS = ("care record", "vitals", "results", "prescriptions", "appointments")
# Store methods that only read: the baseline replays these. Writes made during a step (the audit
# event of a record opening, the upload bookkeeping it triggers) are counted, not replayed.
READS = frozenset(
    {
        "get",
        "find",
        "counts",
        "outbox",
        "outbox_counts",
        "outbox_entry",
        "open_conflicts",
        "sync_state",
        "device_fact",
        "stale_resources",
        "cached_patient_ids",
        "patients_with_unsettled_changes",
        "server_ids",
        "staff_verifier",
        "pin_failures",
    }
)
CLIENT_ID = "bench-tablet"


@dataclass
class StoreCalls:
    """Records each awaited ``Store`` method call while ``recording`` is on."""

    store: Store
    recording: bool = False
    calls: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = field(default_factory=list)

    def install(self) -> None:
        for name, method in inspect.getmembers(Store, inspect.iscoroutinefunction):
            if name.startswith("_") or name in ("open", "close"):
                continue
            setattr(self.store, name, self._recorder(name, method))

    def _recorder(self, name: str, method: Callable[..., Awaitable[Any]]) -> Any:
        async def call(*args: Any, **kwargs: Any) -> Any:
            if self.recording:
                self.calls.append((name, args, kwargs))
            return await method(self.store, *args, **kwargs)

        return call

    def take(self) -> list[tuple[str, tuple[Any, ...], dict[str, Any]]]:
        taken, self.calls = self.calls, []
        return taken

    async def replay(
        self,
        calls: list[tuple[str, tuple[Any, ...], dict[str, Any]]],
        costs: dict[str, list[float]] | None = None,
    ) -> float:
        """Run ``calls`` again on the bare store; seconds taken (and per call into ``costs``)."""
        total = 0.0
        for name, args, kwargs in calls:
            if name not in READS:
                continue
            started = time.perf_counter()
            await getattr(Store, name)(self.store, *args, **kwargs)
            spent = time.perf_counter() - started
            total += spent
            if costs is not None:
                costs.setdefault(_describe(name, args, kwargs), []).append(spent)
        return total


def _describe(name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> str:
    """A store call without identifiers: ``find(Observation, patient_ids, category)``."""
    shown = [str(a) for a in args[:1] if isinstance(a, str)]
    shown += sorted(kwargs)
    return f"{name}({', '.join(shown)})"


@dataclass
class Series:
    bedside: list[float] = field(default_factory=list)
    bare: list[float] = field(default_factory=list)
    calls: list[int] = field(default_factory=list)
    writes: list[int] = field(default_factory=list)
    costs: dict[str, list[float]] = field(default_factory=dict)  # per kind of store call

    def breakdown(self, label: str) -> list[str]:
        """The store calls of one step, costliest first (median ms per step)."""
        steps = max(1, len(self.bare))
        lines = [f"  {label}: store time by call (total ms per step, median over steps)"]
        totals = {call: sum(spent) / steps * 1000 for call, spent in self.costs.items()}
        for call, ms in sorted(totals.items(), key=lambda item: -item[1])[:6]:
            lines.append(f"    {ms:7.1f} ms  {call}")
        return lines

    def row(self, label: str) -> str:
        ours, base = _stats(self.bedside), _stats(self.bare)
        ratio = ours[0] / base[0] if base[0] else float("inf")
        return (
            f"| {label} | {ours[0]:.1f} / {ours[1]:.1f} ms | {base[0]:.1f} / {base[1]:.1f} ms"
            f" | {ratio:.1f}× | {statistics.median(self.calls):.0f}"
            f" + {statistics.median(self.writes):.0f} | {len(self.bedside)} |"
        )


def _stats(seconds: list[float]) -> tuple[float, float]:
    """(median, p95) in milliseconds."""
    ms = sorted(s * 1000 for s in seconds)
    p95 = ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))]
    return statistics.median(ms), p95


class Bench:
    def __init__(self, args: argparse.Namespace, workdir: Path) -> None:
        from bedside.ui.loop import new_event_loop

        self.args = args
        self.workdir = workdir
        self.app = QApplication.instance() or QApplication([])
        self.app.setStyleSheet(style.STYLE_SHEET)
        route_qt_messages_to_logging()
        collect_garbage_on_the_gui_thread()
        self.loop = new_event_loop(self.app)  # the app's own loop
        asyncio.set_event_loop(self.loop)

    def run(self, coroutine: Coroutine[Any, Any, Any]) -> Any:
        return self.loop.run_until_complete(coroutine)

    def settle(self) -> None:
        self.run(ops.drain())

    def main(self) -> None:
        sandbox = Sandbox()
        ward = generate_ward(
            seed=self.args.seed,
            now=sandbox.now(),
            history_days=self.args.days,
            beds_per_ward=self.args.beds,
        )
        sandbox.load(ward.resources)
        secret = secrets.token_urlsafe(16)
        sandbox.auth.register_secret_client(CLIENT_ID, secret, "system/*.read system/*.write")
        with SandboxServer(sandbox) as server:
            self.measure(server.base_url, secret, ward)
        sandbox.close()

    def measure(self, base_url: str, secret: str, ward: Any) -> None:
        tokens = TokenSource(
            base_url, ClientSecret(CLIENT_ID, secret), scope="system/*.read system/*.write"
        )
        store: Store = self.run(
            Store.open(self.workdir / "cache", MemoryKeyStore(), key_name="bench")
        )
        client = FhirClient(base_url, tokens)
        engine = SyncEngine(store, client, Scope("ward", ward.ward_id))
        started = time.perf_counter()
        report = self.run(engine.sync_once())
        if not report.ok:
            raise SystemExit(f"the first sync failed: {report.error}")
        pulled = report.pulled.total if report.pulled else 0
        print(f"first sync: {pulled} resources in {time.perf_counter() - started:.1f} s")

        # Measure reading and drawing alone: what the screens write (audit events of record
        # openings) stays in the outbox instead of being pushed to the EHR in the background.
        engine.local_write_done = lambda: None  # type: ignore[method-assign]
        workspace = build_workspace(
            store,
            engine,
            client,
            Settings(),
            ward_id=ward.ward_id,
            site_id=ward.site_id,
            device_id="bench-tablet",
            hospital_number_system=ward.identifier_system,
        )
        translations = Translations()
        translations.switch("en")
        window = StaffWindow(workspace, translations)
        window.resize(1280, 800)
        window.show()
        nurse = next(c for c in ward.staff_credentials if c.role == "nurse")
        window.lock_screen.badge.setText(nurse.badge)
        window.lock_screen.pin.setText(nurse.pin)
        self.timed(window, window.lock_screen.submit.click)
        self.settle()  # the board reads once the sign-in has answered
        board = window.board.board
        if window.staff is None or board is None:
            raise SystemExit("the nurse could not sign in")
        patients = [row.patient_id for row in board.rows if row.patient_id]
        print(f"board: {len(board.rows)} beds, {len(patients)} patients")

        calls = StoreCalls(store)
        calls.install()
        board_series = self.time_board(window, calls)
        chart_series = self.time_charts(window, calls, patients)

        print()
        print(
            "| step | Bedside median / p95 | bare store reads median / p95 | ratio"
            " | store reads + writes | runs |"
        )
        print("|---|---|---|---|---|---|")
        print(board_series.row("cache → drawn board"))
        for tab, series in zip(TABS, chart_series, strict=True):
            print(series.row(f"tap → drawn chart, {tab}"))
        print()
        for line in board_series.breakdown("board"):
            print(line)
        for tab, series in zip(TABS, chart_series, strict=True):
            for line in series.breakdown(tab):
                print(line)

        self.timed(window, window.close)
        self.run(self.shut_down(engine, client, store))
        window.deleteLater()
        asyncio.set_event_loop(None)
        self.loop.close()

    async def shut_down(self, engine: SyncEngine, client: FhirClient, store: Store) -> None:
        """Stop the engine and let every task it left (a push in flight) end inside the loop."""
        await engine.stop()
        await ops.drain()
        leftovers = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        for task in leftovers:
            task.cancel()
        await asyncio.gather(*leftovers, return_exceptions=True)
        await client.aclose()
        await store.close()

    def timed(self, window: StaffWindow, action: Callable[[], object]) -> float:
        """Seconds from ``action`` (a tap) to the whole window painted with what it read.

        The action runs inside the loop, as a Qt slot does in the app: some widgets process
        events while they build, and asyncio tasks must only ever resume inside the loop.
        """

        async def act_and_paint() -> float:
            started = time.perf_counter()
            action()
            await ops.drain()
            # Two turns of the loop let Qt deliver what the step posted (layout requests).
            await asyncio.sleep(0)
            await asyncio.sleep(0)
            window.grab()
            return time.perf_counter() - started

        elapsed: float = self.run(act_and_paint())
        return elapsed

    def time_board(self, window: StaffWindow, calls: StoreCalls) -> Series:
        series = Series()
        for run in range(self.args.runs + 1):
            calls.recording = True
            elapsed = self.timed(window, window.refresh_board)
            calls.recording = False
            made = calls.take()
            if run == 0:
                continue  # warm-up: first paint of every chip and font
            series.bare.append(self.run(calls.replay(made, series.costs)))
            series.bedside.append(elapsed)
            series.calls.append(sum(1 for call in made if call[0] in READS))
            series.writes.append(sum(1 for call in made if call[0] not in READS))
        return series

    def time_charts(
        self, window: StaffWindow, calls: StoreCalls, patients: list[str]
    ) -> list[Series]:
        everything = [Series() for _ in TABS]
        for tab, series in enumerate(everything):
            for number, patient_id in enumerate([patients[-1], *patients]):
                calls.recording = True
                elapsed = self.timed(
                    window, lambda p=patient_id, t=tab: window.open_chart(p, tab=t)
                )
                calls.recording = False
                made = calls.take()
                self.timed(window, window.back.click)
                if number == 0:
                    continue  # warm-up: the tab's first drawing (plots, fonts)
                series.bare.append(self.run(calls.replay(made, series.costs)))
                series.bedside.append(elapsed)
                series.calls.append(sum(1 for call in made if call[0] in READS))
                series.writes.append(sum(1 for call in made if call[0] not in READS))
        return everything


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--beds", type=int, default=35, help="beds of the ward (two stay free)")
    parser.add_argument("--days", type=int, default=7, help="days of history per patient")
    parser.add_argument("--runs", type=int, default=30, help="timed board refreshes")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bedside-bench-") as scratch:
        Bench(args, Path(scratch)).main()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
