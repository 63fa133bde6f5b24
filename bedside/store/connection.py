"""Opening the SQLCipher file, and mapping SQLCipher's errors to the store's tree.

Owns: the ``PRAGMA key`` with a raw 256-bit key (no passphrase KDF on every open), the durability
pragmas (WAL + ``synchronous=FULL``), the check that the key really decrypts the file, and
:func:`map_sqlite_error`. It runs only on the store's worker thread
(see :mod:`bedside.store.worker`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlcipher3

from bedside.store.errors import (
    StoreError,
    StoreFullError,
    StoreIOError,
    WrongKeyError,
)
from bedside.store.keystore import KEY_BYTES

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


def open_encrypted(path: Path, key: bytes) -> Connection:
    """Open (or create) the SQLCipher file at ``path`` with a raw key; verify the key works."""
    if len(key) != KEY_BYTES:
        raise WrongKeyError(f"A cache key must be {KEY_BYTES} bytes.")
    with mapped_errors("opening the cache"):
        path.parent.mkdir(parents=True, exist_ok=True)
        # isolation_level=None: we issue BEGIN/COMMIT ourselves so each unit of work is explicit.
        conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=True)
    try:
        with mapped_errors("opening the cache"):
            # SQLCipher otherwise prints decryption failures to stderr; we report them ourselves.
            conn.execute("PRAGMA cipher_log_level = NONE")
            # The key is hex of random bytes, never user text, so formatting it in is safe.
            conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
            # The first read is where a wrong key shows up (SQLITE_NOTADB).
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise StoreIOError(f"The cache could not switch to WAL mode (got {mode}).")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA busy_timeout = 5000")
    except BaseException:
        conn.close()
        raise
    return conn


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
