"""The encrypted local cache: SQLCipher file, key store, schema, outbox and sync state.

Public face: :class:`Store` (async; all work on one database thread) and its change feed
(:class:`Changes` after every commit), the key stores, and the exception tree in
:mod:`bedside.store.errors`. Must not import Qt, httpx or the sync layer.
"""

from bedside.store.cache import OpenReport, Store, cache_path, key_name
from bedside.store.changes import ChangeFeed, Changes
from bedside.store.connection import WRITES_OFF
from bedside.store.errors import (
    KeyMissingError,
    KeyStoreError,
    MigrationError,
    StoreClosedError,
    StoreDamagedError,
    StoreError,
    StoreFullError,
    StoreIOError,
    StoreReadOnlyError,
    UnsafeLocationError,
    WrongKeyError,
)
from bedside.store.keystore import (
    DemoKeyFile,
    KeyStore,
    MemoryKeyStore,
    OsKeyStore,
    mark_demo_directory,
)
from bedside.store.outbox import ConflictChoice, ConflictEntry
from bedside.store.records import LocalChange, OutboxEntry
from bedside.store.staff import PinFailures, StaffVerifier

__all__ = [
    "WRITES_OFF",
    "ChangeFeed",
    "Changes",
    "ConflictChoice",
    "ConflictEntry",
    "DemoKeyFile",
    "KeyMissingError",
    "KeyStore",
    "KeyStoreError",
    "LocalChange",
    "MemoryKeyStore",
    "MigrationError",
    "OpenReport",
    "OsKeyStore",
    "OutboxEntry",
    "PinFailures",
    "StaffVerifier",
    "Store",
    "StoreClosedError",
    "StoreDamagedError",
    "StoreError",
    "StoreFullError",
    "StoreIOError",
    "StoreReadOnlyError",
    "UnsafeLocationError",
    "WrongKeyError",
    "cache_path",
    "key_name",
    "mark_demo_directory",
]
