"""The sync badge in the header, and the review page behind it.

Owns how freshness and unsettled changes are told to a nurse: online or offline, "data as of
HH:MM" (the EHR's time of the last complete sync), how many changes wait to upload, how many
conflict or were rejected. Tapping the badge opens :class:`SyncReviewPage`: the three lists, where
a conflict is settled (keep the tablet's version or take the EHR's) and a rejected change is
retried or discarded. Every text from the EHR (rejection messages, element values) is plain text.

The badge and the page's own status line show the engine's counts; the page's lists are read
again whenever the store announces an outbox change (the staff window passes both on), so the
counts on the tabs, the status line and the badge agree once the cache has answered.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from bedside.services.sync_review import ReviewItem, SyncReview, SyncStatus
from bedside.ui import i18n, ops
from bedside.ui.i18n import translate
from bedside.ui.widgets import (
    Retranslatable,
    clear_layout_widgets,
    plain_label,
    set_button_text,
    touch_button,
)


def state_text(state: SyncStatus) -> str:
    """One line: connection, freshness, then what is still to settle."""
    if state.online is None:
        parts = [translate("SyncBadge", "Connecting…")]
    elif state.online:
        parts = [translate("SyncBadge", "● Online")]
    else:
        parts = [translate("SyncBadge", "○ Offline")]
    if state.data_as_of is not None:
        parts.append(
            translate("SyncBadge", "data as of %1").replace("%1", i18n.time_text(state.data_as_of))
        )
    else:
        parts.append(translate("SyncBadge", "not yet synchronised"))
    # Plural counts are plain names: lupdate's Python parser reads nothing more complex.
    pending, conflicts, rejected = state.pending, state.conflicts, state.rejected
    if pending:
        parts.append(translate("SyncBadge", "%n to upload", None, pending))
    if conflicts:
        parts.append(translate("SyncBadge", "⚠ %n conflict(s)", None, conflicts))
    if rejected:
        parts.append(translate("SyncBadge", "⚠ %n rejected", None, rejected))
    return " · ".join(parts)


def type_word(resource_type: str) -> str:
    words = {
        "Observation": translate("SyncBadge", "Observation"),
        "AuditEvent": translate("SyncBadge", "Access record"),
        "Task": translate("SyncBadge", "Acknowledgement"),
        "NutritionOrder": translate("SyncBadge", "Meal order"),
        "MedicationAdministration": translate("SyncBadge", "Administration"),
    }
    return words.get(resource_type, resource_type)


class SyncBadge(Retranslatable, QPushButton):
    """The header's sync status; tap to review."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("syncBadge")
        self.setProperty("kind", "quiet")
        self.setMinimumHeight(48)
        self._state = SyncStatus()
        self.retranslate()

    def show_state(self, state: SyncStatus) -> None:
        self._state = state
        self.retranslate()

    def retranslate(self) -> None:
        text = state_text(self._state)
        self.setText(text)
        self.setAccessibleName(translate("SyncBadge", "Synchronisation: %1").replace("%1", text))


class SyncReviewPage(Retranslatable, QWidget):
    """Waiting, conflicting and rejected changes, with what a nurse can do about each."""

    closed = Signal()

    def __init__(self, review: SyncReview, who: Callable[[], str | None]) -> None:
        super().__init__()
        self.setObjectName("syncReview")
        self._review = review
        self._who = who  # the signed-in nurse's practitioner id, for "settled by"
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        # The window's header carries the title and the way back; the page has its one action.
        top = QHBoxLayout()
        self.state_line = plain_label(name="muted", wrap=True)
        self.sync_now = touch_button(name="syncNow", kind="primary")
        self.sync_now.clicked.connect(self._sync_now)
        top.addWidget(self.state_line, 1)
        top.addWidget(self.sync_now)
        layout.addLayout(top)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("sync lists")
        self.lists: dict[str, QWidget] = {}
        for key in ("pending", "conflicts", "rejected"):
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            body = QWidget()
            body_layout = QVBoxLayout(body)
            body_layout.setAlignment(Qt.AlignmentFlag.AlignTop)
            body_layout.setSpacing(10)
            scroll.setWidget(body)
            self.lists[key] = body
            self.tabs.addTab(scroll, key)
        layout.addWidget(self.tabs, 1)
        self._items: dict[str, list[ReviewItem]] = {"pending": [], "conflicts": [], "rejected": []}
        self._state = review.state()
        self.retranslate()

    def retranslate(self) -> None:
        set_button_text(self.sync_now, translate("SyncBadge", "Sync now"))
        self.tabs.setTabText(
            0,
            translate("SyncBadge", "Waiting (%1)").replace("%1", str(len(self._items["pending"]))),
        )
        self.tabs.setTabText(
            1,
            translate("SyncBadge", "Conflicts (%1)").replace(
                "%1", str(len(self._items["conflicts"]))
            ),
        )
        self.tabs.setTabText(
            2,
            translate("SyncBadge", "Rejected (%1)").replace(
                "%1", str(len(self._items["rejected"]))
            ),
        )
        self.tabs.setAccessibleName(translate("SyncBadge", "Lists of changes"))
        self.tabs.tabBar().setAccessibleName(translate("SyncBadge", "Lists of changes"))
        self._show_state_line()
        for key in self._items:
            self._fill(key)

    def show_state(self, state: SyncStatus) -> None:
        """The engine's status changed: the status line follows (the lists follow the store)."""
        self._state = state
        self._show_state_line()

    def _show_state_line(self) -> None:
        state = self._state
        # The last problem as the sync layer worded it (may quote the EHR): plain text only.
        problem = translate("SyncBadge", "Last problem: %1").replace("%1", state.problem or "")
        self.state_line.setText(state_text(state) + ("\n" + problem if state.problem else ""))

    def open_list(self, key: str) -> None:
        self.tabs.setCurrentIndex(["pending", "conflicts", "rejected"].index(key))

    def reload(self) -> None:
        """Read the three lists again."""
        ops.run(self._read(), owner=self, on_done=self._show)

    async def _read(self) -> dict[str, list[ReviewItem]]:
        return {
            "pending": await self._review.pending(),
            "conflicts": await self._review.conflicts(),
            "rejected": await self._review.rejected(),
        }

    def _show(self, items: dict[str, list[ReviewItem]]) -> None:
        self._items = items
        self.retranslate()

    def clear(self) -> None:
        """Forget what was shown (the screen locked)."""
        self._items = {"pending": [], "conflicts": [], "rejected": []}
        for body in self.lists.values():
            clear_layout_widgets(body)

    def _fill(self, key: str) -> None:
        body = self.lists[key]
        clear_layout_widgets(body)
        items = self._items[key]
        layout = body.layout()
        assert layout is not None  # made in __init__
        if not items:
            empty = {
                "pending": translate(
                    "SyncBadge", "Nothing is waiting: every change has reached the EHR."
                ),
                "conflicts": translate("SyncBadge", "No conflicts."),
                "rejected": translate("SyncBadge", "No rejected changes."),
            }[key]
            layout.addWidget(plain_label(empty, name="muted"))
            return
        for item in items:
            layout.addWidget(self._card(key, item))

    def _card(self, key: str, item: ReviewItem) -> QFrame:
        card = QFrame()
        card.setObjectName("card")
        layout = QVBoxLayout(card)
        layout.setContentsMargins(16, 12, 16, 12)
        when = i18n.datetime_text(item.created_at) if item.created_at else "—"
        title = " · ".join(
            part for part in (item.patient_name, type_word(item.resource_type), when) if part
        )
        layout.addWidget(plain_label(title, name="heading", wrap=True))
        if item.message:
            layout.addWidget(plain_label(item.message, wrap=True))
        if key == "conflicts":
            layout.addLayout(self._differences(item))
            buttons = QHBoxLayout()
            keep = touch_button(
                translate("SyncBadge", "Keep the tablet's version"),
                name="keepLocal",
                kind="primary",
            )
            take = touch_button(translate("SyncBadge", "Take the EHR's version"), name="takeServer")
            keep.clicked.connect(lambda: self._settle(item.seq, "keep_local"))
            take.clicked.connect(lambda: self._settle(item.seq, "take_server"))
            buttons.addWidget(keep)
            buttons.addWidget(take)
            buttons.addStretch(1)
            layout.addLayout(buttons)
        elif key == "rejected":
            buttons = QHBoxLayout()
            retry = touch_button(
                translate("SyncBadge", "Try again"), name="retryRejected", kind="primary"
            )
            discard = touch_button(
                translate("SyncBadge", "Discard"), name="discardRejected", kind="danger"
            )
            retry.clicked.connect(lambda: self._act(self._review.retry(item.seq)))
            discard.clicked.connect(lambda: self._discard(item.seq))
            buttons.addWidget(retry)
            buttons.addWidget(discard)
            buttons.addStretch(1)
            layout.addLayout(buttons)
        return card

    def _differences(self, item: ReviewItem) -> QGridLayout:
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        if item.server_deleted:
            grid.addWidget(
                plain_label(
                    translate("SyncBadge", "The EHR deleted this record meanwhile."), wrap=True
                )
            )
            return grid
        for column, header in enumerate(
            (
                translate("SyncBadge", "Element"),
                translate("SyncBadge", "On this tablet"),
                translate("SyncBadge", "On the EHR"),
            )
        ):
            grid.addWidget(plain_label(header, name="muted"), 0, column)
        for row, difference in enumerate(item.differences, start=1):
            grid.addWidget(plain_label(difference.element), row, 0)
            grid.addWidget(plain_label(difference.local or "—", wrap=True), row, 1)
            grid.addWidget(plain_label(difference.server or "—", wrap=True), row, 2)
        return grid

    def _settle(self, seq: int, choice: str) -> None:
        who = self._who()
        if who is None:
            return
        self._act(
            self._review.settle(
                seq, "keep_local" if choice == "keep_local" else "take_server", by=who
            )
        )

    def _discard(self, seq: int) -> None:
        who = self._who()
        if who is None:
            return
        self._act(self._review.discard(seq, by=who))

    def _act(self, coroutine: Coroutine[Any, Any, None]) -> None:
        # No reload here: the store announces the settled row and the staff window reloads.
        ops.run(coroutine, owner=self)

    def _sync_now(self) -> None:
        self._review.sync_now()
