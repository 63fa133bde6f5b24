"""Fixtures for the store tests: real SQLCipher files in a temp dir, an in-memory key store."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio

from bedside.store import MemoryKeyStore, Store

KEY_NAME = "cache-key:test-site"


@pytest.fixture
def keys() -> MemoryKeyStore:
    return MemoryKeyStore()


@pytest.fixture
def cache_file(tmp_path: Path) -> Path:
    return tmp_path / "site.bedside-cache"


@pytest_asyncio.fixture
async def store(cache_file: Path, keys: MemoryKeyStore) -> AsyncIterator[Store]:
    opened = await Store.open(cache_file, keys, key_name=KEY_NAME)
    yield opened
    await opened.close()


def synthetic_patient(patient_id: str = "p1", family: str = "Zwirbelmeier") -> dict[str, object]:
    """A synthetic patient with an unusual name that is easy to search for in raw bytes."""
    return {
        "resourceType": "Patient",
        "id": patient_id,
        "meta": {"versionId": "v1", "lastUpdated": "2026-11-22T08:00:00.000Z"},
        "name": [{"family": family, "given": ["Anneliese"]}],
        "birthDate": "1941-03-02",
        "gender": "female",
    }
