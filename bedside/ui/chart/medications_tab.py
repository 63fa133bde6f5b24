"""The prescriptions tab: what the patient is prescribed, and today's doses with their state.

Owns how :class:`bedside.services.medications.MedicationLine` is shown: active prescriptions,
then those on hold (marked "On hold"), each with medication, dose, route, rhythm in words
(:func:`bedside.ui.chart.words.frequency_text`), PRN ("As needed" with its reason and maximum),
the time-critical mark and the prescriber's instruction exactly as sent; under it, today's doses
as chips — clock time + state word + symbol (○ Upcoming, ● Due, ⚠ Late, ✕ Missed, ✓ Given…;
symbols that the stock fonts draw, unlike ⏰/⏸). A summary on top counts what needs doing now.
Recording an administration is a later screen: nothing here writes.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QWidget

from bedside.services.medications import DoseState, MedicationLine, MedicationService, ScheduledDose
from bedside.ui import i18n
from bedside.ui.chart.base import ChartTab
from bedside.ui.chart.words import (
    card,
    frequency_text,
    local_numbers,
    route_word,
    say,
    server_label,
)
from bedside.ui.i18n import translate
from bedside.ui.widgets import Chip, FlowLayout, clear_layout_widgets, plain_label


def dose_state_chip(state: DoseState) -> tuple[str, str]:
    """(symbol + word, tone) of one scheduled dose's state."""
    return {
        DoseState.UPCOMING: (translate("MedicationsTab", "○ Upcoming"), "neutral"),
        DoseState.DUE: (translate("MedicationsTab", "● Due"), "info"),
        DoseState.LATE: (translate("MedicationsTab", "⚠ Late"), "danger"),
        DoseState.MISSED: (translate("MedicationsTab", "✕ Missed"), "critical"),
        DoseState.GIVEN: (translate("MedicationsTab", "✓ Given"), "ok"),
        DoseState.NOT_GIVEN: (translate("MedicationsTab", "⊘ Not given"), "warn"),
        DoseState.HELD: (translate("MedicationsTab", "‖ On hold"), "neutral"),
    }.get(state, (str(state), "neutral"))


def dose_chip_text(dose: ScheduledDose) -> str:
    return f"{i18n.time_text(dose.at)}  {dose_state_chip(dose.state)[0]}"


def summary_text(lines: list[MedicationLine]) -> tuple[str, str]:
    """("2 due now, 1 late", tone) over today's doses of every prescription."""
    states = [dose.state for line in lines for dose in line.doses_today]
    due = states.count(DoseState.DUE)
    late = states.count(DoseState.LATE)
    missed = states.count(DoseState.MISSED)
    parts = [
        translate("MedicationsTab", "%n due now", None, due),
        translate("MedicationsTab", "%n late", None, late),
    ]
    if missed:
        parts.append(translate("MedicationsTab", "%n missed", None, missed))
    if late or missed:
        return "⚠ " + ", ".join(parts), "danger"
    if due:
        return "● " + ", ".join(parts), "info"
    return "✓ " + ", ".join(parts), "ok"


def details_text(line: MedicationLine) -> str:
    """Dose · route · rhythm, as much as the order says."""
    route = route_word(line.route_codes, line.route)
    parts = [local_numbers(line.dose or ""), route, frequency_text(line.frequency)]
    return " · ".join(part for part in parts if part)


class MedicationsTab(ChartTab):
    """Prescriptions of the patient on screen and today's doses."""

    WATCHES = frozenset({"MedicationRequest", "MedicationAdministration", "Medication"})

    def __init__(self, medications: MedicationService) -> None:
        super().__init__()
        self.setObjectName("medicationsTab")
        self._medications = medications
        self._lines: list[MedicationLine] | None = None
        layout = self.scroll_body()
        self.status = plain_label(name="status", wrap=True)
        self.status.hide()
        layout.addWidget(self.status)
        summary_row = QHBoxLayout()
        self.summary = Chip(name="doseSummary")
        summary_row.addWidget(self.summary)
        summary_row.addStretch(1)
        layout.addLayout(summary_row)
        self.add_sections(layout)

    def title(self) -> str:
        return translate("MedicationsTab", "Prescriptions")

    def reload(self) -> None:
        context = self.context
        if context is None:
            return
        self.read_saying(
            self._medications.prescriptions(context.patient_id),
            self._show,
            status=self.status,
            reading=None
            if self._lines is not None
            else translate("MedicationsTab", "Reading the prescriptions…"),
            failed=translate(
                "MedicationsTab", "The prescriptions could not be read from the cache."
            ),
        )

    def _show(self, lines: list[MedicationLine]) -> None:
        self._lines = lines
        self.retranslate()

    def clear(self) -> None:
        super().clear()
        self._lines = None
        clear_layout_widgets(self.sections)
        say(self.status, "")
        self.summary.set("")

    def retranslate(self) -> None:
        lines = self._lines
        clear_layout_widgets(self.sections)
        if lines is None:
            return
        say(self.status, "")
        if not lines:
            self.summary.set("")
            say(self.status, translate("MedicationsTab", "No current prescription."))
            return
        self.summary.set(*summary_text(lines))
        active = [line for line in lines if line.status != "on-hold"]
        held = [line for line in lines if line.status == "on-hold"]
        if active:
            self.sections_layout.addWidget(
                plain_label(translate("MedicationsTab", "Current prescriptions"), name="heading")
            )
            for line in active:
                self.sections_layout.addWidget(self._card(line))
        if held:
            self.sections_layout.addWidget(
                plain_label(translate("MedicationsTab", "On hold"), name="heading")
            )
            for line in held:
                self.sections_layout.addWidget(self._card(line))

    def _card(self, line: MedicationLine) -> QFrame:
        frame, layout = card(line.medication)
        marks = QWidget()
        flow = FlowLayout(marks)
        if line.status == "on-hold":
            flow.addWidget(Chip(translate("MedicationsTab", "‖ On hold"), tone="warn"))
        if line.as_needed:
            flow.addWidget(Chip(translate("MedicationsTab", "◇ As needed"), tone="info"))
        if line.time_critical:
            flow.addWidget(Chip(translate("MedicationsTab", "◴ Time-critical"), tone="alert"))
        if flow.count():
            layout.addWidget(marks)
        details = details_text(line)
        if details:
            layout.addWidget(server_label(details, name="medicationDetails"))
        if line.as_needed:
            reason = line.as_needed_reason
            if reason:
                layout.addWidget(
                    server_label(
                        translate("MedicationsTab", "As needed for: %1").replace("%1", reason)
                    )
                )
            if line.frequency.max_per_period:
                layout.addWidget(
                    server_label(
                        translate("MedicationsTab", "Maximum %1").replace(
                            "%1", local_numbers(line.frequency.max_per_period)
                        )
                    )
                )
        if line.instruction:
            instruction = server_label("“" + line.instruction + "”", name="muted")
            instruction.setAccessibleName(translate("MedicationsTab", "Instruction as prescribed"))
            layout.addWidget(instruction)
        if line.doses_today:
            layout.addWidget(plain_label(translate("MedicationsTab", "Today"), name="muted"))
            doses = QWidget()
            dose_flow = FlowLayout(doses)
            for dose in line.doses_today:
                tone = dose_state_chip(dose.state)[1]
                dose_flow.addWidget(Chip(dose_chip_text(dose), tone=tone, name="dose"))
            layout.addWidget(doses)
        elif line.as_needed and line.status != "on-hold":
            layout.addWidget(
                plain_label(
                    translate("MedicationsTab", "No fixed times: given when needed."),
                    name="muted",
                )
            )
        return frame
