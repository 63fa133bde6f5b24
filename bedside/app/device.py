"""``bedside sync --once`` and ``bedside enroll``: the sync engine from the command line.

For hospital IT (does this tablet reach the EHR? what is waiting?) and for tests (a real process
that can be killed at any moment). Part of the composition root: it reads the settings, takes
secrets from the key store, and wires the store, the FHIR client and the engine.

* With an EHR configured (``ehr.base_url``), it syncs the device's scope against it. The device's
  secrets — its private signing key or its client secret — and the cache key come from the OS key
  store; with ``--demo-dir DIR`` they come from labelled files in a directory marked as holding
  synthetic data only (training rooms, CI), never from anywhere else.
* With nothing configured, it runs one sync against the embedded sandbox EHR into a fresh demo
  cache, so the command shows what it does on any machine.
"""

from __future__ import annotations

import asyncio
import json
import logging
import tempfile
from collections.abc import Callable
from contextlib import AsyncExitStack
from dataclasses import dataclass
from pathlib import Path

import httpx

from bedside.settings import Settings, SettingsError
from bedside.store import (
    DemoKeyFile,
    KeyStore,
    OsKeyStore,
    Store,
    StoreError,
    cache_path,
    key_name,
    mark_demo_directory,
)
from bedside.sync import (
    ClientSecret,
    FhirClient,
    PrivateKeyJwt,
    RetryPolicy,
    Scope,
    SyncEngine,
    SyncPolicy,
    SyncReport,
    TokenSource,
    new_device_key,
)
from bedside.sync.auth import Credentials
from bedside.sync.tls import TlsConfigError, ssl_context

log = logging.getLogger(__name__)


class EnrollmentError(Exception):
    """The device lacks what it needs to talk to the EHR (key, secret, settings)."""


def device_key_name(site_id: str) -> str:
    """Key store entry of the device's private signing key (a JWK, as JSON)."""
    return f"device-key:{site_id}"


def client_secret_name(site_id: str) -> str:
    """Key store entry of the device's client secret, for EHRs that use one."""
    return f"client-secret:{site_id}"


def key_store(demo_dir: Path | None) -> KeyStore:
    """The OS key store, or the labelled key files of a demo directory."""
    return OsKeyStore() if demo_dir is None else DemoKeyFile(mark_demo_directory(demo_dir))


@dataclass(frozen=True)
class Device:
    """Who this tablet is for the EHR, from the settings."""

    base_url: str
    client_id: str
    site_id: str
    scope: Scope


def device_of(settings: Settings) -> Device:
    ehr, device = settings.ehr, settings.device
    if ehr.base_url is None:
        raise EnrollmentError("No EHR is configured (ehr.base_url).")
    missing = [
        name
        for name, value in (
            ("ehr.client_id", ehr.client_id),
            ("device.site_id", device.site_id),
            ("device.scope", device.scope),
            ("device.location_id", device.location_id),
        )
        if not value
    ]
    if missing:
        raise EnrollmentError("This device is not fully configured: " + ", ".join(missing))
    return Device(
        base_url=str(ehr.base_url),
        client_id=str(ehr.client_id),
        site_id=str(device.site_id),
        scope=Scope("bed" if device.scope == "bed" else "ward", str(device.location_id)),
    )


def credentials(settings: Settings, device: Device, keys: KeyStore) -> Credentials:
    """The device's credentials from the key store (never from settings or files)."""
    method = settings.ehr.auth_method
    if method == "private_key_jwt":
        raw = keys.get_key(device_key_name(device.site_id))
        if raw is None:
            raise EnrollmentError(
                "This device has no signing key yet: run `bedside enroll` and have IT register "
                "the public key it prints with the EHR."
            )
        try:
            jwk = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as exc:
            raise EnrollmentError("The device's signing key in the key store is damaged.") from exc
        return PrivateKeyJwt(device.client_id, jwk)
    raw = keys.get_key(client_secret_name(device.site_id))
    if raw is None:
        raise EnrollmentError(
            "This device has no client secret in the key store: run "
            "`bedside enroll --client-secret-stdin`."
        )
    return ClientSecret(
        device.client_id,
        raw.decode("utf-8"),
        method="basic" if method == "client_secret_basic" else "post",
    )


def enroll(settings: Settings, keys: KeyStore, *, client_secret: str | None = None) -> str:
    """Create (once) the device's signing key, or store its client secret; return what IT needs.

    For ``private_key_jwt``, the public JWK (JSON) to register with the EHR; the private half
    never leaves the key store. Running it again prints the same public key.
    """
    site = settings.device.site_id
    if not site:
        raise EnrollmentError("Set device.site_id before enrolling the device.")
    if client_secret is not None:
        keys.set_key(client_secret_name(site), client_secret.encode("utf-8"))
        return "The client secret is stored in the key store."
    name = device_key_name(site)
    raw = keys.get_key(name)
    if raw is None:
        private = new_device_key()
        keys.set_key(name, json.dumps(private).encode("utf-8"))
    else:
        private = json.loads(raw.decode("utf-8"))
    public = PrivateKeyJwt(settings.ehr.client_id or "", private).public_jwk()
    return json.dumps({"keys": [public]}, indent=2)


def retry_policy(settings: Settings) -> RetryPolicy:
    return RetryPolicy(
        attempts=settings.sync.retry_attempts, max_retry_after_s=settings.sync.retry_max_wait_s
    )


def sync_policy(settings: Settings) -> SyncPolicy:
    s = settings.sync
    return SyncPolicy(
        pull_interval_s=s.pull_interval_s,
        push_delay_s=s.push_delay_s,
        reconcile_interval_s=s.reconcile_interval_s,
        offline_probe_s=s.offline_probe_s,
        page_size=s.page_size,
    )


def fhir_client(settings: Settings, device: Device, creds: Credentials) -> FhirClient:
    ehr = settings.ehr
    tokens = TokenSource(
        device.base_url,
        creds,
        scope=ehr.scopes,
        token_endpoint=None if ehr.token_endpoint is None else str(ehr.token_endpoint),
    )
    return FhirClient(
        device.base_url,
        tokens,
        timeout=httpx.Timeout(ehr.timeout_s, connect=ehr.connect_timeout_s),
        retry=retry_policy(settings),
        tls=ssl_context(ehr.ca_bundle),
    )


async def sync_configured(
    settings: Settings, keys: KeyStore, data_dir: Path, *, reconcile_now: bool | None = None
) -> SyncReport:
    """One sync of the configured device's scope into its cache in ``data_dir``."""
    device = device_of(settings)
    creds = credentials(settings, device, keys)
    async with AsyncExitStack() as stack:
        store = await Store.open(
            cache_path(data_dir, device.site_id), keys, key_name=key_name(device.site_id)
        )
        stack.push_async_callback(store.close)
        client = await stack.enter_async_context(fhir_client(settings, device, creds))
        engine = SyncEngine(store, client, device.scope, policy=sync_policy(settings))
        return await engine.sync_once(reconcile_now=reconcile_now)


async def sync_demo(data_dir: Path, *, seed: int = 2026) -> SyncReport:
    """One sync against the embedded sandbox EHR with a synthetic ward (nothing configured)."""
    from bedside.sandbox.runner import SandboxServer
    from bedside.sandbox.seed import generate_ward
    from bedside.sandbox.server import Sandbox

    sandbox = Sandbox()
    try:
        ward = generate_ward(seed=seed, now=sandbox.now())
        sandbox.load(ward.resources)
        device = PrivateKeyJwt("bedside-demo-tablet", new_device_key())
        scopes = "system/*.read system/*.write"
        sandbox.auth.register_jwk_client(device.client_id, {"keys": [device.public_jwk()]}, scopes)
        keys = DemoKeyFile(mark_demo_directory(data_dir))
        with SandboxServer(sandbox) as server:
            store = await Store.open(
                cache_path(data_dir, ward.site_id), keys, key_name=key_name(ward.site_id)
            )
            try:
                tokens = TokenSource(server.base_url, device, scope=scopes)
                async with FhirClient(server.base_url, tokens) as client:
                    engine = SyncEngine(store, client, Scope("ward", ward.ward_id))
                    return await engine.sync_once()
            finally:
                await store.close()
    finally:
        sandbox.close()


def run_sync_once(
    settings_loader: Callable[[], Settings],
    *,
    demo_dir: Path | None,
    reconcile: bool,
    out: Callable[[str], None] = print,
) -> int:
    """The ``bedside sync --once`` command; returns the exit code (0 synced, 1 failed, 2 setup)."""
    try:
        settings = settings_loader()
        if settings.is_demo:
            out("No EHR is configured: one sync against the embedded sandbox EHR (synthetic data).")
            with tempfile.TemporaryDirectory(prefix="bedside-sync-") as scratch:
                report = asyncio.run(sync_demo(demo_dir or Path(scratch) / "demo"))
        else:
            keys = key_store(demo_dir)
            data_dir = demo_dir or settings.device.resolved_data_dir()
            report = asyncio.run(
                sync_configured(settings, keys, data_dir, reconcile_now=True if reconcile else None)
            )
    except (SettingsError, EnrollmentError, StoreError, TlsConfigError) as exc:
        out(f"bedside sync: {exc}")
        return 2
    for line in report.lines():
        out(line)
    return 0 if report.ok else 1


def run_enroll(
    settings_loader: Callable[[], Settings],
    *,
    demo_dir: Path | None,
    client_secret: str | None,
    out: Callable[[str], None] = print,
) -> int:
    """The ``bedside enroll`` command: prints the public key IT registers with the EHR."""
    try:
        settings = settings_loader()
        out(enroll(settings, key_store(demo_dir), client_secret=client_secret))
    except (SettingsError, EnrollmentError, StoreError) as exc:
        out(f"bedside enroll: {exc}")
        return 2
    return 0
