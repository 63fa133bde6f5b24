"""The results tab: laboratory reports, newest first, and the critical values a nurse acknowledges.

Owns how :class:`bedside.services.results.ResultGroup` lines are shown: name, value and unit
(numbers verbatim with the language's decimal separator), reference range, and the interpretation
as a word + symbol + tone ("↑ High", "⚠ Critically high" — "(from the range)" when the service
derived it). Critical values not yet acknowledged are listed first in a banner at the top; each
critical line carries an "Acknowledge" button until a nurse has acknowledged it, then says who
and when. The acknowledgement itself is the service's (a Task event in the outbox).
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from bedside.services.results import Interpretation, ResultGroup, ResultLine, ResultsService
from bedside.ui import i18n, ops
from bedside.ui.chart.base import ChartTab
from bedside.ui.chart.words import card, say, server_label
from bedside.ui.i18n import translate
from bedside.ui.widgets import Chip, clear_layout_widgets, plain_label, touch_button

# A value is a number (shown with the locale's separator) when it is a plain decimal, maybe
# behind a comparator ("<5"); anything else is server text and shown exactly as sent.
_NUMBER = re.compile(r"^(?P<comparator><=|>=|<|>)?\s*(?P<number>[+-]?\d+(?:\.\d+)?)$")


def value_text(line: ResultLine) -> str:
    """Value and unit, ``6,8 mmol/L`` in French; a text value as sent."""
    value = line.value
    if value is None:
        return translate("ResultsTab", "no value")
    match = _NUMBER.match(value.strip())
    if match is not None:
        value = (match.group("comparator") or "") + i18n.number(match.group("number"))
    return f"{value} {line.unit}" if line.unit else value


def _number_or_text(value: str) -> str:
    match = _NUMBER.match(value.strip())
    return i18n.number(value.strip()) if match and not match.group("comparator") else value


def range_text(line: ResultLine) -> str:
    """The reference range ("3.5–5.1", "≤ 5"), "" when the result has none."""
    if line.low is not None and line.high is not None:
        span = f"{_number_or_text(line.low)}–{_number_or_text(line.high)}"
    elif line.high is not None:
        span = "≤ " + _number_or_text(line.high)
    elif line.low is not None:
        span = "≥ " + _number_or_text(line.low)
    elif line.range_text:
        span = line.range_text
    else:
        return ""
    return span


def interpretation_chip(line: ResultLine) -> tuple[str, str]:
    """(word with symbol, tone) for the line's interpretation; ("", "neutral") when unknown."""
    words = {
        Interpretation.NORMAL: (translate("ResultsTab", "✓ Normal"), "ok"),
        Interpretation.LOW: (translate("ResultsTab", "↓ Low"), "warn"),
        Interpretation.HIGH: (translate("ResultsTab", "↑ High"), "warn"),
        Interpretation.CRITICAL_LOW: (translate("ResultsTab", "⚠ Critically low"), "critical"),
        Interpretation.CRITICAL_HIGH: (translate("ResultsTab", "⚠ Critically high"), "critical"),
        Interpretation.ABNORMAL: (translate("ResultsTab", "! Abnormal"), "alert"),
        Interpretation.CRITICAL: (translate("ResultsTab", "⚠ Critical"), "critical"),
    }
    found = words.get(line.interpretation)
    if found is None:
        return "", "neutral"
    text, tone = found
    if line.derived:
        text = translate("ResultsTab", "%1 (from the range)").replace("%1", text)
    return text, tone


def status_word(code: str | None) -> str:
    return {
        "registered": translate("ResultsTab", "Registered"),
        "partial": translate("ResultsTab", "Partial"),
        "preliminary": translate("ResultsTab", "Preliminary"),
        "final": translate("ResultsTab", "Final"),
        "amended": translate("ResultsTab", "Amended"),
        "corrected": translate("ResultsTab", "Corrected"),
        "appended": translate("ResultsTab", "Appended"),
        "cancelled": translate("ResultsTab", "Cancelled"),
        "entered-in-error": translate("ResultsTab", "Entered in error"),
        "unknown": translate("ResultsTab", "Status unknown"),
    }.get(code or "", code or "")


def acknowledged_text(line: ResultLine) -> str:
    ack = line.acknowledgement
    if ack is None:
        return ""
    if ack.by_name:
        return (
            translate("ResultsTab", "✓ Acknowledged by %1 at %2")
            .replace("%1", ack.by_name)
            .replace("%2", i18n.time_text(ack.at))
        )
    return translate("ResultsTab", "✓ Acknowledged at %1").replace("%1", i18n.time_text(ack.at))


class ResultsTab(ChartTab):
    """Laboratory results of the patient on screen, critical values first."""

    WATCHES = frozenset({"Observation", "DiagnosticReport", "Task"})

    def __init__(self, results: ResultsService) -> None:
        super().__init__()
        self.setObjectName("resultsTab")
        self._results = results
        self._groups: list[ResultGroup] | None = None
        self._acknowledging: set[str] = set()  # observation ids with a request under way
        self.acknowledge_buttons: dict[str, list[QPushButton]] = {}
        layout = self.scroll_body()
        self.status = plain_label(name="status", wrap=True)
        self.status.hide()
        self.message = plain_label(name="message", wrap=True)
        self.message.hide()
        layout.addWidget(self.status)
        layout.addWidget(self.message)
        self.add_sections(layout)

    def title(self) -> str:
        return translate("ResultsTab", "Results")

    # Reading -----------------------------------------------------------------------------------

    def reload(self) -> None:
        context = self.context
        if context is None:
            return
        self.read_saying(
            self._results.results(context.patient_id),
            self._show,
            status=self.status,
            reading=None
            if self._groups is not None
            else translate("ResultsTab", "Reading the results…"),
            failed=translate("ResultsTab", "The results could not be read from the cache."),
        )

    def _show(self, groups: list[ResultGroup]) -> None:
        self._groups = groups
        self.retranslate()

    def clear(self) -> None:
        super().clear()
        self._groups = None
        self._acknowledging.clear()
        self.acknowledge_buttons = {}
        clear_layout_widgets(self.sections)
        say(self.status, "")
        say(self.message, "")

    # Acknowledging -----------------------------------------------------------------------------

    def acknowledge(self, observation_id: str) -> None:
        """Record that the signed-in nurse has seen the critical result ``observation_id``."""
        context = self.context
        if context is None or observation_id in self._acknowledging:
            return
        self._acknowledging.add(observation_id)
        for button in self.acknowledge_buttons.get(observation_id, []):
            button.setEnabled(False)
        self.message.setProperty("tone", "")
        say(self.message, translate("ResultsTab", "Recording the acknowledgement…"))
        patient_id = context.patient_id
        ops.run(
            self._results.acknowledge(
                observation_id,
                practitioner_id=context.staff_id,
                practitioner_name=context.staff_name,
            ),
            owner=self,
            on_done=lambda _: self._acknowledged(observation_id, patient_id),
            on_error=lambda _: self._not_acknowledged(observation_id),
        )

    def _acknowledged(self, observation_id: str, patient_id: str) -> None:
        self._acknowledging.discard(observation_id)
        if self.context is None or self.context.patient_id != patient_id:
            return
        # No reload here: the store announces the Task, and the chart passes it on (data_changed).
        self._set_message(translate("ResultsTab", "✓ Acknowledgement recorded."), "ok")

    def _not_acknowledged(self, observation_id: str) -> None:
        self._acknowledging.discard(observation_id)
        if self.context is None:
            return
        for button in self.acknowledge_buttons.get(observation_id, []):
            button.setEnabled(True)
        self._set_message(
            translate("ResultsTab", "⚠ The acknowledgement could not be recorded. Try again."),
            "danger",
        )

    def _set_message(self, text: str, tone: str) -> None:
        self.message.setProperty("tone", tone)
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        say(self.message, text)

    # Drawing -----------------------------------------------------------------------------------

    def retranslate(self) -> None:
        groups = self._groups
        clear_layout_widgets(self.sections)
        self.acknowledge_buttons = {}
        if groups is None:
            return
        say(self.status, "")
        if not groups:
            say(self.status, translate("ResultsTab", "No laboratory results in the cache."))
            return
        pending = [
            line
            for group in groups
            for line in group.lines
            if line.critical and line.acknowledgement is None
        ]
        if pending:
            self.sections_layout.addWidget(self._critical_banner(pending))
        for group in groups:
            self.sections_layout.addWidget(self._group_card(group))

    def _critical_banner(self, lines: list[ResultLine]) -> QFrame:
        banner = QFrame()
        banner.setObjectName("criticalBanner")
        banner.setStyleSheet(
            "#criticalBanner { background: #fbdede; border: 2px solid #9b1515;"
            " border-radius: 10px; }"
        )
        layout = QVBoxLayout(banner)
        layout.setContentsMargins(18, 12, 18, 14)
        layout.setSpacing(8)
        count = len(lines)
        heading = plain_label(
            translate("ResultsTab", "⚠ %n critical result(s) to acknowledge", None, count),
            name="heading",
            wrap=True,
        )
        heading.setStyleSheet("color: #9b1515;")
        layout.addWidget(heading)
        for line in lines:
            row = QHBoxLayout()
            row.setSpacing(12)
            parts = [line.name, value_text(line), interpretation_chip(line)[0]]
            if line.effective is not None:
                parts.append(i18n.datetime_text(line.effective))
            row.addWidget(server_label(" · ".join(p for p in parts if p)), 1)
            row.addWidget(self._acknowledge_button(line, "acknowledgeFromBanner"))
            layout.addLayout(row)
        return banner

    def _group_card(self, group: ResultGroup) -> QFrame:
        frame, layout = card(group.title or translate("ResultsTab", "Other results"))
        when = group.effective or group.issued
        facts = []
        if when is not None:
            facts.append(
                translate("ResultsTab", "Taken %1").replace("%1", i18n.datetime_text(when))
            )
        status = status_word(group.status)
        if status:
            facts.append(status)
        if facts:
            layout.addWidget(plain_label(" · ".join(facts), name="muted", wrap=True))
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(8)
        for column, stretch in enumerate((3, 2, 2, 3)):
            grid.setColumnStretch(column, stretch)
        headings = (
            translate("ResultsTab", "Test"),
            translate("ResultsTab", "Result"),
            translate("ResultsTab", "Normal range"),
            translate("ResultsTab", "Interpretation"),
        )
        for column, heading in enumerate(headings):
            grid.addWidget(plain_label(heading, name="muted"), 0, column)
        for row, line in enumerate(group.lines, start=1):
            self._add_line(grid, row, line)
        layout.addLayout(grid)
        return frame

    def _add_line(self, grid: QGridLayout, row: int, line: ResultLine) -> None:
        middle = Qt.AlignmentFlag.AlignVCenter
        grid.addWidget(server_label(line.name, name="resultName"), row, 0, middle)
        value = server_label(value_text(line), name="resultValue")
        if line.abnormal or line.critical:
            value.setStyleSheet("font-weight: 700;")
        grid.addWidget(value, row, 1, middle)
        grid.addWidget(server_label(range_text(line), name="muted"), row, 2, middle)
        text, tone = interpretation_chip(line)
        cell = QWidget()
        cell_layout = QVBoxLayout(cell)
        cell_layout.setContentsMargins(0, 0, 0, 0)
        cell_layout.setSpacing(6)
        cell_layout.addWidget(
            Chip(text, tone=tone, name="interpretation"), 0, Qt.AlignmentFlag.AlignLeft
        )
        if line.critical:
            if line.acknowledgement is None:
                action: QWidget = self._acknowledge_button(line, "acknowledge")
            else:
                action = server_label(acknowledged_text(line), name="acknowledged")
                action.setStyleSheet("color: #17602f; font-weight: 600;")
            cell_layout.addWidget(action, 0, Qt.AlignmentFlag.AlignLeft)
        grid.addWidget(cell, row, 3, middle)

    def _acknowledge_button(self, line: ResultLine, name: str) -> QPushButton:
        button = touch_button(
            translate("ResultsTab", "Acknowledge"),
            name=name,
            kind="primary",
            accessible=translate("ResultsTab", "Acknowledge the critical result %1").replace(
                "%1", line.name
            ),
        )
        button.setMinimumWidth(button.sizeHint().width())  # never clipped on a narrow screen
        button.setEnabled(line.observation_id not in self._acknowledging)
        observation_id = line.observation_id
        button.clicked.connect(lambda _=False: self.acknowledge(observation_id))
        self.acknowledge_buttons.setdefault(observation_id, []).append(button)
        return button
