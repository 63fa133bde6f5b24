"""What every chart tab is: a widget that shows one patient and forgets them on demand.

Owns the contract between the chart frame (:mod:`bedside.ui.chart.view`) and its tabs. A tab gets
the :class:`PatientContext` when the chart opens, reloads when the store announces
:class:`Changes` that concern its patient and the types it shows (its own saves included: a tab
never reloads by itself after a save), and drops everything in :meth:`ChartTab.clear` the moment
the screen locks.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from bedside.services.chart import Banner
from bedside.services.sync_review import Changes
from bedside.ui import ops
from bedside.ui.chart.words import say
from bedside.ui.widgets import Retranslatable

T = TypeVar("T")


@dataclass(frozen=True)
class PatientContext:
    """The patient on screen and the nurse looking at them."""

    patient_id: str
    encounter_id: str | None
    banner: Banner
    staff_id: str
    staff_name: str

    def performer(self) -> dict[str, str]:
        """The signed-in nurse as a FHIR reference (for recorded events)."""
        return {"reference": f"Practitioner/{self.staff_id}", "display": self.staff_name}


class ChartTab(Retranslatable, QWidget):
    """Base of the chart's tabs."""

    # Resource types whose change makes this tab reload (None: any change of the patient).
    WATCHES: frozenset[str] | None = None

    def __init__(self) -> None:
        super().__init__()
        self.context: PatientContext | None = None

    def title(self) -> str:
        raise NotImplementedError

    def show_patient(self, context: PatientContext) -> None:
        """Show ``context``'s patient (start reading; show progress meanwhile)."""
        self.context = context
        self.reload()

    def reload(self) -> None:
        raise NotImplementedError

    def clear(self) -> None:
        """Forget the patient: every widget that showed their data is emptied now."""
        self.context = None

    def read(
        self,
        work: Coroutine[Any, Any, T],
        show: Callable[[T], None],
        failed: Callable[[], None],
    ) -> None:
        """Run a service read for the patient on screen; ``show`` the answer if they still are.

        The screen may lock, or another patient's chart open, while the cache answers: a late
        answer is dropped — never drawn under another patient's banner.
        """
        context = self.context
        if context is None:
            work.close()
            return
        patient_id = context.patient_id

        def still_showing() -> bool:
            return self.context is not None and self.context.patient_id == patient_id

        ops.run(
            work,
            owner=self,
            on_done=lambda answer: show(answer) if still_showing() else None,
            on_error=lambda _: failed() if still_showing() else None,
        )

    def scroll_body(self) -> QVBoxLayout:
        """Fill the tab with a vertical scroll area; return the layout of what scrolls.

        Every list tab looks the same: tab margins, 12 px between cards, top-aligned, no
        sideways scrolling (long server text wraps instead).
        """
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer.addWidget(scroll)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(12)
        layout.setAlignment(Qt.AlignmentFlag.AlignTop)
        scroll.setWidget(body)
        return layout

    def add_sections(self, layout: QVBoxLayout) -> None:
        """Add ``self.sections``: the cards of the patient, emptied at once on a lock."""
        self.sections = QWidget()
        self.sections_layout = QVBoxLayout(self.sections)
        self.sections_layout.setContentsMargins(0, 0, 0, 0)
        self.sections_layout.setSpacing(12)
        layout.addWidget(self.sections)

    def read_saying(
        self,
        work: Coroutine[Any, Any, T],
        show: Callable[[T], None],
        *,
        status: QLabel,
        reading: str | None,
        failed: str,
    ) -> None:
        """:meth:`read`, with ``status`` saying ``reading`` meanwhile and ``failed`` on error.

        ``reading`` is None when the tab already shows this patient's data: a refresh after a
        sync keeps it on screen rather than flashing "Reading…".
        """
        if reading is not None:
            say(status, reading)
        self.read(work, show, lambda: say(status, failed))

    def data_changed(self, changed: Changes) -> None:
        context = self.context
        if context is None or context.patient_id not in changed.patient_ids:
            return
        if self.WATCHES is None or self.WATCHES & changed.resource_types:
            self.reload()
