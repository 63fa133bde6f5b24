"""``bedside demo``: the real app on the embedded sandbox EHR with a synthetic ward.

The demo is one configuration of the real wiring, not a second copy of it: it starts the sandbox
EHR on loopback with a synthetic ward (only invented patients), writes the settings an IT
department would write for that EHR, enrolls the tablet like IT would (its own EC P-384 key in a
labelled key file of a demo directory, the public half registered with the sandbox), and then runs
exactly what ``bedside`` runs on an enrolled tablet (:func:`bedside.app.gui.run_windowed`): the
first-run download into a fresh encrypted cache, then the nurse workspace — or, with ``--bed``,
patient mode. ``--screenshot DIR`` renders every screen to PNG files instead and exits.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bedside.app.commands import EXIT_FAILED, EXIT_NOT_SET_UP, EXIT_OK
from bedside.app.device import EnrollmentError, enroll
from bedside.app.gui import (
    WindowOptions,
    close_main_window,
    open_main_window,
    run_in_qt,
    run_windowed,
    translations_for,
)
from bedside.app.tablet import Tablet, open_tablet
from bedside.sandbox.runner import SandboxServer
from bedside.sandbox.seed import SeedWard, generate_ward
from bedside.sandbox.seed.codes import TIME_ZONE as SEED_TIME_ZONE
from bedside.sandbox.server import Sandbox
from bedside.settings import Settings
from bedside.store import DemoKeyFile, KeyStoreError, StoreError, mark_demo_directory
from bedside.sync import SyncError

if TYPE_CHECKING:
    from bedside.ui.i18n import Translations

log = logging.getLogger(__name__)

DEMO_CLIENT_ID = "bedside-demo-tablet"
DEMO_SCOPES = "system/*.read system/*.write"
FIRST_PULL_LIMIT_S = 120
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


def demo_settings(
    base_url: str, seed_ward: SeedWard, *, kind: str, location_id: str, client_id: str
) -> Settings:
    """The settings IT would deploy for a tablet of the synthetic ward on the sandbox EHR."""
    return Settings.model_validate(
        {
            "ehr": {"base_url": base_url, "client_id": client_id, "scopes": DEMO_SCOPES},
            "device": {
                "site_id": seed_ward.site_id,
                "scope": kind,
                "location_id": location_id,
                "hospital_number_system": seed_ward.identifier_system,
                # The synthetic ward lives in the seed's time zone, whatever this machine's is.
                "time_zone": SEED_TIME_ZONE,
            },
        }
    )


def enroll_demo_tablet(settings: Settings, sandbox: Sandbox, directory: Path) -> DemoKeyFile:
    """Enroll a demo tablet as IT would: its key in ``directory``, the public half on the EHR."""
    keys = DemoKeyFile(mark_demo_directory(directory))
    public = json.loads(enroll(settings, keys))
    client_id = str(settings.ehr.client_id)
    sandbox.auth.register_jwk_client(client_id, public, DEMO_SCOPES.split())
    return keys


@contextlib.contextmanager
def running_sandbox(seed: int, scale: int) -> Iterator[tuple[SandboxServer, SeedWard]]:
    """The sandbox EHR on loopback, loaded with a synthetic ward; stopped and closed on exit."""
    log.info("sandbox_starting seed=%d scale=%d", seed, scale)
    sandbox = Sandbox()
    try:
        ward = generate_ward(seed=seed, scale=scale, now=sandbox.now())
        sandbox.load(ward.resources)
        with SandboxServer(sandbox) as server:
            yield server, ward
    finally:
        sandbox.close()


def run_demo(options: DemoOptions) -> int:
    """The demo as a process: sandbox, enrolled demo tablet, the real app; its exit code."""
    with ExitStack() as stack:
        try:
            if options.data_dir is None:
                scratch = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bedside-")))
                data_dir = mark_demo_directory(scratch / "demo")
            else:
                data_dir = _fresh_demo_dir(options.data_dir)
        except KeyStoreError as exc:
            print(f"bedside demo: {exc}", file=sys.stderr)
            return EXIT_NOT_SET_UP
        server, ward = stack.enter_context(running_sandbox(options.seed, options.scale))
        nurse = next(c for c in ward.staff_credentials if c.role == "nurse")
        credentials = (nurse.badge, nurse.pin)
        if options.screenshot_dir is not None:
            screenshot_dir = options.screenshot_dir
            return run_in_qt(lambda: _screenshots(server, ward, data_dir, screenshot_dir, options))
        try:
            if options.bed is None:
                kind, location_id = "ward", ward.ward_id
            else:
                kind = "bed"
                location_id = demo_beds(ward).get(options.bed) or _bed_by_number(ward, options.bed)
            settings = demo_settings(
                server.base_url, ward, kind=kind, location_id=location_id, client_id=DEMO_CLIENT_ID
            )
            keys = enroll_demo_tablet(settings, server.sandbox, data_dir)
        except EnrollmentError as exc:
            print(f"bedside demo: {exc}", file=sys.stderr)
            return EXIT_NOT_SET_UP
        # An ordinary window on a developer's desktop; a real tablet fills its screen.
        window = WindowOptions(
            language=options.language, full_screen=False, demo_credentials=credentials
        )
        return run_windowed(settings, keys, data_dir, window)
    return EXIT_OK  # pragma: no cover - every path above returns inside the stack


async def _first_run_screenshots(
    tablet: Tablet, translations: Translations, directory: Path
) -> list[Path]:
    """Pull the ward through the first-run screen, then render its moments with the ward's name."""
    from bedside.ui.first_run import FirstRunScreen
    from bedside.ui.screenshots import render_first_run_screens

    screen = FirstRunScreen(tablet.first_run)
    landed = asyncio.Event()
    screen.ready.connect(landed.set)
    screen.resize(*SCREEN_SIZES["1280x800"])
    screen.show()
    screen.start()
    try:
        # The first run retries for ever; a demo that cannot reach its own sandbox should not.
        await asyncio.wait_for(landed.wait(), FIRST_PULL_LIMIT_S)
        return render_first_run_screens(screen, translations, directory, SCREEN_SIZES)
    except TimeoutError as exc:
        raise SyncError("the demo's first pull did not land") from exc
    finally:
        screen.stop()
        await screen.finished()
        screen.close()
        screen.deleteLater()


def _fresh_demo_dir(path: Path) -> Path:
    """Empty a directory a demo made before; refuse any other non-empty directory.

    "A fresh demo cache" means the demo never reuses an earlier demo's cache or key — but it must
    never delete a directory someone pointed it at by mistake.
    """
    mark_demo_directory(path)  # KeyStoreError for a directory that is not a demo's
    shutil.rmtree(path)
    return mark_demo_directory(path)


async def _screenshots(
    server: SandboxServer, ward: SeedWard, data_dir: Path, directory: Path, options: DemoOptions
) -> int:
    """Every staff screen, then patient mode on three bed tablets, in three languages."""
    from bedside.ui import ops
    from bedside.ui.screenshots import render_patient_screens, render_staff_screens

    nurse = next(c for c in ward.staff_credentials if c.role == "nurse")
    credentials = (nurse.badge, nurse.pin)
    tablets: list[tuple[str, str, str]] = [("ward", ward.ward_id, "ward")]
    tablets += [(f"bed-{role}", bed_id, role) for role, bed_id in demo_beds(ward).items()]
    for name, location_id, role in tablets:
        kind = "ward" if name == "ward" else "bed"
        settings = demo_settings(
            server.base_url,
            ward,
            kind=kind,
            location_id=location_id,
            client_id=f"{DEMO_CLIENT_ID}-{name}",
        )
        tablet_dir = data_dir / name
        keys = enroll_demo_tablet(settings, server.sandbox, tablet_dir)
        window_options = WindowOptions(
            language=options.language, full_screen=False, demo_credentials=credentials
        )
        try:
            async with open_tablet(
                settings, keys, tablet_dir, demo_credentials=credentials
            ) as tablet:
                translations = translations_for(options.language)
                if kind == "ward":
                    # The first pull through the first-run screen, as on a new tablet.
                    written = await _first_run_screenshots(tablet, translations, directory)
                    log.info("screenshots_written tablet=first-run count=%d", len(written))
                else:
                    report = await tablet.engine.sync_once()
                    if report.error is not None:
                        raise report.error
                window: Any = open_main_window(tablet, translations, window_options)
                try:
                    if kind == "ward":
                        written = await render_staff_screens(
                            window, directory, SCREEN_SIZES, credentials
                        )
                    else:
                        written = await render_patient_screens(
                            window, directory, SCREEN_SIZES, role
                        )
                    log.info("screenshots_written tablet=%s count=%d", name, len(written))
                finally:
                    close_main_window(window)
                    await ops.drain()
        except (StoreError, SyncError, EnrollmentError) as exc:
            log.error("demo_failed error=%s", type(exc).__name__)
            print(f"bedside demo: {exc}", file=sys.stderr)
            return EXIT_FAILED
    return EXIT_OK


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
