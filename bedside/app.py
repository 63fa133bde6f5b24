"""The composition root: the one place that builds concrete objects and wires them together.

Today it knows one way to run: the demo — the embedded sandbox EHR with a synthetic ward, a
fresh encrypted cache (its key in a labelled demo key file inside the demo directory), the FHIR
client authenticating as an enrolled device with its own EC P-384 key, a full download of the
ward, and the ward list read back from the cache.
"""

from __future__ import annotations

import asyncio
import logging
import shutil
import sys
import tempfile
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

from bedside.sandbox.runner import SandboxServer
from bedside.sandbox.seed import SeedWard, generate_ward
from bedside.sandbox.server import Sandbox
from bedside.services.clock import system_clock
from bedside.services.ward import WardCensusService
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


def _qt_application() -> object:
    from PySide6.QtWidgets import QApplication

    from bedside.ui import style
    from bedside.ui.qt_log import route_qt_messages_to_logging

    route_qt_messages_to_logging()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Bedside")
    app.setStyleSheet(style.STYLE_SHEET)
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


async def _demo(
    server: SandboxServer, seed_ward: SeedWard, data_dir: Path, options: DemoOptions
) -> int:
    from bedside.ui.ward_list import WardListWindow

    device = PrivateKeyJwt(DEMO_CLIENT_ID, new_device_key())
    # The demo plays IT: it registers this device's public key with the EHR, as enrollment would.
    server.sandbox.auth.register_jwk_client(
        DEMO_CLIENT_ID, {"keys": [device.public_jwk()]}, DEMO_SCOPES.split()
    )
    scope = Scope("ward", seed_ward.ward_id)
    window = WardListWindow(system_clock().astimezone().date())
    window.show()

    keys = DemoKeyFile(data_dir)
    store: Store | None = None
    exit_code = 0
    base_url = server.base_url
    try:
        store = await Store.open(
            cache_path(data_dir, seed_ward.site_id), keys, key_name=key_name(seed_ward.site_id)
        )
        tokens = TokenSource(base_url, device, scope=DEMO_SCOPES)
        async with FhirClient(base_url, tokens) as client:
            engine = SyncEngine(store, client, scope, progress=window.show_progress)
            report = await engine.sync_once()
        if report.error is not None:
            raise report.error
        log.info("demo ward synced: %s", "; ".join(report.lines()))
        census = WardCensusService(
            store, scope_key=scope.key, hospital_number_system=seed_ward.identifier_system
        )
        view = await census.census(seed_ward.ward_id)
        log.info("ward list from the cache: %d of %d beds occupied", view.occupied, len(view.beds))
        window.show_census(view, system_clock().astimezone().date())
    except (StoreError, SyncError) as exc:
        log.error("demo failed: %s", exc)
        window.show_error(str(exc))
        exit_code = 1

    try:
        if options.screenshot_dir is not None:
            _screenshots(window, options.screenshot_dir)
        else:
            await _until_closed()
    finally:
        # Close the cache whatever happened above: its WAL is checkpointed and the thread ends.
        if store is not None:
            await store.close()
    return exit_code


def _screenshots(window: object, directory: Path) -> None:
    from bedside.ui.screenshots import save_window

    directory.mkdir(parents=True, exist_ok=True)
    for label, size in SCREEN_SIZES.items():
        path = save_window(window, directory / f"ward-list-{label}.png", size)
        log.info("wrote %s", path)


async def _until_closed() -> None:
    from PySide6.QtWidgets import QApplication

    closed = asyncio.Event()
    QApplication.instance().lastWindowClosed.connect(closed.set)  # type: ignore[union-attr]
    await closed.wait()
