"""Cold open of the encrypted cache, beside a plain SQLite baseline.

Cold open = take the key from the key store, open the SQLCipher file, check the schema version,
answer a first query (the ward's in-progress encounters). The cache holds the seeded ward
(scale 1 by default). The baseline does the same open + query on a plain ``sqlite3`` file with the
same rows, so the ratio shows what encryption and our checks cost.

Usage: ``.venv/bin/python bench/cold_open.py [--scale N] [--runs N]``
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bedside.sandbox.seed import generate_ward
from bedside.store import MemoryKeyStore, Store

KEY_NAME = "cache-key:bench"


async def _fill(path: Path, keys: MemoryKeyStore, resources: list[dict[str, object]]) -> None:
    async with await Store.open(path, keys, key_name=KEY_NAME) as store:
        for start in range(0, len(resources), 500):
            await store.put_server_resources(resources[start : start + 500])


async def _cold_open(path: Path, keys: MemoryKeyStore) -> float:
    started = time.perf_counter()
    store = await Store.open(path, keys, key_name=KEY_NAME)
    rows = await store.find("Encounter", status="in-progress")
    elapsed = time.perf_counter() - started
    assert rows, "the bench cache should hold encounters"
    await store.close()
    return elapsed


def _baseline_fill(path: Path, resources: list[dict[str, object]]) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute(
        "CREATE TABLE resource (type TEXT, id TEXT, status TEXT, json TEXT, PRIMARY KEY (type, id))"
    )
    conn.executemany(
        "INSERT INTO resource VALUES (?, ?, ?, ?)",
        [(r["resourceType"], r["id"], r.get("status"), json.dumps(r)) for r in resources],
    )
    conn.commit()
    conn.close()


def _baseline_open(path: Path) -> float:
    started = time.perf_counter()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    rows = conn.execute(
        "SELECT json FROM resource WHERE type='Encounter' AND status='in-progress'"
    ).fetchall()
    [json.loads(r[0]) for r in rows]
    elapsed = time.perf_counter() - started
    conn.close()
    return elapsed


def _summary(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
    return f"median {statistics.median(ordered) * 1000:7.2f} ms   p95 {p95 * 1000:7.2f} ms"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()

    ward = generate_ward(scale=args.scale)
    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp) / "bench.bedside-cache"
        plain = Path(tmp) / "bench.sqlite"
        keys = MemoryKeyStore()
        asyncio.run(_fill(cache, keys, ward.resources))
        _baseline_fill(plain, ward.resources)
        # Warm the OS page cache once so both sides read from memory, as on a used tablet.
        asyncio.run(_cold_open(cache, keys))
        _baseline_open(plain)
        ours = [asyncio.run(_cold_open(cache, keys)) for _ in range(args.runs)]
        base = [_baseline_open(plain) for _ in range(args.runs)]

    print(f"cache of {len(ward.resources)} resources (scale {args.scale}), {args.runs} runs")
    print(f"  Bedside cold open (key → SQLCipher open → migrate check → query): {_summary(ours)}")
    print(f"  plain sqlite3 open + same query (baseline):                     {_summary(base)}")
    print(f"  ratio (median): {statistics.median(ours) / statistics.median(base):.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
