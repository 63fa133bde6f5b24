"""The cache file at its edges: who may read it, what a purge leaves behind, a damaged page, a
disk that cannot be written (issue #14, item 12). Real SQLCipher files in temp dirs."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlcipher3

from bedside.store import (
    MemoryKeyStore,
    Store,
    StoreDamagedError,
    StoreReadOnlyError,
    UnsafeLocationError,
)
from bedside.store import connection as connection_module
from bedside.store.records import LocalChange
from tests.store.conftest import KEY_NAME, synthetic_patient

REPO = Path(__file__).resolve().parents[2]
PAGE = 4096  # SQLCipher 4's default page size
NOBODY = 65534
T0 = datetime(2026, 12, 8, 6, 0, tzinfo=UTC)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _at(moment: datetime) -> Any:
    return lambda: moment


def _observation(oid: str, patient_id: str) -> dict[str, object]:
    return {
        "resourceType": "Observation",
        "id": oid,
        "meta": {"versionId": "1", "lastUpdated": "2026-11-22T08:00:00.000Z"},
        "status": "final",
        "code": {"text": "Heart rate"},
        "subject": {"reference": f"Patient/{patient_id}"},
        "effectiveDateTime": "2026-11-22T08:00:00Z",
        "valueQuantity": {"value": 72, "unit": "/min"},
        "note": [{"text": "Zwirbelmeier " * 40}],
    }


def _ward(count: int, family: str = "Zwirbelmeier") -> list[dict[str, object]]:
    resources: list[dict[str, object]] = []
    for i in range(count):
        resources.append(synthetic_patient(f"p{i}", family=family))
        resources.extend(_observation(f"o{i}-{j}", f"p{i}") for j in range(5))
    return resources


@pytest.fixture
def umask_022() -> Iterator[None]:
    """The usual umask, under which SQLite creates its files 0644."""
    before = os.umask(0o022)
    yield
    os.umask(before)


async def _filled(cache_file: Path, keys: MemoryKeyStore, *, now: datetime = T0) -> None:
    async with await Store.open(cache_file, keys, key_name=KEY_NAME, clock=_at(now)) as store:
        await store.put_server_resources(_ward(40))


def _crash_after_a_write(cache_file: Path, keys: MemoryKeyStore) -> None:
    """Open the cache in another process, write, and die without closing (a power cut)."""
    key = keys.get_key(KEY_NAME)
    assert key is not None
    script = (
        "import asyncio, os, sys\n"
        "from pathlib import Path\n"
        "from bedside.store import MemoryKeyStore, Store\n"
        "async def main():\n"
        "    keys = MemoryKeyStore()\n"
        "    keys.set_key(sys.argv[2], bytes.fromhex(sys.argv[3]))\n"
        "    store = await Store.open(Path(sys.argv[1]), keys, key_name=sys.argv[2])\n"
        "    await store.set_device_fact('written-before-the-crash', 'yes')\n"
        "    os._exit(0)\n"
        "asyncio.run(main())\n"
    )
    subprocess.run(
        [sys.executable, "-c", script, str(cache_file), KEY_NAME, key.hex()],
        cwd=REPO,
        check=True,
        timeout=60,
    )


def _damage(cache_file: Path, *, zero: bool) -> None:
    """Flip one bit in (or zero) a page in the middle of the file, never the first."""
    pages = cache_file.stat().st_size // PAGE
    assert pages >= 8, "the test ward should fill several pages"
    page = pages // 2
    with cache_file.open("r+b") as raw:
        raw.seek(page * PAGE)
        data = bytearray(raw.read(PAGE))
        if zero:
            data[:] = bytes(PAGE)
        else:
            data[200] ^= 0x10
        raw.seek(page * PAGE)
        raw.write(data)


# Who may read the file ---------------------------------------------------------------------------


@pytest.mark.asyncio
@pytest.mark.usefixtures("umask_022")
async def test_a_new_cache_and_its_wal_and_shm_files_are_readable_by_this_account_only(
    tmp_path: Path, keys: MemoryKeyStore
) -> None:
    cache_file = tmp_path / "data" / "site.bedside-cache"
    async with await Store.open(cache_file, keys, key_name=KEY_NAME) as store:
        await store.put_server_resources([synthetic_patient()])
        side = [cache_file.with_name(cache_file.name + s) for s in ("-wal", "-shm")]
        assert all(p.exists() for p in side)
        assert {p.name: _mode(p) for p in (cache_file, *side)} == {
            p.name: 0o600 for p in (cache_file, *side)
        }
    assert _mode(cache_file.parent) == 0o700


@pytest.mark.asyncio
@pytest.mark.usefixtures("umask_022")
async def test_an_existing_cache_and_folder_open_to_others_are_made_private_at_open(
    tmp_path: Path, keys: MemoryKeyStore
) -> None:
    folder = tmp_path / "data"
    cache_file = folder / "site.bedside-cache"
    await _filled(cache_file, keys)
    folder.chmod(0o755)
    cache_file.chmod(0o644)

    async with await Store.open(cache_file, keys, key_name=KEY_NAME) as store:
        assert await store.get("Patient", "p0") is not None
    assert _mode(folder) == 0o700
    assert _mode(cache_file) == 0o600


@pytest.mark.asyncio
async def test_a_shared_folder_like_tmp_is_never_changed_and_the_cache_is_refused_with_a_sentence(
    tmp_path: Path, keys: MemoryKeyStore
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)

    with pytest.raises(UnsafeLocationError, match=r"can be read by other accounts.*IT should"):
        await Store.open(shared / "site.bedside-cache", keys, key_name=KEY_NAME)
    assert _mode(shared) == 0o1777
    assert not (shared / "site.bedside-cache").exists()


@pytest.mark.asyncio
@pytest.mark.skipif(os.name != "posix" or os.geteuid() != 0, reason="needs root to chown")
async def test_a_folder_open_to_others_that_belongs_to_another_account_is_refused(
    tmp_path: Path, keys: MemoryKeyStore
) -> None:
    theirs = tmp_path / "theirs"
    theirs.mkdir(mode=0o755)
    theirs.chmod(0o755)
    os.chown(theirs, NOBODY, NOBODY)

    with pytest.raises(UnsafeLocationError, match="belongs to another account"):
        await Store.open(theirs / "site.bedside-cache", keys, key_name=KEY_NAME)
    assert _mode(theirs) == 0o755


# What a purge leaves behind ----------------------------------------------------------------------


def _decrypted_pages(cache_file: Path, key: bytes) -> bytes:
    """Every page of the file decrypted, free pages included (SQLCipher 4: AES-256-CBC with a
    raw key, 16-byte salt on page 1, 80 reserved bytes per page: IV then HMAC)."""
    cipher = pytest.importorskip("cryptography.hazmat.primitives.ciphers")
    raw = cache_file.read_bytes()
    plain = bytearray()
    for start in range(0, len(raw), PAGE):
        page = raw[start : start + PAGE]
        body = page[16 : PAGE - 80] if start == 0 else page[: PAGE - 80]
        iv = page[PAGE - 80 : PAGE - 64]
        aes = cipher.Cipher(cipher.algorithms.AES(key), cipher.modes.CBC(iv)).decryptor()
        plain += aes.update(body) + aes.finalize()
    return bytes(plain)


@pytest.mark.asyncio
async def test_a_purge_leaves_no_wal_pages_and_no_trace_of_the_patients_in_the_file(
    cache_file: Path, keys: MemoryKeyStore
) -> None:
    await _filled(cache_file, keys)
    async with await Store.open(cache_file, keys, key_name=KEY_NAME) as store:
        await store.put_server_resources([synthetic_patient("kept", family="Bleibtreu")])
    key = keys.get_key(KEY_NAME)
    assert key is not None
    assert b"Zwirbelmeier" in _decrypted_pages(cache_file, key)  # the helper really decrypts

    async with await Store.open(cache_file, keys, key_name=KEY_NAME) as store:
        secure_delete = await store._worker.run(
            lambda conn: conn.execute("PRAGMA secure_delete").fetchone()[0]
        )
        assert secure_delete == 1
        assert await store.purge_patients([f"p{i}" for i in range(40)]) == 40 * 6

        # Still open: the pre-purge pages must not wait in the -wal for the close.
        wal = cache_file.with_name(cache_file.name + "-wal")
        assert wal.stat().st_size == 0
        plain = _decrypted_pages(cache_file, key)
        assert b"Zwirbelmeier" not in plain
        assert b"Bleibtreu" in plain
        assert await store.get("Patient", "kept") is not None


# A damaged page ----------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_a_bit_flipped_page_is_noticed_at_the_open_after_an_unclean_shutdown(
    cache_file: Path, keys: MemoryKeyStore
) -> None:
    await _filled(cache_file, keys)
    _crash_after_a_write(cache_file, keys)
    assert cache_file.with_name(cache_file.name + "-wal").stat().st_size > 0
    _damage(cache_file, zero=False)

    # Within the day of the last check: only the unclean shutdown makes this open check.
    with pytest.raises(StoreDamagedError) as raised:
        await Store.open(cache_file, keys, key_name=KEY_NAME, clock=_at(T0 + timedelta(hours=1)))
    message = str(raised.value)
    assert message.startswith("The tablet's data file is damaged")
    assert "nothing will be uploaded from it" in message
    assert "contact IT" in message
    assert "Zwirbelmeier" not in message


@pytest.mark.asyncio
async def test_a_zeroed_page_is_noticed_by_the_daily_check_and_the_cache_stays_refused(
    cache_file: Path, keys: MemoryKeyStore
) -> None:
    await _filled(cache_file, keys)
    _damage(cache_file, zero=True)

    for later in (timedelta(days=1, minutes=1), timedelta(days=1, minutes=2)):
        with pytest.raises(StoreDamagedError, match="damaged"):
            await Store.open(cache_file, keys, key_name=KEY_NAME, clock=_at(T0 + later))


@pytest.mark.asyncio
async def test_after_a_clean_close_the_pages_are_checked_at_most_once_a_day(
    cache_file: Path, keys: MemoryKeyStore
) -> None:
    await _filled(cache_file, keys)
    opens = {
        "an hour later": T0 + timedelta(hours=1),
        "a day later": T0 + timedelta(days=1, minutes=1),
        "an hour after that": T0 + timedelta(days=1, hours=1),
    }
    checked = {}
    for when, moment in opens.items():
        async with await Store.open(cache_file, keys, key_name=KEY_NAME, clock=_at(moment)) as s:
            assert not s.report.unclean_shutdown
            checked[when] = s.report.integrity_check_seconds is not None
    assert checked == {"an hour later": False, "a day later": True, "an hour after that": False}


@pytest.mark.asyncio
async def test_a_crash_is_noticed_and_the_healthy_cache_opens_with_the_crashed_write_kept(
    cache_file: Path, keys: MemoryKeyStore
) -> None:
    await _filled(cache_file, keys)
    _crash_after_a_write(cache_file, keys)

    async with await Store.open(
        cache_file, keys, key_name=KEY_NAME, clock=_at(T0 + timedelta(hours=1))
    ) as store:
        assert store.report.unclean_shutdown
        assert store.report.integrity_check_seconds is not None
        assert await store.device_fact("written-before-the-crash") == "yes"
    async with await Store.open(
        cache_file, keys, key_name=KEY_NAME, clock=_at(T0 + timedelta(hours=2))
    ) as store:
        assert not store.report.unclean_shutdown


# A disk that cannot be written -------------------------------------------------------------------

_REAL_CONNECT = connection_module._connect


def _as_sqlite_does_on_a_read_only_file(path: Path, mode: str) -> Any:
    """SQLite opens a file it cannot write read-only without a word (its unix VFS retries
    O_RDWR as O_RDONLY); ``mode=ro`` gives the same handle, also to root, who ignores chmod."""
    return _REAL_CONNECT(path, "ro" if mode == "rw" else mode)


def _as_on_a_read_only_folder(path: Path, mode: str) -> Any:
    """In a folder it cannot write SQLite cannot make the ``-shm`` a WAL file needs even to be
    read: it says so at the first read, with or without ``mode=ro``."""
    if mode != "immutable":
        raise sqlcipher3.dbapi2.OperationalError("attempt to write a readonly database")
    return _REAL_CONNECT(path, mode)


async def _every_kind_of_write(store: Store) -> dict[str, Any]:
    attempts: dict[str, Any] = {
        "downloaded resources": lambda: store.put_server_resources([synthetic_patient("new")]),
        "a nurse's change": lambda: store.record_local_change(
            synthetic_patient("p1", family="Changed"),
            operation="update",
            kind="mutable",
            created_at="2026-12-08T06:00:00Z",
        ),
        "changes made together": lambda: store.record_local_changes(
            [LocalChange(synthetic_patient("p2"), operation="update", kind="mutable")],
            created_at="2026-12-08T06:00:00Z",
        ),
        "a device fact": lambda: store.set_device_fact("x", "y"),
        "sync state": lambda: store.set_sync_state("ward", "Patient", "2026-12-08T06:00:00Z"),
        "a purge": lambda: store.purge_patients(["p3"]),
        "a wrong PIN": lambda: store.record_pin_failure("badge", T0, None),
    }
    outcomes: dict[str, Any] = {}
    for what, attempt in attempts.items():
        try:
            await attempt()
        except StoreReadOnlyError as exc:
            outcomes[what] = str(exc)
        else:
            outcomes[what] = "saved"
    return outcomes


@pytest.mark.asyncio
async def test_a_file_that_cannot_be_written_opens_read_only_and_every_write_fails_with_a_sentence(
    cache_file: Path, keys: MemoryKeyStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    await _filled(cache_file, keys)
    monkeypatch.setattr(connection_module, "_connect", _as_sqlite_does_on_a_read_only_file)

    async with await Store.open(cache_file, keys, key_name=KEY_NAME) as store:
        assert store.read_only
        assert (await store.get("Patient", "p1") or {})["id"] == "p1"
        assert len(await store.find("Observation", patient_id="p1")) == 5
        outcomes = await _every_kind_of_write(store)
        assert all(o.startswith("Writes are off") for o in outcomes.values()), outcomes
        assert await store.get("Patient", "new") is None


@pytest.mark.asyncio
async def test_a_cache_in_a_folder_that_cannot_be_written_is_still_shown_read_only(
    cache_file: Path, keys: MemoryKeyStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    await _filled(cache_file, keys)
    monkeypatch.setattr(connection_module, "_connect", _as_on_a_read_only_folder)

    async with await Store.open(cache_file, keys, key_name=KEY_NAME) as store:
        assert store.read_only
        assert len(await store.find("Patient")) == 40
        with pytest.raises(StoreReadOnlyError, match=r"^Writes are off"):
            await store.set_device_fact("x", "y")


@pytest.mark.asyncio
async def test_a_read_only_folder_with_unsaved_pages_in_its_wal_shows_nothing_rather_than_old_data(
    cache_file: Path, keys: MemoryKeyStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    await _filled(cache_file, keys)
    _crash_after_a_write(cache_file, keys)
    monkeypatch.setattr(connection_module, "_connect", _as_on_a_read_only_folder)

    with pytest.raises(StoreReadOnlyError, match="rather than an out-of-date ward"):
        await Store.open(cache_file, keys, key_name=KEY_NAME)


_READ_ONLY_CHILD = """
import asyncio, json, sys
from pathlib import Path
from bedside.store import MemoryKeyStore, Store, StoreReadOnlyError
async def main():
    keys = MemoryKeyStore()
    keys.set_key(sys.argv[2], bytes.fromhex(sys.argv[3]))
    async with await Store.open(Path(sys.argv[1]), keys, key_name=sys.argv[2]) as store:
        found = {"read_only": store.read_only, "patients": len(await store.find("Patient"))}
        try:
            await store.set_device_fact("x", "y")
            found["write"] = "saved"
        except StoreReadOnlyError as exc:
            found["write"] = str(exc)
    print(json.dumps(found))
asyncio.run(main())
"""


def _open_in_a_child(cache_file: Path, keys: MemoryKeyStore, *, as_nobody: bool) -> Any:
    key = keys.get_key(KEY_NAME)
    assert key is not None
    drop = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
    child = [sys.executable, "-c", _READ_ONLY_CHILD, str(cache_file), KEY_NAME, key.hex()]
    done = subprocess.run(
        (drop if as_nobody else []) + child,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


@pytest.mark.asyncio
@pytest.mark.parametrize("read_only", ["the file", "the file and its folder"])
@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
async def test_a_chmod_read_only_cache_really_opens_read_only_for_an_ordinary_account(
    read_only: str, tmp_path: Path, keys: MemoryKeyStore
) -> None:
    as_root = os.geteuid() == 0
    if as_root and shutil.which("setpriv") is None:
        pytest.skip("root ignores permissions, and setpriv is missing to drop them")
    # Root ignores chmod: the child runs as nobody, in a folder nobody can reach.
    base = Path(tempfile.mkdtemp()) if as_root else tmp_path
    cache_file = base / "data" / "site.bedside-cache"
    try:
        base.chmod(0o711)
        await _filled(cache_file, keys)
        if as_root:
            for path in (cache_file.parent, cache_file):
                os.chown(path, NOBODY, NOBODY)
        cache_file.chmod(0o444)
        if read_only == "the file and its folder":
            cache_file.parent.chmod(0o555)
        found = _open_in_a_child(cache_file, keys, as_nobody=as_root)
        assert found["read_only"] is True
        assert found["patients"] == 40
        assert found["write"].startswith("Writes are off")
    finally:
        cache_file.parent.chmod(0o700)
        if as_root:
            shutil.rmtree(base, ignore_errors=True)


# Server text in the log --------------------------------------------------------------------------


def test_an_icon_name_the_ehr_sent_never_reaches_the_log(caplog: pytest.LogCaptureFixture) -> None:
    icons = pytest.importorskip("bedside.ui.icons")
    server_text = "Zwirbelmeier-<b>%s</b>\nforged line"
    with caplog.at_level("DEBUG", logger="bedside.ui.icons"):
        assert icons.svg_text(server_text) == icons.svg_text("dish")
    assert caplog.records, "the fallback is still logged"
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "Zwirbelmeier" not in logged
    assert "forged" not in logged
