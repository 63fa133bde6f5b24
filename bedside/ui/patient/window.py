"""The bed tablet's window: locked patient mode, and staff screens behind a staff sign-in.

Owns the rules of the bed tablet on screen:

* It shows the bed's *current* patient only (the one whose current stay is in this bed), full
  screen. A free bed shows a calm "no patient" page. After every sync the occupant is read again,
  so a discharge or a transfer empties the screen within one sync.
* There is no way out of patient mode but a staff sign-in: the window refuses to close, and the
  :class:`KioskGuard` swallows the keys and buttons that would leave (Esc, Alt+F4, Ctrl+W/Q,
  the system key, Back and Forward keys and mouse buttons) while patient mode is on screen. The
  "Staff" button (or a badge read) leads to the staff sign-in of the nurse screens; locking them
  returns here. Leaving the operating system's kiosk (Alt+Tab, Ctrl+Alt+Del) is the OS kiosk
  configuration's job (packaging/README.md).
* Language, text size and contrast are the patient's, remembered for this stay only; after a
  while without a touch the window returns to its home page.
* No patient data in the window title.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QIcon, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QHBoxLayout,
    QMainWindow,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from bedside.services.meal_plan import MealPlan
from bedside.services.patient_mode import BedOccupant, StayPreferences
from bedside.services.schedule import TimelineItem
from bedside.services.session import LockReason
from bedside.services.sync_review import Changes, SyncStatus
from bedside.services.workspace import PatientWorkspace
from bedside.ui import i18n, icons, ops
from bedside.ui.i18n import translate
from bedside.ui.meal_chooser import MealChooser, MealTarget
from bedside.ui.patient.display import DisplayPage
from bedside.ui.patient.home import HomePage
from bedside.ui.patient.schedule_view import SchedulePage
from bedside.ui.patient.style import patient_style_sheet
from bedside.ui.shell import StaffWindow
from bedside.ui.widgets import ElidedLabel, Retranslatable, plain_label

log = logging.getLogger(__name__)

REFRESH_DEBOUNCE_MS = 250
CLOCK_MS = 15_000
NAV_ICON_PX = 32

# Keys that would leave or hide patient mode on a desktop; a badge reader never sends them.
_BLOCKED_KEYS = frozenset(
    {
        Qt.Key.Key_Escape,
        Qt.Key.Key_Back,
        Qt.Key.Key_Forward,
        Qt.Key.Key_Close,
        Qt.Key.Key_Meta,
        Qt.Key.Key_Super_L,
        Qt.Key.Key_Super_R,
        Qt.Key.Key_Menu,
        Qt.Key.Key_HomePage,
        Qt.Key.Key_Launch0,
        Qt.Key.Key_LaunchMail,
        Qt.Key.Key_Explorer,
        Qt.Key.Key_Search,
        Qt.Key.Key_F11,
        Qt.Key.Key_Hangup,
        Qt.Key.Key_Sleep,
        Qt.Key.Key_PowerOff,
        Qt.Key.Key_Suspend,
    }
)
_BLOCKED_WITH_MODIFIER = frozenset(
    {Qt.Key.Key_F4, Qt.Key.Key_W, Qt.Key.Key_Q, Qt.Key.Key_Tab, Qt.Key.Key_Backtab}
)
_MODIFIERS = (
    Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.MetaModifier
)


class KioskGuard(QObject):
    """Swallows every key and button that would leave patient mode while it is ``active``."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.active = True
        self.swallowed = 0  # for tests and the log: how often someone tried

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if not self.active:
            return False
        kind = event.type()
        if kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride):
            if isinstance(event, QKeyEvent) and self._blocked(event):
                self.swallowed += kind == QEvent.Type.KeyPress
                event.accept()
                return True
        elif kind in (
            QEvent.Type.MouseButtonPress,
            QEvent.Type.MouseButtonRelease,
            QEvent.Type.MouseButtonDblClick,
        ):
            if isinstance(event, QMouseEvent) and event.button() in (
                Qt.MouseButton.BackButton,
                Qt.MouseButton.ForwardButton,
            ):
                self.swallowed += kind == QEvent.Type.MouseButtonPress
                return True
        elif kind in (QEvent.Type.Gesture, QEvent.Type.NativeGesture):
            # Edge swipes and pinch "back" gestures: patient mode has no use for them.
            self.swallowed += 1
            return True
        return False

    @staticmethod
    def _blocked(event: QKeyEvent) -> bool:
        key = Qt.Key(event.key())
        if key in _BLOCKED_KEYS:
            return True
        return key in _BLOCKED_WITH_MODIFIER and bool(event.modifiers() & _MODIFIERS)


@dataclass
class _Shown:
    """What patient mode currently shows, so late answers for someone else are dropped."""

    occupant: BedOccupant | None = None
    prefs: StayPreferences | None = None


class PatientWindow(Retranslatable, QMainWindow):
    """The bed tablet's only window."""

    NO_PATIENT, PATIENT, STAFF = range(3)
    HOME, MEALS, SCHEDULE, DISPLAY = range(4)

    def __init__(
        self, workspace: PatientWorkspace, translations: i18n.Translations, *, kiosk: bool = True
    ) -> None:
        super().__init__()
        self.workspace = workspace
        self.translations = translations
        self.allow_close = False
        self.shown = _Shown()
        self._generation = 0
        i18n.set_display_zone(workspace.tz)
        self.setWindowTitle("Bedside")  # never a patient's name: task bars, screen sharing
        self.resize(1280, 800)
        if kiosk:
            self.setWindowFlags(
                Qt.WindowType.Window
                | Qt.WindowType.FramelessWindowHint
                | Qt.WindowType.WindowStaysOnTopHint
            )

        self.top = QStackedWidget()
        self.no_patient = self._no_patient_page()
        self.patient_area = self._patient_area()
        self.staff_window = StaffWindow(
            workspace.staff,
            translations,
            bed_patient=lambda: self.shown.occupant.patient_id if self.shown.occupant else None,
        )
        self.staff_window.setWindowFlags(Qt.WindowType.Widget)
        self.staff_window.left.connect(self.leave_staff)
        self.staff_window.badge_reader.badge_read.connect(self._badge_read)
        for page in (self.no_patient, self.patient_area, self.staff_window):
            self.top.addWidget(page)
        self.setCentralWidget(self.top)

        self.guard = KioskGuard(self)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.guard)
            app.installEventFilter(self)  # activity: any touch or key restarts the idle timer

        self.idle_timer = QTimer(self)
        self.idle_timer.setSingleShot(True)
        self.idle_timer.setInterval(workspace.idle_home_s * 1000)
        self.idle_timer.timeout.connect(self.go_home)
        self.refresh_timer = QTimer(self)
        self.refresh_timer.setSingleShot(True)
        self.refresh_timer.setInterval(REFRESH_DEBOUNCE_MS)
        self.refresh_timer.timeout.connect(self.refresh)
        self.clock_timer = QTimer(self)
        self.clock_timer.setInterval(CLOCK_MS)
        self.clock_timer.timeout.connect(self._tick)
        self.clock_timer.start()
        self._leave_changes = workspace.staff.sync.on_changes(self._data_changed)
        self._sync = workspace.staff.sync.state()
        self._leave_state = workspace.staff.sync.on_state(self._sync_state)
        self._apply_look(StayPreferences())
        self.top.setCurrentIndex(self.NO_PATIENT)
        self.retranslate()
        self.refresh()

    # Building ---------------------------------------------------------------------------------

    def _no_patient_page(self) -> QWidget:
        page = QWidget()
        page.setObjectName("noPatient")
        column = QVBoxLayout(page)
        column.setContentsMargins(48, 48, 48, 32)
        column.addStretch(2)
        self.free_picture = plain_label()
        self.free_picture.setPixmap(icons.pixmap("home", 96))
        self.free_picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        column.addWidget(self.free_picture)
        self.free_title = plain_label(name="greeting", wrap=True)
        self.free_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.free_text = plain_label(name="muted", wrap=True)
        self.free_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.free_clock = plain_label(name="clock")
        self.free_clock.setAlignment(Qt.AlignmentFlag.AlignCenter)
        column.addWidget(self.free_title)
        column.addWidget(self.free_text)
        column.addSpacing(16)
        column.addWidget(self.free_clock)
        column.addStretch(3)
        row = QHBoxLayout()
        row.addStretch(1)
        self.free_staff = self._nav_button("staff", "staffButton")
        self.free_staff.clicked.connect(self.open_staff)
        row.addWidget(self.free_staff)
        column.addLayout(row)
        return page

    def _patient_area(self) -> QWidget:
        area = QWidget()
        area.setObjectName("patientArea")
        column = QVBoxLayout(area)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)

        header = QWidget()
        header.setObjectName("patientHeader")
        row = QHBoxLayout(header)
        row.setContentsMargins(32, 16, 32, 16)
        words = QVBoxLayout()
        words.setSpacing(2)
        self.greeting = ElidedLabel(name="greeting")
        self.bed_line = ElidedLabel(name="bedLine")
        words.addWidget(self.greeting)
        words.addWidget(self.bed_line)
        row.addLayout(words, 1)
        self.clock = plain_label(name="clock")
        self.clock.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        # How fresh what the patient reads is: a tablet offline for hours shows an old schedule.
        self.freshness = plain_label(name="freshness")
        self.freshness.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        corner = QVBoxLayout()
        corner.setSpacing(2)
        corner.addWidget(self.clock)
        corner.addWidget(self.freshness)
        row.addLayout(corner)
        column.addWidget(header)

        self.pages = QStackedWidget()
        self.pages.setObjectName("patientPage")
        self.home = HomePage()
        self.home.open_meals.connect(lambda: self.show_page(self.MEALS))
        self.home.open_schedule.connect(lambda: self.show_page(self.SCHEDULE))
        self.meals = MealChooser(
            self.workspace.meals,
            today=self.workspace.today,
            clock=self.workspace.clock,
            big=True,
        )
        meals_page = QWidget()
        meals_layout = QVBoxLayout(meals_page)
        meals_layout.setContentsMargins(28, 20, 28, 12)
        meals_layout.addWidget(self.meals)
        self.schedule = SchedulePage()
        self.display = DisplayPage()
        self.display.language_chosen.connect(self.choose_language)
        self.display.text_size_chosen.connect(self.choose_text_size)
        self.display.contrast_chosen.connect(self.choose_contrast)
        for page in (self.home, meals_page, self.schedule, self.display):
            self.pages.addWidget(page)
        column.addWidget(self.pages, 1)

        nav = QWidget()
        nav.setObjectName("navBar")
        bar = QHBoxLayout(nav)
        bar.setContentsMargins(20, 10, 20, 10)
        bar.setSpacing(12)
        self.nav_group = QButtonGroup(self)
        self.nav_buttons: dict[int, QToolButton] = {}
        for index, icon_name, name in (
            (self.HOME, "home", "navHome"),
            (self.MEALS, "meals", "navMeals"),
            (self.SCHEDULE, "schedule", "navSchedule"),
            (self.DISPLAY, "language", "navDisplay"),
        ):
            button = self._nav_button(icon_name, name)
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, p=index: self.show_page(p))
            self.nav_group.addButton(button)
            self.nav_buttons[index] = button
            bar.addWidget(button)
        bar.addStretch(1)
        self.staff_button = self._nav_button("staff", "staffButton")
        self.staff_button.clicked.connect(self.open_staff)
        bar.addWidget(self.staff_button)
        column.addWidget(nav)
        return area

    @staticmethod
    def _nav_button(icon_name: str, name: str) -> QToolButton:
        button = QToolButton()
        button.setObjectName(name)
        drawn = icons.icon(icon_name)
        for size in (NAV_ICON_PX, NAV_ICON_PX * 2):
            # A checked (blue) button shows its icon in white, like its words.
            drawn.addPixmap(
                icons.pixmap(icon_name, size, color="#ffffff"), QIcon.Mode.Normal, QIcon.State.On
            )
        button.setIcon(drawn)
        button.setIconSize(QSize(NAV_ICON_PX, NAV_ICON_PX))
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
        button.setMinimumSize(72, 64)
        # Buttons share the bar's width: on a portrait tablet their words still fit.
        button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        return button

    # Words ------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        texts = {
            self.HOME: translate("PatientWindow", "Home"),
            self.MEALS: translate("PatientWindow", "Meals"),
            self.SCHEDULE: translate("PatientWindow", "My day"),
            # Never translated: a patient who does not read the screen's language finds theirs.
            # A portrait tablet has room for the short form only.
            self.DISPLAY: "Français · Deutsch · English"
            if self.width() >= 1000
            else "FR · DE · EN",
        }
        for page, button in self.nav_buttons.items():
            button.setText(texts[page])
            button.setAccessibleName(texts[page])
        self.nav_buttons[self.DISPLAY].setAccessibleName(
            translate("PatientWindow", "Language and text size")
        )
        for button in (self.staff_button, self.free_staff):
            button.setText(translate("PatientWindow", "Staff"))
            button.setAccessibleName(translate("PatientWindow", "Staff sign-in"))
        self.free_title.setText(
            translate("PatientWindow", "This bed is ready for its next patient")
        )
        self.free_text.setText(
            translate(
                "PatientWindow",
                "When you are admitted to this bed, this screen will show your meals and your "
                "day. Staff can sign in below.",
            )
        )
        self._header_text()
        self._freshness_text()
        self._tick()

    def resizeEvent(self, event: object) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)  # type: ignore[arg-type]
        self.retranslate()  # the language button's long or short form

    def _header_text(self) -> None:
        occupant = self.shown.occupant
        if occupant is None:
            self.greeting.setText("")
            self.bed_line.setText("")
            return
        now = i18n.local_time(self.workspace.clock())
        if now.hour < 12:
            hello = translate("PatientWindow", "Good morning, %1")
        elif now.hour < 18:
            hello = translate("PatientWindow", "Good afternoon, %1")
        else:
            hello = translate("PatientWindow", "Good evening, %1")
        self.greeting.setText(hello.replace("%1", occupant.given_name))
        today = now.date()
        self.bed_line.setText(
            f"{occupant.bed_label} · {i18n.weekday_text(today)} {i18n.date_text(today, long=False)}"
        )

    def _freshness_text(self) -> None:
        state = self._sync
        as_of = state.data_as_of
        self.freshness.setVisible(as_of is not None)
        if as_of is None:
            self.freshness.setText("")
            return
        if state.online is False:
            text = translate("PatientWindow", "No connection · information as of %1")
        else:
            text = translate("PatientWindow", "Information as of %1")
        self.freshness.setText(text.replace("%1", i18n.time_text(as_of)))

    def _sync_state(self, state: SyncStatus) -> None:
        self._sync = state
        self._freshness_text()

    def _tick(self) -> None:
        clock = i18n.time_text(self.workspace.clock())
        self.clock.setText(clock)
        self.free_clock.setText(clock)
        self.clock.setAccessibleName(translate("PatientWindow", "Time: %1").replace("%1", clock))

    # Navigation -------------------------------------------------------------------------------

    def show_page(self, page: int) -> None:
        self.pages.setCurrentIndex(page)
        self.nav_buttons[page].setChecked(True)
        if page == self.MEALS:
            self.meals.reload()
        elif page == self.DISPLAY:
            prefs = self.shown.prefs or StayPreferences()
            self.display.show_choices(
                self.translations.language, prefs.text_size, prefs.high_contrast
            )
        self.idle_timer.start()

    def go_home(self) -> None:
        """Idle: back to the home page (patient mode only; staff screens lock themselves)."""
        if self.top.currentIndex() == self.PATIENT:
            self.show_page(self.HOME)
            self.idle_timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        touched = kind in (
            QEvent.Type.MouseButtonPress,
            QEvent.Type.TouchBegin,
            QEvent.Type.KeyPress,
        )
        away_from_home = (
            self.top.currentIndex() == self.PATIENT and self.pages.currentIndex() != self.HOME
        )
        if touched and away_from_home:
            self.idle_timer.start()
        return False

    # The occupant -------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read who is in the bed now, then everything patient mode shows."""
        if self.top.currentIndex() == self.STAFF or self.allow_close:
            return  # the staff screens refresh themselves; patient mode re-reads on return
        self._generation += 1
        generation = self._generation
        ops.run(
            self.workspace.occupants.occupant(self.workspace.bed_id),
            owner=self,
            on_done=lambda occupant: self._occupant_read(occupant, generation),
            on_error=lambda error: log.error("bed_occupant_read_failed", exc_info=error),
        )

    def _occupant_read(self, occupant: BedOccupant | None, generation: int) -> None:
        if generation != self._generation or self.top.currentIndex() == self.STAFF:
            return
        previous = self.shown.occupant
        if occupant is None:
            if previous is not None:
                self._forget_patient()
                self._restore_language(None)
            self.guard.active = True
            self.top.setCurrentIndex(self.NO_PATIENT)
            return
        same_stay = previous is not None and previous.encounter_id == occupant.encounter_id
        if not same_stay:
            self._forget_patient()
            self.shown.occupant = occupant
            self.show_page(self.HOME)
            self.idle_timer.stop()
            ops.run(
                self.workspace.occupants.preferences(occupant.encounter_id),
                owner=self,
                on_done=lambda prefs: self._prefs_read(prefs, generation),
            )
        else:
            self.shown.occupant = occupant
            self._load_patient(generation)
        self.guard.active = True
        self.top.setCurrentIndex(self.PATIENT)
        self._header_text()

    def _prefs_read(self, prefs: StayPreferences, generation: int) -> None:
        if generation != self._generation:
            return
        self.shown.prefs = prefs
        self._apply_look(prefs)
        self._restore_language(self._patient_language())
        self._load_patient(generation)

    def _patient_language(self) -> str | None:
        """The language chosen for this stay, else the one the EHR records for the patient."""
        prefs, occupant = self.shown.prefs, self.shown.occupant
        if prefs is not None and prefs.language:
            return prefs.language
        recorded = occupant.preferred_language if occupant is not None else None
        return recorded.split("-")[0].casefold() if recorded else None  # "de-DE" → "de"

    def _restore_language(self, language: str | None) -> None:
        wanted = language if language in i18n.LANGUAGES else i18n.DEFAULT_LANGUAGE
        if wanted != self.translations.language:
            self.translations.switch(wanted)

    def _load_patient(self, generation: int) -> None:
        occupant = self.shown.occupant
        if occupant is None:
            return
        language = self.translations.language
        target = MealTarget(occupant.patient_id, occupant.encounter_id, language=language)
        today = self.workspace.today()

        async def read() -> tuple[MealPlan, list[TimelineItem]]:
            plan = await self.workspace.meals.plan(
                occupant.patient_id, first_day=today, days=2, language=language
            )
            timeline = await self.workspace.schedule.timeline(
                occupant.patient_id, first_day=today, days=2, language=language, plan=plan
            )
            return plan, timeline

        ops.run(
            read(),
            owner=self,
            on_done=lambda found: self._patient_read(target, found, generation),
            on_error=lambda error: log.error("patient_mode_read_failed", exc_info=error),
        )

    def _patient_read(
        self, target: MealTarget, found: tuple[MealPlan, list[TimelineItem]], generation: int
    ) -> None:
        if generation != self._generation or self.shown.occupant is None:
            return
        plan, timeline = found
        # Home, schedule and meals show one reading of the cache, never two that disagree.
        self.meals.show_plan(target, plan)
        now, today = self.workspace.clock(), self.workspace.today()
        self.home.show_state(plan, timeline, now, today)
        self.schedule.show_timeline(timeline, now, today)

    def _forget_patient(self) -> None:
        """Nothing of the previous patient stays on screen (discharge, transfer, new stay)."""
        self.shown = _Shown()
        self.meals.clear()
        self.home.clear()
        self.schedule.clear()
        self._apply_look(StayPreferences())
        self._header_text()

    # The patient's choices about the screen ------------------------------------------------------

    def _save_prefs(self, prefs: StayPreferences) -> None:
        occupant = self.shown.occupant
        self.shown.prefs = prefs
        if occupant is not None:
            ops.run(
                self.workspace.occupants.save_preferences(occupant.encounter_id, prefs),
                owner=self,
            )

    def choose_language(self, language: str) -> None:
        prefs = self.shown.prefs or StayPreferences()
        self._save_prefs(StayPreferences(language, prefs.text_size, prefs.high_contrast))
        if language != self.translations.language:
            self.translations.switch(language)
        self.display.show_choices(language, prefs.text_size, prefs.high_contrast)
        # Dish names and appointment texts come translated from the cache: read them again.
        self._load_patient(self._generation)

    def choose_text_size(self, text_size: str) -> None:
        prefs = self.shown.prefs or StayPreferences()
        chosen = StayPreferences(prefs.language, text_size, prefs.high_contrast)  # type: ignore[arg-type]
        self._save_prefs(chosen)
        self._apply_look(chosen)

    def choose_contrast(self, high: bool) -> None:
        prefs = self.shown.prefs or StayPreferences()
        chosen = StayPreferences(prefs.language, prefs.text_size, high)
        self._save_prefs(chosen)
        self._apply_look(chosen)

    def _apply_look(self, prefs: StayPreferences) -> None:
        sheet = patient_style_sheet(prefs.text_size, prefs.high_contrast)
        self.patient_area.setStyleSheet(sheet)
        self.no_patient.setStyleSheet(sheet)

    # Staff ----------------------------------------------------------------------------------------

    def open_staff(self) -> None:
        """The Staff button: the nurse sign-in. Patient mode's guard steps aside."""
        self.idle_timer.stop()
        self.guard.active = False
        self.staff_window.lock_screen.reset()
        self.top.setCurrentIndex(self.STAFF)

    def _badge_read(self, badge: str) -> None:
        if self.top.currentIndex() != self.STAFF:
            self.open_staff()
            self.staff_window.lock_screen.start_with_badge(badge)

    def leave_staff(self) -> None:
        """Staff locked or left: patient mode again, in the patient's own language."""
        if self.allow_close:
            return  # shutting down
        self.guard.active = True
        self.top.setCurrentIndex(
            self.PATIENT if self.shown.occupant is not None else self.NO_PATIENT
        )
        self._restore_language(self._patient_language())
        self.show_page(self.HOME)
        self.idle_timer.stop()
        self.refresh()

    # One refresh path ---------------------------------------------------------------------------

    def _data_changed(self, changed: Changes) -> None:
        # Any change may be the bed's: a new stay, a discharge, a menu, a choice saved here, or
        # its "waiting" turning into "sent" when the upload settles (the store says so too).
        del changed
        self.refresh_timer.start()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        if not self.allow_close:
            event.ignore()  # Alt+F4 or a window manager's close: patient mode stays
            return
        for timer in (self.idle_timer, self.refresh_timer, self.clock_timer):
            timer.stop()
        self._generation += 1  # answers still on their way are dropped
        self._leave_changes()
        self._leave_state()
        self._forget_patient()  # no countdown or reload reaches for a cache about to close
        if self.staff_window.staff is not None:
            self.staff_window.lock(LockReason.USER)
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.guard)
            app.removeEventFilter(self)
        self.staff_window.close()  # its badge reader leaves the application too
        super().closeEvent(event)

    def shut_down(self) -> None:
        """Close for real (the app is stopping); only code calls this, never a key."""
        self.allow_close = True
        self.close()

    @property
    def current_occupant(self) -> BedOccupant | None:
        return self.shown.occupant
