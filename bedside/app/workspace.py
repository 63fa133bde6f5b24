"""The services of one tablet, wired to one cache, one sync engine and one EHR client.

Owns the step "store + engine + client + settings → the nurse workspace (and, on a bed tablet,
patient mode on top of it)". Used by the real app, the demo, the tests and the benchmarks alike,
so every way Bedside runs has the same services. It is also where the sync layer meets the
services' own interfaces: the engine as their :class:`~bedside.services.sync_port.SyncPort`, the
staff directory as their :class:`~bedside.services.session.PinVerifier` with its errors mapped
(:class:`EhrPinCheck`). The screens refresh from the store's change feed, which
:class:`~bedside.services.sync_review.SyncReview` hands them.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from bedside.services.appointments import AppointmentService
from bedside.services.board import BoardService
from bedside.services.chart import ChartService
from bedside.services.clock import Clock, system_clock
from bedside.services.meal_rules import ServiceTimes, parse_service_table
from bedside.services.meals import MealService
from bedside.services.medications import DoseRules, MedicationService
from bedside.services.patient_mode import PatientModeService
from bedside.services.recording import Recorder
from bedside.services.results import ResultsService
from bedside.services.schedule import ScheduleService
from bedside.services.session import (
    BadgeNotFoundError,
    DirectoryUnavailableError,
    DirectoryUnreachableError,
    PinVerifier,
    StaffSessions,
    WrongPinError,
)
from bedside.services.sync_port import SyncPort
from bedside.services.sync_review import SyncReview
from bedside.services.vitals import VitalsService
from bedside.services.ward import WardCensusService
from bedside.services.workspace import NurseWorkspace, PatientWorkspace
from bedside.settings import Settings, parse_time_table
from bedside.store import Store
from bedside.sync import (
    FhirClient,
    OfflineError,
    PinRejectedError,
    StaffDirectory,
    SyncEngine,
    SyncError,
    SyncTimeoutError,
    UnknownBadgeError,
)


class EhrPinCheck:
    """The EHR's staff directory (:class:`~bedside.sync.StaffDirectory`) as the session service
    sees it: the sync layer's errors mapped to the service's own."""

    def __init__(self, directory: PinVerifier) -> None:
        self._directory = directory

    async def verify_pin(self, badge: str, pin: str) -> Mapping[str, Any]:
        try:
            return await self._directory.verify_pin(badge, pin)
        except PinRejectedError as exc:
            raise WrongPinError(str(exc)) from exc
        except UnknownBadgeError as exc:
            raise BadgeNotFoundError(str(exc)) from exc
        except (OfflineError, SyncTimeoutError) as exc:
            raise DirectoryUnreachableError(str(exc)) from exc
        except SyncError as exc:
            raise DirectoryUnavailableError(str(exc)) from exc


def build_workspace(
    store: Store,
    engine: SyncEngine,
    client: FhirClient,
    settings: Settings,
    *,
    ward_id: str,
    site_id: str,
    device_id: str,
    hospital_number_system: str | None,
    demo_credentials: tuple[str, str] | None = None,
    clock: Clock = system_clock,
) -> NurseWorkspace:
    """Every service of the nurse workspace, wired to one cache, one engine and one EHR."""
    zone = settings.device.zone()
    sync: SyncPort = engine  # all the services see of the engine
    recorder = Recorder(store, site_id, clock=clock, written=sync.local_write_done)
    meals = MealService(store, recorder, times=meal_times(settings), clock=clock, tz=zone)
    census = WardCensusService(
        store,
        scope_key=engine.scope.key,
        hospital_number_system=hospital_number_system,
        clock=clock,
    )
    chart = ChartService(store, hospital_number_system=hospital_number_system, clock=clock, tz=zone)
    vitals = VitalsService(store, recorder, clock=clock, tz=zone)
    results = ResultsService(store, recorder, clock=clock, tz=zone)
    medication = settings.medication
    rules = DoseRules.from_tables(
        parse_time_table(medication.when_times),
        parse_time_table(medication.daily_times),
        medication.time_critical_atc,
        medication.missed_after_min,
    )
    medications = MedicationService(store, rules, clock=clock, tz=zone)
    staff = settings.staff
    return NurseWorkspace(
        ward_id=ward_id,
        board=BoardService(census, chart, vitals, medications, results, clock=clock, tz=zone),
        chart=chart,
        vitals=vitals,
        results=results,
        medications=medications,
        appointments=AppointmentService(store, clock=clock, tz=zone),
        sessions=StaffSessions(
            store,
            EhrPinCheck(StaffDirectory(client)),
            recorder,
            clock=clock,
            offline_window=timedelta(hours=staff.offline_signin_h),
            max_attempts=staff.pin_attempts,
            lockout=timedelta(minutes=staff.lockout_min),
            device_id=device_id,
        ),
        sync=SyncReview(sync, store),
        tz=zone,
        clock=clock,
        idle_lock_s=staff.idle_lock_s,
        demo_credentials=demo_credentials,
        meals=meals,
    )


def meal_times(settings: Settings) -> tuple[ServiceTimes, ...]:
    """The site's meal services (validated when the settings were read)."""
    return parse_service_table(settings.meals.serving, settings.meals.cutoffs)


def build_patient_workspace(
    staff: NurseWorkspace, store: Store, settings: Settings, *, bed_id: str
) -> PatientWorkspace:
    """A bed tablet's patient mode on top of the staff services of the same cache."""
    assert staff.meals is not None
    zone, clock = staff.tz, staff.clock
    return PatientWorkspace(
        bed_id=bed_id,
        occupants=PatientModeService(store, clock=clock, tz=zone),
        meals=staff.meals,
        schedule=ScheduleService(
            staff.appointments, times=meal_times(settings), clock=clock, tz=zone
        ),
        staff=staff,
        tz=zone,
        clock=clock,
        idle_home_s=settings.patient.idle_home_s,
    )
