"""First start of a new tablet: ``bedside run`` on an empty cache to the window after the pull.

Set-up, not timed: the sandbox EHR runs **in its own process** (``bedside sandbox``) with the demo
ward (seed 2026, 30 beds, 28 patients); for each run a new tablet is enrolled the way IT would
(settings file, ``bedside enroll``, public key registered through the sandbox's admin route).

Timed, from just before ``spawn`` of ``python -m bedside run`` (read from its log, ``log.dir``):

- **first paint**: the first-run screen is on screen;
- **pull landed**: ``first_run_landed`` (the ward is in the encrypted cache);
- **first board**: ``window_shown`` — the ward tablet's window replaces the first-run screen.

Baseline beside it, in the same run: the same searches the pull makes, fetched over the same
loopback with a plain ``httpx`` client and thrown away (``bench/sync_speed.py`` has the full
floor analysis); the ratio says what the cache, the checks and the screen add to the network.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/first_run.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from enrolled import PYTHON, REPO, SCOPES, enroll_tablet, sandbox_process


def _first_start(directory: Path, env: dict[str, str]) -> dict[str, float]:
    log_file = directory / "logs" / "bedside.log"
    started = time.time()
    process = subprocess.Popen(
        [PYTHON, "-m", "bedside", "run", "--demo-dir", str(directory / "keys")],
        cwd=REPO, env={**env, "BEDSIDE_CONFIG": str(directory / "bedside.toml")},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    wanted = {"first_paint": "paint", "first_run_landed": "landed", "window_shown": "board"}
    marks: dict[str, float] = {}
    deadline = time.monotonic() + 300
    while len(marks) < len(wanted):
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise SystemExit(f"bedside run did not show its board:\n{log_file.read_text()}")
        time.sleep(0.02)
        if not log_file.exists():
            continue
        for line in log_file.read_text().splitlines():
            for event, name in wanted.items():
                if f" {event} " in line and name not in marks:
                    moment = datetime.fromisoformat(line.split(" ", 1)[0]).timestamp()
                    marks[name] = moment - started
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=60)
    return marks


def _plain_fetch(base_url: str, client_secret: str, scope_urls: list[str]) -> float:
    """The pull's searches with a bare httpx client (pages followed, bodies decoded)."""
    started = time.perf_counter()
    with httpx.Client(base_url=base_url, timeout=60) as client:
        token = client.post(
            "auth/token",
            data={"grant_type": "client_credentials", "client_id": "bedside-demo",
                  "client_secret": client_secret, "scope": SCOPES},
        ).json()["access_token"]  # fmt: skip
        headers = {"Authorization": f"Bearer {token}"}
        for url in scope_urls:
            next_url: str | None = url
            while next_url:
                bundle = client.get(next_url, headers=headers).json()
                next_url = next(
                    (link["url"] for link in bundle.get("link", []) if link["relation"] == "next"),
                    None,
                )
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from bedside.sandbox.seed import generate_ward

    ward = generate_ward(seed=2026)
    patients = [r["id"] for r in ward.resources if r["resourceType"] == "Patient"]
    with tempfile.TemporaryDirectory(prefix="bedside-first-run-") as scratch:
        root = Path(scratch)
        env = {k: v for k, v in os.environ.items() if not k.startswith("BEDSIDE_")}
        env["QT_QPA_PLATFORM"] = "offscreen"
        with sandbox_process(root, env) as info:
            base_url = info["base_url"]
            # Site resources, the ward's encounters, then every patient-linked type for the
            # ward's patients, as the pull asks for them (see bedside/sync/scope.py).
            from bedside.sync.scope import PATIENT_RESOURCES, SITE_RESOURCES

            ids = ",".join(patients)
            urls = [f"{kind}?_count=500" for kind in SITE_RESOURCES]
            urls.append(f"Encounter?location={ward.ward_id}&_count=500")
            urls += [f"{kind}?{param}={ids}&_count=500" for kind, param in PATIENT_RESOURCES]
            bedside: list[dict[str, float]] = []
            plain: list[float] = []
            for index in range(args.runs):
                directory = root / f"tablet-{index}"
                enroll_tablet(
                    directory,
                    base_url,
                    ward,
                    env,
                    client_id=f"bench-tablet-{index}",
                    log_dir=directory / "logs",
                )
                plain.append(_plain_fetch(base_url, info["client_secret"], urls))
                bedside.append(_first_start(directory, env))

    def median(name: str) -> float:
        return statistics.median(run[name] for run in bedside)

    floor = statistics.median(plain)
    print(f"demo ward (seed 2026, 28 patients), EHR in its own process; {args.runs} new tablets\n")
    print("| from `bedside run` spawn → | median | worst |")
    print("|---|---|---|")
    for name, label in (("paint", "first-run screen painted"), ("landed", "pull landed in cache"),
                        ("board", "first board (window shown)")):  # fmt: skip
        print(f"| {label} | {median(name):.2f} s | {max(run[name] for run in bedside):.2f} s |")
    pull = statistics.median(run["landed"] - run["paint"] for run in bedside)
    print(
        f"\npull on screen (paint → landed) median {pull:.2f} s; the same searches with a bare "
        f"httpx client {floor:.2f} s: {pull / floor:.1f}×"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
