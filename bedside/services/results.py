"""Laboratory results of a patient, their interpretation, and the acknowledgement of criticals.

Owns how lab results read from the cache become :class:`ResultGroup` rows (grouped by their
DiagnosticReport, latest first; an Observation without a report is its own group, keyed by its
code and time), how each result is interpreted, and how a nurse acknowledges a critical one.

Interpretation (v3 ObservationInterpretation, also the older v2-0078 table or a code without a
system): ``N`` → NORMAL; ``L``, ``LU``, ``LX``, ``<`` → LOW; ``H``, ``HU``, ``HX``, ``>`` → HIGH;
``LL`` → CRITICAL_LOW; ``HH`` → CRITICAL_HIGH; ``A`` → ABNORMAL; ``AA`` → CRITICAL. With several
codes the most severe wins. Any other code (trend ``U``/``D``, ``W``/``B``, susceptibility…)
says nothing about normality and is treated as absent. Without a usable code the interpretation
is derived from ``referenceRange`` and ``derived`` is set: a numeric value below the normal
range's low → LOW, above its high → HIGH, else NORMAL; CRITICAL_LOW/HIGH only when a range whose
``type`` or ``text`` says "critical" exists and the value lies outside it. A value with a
comparator (``<5``) or without a number is never derived (UNKNOWN).

Acknowledgement — the FHIR shape (a clinical event, append-only, recorded with
:meth:`Recorder.record_event`): a ``Task`` with ``status`` completed, ``intent`` order, ``code``
= :data:`ACKNOWLEDGE_CODE` in :data:`TASK_CODE_SYSTEM`, ``focus`` = the Observation, ``for`` =
the Patient, ``encounter`` = the Observation's encounter (when it has one), ``requester`` and
``owner`` = the Practitioner (reference + display name), and ``authoredOn`` = ``lastModified`` =
``executionPeriod.start/end`` = when. A result counts as acknowledged when any such completed
Task focuses on it — made on this tablet or downloaded from another. Acknowledging a result that
is already acknowledged writes nothing and returns None.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time, tzinfo
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any, TypeVar

from bedside.models import (
    CodeableConcept,
    DiagnosticReport,
    FhirModelError,
    Observation,
    ObservationReferenceRange,
    Quantity,
    Reference,
    Resource,
    Task,
    parse_as,
)
from bedside.services.clock import Clock, system_clock
from bedside.services.people import parse_fhir_date
from bedside.services.recording import Recorder
from bedside.store import OutboxEntry, Store

log = logging.getLogger(__name__)

ModelT = TypeVar("ModelT", bound=Resource)

OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
LABORATORY = "laboratory"
V3_INTERPRETATION = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation"
V2_INTERPRETATION = "http://terminology.hl7.org/CodeSystem/v2-0078"
INTERPRETATION_SYSTEMS = frozenset({V3_INTERPRETATION, V2_INTERPRETATION, None})
NORMAL_RANGE_MEANING = "normal"
CRITICAL_WORD = "critical"
# Results that were never valid or never done are not shown.
HIDDEN_STATUSES = frozenset({"entered-in-error", "cancelled"})

# The acknowledgement Task's code (our own code system: FHIR's task-code has no "acknowledge").
TASK_CODE_SYSTEM = "https://bedside.example/fhir/CodeSystem/task"
ACKNOWLEDGE_CODE = "acknowledge-critical-result"
ACKNOWLEDGE_DISPLAY = "Acknowledge critical result"


class Interpretation(StrEnum):
    NORMAL = "normal"
    LOW = "low"
    HIGH = "high"
    CRITICAL_LOW = "critical-low"
    CRITICAL_HIGH = "critical-high"
    ABNORMAL = "abnormal"
    CRITICAL = "critical"
    UNKNOWN = "unknown"


CRITICAL_INTERPRETATIONS = frozenset(
    {Interpretation.CRITICAL_LOW, Interpretation.CRITICAL_HIGH, Interpretation.CRITICAL}
)

INTERPRETATION_CODES: dict[str, Interpretation] = {
    "N": Interpretation.NORMAL,
    "L": Interpretation.LOW,
    "LU": Interpretation.LOW,
    "LX": Interpretation.LOW,
    "<": Interpretation.LOW,
    "H": Interpretation.HIGH,
    "HU": Interpretation.HIGH,
    "HX": Interpretation.HIGH,
    ">": Interpretation.HIGH,
    "LL": Interpretation.CRITICAL_LOW,
    "HH": Interpretation.CRITICAL_HIGH,
    "A": Interpretation.ABNORMAL,
    "AA": Interpretation.CRITICAL,
}
# Most severe first: what wins when several codes are sent.
_SEVERITY = (
    Interpretation.CRITICAL_HIGH,
    Interpretation.CRITICAL_LOW,
    Interpretation.CRITICAL,
    Interpretation.HIGH,
    Interpretation.LOW,
    Interpretation.ABNORMAL,
    Interpretation.NORMAL,
)
_CRITICAL_CODES = frozenset(
    code for code, meaning in INTERPRETATION_CODES.items() if meaning in CRITICAL_INTERPRETATIONS
)


@dataclass(frozen=True)
class Acknowledgement:
    task_id: str
    by_id: str | None
    by_name: str | None
    at: datetime


@dataclass(frozen=True)
class ResultLine:
    observation_id: str
    name: str
    value: str | None  # numbers verbatim as sent ("6.8"), or valueString/CodeableConcept text
    unit: str | None
    low: str | None
    high: str | None
    range_text: str | None
    interpretation: Interpretation
    derived: bool  # True when computed from referenceRange (no code sent)
    effective: datetime | None
    status: str | None
    acknowledgement: Acknowledgement | None

    @property
    def critical(self) -> bool:
        return self.interpretation in CRITICAL_INTERPRETATIONS

    @property
    def abnormal(self) -> bool:
        return self.interpretation not in (Interpretation.NORMAL, Interpretation.UNKNOWN)


@dataclass(frozen=True)
class ResultGroup:
    report_id: str | None  # None: results without a report, grouped by their own code and time
    title: str
    effective: datetime | None
    issued: datetime | None
    status: str | None
    lines: tuple[ResultLine, ...]


class ResultNotInCacheError(LookupError):
    """The Observation to acknowledge is not in the cache or no longer parses."""


# --- reading ------------------------------------------------------------------------------------


def _moment(value: str | None, tz: tzinfo) -> datetime | None:
    if not value:
        return None
    if "T" in value:
        try:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
        return moment if moment.tzinfo is not None else moment.replace(tzinfo=tz)
    day = parse_fhir_date(value)
    return datetime.combine(day, time(), tzinfo=tz) if day is not None else None


def _instant(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _number(value: Any) -> str | None:
    """A FHIR decimal as written (the cache keeps ``Decimal`` with its precision)."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _decimal(value: Any) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def _target(reference: Reference | None, kind: str) -> str | None:
    found = reference.reference_id if reference is not None else None
    return found[1] if found is not None and found[0] == kind else None


def _is_lab(observation: Observation) -> bool:
    return any(c.has_code(OBSERVATION_CATEGORY, LABORATORY) for c in observation.category or ())


def _says_critical(reference_range: ObservationReferenceRange) -> bool:
    words = [reference_range.text]
    concept = reference_range.type
    if concept is not None:
        words.append(concept.text)
        for coding in concept.coding or ():
            words += [coding.code, coding.display]
    return any(CRITICAL_WORD in (word or "").casefold() for word in words)


def _is_normal_range(reference_range: ObservationReferenceRange) -> bool:
    concept = reference_range.type
    if concept is None:
        return not _says_critical(reference_range)
    return any(c.code == NORMAL_RANGE_MEANING for c in concept.coding or ())


def _coded(concepts: Sequence[CodeableConcept] | None) -> Interpretation | None:
    found = {
        INTERPRETATION_CODES[coding.code]
        for concept in concepts or ()
        for coding in concept.coding or ()
        if coding.system in INTERPRETATION_SYSTEMS and coding.code in INTERPRETATION_CODES
    }
    return next((meaning for meaning in _SEVERITY if meaning in found), None)


def _outside(value: Decimal, reference_range: ObservationReferenceRange) -> Interpretation | None:
    """LOW/HIGH when ``value`` is outside the range's bounds, NORMAL inside, None if no bound."""
    low = _decimal(reference_range.low.value) if reference_range.low else None
    high = _decimal(reference_range.high.value) if reference_range.high else None
    if low is None and high is None:
        return None
    if low is not None and value < low:
        return Interpretation.LOW
    if high is not None and value > high:
        return Interpretation.HIGH
    return Interpretation.NORMAL


def derive_interpretation(
    value: Decimal | None, ranges: Sequence[ObservationReferenceRange]
) -> Interpretation | None:
    """The interpretation a numeric value has against its reference ranges, or None."""
    if value is None:
        return None
    for critical in (r for r in ranges if _says_critical(r)):
        side = _outside(value, critical)
        if side is Interpretation.LOW:
            return Interpretation.CRITICAL_LOW
        if side is Interpretation.HIGH:
            return Interpretation.CRITICAL_HIGH
    normal = next((r for r in ranges if _is_normal_range(r)), None)
    return _outside(value, normal) if normal is not None else None


def _value(observation: Observation) -> tuple[str | None, str | None, Decimal | None]:
    """(value as sent, unit, number usable for derivation)."""
    quantity: Quantity | None = observation.value_quantity
    if quantity is not None:
        number = _number(quantity.value)
        if number is not None and quantity.comparator:
            return f"{quantity.comparator}{number}", quantity.unit or quantity.code, None
        return number, quantity.unit or quantity.code, _decimal(quantity.value)
    if observation.value_integer is not None:
        return str(observation.value_integer), None, Decimal(observation.value_integer)
    if observation.value_string is not None:
        return observation.value_string, None, None
    if observation.value_codeable_concept is not None:
        return observation.value_codeable_concept.display_text, None, None
    if observation.value_boolean is not None:
        return ("true" if observation.value_boolean else "false"), None, None
    return None, None, None


def _effective(observation: Observation, tz: tzinfo) -> datetime | None:
    return (
        _moment(observation.effective_date_time, tz)
        or _moment(observation.effective_instant, tz)
        or _moment(observation.effective_period.start if observation.effective_period else None, tz)
    )


def result_line(
    observation: Observation, acknowledgement: Acknowledgement | None, tz: tzinfo = UTC
) -> ResultLine:
    """One Observation as a line, its interpretation coded or derived."""
    assert observation.id is not None
    value, unit, number = _value(observation)
    ranges = observation.reference_range or []
    shown = next((r for r in ranges if _is_normal_range(r)), ranges[0] if ranges else None)
    interpretation = _coded(observation.interpretation)
    derived = False
    if interpretation is None:
        interpretation = derive_interpretation(number, ranges)
        derived = interpretation is not None
    return ResultLine(
        observation_id=observation.id,
        name=observation.code.display_text or "—",
        value=value,
        unit=unit,
        low=_number(shown.low.value) if shown and shown.low else None,
        high=_number(shown.high.value) if shown and shown.high else None,
        range_text=shown.text if shown else None,
        interpretation=interpretation or Interpretation.UNKNOWN,
        derived=derived,
        effective=_effective(observation, tz),
        status=observation.status,
        acknowledgement=acknowledgement,
    )


def acknowledgement_of(task: Task, tz: tzinfo = UTC) -> tuple[str, Acknowledgement] | None:
    """(Observation id, acknowledgement) when ``task`` is a completed acknowledgement."""
    code = task.code
    if (
        task.status != "completed"
        or code is None
        or not code.has_code(TASK_CODE_SYSTEM, ACKNOWLEDGE_CODE)
    ):
        return None
    observation_id = _target(task.focus, "Observation")
    at = (
        _moment(task.execution_period.end if task.execution_period else None, tz)
        or _moment(task.last_modified, tz)
        or _moment(task.authored_on, tz)
    )
    if observation_id is None or at is None or task.id is None:
        return None
    who = task.owner or task.requester
    return observation_id, Acknowledgement(
        task_id=task.id,
        by_id=_target(who, "Practitioner"),
        by_name=who.display if who is not None else None,
        at=at,
    )


def _may_be_critical(raw: Mapping[str, Any]) -> bool:
    """Cheap look at raw JSON before parsing: a critical code, or a critical range to test."""
    for concept in raw.get("interpretation") or ():
        if isinstance(concept, Mapping):
            for coding in concept.get("coding") or ():
                if isinstance(coding, Mapping) and coding.get("code") in _CRITICAL_CODES:
                    return True
    ranges = raw.get("referenceRange")
    return isinstance(ranges, list) and CRITICAL_WORD in repr(ranges).casefold()


def _group_time(group: ResultGroup) -> datetime:
    return group.effective or group.issued or datetime.min.replace(tzinfo=UTC)


class ResultsService:
    """Reads lab results from the cache and records acknowledgements."""

    def __init__(
        self, store: Store, recorder: Recorder, *, clock: Clock = system_clock, tz: tzinfo = UTC
    ) -> None:
        self._store = store
        self._recorder = recorder
        self._clock = clock
        # Only for results dated without a time (a bare date is midnight here).
        self._tz = tz
        # One acknowledgement at a time: a double tap must not write two Tasks.
        self._acknowledging = asyncio.Lock()

    def _parse(self, model: type[ModelT], raws: Iterable[Mapping[str, Any]]) -> list[ModelT]:
        parsed: list[ModelT] = []
        for raw in raws:
            try:
                parsed.append(parse_as(model, raw))
            except FhirModelError as exc:
                log.warning("cached_resource_skipped problem=%r", exc.log_safe)
        return parsed

    async def _acknowledgements(self, patient_ids: Sequence[str]) -> dict[str, Acknowledgement]:
        """The first acknowledgement of each Observation, by Observation id."""
        tasks = self._parse(
            Task, await self._store.find("Task", patient_id=patient_ids, status="completed")
        )
        found: dict[str, Acknowledgement] = {}
        for task in tasks:
            ack = acknowledgement_of(task, self._tz)
            if ack is None:
                continue
            observation_id, acknowledgement = ack
            earlier = found.get(observation_id)
            if earlier is None or acknowledgement.at < earlier.at:
                found[observation_id] = acknowledgement
        return found

    async def results(self, patient_id: str) -> list[ResultGroup]:
        """Laboratory results grouped by report, latest first (vital signs are not results)."""
        observations = [
            o
            for o in self._parse(
                Observation, await self._store.find("Observation", patient_id=patient_id)
            )
            if _is_lab(o) and o.status not in HIDDEN_STATUSES
        ]
        acknowledgements = await self._acknowledgements([patient_id])
        lines = {
            o.id: result_line(o, acknowledgements.get(o.id or ""), self._tz) for o in observations
        }
        reports = self._parse(
            DiagnosticReport, await self._store.find("DiagnosticReport", patient_id=patient_id)
        )
        groups: list[ResultGroup] = []
        reported: set[str] = set()
        for report in reports:
            if report.status in HIDDEN_STATUSES or report.id is None:
                continue
            members = [
                lines[oid]
                for ref in report.result or ()
                if (oid := _target(ref, "Observation")) in lines
            ]
            if not members:
                continue  # not a lab report, or its results are not in the cache
            reported.update(line.observation_id for line in members)
            groups.append(
                ResultGroup(
                    report_id=report.id,
                    title=report.code.display_text or members[0].name,
                    effective=_moment(report.effective_date_time, self._tz)
                    or _moment(
                        report.effective_period.start if report.effective_period else None,
                        self._tz,
                    )
                    or members[0].effective,
                    issued=_moment(report.issued, self._tz),
                    status=report.status,
                    lines=tuple(members),
                )
            )
        groups += self._unreported(observations, lines, reported)
        groups.sort(key=lambda g: (_group_time(g), g.report_id is not None), reverse=True)
        return groups

    def _unreported(
        self,
        observations: Iterable[Observation],
        lines: Mapping[str | None, ResultLine],
        reported: set[str],
    ) -> list[ResultGroup]:
        """Results without a report, grouped by their own code and time."""
        grouped: dict[tuple[str, datetime | None], list[Observation]] = {}
        for observation in observations:
            if observation.id in reported:
                continue
            code = observation.code
            key = next(
                (f"{c.system}|{c.code}" for c in code.coding or () if c.code),
                code.text or "",
            )
            grouped.setdefault((key, _effective(observation, self._tz)), []).append(observation)
        groups = []
        for (_, effective), members in grouped.items():
            first = members[0]
            groups.append(
                ResultGroup(
                    report_id=None,
                    title=first.code.display_text or "—",
                    effective=effective,
                    issued=_moment(first.issued, self._tz),
                    status=first.status,
                    lines=tuple(lines[o.id] for o in members),
                )
            )
        return groups

    async def unacknowledged_critical(self, patient_ids: Iterable[str]) -> dict[str, int]:
        """Per patient, how many critical lab results no one has acknowledged yet (board)."""
        ids = list(dict.fromkeys(patient_ids))
        if not ids:
            return {}
        raws = [
            r for r in await self._store.find("Observation", patient_id=ids) if _may_be_critical(r)
        ]
        acknowledged = await self._acknowledgements(ids)
        counts: dict[str, int] = {}
        for observation in self._parse(Observation, raws):
            if not _is_lab(observation) or observation.status in HIDDEN_STATUSES:
                continue
            if observation.id in acknowledged:
                continue
            patient_id = _target(observation.subject, "Patient")
            if patient_id is None or not result_line(observation, None, self._tz).critical:
                continue
            counts[patient_id] = counts.get(patient_id, 0) + 1
        return counts

    async def acknowledge(
        self, observation_id: str, *, practitioner_id: str, practitioner_name: str
    ) -> OutboxEntry | None:
        """Record that this practitioner has seen the result; None if it already was."""
        async with self._acknowledging:
            raw = await self._store.get("Observation", observation_id)
            if raw is None:
                raise ResultNotInCacheError(f"Observation/{observation_id} is not in the cache")
            try:
                observation = parse_as(Observation, raw)
            except FhirModelError as exc:
                raise ResultNotInCacheError(exc.log_safe) from exc
            patient_id = _target(observation.subject, "Patient")
            if patient_id is None:
                raise ResultNotInCacheError(f"Observation/{observation_id} names no patient")
            if observation_id in await self._acknowledgements([patient_id]):
                return None
            now = _instant(self._clock())
            practitioner = {
                "reference": f"Practitioner/{practitioner_id}",
                "display": practitioner_name,
            }
            task: dict[str, Any] = {
                "resourceType": "Task",
                "status": "completed",
                "intent": "order",
                "code": {
                    "coding": [
                        {
                            "system": TASK_CODE_SYSTEM,
                            "code": ACKNOWLEDGE_CODE,
                            "display": ACKNOWLEDGE_DISPLAY,
                        }
                    ]
                },
                "focus": {"reference": f"Observation/{observation_id}"},
                "for": {"reference": f"Patient/{patient_id}"},
            }
            encounter_id = _target(observation.encounter, "Encounter")
            if encounter_id is not None:
                task["encounter"] = {"reference": f"Encounter/{encounter_id}"}
            task.update(
                {
                    "executionPeriod": {"start": now, "end": now},
                    "authoredOn": now,
                    "lastModified": now,
                    "requester": dict(practitioner),
                    "owner": dict(practitioner),
                }
            )
            entry = await self._recorder.record_event(task)
            log.info(
                "result_acknowledged observation=%s task=%s", observation_id, entry.resource_id
            )
            return entry
