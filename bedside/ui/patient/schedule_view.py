"""Patient mode's "My day": today and tomorrow as a timeline, in plain words.

Owns the drawing of :class:`bedside.services.schedule.TimelineItem` rows: appointments (what,
when, where, with whom, how to prepare), the start of fasting, and meal times with the dish
chosen. Appointment texts come from the EHR (already in the patient's language when it sent a
translation) and are plain text.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from bedside.services.schedule import TimelineItem, TimelineKind
from bedside.ui import i18n, icons
from bedside.ui.i18n import translate
from bedside.ui.meal_words import day_word, moment_text, service_name
from bedside.ui.widgets import Retranslatable, clear_layout_widgets, plain_label

ROW_ICON_PX = 40


def _row(item: TimelineItem, today: date, now: datetime) -> QFrame:
    frame = QFrame()
    frame.setObjectName("timelineRow")
    row = QHBoxLayout(frame)
    row.setContentsMargins(0, 10, 0, 10)
    row.setSpacing(14)
    clock = plain_label(i18n.time_text(item.start), name="timeLabel")
    clock.setMinimumWidth(86)
    clock.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
    row.addWidget(clock)
    picture = QLabel()
    name = {
        TimelineKind.APPOINTMENT: "appointment",
        TimelineKind.PREPARATION: "fasting",
        TimelineKind.MEAL: "meals",
    }[item.kind]
    picture.setPixmap(icons.pixmap(name, ROW_ICON_PX))
    picture.setFixedSize(ROW_ICON_PX, ROW_ICON_PX)
    row.addWidget(picture, 0, Qt.AlignmentFlag.AlignTop)
    words = QVBoxLayout()
    words.setSpacing(4)
    lines: list[tuple[str, str]] = []
    if item.kind is TimelineKind.MEAL:
        title = service_name(item.service or "")
        if item.nil_by_mouth and item.blocked_until is None:
            lines.append(
                (
                    "instruction",
                    "⊘ "
                    + translate(
                        "PatientSchedule", "Nothing to eat or drink until your care team says so"
                    ),
                )
            )
        elif item.blocked_until is not None:
            lines.append(
                (
                    "instruction",
                    "⊘ "
                    + translate("PatientSchedule", "Nothing to eat or drink until %1").replace(
                        "%1", moment_text(item.blocked_until, today)
                    ),
                )
            )
        elif item.dish_title:
            lines.append(
                (
                    "muted",
                    "✓ "
                    + translate("PatientSchedule", "Your choice: %1").replace(
                        "%1", item.dish_title
                    ),
                )
            )
        elif item.start >= now:  # a past meal without a choice needs no words
            lines.append(("muted", translate("PatientSchedule", "No dish chosen yet")))
    elif item.kind is TimelineKind.PREPARATION:
        title = translate("PatientSchedule", "Start fasting: nothing to eat or drink")
        if item.title:
            lines.append(
                (
                    "muted",
                    translate("PatientSchedule", "To prepare for: %1").replace("%1", item.title),
                )
            )
    else:
        title = item.title or translate("PatientSchedule", "Appointment")
        if item.end is not None:
            lines.append(
                (
                    "muted",
                    translate("PatientSchedule", "Until %1").replace(
                        "%1", i18n.time_text(item.end)
                    ),
                )
            )
        if item.where:
            lines.append(
                ("muted", translate("PatientSchedule", "Where: %1").replace("%1", item.where))
            )
        if item.with_whom:
            lines.append(
                (
                    "muted",
                    translate("PatientSchedule", "With: %1").replace(
                        "%1", ", ".join(item.with_whom)
                    ),
                )
            )
        if item.instruction:
            lines.append(
                (
                    "instruction",
                    translate("PatientSchedule", "To prepare: %1").replace("%1", item.instruction),
                )
            )
    words.addWidget(plain_label(title, name="itemTitle", wrap=True))
    for style_name, text in lines:
        words.addWidget(plain_label(text, name=style_name, wrap=True))
    row.addLayout(words, 1)
    past = (item.end or item.start) < now
    if past:
        frame.setProperty("past", "yes")
    frame.setAccessibleName(
        ". ".join([i18n.time_text(item.start), title, *(text for _, text in lines)])
    )
    return frame


class SchedulePage(Retranslatable, QWidget):
    """Today and tomorrow side by side (one above the other on a portrait tablet)."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("schedulePage")
        self.items: list[TimelineItem] | None = None
        self._today: date | None = None
        self._now: datetime | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(28, 20, 28, 20)
        outer.setSpacing(12)
        self.title = plain_label(name="pageTitle")
        outer.addWidget(self.title)
        self.status = plain_label(name="muted", wrap=True)
        outer.addWidget(self.status)
        body = QWidget()
        self.days = QBoxLayout(QBoxLayout.Direction.LeftToRight, body)
        self.days.setContentsMargins(0, 0, 0, 0)
        self.days.setSpacing(20)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        self._body = body

    def show_timeline(self, items: list[TimelineItem], now: datetime, today: date) -> None:
        self.items, self._now, self._today = items, now, today
        self.retranslate()

    def clear(self) -> None:
        self.items = None
        clear_layout_widgets(self._body)
        self.status.clear()

    def resizeEvent(self, event: object) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)  # type: ignore[arg-type]
        wide = self.width() >= 1000
        self.days.setDirection(
            QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        )

    def retranslate(self) -> None:
        self.title.setText(translate("PatientSchedule", "My day"))
        clear_layout_widgets(self._body)
        items, today, now = self.items, self._today, self._now
        if items is None or today is None or now is None:
            self.status.setText(translate("PatientSchedule", "Loading…"))
            return
        self.status.setText(
            translate(
                "PatientSchedule",
                "Times can change. Your nurse will tell you if they do.",
            )
        )
        for offset in range(2):
            day = today + timedelta(days=offset)
            column = QFrame()
            column.setObjectName("timelineDay")
            layout = QVBoxLayout(column)
            layout.setContentsMargins(20, 16, 20, 16)
            layout.setSpacing(0)
            heading = f"{day_word(day, today)} — {i18n.weekday_text(day)} {i18n.date_text(day)}"
            layout.addWidget(plain_label(heading, name="pageTitle", wrap=True))
            rows = [item for item in items if i18n.local_time(item.start).date() == day]
            if not rows:
                layout.addWidget(
                    plain_label(translate("PatientSchedule", "Nothing planned."), name="muted")
                )
            for item in rows:
                layout.addWidget(_row(item, today, now))
            layout.addStretch(1)
            self.days.addWidget(column, 1)
