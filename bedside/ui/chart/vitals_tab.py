"""The vitals tab: the latest NEWS2 in words, trend plots over 24 or 72 hours, the last rounds.

Owns how the chart shows :class:`bedside.services.vitals.VitalsHistory`: on top the latest NEWS2
— total, risk band as a word with a symbol and a tone, "incomplete" when parameters were not
measured, "SpO2 scale 2" when the patient's target uses it, when it was taken and how long ago,
and the points each parameter scored; then a big "Record vital signs" button that turns the tab
into the entry pad (:mod:`bedside.ui.chart.vitals_pad`, a page of the tab, not a dialog); then a
plot per parameter (:mod:`bedside.ui.chart.trend_plot`) with the NEWS2 bands shaded, two columns
on a landscape tablet and one in portrait; last, a table of the latest rounds, newest first.

The tab reads 72 hours once per patient and filters for the 24-hour view, so the range switch
never touches the cache. It reads again when the store announces a change of the patient's
Observations — its own save included (the round is one transaction, so one announcement), and the
upload that settles it later, when the confirmation line turns from "will be sent" into "sent".
A reload asked while one is running is folded into one more read after it.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Literal

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bedside.services.clock import Clock, system_clock
from bedside.services.delivery import Delivery
from bedside.services.news2 import News2Parameter, News2Score
from bedside.services.vitals import (
    VitalsEntry,
    VitalsHistory,
    VitalSign,
    VitalsRound,
    VitalsService,
)
from bedside.ui import i18n, ops, style
from bedside.ui.chart.base import ChartTab, PatientContext
from bedside.ui.chart.trend_plot import Band, Series, TrendPlot
from bedside.ui.chart.vitals_pad import BAND_TONE, VitalsPad, band_word, consciousness_word
from bedside.ui.i18n import translate
from bedside.ui.widgets import Chip, FlowLayout, plain_label, set_button_text, touch_button

HISTORY_HOURS = 72
RANGES = (24, 72)
ROUNDS_SHOWN = 10
PORTRAIT_BELOW_PX = 1000
STALE_AFTER = timedelta(hours=24)  # the ward board's NEWS2 window: older is said so

_TAB_STYLE = f"""
QLabel#news2Total {{ font-size: 44px; font-weight: 700; }}
QLabel#paramName {{ color: {style.MUTED}; }}
QLabel#paramPoints {{ font-weight: 600; }}
QLabel#plotTitle {{ font-weight: 600; }}
QTableWidget#vitalsRounds::item {{ padding: 0 5px; }}
QTableWidget#vitalsRounds QHeaderView::section {{ padding: 8px 5px; }}
QPushButton#recordVitals {{ min-height: 64px; font-size: 20px; padding: 0 28px; }}
"""

# The NEWS2 bands of each plot (RCP 2017, docs/domain.md): whole-number parameters change band
# half-way between two integers, temperature half-way between two tenths.
_WIDE = 1000.0
HR_BANDS = (
    Band(0, 40.5, 3),
    Band(40.5, 50.5, 1),
    Band(90.5, 110.5, 1),
    Band(110.5, 130.5, 2),
    Band(130.5, _WIDE, 3),
)
RR_BANDS = (Band(0, 8.5, 3), Band(8.5, 11.5, 1), Band(20.5, 24.5, 2), Band(24.5, _WIDE, 3))
SPO2_SCALE_1_BANDS = (Band(0, 91.5, 3), Band(91.5, 93.5, 2), Band(93.5, 95.5, 1))
# Scale 2: the bands above 92 % score only on oxygen (the plot marks those points apart).
SPO2_SCALE_2_BANDS = (
    Band(0, 83.5, 3),
    Band(83.5, 85.5, 2),
    Band(85.5, 87.5, 1),
    Band(92.5, 94.5, 1),
    Band(94.5, 96.5, 2),
    Band(96.5, _WIDE, 3),
)
SYSTOLIC_BANDS = (
    Band(0, 90.5, 3),
    Band(90.5, 100.5, 2),
    Band(100.5, 110.5, 1),
    Band(219.5, _WIDE, 3),
)
TEMPERATURE_BANDS = (
    Band(0, 35.05, 3),
    Band(35.05, 36.05, 1),
    Band(38.05, 39.05, 1),
    Band(39.05, _WIDE, 2),
)
# Total: medium (5–6) and high (≥ 7) in the tones of 2 and 3 points.
NEWS2_BANDS = (Band(4.5, 6.5, 2), Band(6.5, _WIDE, 3))

PLOTS: dict[str, tuple[float, float]] = {
    "heart_rate": (30, 160),
    "respiratory_rate": (4, 36),
    "spo2": (80, 100),
    "blood_pressure": (50, 200),
    "temperature": (34.5, 40.5),
    "pain": (0, 10),
    "news2": (0, 15),
}

PARAMETERS = (
    News2Parameter.RESPIRATORY_RATE,
    News2Parameter.SPO2,
    News2Parameter.AIR_OR_OXYGEN,
    News2Parameter.SYSTOLIC_BP,
    News2Parameter.PULSE,
    News2Parameter.CONSCIOUSNESS,
    News2Parameter.TEMPERATURE,
)


def parameter_name(parameter: News2Parameter) -> str:
    return {
        News2Parameter.RESPIRATORY_RATE: translate("VitalsTab", "Respiratory rate"),
        News2Parameter.SPO2: translate("VitalsTab", "SpO2"),
        News2Parameter.AIR_OR_OXYGEN: translate("VitalsTab", "Air or oxygen"),
        News2Parameter.SYSTOLIC_BP: translate("VitalsTab", "Systolic pressure"),
        News2Parameter.PULSE: translate("VitalsTab", "Pulse"),
        News2Parameter.CONSCIOUSNESS: translate("VitalsTab", "Consciousness"),
        News2Parameter.TEMPERATURE: translate("VitalsTab", "Temperature"),
    }[parameter]


def oxygen_text(entry: VitalsEntry) -> str | None:
    if entry.on_oxygen is None:
        return None
    if not entry.on_oxygen:
        return translate("VitalsTab", "Air")
    if entry.oxygen_flow_l_min is None:
        return translate("VitalsTab", "Oxygen")
    return translate("VitalsTab", "Oxygen %1 L/min").replace(
        "%1", i18n.number(entry.oxygen_flow_l_min)
    )


def flow_text(entry: VitalsEntry) -> str:
    """The oxygen column of the rounds table: "Air", the flow in L/min, or "—"."""
    if entry.on_oxygen is None:
        return "—"
    if not entry.on_oxygen:
        return translate("VitalsTab", "Air")
    return _number(entry.oxygen_flow_l_min) if entry.oxygen_flow_l_min is not None else "O2"


def parameter_value(parameter: News2Parameter, entry: VitalsEntry) -> str | None:
    """The value measured for ``parameter`` with its unit, or None when it was not measured."""
    if parameter == News2Parameter.RESPIRATORY_RATE and entry.respiratory_rate is not None:
        return translate("VitalsTab", "%1 /min").replace("%1", str(entry.respiratory_rate))
    if parameter == News2Parameter.SPO2 and entry.spo2 is not None:
        return translate("VitalsTab", "%1 %").replace("%1", str(entry.spo2))
    if parameter == News2Parameter.AIR_OR_OXYGEN:
        return oxygen_text(entry)
    if parameter == News2Parameter.SYSTOLIC_BP and entry.systolic is not None:
        if entry.diastolic is not None:
            return (
                translate("VitalsTab", "%1/%2 mmHg")
                .replace("%1", str(entry.systolic))
                .replace("%2", str(entry.diastolic))
            )
        return translate("VitalsTab", "%1 mmHg").replace("%1", str(entry.systolic))
    if parameter == News2Parameter.PULSE and entry.heart_rate is not None:
        return translate("VitalsTab", "%1 /min").replace("%1", str(entry.heart_rate))
    if parameter == News2Parameter.CONSCIOUSNESS and entry.consciousness is not None:
        return consciousness_word(entry.consciousness)
    if parameter == News2Parameter.TEMPERATURE and entry.temperature is not None:
        return translate("VitalsTab", "%1 °C").replace("%1", i18n.number(entry.temperature))
    return None


def points_text(points: int) -> str:
    return translate("VitalsTab", "%n point(s)", None, points)


def elapsed_text(taken: datetime, now: datetime) -> str:
    """How long ago, in hours and minutes ("1 h 20 min ago")."""
    minutes = max(0, int((now - taken).total_seconds() // 60))
    if minutes < 1:
        return translate("VitalsTab", "just now")
    if minutes < 60:
        return translate("VitalsTab", "%1 min ago").replace("%1", str(minutes))
    return (
        translate("VitalsTab", "%1 h %2 min ago")
        .replace("%1", str(minutes // 60))
        .replace("%2", str(minutes % 60))
    )


def moment_text(taken: datetime, now: datetime) -> str:
    """A clock time today, else the short weekday and the time (rounds are ≤ 72 h old)."""
    local, today = i18n.local_time(taken), i18n.local_time(now)
    if local.date() == today.date():
        return i18n.time_text(local)
    day = QLocale().dayName(local.isoweekday(), QLocale.FormatType.ShortFormat)
    return f"{day} {i18n.time_text(local)}"


def taken_text(taken: datetime, now: datetime) -> str:
    return (
        translate("VitalsTab", "at %1, %2")
        .replace("%1", moment_text(taken, now))
        .replace("%2", elapsed_text(taken, now))
    )


def _line(label: QLabel, text: str) -> None:
    """Set a message line; an empty one takes no room."""
    label.setText(text)
    label.setVisible(bool(text))


def _number(value: Decimal | int | None) -> str:
    return "—" if value is None else i18n.number(value)


class VitalsTab(ChartTab):
    """Latest NEWS2, trends and recent rounds of the patient on screen, and the entry pad."""

    WATCHES = frozenset({"Observation", "Flag"})

    def __init__(self, vitals: VitalsService, *, clock: Clock | None = None) -> None:
        super().__init__()
        self.setObjectName("vitalsTab")
        self.setStyleSheet(_TAB_STYLE)
        self._vitals = vitals
        self._clock: Clock = clock or system_clock
        self._history: VitalsHistory | None = None
        self._hours = RANGES[0]
        self._generation = 0  # bumped when the patient goes: late answers are dropped
        self._reading: int | None = None  # generation being read, if any
        self._read_again = False
        self._columns = 0
        self._saved_ids: tuple[str, ...] = ()  # observations of the last save (confirmation line)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.pages = QStackedWidget()
        outer.addWidget(self.pages)
        self.overview = self._overview()
        self.pages.addWidget(self.overview)
        self.pad = VitalsPad(vitals)
        self.pad.saved.connect(self._pad_saved)
        self.pad.cancelled.connect(self.show_overview)
        self.pages.addWidget(self.pad)
        self.retranslate()

    # Building ----------------------------------------------------------------------------------

    def _overview(self) -> QScrollArea:
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(14)
        layout.setAlignment(Qt.AlignmentFlag.AlignTop)
        scroll.setWidget(body)

        self.status = plain_label(name="status", wrap=True)
        self.confirmation = plain_label(name="message", wrap=True)
        self.confirmation.setProperty("tone", "ok")
        self.status.setVisible(False)
        layout.addWidget(self.status)
        layout.addWidget(self.confirmation)

        self.top = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.top.setSpacing(16)
        self.top.addWidget(self._news2_card(), 1)
        self.record = touch_button(name="recordVitals", kind="primary")
        self.record.clicked.connect(self.show_pad)
        self.top.addWidget(self.record, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(self.top)

        layout.addLayout(self._trend_header())
        self.plots_holder = QWidget()
        self.plots_grid = QGridLayout(self.plots_holder)
        self.plots_grid.setContentsMargins(0, 0, 0, 0)
        self.plots_grid.setSpacing(12)
        self.plots = {name: TrendPlot(name, y_range=y_range) for name, y_range in PLOTS.items()}
        self._set_fixed_bands()
        self._place_plots(2)
        layout.addWidget(self.plots_holder)

        self.rounds_heading = plain_label(name="heading")
        layout.addWidget(self.rounds_heading)
        self.rounds = QTableWidget(0, 10)
        self.rounds.setObjectName("vitalsRounds")
        self.rounds.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rounds.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.rounds.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.rounds.setAlternatingRowColors(True)
        self.rounds.verticalHeader().setVisible(False)
        self.rounds.verticalHeader().setDefaultSectionSize(style.TOUCH_MIN_PX)
        # Columns as wide as their contents; the spare width goes to the time column.
        header = self.rounds.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(40)
        self.rounds.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.rounds.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        layout.addWidget(self.rounds)
        self._fit_rounds()
        return scroll

    def _news2_card(self) -> QFrame:
        card = QFrame()
        card.setObjectName("card")
        layout = QVBoxLayout(card)
        layout.setContentsMargins(18, 12, 18, 14)
        layout.setSpacing(8)
        self.news2_heading = plain_label(name="heading")
        layout.addWidget(self.news2_heading)
        row = QHBoxLayout()
        row.setSpacing(12)
        self.total = plain_label(name="news2Total")
        self.band = Chip(name="news2Band")
        self.incomplete = Chip(name="news2Incomplete")
        self.scale = Chip(name="news2Scale")
        self.stale = Chip(name="news2Stale")
        row.addWidget(self.total)
        chips = QWidget()  # the chips wrap under each other on a narrow screen
        flow = FlowLayout(chips)
        for chip in (self.band, self.incomplete, self.scale, self.stale):
            flow.addWidget(chip)
        row.addWidget(chips, 1, Qt.AlignmentFlag.AlignVCenter)
        layout.addLayout(row)
        self.taken = plain_label(name="muted", wrap=True)
        layout.addWidget(self.taken)
        self.parameter_grid = QGridLayout()
        self.parameter_grid.setHorizontalSpacing(16)
        self.parameter_grid.setVerticalSpacing(4)
        self.parameter_labels: dict[News2Parameter, tuple[QLabel, QLabel, QLabel]] = {
            parameter: (
                plain_label(name="paramName"),
                plain_label(name="paramValue"),
                plain_label(name="paramPoints"),
            )
            for parameter in PARAMETERS
        }
        self._parameter_columns = 0
        self._place_parameters(2)
        layout.addLayout(self.parameter_grid)
        return card

    def _trend_header(self) -> QVBoxLayout:
        header = QVBoxLayout()
        header.setSpacing(6)
        row = QHBoxLayout()
        row.setSpacing(10)
        self.trends_heading = plain_label(name="heading")
        row.addWidget(self.trends_heading)
        row.addStretch(1)
        header.addLayout(row)
        legend = QHBoxLayout()
        legend.setSpacing(10)
        self.shade_caption = plain_label(name="muted")
        legend.addWidget(self.shade_caption)
        self.shade_chips = [Chip(tone=tone) for tone in ("warn", "alert", "danger")]
        for chip in self.shade_chips:
            legend.addWidget(chip)
        legend.addStretch(1)
        header.addLayout(legend)
        self.range_group = QButtonGroup(self)
        self.range_buttons: dict[int, QPushButton] = {}
        for hours in RANGES:
            button = touch_button(name=f"range{hours}")
            button.setCheckable(True)
            button.setChecked(hours == self._hours)
            self.range_group.addButton(button, hours)
            self.range_buttons[hours] = button
            row.addWidget(button)
        self.range_group.idClicked.connect(self.set_range)
        return header

    # Words -------------------------------------------------------------------------------------

    def title(self) -> str:
        return translate("VitalsTab", "Vital signs")

    def retranslate(self) -> None:
        self.news2_heading.setText(translate("VitalsTab", "Latest NEWS2"))
        set_button_text(self.record, translate("VitalsTab", "Record vital signs"))
        self.trends_heading.setText(translate("VitalsTab", "Trends"))
        self.shade_caption.setText(translate("VitalsTab", "Shaded: NEWS2"))
        for points, chip in enumerate(self.shade_chips, start=1):
            chip.set(points_text(points), chip.property("chip"))
        for hours, button in self.range_buttons.items():
            text = translate("VitalsTab", "%1 h").replace("%1", str(hours))
            accessible = translate("VitalsTab", "Show the last %1 hours").replace("%1", str(hours))
            set_button_text(button, text, accessible)
        self.rounds_heading.setText(translate("VitalsTab", "Recent rounds"))
        self.rounds.setAccessibleName(translate("VitalsTab", "Recent rounds, newest first"))
        self.rounds.horizontalHeader().setAccessibleName(translate("VitalsTab", "Column headings"))
        self.rounds.setHorizontalHeaderLabels(
            [
                translate("VitalsTab", "Time"),
                translate("VitalsTab", "NEWS2"),
                translate("VitalsTab", "Resp."),
                translate("VitalsTab", "SpO2"),
                translate("VitalsTab", "O2 L/min"),
                translate("VitalsTab", "BP"),
                translate("VitalsTab", "Pulse"),
                translate("VitalsTab", "ACVPU"),
                translate("VitalsTab", "Temp."),
                translate("VitalsTab", "Pain"),
            ]
        )
        self._retranslate_plots()
        self._show_news2()
        self._show_rounds()
        self._show_plots()
        self._show_confirmation()

    def _retranslate_plots(self) -> None:
        hours = self._hours
        over = translate("VitalsTab", "trend over the last %1 hours").replace("%1", str(hours))

        def texts(name: str, title: str, unit: str) -> None:
            self.plots[name].set_texts(title, unit, f"{title}: {over}")

        texts("heart_rate", translate("VitalsTab", "Heart rate"), translate("VitalsTab", "/min"))
        texts(
            "respiratory_rate",
            translate("VitalsTab", "Respiratory rate"),
            translate("VitalsTab", "/min"),
        )
        if self._spo2_scale() == 2:
            spo2_title = translate("VitalsTab", "SpO2 (scale 2) — ■ on oxygen")
        else:
            spo2_title = translate("VitalsTab", "SpO2 — ■ on oxygen")
        texts("spo2", spo2_title, "%")
        texts(
            "blood_pressure",
            translate("VitalsTab", "Blood pressure — ● systolic, ▼ diastolic"),
            translate("VitalsTab", "mmHg"),
        )
        texts("temperature", translate("VitalsTab", "Temperature"), translate("VitalsTab", "°C"))
        texts("pain", translate("VitalsTab", "Pain"), translate("VitalsTab", "0–10"))
        texts(
            "news2",
            translate("VitalsTab", "NEWS2 total — ■ incomplete round"),
            translate("VitalsTab", "points"),
        )

    # Reading -----------------------------------------------------------------------------------

    def show_patient(self, context: PatientContext) -> None:
        self.show_overview()
        super().show_patient(context)

    def reload(self) -> None:
        context = self.context
        if context is None:
            return
        if self._reading == self._generation:
            self._read_again = True  # one more read when this one is done
            return
        generation = self._reading = self._generation
        if self._history is None:
            _line(self.status, translate("VitalsTab", "Reading vital signs…"))
        ops.run(
            self._vitals.history(context.patient_id, hours=HISTORY_HOURS),
            owner=self,
            on_done=lambda history: self._loaded(generation, history),
            on_error=lambda _: self._failed(generation),
        )

    def _finish_read(self, generation: int) -> bool:
        """True when the answer is still wanted; starts the folded-in read if one was asked."""
        if generation != self._generation:
            return False
        self._reading = None
        if self._read_again:
            self._read_again = False
            self.reload()
        return True

    def _loaded(self, generation: int, history: VitalsHistory) -> None:
        if not self._finish_read(generation) or self.context is None:
            return
        self._history = history
        _line(
            self.status,
            ""
            if history.rounds
            else translate("VitalsTab", "No vital signs recorded in the last 72 hours."),
        )
        self._retranslate_plots()
        self._show_news2()
        self._show_plots()
        self._show_rounds()
        self._show_confirmation()

    def _failed(self, generation: int) -> None:
        if self._finish_read(generation):
            _line(
                self.status,
                translate("VitalsTab", "The vital signs could not be read from the cache."),
            )

    def clear(self) -> None:
        super().clear()
        self._generation += 1
        self._reading = None
        self._read_again = False
        self._history = None
        self.pad.clear()
        self.pages.setCurrentWidget(self.overview)
        _line(self.status, "")
        self._saved_ids = ()
        _line(self.confirmation, "")
        self._retranslate_plots()
        self._show_news2()
        self._show_plots()
        self._show_rounds()

    # Latest NEWS2 ------------------------------------------------------------------------------

    def latest_round(self) -> VitalsRound | None:
        """The newest round with NEWS2 values (a pain score alone is a round, not a NEWS2)."""
        history = self._history
        rounds = history.rounds if history is not None else ()
        return next((r for r in rounds if r.news2.points), None)

    def _spo2_scale(self) -> Literal[1, 2]:
        # The patient's current scale (their Flags), even before a first round is recorded.
        return self._history.spo2_scale if self._history is not None else 1

    def _show_news2(self) -> None:
        latest = self.latest_round()
        if latest is None:
            self.total.setText("—" if self.context is not None else "")
            for chip in (self.band, self.incomplete, self.scale, self.stale):
                chip.set("")
            self.taken.setText(
                translate("VitalsTab", "No NEWS2 in the last 72 hours.")
                if self.context is not None and self._history is not None
                else ""
            )
            for labels in self.parameter_labels.values():
                for label in labels:
                    label.setText("")
            return
        score = latest.news2
        self.total.setText(str(score.total))
        self.total.setAccessibleName(
            translate("VitalsTab", "NEWS2 total %1").replace("%1", str(score.total))
        )
        self.band.set(band_word(score.band), BAND_TONE[score.band])
        missing = len(score.missing)
        self.incomplete.set(
            translate("VitalsTab", "incomplete: %n parameter(s) not measured", None, missing)
            if missing
            else "",
            "warn",
        )
        self.scale.set(
            translate("VitalsTab", "SpO2 scale 2") if score.spo2_scale == 2 else "", "info"
        )
        now = self._clock()
        self.stale.set(
            translate("VitalsTab", "⚠ older than 24 h") if now - latest.at > STALE_AFTER else "",
            "warn",
        )
        self.taken.setText(taken_text(latest.at, now))
        self._show_parameters(score, latest.entry)

    def _show_parameters(self, score: News2Score, entry: VitalsEntry) -> None:
        for parameter, (name, value, points) in self.parameter_labels.items():
            name.setText(parameter_name(parameter))
            shown = parameter_value(parameter, entry)
            scored = score.points.get(parameter)
            if shown is None or scored is None:
                value.setText(translate("VitalsTab", "not measured"))
                points.setText("—")
            else:
                value.setText(shown)
                points.setText(points_text(scored))

    # Trends ------------------------------------------------------------------------------------

    def set_range(self, hours: int) -> None:
        """Show the last ``hours`` (24 or 72) in every plot; no new read."""
        self._hours = hours
        button = self.range_group.button(hours)
        if button is not None and not button.isChecked():
            button.setChecked(True)
        self._retranslate_plots()
        self._show_plots()

    def _show_plots(self) -> None:
        history = self._history
        if history is None:
            for plot in self.plots.values():
                plot.clear()
            self.plots["spo2"].set_bands(SPO2_SCALE_1_BANDS)
            return
        end = self._clock()
        start = end - timedelta(hours=self._hours)
        oxygen = {r.at: bool(r.entry.on_oxygen) for r in history.rounds}

        def points(sign: VitalSign) -> list[tuple[datetime, float]]:
            return [(p.at, float(p.value)) for p in history.series.get(sign, ())]

        def one(name: str, *series: Series) -> None:
            self.plots[name].show_series(series, start=start, end=end)

        self.plots["spo2"].set_bands(
            SPO2_SCALE_2_BANDS if self._spo2_scale() == 2 else SPO2_SCALE_1_BANDS
        )
        spo2 = points(VitalSign.SPO2)
        one("heart_rate", Series(points(VitalSign.HEART_RATE)))
        one("respiratory_rate", Series(points(VitalSign.RESPIRATORY_RATE)))
        one("spo2", Series(spo2, marked=[oxygen.get(at, False) for at, _ in spo2]))
        one(
            "blood_pressure",
            Series(points(VitalSign.SYSTOLIC)),
            Series(points(VitalSign.DIASTOLIC), second=True),
        )
        one("temperature", Series(points(VitalSign.TEMPERATURE)))
        one("pain", Series(points(VitalSign.PAIN)))
        rounds = list(reversed(history.rounds))  # oldest first, as the series
        one(
            "news2",
            Series(
                [(r.at, float(r.news2.total)) for r in rounds],
                marked=[not r.news2.complete for r in rounds],
            ),
        )

    def _set_fixed_bands(self) -> None:
        """The shading that is the same for every patient (SpO2's depends on the scale)."""
        bands: dict[str, tuple[Band, ...]] = {
            "heart_rate": HR_BANDS,
            "respiratory_rate": RR_BANDS,
            "blood_pressure": SYSTOLIC_BANDS,
            "temperature": TEMPERATURE_BANDS,
            "news2": NEWS2_BANDS,
        }
        for name, shading in bands.items():
            self.plots[name].set_bands(shading)
        self.plots["spo2"].set_bands(SPO2_SCALE_1_BANDS)

    def plot_points(self) -> dict[str, int]:
        """How many points each plot shows (for tests and screenshots)."""
        return {name: plot.point_count() for name, plot in self.plots.items()}

    def _place_plots(self, columns: int) -> None:
        if columns == self._columns:
            return
        self._columns = columns
        for plot in self.plots.values():
            self.plots_grid.removeWidget(plot)
        for index, plot in enumerate(self.plots.values()):
            self.plots_grid.addWidget(plot, index // columns, index % columns)
        for column in range(2):
            self.plots_grid.setColumnStretch(column, 1 if column < columns else 0)

    def _place_parameters(self, columns: int) -> None:
        """The parameters of the NEWS2 card in one column (portrait) or two (landscape)."""
        if columns == self._parameter_columns:
            return
        self._parameter_columns = columns
        per_column = -(-len(PARAMETERS) // columns)
        for labels in self.parameter_labels.values():
            for label in labels:
                self.parameter_grid.removeWidget(label)
        for index, labels in enumerate(self.parameter_labels.values()):
            row, column = index % per_column, (index // per_column) * 3
            for offset, label in enumerate(labels):
                self.parameter_grid.addWidget(label, row, column + offset)
        for column in range(6):
            self.parameter_grid.setColumnStretch(column, 1 if column in (2, 5) else 0)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        portrait = event.size().width() < PORTRAIT_BELOW_PX
        self._place_plots(1 if portrait else 2)
        self._place_parameters(1 if portrait else 2)
        self.top.setDirection(
            QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight
        )
        super().resizeEvent(event)

    # Rounds table ------------------------------------------------------------------------------

    def _show_rounds(self) -> None:
        history = self._history
        rounds = list(history.rounds[:ROUNDS_SHOWN]) if history is not None else []
        self.rounds.setRowCount(len(rounds))
        now = self._clock()
        for row, one in enumerate(rounds):
            entry = one.entry
            pressure = (
                f"{_number(entry.systolic)}/{_number(entry.diastolic)}"
                if entry.systolic is not None or entry.diastolic is not None
                else "—"
            )
            total = str(one.news2.total) + ("" if one.news2.complete else "*")
            cells = [
                moment_text(one.at, now),
                total,
                _number(entry.respiratory_rate),
                _number(entry.spo2),
                flow_text(entry),
                pressure,
                _number(entry.heart_rate),
                entry.consciousness.value if entry.consciousness is not None else "—",
                _number(entry.temperature),
                _number(entry.pain),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.rounds.setItem(row, column, item)
        self.rounds_heading.setVisible(bool(rounds))
        self.rounds.setVisible(bool(rounds))
        self._fit_rounds()

    def _fit_rounds(self) -> None:
        # The page scrolls, not the table: it is as tall as its rows.
        header = self.rounds.horizontalHeader().sizeHint().height()
        rows = self.rounds.rowCount() * self.rounds.verticalHeader().defaultSectionSize()
        self.rounds.setFixedHeight(header + rows + 4)

    # The pad -----------------------------------------------------------------------------------

    def show_pad(self) -> None:
        context = self.context
        if context is None:
            return
        self._saved_ids = ()
        _line(self.confirmation, "")
        self.pad.start(context, spo2_scale=self._spo2_scale())
        self.pages.setCurrentWidget(self.pad)

    def show_overview(self) -> None:
        self.pages.setCurrentWidget(self.overview)

    def saved_delivery(self) -> Delivery | None:
        """Where the round saved last on this tab is (None: nothing saved since it opened)."""
        if not self._saved_ids:
            return None
        saved = set(self._saved_ids)
        rounds = self._history.rounds if self._history is not None else ()
        found = next((r for r in rounds if saved & set(r.observation_ids)), None)
        # Not read back yet (the store's announcement is on its way): it waits in the outbox.
        return found.delivery if found is not None else Delivery.WAITING

    def _show_confirmation(self) -> None:
        tone = "danger" if self.saved_delivery() is Delivery.REFUSED else "ok"
        if self.confirmation.property("tone") != tone:
            self.confirmation.setProperty("tone", tone)
            self.confirmation.style().unpolish(self.confirmation)
            self.confirmation.style().polish(self.confirmation)
        _line(self.confirmation, self._confirmation())

    def _confirmation(self) -> str:
        count = len(self._saved_ids)
        delivery = self.saved_delivery()
        if delivery is None:
            return ""
        if delivery is Delivery.SENT:
            return translate("VitalsTab", "✓ %n value(s) saved and sent to the EHR.", None, count)
        if delivery is Delivery.REFUSED:
            return translate(
                "VitalsTab",
                "⚠ %n value(s) saved here, but the EHR refused them: see Synchronisation.",
                None,
                count,
            )
        return translate(
            "VitalsTab",
            "✓ %n value(s) saved on this tablet — they will be sent to the EHR when connected.",
            None,
            count,
        )

    def _pad_saved(self, observation_ids: list[str]) -> None:
        # No reload here: the store announces the round, and the chart passes it on (data_changed).
        self._saved_ids = tuple(observation_ids)
        self._show_confirmation()
        self.show_overview()
