"""The ward list: every bed of the ward with its patient, read from the cache.

A first, read-only screen (the full ward board comes with the nurse workspace). It shows where
the data came from and how fresh it is; every piece of server text is plain text in table cells.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QScroller,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from bedside.services.ward import BedRow, WardCensus
from bedside.ui import style

AnyIndex = QModelIndex | QPersistentModelIndex


def tr(text: str) -> str:
    return QCoreApplication.translate("WardList", text)


def _sex_word(code: str | None) -> str:
    return {
        "female": tr("Female"),
        "male": tr("Male"),
        "other": tr("Other"),
        "unknown": tr("Unknown"),
    }.get(code or "", "—")


def _plain_label(text: str, name: str) -> QLabel:
    """A label that never interprets its text as markup (it may come from the EHR)."""
    label = QLabel(text)
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setAccessibleName(name)
    return label


class WardTableModel(QAbstractTableModel):
    """Bed rows as a read-only table model."""

    def __init__(self, today: date) -> None:
        super().__init__()
        self._rows: list[BedRow] = []
        self._today = today

    def set_rows(self, rows: list[BedRow], today: date) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._today = today
        self.endResetModel()

    def headers(self) -> list[str]:
        return [tr("Bed"), tr("Patient"), tr("Age"), tr("Sex"), tr("Hospital no."), tr("Admitted")]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.headers())

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None

    def _cell(self, row: BedRow, column: int) -> str:
        if column == 0:
            return row.bed_label
        if row.conflict:
            return (
                tr("⚠ Two current stays for this bed — check the admission") if column == 1 else ""
            )
        if not row.occupied:
            return tr("Free bed") if column == 1 else ""
        if column == 1:
            return row.patient_name or tr("Patient details not available")
        if column == 2:
            return "" if row.age is None else str(row.age)
        if column == 3:
            return _sex_word(row.sex)
        if column == 4:
            return row.hospital_number or "—"
        if column == 5 and row.admitted_on is not None:
            days = (self._today - row.admitted_on).days
            if days <= 0:
                return tr("today")
            return tr("1 day ago") if days == 1 else tr("{n} days ago").format(n=days)
        return ""

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._cell(row, index.column())
        if role == Qt.ItemDataRole.ForegroundRole and not row.occupied:
            return QColor(style.FREE_BED)
        if role == Qt.ItemDataRole.FontRole and index.column() == 1 and row.occupied:
            font = QFont()
            font.setWeight(QFont.Weight.DemiBold)
            return font
        return None


class WardListWindow(QMainWindow):
    """Main window of the first milestone: the ward's beds and patients from the cache."""

    def __init__(self, today: date) -> None:
        super().__init__()
        # No patient data in window titles (they show up in task bars and screen sharing).
        self.setWindowTitle("Bedside")
        self.resize(1280, 800)

        canvas = QWidget()
        canvas.setObjectName("canvas")
        layout = QVBoxLayout(canvas)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)

        header = QWidget()
        header.setObjectName("header")
        header_layout = QHBoxLayout(header)
        header_layout.setContentsMargins(24, 14, 24, 14)
        self.title = _plain_label(tr("Ward"), "title")
        self.freshness = _plain_label("", "freshness")
        header_layout.addWidget(self.title, 1)
        header_layout.addWidget(self.freshness, 0, Qt.AlignmentFlag.AlignRight)
        layout.addWidget(header)

        body = QVBoxLayout()
        body.setContentsMargins(24, 16, 24, 16)
        body.setSpacing(10)
        self.status = _plain_label(tr("Loading the ward…"), "status")
        body.addWidget(self.status)

        self.model = WardTableModel(today)
        self.table = QTableView()
        self.table.setAccessibleName(tr("Beds of the ward"))
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(style.ROW_HEIGHT_PX)
        header_view = self.table.horizontalHeader()
        header_view.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header_view.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header_view.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        # Finger drags scroll the list, as on any tablet (no tiny scroll bar to aim at).
        QScroller.grabGesture(
            self.table.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture
        )
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        body.addWidget(self.table, 1)
        layout.addLayout(body, 1)
        self.setCentralWidget(canvas)

    # Below this width (portrait tablets) the least needed columns give their room to the name.
    NARROW_PX = 1000
    COLUMNS_HIDDEN_WHEN_NARROW = (4, 5)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        narrow = event.size().width() < self.NARROW_PX
        for column in self.COLUMNS_HIDDEN_WHEN_NARROW:
            self.table.setColumnHidden(column, narrow)
        super().resizeEvent(event)

    def show_progress(self, what: str, count: int) -> None:
        self.status.setText(
            tr("Downloading the ward… {what}: {count}").format(what=what, count=count)
        )

    def show_error(self, message: str) -> None:
        self.status.setText(message)

    def show_census(self, census: WardCensus, today: date) -> None:
        self.title.setText(census.ward_name)
        self.model.set_rows(census.beds, today)
        self.status.setText(
            tr("{occupied} of {beds} beds occupied — read from the encrypted cache").format(
                occupied=census.occupied, beds=len(census.beds)
            )
        )
        self.freshness.setText(self._freshness(census.data_as_of))

    @staticmethod
    def _freshness(server_time: str | None) -> str:
        if not server_time:
            return tr("Not yet synchronised")
        try:
            when = datetime.fromisoformat(server_time.replace("Z", "+00:00")).astimezone()
        except ValueError:
            return tr("Data as of: unknown")
        return tr("Data as of {time}").format(time=when.strftime("%H:%M"))
