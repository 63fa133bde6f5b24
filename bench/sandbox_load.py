"""Time to build the seeded ward and load it into the sandbox EHR, beside a plain SQLite baseline.

For each scale: (1) generating the synthetic ward, (2) loading it into the sandbox's store
(versions, server ``meta``, search index), and the baseline (3): ``json.dumps`` + one
``executemany`` of the same resources into a fresh in-memory SQLite table.

Usage: ``.venv/bin/python bench/sandbox_load.py [--scales 1 3] [--runs 3]``
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bedside.sandbox.seed import generate_ward
from bedside.sandbox.server import Sandbox


def _baseline(resources: list[dict[str, object]]) -> float:
    started = time.perf_counter()
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE r (type TEXT, id TEXT, json TEXT, PRIMARY KEY (type, id))")
    with conn:
        conn.executemany(
            "INSERT INTO r VALUES (?, ?, ?)",
            [(r["resourceType"], r["id"], json.dumps(r)) for r in resources],
        )
    elapsed = time.perf_counter() - started
    conn.close()
    return elapsed


def _load(resources: list[dict[str, object]]) -> float:
    sandbox = Sandbox()
    started = time.perf_counter()
    sandbox.load(resources)
    elapsed = time.perf_counter() - started
    sandbox.close()
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 3])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    columns = ("scale", "resources", "generate", "load", "baseline", "load/base")
    print(" ".join(f"{name:>10}" for name in columns))
    for scale in args.scales:
        generate, load, base = [], [], []
        count = 0
        for _ in range(args.runs):
            started = time.perf_counter()
            ward = generate_ward(scale=scale)
            generate.append(time.perf_counter() - started)
            count = len(ward.resources)
            load.append(_load(ward.resources))
            base.append(_baseline(ward.resources))
        g, lo, b = (statistics.median(x) for x in (generate, load, base))
        print(f"{scale:>10} {count:>10} {g:>9.2f}s {lo:>9.2f}s {b:>9.2f}s {lo / b:>9.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
