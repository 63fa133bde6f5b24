"""The care record tab: active problems, allergies with their reactions, flags and recent notes.

Owns how the chart shows :class:`bedside.services.chart.CareRecord`. Allergy severity and
criticality are words; "no known allergies" and "not recorded" are said differently.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

from bedside.services.chart import AllergyLine, AllergyStatus, CareRecord, ChartService
from bedside.ui import i18n
from bedside.ui.chart.base import ChartTab
from bedside.ui.i18n import translate
from bedside.ui.widgets import Chip, clear_layout_widgets, plain_label


def severity_word(code: str | None) -> str | None:
    return {
        "mild": translate("CareRecord", "mild"),
        "moderate": translate("CareRecord", "moderate"),
        "severe": translate("CareRecord", "severe"),
    }.get(code or "", code)


def criticality_word(code: str | None) -> str | None:
    return {
        "high": translate("CareRecord", "high risk"),
        "low": translate("CareRecord", "low risk"),
        "unable-to-assess": translate("CareRecord", "risk not assessed"),
    }.get(code or "", code)


class CareRecordTab(ChartTab):
    """Problems, allergies, flags and notes of the patient on screen."""

    WATCHES = frozenset({"Condition", "AllergyIntolerance", "Flag", "Patient"})

    def __init__(self, chart: ChartService) -> None:
        super().__init__()
        self.setObjectName("careRecordTab")
        self._chart = chart
        self._record: CareRecord | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        outer.addWidget(scroll)
        self.body = QWidget()
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setContentsMargins(24, 16, 24, 16)
        self.body_layout.setSpacing(12)
        self.body_layout.setAlignment(Qt.AlignmentFlag.AlignTop)
        scroll.setWidget(self.body)
        self.status = plain_label(name="status")
        self.body_layout.addWidget(self.status)
        self.sections = QWidget()
        self.sections_layout = QVBoxLayout(self.sections)
        self.sections_layout.setContentsMargins(0, 0, 0, 0)
        self.sections_layout.setSpacing(12)
        self.body_layout.addWidget(self.sections)

    def title(self) -> str:
        return translate("CareRecord", "Care record")

    def reload(self) -> None:
        context = self.context
        if context is None:
            return
        self.status.setText(translate("CareRecord", "Reading the record…"))
        self.read(
            self._chart.care_record(context.patient_id),
            self._show,
            lambda: self.status.setText(
                translate("CareRecord", "The care record could not be read from the cache.")
            ),
        )

    def _show(self, record: CareRecord) -> None:
        self._record = record
        self.retranslate()

    def clear(self) -> None:
        super().clear()
        self._record = None
        clear_layout_widgets(self.sections)
        self.status.setText("")

    def retranslate(self) -> None:
        record = self._record
        clear_layout_widgets(self.sections)
        if record is None:
            return
        self.status.setText("")
        add = self.sections_layout.addWidget
        add(self._section(translate("CareRecord", "Active problems"), self._conditions(record)))
        add(
            self._section(
                translate("CareRecord", "Allergies and intolerances"), self._allergies(record)
            )
        )
        add(self._section(translate("CareRecord", "Flags"), self._flags(record)))
        add(self._section(translate("CareRecord", "Recent notes"), self._notes(record)))

    def _section(self, heading: str, rows: list[QWidget]) -> QFrame:
        card = QFrame()
        card.setObjectName("card")
        layout = QVBoxLayout(card)
        layout.setContentsMargins(18, 12, 18, 14)
        layout.setSpacing(8)
        layout.addWidget(plain_label(heading, name="heading"))
        for row in rows:
            layout.addWidget(row)
        return card

    def _conditions(self, record: CareRecord) -> list[QWidget]:
        if not record.conditions:
            return [
                plain_label(translate("CareRecord", "No active problem recorded."), name="muted")
            ]
        rows: list[QWidget] = []
        for condition in record.conditions:
            line = condition.text
            if condition.onset is not None:
                line += " — " + translate("CareRecord", "since %1").replace(
                    "%1", i18n.date_text(condition.onset)
                )
            rows.append(plain_label(line, wrap=True))
            if condition.note:
                rows.append(plain_label(condition.note, name="muted", wrap=True))
        return rows

    def _allergies(self, record: CareRecord) -> list[QWidget]:
        if record.allergy_status == AllergyStatus.NOT_RECORDED:
            return [
                Chip(
                    translate(
                        "CareRecord", "? Allergies not recorded — ask the patient and record them"
                    ),
                    tone="warn",
                )
            ]
        if record.allergy_status == AllergyStatus.NO_KNOWN_ALLERGIES:
            return [Chip(translate("CareRecord", "✓ No known allergies (recorded)"), tone="ok")]
        rows: list[QWidget] = []
        for allergy in record.allergies:
            rows.append(plain_label(self._allergy_line(allergy), wrap=True))
            for reaction in allergy.reactions:
                words = ", ".join(reaction.manifestations) or translate("CareRecord", "reaction")
                severity = severity_word(reaction.severity)
                if severity:
                    words += f" ({severity})"
                rows.append(
                    plain_label(
                        "    " + translate("CareRecord", "Reaction: %1").replace("%1", words),
                        wrap=True,
                    )
                )
            if allergy.note:
                rows.append(plain_label("    " + allergy.note, name="muted", wrap=True))
        return rows

    @staticmethod
    def _allergy_line(allergy: AllergyLine) -> str:
        parts = ["⚠ " + allergy.substance]
        risk = criticality_word(allergy.criticality)
        if risk:
            parts.append(risk)
        if allergy.verification and allergy.verification != "confirmed":
            parts.append(
                {
                    "unconfirmed": translate("CareRecord", "unconfirmed"),
                    "refuted": translate("CareRecord", "refuted"),
                }.get(allergy.verification, allergy.verification)
            )
        return " — ".join(parts)

    def _flags(self, record: CareRecord) -> list[QWidget]:
        if not record.flags:
            return [plain_label(translate("CareRecord", "No active flag."), name="muted")]
        rows: list[QWidget] = []
        for flag in record.flags:
            line = "⚑ " + flag.text
            if flag.since is not None:
                line += " — " + translate("CareRecord", "since %1").replace(
                    "%1", i18n.date_text(flag.since)
                )
            rows.append(plain_label(line, wrap=True))
        return rows

    def _notes(self, record: CareRecord) -> list[QWidget]:
        if not record.notes:
            return [plain_label(translate("CareRecord", "No recent note."), name="muted")]
        rows: list[QWidget] = []
        for note in record.notes:
            head = " · ".join(
                part
                for part in (
                    i18n.datetime_text(note.at) if note.at else None,
                    note.author,
                )
                if part
            )
            if head:
                rows.append(plain_label(head, name="muted"))
            rows.append(plain_label(note.text, wrap=True))
        return rows
