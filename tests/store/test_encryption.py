"""The cache file is encrypted at rest and a wrong key never damages it."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from bedside.store import KeyMissingError, MemoryKeyStore, Store, WrongKeyError
from tests.store.conftest import KEY_NAME, synthetic_patient

SQLITE_HEADER = b"SQLite format 3\x00"


def _files(cache_file: Path) -> list[Path]:
    return [p for p in cache_file.parent.iterdir() if p.name.startswith(cache_file.name)]


@pytest.mark.asyncio
async def test_the_cache_file_has_no_sqlite_plaintext_header(
    cache_file: Path, keys: MemoryKeyStore
) -> None:
    async with await Store.open(cache_file, keys, key_name=KEY_NAME) as store:
        await store.put_server_resources([synthetic_patient()])
    head = cache_file.read_bytes()[:16]
    assert head != SQLITE_HEADER
    assert b"SQLite" not in head


@pytest.mark.asyncio
async def test_a_seeded_patients_name_appears_in_none_of_the_files(
    cache_file: Path, keys: MemoryKeyStore
) -> None:
    store = await Store.open(cache_file, keys, key_name=KEY_NAME)
    await store.put_server_resources(
        [synthetic_patient(f"p{i}", family="Zwirbelmeier") for i in range(50)]
    )
    # While the cache is open the WAL and shared-memory files exist: check them too.
    open_files = _files(cache_file)
    assert {p.name for p in open_files} >= {cache_file.name, cache_file.name + "-wal"}
    for path in open_files:
        data = path.read_bytes()
        assert b"Zwirbelmeier" not in data, path.name
        assert "Zwirbelmeier".encode("utf-16-le") not in data, path.name
    await store.close()
    for path in _files(cache_file):
        assert b"Zwirbelmeier" not in path.read_bytes(), path.name


@pytest.mark.asyncio
async def test_opening_with_a_wrong_key_is_a_clear_error_and_leaves_the_file_intact(
    cache_file: Path, keys: MemoryKeyStore
) -> None:
    async with await Store.open(cache_file, keys, key_name=KEY_NAME) as store:
        await store.put_server_resources([synthetic_patient()])
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in _files(cache_file)}

    wrong = MemoryKeyStore()
    wrong.set_key(KEY_NAME, b"\x01" * 32)
    with pytest.raises(WrongKeyError, match="cannot be decrypted"):
        await Store.open(cache_file, wrong, key_name=KEY_NAME)

    after = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in _files(cache_file)}
    assert after == before
    async with await Store.open(cache_file, keys, key_name=KEY_NAME) as store:
        assert await store.get("Patient", "p1") == synthetic_patient()


@pytest.mark.asyncio
async def test_an_existing_cache_whose_key_is_gone_is_refused_not_recreated(
    cache_file: Path, keys: MemoryKeyStore
) -> None:
    async with await Store.open(cache_file, keys, key_name=KEY_NAME):
        pass
    with pytest.raises(KeyMissingError, match="key is missing"):
        await Store.open(cache_file, MemoryKeyStore(), key_name=KEY_NAME)


@pytest.mark.asyncio
async def test_a_new_cache_gets_a_random_256_bit_key_from_the_key_store(
    cache_file: Path, keys: MemoryKeyStore
) -> None:
    async with await Store.open(cache_file, keys, key_name=KEY_NAME) as store:
        assert store.report.created
    key = keys.get_key(KEY_NAME)
    assert key is not None
    assert len(key) == 32
    other = MemoryKeyStore()
    async with await Store.open(cache_file.with_name("other"), other, key_name=KEY_NAME):
        pass
    assert other.get_key(KEY_NAME) != key
