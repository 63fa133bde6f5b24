"""Cold start of the real app, as a whole process, beside a bare PySide6 window in the same run.

Set-up, not timed: the sandbox EHR runs **in its own process** (``bedside sandbox``) with a 35-bed
ward; a settings file is written and a tablet enrolled the way IT would (``bedside enroll``, its
public key registered through the sandbox's admin route); one ``bedside sync --once`` fills the
ward cache; one child run signs the synthetic nurse in online, so the cache holds her offline
verifier. Then the EHR is stopped: every timed start is an offline start from an existing cache.

Timed, each a fresh ``python`` process, from just before ``spawn`` to the moment the child has
painted (``QWidget.grab()``) what it measures:

- **``python -m bedside run`` → first paint**: the app as IT starts it (settings file → key store
  → cache → the ward tablet's lock screen), until its ``first_paint`` log line; then SIGTERM;
- **app → board drawn**: a child that builds the same window through the composition root's own
  functions (``open_tablet``, ``open_main_window``), signs the nurse in (offline verifier,
  argon2id — the sign-in a nurse does before the board shows) and paints the board;
- **baseline**: ``python`` → ``QApplication`` → a ``QTableWidget`` of 35×8 cells shown → painted.

Reported: median and p95 over ``--runs`` starts of each (interleaved, so load hits all alike), the
ratio of the medians, and each child's peak RSS (``ru_maxrss``).

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/cold_start.py [--runs 15]
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from enrolled import PYTHON, REPO, enroll_tablet, sandbox_process

_BARE_CHILD = r"""
import json, resource, sys, time
from PySide6.QtWidgets import QApplication, QTableWidget, QTableWidgetItem
app = QApplication(sys.argv[:1])
table = QTableWidget(35, 8)
for row in range(35):
    for column in range(8):
        table.setItem(row, column, QTableWidgetItem(f"bed {row + 1} · {column}"))
table.resize(1280, 800)
table.show()
table.grab()
done = time.time()
print(json.dumps({"drawn": done, "rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""

_APP_CHILD = r"""
import asyncio, json, resource, sys, time
from pathlib import Path

from bedside.app.device import key_store
from bedside.app.gui import (
    WindowOptions, close_main_window, open_main_window, qt_application, translations_for,
)
from bedside.app.tablet import open_tablet
from bedside.settings import load_settings

mode, demo_dir, badge, pin = sys.argv[1:5]
settings = load_settings()
keys = key_store(Path(demo_dir))
from bedside.ui.loop import new_event_loop
app = qt_application()
loop = new_event_loop(app)
asyncio.set_event_loop(loop)
marks = {}

async def settle(condition, timeout=30.0):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit("timed out waiting for the screen")
        await asyncio.sleep(0.002)

async def main():
    async with open_tablet(settings, keys, Path(demo_dir)) as tablet:
        window = open_main_window(tablet, translations_for("en"), WindowOptions(full_screen=False))
        window.resize(1280, 800)
        window.grab()
        marks["lock"] = time.time()
        if mode in ("board", "sign-in"):
            window.lock_screen.badge.setText(badge)
            window.lock_screen.pin.setText(pin)
            window.lock_screen.submit.click()
            await settle(lambda: window.board.board is not None)
            window.grab()
            marks["board"] = time.time()
        close_main_window(window)

with loop:
    loop.run_until_complete(main())
marks["rss_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps(marks))
"""


def _child(code: str, *args: str, env: dict[str, str]) -> tuple[float, dict[str, float]]:
    started = time.time()
    out = subprocess.run(
        [PYTHON, "-c", code, *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=300,
        check=False,
    )
    if out.returncode != 0:
        raise SystemExit(f"child failed ({out.returncode}):\n{out.stderr[-3000:]}")
    return started, json.loads(out.stdout.strip().splitlines()[-1])


def _first_paint(env: dict[str, str], tablet: Path, logs: Path) -> tuple[float, int]:
    """Spawn ``bedside run``, wait for its first_paint line; seconds from spawn, peak RSS (KiB)."""
    log_file = logs / "bedside.log"
    offset = log_file.stat().st_size if log_file.exists() else 0
    started = time.time()
    process = subprocess.Popen(
        [PYTHON, "-m", "bedside", "run", "--demo-dir", str(tablet)],
        cwd=REPO, env={**env, "BEDSIDE_LOG__DIR": str(logs)},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 120
    line = ""
    while not line:
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise SystemExit("bedside run did not paint its window")
        time.sleep(0.01)
        if log_file.exists():
            with log_file.open("rb") as file:
                file.seek(offset)
                found = [t for t in file.read().decode().splitlines() if " first_paint " in t]
            line = found[0] if found else ""
    painted = datetime.fromisoformat(line.split(" ", 1)[0]).timestamp()
    process.send_signal(signal.SIGTERM)
    _, status, usage = os.wait4(process.pid, 0)
    if status != 0:
        raise SystemExit(f"bedside run did not stop cleanly (status {status})")
    process.returncode = 0
    return painted - started, usage.ru_maxrss


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _row(name: str, seconds: list[float], baseline: list[float], rss: list[float]) -> str:
    median, p95 = statistics.median(seconds), _percentile(seconds, 0.95)
    ratio = median / statistics.median(baseline)
    return (
        f"| {name} | {median:.3f} / {p95:.3f} s | {statistics.median(baseline):.3f} / "
        f"{_percentile(baseline, 0.95):.3f} s | {ratio:.1f}× | {max(rss) / 1024:.0f} MiB |"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--beds", type=int, default=35, help="beds per ward (scale stays 1)")
    args = parser.parse_args()
    from bedside.sandbox.seed import generate_ward

    ward = generate_ward(seed=2026, beds_per_ward=args.beds)
    nurse = next(c for c in ward.staff_credentials if c.role == "nurse")
    with tempfile.TemporaryDirectory(prefix="bedside-cold-start-") as scratch:
        root = Path(scratch)
        env = {k: v for k, v in os.environ.items() if not k.startswith("BEDSIDE_")}
        env["QT_QPA_PLATFORM"] = "offscreen"
        with sandbox_process(root, env, beds=args.beds) as ehr:
            config = enroll_tablet(
                root / "tablet", ehr["base_url"], ward, env, client_id="bench-tablet"
            )
            env["BEDSIDE_CONFIG"] = str(config)
            tablet = root / "tablet" / "keys"
            synced = subprocess.run(
                [PYTHON, "-m", "bedside", "sync", "--once", "--demo-dir", str(tablet)],
                capture_output=True, text=True, env=env, cwd=REPO, check=False,
            )  # fmt: skip
            if synced.returncode != 0:
                raise SystemExit(f"the first sync failed:\n{synced.stdout}{synced.stderr}")
            resources = next(line for line in synced.stdout.splitlines() if "downloaded" in line)
            # Online sign-in once: the cache keeps the nurse's offline verifier.
            _child(_APP_CHILD, "sign-in", str(tablet), nurse.badge, nurse.pin, env=env)

        lock: list[float] = []
        board: list[float] = []
        bare: list[float] = []
        app_rss: list[float] = []
        bare_rss: list[float] = []
        for _ in range(args.runs):
            started, marks = _child(_BARE_CHILD, env=env)
            bare.append(marks["drawn"] - started)
            bare_rss.append(marks["rss_kb"])
            seconds, rss = _first_paint(env, tablet, root / "logs")
            lock.append(seconds)
            app_rss.append(rss)
            started, marks = _child(
                _APP_CHILD, "board", str(tablet), nurse.badge, nurse.pin, env=env
            )
            board.append(marks["board"] - started)
            app_rss.append(marks["rss_kb"])

    print(f"ward: {args.beds} beds; {resources.strip()}")
    print(f"runs: {args.runs} of each, interleaved; EHR stopped (offline start)\n")
    print("| start → | Bedside median / p95 | bare 35×8 table median / p95 | ratio | peak RSS |")
    print("|---|---|---|---|---|")
    print(_row("`bedside run` → first paint (lock screen)", lock, bare, app_rss))
    print(_row("board drawn (offline sign-in)", board, bare, app_rss))
    print(f"| bare window alone | | | | {max(bare_rss) / 1024:.0f} MiB |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
