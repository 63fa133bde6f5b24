"""The Qt event loop keeps running while a large ward downloads (qasync: the loop *is* Qt's).

A QTimer ticks every 5 ms on the GUI thread during a first sync of a scaled ward over loopback;
the longest gap between two ticks is how long the screen would have been frozen. The EHR runs in
its own process, as a real one would: a server in this process would compete for the GIL.
"""

from __future__ import annotations

import asyncio
import gc
import itertools
import os
import time
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from bedside.runtime import settle_heap
from bedside.store import MemoryKeyStore, Store
from bedside.sync import SyncEngine
from tests.sync.ehr import ehr_process

STALL_LIMIT_S = 0.050
# Days of history per patient: the quick run's ward, or a bigger one (72 → ~61,000 resources).
HISTORY_DAYS = int(os.environ.get("BEDSIDE_STALL_HISTORY_DAYS", "9"))


def test_the_event_loop_never_stalls_more_than_50_ms_while_a_large_ward_downloads(
    qapp: QApplication, tmp_path: Path
) -> None:
    from bedside.ui.loop import new_event_loop

    loop = new_event_loop(qapp)  # the app's own loop
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))

    async def scenario() -> tuple[int, float, float]:
        with ehr_process(tmp_path, history_days=HISTORY_DAYS) as ehr:
            store = await Store.open(tmp_path / "cache", MemoryKeyStore(), key_name="k")
            try:
                async with ehr.client(timeout=30) as client:
                    engine = SyncEngine(store, client, ehr.scope)
                    timer.start()
                    started = time.perf_counter()
                    report = await engine.sync_once(reconcile_now=False)
                    finished = time.perf_counter()
                    timer.stop()
                    assert report.ok, report.error
                    return report.pulled.total if report.pulled else 0, started, finished
            finally:
                await store.close()

    # The app settles its start-up heap (bedside.runtime); here that heap includes pytest's.
    settle_heap()
    try:
        with loop:
            total, started, finished = loop.run_until_complete(scenario())
    finally:
        asyncio.set_event_loop(None)
        gc.unfreeze()
    during = [t for t in ticks if started <= t <= finished]
    gaps = [b - a for a, b in itertools.pairwise(during)]
    longest = max(gaps)
    print(
        f"\nevent loop during a sync of {total} resources in {finished - started:.2f} s: "
        f"{len(during)} ticks, longest gap {longest * 1000:.1f} ms"
    )
    assert total > 5_000
    assert len(during) > 10
    assert longest < STALL_LIMIT_S, f"the GUI loop stalled {longest * 1000:.0f} ms"
