"""The real app on a tablet IT enrolled, against an EHR in its own process — no demo shortcut.

The EHR is ``bedside sandbox`` as a separate process; IT's settings file and ``bedside enroll``
set the tablet up (:mod:`tests.enrolled`). The app is the composition root's own
:func:`bedside.app.gui.run_tablet` — the function ``bedside`` runs — on the test's qasync loop, so
the test can look at the real widgets while they run: the first-run progress, the board after the
first pull, a vitals round uploaded exactly once, and a restart with the EHR stopped that opens
from the cache, offline, with the right "as of".
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from bedside.app.device import key_store
from bedside.app.gui import WindowOptions, run_tablet
from bedside.sandbox.seed import SeedWard
from bedside.settings import Settings, load_settings
from bedside.ui import i18n
from bedside.ui.first_run import FirstRunScreen
from bedside.ui.patient.window import PatientWindow
from bedside.ui.shell import StaffWindow
from tests.enrolled import EnrolledTablet, enroll_tablet
from tests.sync.ehr import EhrProcess
from tests.ui.conftest import Loop
from tests.ui.test_vitals_tab import _fill_a_normal_round as fill_a_normal_round

VITALS = 1  # the chart's second tab
pytestmark = pytest.mark.slow


def _visible(kind: type[QWidget]) -> Any:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, kind) and widget.isVisible():
            return widget
        found = widget.findChild(kind)
        if found is not None and found.isVisible():
            return found
    return None


class RunningTablet:
    """``run_tablet`` as a task on the test's loop, and a way to stop it like the app does."""

    def __init__(
        self, loop: Loop, settings: Settings, tablet: EnrolledTablet, *, full_screen: bool = False
    ) -> None:
        self.loop = loop
        options = WindowOptions(language="en", full_screen=full_screen)
        self.task = asyncio.ensure_future(
            run_tablet(settings, key_store(tablet.key_dir), tablet.key_dir, options),
            loop=loop.loop,
        )

    def wait_for(self, kind: type[QWidget], timeout_s: float = 90.0) -> Any:
        def shown() -> bool:
            if self.task.done():
                self.task.result()  # raise what stopped the app
                raise AssertionError("the app stopped")
            return _visible(kind) is not None

        self.loop.wait_until(shown, timeout_s=timeout_s)
        return _visible(kind)

    def stop(self) -> int:
        """Close every window as a person would; the app stops its engine and cache."""
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, PatientWindow):
                widget.shut_down()
            elif widget.isVisible():
                widget.close()
        return int(self.loop.run(asyncio.wait_for(self.task, 60)))


def _sign_in(loop: Loop, window: StaffWindow, badge: str, pin: str) -> None:
    window.lock_screen.badge.setText(badge)
    window.lock_screen.pin.setText(pin)
    window.lock_screen.submit.click()
    loop.wait_until(lambda: window.board.board is not None, timeout_s=30)


async def _heart_rates(ehr: EhrProcess, patient_id: str) -> int:
    async with ehr.client() as client:
        params = {"subject": f"Patient/{patient_id}", "code": "http://loinc.org|8867-4"}
        return await client.count("Observation", params)


def _wait_for_heart_rates(loop: Loop, ehr: EhrProcess, patient_id: str, expected: int) -> None:
    """Ask the EHR until it holds ``expected`` heart rates of the patient (60 s at most)."""

    async def poll() -> None:
        for _ in range(300):
            if await _heart_rates(ehr, patient_id) == expected:
                return
            await asyncio.sleep(0.2)
        raise AssertionError(f"the EHR never held {expected} heart rates")

    loop.run(poll())


def test_an_enrolled_ward_tablet_downloads_shows_the_board_uploads_once_and_opens_offline(
    qloop: Loop, own_ehr_process: EhrProcess, enrolled_ward: SeedWard, tmp_path: Path
) -> None:
    tablet = enroll_tablet(own_ehr_process, enrolled_ward, tmp_path / "tablet")
    settings = load_settings(config_file=tablet.config)
    nurse = next(c for c in enrolled_ward.staff_credentials if c.role == "nurse")

    # First start: an empty cache shows the first-run screen, then the board once pulled.
    running = RunningTablet(qloop, settings, tablet)
    screen = running.wait_for(FirstRunScreen, timeout_s=60)
    headlines: list[str] = []

    def downloading() -> bool:
        headlines.append(screen.headline.text())
        return screen.state.stored > 0

    qloop.wait_until(downloading, timeout_s=60)
    assert any(line.startswith("Downloading") for line in headlines), headlines
    window = running.wait_for(StaffWindow)
    _sign_in(qloop, window, nurse.badge, nurse.pin)
    board = window.board.board
    assert board is not None
    assert sum(1 for row in board.rows if row.patient_id) == 28

    # A vitals round: recorded on the tablet, uploaded by the running engine, exactly once.
    row = next(r for r in board.rows if r.patient_id)
    before = qloop.run(_heart_rates(own_ehr_process, row.patient_id))
    window.open_chart(row.patient_id)
    qloop.settle()
    window.chart.tabs.setCurrentIndex(VITALS)
    qloop.settle()
    vitals = window.chart.chart_tabs[VITALS]
    vitals.record.click()
    fill_a_normal_round(vitals.pad)
    vitals.pad.save.click()
    _wait_for_heart_rates(qloop, own_ehr_process, row.patient_id, before + 1)
    qloop.wait_until(lambda: window.workspace.sync.state().pending == 0, 60)
    window.workspace.sync.sync_now()  # one more round: nothing goes up twice
    qloop.wait_until(lambda: window.workspace.sync.state().activity == "idle", 60)
    assert qloop.run(_heart_rates(own_ehr_process, row.patient_id)) == before + 1
    as_of = window.workspace.sync.state().data_as_of
    assert as_of is not None
    assert running.stop() == 0

    # Restart with the EHR stopped: the board opens from the cache, offline, "as of" the last sync.
    own_ehr_process.process.terminate()
    own_ehr_process.process.wait(timeout=30)
    running = RunningTablet(qloop, settings, tablet)
    window = running.wait_for(StaffWindow, timeout_s=30)
    assert _visible(FirstRunScreen) is None
    qloop.wait_until(lambda: window.workspace.sync.state().online is False, 60)
    badge_text = window.sync_badge.text()
    assert "offline" in badge_text.lower(), badge_text
    assert i18n.time_text(as_of) in badge_text, badge_text
    _sign_in(qloop, window, nurse.badge, nurse.pin)  # offline, with the verifier kept
    board = window.board.board
    assert board is not None
    assert sum(1 for row in board.rows if row.patient_id) == 28
    assert running.stop() == 0


def test_an_enrolled_bed_tablet_opens_patient_mode_full_screen_and_frameless_in_kiosk(
    qloop: Loop, own_ehr_process: EhrProcess, enrolled_ward: SeedWard, tmp_path: Path
) -> None:
    bed_id = enrolled_ward.bed_ids[0]
    tablet = enroll_tablet(
        own_ehr_process,
        enrolled_ward,
        tmp_path / "bed",
        scope="bed",
        location_id=bed_id,
        client_id="tablet-bed-1",
    )
    settings = load_settings(config_file=tablet.config)
    running = RunningTablet(qloop, settings, tablet, full_screen=True)  # as `bedside` runs it
    window = running.wait_for(PatientWindow)
    assert window.isFullScreen()
    assert window.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert window.guard is not None  # the kiosk guard swallows Esc, Alt+F4, Alt+Tab…
    qloop.wait_until(lambda: window.current_occupant is not None, 60)
    assert not window.close()  # a kiosk window refuses to close
    # What the patient reads says how fresh it is, and says so when the tablet is offline.
    # In the patient's own language (recorded by the EHR), whichever it is.
    fresh = i18n.translate("PatientWindow", "Information as of %1").split("%1")[0]
    offline = i18n.translate("PatientWindow", "No connection · information as of %1")
    qloop.wait_until(lambda: window.freshness.text().startswith(fresh), 30)
    own_ehr_process.process.terminate()
    own_ehr_process.process.wait(timeout=30)
    window.workspace.staff.sync.sync_now()
    qloop.wait_until(lambda: window.freshness.text().startswith(offline.split("%1")[0]), 60)
    assert running.stop() == 0
