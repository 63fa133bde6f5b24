"""The vital signs entry pad: big fields and buttons, checks in words, a live NEWS2 preview.

Owns one round of vital signs as the nurse types it: heart rate, respiratory rate, SpO2 with air or
oxygen (and the flow on oxygen), blood pressure, temperature (``36,8`` and ``36.8`` both read as
36.8), consciousness on the ACVPU scale (five worded buttons) and pain 0–10 (eleven buttons).
Tab or Enter moves to the next field. "Save" asks :func:`bedside.services.vitals.check_entry`
first and writes each problem next to its field; a value that is plausible but unusual is not
refused, the pad asks for a confirmation ("Save anyway") instead. Saving goes through
:meth:`VitalsService.record` (local cache + outbox); the pad then says so and empties itself.
The pad is a page inside the vitals tab, never a modal dialog.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Literal

from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QBoxLayout,
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from bedside.services.news2 import Consciousness, News2Score, RiskBand, score_news2
from bedside.services.vitals import (
    EntryProblem,
    ProblemKind,
    VitalsEntry,
    VitalsEntryError,
    VitalSign,
    VitalsService,
    check_entry,
    news2_input,
)
from bedside.ui import i18n, ops, style
from bedside.ui.chart.base import PatientContext
from bedside.ui.i18n import translate
from bedside.ui.widgets import Chip, Retranslatable, plain_label, set_button_text, touch_button

FIELD_WIDTH_PX = 132
PORTRAIT_BELOW_PX = 1000  # narrower than this: one column (ui.md: portrait is 800 px wide)

_PAD_STYLE = f"""
QLineEdit#vitalField {{ font-size: 26px; font-weight: 600; min-height: 56px; }}
QLineEdit#vitalField:disabled {{ background: #f1f3f6; color: #6b7480; }}
QLineEdit#vitalField[problem="true"] {{ border-color: #9b1515; }}
QPushButton#painButton {{ font-size: 22px; min-width: 52px; padding: 0; }}
QPushButton[kind="choice"] {{ text-align: left; padding: 0 16px; }}
QLabel#fieldName {{ font-weight: 600; }}
QLabel#unit {{ color: {style.MUTED}; font-size: 19px; }}
QLabel#slash {{ font-size: 26px; color: {style.MUTED}; }}
"""

# Whole numbers up to three digits; one decimal with a point or a comma.
_WHOLE = QRegularExpression(r"^\d{0,3}$")
_ONE_DECIMAL = QRegularExpression(r"^\d{0,2}([.,]\d?)?$")


def band_word(band: RiskBand) -> str:
    """The risk band as a word with a symbol (colour is never the only signal)."""
    return {
        RiskBand.LOW: translate("VitalsTab", "✓ Low"),
        RiskBand.LOW_MEDIUM: translate("VitalsTab", "! Low–medium"),
        RiskBand.MEDIUM: translate("VitalsTab", "▲ Medium"),
        RiskBand.HIGH: translate("VitalsTab", "⚠ High"),
    }[band]


BAND_TONE = {
    RiskBand.LOW: "ok",
    RiskBand.LOW_MEDIUM: "warn",
    RiskBand.MEDIUM: "alert",
    RiskBand.HIGH: "critical",
}


def consciousness_word(level: Consciousness) -> str:
    return {
        Consciousness.ALERT: translate("VitalsTab", "Alert"),
        Consciousness.NEW_CONFUSION: translate("VitalsTab", "New confusion"),
        Consciousness.VOICE: translate("VitalsTab", "Responds to voice"),
        Consciousness.PAIN: translate("VitalsTab", "Responds to pain"),
        Consciousness.UNRESPONSIVE: translate("VitalsTab", "Unresponsive"),
    }[level]


def sign_name(sign: VitalSign) -> str:
    return {
        VitalSign.HEART_RATE: translate("VitalsPad", "Heart rate"),
        VitalSign.RESPIRATORY_RATE: translate("VitalsPad", "Respiratory rate"),
        VitalSign.SPO2: translate("VitalsPad", "SpO2"),
        VitalSign.OXYGEN_FLOW: translate("VitalsPad", "Oxygen flow"),
        VitalSign.SYSTOLIC: translate("VitalsPad", "Systolic pressure"),
        VitalSign.DIASTOLIC: translate("VitalsPad", "Diastolic pressure"),
        VitalSign.TEMPERATURE: translate("VitalsPad", "Temperature"),
        VitalSign.CONSCIOUSNESS: translate("VitalsPad", "Consciousness"),
        VitalSign.PAIN: translate("VitalsPad", "Pain"),
    }[sign]


def entry_value(entry: VitalsEntry, sign: VitalSign) -> Decimal | int | None:
    """The number the nurse entered for ``sign`` (None for words or nothing)."""
    value = entry.value(sign)
    return value if isinstance(value, Decimal | int) and not isinstance(value, bool) else None


def _limits(problem: EntryProblem) -> tuple[str, str]:
    low = i18n.number(problem.low) if problem.low is not None else "…"
    high = i18n.number(problem.high) if problem.high is not None else "…"
    return low, high


def problem_text(problem: EntryProblem, entry: VitalsEntry) -> str:
    """One problem of an entry in words, e.g. "Heart rate 400 is not plausible (20–250)"."""
    sign = problem.sign
    if problem.kind == ProblemKind.EMPTY or sign is None:
        if problem.kind == ProblemKind.EMPTY:
            return translate("VitalsPad", "Enter at least one value.")
        return translate("VitalsPad", "These values do not fit together.")
    name = sign_name(sign)
    value = entry_value(entry, sign)
    shown = i18n.number(value) if value is not None else ""
    low, high = _limits(problem)
    if problem.kind == ProblemKind.IMPLAUSIBLE:
        return (
            translate("VitalsPad", "%1 %2 is not plausible (%3–%4)")
            .replace("%1", name)
            .replace("%2", shown)
            .replace("%3", low)
            .replace("%4", high)
        )
    if problem.kind == ProblemKind.UNUSUAL:
        return (
            translate("VitalsPad", "%1 %2 is unusual (usually %3–%4): check it")
            .replace("%1", name)
            .replace("%2", shown)
            .replace("%3", low)
            .replace("%4", high)
        )
    return _inconsistent_text(sign, entry)


def _inconsistent_text(sign: VitalSign, entry: VitalsEntry) -> str:
    if sign in (VitalSign.SYSTOLIC, VitalSign.DIASTOLIC):
        if entry.systolic is None or entry.diastolic is None:
            return translate("VitalsPad", "Enter both systolic and diastolic pressure.")
        return translate("VitalsPad", "Diastolic must be lower than systolic.")
    if sign == VitalSign.OXYGEN_FLOW:
        if entry.on_oxygen is not True:
            return translate("VitalsPad", "A flow needs Oxygen selected.")
        return translate("VitalsPad", "Enter the oxygen flow.")
    if sign == VitalSign.SPO2:
        if entry.spo2 is None:
            return translate("VitalsPad", "Enter the SpO2 measured on air or oxygen.")
        return translate("VitalsPad", "Choose Air or Oxygen for this SpO2.")
    return translate("VitalsPad", "%1 does not fit with the other values.").replace(
        "%1", sign_name(sign)
    )


def preview_text(score: News2Score) -> str:
    total = score.total  # a plain name: lupdate reads no attribute access
    text = (
        translate("VitalsPad", "NEWS2 preview: %1 — %2")
        .replace("%1", str(total))
        .replace("%2", band_word(score.band))
    )
    missing = len(score.missing)
    if missing:
        text += " " + translate("VitalsPad", "(%n parameter(s) missing)", None, missing)
    return text


def _parse_whole(text: str) -> int | None:
    text = text.strip()
    return int(text) if text.isdigit() else None


def _parse_decimal(text: str) -> Decimal | None:
    text = text.strip().replace(",", ".")
    if not text or text == ".":
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


class VitalsPad(Retranslatable, QWidget):
    """One round of vital signs for the patient on screen."""

    saved = Signal(list)  # the ids of the observations written (one round)
    cancelled = Signal()

    def __init__(self, vitals: VitalsService) -> None:
        super().__init__()
        self.setObjectName("vitalsPad")
        self.setStyleSheet(_PAD_STYLE)
        self._vitals = vitals
        self.context: PatientContext | None = None
        self._spo2_scale: Literal[1, 2] = 1
        self._saving = False
        self._shown_problems: list[EntryProblem] = []
        self._labels: dict[str, QLabel] = {}
        self.messages: dict[VitalSign, QLabel] = {}

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        outer.addWidget(scroll, 1)
        body = QWidget()
        body.setObjectName("canvas")
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(24, 16, 24, 16)
        body_layout.setSpacing(12)
        scroll.setWidget(body)
        self.heading = plain_label(name="heading")
        body_layout.addWidget(self.heading)
        self.columns = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.columns.setSpacing(16)
        body_layout.addLayout(self.columns)
        self.columns.addWidget(self._numbers_card(), 1)
        self.columns.addWidget(self._choices_card(), 1)
        body_layout.addStretch(1)
        outer.addWidget(self._action_bar())

        self._wire()
        self.retranslate()
        self._update_preview()

    # Building ----------------------------------------------------------------------------------

    def _field(self, name: str, *, decimal: bool = False) -> QLineEdit:
        field = QLineEdit()
        field.setObjectName("vitalField")
        field.setProperty("field", name)
        field.setFixedWidth(FIELD_WIDTH_PX)
        field.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        field.setValidator(QRegularExpressionValidator(_ONE_DECIMAL if decimal else _WHOLE, field))
        field.setInputMethodHints(
            Qt.InputMethodHint.ImhFormattedNumbersOnly
            if decimal
            else Qt.InputMethodHint.ImhDigitsOnly
        )
        return field

    def _label(self, key: str, name: str = "fieldName") -> QLabel:
        label = plain_label(name=name)
        self._labels[key] = label
        return label

    def _message(self, sign: VitalSign) -> QLabel:
        label = plain_label(name="message", wrap=True)
        label.setProperty("tone", "danger")
        label.setVisible(False)
        self.messages[sign] = label
        return label

    def _numbers_card(self) -> QFrame:
        card = QFrame()
        card.setObjectName("card")
        grid = QGridLayout(card)
        grid.setContentsMargins(18, 14, 18, 14)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(6)
        self.heart_rate = self._field("heart_rate")
        self.respiratory_rate = self._field("respiratory_rate")
        self.spo2 = self._field("spo2")
        self.oxygen_flow = self._field("oxygen_flow", decimal=True)
        self.systolic = self._field("systolic")
        self.diastolic = self._field("diastolic")
        self.temperature = self._field("temperature", decimal=True)

        row = 0

        def single(key: str, field: QLineEdit, sign: VitalSign) -> None:
            nonlocal row
            grid.addWidget(self._label(key), row, 0)
            grid.addWidget(field, row, 1)
            grid.addWidget(self._label(key + "_unit", "unit"), row, 2, 1, 2)
            grid.addWidget(self._message(sign), row + 1, 0, 1, 4)
            row += 2

        single("heart_rate", self.heart_rate, VitalSign.HEART_RATE)
        single("respiratory_rate", self.respiratory_rate, VitalSign.RESPIRATORY_RATE)
        single("spo2", self.spo2, VitalSign.SPO2)

        self.air = touch_button(name="airButton")
        self.oxygen = touch_button(name="oxygenButton")
        self.air_or_oxygen = QButtonGroup(self)
        for button in (self.air, self.oxygen):
            button.setCheckable(True)
            button.setMinimumWidth(FIELD_WIDTH_PX)
            self.air_or_oxygen.addButton(button)
        breathing = QHBoxLayout()
        breathing.setSpacing(8)
        breathing.addWidget(self.air)
        breathing.addWidget(self.oxygen)
        breathing.addStretch(1)
        grid.addWidget(self._label("breathing"), row, 0)
        grid.addLayout(breathing, row, 1, 1, 3)
        row += 1
        single("oxygen_flow", self.oxygen_flow, VitalSign.OXYGEN_FLOW)

        grid.addWidget(self._label("pressure"), row, 0)
        grid.addWidget(self.systolic, row, 1)
        grid.addWidget(self._label("slash", "slash"), row, 2)
        pressure = QHBoxLayout()
        pressure.setSpacing(12)
        pressure.addWidget(self.diastolic)
        pressure.addWidget(self._label("pressure_unit", "unit"))
        pressure.addStretch(1)
        grid.addLayout(pressure, row, 3)
        message = self._message(VitalSign.SYSTOLIC)
        self.messages[VitalSign.DIASTOLIC] = message  # one message for the pair
        grid.addWidget(message, row + 1, 0, 1, 4)
        row += 2
        single("temperature", self.temperature, VitalSign.TEMPERATURE)
        grid.setColumnStretch(3, 1)
        return card

    def _choices_card(self) -> QFrame:
        card = QFrame()
        card.setObjectName("card")
        layout = QVBoxLayout(card)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(8)
        layout.addWidget(self._label("consciousness"))
        self.consciousness = QButtonGroup(self)
        self.consciousness_buttons: dict[Consciousness, QPushButton] = {}
        for level in Consciousness:
            button = touch_button(name=f"acvpu_{level.value}")
            button.setProperty("kind", "choice")
            button.setCheckable(True)
            self.consciousness.addButton(button)
            self.consciousness_buttons[level] = button
            layout.addWidget(button)
        layout.addWidget(self._message(VitalSign.CONSCIOUSNESS))
        layout.addSpacing(8)
        layout.addWidget(self._label("pain"))
        self.pain = QButtonGroup(self)
        self.pain_buttons: list[QPushButton] = []
        pain_grid = QGridLayout()
        pain_grid.setSpacing(8)
        for score in range(11):
            button = touch_button(str(score), name="painButton")
            button.setCheckable(True)
            self.pain.addButton(button, score)
            self.pain_buttons.append(button)
            pain_grid.addWidget(button, score // 6, score % 6)
        layout.addLayout(pain_grid)
        self.pain_words = plain_label(name="muted", wrap=True)
        layout.addWidget(self.pain_words)
        layout.addWidget(self._message(VitalSign.PAIN))
        layout.addStretch(1)
        return card

    def _action_bar(self) -> QFrame:
        bar = QFrame()
        bar.setObjectName("banner")  # the banner's look: white, a line between it and the page
        layout = QVBoxLayout(bar)
        layout.setContentsMargins(24, 10, 24, 10)
        layout.setSpacing(6)
        self.general_message = plain_label(name="message", wrap=True)
        self.general_message.setProperty("tone", "danger")
        self.general_message.setVisible(False)
        layout.addWidget(self.general_message)
        self.action_grid = QGridLayout()
        self.action_grid.setHorizontalSpacing(12)
        self.action_grid.setVerticalSpacing(8)
        self.preview = Chip(name="news2Preview")
        self.preview.setWordWrap(True)
        self.cancel = touch_button(name="cancelVitals", kind="quiet")
        self.save_anyway = touch_button(name="saveAnyway", kind="danger")
        self.save_anyway.setVisible(False)
        self.save = touch_button(name="saveVitals", kind="primary")
        self.save.setMinimumWidth(160)
        self._place_actions(portrait=False)
        layout.addLayout(self.action_grid)
        return bar

    def _wire(self) -> None:
        self.fields = [
            self.heart_rate,
            self.respiratory_rate,
            self.spo2,
            self.oxygen_flow,
            self.systolic,
            self.diastolic,
            self.temperature,
        ]
        for current, following in zip(self.fields, self.fields[1:], strict=False):
            QWidget.setTabOrder(current, following)
        for field in self.fields:
            field.returnPressed.connect(lambda f=field: self._next_field(f))
            field.textChanged.connect(self._values_changed)
        self.air_or_oxygen.buttonToggled.connect(self._breathing_changed)
        self.consciousness.buttonToggled.connect(self._values_changed)
        self.pain.buttonToggled.connect(self._values_changed)
        self.save.clicked.connect(lambda: self.submit(confirmed_unusual=False))
        self.save_anyway.clicked.connect(lambda: self.submit(confirmed_unusual=True))
        self.cancel.clicked.connect(self._cancel)
        self.oxygen_flow.setEnabled(False)

    # Words ---------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        t = self._labels
        self.heading.setText(translate("VitalsPad", "Record vital signs"))
        t["heart_rate"].setText(translate("VitalsPad", "Heart rate"))
        t["heart_rate_unit"].setText(translate("VitalsPad", "beats/min"))
        t["respiratory_rate"].setText(translate("VitalsPad", "Respiratory rate"))
        t["respiratory_rate_unit"].setText(translate("VitalsPad", "breaths/min"))
        t["spo2"].setText(translate("VitalsPad", "SpO2"))
        t["spo2_unit"].setText("%")
        t["breathing"].setText(translate("VitalsPad", "Breathing"))
        set_button_text(self.air, translate("VitalsPad", "Air"))
        set_button_text(self.oxygen, translate("VitalsPad", "Oxygen"))
        t["oxygen_flow"].setText(translate("VitalsPad", "Oxygen flow"))
        t["oxygen_flow_unit"].setText(translate("VitalsPad", "L/min"))
        t["pressure"].setText(translate("VitalsPad", "Blood pressure"))
        t["slash"].setText("/")
        t["pressure_unit"].setText(translate("VitalsPad", "mmHg"))
        t["temperature"].setText(translate("VitalsPad", "Temperature"))
        t["temperature_unit"].setText(translate("VitalsPad", "°C"))
        t["consciousness"].setText(translate("VitalsPad", "Consciousness (ACVPU)"))
        t["pain"].setText(translate("VitalsPad", "Pain (0 = none, 10 = worst imaginable)"))
        accessible = {
            self.heart_rate: translate("VitalsPad", "Heart rate, beats per minute"),
            self.respiratory_rate: translate("VitalsPad", "Respiratory rate, breaths per minute"),
            self.spo2: translate("VitalsPad", "SpO2, percent"),
            self.oxygen_flow: translate("VitalsPad", "Oxygen flow, litres per minute"),
            self.systolic: translate("VitalsPad", "Systolic pressure, mmHg"),
            self.diastolic: translate("VitalsPad", "Diastolic pressure, mmHg"),
            self.temperature: translate("VitalsPad", "Temperature, degrees Celsius"),
        }
        for field, name in accessible.items():
            field.setAccessibleName(name)
        letters = {level: level.value for level in Consciousness}
        for level, button in self.consciousness_buttons.items():
            set_button_text(button, f"{letters[level]} — {consciousness_word(level)}")
        for score, button in enumerate(self.pain_buttons):
            set_button_text(
                button,
                i18n.number(score),
                translate("VitalsPad", "Pain %1").replace("%1", str(score)),
            )
        set_button_text(self.cancel, translate("VitalsPad", "Cancel"))
        set_button_text(self.save, translate("VitalsPad", "Save"))
        set_button_text(self.save_anyway, translate("VitalsPad", "Save anyway"))
        self._update_preview()
        if self._shown_problems:
            self._show_problems(self._shown_problems)

    # Patient -------------------------------------------------------------------------------------

    def start(self, context: PatientContext, *, spo2_scale: Literal[1, 2] = 1) -> None:
        """Begin a new round for ``context``'s patient (empty fields, focus on heart rate)."""
        self.clear()
        self.context = context
        self._spo2_scale = spo2_scale
        self._update_preview()
        self.heart_rate.setFocus()

    def clear(self) -> None:
        """Forget everything typed and the patient (lock, cancel, after saving)."""
        self.context = None
        self._spo2_scale = 1
        self._saving = False
        for field in self.fields:
            field.blockSignals(True)
            field.clear()
            field.blockSignals(False)
        for group in (self.air_or_oxygen, self.consciousness, self.pain):
            _uncheck(group)
        self.oxygen_flow.setEnabled(False)
        self._show_problems([])
        self._set_busy(False)
        self._update_preview()

    # Reading the fields --------------------------------------------------------------------------

    def entry(self) -> VitalsEntry:
        """What is typed and chosen so far."""
        on_oxygen = True if self.oxygen.isChecked() else False if self.air.isChecked() else None
        level = next((lvl for lvl, b in self.consciousness_buttons.items() if b.isChecked()), None)
        pain = self.pain.checkedId()
        return VitalsEntry(
            heart_rate=_parse_whole(self.heart_rate.text()),
            respiratory_rate=_parse_whole(self.respiratory_rate.text()),
            spo2=_parse_whole(self.spo2.text()),
            on_oxygen=on_oxygen,
            oxygen_flow_l_min=_parse_decimal(self.oxygen_flow.text()) if on_oxygen else None,
            systolic=_parse_whole(self.systolic.text()),
            diastolic=_parse_whole(self.diastolic.text()),
            temperature=_parse_decimal(self.temperature.text()),
            consciousness=level,
            pain=pain if pain >= 0 else None,
        )

    def news2_preview(self) -> News2Score:
        return score_news2(news2_input(self.entry(), spo2_scale=self._spo2_scale))

    # Saving --------------------------------------------------------------------------------------

    def submit(self, *, confirmed_unusual: bool) -> None:
        """Check, then save (or show what stops the save)."""
        context = self.context
        if context is None or self._saving:
            return
        entry = self.entry()
        problems = check_entry(entry)
        blocking = [p for p in problems if p.kind != ProblemKind.UNUSUAL]
        if blocking or (problems and not confirmed_unusual):
            self._show_problems(problems)
            return
        self._set_busy(True)
        ops.run(
            self._vitals.record(
                entry,
                patient_id=context.patient_id,
                encounter_id=context.encounter_id,
                performer=context.performer(),
                confirmed_unusual=confirmed_unusual,
            ),
            owner=self,
            on_done=lambda rows: self._saved([row.resource_id for row in rows]),
            on_error=self._save_failed,
        )

    def _saved(self, observation_ids: list[str]) -> None:
        self._set_busy(False)
        self.clear()
        self.saved.emit(observation_ids)

    def _save_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        if isinstance(error, VitalsEntryError):
            self._show_problems(list(error.problems))
            return
        self._show_problems([])
        self.general_message.setText(
            translate("VitalsPad", "Not saved: the tablet could not write to its cache. Try again.")
        )
        self.general_message.setVisible(True)

    def _cancel(self) -> None:
        self.clear()
        self.cancelled.emit()

    # Feedback ------------------------------------------------------------------------------------

    def _show_problems(self, problems: list[EntryProblem]) -> None:
        self._shown_problems = list(problems)
        entry = self.entry()
        texts: dict[int, list[str]] = {}
        general: list[str] = []
        for problem in problems:
            text = problem_text(problem, entry)
            label = self.messages.get(problem.sign) if problem.sign is not None else None
            if label is None:
                general.append(text)
            else:
                lines = texts.setdefault(id(label), [])
                if text not in lines:
                    lines.append(text)
        for label in set(self.messages.values()):
            lines = texts.get(id(label), [])
            label.setText("\n".join(lines))
            label.setVisible(bool(lines))
        flagged = {p.sign for p in problems}
        field_signs = {
            self.heart_rate: VitalSign.HEART_RATE,
            self.respiratory_rate: VitalSign.RESPIRATORY_RATE,
            self.spo2: VitalSign.SPO2,
            self.oxygen_flow: VitalSign.OXYGEN_FLOW,
            self.systolic: VitalSign.SYSTOLIC,
            self.diastolic: VitalSign.DIASTOLIC,
            self.temperature: VitalSign.TEMPERATURE,
        }
        for field, sign in field_signs.items():
            _set_problem(field, sign in flagged)
        only_unusual = bool(problems) and all(p.kind == ProblemKind.UNUSUAL for p in problems)
        if only_unusual:
            general.append(
                translate(
                    "VitalsPad",
                    "Some values are unusual. Check them; if they are right, tap Save anyway.",
                )
            )
        elif problems:
            general.append(translate("VitalsPad", "Not saved: correct the values marked in red."))
        self.save_anyway.setVisible(only_unusual)
        self.general_message.setText("\n".join(general))
        self.general_message.setVisible(bool(general))

    def _update_preview(self) -> None:
        entry = self.entry() if hasattr(self, "fields") else VitalsEntry()
        if entry == VitalsEntry():
            self.preview.set(translate("VitalsPad", "NEWS2 preview: type the values"), "neutral")
            return
        score = self.news2_preview()
        self.preview.set(preview_text(score), BAND_TONE[score.band] if score.complete else "info")

    def _values_changed(self, *_: object) -> None:
        if self._shown_problems:
            # Changed values need a fresh check before any "Save anyway".
            self._show_problems([])
        self._update_preview()

    def _breathing_changed(self, *_: object) -> None:
        on_oxygen = self.oxygen.isChecked()
        self.oxygen_flow.setEnabled(on_oxygen)
        if not on_oxygen:
            self.oxygen_flow.clear()
        self._values_changed()

    def _next_field(self, field: QLineEdit) -> None:
        index = self.fields.index(field)
        for following in self.fields[index + 1 :]:
            if following.isEnabled():
                following.setFocus()
                following.selectAll()
                return
        self.consciousness_buttons[Consciousness.ALERT].setFocus()

    def _set_busy(self, busy: bool) -> None:
        self._saving = busy
        self.save.setEnabled(not busy)
        self.save_anyway.setEnabled(not busy)

    def _place_actions(self, *, portrait: bool) -> None:
        """The NEWS2 preview beside the buttons (landscape) or on its own line (portrait)."""
        for widget in (self.preview, self.cancel, self.save_anyway, self.save):
            self.action_grid.removeWidget(widget)
        buttons_row = 1 if portrait else 0
        self.action_grid.addWidget(self.preview, 0, 0, 1, 4 if portrait else 1)
        self.action_grid.addWidget(self.cancel, buttons_row, 1)
        self.action_grid.addWidget(self.save_anyway, buttons_row, 2)
        self.action_grid.addWidget(self.save, buttons_row, 3)
        self.action_grid.setColumnStretch(0, 1)

    def resizeEvent(self, event: object) -> None:  # noqa: N802 - Qt's name
        portrait = self.width() < PORTRAIT_BELOW_PX
        self._place_actions(portrait=portrait)
        self.columns.setDirection(
            QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight
        )
        super().resizeEvent(event)  # type: ignore[arg-type]


def _uncheck(group: QButtonGroup) -> None:
    group.blockSignals(True)
    group.setExclusive(False)
    for button in group.buttons():
        button.setChecked(False)
    group.setExclusive(True)
    group.blockSignals(False)


def _set_problem(field: QLineEdit, problem: bool) -> None:
    if bool(field.property("problem")) != problem:
        field.setProperty("problem", problem)
        field.style().unpolish(field)
        field.style().polish(field)
