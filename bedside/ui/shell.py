"""The staff window: lock screen, ward board, chart and sync review, and the rules between them.

Owns the nurse tablet's session on screen: nothing of a patient is visible until a nurse signs in
with badge + PIN; the window locks after ``idle_lock_s`` without a touch or a key, when another
badge is read, or on the Lock button — and locking empties every view *before* anything else
happens. It also owns the one refresh path on the staff screens: every :class:`Changes` the
store announces (a downloaded page, a save on this tablet, an upload settled) reaches the board,
the open chart and the sync page the same way; no view reloads on its own after a save. Window
titles never name a patient.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from bedside.services.board import Board
from bedside.services.chart import Banner
from bedside.services.session import LockReason, SignInOutcome, SignInResult, StaffMember
from bedside.services.sync_review import Changes, SyncStatus
from bedside.services.workspace import NurseWorkspace
from bedside.ui import i18n, ops
from bedside.ui.board import BoardView
from bedside.ui.chart.appointments_tab import AppointmentsTab
from bedside.ui.chart.base import ChartTab, PatientContext
from bedside.ui.chart.care_record import CareRecordTab
from bedside.ui.chart.meals_tab import MealsTab
from bedside.ui.chart.medications_tab import MedicationsTab
from bedside.ui.chart.results_tab import ResultsTab
from bedside.ui.chart.view import ChartView
from bedside.ui.chart.vitals_tab import VitalsTab
from bedside.ui.i18n import translate
from bedside.ui.lock_screen import LockScreen
from bedside.ui.sync_badge import SyncBadge, SyncReviewPage
from bedside.ui.widgets import (
    ElidedLabel,
    Retranslatable,
    set_button_text,
    touch_button,
)

log = logging.getLogger(__name__)

REFRESH_DEBOUNCE_MS = 250
# Changes no screen shows: records of access, kept only until the EHR has them.
UNSEEN_TYPES = frozenset({"AuditEvent"})


class BadgeReader(QObject):
    """Recognises a keyboard-wedge badge read: a burst of keys ending with Enter.

    A wedge reader "types" the badge in a few milliseconds; people type far slower. A burst of at
    least ``MIN_LENGTH`` characters, each within ``BURST_GAP_S`` of the previous, ended by Enter,
    is a badge. Every key and touch also counts as activity (the idle timer restarts).
    """

    badge_read = Signal(str)
    activity = Signal()

    BURST_GAP_S = 0.05
    MIN_LENGTH = 5

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._buffer = ""
        self._last = 0.0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin, QEvent.Type.Wheel):
            self.activity.emit()
        elif kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.isAutoRepeat() or not isinstance(watched, QWidget):
                return False
            self.activity.emit()
            return self._key(event)
        return False

    def _key(self, event: QKeyEvent) -> bool:
        now = time.monotonic()
        burst = now - self._last <= self.BURST_GAP_S
        self._last = now
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            badge, self._buffer = self._buffer, ""
            if burst and len(badge) >= self.MIN_LENGTH:
                self.badge_read.emit(badge)
                return True  # the Enter was the reader's, not a confirmation
            return False
        text = event.text()
        if text and text.isprintable():
            self._buffer = (self._buffer if burst else "") + text
        else:
            self._buffer = ""
        return False


class StaffWindow(Retranslatable, QMainWindow):
    """The nurse tablet's main window — or, on a bed tablet, the staff screens behind patient mode.

    On a bed tablet (``bed_patient`` given) there is no ward board: the cache holds one bed. A
    sign-in opens that bed's patient's chart straight away, and locking (the Lock button, idle
    time, another badge) or the "Patient screen" button emits :attr:`left` so the bed tablet
    returns to patient mode.
    """

    LOCK, BOARD, CHART, SYNC = range(4)

    left = Signal()

    def __init__(
        self,
        workspace: NurseWorkspace,
        translations: i18n.Translations,
        *,
        bed_patient: Callable[[], str | None] | None = None,
    ) -> None:
        super().__init__()
        self.workspace = workspace
        self.translations = translations
        self.bed_patient = bed_patient
        i18n.set_display_zone(workspace.tz)
        self.staff: StaffMember | None = None
        self._chart_return = self.BOARD
        # No patient data in window titles: they show in task bars and screen sharing.
        self.setWindowTitle("Bedside")
        self.resize(1280, 800)

        canvas = QWidget()
        canvas.setObjectName("canvas")
        layout = QVBoxLayout(canvas)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self._header())
        self.sync_badge = SyncBadge()
        self.sync_badge.clicked.connect(self._open_sync)
        strip = QWidget()
        strip.setObjectName("syncStrip")
        strip_layout = QHBoxLayout(strip)
        strip_layout.setContentsMargins(16, 0, 16, 0)
        strip_layout.addWidget(self.sync_badge)
        strip_layout.addStretch(1)
        layout.addWidget(strip)

        self.stack = QStackedWidget()
        sessions = workspace.sessions
        self.lock_screen = LockScreen(
            demo_credentials=workspace.demo_credentials,
            uses_passwords=sessions.uses_passwords,
            pin_min_length=sessions.pin_min_length,
        )
        self.lock_screen.sign_in_requested.connect(self._sign_in)
        self.lock_screen.password_entered.connect(self._sign_in_with_password)
        self.lock_screen.pin_chosen.connect(self._pin_chosen)
        self.lock_screen.badge_entered.connect(self._badge_step)
        self.board = BoardView()
        self.board.patient_chosen.connect(self.open_chart)
        self.chart = ChartView(self._chart_tabs(workspace))
        self.sync_page = SyncReviewPage(
            workspace.sync, lambda: self.staff.practitioner_id if self.staff else None
        )
        self.sync_page.closed.connect(self._close_sync)
        for page in (self.lock_screen, self.board, self.chart, self.sync_page):
            self.stack.addWidget(page)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(canvas)

        self.idle_timer = QTimer(self)
        self.idle_timer.setSingleShot(True)
        self.idle_timer.setInterval(workspace.idle_lock_s * 1000)
        self.idle_timer.timeout.connect(lambda: self.lock(LockReason.IDLE))
        self.refresh_timer = QTimer(self)
        self.refresh_timer.setSingleShot(True)
        self.refresh_timer.setInterval(REFRESH_DEBOUNCE_MS)
        self.refresh_timer.timeout.connect(self.refresh_board)
        self._changed_patients: set[str] = set()

        self.badge_reader = BadgeReader(self)
        self.badge_reader.badge_read.connect(self._badge_read)
        self.badge_reader.activity.connect(self._activity)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.badge_reader)

        self._leave_state = workspace.sync.on_state(self._sync_state)
        self._leave_changes = workspace.sync.on_changes(self._data_changed)
        self.sync_badge.show_state(workspace.sync.state())
        self._show_page(self.LOCK)
        self.retranslate()

    # Layout ------------------------------------------------------------------------------------

    def _chart_tabs(self, workspace: NurseWorkspace) -> list[ChartTab]:
        tabs: dict[str, ChartTab] = {
            "record": CareRecordTab(workspace.chart),
            "vitals": VitalsTab(workspace.vitals, clock=workspace.clock),
            "results": ResultsTab(workspace.results),
            "medications": MedicationsTab(workspace.medications),
            "appointments": AppointmentsTab(
                workspace.appointments,
                lambda: self.translations.language,
                today=workspace.today,
            ),
        }
        if workspace.meals is not None:
            tabs["meals"] = MealsTab(
                workspace.meals,
                lambda: self.translations.language,
                today=workspace.today,
                clock=workspace.clock,
            )
        for name, tab in tabs.items():
            tab.setObjectName(name)  # names the screenshots; never shown
        return list(tabs.values())

    def _header(self) -> QWidget:
        header = QWidget()
        header.setObjectName("header")
        row = QHBoxLayout(header)
        row.setContentsMargins(16, 10, 16, 10)
        row.setSpacing(8)
        self.back = touch_button(name="back", kind="quiet")
        self.back.clicked.connect(self._back)
        # Title and name give way first on a narrow screen (ending in "…"); buttons keep their size.
        self.title = ElidedLabel(name="title")
        row.addWidget(self.back)
        row.addWidget(self.title, 1)
        self.language_buttons: dict[str, QPushButton] = {}
        for code in i18n.LANGUAGES:
            button = touch_button(code.upper(), name=f"language_{code}")
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, c=code: self.switch_language(c))
            row.addWidget(button)
            self.language_buttons[code] = button
        row.addSpacing(8)
        self.user = ElidedLabel(name="user")
        self.user.setMaximumWidth(240)
        self.user.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(self.user, 1)
        self.lock_button = touch_button(name="lock")
        self.lock_button.clicked.connect(lambda: self.lock(LockReason.USER))
        row.addWidget(self.lock_button)
        self.patient_screen_button = touch_button(name="patientScreen")
        self.patient_screen_button.clicked.connect(self._leave)
        self.patient_screen_button.setVisible(self.bed_patient is not None)
        row.addWidget(self.patient_screen_button)
        return header

    def retranslate(self) -> None:
        self._set_back_text()
        set_button_text(
            self.lock_button,
            translate("StaffWindow", "Lock"),
            translate("StaffWindow", "Lock the screen"),
        )
        set_button_text(
            self.patient_screen_button,
            translate("StaffWindow", "Patient screen"),
            translate("StaffWindow", "Lock and return to the patient screen"),
        )
        for code, button in self.language_buttons.items():
            button.setChecked(code == self.translations.language)
            button.setAccessibleName(i18n.LANGUAGES[code])
            button.setToolTip(i18n.LANGUAGES[code])
        self.user.setText(self.staff.name if self.staff else "")
        self._set_title()

    def _set_back_text(self) -> None:
        if self.stack.currentIndex() == self.SYNC and self._chart_return == self.CHART:
            set_button_text(
                self.back,
                translate("StaffWindow", "← Chart"),
                translate("StaffWindow", "Back to the patient chart"),
            )
        else:
            set_button_text(
                self.back,
                translate("StaffWindow", "← Board"),
                translate("StaffWindow", "Back to the ward board"),
            )

    def _set_title(self) -> None:
        page = self.stack.currentIndex()
        board = self.board.board
        if page == self.LOCK:
            self.title.setText("Bedside")
        elif page == self.SYNC:
            self.title.setText(translate("StaffWindow", "Synchronisation"))
        elif page == self.CHART:
            self.title.setText(translate("StaffWindow", "Patient chart"))
        else:
            self.title.setText(board.ward_name if board else translate("StaffWindow", "Ward board"))

    def _show_page(self, page: int) -> None:
        self.stack.setCurrentIndex(page)
        signed_in = self.staff is not None
        bed_tablet = self.bed_patient is not None
        self.back.setVisible(page == self.SYNC or (page == self.CHART and not bed_tablet))
        self.lock_button.setVisible(signed_in)
        self.user.setVisible(signed_in)
        self.sync_badge.setEnabled(signed_in)
        self._set_back_text()
        self._set_title()

    def switch_language(self, code: str) -> None:
        self.translations.switch(code)
        self.retranslate()

    # Session -----------------------------------------------------------------------------------

    def _sign_in(self, badge: str, pin: str) -> None:
        self.lock_screen.set_busy(True)
        ops.run(
            self.workspace.sessions.sign_in(badge, pin),
            owner=self,
            on_done=self._signed_in,
            on_error=self._sign_in_failed,
        )

    def _sign_in_with_password(self, badge: str, password: str) -> None:
        """Directory sign-in, first of a shift: the directory checks the account's password."""
        self.lock_screen.set_busy(True)
        ops.run(
            self.workspace.sessions.sign_in_with_password(badge, password),
            owner=self,
            on_done=self._signed_in,
            on_error=self._sign_in_failed,
        )

    def _pin_chosen(self, badge: str, pin: str, again: str) -> None:
        self.lock_screen.set_busy(True)
        ops.run(
            self.workspace.sessions.choose_pin(badge, pin, again),
            owner=self,
            on_done=self._signed_in,
            on_error=self._sign_in_failed,
        )

    def _badge_step(self, badge: str) -> None:
        """Directory sign-in: a badge was read; its PIN, or its password for a new shift?"""
        ops.run(
            self.workspace.sessions.next_step(badge),
            owner=self,
            on_done=self.lock_screen.show_step,
            on_error=lambda error: log.error("sign_in_step_failed", exc_info=error),
        )

    def _signed_in(self, result: SignInResult) -> None:
        if result.outcome != SignInOutcome.SIGNED_IN or result.staff is None:
            self.lock_screen.show_result(result)
            return
        self.staff = result.staff
        self.lock_screen.reset()
        self.retranslate()
        self.idle_timer.start()
        if self.bed_patient is not None:
            self._open_bed_chart(self.bed_patient())
            return
        self._show_page(self.BOARD)
        self.refresh_board()

    def _open_bed_chart(self, patient_id: str | None) -> None:
        """A bed tablet's sign-in: the bed's patient's chart (the sync page for a free bed)."""
        if patient_id is None:
            self._chart_return = self.SYNC
            self.sync_page.reload()
            self._show_page(self.SYNC)
            return
        ops.run(
            self.workspace.chart.banner(patient_id),
            owner=self,
            on_done=self._show_bed_chart,
            on_error=lambda error: log.error("bed_chart_read_failed", exc_info=error),
        )

    def _show_bed_chart(self, banner: Banner | None) -> None:
        staff = self.staff
        if staff is None or banner is None:
            return
        self.chart.show_patient(self._context(banner, staff))
        self._chart_return = self.CHART
        self._show_page(self.CHART)
        ops.run(self.workspace.sessions.chart_opened(banner.patient_id), owner=self)

    def _sign_in_failed(self, error: BaseException) -> None:
        log.error("sign_in_failed", exc_info=error)
        self.lock_screen.show_failure(
            translate("StaffWindow", "The sign-in could not be checked. Try again.")
        )

    def lock(self, reason: LockReason, *, badge: str | None = None) -> None:
        """Hide every patient's data now, then record the lock."""
        was_signed_in = self.staff is not None
        self.idle_timer.stop()
        self.refresh_timer.stop()
        self.board.clear()
        self.chart.clear()
        self.sync_page.clear()
        self.staff = None
        message = {
            LockReason.IDLE: translate("StaffWindow", "Locked after a while without use."),
            LockReason.OTHER_BADGE: translate("StaffWindow", "Locked: another badge was read."),
        }.get(reason, "")
        self.lock_screen.reset(message)
        if badge is not None:
            self.lock_screen.start_with_badge(badge)
        self._show_page(self.LOCK)
        self.retranslate()
        if was_signed_in:
            ops.run(self.workspace.sessions.lock(reason), owner=self)
        if self.bed_patient is not None and badge is None:
            self.left.emit()  # a bed tablet goes back to patient mode

    def _leave(self) -> None:
        """The "Patient screen" button of a bed tablet: lock if signed in, then leave."""
        if self.staff is not None:
            self.lock(LockReason.USER)
        else:
            self.lock_screen.reset()
            self.left.emit()

    def _badge_read(self, badge: str) -> None:
        if self.staff is None:
            self.lock_screen.start_with_badge(badge)
        elif self.workspace.sessions.is_other_badge(badge):
            self.lock(LockReason.OTHER_BADGE, badge=badge)

    def _activity(self) -> None:
        if self.staff is not None:
            self.idle_timer.start()

    # Board and chart ---------------------------------------------------------------------------

    def refresh_board(self) -> None:
        staff = self.staff
        if staff is None or self.bed_patient is not None:
            return  # a bed tablet has no board
        ops.run(
            self.workspace.board.board(
                self.workspace.ward_id, practitioner_id=staff.practitioner_id
            ),
            owner=self,
            on_done=self._show_board,
            on_error=lambda error: log.error("board_read_failed", exc_info=error),
        )

    def _show_board(self, board: Board) -> None:
        if self.staff is None:
            return  # locked while reading: show nothing
        self.board.show_board(board)
        self._set_title()

    def open_chart(self, patient_id: str, *, tab: int | None = None) -> None:
        staff = self.staff
        board = self.board.board
        if staff is None or board is None:
            return
        row = next((r for r in board.rows if r.patient_id == patient_id), None)
        if row is None or row.banner is None:
            return
        self.chart.show_patient(self._context(row.banner, staff), tab=tab)
        self._show_page(self.CHART)
        ops.run(self.workspace.sessions.chart_opened(patient_id), owner=self)

    def _context(self, banner: Banner, staff: StaffMember) -> PatientContext:
        return PatientContext(
            patient_id=banner.patient_id,
            encounter_id=banner.encounter_id,
            banner=banner,
            staff_id=staff.practitioner_id,
            staff_name=staff.name,
        )

    def _back(self) -> None:
        if self.stack.currentIndex() == self.SYNC:
            self._close_sync()
            return
        self.chart.clear()
        self._show_page(self.BOARD)

    def _open_sync(self) -> None:
        if self.staff is None:
            return
        if self.stack.currentIndex() != self.SYNC:
            self._chart_return = self.stack.currentIndex()
        self.sync_page.reload()
        self._show_page(self.SYNC)

    def _close_sync(self) -> None:
        self._show_page(self._chart_return)

    # One refresh path ----------------------------------------------------------------------------

    def _sync_state(self, state: SyncStatus) -> None:
        self.sync_badge.show_state(state)
        self.sync_page.show_state(state)

    def _data_changed(self, changed: Changes) -> None:
        if self.staff is None:
            return
        if changed.resource_types - UNSEEN_TYPES:
            self.refresh_timer.start()  # several pages in a row redraw the board once
        context = self.chart.context
        if context is not None and context.patient_id in changed.patient_ids:
            self.chart.data_changed(changed)
            ops.run(
                self.workspace.chart.banner(context.patient_id),
                owner=self,
                on_done=self._banner_refreshed,
            )
        if changed.outbox and self.stack.currentIndex() == self.SYNC:
            self.sync_page.reload()

    def _banner_refreshed(self, banner: Banner) -> None:
        if self.staff is not None:
            self.chart.update_banner(self._context(banner, self.staff))

    def closeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.badge_reader)
        self._leave_changes()  # a closed window reads nothing more
        self._leave_state()
        super().closeEvent(event)  # type: ignore[arg-type]
