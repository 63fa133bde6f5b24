"""The composition root: the one place that builds concrete objects and wires them together.

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
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from bedside.sandbox.runner import SandboxServer
from bedside.sandbox.seed import SeedWard, generate_ward
from bedside.sandbox.seed.codes import TIME_ZONE as SEED_TIME_ZONE
from bedside.sandbox.server import Sandbox
from bedside.services.appointments import AppointmentService
from bedside.services.board import BoardService
from bedside.services.chart import ChartService
from bedside.services.clock import Clock, system_clock
from bedside.services.medications import DoseRules, MedicationService
from bedside.services.recording import Recorder
from bedside.services.results import ResultsService
from bedside.services.session import StaffSessions
from bedside.services.sync_review import SyncReview
from bedside.services.vitals import VitalsService
from bedside.services.ward import WardCensusService
from bedside.services.workspace import NurseWorkspace
from bedside.settings import Settings, parse_time_table
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
    StaffDirectory,
    SyncEngine,
    SyncError,
    TokenSource,
    new_device_key,
)

log = logging.getLogger(__name__)

DEMO_CLIENT_ID = "bedside-demo-tablet"
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


def build_workspace(
    store: Store,
    engine: SyncEngine,
    client: FhirClient,
    settings: Settings,
    *,
    ward_id: str,
    site_id: str,
    device_id: str,
    hospital_number_system: str | None,
    demo_credentials: tuple[str, str] | None = None,
    clock: Clock = system_clock,
) -> NurseWorkspace:
    """Every service of the nurse workspace, wired to one cache, one engine and one EHR."""
    zone = settings.device.zone()
    recorder = Recorder(store, site_id, clock=clock, written=engine.local_write_done)
    census = WardCensusService(
        store,
        scope_key=engine.scope.key,
        hospital_number_system=hospital_number_system,
        clock=clock,
    )
    chart = ChartService(store, hospital_number_system=hospital_number_system, clock=clock, tz=zone)
    vitals = VitalsService(store, recorder, clock=clock, tz=zone)
    results = ResultsService(store, recorder, clock=clock, tz=zone)
    medication = settings.medication
    rules = DoseRules.from_tables(
        parse_time_table(medication.when_times),
        parse_time_table(medication.daily_times),
        medication.time_critical_atc,
        medication.missed_after_min,
    )
    medications = MedicationService(store, rules, clock=clock, tz=zone)
    staff = settings.staff
    return NurseWorkspace(
        ward_id=ward_id,
        board=BoardService(census, chart, vitals, medications, results, clock=clock, tz=zone),
        chart=chart,
        vitals=vitals,
        results=results,
        medications=medications,
        appointments=AppointmentService(store, clock=clock, tz=zone),
        sessions=StaffSessions(
            store,
            StaffDirectory(client),
            recorder,
            clock=clock,
            offline_window=timedelta(hours=staff.offline_signin_h),
            max_attempts=staff.pin_attempts,
            lockout=timedelta(minutes=staff.lockout_min),
            device_id=device_id,
        ),
        sync=SyncReview(engine, store),
        tz=zone,
        clock=clock,
        idle_lock_s=staff.idle_lock_s,
        demo_credentials=demo_credentials,
    )


async def _demo(
    server: SandboxServer, seed_ward: SeedWard, data_dir: Path, options: DemoOptions
) -> int:
    from bedside.ui.i18n import Translations
    from bedside.ui.shell import StaffWindow

    device = PrivateKeyJwt(DEMO_CLIENT_ID, new_device_key())
    # The demo plays IT: it registers this device's public key with the EHR, as enrollment would.
    server.sandbox.auth.register_jwk_client(
        DEMO_CLIENT_ID, {"keys": [device.public_jwk()]}, DEMO_SCOPES.split()
    )
    scope = Scope("ward", seed_ward.ward_id)
    nurse = next(c for c in seed_ward.staff_credentials if c.role == "nurse")
    translations = Translations()
    translations.switch(options.language)
    keys = DemoKeyFile(data_dir)
    base_url = server.base_url
    try:
        store = await Store.open(
            cache_path(data_dir, seed_ward.site_id), keys, key_name=key_name(seed_ward.site_id)
        )
    except StoreError as exc:
        log.error("demo failed: %s", exc)
        return 1
    try:
        tokens = TokenSource(base_url, device, scope=DEMO_SCOPES)
        async with FhirClient(base_url, tokens) as client:
            engine = SyncEngine(store, client, scope)
            workspace = build_workspace(
                store,
                engine,
                client,
                # The synthetic ward lives in the seed's time zone, whatever this machine's is.
                Settings.model_validate({"device": {"time_zone": SEED_TIME_ZONE}}),
                ward_id=seed_ward.ward_id,
                site_id=seed_ward.site_id,
                device_id=DEMO_CLIENT_ID,
                hospital_number_system=seed_ward.identifier_system,
                demo_credentials=(nurse.badge, nurse.pin),
            )
            window = StaffWindow(workspace, translations)
            window.show()
            report = await engine.sync_once()
            if report.error is not None:
                raise report.error
            log.info("demo ward synced: %s", "; ".join(report.lines()))
            census = await WardCensusService(
                store, scope_key=scope.key, hospital_number_system=seed_ward.identifier_system
            ).census(seed_ward.ward_id)
            log.info(
                "ward board from the cache: %d of %d beds occupied",
                census.occupied,
                len(census.beds),
            )
            try:
                if options.screenshot_dir is not None:
                    from bedside.ui.screenshots import render_staff_screens

                    written = await render_staff_screens(
                        window, options.screenshot_dir, SCREEN_SIZES, (nurse.badge, nurse.pin)
                    )
                    log.info("wrote %d screenshots to %s", len(written), options.screenshot_dir)
                else:
                    engine.start()
                    await _until_closed()
            finally:
                # Pushes the screens started end before the client and the cache close.
                await engine.stop()
                window.close()
    except (StoreError, SyncError) as exc:
        log.error("demo failed: %s", exc)
        return 1
    finally:
        # Close the cache whatever happened above: its WAL is checkpointed and the thread ends.
        await store.close()
    return 0


async def _until_closed() -> None:
    from PySide6.QtWidgets import QApplication

    closed = asyncio.Event()
    QApplication.instance().lastWindowClosed.connect(closed.set)  # type: ignore[union-attr]
    await closed.wait()
