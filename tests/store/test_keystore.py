"""Key stores: the OS key store is used only when it is a real one; the demo key is labelled."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from bedside.store import DemoKeyFile, KeyStoreError, OsKeyStore, mark_demo_directory


class _Backend:
    """A stand-in keyring backend (the key store is a seam; no OS key store on CI).

    It poses as the Secret Service backend, because only system key stores are trusted.
    """

    def __init__(self) -> None:
        self.saved: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, name: str) -> str | None:
        return self.saved.get((service, name))

    def set_password(self, service: str, name: str, value: str) -> None:
        self.saved[(service, name)] = value

    def delete_password(self, service: str, name: str) -> None:
        import keyring.errors

        if (service, name) not in self.saved:
            raise keyring.errors.PasswordDeleteError(name)
        del self.saved[(service, name)]


def test_the_fail_and_null_keyring_backends_are_refused_with_a_clear_message() -> None:
    import keyring.backends.fail
    import keyring.backends.null

    for backend in (keyring.backends.fail.Keyring(), keyring.backends.null.Keyring()):
        with pytest.raises(KeyStoreError, match="cannot keep its cache key safe"):
            OsKeyStore(backend)


def test_a_chain_with_no_real_backend_is_refused() -> None:
    from keyring.backends.chainer import ChainerBackend

    chain = ChainerBackend()
    if chain.backends:
        pytest.skip("this machine has a real key store in the chain")
    with pytest.raises(KeyStoreError, match="no key store"):
        OsKeyStore(chain)


def test_the_plaintext_file_backend_is_refused_by_name() -> None:
    plaintext = type("PlaintextKeyring", (), {"__module__": "keyrings.alt.file"})()
    with pytest.raises(KeyStoreError, match="plain text"):
        OsKeyStore(plaintext)


def _posing_as_secret_service(cls: type) -> type:
    cls.__module__ = "keyring.backends.SecretService"
    cls.__qualname__ = "Keyring"
    return cls


_posing_as_secret_service(_Backend)


def test_an_unknown_or_file_based_backend_is_refused() -> None:
    for module, name in [
        ("keyrings.alt.pyfs", "PlaintextKeyring"),
        ("keyrings.cryptfile.cryptfile", "CryptFileKeyring"),
    ]:
        backend = type(name, (), {"__module__": module})()
        with pytest.raises(KeyStoreError, match="not a system one"):
            OsKeyStore(backend)


def test_a_real_backend_stores_and_returns_the_key_as_hex() -> None:
    backend = _Backend()
    store = OsKeyStore(backend)
    store.set_key("cache-key:s", b"\xab" * 32)
    assert backend.saved[("bedside", "cache-key:s")] == "ab" * 32
    assert store.get_key("cache-key:s") == b"\xab" * 32
    store.delete_key("cache-key:s")
    store.delete_key("cache-key:s")  # deleting twice is not an error
    assert store.get_key("cache-key:s") is None


def test_a_backend_failure_becomes_a_key_store_error() -> None:
    @_posing_as_secret_service
    class Broken(_Backend):
        def get_password(self, service: str, name: str) -> str | None:
            raise RuntimeError("dbus went away")

    with pytest.raises(KeyStoreError, match="failed"):
        OsKeyStore(Broken()).get_key("x")


def test_the_demo_key_file_is_labelled_and_readable_only_by_its_owner(tmp_path: Path) -> None:
    keys = DemoKeyFile(mark_demo_directory(tmp_path))
    keys.set_key("cache-key:demo", b"\x05" * 32)
    [path] = [p for p in tmp_path.iterdir() if not p.name.startswith(".")]
    assert "DEMO-ONLY" in path.name
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert keys.get_key("cache-key:demo") == b"\x05" * 32


def test_demo_key_files_are_refused_outside_a_marked_demo_directory(tmp_path: Path) -> None:
    with pytest.raises(KeyStoreError, match="not a Bedside demo directory"):
        DemoKeyFile(tmp_path).set_key("cache-key:demo", b"\x05" * 32)
    assert list(tmp_path.iterdir()) == []


def test_a_non_empty_unmarked_directory_is_never_made_a_demo_directory(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("someone's file")
    with pytest.raises(KeyStoreError, match="not empty"):
        mark_demo_directory(tmp_path)
