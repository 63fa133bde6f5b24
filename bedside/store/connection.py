"""Opening the SQLCipher file, and mapping SQLCipher's errors to the store's tree.

Owns: the ``PRAGMA key`` with a raw 256-bit key (no passphrase KDF on every open), the durability
pragmas (WAL + ``synchronous=FULL``, ``secure_delete``), the check that the key really decrypts the
file, who may read the file (0600 in a 0700 folder, :func:`secure_location`), the read-only open
for a disk that cannot be written (:func:`open_read_only`), and :func:`map_sqlite_error`. It runs
only on the store's worker thread (see :mod:`bedside.store.worker`).
"""

from __future__ import annotations

import errno
import os
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any, Literal

import sqlcipher3

from bedside.store.errors import (
    StoreError,
    StoreFullError,
    StoreIOError,
    StoreReadOnlyError,
    UnsafeLocationError,
    WrongKeyError,
)
from bedside.store.keystore import KEY_BYTES

FILE_MODE = 0o600
"""The cache file and its ``-wal``/``-shm`` files: this account only."""

FOLDER_MODE = 0o700
"""The folder holding the cache: this account only."""

SIDE_FILES = ("-wal", "-shm", "-journal")
"""Files SQLite keeps beside the cache; they hold (encrypted) pages of it too."""

OpenMode = Literal["rw", "ro", "immutable"]

WRITES_OFF = (
    "Writes are off: the tablet's data file can only be read (read-only disk or file), so "
    "records can be viewed but nothing new can be saved or sent until IT makes the disk "
    "writable again."
)
"""The sentence a screen shows while :attr:`bedside.store.Store.read_only` is set."""

Connection = Any
"""A ``sqlcipher3`` connection (the package ships no type information)."""

_FOREIGN_ERRORS: tuple[type[BaseException], ...] = (
    sqlcipher3.dbapi2.Error,
    sqlite3.Error,
    OSError,
)


def map_sqlite_error(exc: BaseException, doing: str) -> StoreError:
    """Turn a SQLCipher/SQLite/OS error into a :class:`StoreError` saying what failed."""
    name = getattr(exc, "sqlite_errorname", "")
    message = str(exc)
    if name == "SQLITE_NOTADB" or "file is not a database" in message:
        return WrongKeyError(
            "The local cache cannot be decrypted with this device's key "
            "(wrong key, or not a Bedside cache). The file was left untouched."
        )
    if name == "SQLITE_FULL" or "database or disk is full" in message:
        return StoreFullError(f"The disk is full while {doing}; nothing was saved by this step.")
    if isinstance(exc, OSError) and exc.errno == 28:  # ENOSPC
        return StoreFullError(f"The disk is full while {doing}; nothing was saved by this step.")
    if name.startswith("SQLITE_READONLY") or "readonly database" in message:
        return StoreReadOnlyError(
            f"Writes are off: the tablet's data file can only be read (read-only disk or file), "
            f"so nothing was saved while {doing}; tell IT."
        )
    if isinstance(exc, OSError) and exc.errno == errno.EROFS:
        return StoreReadOnlyError(
            f"Writes are off: the tablet's disk is read-only, so nothing was saved while {doing}; "
            "tell IT."
        )
    return StoreIOError(f"The local cache failed while {doing} ({name or type(exc).__name__}).")


@contextmanager
def mapped_errors(doing: str) -> Iterator[None]:
    """Re-raise database and file-system errors as :class:`StoreError`."""
    try:
        yield
    except StoreError:
        raise
    except _FOREIGN_ERRORS as exc:
        raise map_sqlite_error(exc, doing) from exc


def side_file(path: Path, suffix: str) -> Path:
    """``path`` with SQLite's suffix (``-wal``, ``-shm``, ``-journal``) appended."""
    return path.with_name(path.name + suffix)


def wal_has_frames(path: Path) -> bool:
    """True when the cache's ``-wal`` holds pages: after a clean close SQLite removes it."""
    try:
        return side_file(path, "-wal").stat().st_size > 0
    except FileNotFoundError:
        return False


def _make_private(target: Path, *, folder: bool) -> None:
    """Take group and other bits off ``target`` when it is ours; refuse when it is not."""
    info = target.stat()
    if stat.S_IMODE(info.st_mode) & 0o077 == 0:
        return
    shared = folder and bool(info.st_mode & stat.S_ISVTX)  # /tmp and the like: shared by design
    if info.st_uid != os.geteuid() or shared:
        what = "folder" if folder else "file"
        raise UnsafeLocationError(
            f"The tablet's data {what} {target} can be read by other accounts and Bedside may "
            f"not make it private (it belongs to another account or is a shared folder), so "
            f"the cache was not opened; IT should give the cache a folder of the account "
            f"Bedside runs as, mode {FOLDER_MODE:o}."
        )
    try:
        target.chmod(stat.S_IMODE(info.st_mode) & ~0o077)
    except OSError as exc:
        # A read-only disk: nothing new will be written to it, and the cache opens read-only.
        if exc.errno != errno.EROFS:
            raise


def secure_location(path: Path) -> None:
    """Make the cache's folder 0700 and the file, with its ``-wal``/``-shm``, 0600 -- or refuse.

    A missing folder is created 0700 and a missing file 0600 (SQLite would create it 0644 and
    gives the ``-wal`` and ``-shm`` the file's mode). Existing ones open to other accounts are
    tightened when this account owns them; otherwise :class:`UnsafeLocationError`. Windows has no
    such modes: there the user profile's ACL protects the folder.
    """
    if os.name != "posix":
        return
    with mapped_errors("preparing the cache's folder"):
        folder = path.parent
        if not folder.exists():
            folder.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
        _make_private(folder, folder=True)
        if not path.exists():
            with suppress(FileExistsError):
                os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
        for target in (path, *(side_file(path, suffix) for suffix in SIDE_FILES)):
            if target.exists():
                _make_private(target, folder=False)


def _connect(path: Path, mode: OpenMode) -> Connection:
    """Make the SQLite handle (the seam tests use to play a disk that cannot be written)."""
    if mode == "rw":
        target, uri = str(path), False
    else:
        query = "mode=ro" if mode == "ro" else "mode=ro&immutable=1"
        target, uri = f"{path.resolve().as_uri()}?{query}", True
    # isolation_level=None: we issue BEGIN/COMMIT ourselves so each unit of work is explicit.
    return sqlcipher3.connect(target, uri=uri, isolation_level=None, check_same_thread=True)


def _open(path: Path, key: bytes, mode: OpenMode, doing: str) -> Connection:
    if len(key) != KEY_BYTES:
        raise WrongKeyError(f"A cache key must be {KEY_BYTES} bytes.")
    with mapped_errors(doing):
        conn = _connect(path, mode)
    try:
        with mapped_errors(doing):
            # SQLCipher otherwise prints decryption failures to stderr; we report them ourselves.
            conn.execute("PRAGMA cipher_log_level = NONE")
            # The key is hex of random bytes, never user text, so formatting it in is safe.
            conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
            # The first read is where a wrong key shows up (SQLITE_NOTADB).
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            if mode == "rw":
                journal = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
                if str(journal).lower() != "wal":
                    raise StoreIOError(f"The cache could not switch to WAL mode (got {journal}).")
                conn.execute("PRAGMA synchronous = FULL")
                # Deleted rows (a purged patient) are overwritten, not left in free pages.
                conn.execute("PRAGMA secure_delete = ON")
            else:
                # Belt and braces: even a handle SQLite thinks writable refuses every write.
                conn.execute("PRAGMA query_only = ON")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA busy_timeout = 5000")
    except BaseException:
        conn.close()
        raise
    return conn


def open_encrypted(path: Path, key: bytes) -> Connection:
    """Open (or create) the SQLCipher file at ``path`` with a raw key; verify the key works.

    The file is made private first (:func:`secure_location`).
    """
    if len(key) != KEY_BYTES:
        raise WrongKeyError(f"A cache key must be {KEY_BYTES} bytes.")
    secure_location(path)
    return _open(path, key, "rw", "opening the cache")


def check_writable(conn: Connection) -> None:
    """Raise :class:`StoreReadOnlyError` when the open file cannot be written; write nothing.

    A write statement starts a write transaction, where a read-only handle is refused; it is
    rolled back unchanged (it deletes a row that never exists), so nothing reaches the disk.
    """
    with mapped_errors("opening the cache"):
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute("DELETE FROM device WHERE name = '' AND value IS NULL")
        finally:
            if conn.in_transaction:
                conn.execute("ROLLBACK")


def open_read_only(path: Path, key: bytes) -> Connection:
    """Open an existing cache that cannot be written: reads work, every write fails typed.

    A WAL-mode file in a folder that cannot be written cannot even be read normally (SQLite
    cannot create its ``-shm``). Without a ``-wal`` (the last close was clean) every page is in
    the file itself, so it is read as immutable; with one, that would hide the last changes, so
    it is refused rather than showing an out-of-date ward.
    """
    try:
        return _open(path, key, "ro", "opening the cache read-only")
    except (StoreReadOnlyError, StoreIOError):
        if wal_has_frames(path):
            raise StoreReadOnlyError(
                "The tablet's data file can only be read and its latest changes are in a side "
                "file this read-only disk does not let Bedside open, so nothing is shown rather "
                "than an out-of-date ward; IT should make the disk writable."
            ) from None
        return _open(path, key, "immutable", "opening the cache read-only")


@contextmanager
def transaction(conn: Connection, doing: str) -> Iterator[Connection]:
    """One all-or-nothing unit of work: ``BEGIN IMMEDIATE`` … ``COMMIT``, rolled back on error."""
    with mapped_errors(doing):
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
            # COMMIT can fail too (BUSY, FULL, IOERR, a deferred constraint): it belongs inside
            # the guard, or the one connection would stay stuck in an open transaction.
            conn.execute("COMMIT")
        except BaseException:
            # SQLite already rolled back on some errors (SQLITE_FULL, SQLITE_IOERR); a second
            # ROLLBACK would raise and hide the real cause.
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
