"""A patient's current prescriptions and today's dose schedule, and the ward board's dose counts.

Owns how cached ``MedicationRequest``s become :class:`MedicationLine` rows: which orders are
listed (status active or on-hold, an order rather than a proposal or plan, not "do not
perform"), what is shown of them as sent (medication name, dose, route, instruction — numbers
verbatim, no words of ours: the UI writes all words) and the structured :class:`Frequency` the
UI puts into words. The dose times and their states follow the rules of
:mod:`bedside.services.dose_timing` (read its docstring); this module adds:

* a PRN order (``asNeededBoolean`` true or ``asNeededCodeableConcept``) has no scheduled doses,
  even when its timing says how often it may be given (that is a limit, not a schedule);
* an order with several ``dosageInstruction``s is shown by its first (lowest ``sequence``) and
  scheduled from all of them;
* time-critical: an ATC code (http://www.whocc.no/atc) of the ``medicationCodeableConcept`` or of
  the referenced ``Medication``'s code starts with one of the site's prefixes;
* a cached ``MedicationAdministration`` (status completed / not-done, effective time from
  ``effectiveDateTime`` or ``effectivePeriod.start``) whose ``request`` is the order marks the
  nearest dose whose window holds that time GIVEN / NOT_GIVEN;
* the name is the medication concept's text (or first coding display), else the referenced
  Medication's code text, else the reference's display, else :data:`NO_NAME`;
* rows: active first, then on-hold; within each by medication name (ignoring case and
  accents), then date of the order.

A request, Medication or administration that does not parse is skipped and logged (id and
:attr:`FhirModelError.log_safe` only); the rest is still shown.
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from decimal import Decimal
from typing import Any, TypeVar

from bedside.models import (
    CodeableConcept,
    Dosage,
    FhirModelError,
    Medication,
    MedicationAdministration,
    MedicationRequest,
    Quantity,
    Range,
    Ratio,
    Resource,
    parse_as,
)
from bedside.services.clock import Clock, system_clock
from bedside.services.dose_timing import (
    DAILY_WINDOW,
    DoseRules,
    DoseState,
    dose_state,
    dose_window,
    doses_per_day,
    local_moment,
    match_administrations,
    parse_instant,
    schedule_for_day,
)
from bedside.services.people import parse_fhir_date
from bedside.store import Store

__all__ = [
    "ATC_SYSTEM",
    "DoseCounts",
    "DoseRules",
    "DoseState",
    "Frequency",
    "MedicationLine",
    "MedicationService",
    "ScheduledDose",
    "dose_state",
    "frequency_of",
    "schedule_for_day",
]

log = logging.getLogger(__name__)

ModelT = TypeVar("ModelT", bound=Resource)

ATC_SYSTEM = "http://www.whocc.no/atc"
# Routes the screens can name in the nurse's language, whatever language the EHR wrote them in.
ROUTE_SYSTEMS = ("http://snomed.info/sct",)
LISTED_STATUSES = ("active", "on-hold")
ON_HOLD = "on-hold"
# Intents that are not an order to give the medicine.
NOT_AN_ORDER = frozenset({"proposal", "plan", "directive", "option"})
RECORDED_ADMINISTRATION = ("completed", "not-done")
NO_NAME = "—"


@dataclass(frozen=True)
class Frequency:
    """The timing of an order as structured data; the UI puts it into words."""

    count: int | None  # repeat.frequency (doses per period)
    period: Decimal | None  # repeat.period
    period_unit: str | None  # s|min|h|d|wk|mo|a
    times_of_day: tuple[time, ...]  # repeat.timeOfDay
    when: tuple[str, ...]  # repeat.when codes (MORN, ACM, HS…)
    days_of_week: tuple[str, ...]  # mon…sun
    as_needed: bool
    max_per_period: str | None  # maxDosePerPeriod as text ("4 g/1 d"), numbers verbatim


@dataclass(frozen=True)
class ScheduledDose:
    at: datetime  # local, aware
    state: DoseState
    window: timedelta  # either side of ``at``
    administration_id: str | None = None


@dataclass(frozen=True)
class MedicationLine:
    request_id: str
    medication: str
    dose: str | None  # "1 g", "2.5 mg", range "0–10 U": numbers verbatim, unit as sent
    route: str | None  # as sent (text, else the first display)
    route_codes: tuple[tuple[str, str], ...]  # (system, code) in SNOMED CT, for words
    frequency: Frequency
    instruction: str | None  # dosageInstruction.text, else patientInstruction
    as_needed: bool
    as_needed_reason: str | None
    status: str  # active / on-hold
    time_critical: bool
    authored_on: datetime | None
    doses_today: tuple[ScheduledDose, ...]


@dataclass(frozen=True)
class DoseCounts:
    due: int
    late: int
    missed: int


@dataclass(frozen=True)
class _Administration:
    id: str
    status: str
    at: datetime


def _route_codes(route: CodeableConcept | None) -> tuple[tuple[str, str], ...]:
    if route is None:
        return ()
    return tuple((system, code) for system in ROUTE_SYSTEMS for code in route.codes(system))


class MedicationService:
    """Reads prescriptions and administrations from the cache; never writes."""

    def __init__(
        self, store: Store, rules: DoseRules, *, clock: Clock = system_clock, tz: tzinfo
    ) -> None:
        self._store = store
        self._rules = rules
        self._clock = clock
        self._tz = tz

    async def prescriptions(self, patient_id: str, day: date | None = None) -> list[MedicationLine]:
        """The patient's listed orders with the doses of ``day`` (today by default)."""
        now = self._clock()
        shown = day or now.astimezone(self._tz).date()
        lines = await self._lines([patient_id], shown, now)
        return sorted(lines.get(patient_id, []), key=_line_order)

    async def dose_counts(self, patient_ids: Iterable[str]) -> dict[str, DoseCounts]:
        """Today's due, late and missed doses of each patient (zeros for one without)."""
        ids = list(dict.fromkeys(patient_ids))
        if not ids:
            return {}
        now = self._clock()
        lines = await self._lines(ids, now.astimezone(self._tz).date(), now)
        out: dict[str, DoseCounts] = {}
        for pid in ids:
            states = [dose.state for line in lines.get(pid, ()) for dose in line.doses_today]
            out[pid] = DoseCounts(
                due=states.count(DoseState.DUE),
                late=states.count(DoseState.LATE),
                missed=states.count(DoseState.MISSED),
            )
        return out

    # --- reading the cache: one query per resource type, whatever the number of patients -----

    async def _lines(
        self, patient_ids: Sequence[str], day: date, now: datetime
    ) -> dict[str, list[MedicationLine]]:
        raw_requests = await self._store.find(
            "MedicationRequest", patient_id=list(patient_ids), status=list(LISTED_STATUSES)
        )
        requests = [r for r in _parsed(MedicationRequest, raw_requests) if _listed(r)]
        if not requests:
            return {}
        medications = await self._medications(requests)
        administrations = await self._administrations(patient_ids, day)
        out: dict[str, list[MedicationLine]] = {}
        for request in requests:
            subject = request.subject.reference_id
            if subject is None or subject[0] != "Patient" or request.id is None:
                continue
            line = self._line(request, medications, administrations.get(request.id, []), day, now)
            out.setdefault(subject[1], []).append(line)
        return out

    async def _medications(self, requests: Sequence[MedicationRequest]) -> dict[str, Medication]:
        ids = {
            ref[1]
            for r in requests
            if r.medication_reference is not None
            and (ref := r.medication_reference.reference_id) is not None
            and ref[0] == "Medication"
        }
        if not ids:
            return {}
        raw = await self._store.find("Medication", ids=sorted(ids))
        return {m.id: m for m in _parsed(Medication, raw) if m.id is not None}

    async def _administrations(
        self, patient_ids: Sequence[str], day: date
    ) -> dict[str, list[_Administration]]:
        """Recorded administrations near ``day`` by request id (the widest window either side)."""
        since = local_moment(day, time(0), self._tz) - DAILY_WINDOW
        until = local_moment(day + timedelta(days=1), time(0), self._tz) + DAILY_WINDOW
        raw = await self._store.find(
            "MedicationAdministration",
            patient_id=list(patient_ids),
            status=list(RECORDED_ADMINISTRATION),
            since=since.isoformat(),
            until=until.isoformat(),
        )
        out: dict[str, list[_Administration]] = {}
        for admin in _parsed(MedicationAdministration, raw):
            request = admin.request.reference_id if admin.request is not None else None
            effective = admin.effective_date_time or (
                admin.effective_period.start if admin.effective_period is not None else None
            )
            at = parse_instant(effective, self._tz)
            if request is None or request[0] != "MedicationRequest" or at is None or not admin.id:
                continue
            out.setdefault(request[1], []).append(_Administration(admin.id, admin.status, at))
        return out

    # --- one line ---------------------------------------------------------------------------

    def _line(
        self,
        request: MedicationRequest,
        medications: Mapping[str, Medication],
        administrations: Sequence[_Administration],
        day: date,
        now: datetime,
    ) -> MedicationLine:
        concept = _medication_concept(request, medications)
        dosages = sorted(request.dosage_instruction or (), key=lambda d: d.sequence or 0)
        first = dosages[0] if dosages else None
        as_needed = any(_is_prn(d) for d in dosages)
        reason = next(
            (
                d.as_needed_codeable_concept.display_text
                for d in dosages
                if d.as_needed_codeable_concept is not None
            ),
            None,
        )
        time_critical = self._rules.is_time_critical(concept.codes(ATC_SYSTEM) if concept else ())
        authored = parse_instant(request.authored_on, self._tz)
        doses = (
            ()
            if as_needed
            else self._doses(request, dosages, time_critical, administrations, day, now)
        )
        return MedicationLine(
            request_id=request.id or "",
            medication=_medication_name(request, concept),
            dose=_dose_text(first),
            route=first.route.display_text if first is not None and first.route else None,
            route_codes=_route_codes(first.route if first is not None else None),
            frequency=frequency_of(first, as_needed=as_needed),
            instruction=(first.text or first.patient_instruction) if first is not None else None,
            as_needed=as_needed,
            as_needed_reason=reason,
            status=request.status,
            time_critical=time_critical,
            authored_on=authored,
            doses_today=doses,
        )

    def _doses(
        self,
        request: MedicationRequest,
        dosages: Sequence[Dosage],
        time_critical: bool,
        administrations: Sequence[_Administration],
        day: date,
        now: datetime,
    ) -> tuple[ScheduledDose, ...]:
        rules, tz = self._rules, self._tz
        authored = parse_instant(request.authored_on, tz)
        anchor = (
            authored.astimezone(tz).date() if authored else parse_fhir_date(request.authored_on)
        )
        timings = [d.timing for d in dosages if d.timing is not None]
        times = _merged(schedule_for_day(t, rules, day, tz, anchor=anchor) for t in timings)
        if not times:
            return ()
        tomorrow = _merged(
            schedule_for_day(t, rules, day + timedelta(days=1), tz, anchor=anchor) for t in timings
        )
        window = dose_window(time_critical, max(doses_per_day(t, rules) for t in timings))
        matched = match_administrations(times, window, [(a.at, a) for a in administrations])
        held = request.status == ON_HOLD
        doses: list[ScheduledDose] = []
        for index, at in enumerate(times):
            next_at = times[index + 1] if index + 1 < len(times) else next(iter(tomorrow), None)
            admin = matched.get(index)
            state = dose_state(
                at,
                now,
                window,
                next_at=next_at,
                missed_after=rules.missed_after,
                administration=admin.status if admin else None,
                held=held,
            )
            doses.append(ScheduledDose(at, state, window, admin.id if admin else None))
        return tuple(doses)


# --- pure helpers ------------------------------------------------------------------------------


def frequency_of(dosage: Dosage | None, *, as_needed: bool | None = None) -> Frequency:
    """The structured timing of one dosage instruction (empty when it has none)."""
    repeat = dosage.timing.repeat if dosage is not None and dosage.timing is not None else None
    times: list[time] = []
    for text in (repeat.time_of_day if repeat else None) or ():
        try:
            times.append(time.fromisoformat(text))
        except ValueError:
            continue
    return Frequency(
        count=repeat.frequency if repeat else None,
        period=Decimal(str(repeat.period)) if repeat and repeat.period is not None else None,
        period_unit=repeat.period_unit if repeat else None,
        times_of_day=tuple(sorted(times)),
        when=tuple(repeat.when or ()) if repeat else (),
        days_of_week=tuple(repeat.day_of_week or ()) if repeat else (),
        as_needed=_is_prn(dosage) if as_needed is None else as_needed,
        max_per_period=_ratio_text(dosage.max_dose_per_period) if dosage is not None else None,
    )


def _parsed(model: type[ModelT], raws: Iterable[Mapping[str, Any]]) -> list[ModelT]:
    out: list[ModelT] = []
    for raw in raws:
        try:
            out.append(parse_as(model, raw))
        except FhirModelError as exc:
            log.warning(
                "cached_resource_skipped resource=%s id=%s problem=%r",
                model.__name__,
                raw.get("id"),
                exc.log_safe,
            )
    return out


def _listed(request: MedicationRequest) -> bool:
    return (
        request.status in LISTED_STATUSES
        and request.intent not in NOT_AN_ORDER
        and not request.do_not_perform
    )


def _is_prn(dosage: Dosage | None) -> bool:
    if dosage is None:
        return False
    return bool(dosage.as_needed_boolean) or dosage.as_needed_codeable_concept is not None


def _medication_concept(
    request: MedicationRequest, medications: Mapping[str, Medication]
) -> CodeableConcept | None:
    if request.medication_codeable_concept is not None:
        return request.medication_codeable_concept
    ref = request.medication_reference.reference_id if request.medication_reference else None
    medication = medications.get(ref[1]) if ref is not None else None
    return medication.code if medication is not None else None


def _medication_name(request: MedicationRequest, concept: CodeableConcept | None) -> str:
    name = concept.display_text if concept is not None else None
    if not name and request.medication_reference is not None:
        name = request.medication_reference.display
    return name or NO_NAME


def _number(value: int | float | Decimal | None) -> str | None:
    return None if value is None else str(value)


def _quantity_text(quantity: Quantity | None) -> str | None:
    if quantity is None or quantity.value is None:
        return None
    parts = [quantity.comparator or "", _number(quantity.value) or "", quantity.unit or ""]
    if not quantity.unit and quantity.code:
        parts[2] = quantity.code
    return " ".join(p for p in parts if p)


def _range_text(span: Range) -> str | None:
    low, high = span.low, span.high
    if low is None or low.value is None:
        text = _quantity_text(high)
        return f"≤ {text}" if text else None
    if high is None or high.value is None:
        return f"≥ {_quantity_text(low)}"
    if (low.unit or low.code) == (high.unit or high.code):
        unit = low.unit or low.code
        numbers = f"{_number(low.value)}–{_number(high.value)}"
        return f"{numbers} {unit}" if unit else numbers
    return f"{_quantity_text(low)}–{_quantity_text(high)}"


def _dose_text(dosage: Dosage | None) -> str | None:
    for entry in (dosage.dose_and_rate if dosage is not None else None) or ():
        if entry.dose_quantity is not None:
            return _quantity_text(entry.dose_quantity)
        if entry.dose_range is not None:
            return _range_text(entry.dose_range)
    return None


def _ratio_text(ratio: Ratio | None) -> str | None:
    if ratio is None:
        return None
    numerator = _quantity_text(ratio.numerator)
    denominator = _quantity_text(ratio.denominator)
    if numerator and denominator:
        return f"{numerator}/{denominator}"
    return numerator


def _merged(schedules: Iterable[list[datetime]]) -> list[datetime]:
    return sorted({at for schedule in schedules for at in schedule})


def _line_order(line: MedicationLine) -> tuple[bool, str, str, str]:
    authored = line.authored_on.isoformat() if line.authored_on else ""
    return (line.status != "active", _sort_name(line.medication), authored, line.request_id)


def _sort_name(name: str) -> str:
    """``name`` without case or accents, so ÉNOXAPARINE sorts among the E's."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))
