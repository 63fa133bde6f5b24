"""The appointments tab: today and tomorrow, each appointment with what the patient must do first.

Owns how :class:`bedside.services.appointments.AppointmentLine` is shown: two headed lists
("Today, Tuesday 24 November 2026", "Tomorrow, …"), each appointment with its time span, what,
where, with whom, the preparation instruction highlighted with a symbol, and the comment
(transport) — all server text as sent, in the current language when the EHR sent a translation.
"Nothing planned" when a day is empty. A language switch reads again, since the service picks
the translation.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from bedside.services.appointments import AppointmentLine, AppointmentService
from bedside.services.clock import system_clock
from bedside.ui import i18n
from bedside.ui.chart.base import ChartTab
from bedside.ui.chart.words import card, list_text, say, server_label
from bedside.ui.i18n import translate
from bedside.ui.widgets import clear_layout_widgets, plain_label

DAYS_SHOWN = 2  # today and tomorrow


def system_today() -> date:
    """Today on the tablet's clock, in the zone the times on screen are written in."""
    return i18n.local_time(system_clock()).date()


def span_text(line: AppointmentLine) -> str:
    """``14:30–15:00``, or only the start, or a word when the EHR gave no time."""
    if line.start is None:
        return translate("AppointmentsTab", "Time not set")
    start = i18n.time_text(line.start)
    if line.end is None:
        return start
    return f"{start}–{i18n.time_text(line.end)}"


def status_word(code: str) -> str:
    """A word for every status but "booked" (the usual case says nothing)."""
    return {
        "proposed": translate("AppointmentsTab", "Proposed"),
        "pending": translate("AppointmentsTab", "Not confirmed yet"),
        "arrived": translate("AppointmentsTab", "Patient arrived"),
        "fulfilled": translate("AppointmentsTab", "✓ Done"),
        "checked-in": translate("AppointmentsTab", "Checked in"),
        "waitlist": translate("AppointmentsTab", "On the waiting list"),
    }.get(code, "")


def day_heading(day: date, today: date) -> str:
    long_date = i18n.date_text(day, long=True)
    if day == today:
        return translate("AppointmentsTab", "Today, %1").replace("%1", long_date)
    if day == today + timedelta(days=1):
        return translate("AppointmentsTab", "Tomorrow, %1").replace("%1", long_date)
    return long_date


class AppointmentsTab(ChartTab):
    """Today's and tomorrow's appointments of the patient on screen."""

    WATCHES = frozenset({"Appointment"})

    def __init__(
        self,
        appointments: AppointmentService,
        language: Callable[[], str],
        *,
        today: Callable[[], date] = system_today,
    ) -> None:
        super().__init__()
        self.setObjectName("appointmentsTab")
        self._appointments = appointments
        self._language = language
        self._today = today
        self._shown: tuple[date, str, list[AppointmentLine]] | None = None
        layout = self.scroll_body()
        self.status = plain_label(name="status", wrap=True)
        self.status.hide()
        layout.addWidget(self.status)
        self.add_sections(layout)

    def title(self) -> str:
        return translate("AppointmentsTab", "Appointments")

    def reload(self) -> None:
        context = self.context
        if context is None:
            return
        language = self._language()
        today = self._today()
        self.read_saying(
            self._appointments.for_days(context.patient_id, today, DAYS_SHOWN, language=language),
            lambda lines: self._show(today, language, lines),
            status=self.status,
            reading=None
            if self._shown is not None
            else translate("AppointmentsTab", "Reading the appointments…"),
            failed=translate(
                "AppointmentsTab", "The appointments could not be read from the cache."
            ),
        )

    def _show(self, today: date, language: str, lines: list[AppointmentLine]) -> None:
        self._shown = (today, language, lines)
        self._draw()

    def clear(self) -> None:
        super().clear()
        self._shown = None
        clear_layout_widgets(self.sections)
        say(self.status, "")

    def retranslate(self) -> None:
        self._draw()
        shown = self._shown
        if shown is not None and shown[1] != self._language():
            self.reload()  # the EHR's own translations follow the language too

    def _draw(self) -> None:
        clear_layout_widgets(self.sections)
        shown = self._shown
        if shown is None:
            return
        today, _language, lines = shown
        say(self.status, "")
        for offset in range(DAYS_SHOWN):
            day = today + timedelta(days=offset)
            frame, layout = card(day_heading(day, today))
            todays = [line for line in lines if self._day_of(line, today) == day]
            if not todays:
                layout.addWidget(
                    plain_label(translate("AppointmentsTab", "Nothing planned"), name="muted")
                )
            for line in todays:
                layout.addWidget(self._row(line))
            self.sections_layout.addWidget(frame)

    @staticmethod
    def _day_of(line: AppointmentLine, today: date) -> date:
        # The service gives times in the ward's zone: their date is the ward's day. One that
        # began before today (a long session) or has no time is still today's business.
        if line.start is None:
            return today
        return max(line.start.date(), today)

    def _row(self, line: AppointmentLine) -> QWidget:
        row = QFrame()
        row.setObjectName("appointment")
        row.setStyleSheet("#appointment { border-top: 1px solid #cfd6df; }")
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 10, 0, 6)
        layout.setSpacing(18)
        span = plain_label(span_text(line), name="appointmentTime")
        span.setStyleSheet("font-weight: 700;")
        span.setMinimumWidth(130)
        span.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(span, 0, Qt.AlignmentFlag.AlignTop)
        facts = QVBoxLayout()
        facts.setSpacing(4)
        what = line.what or line.description or translate("AppointmentsTab", "Appointment")
        title = server_label(what, name="appointmentWhat")
        title.setStyleSheet("font-weight: 700;")
        facts.addWidget(title)
        if line.description and line.description != what:
            facts.addWidget(server_label(line.description))
        status = status_word(line.status)
        if status:
            facts.addWidget(server_label(status, name="muted"))
        if line.where:
            facts.addWidget(
                server_label(translate("AppointmentsTab", "Where: %1").replace("%1", line.where))
            )
        if line.with_whom:
            facts.addWidget(
                server_label(
                    translate("AppointmentsTab", "With: %1").replace(
                        "%1", list_text(list(line.with_whom))
                    )
                )
            )
        if line.instruction:
            instruction = server_label(
                translate("AppointmentsTab", "⚠ Before: %1").replace("%1", line.instruction),
                name="instruction",
            )
            instruction.setStyleSheet(
                "background: #fff0c2; color: #6b4700; border-radius: 6px; padding: 6px 10px;"
                " font-weight: 600;"
            )
            facts.addWidget(instruction)
        if line.comment:
            facts.addWidget(server_label(line.comment, name="muted"))
        layout.addLayout(facts, 1)
        return row
