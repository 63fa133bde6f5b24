"""The ward census: every bed of a ward in bed order, with the patient in it, read from the cache.

A use case for the ward list: it reads the store, parses to models, and returns plain rows the UI
can show without knowing FHIR. A resource in the cache that no longer parses is skipped and logged
(by type and id) rather than breaking the whole list.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo
from typing import TypeVar

from bedside.models import Encounter, FhirModelError, Location, Patient, Reference, parse_as
from bedside.models.codes import CURRENT_ENCOUNTER_STATUSES
from bedside.services.clock import Clock, system_clock
from bedside.services.people import age_on, display_name, identifier_value, parse_fhir_date
from bedside.store import Store

log = logging.getLogger(__name__)

ModelT = TypeVar("ModelT", Encounter, Location, Patient)

BED_TYPE = "bd"
HOSPITAL_NUMBER_SYSTEM_HINTS = ("ipp", "patientennummer", "mrn")


@dataclass(frozen=True)
class BedRow:
    """One line of the ward list."""

    bed_id: str
    bed_label: str
    patient_id: str | None = None
    patient_name: str | None = None
    sex: str | None = None
    birth_date: date | None = None
    age: int | None = None
    hospital_number: str | None = None
    admitted_on: date | None = None
    encounter_id: str | None = None
    # Practitioners taking part in the stay (attending doctor, assigned nurse…): "my patients".
    participant_ids: frozenset[str] = frozenset()
    # More than one current stay claims this bed: the list must say "check", not pick one.
    conflict: bool = False

    @property
    def occupied(self) -> bool:
        return self.patient_id is not None


@dataclass(frozen=True)
class _Stay:
    """A current encounter's claim on a bed."""

    patient_id: str
    since: date | None
    encounter_id: str | None
    participant_ids: frozenset[str]


@dataclass(frozen=True)
class WardCensus:
    """A ward's beds and when its data was last brought up to date (server time)."""

    ward_id: str
    ward_name: str
    beds: list[BedRow]
    data_as_of: str | None

    @property
    def occupied(self) -> int:
        return sum(1 for bed in self.beds if bed.occupied)


def _instant_sort_key(value: str) -> datetime:
    """FHIR instants from different offsets compare by the moment, not by their text."""
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return datetime.max.replace(tzinfo=UTC)


def _natural_key(text: str) -> list[object]:
    """Sort "Bed 2" before "Bed 10"."""
    return [int(part) if part.isdigit() else part.casefold() for part in re.split(r"(\d+)", text)]


def physical_type(location: Location) -> str | None:
    concept = location.physical_type
    if concept is None:
        return None
    for coding in concept.coding or []:
        if coding.code:
            return coding.code
    return None


def reference_id(reference: Reference | None, kind: str) -> str | None:
    """The id in ``reference`` when it points at a resource of type ``kind``."""
    target = reference.reference_id if reference is not None else None
    return target[1] if target is not None and target[0] == kind else None


def _has_ended(end: str | None, now: datetime) -> bool:
    """Whether a FHIR dateTime ``end`` lies at or before ``now`` (an aware local time).

    A date without a time (``2026-11-24``, ``2026-11``) covers the whole day or month it names:
    the stay ends only once that has passed.
    """
    if not end:
        return False
    if "T" in end:
        moment = _instant_sort_key(end)  # unreadable: never ended, as before periods were read
        if moment.tzinfo is None:  # FHIR requires an offset with a time; read one without as local
            moment = moment.replace(tzinfo=now.tzinfo)
        return moment <= now
    return now.date().isoformat()[: len(end)] > end


def places_now(encounter: Encounter, now: datetime) -> tuple[str, ...]:
    """Ids of the Locations (bed, room, ward) where a current encounter places its patient now.

    The one occupancy rule of every screen (ward board, patient mode): the encounter is current
    (:data:`CURRENT_ENCOUNTER_STATUSES`), and the location entry is ``active`` or has no status
    (``completed`` is where the patient was, ``planned`` where they will go) and no period that
    has already ended. ``now`` is an aware local time (a date-only end is a local day).
    """
    if encounter.status not in CURRENT_ENCOUNTER_STATUSES:
        return ()
    return tuple(
        location_id
        for stay in encounter.location or []
        if stay.status in (None, "active")
        and not _has_ended(stay.period.end if stay.period else None, now)
        and (location_id := reference_id(stay.location, "Location"))
    )


def hospital_number(patient: Patient, system: str | None) -> str | None:
    """The hospital number (IPP / Patientennummer): by the site's system, else by a known hint."""
    if system is not None:
        return identifier_value(patient, system)
    for identifier in patient.identifier or []:
        known = (identifier.system or "").casefold()
        if any(hint in known for hint in HOSPITAL_NUMBER_SYSTEM_HINTS) and identifier.value:
            return identifier.value
    return None


class WardCensusService:
    """Builds :class:`WardCensus` views from the cache."""

    def __init__(
        self,
        store: Store,
        *,
        scope_key: str,
        hospital_number_system: str | None = None,
        clock: Clock = system_clock,
        tz: tzinfo | None = None,
    ) -> None:
        self._store = store
        self._hospital_number_system = hospital_number_system
        self._scope_key = scope_key
        self._clock = clock
        self._tz = tz  # the site's zone (None: the device's, for tests of other things)

    async def _parsed(
        self,
        resource_type: str,
        model: type[ModelT],
        *,
        status: Sequence[str] | None = None,
        ids: Sequence[str] | None = None,
    ) -> list[ModelT]:
        """Cached resources of one type as models; one that no longer parses is skipped."""
        parsed: list[ModelT] = []
        for raw in await self._store.find(resource_type, ids=ids, status=status):
            try:
                parsed.append(parse_as(model, raw))
            except FhirModelError as exc:
                log.warning("cached_resource_skipped problem=%r", exc.log_safe)
        return parsed

    async def _beds_of(self, ward_id: str) -> list[Location]:
        locations = await self._parsed("Location", Location)
        children: dict[str, list[Location]] = {}
        for location in locations:
            parent = reference_id(location.part_of, "Location")
            if parent is not None:
                children.setdefault(parent, []).append(location)
        beds: list[Location] = []
        pending = [ward_id]
        while pending:
            for child in children.get(pending.pop(), []):
                if physical_type(child) == BED_TYPE:
                    beds.append(child)
                elif child.id:
                    pending.append(child.id)
        return sorted(beds, key=lambda bed: _natural_key(bed.name or bed.id or ""))

    async def census(self, ward_id: str) -> WardCensus:
        """Every bed of the ward, in bed order, with its current patient."""
        ward_raw = await self._store.get("Location", ward_id)
        ward = parse_as(Location, ward_raw) if ward_raw else None
        beds = await self._beds_of(ward_id)
        # The ward's day, not UTC's nor the device's: just after midnight in Paris it is still
        # "yesterday" in UTC.
        now = self._clock().astimezone(self._tz)
        stays = await self._current_stays({bed.id for bed in beds if bed.id}, now)
        patient_ids = [stay.patient_id for claims in stays.values() for stay in claims]
        patients = {
            patient.id: patient
            for patient in await self._parsed("Patient", Patient, ids=patient_ids)
        }
        today = now.date()
        rows = [self._row(bed, stays.get(bed.id or "", []), patients, today) for bed in beds]
        return WardCensus(
            ward_id=ward_id,
            ward_name=(ward.name if ward and ward.name else ward_id),
            beds=rows,
            data_as_of=await self._data_as_of(),
        )

    async def _current_stays(self, bed_ids: set[str], now: datetime) -> dict[str, list[_Stay]]:
        """Per bed, every current encounter that places a patient in it."""
        stays: dict[str, list[_Stay]] = {}
        current = await self._parsed("Encounter", Encounter, status=CURRENT_ENCOUNTER_STATUSES)
        for encounter in current:
            patient_id = reference_id(encounter.subject, "Patient")
            start = encounter.period.start if encounter.period else None
            participants = frozenset(
                practitioner
                for participant in encounter.participant or []
                if (practitioner := reference_id(participant.individual, "Practitioner"))
            )
            for bed_id in places_now(encounter, now):
                if patient_id and bed_id in bed_ids:
                    stays.setdefault(bed_id, []).append(
                        _Stay(patient_id, parse_fhir_date(start), encounter.id, participants)
                    )
        return stays

    def _row(
        self,
        bed: Location,
        claims: list[_Stay],
        patients: dict[str | None, Patient],
        today: date,
    ) -> BedRow:
        assert bed.id is not None
        label = bed.name or bed.id
        if len({stay.patient_id for stay in claims}) > 1:
            # Two current stays in one bed (a transfer not closed yet): never guess who is there.
            log.warning("bed_conflict bed=%s encounters=%d", bed.id, len(claims))
            return BedRow(bed_id=bed.id, bed_label=label, conflict=True)
        if not claims:
            return BedRow(bed_id=bed.id, bed_label=label)
        stay = claims[0]
        patient = patients.get(stay.patient_id)
        if patient is None:
            # Occupied, but the patient's record is missing or unreadable in the cache: say so
            # rather than showing the bed as free.
            return BedRow(
                bed_id=bed.id,
                bed_label=label,
                patient_id=stay.patient_id,
                encounter_id=stay.encounter_id,
                participant_ids=stay.participant_ids,
            )
        birth = parse_fhir_date(patient.birth_date)
        return BedRow(
            bed_id=bed.id,
            bed_label=label,
            patient_id=patient.id,
            patient_name=display_name(patient),
            sex=patient.gender,
            birth_date=birth,
            age=age_on(birth, today),
            hospital_number=hospital_number(patient, self._hospital_number_system),
            admitted_on=stay.since,
            encounter_id=stay.encounter_id,
            participant_ids=stay.participant_ids,
        )

    async def _data_as_of(self) -> str | None:
        """The oldest complete pull of the scope: the view is at least this fresh."""
        state = await self._store.sync_state(self._scope_key)
        if not state:
            return None
        return min(state.values(), key=_instant_sort_key)
