"""The meal chooser: a patient's upcoming sittings, their dishes, and choosing one.

Used twice: full size in patient mode (the patient orders for themself, within the cut-off) and
inside the nurse's chart (ordering on the patient's behalf, also after the cut-off). It owns the
screen only: which dishes may be chosen and when comes from the meal service, already decided.

Every dish is shown — the ones the patient cannot have are greyed *with the reason in words*,
never hidden. A sitting says plainly what is possible: the time left before the cut-off (a
countdown that updates itself), "closed", nil by mouth with until when, or "ask your nurse" when
there is no diet order. A choice shows whether it reached the kitchen or waits for the network.
Dish texts come from the EHR and are shown as plain text.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from bedside.services.meal_plan import (
    Delivery,
    DishOption,
    MealOrderError,
    MealPlan,
    SittingPlan,
)
from bedside.services.meal_rules import EU_ALLERGENS, SittingStateKind, time_left
from bedside.services.meals import MealService
from bedside.ui import i18n, icons, ops
from bedside.ui.i18n import translate
from bedside.ui.meal_words import (
    contains_text,
    day_word,
    delivery_text,
    duration_text,
    moment_text,
    nil_by_mouth_text,
    reason_text,
    service_name,
    texture_name,
)
from bedside.ui.widgets import Retranslatable, clear_layout_widgets, plain_label, touch_button

log = logging.getLogger(__name__)

COUNTDOWN_MS = 20_000  # the countdown says minutes: a refresh every 20 s is exact enough
WIDE_PX = 1000  # from this width the dishes sit in two columns


@dataclass(frozen=True)
class MealTarget:
    """Whose meals, in which language, and who is ordering."""

    patient_id: str
    encounter_id: str | None
    language: str
    on_behalf: bool = False  # a nurse ordering for the patient (cut-offs do not apply)
    staff_id: str | None = None


def _restyle(widget: QWidget, name: str, value: str) -> None:
    if widget.property(name) != value:
        widget.setProperty(name, value)
        widget.style().unpolish(widget)
        widget.style().polish(widget)


class DishCard(QFrame):
    """One dish: icon, name, description, allergens — and either Choose or why not."""

    chosen = Signal(str)  # the dish url

    def __init__(self, option: DishOption, *, is_choice: bool, can_order: bool, big: bool) -> None:
        super().__init__()
        dish = option.dish
        self.option = option
        self.setObjectName("dishCard")
        state = "chosen" if is_choice else ("open" if option.choosable else "greyed")
        self.setProperty("dish", state)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        row = QHBoxLayout(self)
        row.setContentsMargins(16, 14, 16, 14)
        row.setSpacing(14)
        picture = QLabel()
        picture.setObjectName("dishIcon")
        size = 64 if big else 48
        picture.setPixmap(
            icons.pixmap(dish.icon or "dish", size, device_pixel_ratio=self.devicePixelRatioF())
        )
        picture.setFixedSize(size, size)
        picture.setAccessibleName(translate("MealChooser", "Picture of the dish"))
        if not option.choosable:
            picture.setEnabled(False)  # the picture fades with the card; the words say why
        row.addWidget(picture, 0, Qt.AlignmentFlag.AlignTop)

        words = QVBoxLayout()
        words.setSpacing(4)
        title = plain_label(dish.title, name="dishTitle", wrap=True)
        words.addWidget(title)
        if dish.description:
            words.addWidget(plain_label(dish.description, name="dishDescription", wrap=True))
        facts = [contains_text(dish.allergens, dish.allergens_declared, EU_ALLERGENS)]
        if dish.texture is not None and dish.texture < 7:
            facts.append(texture_name(dish.texture).capitalize())
        words.addWidget(plain_label(" · ".join(facts), name="dishFacts", wrap=True))
        for reason in option.reasons:
            line = plain_label("⚠ " + reason_text(reason), name="dishReason", wrap=True)
            words.addWidget(line)
        row.addLayout(words, 1)

        self.button: QPushButton | None = None
        if is_choice:
            mark = plain_label("✓ " + translate("MealChooser", "Your choice"), name="dishChosen")
            row.addWidget(mark, 0, Qt.AlignmentFlag.AlignVCenter)
        elif option.choosable and can_order:
            self.button = touch_button(
                translate("MealChooser", "Choose"),
                name="chooseDish",
                kind="primary",
                accessible=translate("MealChooser", "Choose %1").replace("%1", dish.title),
            )
            if big:
                self.button.setMinimumHeight(64)
                self.button.setMinimumWidth(150)
            self.button.clicked.connect(lambda: self.chosen.emit(dish.url))
            row.addWidget(self.button, 0, Qt.AlignmentFlag.AlignVCenter)
        names = [dish.title]
        names += [reason_text(r) for r in option.reasons]
        if is_choice:
            names.append(translate("MealChooser", "Your choice"))
        self.setAccessibleName(". ".join(names))


class MealChooser(Retranslatable, QWidget):
    """Sittings on the left, the chosen sitting's dishes on the right."""

    def __init__(
        self,
        meals: MealService,
        *,
        today: Callable[[], date],
        clock: Callable[[], datetime],
        big: bool = False,
        days: int = 2,
    ) -> None:
        super().__init__()
        self.meals = meals
        self._today = today
        self._clock = clock
        self.big = big
        self.days = days
        self.target: MealTarget | None = None
        self.plan: MealPlan | None = None
        self._selected: tuple[str, date] | None = None  # (service, day) on screen
        self._busy = False
        self._message = ""
        self._generation = 0  # a late answer for a patient no longer on screen is dropped
        self._patient_turn = 0  # bumped when the patient goes: a late save's words are dropped

        outer = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self._outer = outer
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(16)
        left = QWidget()
        left.setObjectName("sittingList")
        self.sitting_column = QBoxLayout(QBoxLayout.Direction.TopToBottom, left)
        self.sitting_column.setContentsMargins(0, 0, 0, 0)
        self.sitting_column.setSpacing(10)
        left_scroll = QScrollArea()
        left_scroll.setWidgetResizable(True)
        left_scroll.setWidget(left)
        self.sitting_scroll = left_scroll
        self._narrow: bool | None = None
        self._arrange(narrow=False)
        outer.addWidget(left_scroll)
        self.sitting_buttons = QButtonGroup(self)
        self.sitting_buttons.setExclusive(True)

        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 8, 0)
        column.setSpacing(12)
        self.heading = plain_label(name="mealHeading", wrap=True)
        self.state_line = plain_label(name="mealState", wrap=True)
        self.state_line.setProperty("tone", "info")
        choice_row = QHBoxLayout()
        self.choice_line = plain_label(name="mealChoice", wrap=True)
        self.cancel_button = touch_button(name="cancelChoice", kind="secondary")
        if big:
            self.cancel_button.setMinimumHeight(64)
        self.cancel_button.clicked.connect(self._cancel)
        choice_row.addWidget(self.choice_line, 1)
        choice_row.addWidget(self.cancel_button)
        self.status = plain_label(name="mealStatus", wrap=True)
        self.notice = plain_label(name="mealNotice", wrap=True)
        column.addWidget(self.heading)
        column.addWidget(self.state_line)
        column.addLayout(choice_row)
        column.addWidget(self.notice)
        column.addWidget(self.status)
        self.dish_area = QWidget()
        self.dish_grid = QGridLayout(self.dish_area)
        self.dish_grid.setContentsMargins(0, 0, 0, 0)
        self.dish_grid.setSpacing(12)
        column.addWidget(self.dish_area)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(right)
        self.dish_scroll = scroll
        outer.addWidget(scroll, 1)

        self.countdown = QTimer(self)
        self.countdown.setInterval(COUNTDOWN_MS)
        self.countdown.timeout.connect(self._tick)
        self.clear()

    # Showing a patient ---------------------------------------------------------------------------

    def show_patient(self, target: MealTarget) -> None:
        """Show ``target``'s meals, reading the plan from the cache."""
        self._aim(target)
        self.reload()

    def show_plan(self, target: MealTarget, plan: MealPlan) -> None:
        """Show ``target``'s meals from a plan the caller has just read (no second read)."""
        self._aim(target)
        self._generation += 1
        self._show_plan(plan, self._generation)

    def _aim(self, target: MealTarget) -> None:
        if self.target is None or self.target.patient_id != target.patient_id:
            self._selected = None
            self._message = ""
            self._patient_turn += 1
        self.target = target

    def reload(self) -> None:
        target = self.target
        if target is None:
            return
        self._generation += 1
        generation = self._generation
        if self.plan is None:
            self._say_status(translate("MealChooser", "Loading the menu…"))
        ops.run(
            self.meals.plan(
                target.patient_id,
                first_day=self._today(),
                days=self.days,
                language=target.language,
                on_behalf=target.on_behalf,
            ),
            owner=self,
            on_done=lambda plan: self._show_plan(plan, generation),
            on_error=lambda error: self._failed(error, generation),
        )

    def clear(self) -> None:
        """Forget the patient now (a lock, a discharge): every dish and choice leaves the screen."""
        self._generation += 1
        self._patient_turn += 1
        self.target = None
        self.plan = None
        self._selected = None
        self._message = ""
        self.countdown.stop()
        self._empty_sittings()
        clear_layout_widgets(self.dish_area)
        for label in (self.heading, self.state_line, self.choice_line, self.notice, self.status):
            label.clear()
            label.setVisible(False)
        self.cancel_button.setVisible(False)

    def retranslate(self) -> None:
        set_text = translate("MealChooser", "Cancel my choice")
        self.cancel_button.setText(set_text)
        self.cancel_button.setAccessibleName(set_text)
        if self.plan is not None:
            self._draw()

    # Drawing --------------------------------------------------------------------------------------

    def _show_plan(self, plan: MealPlan, generation: int) -> None:
        if generation != self._generation or self.target is None:
            return
        self.plan = plan
        self._busy = False
        self._draw()
        self.countdown.start()

    def _failed(self, error: BaseException, generation: int) -> None:
        if generation != self._generation:
            return
        log.error("meal_plan_read_failed", exc_info=error)
        self._busy = False
        self._say_status(
            translate("MealChooser", "The menu cannot be shown just now. Please ask your nurse.")
        )

    def _say_status(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def _empty_sittings(self) -> None:
        for button in self.sitting_buttons.buttons():
            self.sitting_buttons.removeButton(button)
        holder = self.sitting_column.parentWidget()
        if holder is not None:
            clear_layout_widgets(holder)

    def _current(self) -> SittingPlan | None:
        plan = self.plan
        if plan is None or not plan.sittings:
            return None
        if self._selected is not None:
            for item in plan.sittings:
                if (item.sitting.service, item.sitting.day) == self._selected:
                    return item
        # First the next sitting the patient can still choose for, else the next one.
        for item in plan.sittings:
            if item.state.kind is SittingStateKind.OPEN and item.choice is None:
                return item
        return plan.sittings[0]

    def _draw(self) -> None:
        plan = self.plan
        if plan is None:
            return
        current = self._current()
        self._selected = (current.sitting.service, current.sitting.day) if current else None
        self._draw_sittings(plan, current)
        clear_layout_widgets(self.dish_area)
        self._say_status(self._message)
        if current is None:
            self._show_line(self.heading, translate("MealChooser", "No meals to choose"))
            self._show_line(
                self.state_line,
                translate("MealChooser", "There is no meal left to order for these days."),
            )
            for label in (self.choice_line, self.notice):
                label.setVisible(False)
            self.cancel_button.setVisible(False)
            return
        sitting = current.sitting
        today = self._today()
        self._show_line(
            self.heading,
            translate("MealChooser", "%1 · %2 at %3")
            .replace("%1", service_name(sitting.service))
            .replace("%2", day_word(sitting.day, today))
            .replace("%3", i18n.time_text(sitting.serve_from)),
        )
        tone, text = self._state_words(current)
        _restyle(self.state_line, "tone", tone)
        self._show_line(self.state_line, text)
        self._draw_choice(current)
        notices = []
        if plan.rules.unmatched_allergies and current.state.kind is SittingStateKind.OPEN:
            notices.append(
                translate(
                    "MealChooser",
                    "Your allergy to %1 cannot be checked against the menu: ask your nurse "
                    "before choosing.",
                ).replace("%1", ", ".join(plan.rules.unmatched_allergies))
            )
        if plan.catalogue_empty:
            notices.append(
                translate(
                    "MealChooser",
                    "The menu has not reached this tablet yet. It will appear once the "
                    "connection is back.",
                )
            )
        self._show_line(self.notice, "\n".join(notices))
        self._draw_dishes(current)

    def _draw_sittings(self, plan: MealPlan, current: SittingPlan | None) -> None:
        self._empty_sittings()
        today = self._today()
        for item in plan.sittings:
            sitting = item.sitting
            # Three short lines rather than two long ones: they fit in every language.
            first = f"{service_name(sitting.service)}\n{day_word(sitting.day, today)}"
            second = self._short_state(item)
            button = QPushButton(f"{first}\n{second}")
            button.setObjectName("sittingButton")
            button.setCheckable(True)
            button.setMinimumHeight(100 if self.big else 84)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.setMinimumWidth(250)
            button.setAccessibleName(f"{first.replace(chr(10), ', ')}. {second}")
            button.setChecked(item is current)
            key = (sitting.service, sitting.day)
            button.clicked.connect(lambda _=False, k=key: self._select(k))
            self.sitting_buttons.addButton(button)
            self.sitting_column.addWidget(button)
        self.sitting_column.addStretch(1)

    def _select(self, key: tuple[str, date]) -> None:
        self._selected = key
        self._message = ""
        self._draw()
        self.dish_scroll.verticalScrollBar().setValue(0)

    def _short_state(self, item: SittingPlan) -> str:
        kind = item.state.kind
        if item.choice is not None and kind is not SittingStateKind.NIL_BY_MOUTH:
            return "✓ " + translate("MealChooser", "Chosen")
        if kind is SittingStateKind.OPEN:
            if item.state.late:
                return translate("MealChooser", "Late order (staff)")
            return translate("MealChooser", "Choose by %1").replace(
                "%1", i18n.time_text(item.sitting.cutoff)
            )
        if kind is SittingStateKind.CLOSED:
            return translate("MealChooser", "Closed")
        if kind is SittingStateKind.NIL_BY_MOUTH:
            return "⊘ " + translate("MealChooser", "Nothing to eat")
        if kind is SittingStateKind.NO_DIET_ORDER:
            return translate("MealChooser", "Ask your nurse")
        return translate("MealChooser", "Served")

    def _state_words(self, item: SittingPlan) -> tuple[str, str]:
        state = item.state
        today = self._today()
        cutoff = moment_text(item.sitting.cutoff, today)
        if state.kind is SittingStateKind.OPEN:
            if state.late:
                return "warn", translate(
                    "MealChooser",
                    "The patients' order closed %1. As staff you can still order.",
                ).replace("%1", cutoff)
            left = time_left(self._clock(), item.sitting.cutoff)
            return "info", translate("MealChooser", "Open — choose by %1 (%2 left)").replace(
                "%1", cutoff
            ).replace("%2", duration_text(left))
        if state.kind is SittingStateKind.CLOSED:
            return "neutral", translate(
                "MealChooser",
                "Closed — choices ended %1. Your nurse can still help.",
            ).replace("%1", cutoff)
        if state.kind is SittingStateKind.NIL_BY_MOUTH and state.nil_by_mouth is not None:
            return "alert", "⊘ " + nil_by_mouth_text(state.nil_by_mouth, today)
        if state.kind is SittingStateKind.NO_DIET_ORDER:
            return "warn", translate(
                "MealChooser",
                "Your care team has not set your diet yet, so meals cannot be chosen here. "
                "Please ask your nurse.",
            )
        return "neutral", translate("MealChooser", "This meal is being served.")

    def _draw_choice(self, item: SittingPlan) -> None:
        choice = item.choice
        if choice is None:
            text = (
                translate("MealChooser", "Nothing chosen yet.")
                if item.state.kind is SittingStateKind.OPEN
                else ""
            )
            self._show_line(self.choice_line, text)
            self.cancel_button.setVisible(False)
            return
        dish = choice.dish_title or translate("MealChooser", "a dish no longer on the menu")
        symbol = "✓" if choice.delivery is Delivery.SENT else "…"
        self._show_line(
            self.choice_line,
            translate("MealChooser", "Your choice: %1").replace("%1", dish)
            + f"\n{symbol} {delivery_text(choice.delivery)}",
        )
        _restyle(self.choice_line, "delivery", choice.delivery.value)
        can_change = item.state.kind is SittingStateKind.OPEN
        self.cancel_button.setVisible(can_change)
        self.cancel_button.setEnabled(not self._busy)

    def _draw_dishes(self, item: SittingPlan) -> None:
        can_order = item.state.kind is SittingStateKind.OPEN and not self._busy
        columns = 2 if self.dish_scroll.viewport().width() >= WIDE_PX else 1
        chosen_url = item.choice.dish_url if item.choice else None
        for index, option in enumerate(item.options):
            card = DishCard(
                option,
                is_choice=option.dish.url == chosen_url,
                can_order=can_order,
                big=self.big,
            )
            card.chosen.connect(self._choose)
            self.dish_grid.addWidget(card, index // columns, index % columns)
        if not item.options and item.state.kind is SittingStateKind.OPEN:
            self._say_status(translate("MealChooser", "No dishes are listed for this meal yet."))

    @staticmethod
    def _show_line(label: QLabel, text: str) -> None:
        label.setText(text)
        label.setVisible(bool(text))

    def _arrange(self, *, narrow: bool) -> None:
        """Sittings beside the dishes on a landscape tablet, in a row above them in portrait."""
        if narrow == self._narrow:
            return
        self._narrow = narrow
        scroll = self.sitting_scroll
        if narrow:
            self._outer.setDirection(QBoxLayout.Direction.TopToBottom)
            self.sitting_column.setDirection(QBoxLayout.Direction.LeftToRight)
            scroll.setMinimumWidth(0)
            scroll.setMaximumWidth(16_777_215)
            scroll.setFixedHeight(132 if self.big else 112)
            scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
            scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        else:
            self._outer.setDirection(QBoxLayout.Direction.LeftToRight)
            self.sitting_column.setDirection(QBoxLayout.Direction.TopToBottom)
            scroll.setMinimumHeight(0)
            scroll.setMaximumHeight(16_777_215)
            scroll.setFixedWidth(340 if self.big else 280)
            scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)

    def resizeEvent(self, event: object) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)  # type: ignore[arg-type]
        self._arrange(narrow=self.width() < 1000)
        if self.plan is not None:
            QTimer.singleShot(0, self._redraw_if_columns_changed)

    def _redraw_if_columns_changed(self) -> None:
        count = self.dish_grid.count()
        if count < 2 or self.plan is None:
            return
        columns = 2 if self.dish_scroll.viewport().width() >= WIDE_PX else 1
        second = self.dish_grid.itemAtPosition(0, 1)
        if (second is not None) != (columns == 2):
            self._draw()

    def _tick(self) -> None:
        """Refresh the countdown; read the plan again once a cut-off has passed."""
        plan = self.plan
        if plan is None:
            return
        now = self._clock()
        passed = any(
            item.state.kind is SittingStateKind.OPEN
            and not item.state.late
            and time_left(now, item.sitting.cutoff).total_seconds() <= 0
            for item in plan.sittings
        )
        if passed:
            self.reload()
        else:
            current = self._current()
            if current is not None:
                _tone, text = self._state_words(current)
                self._show_line(self.state_line, text)

    # Choosing ------------------------------------------------------------------------------------

    def _choose(self, dish_url: str) -> None:
        target = self.target
        if target is None:
            return
        self._send(
            lambda item: self.meals.choose(
                target.patient_id,
                target.encounter_id,
                item.sitting,
                dish_url,
                on_behalf=target.on_behalf,
                staff_id=target.staff_id,
            ),
            translate("MealChooser", "Saving your choice…"),
            self._saved,
        )

    def _cancel(self) -> None:
        target = self.target
        if target is None:
            return
        self._send(
            lambda item: self.meals.cancel(
                target.patient_id,
                item.sitting,
                on_behalf=target.on_behalf,
                staff_id=target.staff_id,
            ),
            translate("MealChooser", "Cancelling…"),
            self._cancelled,
        )

    def _send(
        self,
        work: Callable[[SittingPlan], Coroutine[Any, Any, object]],
        busy_words: str,
        done: Callable[[int], None],
    ) -> None:
        """Save a choice or a cancel for the sitting on screen; one at a time, with words.

        The plan is not read again here: the store announces the saved choice, and the screen
        that shows this chooser reads it again from that announcement (the one refresh path).
        """
        item = self._current()
        if item is None or self._busy:
            return
        self._busy = True
        self._message = busy_words
        self._draw()
        turn = self._patient_turn
        ops.run(
            work(item),
            owner=self,
            on_done=lambda _: done(turn),
            on_error=lambda error: self._refused(error, turn),
        )

    def _saved(self, turn: int) -> None:
        self._done_sending(turn, translate("MealChooser", "Your choice is saved."))

    def _cancelled(self, turn: int) -> None:
        self._done_sending(turn, translate("MealChooser", "Your choice is cancelled."))

    def _done_sending(self, turn: int, words: str) -> None:
        if turn != self._patient_turn:
            return
        self._busy = False
        self._message = words
        if self.plan is not None:
            self._draw()

    def _refused(self, error: BaseException, turn: int) -> None:
        if turn != self._patient_turn:
            return
        if isinstance(error, MealOrderError):
            self._message = self._refusal_words(error.kind)
        else:
            log.error("meal_choice_failed", exc_info=error)
            self._message = translate(
                "MealChooser", "Your choice could not be saved. Please try again or ask your nurse."
            )
        # Nothing was saved, so nothing is announced: read the plan now, as the refusal usually
        # means it changed under the patient (a cut-off passed, a new diet order).
        self.reload()

    @staticmethod
    def _refusal_words(kind: str) -> str:
        words = {
            "closed": translate("MealChooser", "Too late: choices for this meal have just closed."),
            "nil-by-mouth": translate(
                "MealChooser", "Not saved: you must not eat or drink at this time."
            ),
            "no-diet-order": translate(
                "MealChooser", "Not saved: your diet has not been set. Please ask your nurse."
            ),
            "served": translate("MealChooser", "Too late: this meal is already being served."),
            "not-allowed": translate(
                "MealChooser", "Not saved: this dish is not suitable for you."
            ),
            "unknown-dish": translate(
                "MealChooser", "Not saved: this dish is no longer on the menu."
            ),
        }
        return words.get(
            kind,
            translate(
                "MealChooser", "Your choice could not be saved. Please try again or ask your nurse."
            ),
        )
