"""The store's exception tree: every failure of the encrypted cache is one of these.

Foreign errors (``sqlcipher3``/``sqlite3`` errors, ``OSError``, keyring errors) are mapped here at
the store's boundary, so the layers above only ever see :class:`StoreError` subclasses, each with a
sentence a nurse or an IT engineer can act on. Messages never contain patient data.

::

    StoreError
    ├── KeyStoreError          no usable key store (fail closed: the cache is not opened)
    │   └── KeyMissingError    the key store has no key for an existing cache file
    ├── WrongKeyError          the file cannot be decrypted with the key (or is not a Bedside cache)
    ├── MigrationError         a schema migration failed; the file is left at its previous version
    ├── StoreFullError         the disk is full; nothing partial was written
    ├── StoreClosedError       the store was used after close()
    ├── StoreReadOnlyError     writes are off: the file can only be read (read-only disk or file)
    ├── StoreDamagedError      the file failed its integrity check (a damaged page): not used
    ├── UnsafeLocationError    the file or its folder is open to other accounts and is not ours
    └── StoreIOError           any other database or file-system failure
"""

from __future__ import annotations


class StoreError(Exception):
    """Base of every error raised by :mod:`bedside.store`."""


class KeyStoreError(StoreError):
    """The key store cannot be used, so the cache stays closed (never a plaintext fallback)."""


class KeyMissingError(KeyStoreError):
    """A cache file exists but the key store holds no key for it."""


class WrongKeyError(StoreError):
    """The cache file cannot be decrypted with the key from the key store."""


class MigrationError(StoreError):
    """A schema migration failed and was rolled back."""


class StoreFullError(StoreError):
    """The disk holding the cache is full; the write was rolled back."""


class StoreClosedError(StoreError):
    """The store was used after it was closed."""


class StoreReadOnlyError(StoreError):
    """The cache can only be read (a read-only disk or file): this write did not happen."""


class StoreDamagedError(StoreError):
    """A page of the cache failed SQLCipher's HMAC check; the cache is not opened."""


class UnsafeLocationError(StoreError):
    """The cache or its folder can be read by other accounts and we cannot make it private."""


class StoreIOError(StoreError):
    """Any other failure reading or writing the cache file."""
