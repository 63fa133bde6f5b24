"""One trend plot of a vital sign over time, drawn with pyqtgraph (software rendering, no OpenGL).

Owns how a series looks: big markers joined by a line, a time axis in local clock time whose
ticks follow the language (``14:00``; the weekday at midnight), the NEWS2 point bands as a subtle
shaded background (1, 2 and 3 points in the warn, alert and danger tones of :mod:`style` — the
tab explains the shades in words next to the plots), a fixed vertical range per parameter so two
patients' plots compare at a glance, and no mouse or touch panning (a finger scrolling the tab
must not drag a plot). The title is a plain label above the plot; the unit is the left axis label.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import pyqtgraph as pg  # type: ignore[import-untyped]
from PySide6.QtCore import QDate, QLocale
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QFrame, QVBoxLayout

from bedside.ui import i18n, style
from bedside.ui.widgets import plain_label

pg.setConfigOptions(antialias=True, background="w", foreground=style.INK)

TICK_PX = 15
PLOT_MIN_HEIGHT_PX = 230

# Shade of the background by NEWS2 points: the tones' backgrounds, made lighter still so the
# data stays the strongest thing on the plot.
_BAND_COLOURS = {1: style.TONES["warn"][0], 2: style.TONES["alert"][0], 3: style.TONES["danger"][0]}
_BAND_ALPHA = 150
_SECOND_COLOUR = "#6a3d9a"  # diastolic: a second hue, and a second marker shape
_MARKED_COLOUR = "#b35c00"  # points taken on oxygen: another hue and a square marker


@dataclass(frozen=True)
class Band:
    """A stretch of the vertical axis worth ``points`` NEWS2 points (``low``..``high``)."""

    low: float
    high: float
    points: int


@dataclass(frozen=True)
class Series:
    """Points to draw; ``second`` draws them in the second style, ``marked`` flags points apart."""

    points: Sequence[tuple[datetime, float]]
    second: bool = False
    marked: Sequence[bool] = field(default_factory=tuple)


class LocalTimeAxis(pg.DateAxisItem):  # type: ignore[misc]
    """A time axis in local clock time, worded by the current language (Qt's locale)."""

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:  # noqa: N802 - pyqtgraph's name
        texts = []
        for value in values:
            try:
                moment = i18n.local_time(datetime.fromtimestamp(value).astimezone())
            except (OverflowError, OSError, ValueError):
                texts.append("")
                continue
            if spacing >= 86400 or (moment.hour == 0 and moment.minute == 0):
                day = QLocale().dayName(moment.isoweekday(), QLocale.FormatType.ShortFormat)
                month_day = QLocale().toString(QDate(moment.year, moment.month, moment.day), "d")
                texts.append(f"{day} {month_day}")
            else:
                texts.append(i18n.time_text(moment))
        return texts


class TrendPlot(QFrame):
    """A titled card holding one pyqtgraph plot of one parameter."""

    def __init__(self, name: str, *, y_range: tuple[float, float]) -> None:
        super().__init__()
        self.setObjectName("card")
        self._name = name
        self._y_range = y_range
        self._bands: list[pg.LinearRegionItem] = []
        self._curves: list[pg.PlotDataItem] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 8)
        layout.setSpacing(4)
        self.title = plain_label(name="plotTitle", wrap=True)
        layout.addWidget(self.title)
        self.axis = LocalTimeAxis(orientation="bottom")
        self.plot = pg.PlotWidget(axisItems={"bottom": self.axis})
        self.plot.setObjectName(f"plot_{name}")
        self.plot.setMinimumHeight(PLOT_MIN_HEIGHT_PX)
        item = self.plot.getPlotItem()
        item.setMouseEnabled(x=False, y=False)
        item.hideButtons()
        item.setMenuEnabled(False)
        item.showGrid(x=True, y=True, alpha=0.18)
        item.getViewBox().disableAutoRange()
        font = QFont()
        font.setPixelSize(TICK_PX)
        for side in ("left", "bottom"):
            axis = item.getAxis(side)
            axis.setTickFont(font)
            axis.setTextPen(style.INK)
            axis.setPen(style.MUTED)
        item.getAxis("left").setWidth(58)
        layout.addWidget(self.plot, 1)
        self.set_y_range(*y_range)

    def set_texts(self, title: str, unit: str, accessible: str) -> None:
        """Words around the plot (called from the tab's ``retranslate``)."""
        self.title.setText(title)
        self.plot.getPlotItem().setLabel(
            "left", unit, **{"font-size": f"{TICK_PX}px", "color": style.MUTED}
        )
        self.plot.setAccessibleName(accessible)
        self.setAccessibleName(accessible)
        self.axis.picture = None  # pyqtgraph caches the tick texts: redraw them in this language
        self.axis.update()

    def set_y_range(self, low: float, high: float) -> None:
        self._y_range = (low, high)
        self.plot.getPlotItem().setYRange(low, high, padding=0.02)

    def set_bands(self, bands: Sequence[Band]) -> None:
        """Shade the NEWS2 point bands (replaces the previous shading)."""
        item = self.plot.getPlotItem()
        for region in self._bands:
            item.removeItem(region)
        self._bands = []
        for band in bands:
            colour = QColor(_BAND_COLOURS[band.points])
            colour.setAlpha(_BAND_ALPHA)
            region = pg.LinearRegionItem(
                values=(band.low, band.high),
                orientation="horizontal",
                movable=False,
                brush=pg.mkBrush(colour),
                pen=pg.mkPen(None),
            )
            region.setZValue(-10)
            item.addItem(region, ignoreBounds=True)
            self._bands.append(region)

    def show_series(self, series: Sequence[Series], *, start: datetime, end: datetime) -> None:
        """Draw ``series`` between ``start`` and ``end`` (points outside are left out)."""
        self._remove_curves()
        item = self.plot.getPlotItem()
        low, high = self._y_range
        for one in series:
            kept = [
                (moment, value, marked)
                for moment, value, marked in _with_marks(one)
                if start <= moment <= end
            ]
            if not kept:
                continue
            xs = [moment.timestamp() for moment, _, _ in kept]
            ys = [value for _, value, _ in kept]
            low, high = min(low, *ys), max(high, *ys)
            curve = pg.PlotDataItem(xs, ys, **_look(one, [m for _, _, m in kept]))
            item.addItem(curve)
            self._curves.append(curve)
        item.setXRange(start.timestamp(), end.timestamp(), padding=0.02)
        item.setYRange(low, high, padding=0.02)

    def point_count(self) -> int:
        """How many points the plot shows (all its series)."""
        count = 0
        for curve in self._curves:
            xs, _ = curve.getData()
            count += 0 if xs is None else len(xs)
        return count

    def clear(self) -> None:
        self._remove_curves()
        self.set_y_range(*self._y_range)

    def _remove_curves(self) -> None:
        item = self.plot.getPlotItem()
        for curve in self._curves:
            item.removeItem(curve)
        self._curves = []


def _with_marks(series: Series) -> list[tuple[datetime, float, bool]]:
    marks = list(series.marked) + [False] * (len(series.points) - len(series.marked))
    return [
        (moment, value, mark) for (moment, value), mark in zip(series.points, marks, strict=False)
    ]


def _look(series: Series, marks: list[bool]) -> dict[str, Any]:
    colour = _SECOND_COLOUR if series.second else style.ACCENT
    look: dict[str, Any] = {
        "pen": pg.mkPen(colour, width=2.5),
        "symbol": "t" if series.second else "o",
        "symbolSize": 10,
        "symbolBrush": pg.mkBrush(colour),
        "symbolPen": pg.mkPen("w", width=1),
    }
    if any(marks):
        look["symbol"] = ["s" if mark else look["symbol"] for mark in marks]
        look["symbolBrush"] = [pg.mkBrush(_MARKED_COLOUR if mark else colour) for mark in marks]
    return look
