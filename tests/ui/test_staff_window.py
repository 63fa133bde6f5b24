"""The nurse's flows end to end: real sandbox EHR on loopback, real encrypted cache, real widgets.

Sign-in online and offline, the lock (button, idle time, another badge), the board, the chart,
a record opening that becomes an audit event, and what happens when the network is cut.
"""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from bedside.app import build_workspace
from bedside.services.news2 import News2Parameter
from bedside.settings import Settings
from bedside.store import MemoryKeyStore, Store
from bedside.sync import SyncEngine
from bedside.ui import style
from bedside.ui.board import CHIPS_ROLE, BoardModel, ChipDelegate, fit_chip_texts
from bedside.ui.i18n import Translations
from bedside.ui.shell import StaffWindow
from tests.sync.ehr import SITE, Ehr, own_ehr, vital_sign
from tests.sync.fault_proxy import Fault, FaultProxy, ProxiedRequest
from tests.ui.conftest import Loop
from tests.ui.test_vitals_tab import _fill_a_normal_round as fill_a_normal_round

# The chart's tabs, in the order the staff window makes them.
RECORD, VITALS, RESULTS, MEDICATIONS, APPOINTMENTS = range(5)
RR = News2Parameter.RESPIRATORY_RATE


@dataclass
class Cut:
    """A network that can be cut: every connection refused while ``down``."""

    down: bool = False

    def __call__(self, request: ProxiedRequest) -> Fault | None:
        return Fault.refuse(0.05) if self.down else None


@dataclass
class Tablet:
    ehr: Ehr
    store: Store
    engine: SyncEngine
    window: StaffWindow
    network: Cut
    loop: Loop

    def nurse(self, index: int = 0) -> Any:
        nurses = [c for c in self.ehr.ward.staff_credentials if c.role == "nurse"]
        return nurses[index]

    def sign_in(self, badge: str, pin: str) -> None:
        screen = self.window.lock_screen
        screen.badge.setText(badge)
        screen.pin.setText(pin)
        screen.submit.click()
        self.loop.settle()
        self.loop.settle()  # the board reads after the sign-in answered

    def outbox_types(self) -> list[str]:
        return [entry.resource_type for entry in self.loop.run(self.store.outbox())]

    def upload(self) -> None:
        """One sync round: what the tablet recorded goes up, what the EHR changed comes down."""
        report = self.loop.run(self.engine.sync_once())
        assert report.ok, report.error

    def at_ehr(self, resource_type: str, params: dict[str, str] | None = None) -> int:
        return self.loop.run(self.ehr.count(resource_type, params))

    def open_first_patient(self, predicate: Any = None) -> Any:
        board = self.window.board.board
        assert board is not None
        row = next(r for r in board.rows if r.patient_id and (predicate is None or predicate(r)))
        self.window.open_chart(row.patient_id)
        self.loop.settle()
        return row

    def visible_texts(self) -> str:
        return "\n".join(
            label.text() for label in self.window.findChildren(QLabel) if label.isVisible()
        )


@asynccontextmanager
async def _tablet_parts(tmp: Path, network: Cut) -> AsyncIterator[tuple[Ehr, Store, Any]]:
    async with own_ehr() as ehr:
        with FaultProxy(ehr.base_url, network) as proxy:
            store = await Store.open(tmp / "cache", MemoryKeyStore(), key_name="k")
            try:
                async with ehr.client(proxy.base_url) as client:
                    yield ehr, store, client
            finally:
                await store.close()


@contextmanager
def tablet(qloop: Loop, qtbot: QtBot, tmp_path: Path) -> Iterator[Tablet]:
    network = Cut()
    parts = _tablet_parts(tmp_path, network)
    ehr, store, client = qloop.run(parts.__aenter__())
    try:
        engine = SyncEngine(store, client, ehr.scope)
        report = qloop.run(engine.sync_once())
        assert report.ok, report.error
        workspace = build_workspace(
            store,
            engine,
            client,
            Settings(),
            ward_id=ehr.ward.ward_id,
            site_id=SITE,
            device_id="tablet-test",
            hospital_number_system=ehr.ward.identifier_system,
        )
        translations = Translations()
        translations.switch("en")
        window = StaffWindow(workspace, translations)
        window.resize(1280, 800)
        window.show()
        yield Tablet(ehr, store, engine, window, network, qloop)
        window.close()
        qloop.settle()
        qloop.run(engine.stop())
        # Delete the window now, not at some later turn of the next test's loop.
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        gc.collect()
    finally:
        qloop.run(parts.__aexit__(None, None, None))


@pytest.fixture
def ward_tablet(qloop: Loop, qtbot: QtBot, tmp_path: Path) -> Iterator[Tablet]:
    with tablet(qloop, qtbot, tmp_path) as made:
        yield made


def _patient_names(ehr: Ehr) -> list[str]:
    return [
        name["family"].upper()
        for r in ehr.ward.resources
        if r["resourceType"] == "Patient"
        for name in r.get("name", [])
        if name.get("family")
    ]


def test_a_nurse_signs_in_online_and_sees_every_bed_of_the_ward(ward_tablet: Tablet) -> None:
    nurse = ward_tablet.nurse()
    ward_tablet.sign_in(nurse.badge, nurse.pin)
    window = ward_tablet.window
    assert window.staff is not None
    assert window.stack.currentWidget() is window.board
    assert window.board.model.rowCount() == 30
    assert window.user.text() == nurse.name
    ward_tablet.upload()
    assert ward_tablet.at_ehr("AuditEvent") == 1  # the sign-in


def test_a_wrong_pin_is_refused_with_the_attempts_left_and_shows_nothing(
    ward_tablet: Tablet,
) -> None:
    nurse = ward_tablet.nurse()
    ward_tablet.sign_in(nurse.badge, "0000" if nurse.pin != "0000" else "1111")
    window = ward_tablet.window
    assert window.staff is None
    assert window.stack.currentWidget() is window.lock_screen
    assert "Wrong PIN" in window.lock_screen.message.text()
    assert "left" in window.lock_screen.message.text()
    assert window.board.model.rowCount() == 0


def test_a_nurse_who_signed_in_online_can_sign_in_again_while_the_network_is_cut(
    ward_tablet: Tablet,
) -> None:
    first, second = ward_tablet.nurse(0), ward_tablet.nurse(1)
    ward_tablet.sign_in(first.badge, first.pin)
    ward_tablet.window.lock_button.click()
    ward_tablet.loop.settle()
    ward_tablet.network.down = True

    ward_tablet.sign_in(first.badge, first.pin)
    assert ward_tablet.window.staff is not None, ward_tablet.window.lock_screen.message.text()
    assert ward_tablet.window.board.model.rowCount() == 30

    ward_tablet.window.lock_button.click()
    ward_tablet.loop.settle()
    ward_tablet.sign_in(second.badge, second.pin)
    assert ward_tablet.window.staff is None
    assert "cannot be reached" in ward_tablet.window.lock_screen.message.text()


def test_dose_counts_on_the_board_are_never_cut_mid_word_in_any_language(
    ward_tablet: Tablet,
) -> None:
    nurse = ward_tablet.nurse()
    ward_tablet.sign_in(nurse.badge, nurse.pin)
    board = ward_tablet.window.board
    font = QFont(board.table.font())
    font.setWeight(QFont.Weight.DemiBold)
    font.setPixelSize(style.SMALL_PX)
    metrics = QFontMetrics(font)
    available = board.table.columnWidth(BoardModel.DOSES) - ChipDelegate.PAD_X * 2
    seen = 0
    for language in ("de", "fr", "en"):
        ward_tablet.window.switch_language(language)
        QCoreApplication.processEvents()  # the language change reaches each screen as an event
        for row in range(board.model.rowCount()):
            chips = board.model.index(row, BoardModel.DOSES).data(CHIPS_ROLE) or []
            texts = fit_chip_texts(chips, metrics.horizontalAdvance, available + ChipDelegate.GAP)
            for chip, text in zip(chips, texts, strict=True):
                assert text in (chip.text, chip.short), (language, text)
            seen += len(chips)
    assert seen > 0


def test_locking_hides_every_patient_at_once(ward_tablet: Tablet, qtbot: QtBot) -> None:
    nurse = ward_tablet.nurse()
    ward_tablet.sign_in(nurse.badge, nurse.pin)
    window = ward_tablet.window
    row = next(r for r in window.board.board.rows if r.patient_id)  # type: ignore[union-attr]
    window.open_chart(row.patient_id)  # type: ignore[arg-type]
    ward_tablet.loop.settle()
    assert window.stack.currentWidget() is window.chart
    names = _patient_names(ward_tablet.ehr)
    assert any(name in ward_tablet.visible_texts() for name in names)

    window.lock_button.click()
    shown = ward_tablet.visible_texts()
    assert window.stack.currentWidget() is window.lock_screen
    assert not any(name in shown for name in names)
    assert window.board.model.rowCount() == 0
    assert window.chart.banner.name.text() == ""
    all_text = "\n".join(label.text() for label in window.findChildren(QLabel))
    assert not any(name in all_text for name in names)


def test_the_screen_locks_itself_after_the_idle_time(ward_tablet: Tablet, qtbot: QtBot) -> None:
    nurse = ward_tablet.nurse()
    ward_tablet.sign_in(nurse.badge, nurse.pin)
    window = ward_tablet.window
    window.idle_timer.setInterval(100)
    window.idle_timer.start()
    ward_tablet.loop.wait_until(lambda: window.staff is None)
    assert window.stack.currentWidget() is window.lock_screen
    assert "without use" in window.lock_screen.message.text()
    ward_tablet.loop.settle()
    ward_tablet.upload()
    assert ward_tablet.at_ehr("AuditEvent") == 2  # sign-in, lock
    assert ward_tablet.outbox_types() == []


def test_another_badge_read_locks_the_screen_and_starts_its_sign_in(
    ward_tablet: Tablet, qtbot: QtBot
) -> None:
    first, second = ward_tablet.nurse(0), ward_tablet.nurse(1)
    ward_tablet.sign_in(first.badge, first.pin)
    window = ward_tablet.window
    # A keyboard-wedge reader types the badge in a burst and ends with Enter.
    QTest.keyClicks(window.board.table, second.badge)
    QTest.keyClick(window.board.table, Qt.Key.Key_Return)
    assert window.staff is None
    assert window.stack.currentWidget() is window.lock_screen
    assert window.lock_screen.badge.text() == second.badge
    assert "another badge" in window.lock_screen.message.text()


def test_opening_a_chart_is_recorded_as_an_audit_event_and_shows_the_banner(
    ward_tablet: Tablet,
) -> None:
    nurse = ward_tablet.nurse()
    ward_tablet.sign_in(nurse.badge, nurse.pin)
    window = ward_tablet.window
    model = window.board.model
    row = next(i for i in range(model.rowCount()) if model.row_at(i).patient_id)
    window.board.table.clicked.emit(model.index(row, 1))
    ward_tablet.loop.settle()
    assert window.stack.currentWidget() is window.chart
    assert window.chart.banner.name.text() == model.row_at(row).bed.patient_name
    ward_tablet.upload()
    assert ward_tablet.at_ehr("AuditEvent") == 2  # sign-in, record opened
    assert window.windowTitle() == "Bedside"


def test_vitals_recorded_while_the_network_is_cut_reach_the_ehr_once_it_is_back(
    ward_tablet: Tablet,
) -> None:
    nurse = ward_tablet.nurse()
    ward_tablet.sign_in(nurse.badge, nurse.pin)
    window = ward_tablet.window
    row = ward_tablet.open_first_patient()
    vitals = window.chart.chart_tabs[VITALS]
    window.chart.tabs.setCurrentIndex(VITALS)
    ward_tablet.loop.settle()
    heart_rates = {"subject": f"Patient/{row.patient_id}", "code": "http://loinc.org|8867-4"}
    before = ward_tablet.at_ehr("Observation", heart_rates)

    ward_tablet.network.down = True
    vitals.record.click()
    fill_a_normal_round(vitals.pad)
    vitals.pad.save.click()
    ward_tablet.loop.settle()
    assert ward_tablet.outbox_types().count("Observation") == 7
    report = ward_tablet.loop.run(ward_tablet.engine.sync_once())
    assert not report.ok  # nothing reached the EHR, nothing was lost
    assert ward_tablet.outbox_types().count("Observation") == 7
    assert "7 to upload" in window.sync_badge.text() or "to upload" in window.sync_badge.text()

    ward_tablet.network.down = False
    ward_tablet.upload()
    ward_tablet.upload()  # a second round sends nothing twice
    assert ward_tablet.outbox_types() == []
    assert ward_tablet.at_ehr("Observation", heart_rates) == before + 1


def test_acknowledging_a_critical_result_reaches_the_ehr_with_who_and_when(
    ward_tablet: Tablet,
) -> None:
    nurse = ward_tablet.nurse()
    ward_tablet.sign_in(nurse.badge, nurse.pin)
    window = ward_tablet.window
    row = ward_tablet.open_first_patient(lambda r: r.critical_unacknowledged)
    window.chart.tabs.setCurrentIndex(RESULTS)
    ward_tablet.loop.settle()
    results = window.chart.chart_tabs[RESULTS]
    (observation_id,) = list(results.acknowledge_buttons)
    results.acknowledge_buttons[observation_id][0].click()
    ward_tablet.loop.settle()
    assert "Acknowledged by" in ward_tablet.visible_texts()

    ward_tablet.upload()
    assert ward_tablet.outbox_types().count("Task") == 0
    tasks = ward_tablet.at_ehr("Task", {"focus": f"Observation/{observation_id}"})
    assert tasks == 1
    window._back()
    window.refresh_board()
    ward_tablet.loop.settle()
    board = window.board.board
    assert board is not None
    again = next(r for r in board.rows if r.patient_id == row.patient_id)
    assert again.critical_unacknowledged == 0


def test_the_board_redraws_by_itself_when_a_sync_brings_new_vitals(
    ward_tablet: Tablet, qtbot: QtBot
) -> None:
    nurse = ward_tablet.nurse()
    ward_tablet.sign_in(nurse.badge, nurse.pin)
    window = ward_tablet.window
    board = window.board.board
    assert board is not None
    row = next(r for r in board.rows if r.news2 is not None and r.news2.score.total <= 2)
    # Another device records a respiratory rate of 32 /min (3 NEWS2 points) in the EHR.
    breathless = vital_sign(row.patient_id, 32, code="9279-1")
    ward_tablet.loop.run(_create(ward_tablet.ehr, breathless))

    ward_tablet.upload()

    def redrawn() -> bool:
        shown = window.board.board
        latest = next(r for r in shown.rows if r.patient_id == row.patient_id)  # type: ignore[union-attr]
        return latest.news2 is not None and latest.news2.score.points.get(RR) == 3

    ward_tablet.loop.wait_until(redrawn)


async def _create(ehr: Ehr, resource: dict[str, Any]) -> None:
    async with ehr.client() as client:
        response = await client.request("POST", resource["resourceType"], body=resource)
        assert response.status_code == 201
