"""The chart frame: the patient banner above one tab per part of the record.

Owns which tab is showing and when tabs read: only the visible tab reads the cache when a chart
opens (the others read when first shown), so "tap to a drawn chart" costs one tab, not five.
On lock, :meth:`ChartView.clear` empties the banner and every tab at once.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from bedside.services.sync_review import Changes
from bedside.ui import i18n
from bedside.ui.chart.banner import PatientBanner
from bedside.ui.chart.base import ChartTab, PatientContext
from bedside.ui.widgets import Retranslatable


class ChartView(Retranslatable, QWidget):
    """Banner + tabs for one patient."""

    def __init__(self, tabs: Sequence[ChartTab]) -> None:
        super().__init__()
        self.setObjectName("chart")
        self.context: PatientContext | None = None
        self._shown: set[int] = set()  # tabs that read the current patient already
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.banner = PatientBanner()
        layout.addWidget(self.banner)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("chartTabs")
        self.tabs.setDocumentMode(True)
        # Tabs share the width (no tiny scroll arrows on a portrait tablet); long words elide.
        bar = self.tabs.tabBar()
        bar.setExpanding(True)
        bar.setUsesScrollButtons(False)
        bar.setElideMode(Qt.TextElideMode.ElideRight)
        self.chart_tabs = list(tabs)
        for tab in self.chart_tabs:
            self.tabs.addTab(tab, tab.title())
        self.tabs.currentChanged.connect(self._tab_shown)
        layout.addWidget(self.tabs, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.tabs.setAccessibleName(i18n.translate("Chart", "Parts of the chart"))
        self.tabs.tabBar().setAccessibleName(i18n.translate("Chart", "Parts of the chart"))
        for index, tab in enumerate(self.chart_tabs):
            self.tabs.setTabText(index, tab.title())

    def show_patient(self, context: PatientContext, *, tab: int | None = None) -> None:
        self.clear()
        self.context = context
        self.banner.show_banner(context.banner)
        if tab is not None:
            self.tabs.blockSignals(True)
            self.tabs.setCurrentIndex(tab)
            self.tabs.blockSignals(False)
        self._tab_shown(self.tabs.currentIndex())

    def update_banner(self, context: PatientContext) -> None:
        if self.context is not None and self.context.patient_id == context.patient_id:
            self.context = context
            self.banner.show_banner(context.banner)

    def current_tab(self) -> ChartTab:
        return self.chart_tabs[self.tabs.currentIndex()]

    def clear(self) -> None:
        self.context = None
        self._shown.clear()
        self.banner.clear()
        for tab in self.chart_tabs:
            tab.clear()

    def data_changed(self, changed: Changes) -> None:
        for index in self._shown:
            self.chart_tabs[index].data_changed(changed)

    def _tab_shown(self, index: int) -> None:
        if self.context is None or index < 0 or index in self._shown:
            return
        self._shown.add(index)
        self.chart_tabs[index].show_patient(self.context)
