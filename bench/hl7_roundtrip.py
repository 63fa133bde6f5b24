"""Round-trip every official HL7 R4 example of the modelled types and print a table.

Usage: ``uv run python bench/hl7_roundtrip.py``. Fetches ``hl7.fhir.r4.examples@4.0.1`` into the
repository's ``.cache/`` on first use (see ``tests/models/hl7_examples.py``), then prints, per
resource type: example files, passed, failed, and how many resources of that type sit inside
Bundles / ``contained`` lists of those files. Exits 1 when any file fails, 2 when the package
cannot be fetched.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bedside.models import RESOURCE_TYPES
from tests.models.hl7_examples import (
    ExamplesUnavailableError,
    ensure_examples,
    our_examples,
    round_trip,
)


def main() -> int:
    try:
        package_dir = ensure_examples()
    except ExamplesUnavailableError as exc:
        print(f"cannot fetch the HL7 examples: {exc}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    results = [round_trip(path, rtype) for path, rtype in our_examples(package_dir)]
    elapsed = time.perf_counter() - started

    files: Counter[str] = Counter(r.resource_type for r in results)
    passed: Counter[str] = Counter(r.resource_type for r in results if r.passed)
    inner: Counter[str] = Counter()
    for result in results:
        inner += result.inner

    print(f"{'type':<26}{'files':>7}{'passed':>8}{'failed':>8}{'inside':>8}")
    for name in sorted(RESOURCE_TYPES):
        failed = files[name] - passed[name]
        print(f"{name:<26}{files[name]:>7}{passed[name]:>8}{failed:>8}{inner[name]:>8}")
    total, ok = sum(files.values()), sum(passed.values())
    print(f"{'total':<26}{total:>7}{ok:>8}{total - ok:>8}{sum(inner.values()):>8}")
    print(f"({elapsed:.1f} s; 'inside' = resources of that type within the files' Bundles")
    print(" and contained lists, round-tripped as part of their file)")

    for result in results:
        if not result.passed:
            print(f"FAIL {result.path.name}: {result.problem}")
    return 0 if ok == total else 1


if __name__ == "__main__":
    sys.exit(main())
