"""The nurse workspace's services in one bundle, built by the composition root for the UI.

Owns nothing but the wiring contract: which services a staff screen may call. The UI receives
one :class:`NurseWorkspace` and never reaches the store or the sync layer itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, tzinfo

from bedside.services.appointments import AppointmentService
from bedside.services.board import BoardService
from bedside.services.chart import ChartService
from bedside.services.clock import Clock, system_clock
from bedside.services.medications import MedicationService
from bedside.services.results import ResultsService
from bedside.services.session import StaffSessions
from bedside.services.sync_review import SyncReview
from bedside.services.vitals import VitalsService


@dataclass(frozen=True)
class NurseWorkspace:
    """Everything a nurse tablet's screens call, and the few settings they follow."""

    ward_id: str
    board: BoardService
    chart: ChartService
    vitals: VitalsService
    results: ResultsService
    medications: MedicationService
    appointments: AppointmentService
    sessions: StaffSessions
    sync: SyncReview
    tz: tzinfo
    clock: Clock = field(default=system_clock)
    idle_lock_s: int = 180
    # Demo only: a synthetic nurse's badge and PIN shown on the lock screen.
    demo_credentials: tuple[str, str] | None = None

    def today(self) -> date:
        """The site's calendar day now."""
        return self.clock().astimezone(self.tz).date()
