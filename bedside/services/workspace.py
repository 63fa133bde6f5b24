"""The services of each kind of screen in one bundle, built by the composition root for the UI.

Owns nothing but the wiring contract: which services a staff screen (:class:`NurseWorkspace`) and
a bed tablet's patient mode (:class:`PatientWorkspace`) may call. The UI receives one bundle and
never reaches the store or the sync layer itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, tzinfo

from bedside.services.appointments import AppointmentService
from bedside.services.board import BoardService
from bedside.services.chart import ChartService
from bedside.services.clock import Clock, system_clock
from bedside.services.meals import MealService
from bedside.services.medications import MedicationService
from bedside.services.patient_mode import PatientModeService
from bedside.services.results import ResultsService
from bedside.services.schedule import ScheduleService
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
    # Meals on the patient's behalf (the chart's Meals tab); None leaves the tab out.
    meals: MealService | None = None

    def today(self) -> date:
        """The site's calendar day now."""
        return self.clock().astimezone(self.tz).date()


@dataclass(frozen=True)
class PatientWorkspace:
    """Everything a bed tablet's patient mode calls; staff screens use ``staff``."""

    bed_id: str
    occupants: PatientModeService
    meals: MealService
    schedule: ScheduleService
    staff: NurseWorkspace
    tz: tzinfo
    clock: Clock = field(default=system_clock)
    # Seconds without a touch before patient mode returns to its home screen.
    idle_home_s: int = 90

    def today(self) -> date:
        return self.clock().astimezone(self.tz).date()
