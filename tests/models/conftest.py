"""Fixtures of the models tests: the official HL7 example package, fetched once per session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.models.hl7_examples import ExamplesUnavailableError, ensure_examples


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in {"", "0", "false", "no"}


@pytest.fixture(scope="session")
def hl7_package() -> Path:
    """``package/`` of hl7.fhir.r4.examples@4.0.1; skipped offline, a failure in CI."""
    try:
        return ensure_examples()
    except ExamplesUnavailableError as exc:
        if _in_ci():
            pytest.fail(f"CI must be able to fetch the HL7 examples: {exc}")
        pytest.skip(f"HL7 example package unavailable (offline?) and CI is not set: {exc}")
