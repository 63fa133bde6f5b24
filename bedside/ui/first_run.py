"""The first-run screen: what a tablet with an empty cache shows while it downloads its ward.

Owns the page a person sees on a tablet's very first start, instead of a blank or frozen window:
"Setting up this tablet", "Downloading ward 3 West: 1,234 of ~6,000 resources…" with a progress
bar (indeterminate while the EHR has given no total), a line saying what is happening, and, when
the pull fails, one sentence saying why, when the next try starts, and "Try again now". It emits
:attr:`FirstRunScreen.ready` once the first full pull has landed; the composition root then puts
the ward board (or patient mode) in its place.

It talks only to :class:`bedside.services.first_run.FirstRun`, never to the sync layer; numbers
follow the language's locale (1,234 · 1 234 · 1.234) and the ward's name is plain text.
"""

from __future__ import annotations

import asyncio
import logging
import math

from PySide6.QtCore import QLocale, Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QProgressBar, QVBoxLayout, QWidget
from shiboken6 import isValid

from bedside.services.first_run import FailureKind, FirstRun, FirstRunState
from bedside.ui.i18n import translate
from bedside.ui.widgets import (
    Retranslatable,
    centred_card,
    plain_label,
    set_button_text,
    touch_button,
)

log = logging.getLogger(__name__)

CARD_MAX_WIDTH_PX = 880
BAR_HEIGHT_PX = 28


def count_text(value: int) -> str:
    """A count with the language's thousands separator (``1,234``, ``1 234``, ``1.234``)."""
    return QLocale().toString(value)


def _sentences(place_kind: str) -> dict[str, str]:
    """The headline's sentences for a ward, a bed known by its id, or a bed known by its name.

    A bed's own name already says it is a bed ("Zimmer 312 – Bett B"), so it stands alone; a
    ward's name does not ("Médecine interne – 2e étage"), nor does a bare id.
    """
    if place_kind == "named-bed":
        return {
            "ready": translate("FirstRun", "%1 is ready: %2 resources downloaded."),
            "starting": translate("FirstRun", "Downloading %1…"),
            "so-far": translate("FirstRun", "Downloading %1: %2 resources so far…"),
            "of": translate("FirstRun", "Downloading %1: %2 of ~%3 resources…"),
            "paused": translate("FirstRun", "Download of %1 paused."),
            "paused-so-far": translate("FirstRun", "Download of %1 paused at %2 resources."),
            "paused-of": translate("FirstRun", "Download of %1 paused at %2 of ~%3 resources."),
        }
    if place_kind == "bed":
        return {
            "ready": translate("FirstRun", "Bed %1 is ready: %2 resources downloaded."),
            "starting": translate("FirstRun", "Downloading bed %1…"),
            "so-far": translate("FirstRun", "Downloading bed %1: %2 resources so far…"),
            "of": translate("FirstRun", "Downloading bed %1: %2 of ~%3 resources…"),
            "paused": translate("FirstRun", "Download of bed %1 paused."),
            "paused-so-far": translate("FirstRun", "Download of bed %1 paused at %2 resources."),
            "paused-of": translate("FirstRun", "Download of bed %1 paused at %2 of ~%3 resources."),
        }
    return {
        "ready": translate("FirstRun", "Ward %1 is ready: %2 resources downloaded."),
        "starting": translate("FirstRun", "Downloading ward %1…"),
        "so-far": translate("FirstRun", "Downloading ward %1: %2 resources so far…"),
        "of": translate("FirstRun", "Downloading ward %1: %2 of ~%3 resources…"),
        "paused": translate("FirstRun", "Download of ward %1 paused."),
        "paused-so-far": translate("FirstRun", "Download of ward %1 paused at %2 resources."),
        "paused-of": translate("FirstRun", "Download of ward %1 paused at %2 of ~%3 resources."),
    }


def headline_text(state: FirstRunState) -> str:
    """ "Downloading ward 3 West: 1,234 of ~6,000 resources…", as much as is known."""
    if state.scope_kind == "bed":
        place_kind = "named-bed" if state.place_named else "bed"
    else:
        place_kind = "ward"
    estimate = state.estimate
    waiting = state.stage == "waiting"
    if state.stage == "done":
        form = "ready"
    elif state.stored == 0:
        form = "paused" if waiting else "starting"
    elif estimate is None:
        form = "paused-so-far" if waiting else "so-far"
    else:
        form = "paused-of" if waiting else "of"
    # The place last: it is server text, and a "%2" in a ward's name must stay as written.
    return (
        _sentences(place_kind)[form]
        .replace("%2", count_text(state.stored))
        .replace("%3", count_text(estimate or 0))
        .replace("%1", state.place)
    )


def type_activity(resource_type: str | None) -> str:
    """What is being downloaded, in words a nurse knows (not FHIR's)."""
    words = {
        "Location": translate("FirstRun", "Downloading the wards, rooms and beds…"),
        "Practitioner": translate("FirstRun", "Downloading the staff list…"),
        "Medication": translate("FirstRun", "Downloading the medicines list…"),
        "ActivityDefinition": translate("FirstRun", "Downloading the menus…"),
        "Encounter": translate("FirstRun", "Downloading who is in which bed…"),
        "Patient": translate("FirstRun", "Downloading the patients…"),
        "AllergyIntolerance": translate("FirstRun", "Downloading allergies…"),
        "Condition": translate("FirstRun", "Downloading diagnoses…"),
        "Flag": translate("FirstRun", "Downloading alerts…"),
        "MedicationRequest": translate("FirstRun", "Downloading prescriptions…"),
        "MedicationAdministration": translate("FirstRun", "Downloading doses given…"),
        "NutritionOrder": translate("FirstRun", "Downloading diets and meal orders…"),
        "Appointment": translate("FirstRun", "Downloading appointments…"),
        "Observation": translate("FirstRun", "Downloading vital signs and results…"),
        "DiagnosticReport": translate("FirstRun", "Downloading reports…"),
        "Task": translate("FirstRun", "Downloading nursing tasks…"),
    }
    return words.get(resource_type or "", translate("FirstRun", "Downloading…"))


def activity_text(state: FirstRunState) -> str:
    """The line under the bar: what is happening right now."""
    if state.stage == "connecting":
        return translate("FirstRun", "Connecting to the EHR and signing in…")
    if state.stage == "downloading":
        return type_activity(state.resource_type)
    if state.stage == "saving":
        return translate("FirstRun", "Saving and checking the download…")
    if state.stage == "waiting":
        return translate("FirstRun", "What was already downloaded is kept.")
    return translate("FirstRun", "Opening Bedside…")


def failure_text(kind: FailureKind | None) -> str:
    """One sentence: why the last attempt failed (the service's sentences, translated)."""
    sentences = {
        FailureKind.OFFLINE: translate(
            "FirstRun", "This tablet cannot reach the EHR: check its network connection."
        ),
        FailureKind.CREDENTIALS: translate(
            "FirstRun",
            "The EHR refused this tablet's credentials: ask IT to check its enrollment.",
        ),
        FailureKind.CERTIFICATE: translate(
            "FirstRun",
            "This tablet does not trust the EHR's certificate: ask IT to check the certificates "
            "installed on it.",
        ),
        FailureKind.EHR: translate(
            "FirstRun", "The EHR answered with an error: it may be busy or under maintenance."
        ),
        FailureKind.STORAGE: translate(
            "FirstRun", "This tablet could not save the download: ask IT to check its storage."
        ),
    }
    if kind is None:
        return translate(
            "FirstRun", "Something unexpected stopped the download: ask IT to look at the log."
        )
    return sentences[kind]


def next_try_text(seconds: float | None) -> str:
    """When the next attempt starts by itself."""
    if seconds is None or seconds <= 0:
        return translate("FirstRun", "Trying again now…")
    # A plain name for the count: lupdate's Python parser reads nothing more complex.
    whole = math.ceil(seconds)
    return translate("FirstRun", "Trying again in %n second(s).", None, whole)


class FirstRunScreen(Retranslatable, QWidget):
    """The whole window while the first full pull runs; emits ``ready`` when it has landed."""

    ready = Signal()

    def __init__(self, first_run: FirstRun, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("canvas")
        # The canvas colour of the style sheet is drawn only on a styled background.
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.first_run = first_run
        self._state: FirstRunState = first_run.state
        self._task: asyncio.Task[object] | None = None
        self._crashed = False  # run() ended with an unexpected error: a tap starts it again

        card = centred_card(self, max_width=CARD_MAX_WIDTH_PX, weight=100, below=2)

        layout = QVBoxLayout(card)
        layout.setContentsMargins(36, 32, 36, 32)
        layout.setSpacing(14)
        self.title = plain_label(name="title", wrap=True)
        self.explain = plain_label(name="muted", wrap=True)
        layout.addWidget(self.title)
        layout.addWidget(self.explain)
        layout.addSpacing(12)
        self.headline = plain_label(name="heading", wrap=True)
        self.headline.setAccessibleName("first run headline")
        layout.addWidget(self.headline)
        self.bar = QProgressBar()
        self.bar.setObjectName("firstRunProgress")
        self.bar.setTextVisible(False)  # the headline says the numbers in words
        self.bar.setFixedHeight(BAR_HEIGHT_PX)
        layout.addWidget(self.bar)
        self.activity = plain_label(name="muted", wrap=True)
        layout.addWidget(self.activity)

        self.problem = QFrame()
        self.problem.setObjectName("firstRunProblem")
        problem_layout = QVBoxLayout(self.problem)
        problem_layout.setContentsMargins(0, 12, 0, 0)
        problem_layout.setSpacing(10)
        self.failure = plain_label(name="message", wrap=True)
        self.failure.setProperty("tone", "danger")
        self.next_try = plain_label(wrap=True)
        self.try_now = touch_button(name="tryAgainNow", kind="primary")
        self.try_now.clicked.connect(self._try_now)
        problem_layout.addWidget(self.failure)
        problem_layout.addWidget(self.next_try)
        problem_layout.addWidget(self.try_now, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.problem)

        # Counts the seconds down to the next try while one is awaited.
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._show_next_try)
        self.retranslate()

    # ----------------------------------------------------------------------------------------

    @property
    def state(self) -> FirstRunState:
        return self._state

    def start(self) -> None:
        """Start the first pull (and its retries); ``ready`` follows when it has landed.

        The pull is a long-lived task of its own, like the sync engine's loop, and not a screen
        action of :mod:`bedside.ui.ops`: ``ops.drain()`` must not wait minutes for a ward (or
        forever for an EHR that stays away). End it with :meth:`stop` and :meth:`finished`.
        """
        if self._task is not None and not self._task.done():
            return
        self._crashed = False
        self._task = asyncio.ensure_future(self.first_run.run(self._heard))
        self._task.add_done_callback(self._ended)
        self.retranslate()

    def stop(self) -> None:
        """Give up (the app is closing): the pull and its retries end, ``ready`` never comes.

        Await :meth:`finished` before closing the cache the pull writes to.
        """
        self._countdown.stop()
        if self._task is not None and not self._task.done():
            self._task.cancel()

    async def finished(self) -> None:
        """Return once the pull has ended: landed, stopped, or stopped by an unexpected error."""
        if self._task is not None:
            await asyncio.gather(self._task, return_exceptions=True)

    def show_state(self, state: FirstRunState) -> None:
        self._state = state
        self.retranslate()

    # ----------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        state = self._state
        self.title.setText(translate("FirstRun", "Setting up this tablet"))
        self.explain.setText(
            translate(
                "FirstRun",
                "Bedside copies the records it needs from the EHR once, so that it keeps working "
                "without a network. It opens by itself when this is done.",
            )
        )
        self.headline.setText(headline_text(state))
        self.headline.setAccessibleName(self.headline.text())
        self.activity.setText(activity_text(state))
        self._show_bar(state)
        failed = state.stage == "waiting" or self._crashed
        self.problem.setVisible(failed)
        self.failure.setText(failure_text(None if self._crashed else state.failure))
        set_button_text(self.try_now, translate("FirstRun", "Try again now"))
        if state.stage == "waiting" and not self._crashed:
            if not self._countdown.isActive():
                self._countdown.start()
            self._show_next_try()
        else:
            self._countdown.stop()
            self.next_try.setText("")
        self.next_try.setVisible(bool(self.next_try.text()))

    def _show_bar(self, state: FirstRunState) -> None:
        self.bar.setAccessibleName(translate("FirstRun", "Download progress"))
        estimate = state.estimate
        paused = state.stage == "waiting" or self._crashed
        busy = not paused and estimate is None and state.stage != "done"
        # Greyed while paused (the words say why), a travelling glow while busy without a total
        # (a plain chunk would read as a fill level).
        if self.bar.property("paused") != paused or self.bar.property("busy") != busy:
            self.bar.setProperty("paused", paused)
            self.bar.setProperty("busy", busy)
            self.bar.style().unpolish(self.bar)
            self.bar.style().polish(self.bar)
        if state.stage == "done":
            self.bar.setRange(0, 1)
            self.bar.setValue(1)
        elif paused:
            # Nothing moves while waiting: a moving bar would say otherwise.
            total = estimate or 1
            self.bar.setRange(0, total)
            self.bar.setValue(min(state.stored, total) if estimate else 0)
        elif estimate is None:
            self.bar.setRange(0, 0)  # busy: the EHR gave no total
        else:
            self.bar.setRange(0, estimate)
            self.bar.setValue(min(state.stored, estimate))
        self.bar.setAccessibleDescription(self.headline.text())

    def _show_next_try(self) -> None:
        seconds = self.first_run.seconds_until_next_try(self._state)
        self.next_try.setText(next_try_text(seconds))
        self.next_try.setVisible(True)

    def _try_now(self) -> None:
        if self._crashed or self._task is None or self._task.done():
            self.start()
        else:
            self.first_run.try_now()

    def _heard(self, state: FirstRunState) -> None:
        if isValid(self):  # a screen deleted without stop() draws nothing more
            self.show_state(state)

    def _ended(self, task: asyncio.Task[object]) -> None:
        if task.cancelled() or not isValid(self):
            return
        error = task.exception()
        if error is not None:
            self._stopped(error)
        else:
            self._countdown.stop()
            self.ready.emit()

    def _stopped(self, error: BaseException) -> None:
        # A bug, not a failed pull (those are retried inside run()): say so, let a tap retry.
        log.error("first_run_stopped cause=%s", type(error).__name__)
        self._crashed = True
        self.retranslate()
