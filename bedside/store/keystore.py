"""Key stores: where the cache's 256-bit raw key lives, and nowhere else.

Three implementations of one small interface:

* :class:`OsKeyStore` — the operating system's key store through ``keyring`` (Windows Credential
  Locker, Secret Service on Linux, macOS Keychain). It refuses the backends that are not a key
  store at all (fail, null, plaintext files, "chainer" with nothing behind it), so a tablet without
  a real key store fails closed instead of writing the key to disk.
* :class:`MemoryKeyStore` — for unit tests.
* :class:`DemoKeyFile` — the demo's key, in a file inside the demo's own throw-away directory,
  named so nobody mistakes it for a production set-up. Nothing else ever writes a key to disk.

This module must not touch the database; :mod:`bedside.store.database` takes a key, not a store.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Protocol

from bedside.store.errors import KeyMissingError, KeyStoreError

KEY_BYTES = 32
"""SQLCipher raw keys are 256 bits."""

KEYRING_SERVICE = "bedside"

# Fail closed: only the operating systems' own key stores are trusted. Anything else that keyring
# may pick (its fail/null backends, keyrings.alt's plain-text or password files, a third-party
# backend named in PYTHON_KEYRING_BACKEND) is refused. Matched by module + class name so optional
# backends need not be importable to be recognised.
_TRUSTED_BACKENDS = frozenset(
    {
        "keyring.backends.SecretService.Keyring",  # GNOME Keyring / KWallet via Secret Service
        "keyring.backends.libsecret.Keyring",
        "keyring.backends.kwallet.DBusKeyring",
        "keyring.backends.kwallet.DBusKeyringKWallet4",
        "keyring.backends.Windows.WinVaultKeyring",  # Windows Credential Manager
        "keyring.backends.macOS.Keyring",  # macOS Keychain
    }
)
_REFUSAL_REASONS = {
    "keyring.backends.fail.Keyring": "no key store is available on this system",
    "keyring.backends.null.Keyring": "the key store is disabled (null backend)",
    "keyrings.alt.file.PlaintextKeyring": "the configured key store writes secrets in plain text",
}


class KeyStore(Protocol):
    """Where the device's secrets are kept, by name: raw cache keys (one per site cache), the
    device's private signing key, a client secret — never in settings or plain files."""

    def get_key(self, name: str) -> bytes | None:
        """The key stored under ``name``, or None when there is none."""
        ...

    def set_key(self, name: str, key: bytes) -> None:
        """Store ``key`` under ``name``, replacing any previous one."""
        ...

    def delete_key(self, name: str) -> None:
        """Forget the key stored under ``name`` (a no-op when there is none)."""
        ...


def new_random_key() -> bytes:
    """A fresh 256-bit key from the OS's cryptographic random source."""
    return secrets.token_bytes(KEY_BYTES)


def _check_key(key: bytes) -> bytes:
    if len(key) != KEY_BYTES:
        raise KeyStoreError(
            f"A cache key must be {KEY_BYTES} bytes; the key store returned {len(key)}."
        )
    return key


def _check_secret(secret: bytes) -> bytes:
    if not secret:
        raise KeyStoreError("An empty secret cannot be kept in the key store.")
    return secret


def get_or_create_key(store: KeyStore, name: str, *, cache_exists: bool) -> bytes:
    """The key named ``name``; a new random one is created only when the cache does not exist yet.

    A missing key for an *existing* cache is an error rather than a new key: a new key could never
    open the file, and overwriting it would destroy data that may still need uploading.
    """
    key = store.get_key(name)
    if key is not None:
        return _check_key(key)
    if cache_exists:
        raise KeyMissingError(
            "The local cache exists but its key is missing from the key store; "
            "the cache cannot be opened (re-enroll the device or restore the key)."
        )
    key = new_random_key()
    store.set_key(name, key)
    return key


class MemoryKeyStore:
    """A key store held in memory, for tests."""

    def __init__(self) -> None:
        self._keys: dict[str, bytes] = {}

    def get_key(self, name: str) -> bytes | None:
        return self._keys.get(name)

    def set_key(self, name: str, key: bytes) -> None:
        self._keys[name] = _check_secret(key)

    def delete_key(self, name: str) -> None:
        self._keys.pop(name, None)


def _backend_name(backend: object) -> str:
    cls = type(backend)
    return f"{cls.__module__}.{cls.__qualname__}"


class OsKeyStore:
    """The operating system's key store, through ``keyring``; refuses backends that are not one."""

    def __init__(self, backend: object | None = None) -> None:
        import keyring  # imported here: importing keyring probes the system's backends

        chosen = backend if backend is not None else keyring.get_keyring()
        self._refuse_unsafe(chosen)
        self._backend = chosen

    @staticmethod
    def _refuse_unsafe(backend: object) -> None:
        name = _backend_name(backend)
        if name == "keyring.backends.chainer.ChainerBackend":
            inner = getattr(backend, "backends", [])
            if inner:
                for sub in inner:
                    OsKeyStore._refuse_unsafe(sub)
                return
            reason: str | None = "no key store is available on this system"
        elif name in _TRUSTED_BACKENDS:
            reason = None
        else:
            reason = _REFUSAL_REASONS.get(name, "the configured key store is not a system one")
        if reason is not None:
            raise KeyStoreError(
                f"Bedside cannot keep its cache key safe: {reason} ({name}). "
                "The encrypted cache stays closed. Ask IT to enable the system key store."
            )

    def _call(self, method: str, *args: str) -> str | None:
        try:
            result: str | None = getattr(self._backend, method)(KEYRING_SERVICE, *args)
        except Exception as exc:  # keyring raises many backend-specific errors
            raise KeyStoreError(
                f"The system key store failed ({type(exc).__name__}); the cache stays closed."
            ) from exc
        return result

    def get_key(self, name: str) -> bytes | None:
        value = self._call("get_password", name)
        if value is None:
            return None
        try:
            return bytes.fromhex(value)
        except ValueError as exc:
            raise KeyStoreError("The key in the system key store is damaged.") from exc

    def set_key(self, name: str, key: bytes) -> None:
        self._call("set_password", name, _check_secret(key).hex())

    def delete_key(self, name: str) -> None:
        import keyring.errors

        try:
            self._call("delete_password", name)
        except KeyStoreError as exc:
            if isinstance(exc.__cause__, keyring.errors.PasswordDeleteError):
                return
            raise


DEMO_KEY_FILENAME = "DEMO-ONLY-cache-key.hex"
DEMO_MARKER = ".bedside-demo-directory"
DEMO_MARKER_TEXT = "Made by Bedside for a demo or training; holds only synthetic data.\n"


def mark_demo_directory(path: Path) -> Path:
    """Make ``path`` a demo directory: it must be new, empty, or marked already.

    The marker is what allows key files at all: a directory someone pointed Bedside at by
    mistake (their documents, a real cache) is refused rather than filled with key files.
    """
    if path.exists() and any(path.iterdir()) and not (path / DEMO_MARKER).exists():
        raise KeyStoreError(
            f"{path} is not empty and is not a Bedside demo directory; "
            "choose an empty or new directory."
        )
    path.mkdir(parents=True, exist_ok=True)
    marker = path / DEMO_MARKER
    if not marker.exists():
        marker.write_text(DEMO_MARKER_TEXT, encoding="utf-8")
    return path


class DemoKeyFile:
    """The demo's key, in a clearly labelled file inside the demo's own directory.

    Only ``bedside demo`` builds one. It exists because a demo must run on machines with no key
    store (a CI runner, a laptop in a meeting room) — and it holds only synthetic patients.
    """

    def __init__(self, demo_dir: Path) -> None:
        self._dir = demo_dir

    def _path(self, name: str) -> Path:
        if not (self._dir / DEMO_MARKER).exists():
            # Fail closed: key files exist only in directories marked as holding synthetic data.
            raise KeyStoreError(
                f"{self._dir} is not a Bedside demo directory; demo key files are refused there."
            )
        safe = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in name)
        return self._dir / f"{safe}.{DEMO_KEY_FILENAME}"

    def get_key(self, name: str) -> bytes | None:
        path = self._path(name)
        if not path.exists():
            return None
        try:
            return bytes.fromhex(path.read_text(encoding="ascii").strip())
        except (OSError, ValueError) as exc:
            raise KeyStoreError(f"The demo key file {path.name} cannot be read.") from exc

    def set_key(self, name: str, key: bytes) -> None:
        path = self._path(name)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(_check_secret(key).hex() + "\n")

    def delete_key(self, name: str) -> None:
        self._path(name).unlink(missing_ok=True)
