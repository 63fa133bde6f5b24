"""Patient mode's home screen: two big tiles — my meals, my day — each saying what is next.

Owns the tiles and their one-line summaries. The summaries come from the same meal plan and
timeline the other pages show, so home never says something the meal page would contradict.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from bedside.services.meal_plan import MealPlan
from bedside.services.meal_rules import SittingStateKind
from bedside.services.schedule import TimelineItem, TimelineKind
from bedside.ui import i18n, icons
from bedside.ui.i18n import translate
from bedside.ui.meal_words import day_word, moment_text, nil_by_mouth_text, service_name
from bedside.ui.widgets import Retranslatable, plain_label

TILE_ICON_PX = 72
TILE_MIN_PX = 200


class Tile(QPushButton):
    """A large pressable card: an icon, a title and a few lines of what is next."""

    def __init__(self, icon_name: str, name: str) -> None:
        super().__init__()
        self.setObjectName("tile")
        self.setProperty("tile", name)
        self.setMinimumHeight(TILE_MIN_PX)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        row = QHBoxLayout(self)
        row.setContentsMargins(24, 20, 24, 20)
        row.setSpacing(20)
        self.picture = QLabel()
        self.picture.setPixmap(icons.pixmap(icon_name, TILE_ICON_PX))
        self.picture.setFixedSize(TILE_ICON_PX, TILE_ICON_PX)
        row.addWidget(self.picture, 0, Qt.AlignmentFlag.AlignTop)
        column = QVBoxLayout()
        column.setSpacing(8)
        self.title = plain_label(name="tileTitle", wrap=True)
        self.lines = plain_label(name="tileLines", wrap=True)
        self.note = plain_label(name="tileNote", wrap=True)
        column.addWidget(self.title)
        column.addWidget(self.lines)
        column.addWidget(self.note)
        column.addStretch(1)
        row.addLayout(column, 1)
        for label in (self.picture, self.title, self.lines, self.note):
            # The whole card is the button: a touch on its words presses it.
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    def show_text(self, title: str, lines: str, note: str = "", tone: str = "info") -> None:
        self.title.setText(title)
        self.lines.setText(lines)
        self.lines.setVisible(bool(lines))
        self.note.setText(note)
        self.note.setVisible(bool(note))
        if self.note.property("tone") != tone:
            self.note.setProperty("tone", tone)
            self.note.style().unpolish(self.note)
            self.note.style().polish(self.note)
        self.setAccessibleName(". ".join(t for t in (title, lines, note) if t))
        self._fit()

    def _fit(self) -> None:
        # A button does not grow with the layout inside it: size the card to its words.
        layout = self.layout()
        if layout is not None:
            needed = layout.totalHeightForWidth(max(self.width(), 300))
            self.setMinimumHeight(max(TILE_MIN_PX, needed))

    def resizeEvent(self, event: object) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)  # type: ignore[arg-type]
        self._fit()


class HomePage(Retranslatable, QWidget):
    """The two tiles; ``open_meals`` / ``open_schedule`` when pressed."""

    open_meals = Signal()
    open_schedule = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("homePage")
        self.plan: MealPlan | None = None
        self.timeline: list[TimelineItem] | None = None
        self._now: datetime | None = None
        self._today: date | None = None
        grid = QGridLayout(self)
        grid.setContentsMargins(32, 28, 32, 28)
        grid.setSpacing(24)
        self.meals_tile = Tile("meals", "meals")
        self.meals_tile.clicked.connect(self.open_meals)
        self.day_tile = Tile("schedule", "schedule")
        self.day_tile.clicked.connect(self.open_schedule)
        self._grid = grid
        self._place(wide=True)
        grid.setRowStretch(2, 1)

    def _place(self, *, wide: bool) -> None:
        for tile in (self.meals_tile, self.day_tile):
            self._grid.removeWidget(tile)
        if wide:
            self._grid.addWidget(self.meals_tile, 0, 0)
            self._grid.addWidget(self.day_tile, 0, 1)
        else:
            self._grid.addWidget(self.meals_tile, 0, 0)
            self._grid.addWidget(self.day_tile, 1, 0)

    def resizeEvent(self, event: object) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)  # type: ignore[arg-type]
        self._place(wide=self.width() >= 1000)

    def show_state(
        self,
        plan: MealPlan | None,
        timeline: list[TimelineItem] | None,
        now: datetime,
        today: date,
    ) -> None:
        self.plan, self.timeline, self._now, self._today = plan, timeline, now, today
        self.retranslate()

    def clear(self) -> None:
        self.plan, self.timeline = None, None
        self.retranslate()

    def retranslate(self) -> None:
        self._meals_text()
        self._day_text()

    def _meals_text(self) -> None:
        title = translate("PatientHome", "My meals")
        plan, today = self.plan, self._today
        if plan is None or today is None:
            self.meals_tile.show_text(title, translate("PatientHome", "Loading…"))
            return
        if not plan.rules.has_order:
            self.meals_tile.show_text(
                title,
                "",
                translate("PatientHome", "Your diet has not been set yet. Please ask your nurse."),
                "warn",
            )
            return
        lines: list[str] = []
        note, tone = "", "info"
        for item in plan.sittings[:3]:
            sitting = item.sitting
            when = f"{service_name(sitting.service)}, {day_word(sitting.day, today).lower()}"
            if item.state.kind is SittingStateKind.NIL_BY_MOUTH and item.state.nil_by_mouth:
                lines.append(f"{when}: ⊘ " + translate("PatientHome", "nothing to eat"))
                if not note:
                    note, tone = nil_by_mouth_text(item.state.nil_by_mouth, today), "alert"
            elif item.choice is not None:
                dish = item.choice.dish_title or translate("PatientHome", "chosen")
                lines.append(f"{when}: ✓ {dish}")
            elif item.state.kind is SittingStateKind.OPEN:
                lines.append(
                    f"{when}: "
                    + translate("PatientHome", "choose by %1").replace(
                        "%1", moment_text(sitting.cutoff, today)
                    )
                )
            elif item.state.kind is SittingStateKind.CLOSED:
                lines.append(f"{when}: " + translate("PatientHome", "choices closed"))
        if not note:
            open_without_choice = [
                i for i in plan.sittings if i.state.kind is SittingStateKind.OPEN and not i.choice
            ]
            if open_without_choice:
                note = translate("PatientHome", "Tap here to choose your meals.")
            else:
                note, tone = translate("PatientHome", "Nothing to choose right now."), "neutral"
        self.meals_tile.show_text(title, "\n".join(lines), note, tone)

    def _day_text(self) -> None:
        title = translate("PatientHome", "My day")
        timeline, now, today = self.timeline, self._now, self._today
        if timeline is None or now is None or today is None:
            self.day_tile.show_text(title, translate("PatientHome", "Loading…"))
            return
        coming = [
            item
            for item in timeline
            if item.kind is not TimelineKind.MEAL and (item.end or item.start) >= now
        ]
        if not coming:
            self.day_tile.show_text(
                title,
                translate("PatientHome", "No appointments today or tomorrow."),
                translate("PatientHome", "Tap here to see your meal times."),
                "neutral",
            )
            return
        lines = []
        for item in coming[:3]:
            when = moment_text(item.start, today)
            what = item.title or translate("PatientHome", "Appointment")
            if item.kind is TimelineKind.PREPARATION:
                what = translate("PatientHome", "Start fasting")
            lines.append(f"{when[:1].upper()}{when[1:]}: {what}")
        preparation = next((i for i in coming if i.kind is TimelineKind.PREPARATION), None)
        note, tone = "", "info"
        if preparation is not None:
            note = translate("PatientHome", "Preparation: %1").replace(
                "%1",
                preparation.instruction
                or translate("PatientHome", "nothing to eat or drink from %1").replace(
                    "%1", i18n.time_text(preparation.start)
                ),
            )
            tone = "alert"
        self.day_tile.show_text(title, "\n".join(lines), note, tone)
