"""``bedside sync --once`` and ``bedside enroll``: the device's wiring, from the command line.

For hospital IT (does this tablet reach the EHR? what is waiting?) and for tests (a real process
that can be killed at any moment). Both go through the same wiring as the window
(:func:`bedside.app.tablet.open_tablet`), and both refuse to guess: with no EHR configured they say
so and point to the demo, instead of silently syncing the sandbox.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

from bedside.app.device import EnrollmentError, enroll, key_store
from bedside.app.directory import store_bind_password
from bedside.app.tablet import open_tablet
from bedside.settings import CONFIG_ENV_VAR, Settings, SettingsError, default_config_file
from bedside.store import KeyStore, StoreError
from bedside.sync import CertificateError, SyncReport
from bedside.sync.auth import TokenEndpointRefusedError
from bedside.sync.tls import TlsConfigError

# Exit codes shared by every device command.
EXIT_OK, EXIT_FAILED, EXIT_NOT_SET_UP = 0, 1, 2
# The sync ran, but the EHR cut at least one search short: the data on the tablet is partial.
EXIT_INCOMPLETE = 3


def not_configured_sentence(settings: Settings) -> str:
    """One sentence for a device with no EHR configured, saying where to go from there."""
    if settings.config_file is not None:
        why = f"{settings.config_file} names no EHR (ehr.base_url)"
    else:
        why = (
            f"there is no settings file ({default_config_file()}, or one named by "
            f"{CONFIG_ENV_VAR} or --config)"
        )
    return (
        f"Bedside is not set up on this device: {why}. Run `bedside demo` to try it with "
        "invented patients on a built-in sandbox EHR; docs/settings.md says how to enroll a tablet."
    )


async def sync_device(
    settings: Settings, keys: KeyStore, data_dir: Path, *, reconcile_now: bool | None = None
) -> SyncReport:
    """One sync of the configured device's scope into its cache in ``data_dir``."""
    async with open_tablet(settings, keys, data_dir) as tablet:
        return await tablet.engine.sync_once(reconcile_now=reconcile_now)


def run_sync_once(
    settings_loader: Callable[[], Settings],
    *,
    demo_dir: Path | None,
    reconcile: bool,
    out: Callable[[str], None] = print,
) -> int:
    """The ``bedside sync --once`` command; returns the exit code (0 synced, 1 failed, 2 not set
    up or misconfigured — a certificate refused, a token endpoint refused —, 3 synced but the
    EHR sent only part of a search)."""
    try:
        settings = settings_loader()
        if settings.is_demo:
            out(f"bedside sync: {not_configured_sentence(settings)}")
            return EXIT_NOT_SET_UP
        keys = key_store(demo_dir)
        data_dir = demo_dir or settings.device.resolved_data_dir()
        report = asyncio.run(
            sync_device(settings, keys, data_dir, reconcile_now=True if reconcile else None)
        )
    except (SettingsError, EnrollmentError, StoreError, TlsConfigError) as exc:
        out(f"bedside sync: {exc}")
        return EXIT_NOT_SET_UP
    for line in report.lines():
        out(line)
    if isinstance(report.error, CertificateError | TokenEndpointRefusedError):
        # Not the network: the EHR's certificate (or TLS version), or a token endpoint the
        # credentials must not go to. Retrying cannot help until IT changes something.
        return EXIT_NOT_SET_UP
    if not report.ok:
        return EXIT_FAILED
    return EXIT_INCOMPLETE if report.incomplete else EXIT_OK


def run_enroll(
    settings_loader: Callable[[], Settings],
    *,
    demo_dir: Path | None,
    client_secret: str | None,
    directory_password: str | None = None,
    out: Callable[[str], None] = print,
) -> int:
    """The ``bedside enroll`` command: prints the public key IT registers with the EHR, and
    keeps the hospital directory's service-account password in the key store when given."""
    try:
        settings = settings_loader()
        keys = key_store(demo_dir)
        out(enroll(settings, keys, client_secret=client_secret))
        if directory_password is not None:
            if not directory_password:
                raise EnrollmentError("The directory password read from standard input is empty.")
            out(store_bind_password(settings, keys, directory_password))
    except (SettingsError, EnrollmentError, StoreError) as exc:
        out(f"bedside enroll: {exc}")
        return EXIT_NOT_SET_UP
    return EXIT_OK
