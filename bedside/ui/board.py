"""The ward board: every bed, in bed order, with the alerts a nurse acts on.

Owns the board screen: a table model over :class:`bedside.services.board.Board`, a delegate that
draws each alert as a chip (word + symbol + tone — colour is never alone), and the "my patients"
and "alerts first" switches. Tapping a patient's row asks the shell to open the chart. Every piece
of server text is painted as plain text (the delegate draws strings; nothing is rich text).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QScroller,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from bedside.services.board import Board, BoardRow
from bedside.services.chart import AllergyStatus
from bedside.ui import style
from bedside.ui.chart.vitals_pad import BAND_TONE, band_word
from bedside.ui.i18n import translate
from bedside.ui.widgets import Retranslatable, plain_label, set_button_text, touch_button

AnyIndex = QModelIndex | QPersistentModelIndex
CHIPS_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class ChipSpec:
    text: str
    tone: str
    short: str = ""  # a compact form ("⚠ 2") used when the words do not fit the cell


def fit_chip_texts(
    chips: Sequence[ChipSpec], text_width: Callable[[str], int], available: int
) -> list[str]:
    """The chip texts to paint in ``available`` pixels, chip padding and gaps included.

    Words first; when they do not fit, chips that have a compact form switch to it from the
    last one back (the first chips are the most urgent), so a count is never cut mid-word.
    What still does not fit is left to the painter to elide.
    """
    per_chip = 2 * ChipDelegate.PAD_X + ChipDelegate.GAP

    def width(texts: list[str]) -> int:
        return sum(text_width(text) + per_chip for text in texts)

    texts = [chip.text for chip in chips]
    for index in range(len(chips) - 1, -1, -1):
        if width(texts) <= available:
            return texts
        if chips[index].short:
            texts[index] = chips[index].short
    return texts


def sex_short(code: str | None) -> str:
    return {
        "female": translate("Board", "F"),
        "male": translate("Board", "M"),
        "other": translate("Board", "X"),
        "unknown": "?",
    }.get(code or "", "—")


def news2_chip(row: BoardRow) -> list[ChipSpec]:
    if row.news2 is None:
        return [ChipSpec(translate("Board", "no obs. 24 h"), "neutral")] if row.occupied else []
    score = row.news2.score
    mark = "" if score.complete else "*"  # some parameters were not measured
    return [ChipSpec(f"{score.total}{mark} {band_word(score.band)}", BAND_TONE[score.band])]


def marker_chips(row: BoardRow) -> list[ChipSpec]:
    chips: list[ChipSpec] = []
    critical = row.critical_unacknowledged  # a plain name: lupdate reads no attribute access
    if critical:
        chips.append(
            ChipSpec(
                translate("Board", "⚠ %n critical result(s)", None, critical),
                "critical",
            )
        )
    if row.allergy_status == AllergyStatus.RECORDED:
        chips.append(ChipSpec(translate("Board", "⚠ Allergy"), "danger"))
    elif row.allergy_status == AllergyStatus.NOT_RECORDED:
        chips.append(ChipSpec(translate("Board", "? Allergies not recorded"), "warn"))
    diet = row.diet
    if diet is not None and diet.nil_by_mouth:
        chips.append(ChipSpec(translate("Board", "⊘ Nil by mouth"), "alert"))
    if row.same_name:
        chips.append(ChipSpec(translate("Board", "⚠ Same name"), "warn"))
    # The diet comes last: when the cell is too narrow, it is the one that elides.
    if diet is not None and not diet.nil_by_mouth:
        if not diet.has_order:
            chips.append(ChipSpec(translate("Board", "No diet order"), "neutral"))
        elif diet.diets:
            diets = ", ".join(diet.diets)
            chips.append(ChipSpec(translate("Board", "Diet: %1").replace("%1", diets), "info"))
    return chips


def dose_chips(row: BoardRow) -> list[ChipSpec]:
    doses = row.doses
    if doses is None:
        return []
    chips = []
    missed, late, due = doses.missed, doses.late, doses.due  # plain names for lupdate
    # Compact forms use the dose states' symbols of the prescriptions tab (✕ missed, ⚠ late,
    # ● due), so a narrow cell still says which count is which without relying on colour.
    if missed:
        text = translate("Board", "%n missed", None, missed)
        chips.append(ChipSpec(text, "danger", short=f"✕ {missed}"))
    if late:
        text = translate("Board", "%n late", None, late)
        chips.append(ChipSpec(text, "danger", short=f"⚠ {late}"))
    if due:
        text = translate("Board", "%n due", None, due)
        chips.append(ChipSpec(text, "info", short=f"● {due}"))
    return chips


class BoardModel(QAbstractTableModel):
    """Board rows as a read-only table: text columns, and chip columns for the alerts."""

    BED, PATIENT, AGE, DAY, NEWS2, DOSES, ALERTS = range(7)

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[BoardRow] = []
        self._board: Board | None = None

    def headers(self) -> list[str]:
        return [
            translate("Board", "Bed"),
            translate("Board", "Patient"),
            translate("Board", "Age · sex"),
            translate("Board", "Day"),
            translate("Board", "NEWS2"),
            translate("Board", "Doses"),
            translate("Board", "Alerts"),
        ]

    def set_rows(self, rows: list[BoardRow], board: Board | None) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._board = board
        self.endResetModel()

    def row_at(self, row: int) -> BoardRow:
        return self._rows[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else 7

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 6)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 6))

    def _text(self, row: BoardRow, column: int) -> str:
        bed = row.bed
        if column == self.BED:
            return bed.bed_label
        if bed.conflict:
            return (
                translate("Board", "⚠ Two current stays for this bed — check the admission")
                if column == 1
                else ""
            )
        if not row.occupied:
            return translate("Board", "Free bed") if column == self.PATIENT else ""
        if column == self.PATIENT:
            return bed.patient_name or translate("Board", "Patient details not available")
        if column == self.AGE:
            age = "" if bed.age is None else translate("Board", "%1 y").replace("%1", str(bed.age))
            return f"{age} · {sex_short(bed.sex)}" if age else sex_short(bed.sex)
        if column == self.DAY and self._board is not None:
            days = row.days_in(self._board.today)
            return "" if days is None else translate("Board", "Day %1").replace("%1", str(days))
        return ""

    def chips(self, row: BoardRow, column: int) -> list[ChipSpec]:
        if not row.occupied or row.bed.conflict:
            return []
        if column == self.NEWS2:
            return news2_chip(row)
        if column == self.DOSES:
            return dose_chips(row)
        if column == self.ALERTS:
            return marker_chips(row)
        return []

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == CHIPS_ROLE:
            return self.chips(row, column)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            text = self._text(row, column)
            chips = ", ".join(chip.text for chip in self.chips(row, column))
            return ", ".join(part for part in (text, chips) if part)
        if role == Qt.ItemDataRole.ForegroundRole and not row.occupied:
            return QColor(style.FREE_BED)
        if role == Qt.ItemDataRole.FontRole and column == self.PATIENT and row.occupied:
            font = QFont()
            font.setWeight(QFont.Weight.DemiBold)
            return font
        return None


class ChipDelegate(QStyledItemDelegate):
    """Paints a cell's chips (from ``CHIPS_ROLE``) as rounded tags with their words."""

    PAD_X = 8
    GAP = 6
    HEIGHT = 30

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        chips: list[ChipSpec] = index.data(CHIPS_ROLE) or []
        if not chips:
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        widget = option.widget
        option.text = ""
        style_ = widget.style() if widget is not None else None
        if style_ is not None:
            style_.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, widget)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont(option.font)
        font.setWeight(QFont.Weight.DemiBold)
        font.setPixelSize(style.SMALL_PX)
        painter.setFont(font)
        metrics = QFontMetrics(font)
        rect: QRect = option.rect
        x = rect.x() + self.PAD_X
        y = rect.y() + (rect.height() - self.HEIGHT) // 2
        right = rect.right() - self.PAD_X
        texts = fit_chip_texts(chips, metrics.horizontalAdvance, right - x + self.GAP)
        for chip, wanted in zip(chips, texts, strict=True):
            available = right - x - 2 * self.PAD_X
            if available < 24:
                break
            text = wanted
            if metrics.horizontalAdvance(wanted) > available:
                # elidedText measures with sub-pixel advances: only ask it when it must cut
                text = metrics.elidedText(wanted, Qt.TextElideMode.ElideRight, available)
            width = metrics.horizontalAdvance(text) + 2 * self.PAD_X
            background, foreground = style.TONES.get(chip.tone, style.TONES["neutral"])
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(background))
            painter.drawRoundedRect(QRect(x, y, width, self.HEIGHT), 6, 6)
            painter.setPen(QColor(foreground))
            painter.drawText(QRect(x, y, width, self.HEIGHT), Qt.AlignmentFlag.AlignCenter, text)
            x += width + self.GAP
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:  # noqa: N802
        chips: list[ChipSpec] = index.data(CHIPS_ROLE) or []
        if not chips:
            return super().sizeHint(option, index)
        font = QFont(option.font)
        font.setWeight(QFont.Weight.DemiBold)
        font.setPixelSize(style.SMALL_PX)
        metrics = QFontMetrics(font)
        width = sum(metrics.horizontalAdvance(c.text) + 2 * self.PAD_X + self.GAP for c in chips)
        return QSize(width + 2 * self.PAD_X, style.ROW_HEIGHT_PX)


class BoardView(Retranslatable, QWidget):
    """The ward board screen; emits ``patient_chosen(patient_id)``."""

    patient_chosen = Signal(str)

    NARROW_PX = 1100
    FIXED_PX: ClassVar[dict[int, int]] = {
        BoardModel.PATIENT: 240,
        BoardModel.NEWS2: 130,
        BoardModel.DOSES: 210,
    }

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("board")
        self._board: Board | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 14, 24, 14)
        layout.setSpacing(10)

        bar = QHBoxLayout()
        bar.setSpacing(8)
        self.summary = plain_label(name="status")
        self.all_beds = touch_button(name="allBeds")
        self.mine = touch_button(name="myPatients")
        self.alerts_first = touch_button(name="alertsFirst")
        for button in (self.all_beds, self.mine, self.alerts_first):
            button.setCheckable(True)
        self.all_beds.setChecked(True)
        self.all_beds.clicked.connect(lambda: self._set_filter(mine=False))
        self.mine.clicked.connect(lambda: self._set_filter(mine=True))
        self.alerts_first.toggled.connect(lambda _: self._apply())
        bar.addWidget(self.summary, 1)
        bar.addWidget(self.all_beds)
        bar.addWidget(self.mine)
        bar.addSpacing(12)
        bar.addWidget(self.alerts_first)
        layout.addLayout(bar)

        self.model = BoardModel()
        self.table = QTableView()
        self.table.setObjectName("boardTable")
        self.table.setModel(self.model)
        self.table.setItemDelegate(ChipDelegate(self.table))
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(style.ROW_HEIGHT_PX)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # Names and chip columns get a fixed share (what does not fit elides, a long name from
        # the EHR cannot push the alerts off screen); the alerts take the rest.
        for column, width in self.FIXED_PX.items():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, width)
        header.setSectionResizeMode(BoardModel.ALERTS, QHeaderView.ResizeMode.Stretch)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        QScroller.grabGesture(
            self.table.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture
        )
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.clicked.connect(self._row_clicked)
        self.table.activated.connect(self._row_clicked)
        layout.addWidget(self.table, 1)
        self.retranslate()

    def retranslate(self) -> None:
        set_button_text(self.all_beds, translate("Board", "All beds"))
        set_button_text(self.mine, translate("Board", "My patients"))
        set_button_text(self.alerts_first, translate("Board", "Alerts first"))
        self.table.setAccessibleName(translate("Board", "Ward board"))
        self.table.horizontalHeader().setAccessibleName(translate("Board", "Column headings"))
        self.model.retranslate()
        self._summarise()

    def show_board(self, board: Board) -> None:
        self._board = board
        self._apply()

    def clear(self) -> None:
        """Drop every row at once (the screen locked): nothing of a patient stays on screen."""
        self._board = None
        self.model.set_rows([], None)
        self._summarise()

    @property
    def board(self) -> Board | None:
        return self._board

    def _set_filter(self, *, mine: bool) -> None:
        self.mine.setChecked(mine)
        self.all_beds.setChecked(not mine)
        self._apply()

    def _apply(self) -> None:
        board = self._board
        if board is None:
            self.model.set_rows([], None)
            return
        rows = list(board.rows)
        if self.mine.isChecked():
            rows = [row for row in rows if row.mine]
        if self.alerts_first.isChecked():
            # Stable sort: within one rank the bed order stays.
            rows.sort(key=lambda row: row.alert_rank or 99)
        self.model.set_rows(rows, board)
        self._summarise()

    def _summarise(self) -> None:
        board = self._board
        if board is None:
            self.summary.setText("")
            return
        text = translate("Board", "%1 of %2 beds occupied").replace("%1", str(board.occupied))
        text = text.replace("%2", str(len(board.rows)))
        if self.mine.isChecked():
            mine = sum(1 for row in board.rows if row.mine)
            text += " · " + translate("Board", "%n of them yours", None, mine)
        self.summary.setText(text)

    def _row_clicked(self, index: QModelIndex) -> None:
        row = self.model.row_at(index.row())
        if row.patient_id and not row.bed.conflict:
            self.patient_chosen.emit(row.patient_id)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        narrow = event.size().width() < self.NARROW_PX
        self.table.setColumnHidden(BoardModel.DAY, narrow)
        super().resizeEvent(event)
