"""The services of one tablet, wired to one cache, one sync engine and one EHR client.

Owns the step "store + engine + client + settings → the nurse workspace (and, on a bed tablet,
patient mode on top of it)". Used by the real app, the demo, the tests and the benchmarks alike,
so every way Bedside runs has the same services. It is also where the sync layer meets the
services' own interfaces: the engine as their :class:`~bedside.services.sync_port.SyncPort`, and
staff sign-in as ``staff.signin`` chooses — the EHR's ``$verify-pin`` as their
:class:`~bedside.services.staff_checks.PinVerifier` (:class:`EhrPinCheck`), or the hospital
directory as their :class:`~bedside.services.staff_checks.PasswordCheck`
(:class:`DirectoryPasswordCheck`), each with its errors mapped to the services' own. Another
account system (OIDC, say) is wired in :func:`staff_sessions` the same way. The screens refresh
from the store's change feed, which :class:`~bedside.services.sync_review.SyncReview` hands them.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import timedelta
from typing import Any, Protocol

from bedside.app.directory import ldap_directory
from bedside.directory import (
    AccountNotFoundError,
    DirectoryAccount,
    DirectoryCertificateError,
    DirectoryConfigError,
    DirectoryError,
    DirectoryOfflineError,
)
from bedside.directory import AccountRefusedError as DirectoryAccountRefusedError
from bedside.directory import WrongPasswordError as DirectoryWrongPasswordError
from bedside.directory.errors import AccountFacts
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
from bedside.services.session import SignInService, StaffSessions
from bedside.services.staff_checks import (
    AccountRefusedError,
    BadgeNotFoundError,
    DirectoryUnavailableError,
    DirectoryUnreachableError,
    PasswordCheck,
    PinVerifier,
    SignInNotSetUpError,
    StaffIdentifier,
    StaffIdentity,
    WrongPasswordError,
    WrongPinError,
)
from bedside.services.sync_port import SyncPort
from bedside.services.sync_review import SyncReview
from bedside.services.vitals import VitalsService
from bedside.services.ward import WardCensusService
from bedside.services.workspace import NurseWorkspace, PatientWorkspace
from bedside.settings import Settings, parse_time_table
from bedside.store import KeyStore, Store
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
from bedside.sync.staff import SignInNotOfferedError

log = logging.getLogger(__name__)


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
        except SignInNotOfferedError as exc:
            raise SignInNotSetUpError(str(exc)) from exc
        except (OfflineError, SyncTimeoutError) as exc:
            raise DirectoryUnreachableError(str(exc)) from exc
        except SyncError as exc:
            raise DirectoryUnavailableError(str(exc)) from exc


class AccountDirectory(Protocol):
    """What :class:`DirectoryPasswordCheck` needs of :class:`~bedside.directory.LdapDirectory`."""

    async def check_password(self, badge: str, password: str) -> DirectoryAccount: ...


class DirectoryPasswordCheck:
    """The hospital directory as the session service's :class:`PasswordCheck`: the directory's
    account as a :class:`StaffIdentity` (the staff number with its FHIR identifier system), and
    its errors mapped to the service's own."""

    def __init__(self, directory: AccountDirectory, *, identifier_system: str | None) -> None:
        self._directory = directory
        self._system = identifier_system

    def _identity(self, name: str | None, role: str | None, number: str | None) -> StaffIdentity:
        identifier = StaffIdentifier(self._system, number) if number else None
        return StaffIdentity(name=name, role=role, identifier=identifier)

    def _who(self, facts: AccountFacts) -> StaffIdentity:
        return self._identity(facts.name, None, facts.identifier)

    async def check_password(self, badge: str, password: str) -> StaffIdentity:
        try:
            account = await self._directory.check_password(badge, password)
        except DirectoryWrongPasswordError as exc:
            raise WrongPasswordError(str(exc), who=self._who(exc.account)) from exc
        except AccountNotFoundError as exc:
            raise BadgeNotFoundError(str(exc)) from exc
        except DirectoryAccountRefusedError as exc:
            raise AccountRefusedError(str(exc), who=self._who(exc.account)) from exc
        except DirectoryOfflineError as exc:
            raise DirectoryUnreachableError(str(exc)) from exc
        except (DirectoryCertificateError, DirectoryConfigError) as exc:
            # An untrusted certificate or a refused service account: IT must act; retrying or
            # falling back would not help.
            raise SignInNotSetUpError(str(exc)) from exc
        except DirectoryError as exc:
            raise DirectoryUnavailableError(str(exc)) from exc
        return self._identity(account.name, account.role, account.identifier)


def staff_sessions(
    store: Store,
    engine: SyncEngine,
    client: FhirClient,
    settings: Settings,
    recorder: Recorder,
    *,
    device_id: str,
    clock: Clock,
    keys: KeyStore | None = None,
    accounts: PasswordCheck | None = None,
) -> StaffSessions:
    """Staff sign-in as ``staff.signin`` says: the EHR's PIN check, or the hospital directory.

    ``accounts`` replaces the directory built from the settings (a test's, or another account
    system's such as OIDC: any :class:`PasswordCheck`). A directory sign-in whose settings are
    incomplete gets no check at all, and the lock screen says sign-in is not set up.
    """
    staff = settings.staff
    pin_check: PinVerifier | None = None
    if staff.signin == "directory":
        if accounts is None:
            directory = ldap_directory(settings, keys)
            if directory is not None:
                accounts = DirectoryPasswordCheck(
                    directory, identifier_system=settings.directory.identifier_system
                )
        log.info("staff_sign_in method=directory configured=%s", accounts is not None)
    else:
        pin_check = EhrPinCheck(StaffDirectory(client, abilities=engine.abilities))
        log.info("staff_sign_in method=ehr")
    return StaffSessions(
        store,
        pin_check,
        recorder,
        accounts=accounts,
        clock=clock,
        offline_window=timedelta(hours=staff.offline_signin_h),
        max_attempts=staff.pin_attempts,
        lockout=timedelta(minutes=staff.lockout_min),
        device_id=device_id,
        shift=timedelta(hours=staff.shift_h),
        pin_min_length=staff.pin_min_length,
        service=SignInService.DIRECTORY if staff.signin == "directory" else SignInService.EHR,
    )


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
    keys: KeyStore | None = None,
    accounts: PasswordCheck | None = None,
) -> NurseWorkspace:
    """Every service of the nurse workspace, wired to one cache, one engine and one EHR.

    ``keys``: where the directory's service-account password is kept (None: the OS key store,
    opened when first needed); ``accounts``: see :func:`staff_sessions`.
    """
    zone = settings.device.zone()
    sync: SyncPort = engine  # all the services see of the engine
    recorder = Recorder(store, site_id, clock=clock, written=sync.local_write_done)
    meals = MealService(store, recorder, times=meal_times(settings), clock=clock, tz=zone)
    census = WardCensusService(
        store,
        scope_key=engine.scope.key,
        hospital_number_system=hospital_number_system,
        clock=clock,
        tz=zone,
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
        sessions=staff_sessions(
            store,
            engine,
            client,
            settings,
            recorder,
            device_id=device_id,
            clock=clock,
            keys=keys,
            accounts=accounts,
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
