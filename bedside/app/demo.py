"""The demo: the real wiring on top of the embedded sandbox EHR.

Today it knows one way to run: the demo — the embedded sandbox EHR with a synthetic ward, a
fresh encrypted cache (its key in a labelled demo key file inside the demo directory), the FHIR
client authenticating as an enrolled device with its own EC P-384 key, a full download of the
ward, and the nurse workspace on top of the cache: lock screen, ward board, chart. The sync engine
keeps running in the background while the window is open.
"""

from __future__ import annotations

import asyncio
import logging
import shutil
import sys
import tempfile
from collections.abc import AsyncIterator
from contextlib import ExitStack, asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from bedside.app.workspace import build_patient_workspace, build_workspace
from bedside.sandbox.runner import SandboxServer
from bedside.sandbox.seed import SeedWard, generate_ward
from bedside.sandbox.seed.codes import TIME_ZONE as SEED_TIME_ZONE
from bedside.sandbox.server import Sandbox
from bedside.services.ward import WardCensusService
from bedside.services.workspace import NurseWorkspace
from bedside.settings import Settings
from bedside.store import (
    DemoKeyFile,
    KeyStoreError,
    Store,
    StoreError,
    cache_path,
    key_name,
    mark_demo_directory,
)
from bedside.sync import (
    FhirClient,
    PrivateKeyJwt,
    Scope,
    SyncEngine,
    SyncError,
    TokenSource,
    new_device_key,
)

if TYPE_CHECKING:  # Qt is imported only when a window opens (the CLI's sync needs none)
    from bedside.ui.i18n import Translations

log = logging.getLogger(__name__)

DEMO_CLIENT_ID = "bedside-demo-tablet"
# The synthetic ward lives in the seed's time zone, whatever this machine's is.
DEMO_SETTINGS = Settings.model_validate({"device": {"time_zone": SEED_TIME_ZONE}})
DEMO_SCOPES = "system/*.read system/*.write"
SCREEN_SIZES = {"1280x800": (1280, 800), "1920x1200": (1920, 1200), "800x1280": (800, 1280)}


@dataclass(frozen=True)
class DemoOptions:
    """What ``bedside demo`` was asked to do."""

    screenshot_dir: Path | None = None
    data_dir: Path | None = None
    seed: int = 2026
    scale: int = 1
    language: str = "en"
    # A bed tablet in patient mode: a bed number of the seed's first ward ("1" = first bed), or
    # "demo" for a bed whose patient has a food allergy. None: the nurse tablet.
    bed: str | None = None


def _qt_application() -> object:
    from PySide6.QtWidgets import QApplication

    from bedside.ui import style
    from bedside.ui.gui_gc import collect_garbage_on_the_gui_thread
    from bedside.ui.qt_log import route_qt_messages_to_logging

    route_qt_messages_to_logging()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Bedside")
    app.setStyleSheet(style.STYLE_SHEET)
    # Closing the window must not stop the loop under the demo's feet: it still has to stop the
    # sync engine and close the cache (``_until_closed`` waits for the last window instead).
    app.setQuitOnLastWindowClosed(False)
    collect_garbage_on_the_gui_thread()
    return app


def run_demo(options: DemoOptions) -> int:
    """Start the sandbox and the app on one qasync loop; return the process exit code."""
    import qasync

    from bedside.runtime import settle_heap

    app = _qt_application()
    settle_heap()  # everything alive now lives as long as the app: keep full GC passes short
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with ExitStack() as stack:
        if options.data_dir is None:
            scratch = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bedside-")))
            data_dir = mark_demo_directory(scratch / "demo")
        else:
            data_dir = _fresh_demo_dir(options.data_dir)
        log.info("starting the sandbox EHR (seed %d, scale %d)", options.seed, options.scale)
        sandbox = Sandbox()
        stack.callback(sandbox.close)
        ward = generate_ward(seed=options.seed, scale=options.scale, now=sandbox.now())
        sandbox.load(ward.resources)
        server = stack.enter_context(SandboxServer(sandbox))
        with loop:
            exit_code: int = loop.run_until_complete(_demo(server, ward, data_dir, options))
    return exit_code


def _fresh_demo_dir(path: Path) -> Path:
    """Empty a directory a demo made before; refuse any other non-empty directory.

    "A fresh demo cache" means the demo never reuses an earlier demo's cache or key — but it must
    never delete a directory someone pointed it at by mistake.
    """
    try:
        mark_demo_directory(path)
    except KeyStoreError as exc:
        raise SystemExit(str(exc)) from exc
    shutil.rmtree(path)
    return mark_demo_directory(path)


@dataclass
class _Tablet:
    """One demo tablet: its cache, its EHR client, its sync engine and its services."""

    store: Store
    client: FhirClient
    engine: SyncEngine
    workspace: NurseWorkspace


@asynccontextmanager
async def _demo_tablet(
    server: SandboxServer,
    seed_ward: SeedWard,
    device: PrivateKeyJwt,
    directory: Path,
    scope: Scope,
    demo_credentials: tuple[str, str] | None,
) -> AsyncIterator[_Tablet]:
    """Open a demo cache in ``directory``, sync ``scope`` into it once, and yield the tablet."""
    keys = DemoKeyFile(directory)
    store = await Store.open(
        cache_path(directory, seed_ward.site_id), keys, key_name=key_name(seed_ward.site_id)
    )
    try:
        tokens = TokenSource(server.base_url, device, scope=DEMO_SCOPES)
        async with FhirClient(server.base_url, tokens) as client:
            engine = SyncEngine(store, client, scope)
            workspace = build_workspace(
                store,
                engine,
                client,
                # The synthetic ward lives in the seed's time zone, whatever this machine's is.
                DEMO_SETTINGS,
                ward_id=seed_ward.ward_id,
                site_id=seed_ward.site_id,
                device_id=DEMO_CLIENT_ID,
                hospital_number_system=seed_ward.identifier_system,
                demo_credentials=demo_credentials,
            )
            report = await engine.sync_once()
            if report.error is not None:
                raise report.error
            log.info("demo %s synced: %s", scope.kind, "; ".join(report.lines()))
            try:
                yield _Tablet(store, client, engine, workspace)
            finally:
                # Pushes the screens started end before the client and the cache close.
                await engine.stop()
    finally:
        # Close the cache whatever happened above: its WAL is checkpointed and the thread ends.
        await store.close()


async def _demo(
    server: SandboxServer, seed_ward: SeedWard, data_dir: Path, options: DemoOptions
) -> int:
    from bedside.ui.i18n import Translations

    device = PrivateKeyJwt(DEMO_CLIENT_ID, new_device_key())
    # The demo plays IT: it registers this device's public key with the EHR, as enrollment would.
    server.sandbox.auth.register_jwk_client(
        DEMO_CLIENT_ID, {"keys": [device.public_jwk()]}, DEMO_SCOPES.split()
    )
    nurse = next(c for c in seed_ward.staff_credentials if c.role == "nurse")
    credentials = (nurse.badge, nurse.pin)
    translations = Translations()
    translations.switch(options.language)
    try:
        if options.bed is not None:
            bed_id = demo_beds(seed_ward).get(options.bed) or _bed_by_number(seed_ward, options.bed)
            async with _demo_tablet(
                server, seed_ward, device, data_dir, Scope("bed", bed_id), credentials
            ) as tablet:
                await _run_bed_tablet(tablet, bed_id, translations)
            return 0
        async with _demo_tablet(
            server, seed_ward, device, data_dir, Scope("ward", seed_ward.ward_id), credentials
        ) as tablet:
            await _run_nurse_tablet(tablet, seed_ward, translations, options, credentials)
        if options.screenshot_dir is not None:
            await _patient_screenshots(server, seed_ward, device, data_dir, options, translations)
    except (StoreError, SyncError) as exc:
        log.error("demo failed: %s", exc)
        return 1
    return 0


async def _run_nurse_tablet(
    tablet: _Tablet,
    seed_ward: SeedWard,
    translations: Translations,
    options: DemoOptions,
    credentials: tuple[str, str],
) -> None:
    from bedside.ui.shell import StaffWindow

    window = StaffWindow(tablet.workspace, translations)
    window.show()
    census = await WardCensusService(
        tablet.store,
        scope_key=tablet.engine.scope.key,
        hospital_number_system=seed_ward.identifier_system,
    ).census(seed_ward.ward_id)
    log.info("ward board from the cache: %d of %d beds occupied", census.occupied, len(census.beds))
    try:
        if options.screenshot_dir is not None:
            from bedside.ui.screenshots import render_staff_screens

            written = await render_staff_screens(
                window, options.screenshot_dir, SCREEN_SIZES, credentials
            )
            log.info("wrote %d screenshots to %s", len(written), options.screenshot_dir)
        else:
            tablet.engine.start()
            await _until_closed()
    finally:
        from bedside.services.session import LockReason
        from bedside.ui import ops

        window.lock(LockReason.USER)  # empties every view and stops their timers
        window.close()
        await ops.drain()  # nothing of this tablet still reads its cache once it closes


async def _run_bed_tablet(tablet: _Tablet, bed_id: str, translations: Translations) -> None:
    from bedside.ui.patient.window import PatientWindow

    workspace = build_patient_workspace(
        tablet.workspace, tablet.store, DEMO_SETTINGS, bed_id=bed_id
    )
    # The demo runs in an ordinary window: a real bed tablet is full screen in the OS kiosk.
    window = PatientWindow(workspace, translations, kiosk=False)
    window.show()
    tablet.engine.start()
    try:
        await _until_closed()
    finally:
        window.shut_down()


def demo_beds(seed_ward: SeedWard) -> dict[str, str]:
    """Beds of the seed's first ward worth showing: ``demo`` (a food allergy), ``nil-by-mouth``
    (surgery tomorrow) and ``free``. Read from the seed's resources, as a demo script would."""
    bed_of: dict[str, str] = {}
    for resource in seed_ward.resources:
        if resource.get("resourceType") != "Encounter" or resource.get("status") not in (
            "arrived",
            "in-progress",
        ):
            continue
        patient = str(resource.get("subject", {}).get("reference", "")).removeprefix("Patient/")
        for place in resource.get("location") or ():
            target = str(place.get("location", {}).get("reference", "")).removeprefix("Location/")
            if target in seed_ward.bed_ids:
                bed_of[patient] = target
    food_allergy: list[str] = []
    fasting: list[str] = []
    for resource in seed_ward.resources:
        patient = str(resource.get("patient", {}).get("reference", "")).removeprefix("Patient/")
        if patient not in bed_of:
            continue
        kind = resource.get("resourceType")
        if kind == "AllergyIntolerance" and "food" in (resource.get("category") or ()):
            food_allergy.append(bed_of[patient])
        elif kind == "NutritionOrder" and any(
            coding.get("code") == "npo"
            for concept in (resource.get("oralDiet") or {}).get("type") or ()
            for coding in concept.get("coding") or ()
        ):
            fasting.append(bed_of[patient])
    order = {bed: index for index, bed in enumerate(seed_ward.bed_ids)}
    beds: dict[str, str] = {}
    if food_allergy:
        beds["demo"] = min(food_allergy, key=order.__getitem__)
    if fasting:
        beds["nil-by-mouth"] = min(fasting, key=order.__getitem__)
    occupied = set(bed_of.values())
    free = [bed for bed in seed_ward.bed_ids if bed not in occupied]
    if free:
        beds["free"] = free[0]
    return beds


def _bed_by_number(seed_ward: SeedWard, number: str) -> str:
    if not number.isdigit() or not 1 <= int(number) <= len(seed_ward.bed_ids):
        raise SystemExit(
            f"--bed takes a bed number from 1 to {len(seed_ward.bed_ids)} of the demo ward"
        )
    return seed_ward.bed_ids[int(number) - 1]


async def _patient_screenshots(
    server: SandboxServer,
    seed_ward: SeedWard,
    device: PrivateKeyJwt,
    data_dir: Path,
    options: DemoOptions,
    translations: Translations,
) -> None:
    """Patient mode on three bed tablets: a food allergy, nil by mouth, a free bed."""
    from bedside.ui import ops
    from bedside.ui.patient.window import PatientWindow
    from bedside.ui.screenshots import render_patient_screens

    assert options.screenshot_dir is not None
    for role, bed_id in demo_beds(seed_ward).items():
        directory = mark_demo_directory(data_dir / f"bed-{role}")
        async with _demo_tablet(
            server, seed_ward, device, directory, Scope("bed", bed_id), None
        ) as tablet:
            workspace = build_patient_workspace(
                tablet.workspace, tablet.store, DEMO_SETTINGS, bed_id=bed_id
            )
            window = PatientWindow(workspace, translations, kiosk=False)
            try:
                written = await render_patient_screens(
                    window, options.screenshot_dir, SCREEN_SIZES, role
                )
                log.info("wrote %d patient-mode screenshots (%s)", len(written), role)
            finally:
                window.shut_down()
                await ops.drain()


async def _until_closed() -> None:
    from PySide6.QtWidgets import QApplication

    closed = asyncio.Event()
    QApplication.instance().lastWindowClosed.connect(closed.set)  # type: ignore[union-attr]
    await closed.wait()
