"""Small widgets every screen is built from: plain-text labels, touch buttons, chips, retranslation.

Owns three promises the whole UI keeps:

* **Server text is plain text.** :func:`plain_label` and :class:`Chip` never interpret markup, so
  ``<img src=…>`` or ``<b>`` from the EHR shows as the characters it is.
* **Touch first.** :func:`touch_button` is at least ``TOUCH_MIN_PX`` square and always has an
  accessible name.
* **Language at run time.** A widget that mixes in :class:`Retranslatable` gets ``retranslate()``
  called on every language change and sets all its texts there.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from bedside.ui import style


class Retranslatable:
    """Mixin for QWidget subclasses: ``retranslate()`` runs on every LanguageChange.

    Put it first in the bases (``class Board(Retranslatable, QWidget)``) so its ``changeEvent``
    sees the event before QWidget's.
    """

    def retranslate(self) -> None:
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)  # type: ignore[misc]


class ElidedLabel(QLabel):
    """One line of plain text that ends in "…" when narrow, instead of being cut mid-word.

    For headers on a portrait tablet: the ward name or the screen title gives way to the buttons
    but still reads as words. The whole text stays the label's ``text()`` (screen readers get it).
    """

    def __init__(self, text: str = "", *, name: str | None = None) -> None:
        super().__init__()
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setText(text)
        self.setMinimumWidth(1)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if name:
            self.setObjectName(name)

    def shown_text(self) -> str:
        """What is painted at the current width."""
        width = self.contentsRect().width()
        return self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, width)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.setFont(self.font())
        painter.drawText(self.contentsRect(), self.alignment(), self.shown_text())


def plain_label(
    text: str = "",
    *,
    name: str | None = None,
    wrap: bool = False,
    selectable: bool = False,
) -> QLabel:
    """A label that shows ``text`` as characters, never as markup (it may come from the EHR)."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    label.setWordWrap(wrap)
    if name:
        label.setObjectName(name)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def touch_button(
    text: str = "",
    *,
    name: str,
    kind: str = "secondary",
    accessible: str | None = None,
) -> QPushButton:
    """A button big enough for a gloved finger, with an accessible name.

    ``kind`` picks the look: ``primary``, ``secondary``, ``quiet`` or ``danger``.
    """
    button = QPushButton(text)
    button.setObjectName(name)
    button.setProperty("kind", kind)
    button.setMinimumSize(style.TOUCH_MIN_PX, style.TOUCH_MIN_PX)
    button.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
    button.setAccessibleName(accessible or text)
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    return button


def centred_card(
    page: QWidget, *, max_width: int, min_width: int = 0, weight: int = 4, below: int = 1
) -> QFrame:
    """A card centred on ``page`` (a full-window screen: lock, first run) for the page to fill.

    ``weight`` is the card's share of the row against one part of margin on each side (a large
    weight lets it grow up to ``max_width``); ``below`` is the space under it against one part
    above, so the card sits a little above the middle where the eye expects it.
    """
    outer = QVBoxLayout(page)
    outer.setContentsMargins(24, 24, 24, 24)
    outer.addStretch(1)
    row = QHBoxLayout()
    row.addStretch(1)
    card = QFrame()
    card.setObjectName("card")
    card.setMaximumWidth(max_width)
    if min_width:
        card.setMinimumWidth(min_width)
    row.addWidget(card, weight)
    row.addStretch(1)
    outer.addLayout(row)
    outer.addStretch(below)
    return card


def set_button_text(button: QPushButton, text: str, accessible: str | None = None) -> None:
    """Change a button's words and its accessible name together."""
    button.setText(text)
    button.setAccessibleName(accessible or text)


class Chip(QLabel):
    """A small rounded tag: a word, maybe a symbol, and a tone — never colour alone."""

    def __init__(self, text: str = "", *, tone: str = "neutral", name: str | None = None) -> None:
        super().__init__()
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setProperty("chip", tone)
        if name:
            self.setObjectName(name)
        self.set(text, tone)

    def set(self, text: str, tone: str = "neutral") -> None:
        self.setText(text)
        self.setAccessibleName(text)
        self.setVisible(bool(text))
        if self.property("chip") != tone:
            self.setProperty("chip", tone)
            self.style().unpolish(self)
            self.style().polish(self)


def clear_layout_widgets(widget: QWidget) -> None:
    """Empty ``widget``'s layout now: its widgets leave the tree at once (not at the next turn
    of the event loop), so nothing of a patient is left in a label after a lock."""
    layout = widget.layout()
    if layout is None:
        return
    while layout.count():
        item = layout.takeAt(0)
        child = item.widget() if item is not None else None
        if child is not None:
            child.hide()
            child.setParent(None)
            child.deleteLater()


class FlowLayout(QLayout):
    """Lays widgets out left to right and wraps to the next line when the width runs out.

    Used for chips (allergies, flags) whose number and length come from the EHR.
    """

    def __init__(self, parent: QWidget | None = None, *, spacing: int = 8) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 - Qt's name
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt's name
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt's name
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 - Qt's name
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt's name
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt's name
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 - Qt's name
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return self.minimumSize()

    def minimumSize(self) -> QSize:  # noqa: N802 - Qt's name
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        x, y, line_height = rect.x(), rect.y(), 0
        for item in self._items:
            widget = item.widget()
            if widget is not None and widget.isHidden():
                continue
            hint = item.sizeHint()
            next_x = x + hint.width() + self._spacing
            if next_x - self._spacing > rect.right() + 1 and line_height > 0:
                x = rect.x()
                y += line_height + self._spacing
                next_x = x + hint.width() + self._spacing
                line_height = 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x = next_x
            line_height = max(line_height, hint.height())
        return y + line_height - rect.y()
