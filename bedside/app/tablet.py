"""One tablet, opened: settings → key store → cache → FHIR client → sync engine → services.

Owns the order in which a device's objects are built and closed, for every way Bedside runs: the
window (`bedside`, `bedside demo`), `bedside sync --once` and the benchmarks. Opening fails closed —
no usable key store or no device credentials, no cache — and closing always stops the engine
before the client and closes the cache last, whatever happened in between.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from bedside.app.device import Device, credentials, device_of, fhir_client, sync_policy
from bedside.app.workspace import build_patient_workspace, build_workspace
from bedside.services.clock import Clock, system_clock
from bedside.services.first_run import FirstRun
from bedside.services.workspace import NurseWorkspace, PatientWorkspace
from bedside.settings import Settings
from bedside.store import KeyStore, Store, cache_path, key_name
from bedside.sync import SyncEngine


@dataclass
class Tablet:
    """A device's open cache, its EHR client, its sync engine and the services on top."""

    device: Device
    store: Store
    engine: SyncEngine
    workspace: NurseWorkspace
    # A bed tablet's patient mode (None on a ward tablet).
    patient: PatientWorkspace | None
    # The first full pull of an empty cache, followed on the first-run screen.
    first_run: FirstRun


@asynccontextmanager
async def open_tablet(
    settings: Settings,
    keys: KeyStore,
    data_dir: Path,
    *,
    demo_credentials: tuple[str, str] | None = None,
    clock: Clock = system_clock,
) -> AsyncIterator[Tablet]:
    """Open the configured device's cache in ``data_dir`` and wire everything on top of it.

    Raises :class:`~bedside.app.device.EnrollmentError` when the device lacks its settings or
    credentials, and the store's errors when the cache cannot be opened. The engine is built but
    not started: the caller decides between one sync (``sync --once``) and running in the
    background (the window).
    """
    device = device_of(settings)
    # The key store may block (D-Bus, Windows Credential Manager): never on the GUI thread.
    creds = await asyncio.to_thread(credentials, settings, device, keys)
    store = await Store.open(
        cache_path(data_dir, device.site_id), keys, key_name=key_name(device.site_id)
    )
    try:
        async with fhir_client(settings, device, creds) as client:
            engine = SyncEngine(store, client, device.scope, policy=sync_policy(settings))
            workspace = build_workspace(
                store,
                engine,
                client,
                settings,
                ward_id=device.scope.location_id,
                site_id=device.site_id,
                device_id=device.client_id,
                hospital_number_system=settings.device.hospital_number_system,
                demo_credentials=demo_credentials,
                keys=keys,
                clock=clock,
            )
            patient = (
                build_patient_workspace(workspace, store, settings, bed_id=device.scope.location_id)
                if device.scope.kind == "bed"
                else None
            )
            try:
                first_run = FirstRun(engine, store, clock=clock)
                yield Tablet(device, store, engine, workspace, patient, first_run)
            finally:
                # Stops the background loop and any push in flight before the client closes.
                await engine.stop()
    finally:
        # Whatever happened above: checkpoint the WAL and end the database thread.
        await store.close()
