"""Who this device is for its EHR: identity from the settings, secrets from the key store.

Owns reading the device's identity (EHR address, client id, site, scope) from the settings, its
credentials — the private signing key or the client secret — from the key store (the OS key
store; or, for a training room or a test, the labelled key files of a directory marked as holding
synthetic data only), enrollment (creating the signing key and printing its public half for IT),
and the FHIR client and sync policy the settings describe.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path

import httpx

from bedside.settings import Settings
from bedside.store import (
    DemoKeyFile,
    KeyStore,
    OsKeyStore,
    mark_demo_directory,
)
from bedside.sync import (
    ClientSecret,
    FhirClient,
    PrivateKeyJwt,
    RetryPolicy,
    Scope,
    SyncPolicy,
    TokenSource,
    new_device_key,
)
from bedside.sync.auth import Credentials
from bedside.sync.tls import ssl_context

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
