"""Vital signs: the entry pad's checks, the Observations a round becomes, and the history read back.

Owns three things for the nurse workspace (issue #4):

* **Entry checks** (:func:`check_entry`): hard limits (:data:`PLAUSIBLE`, outside = refused),
  confirm limits (:data:`UNUSUAL`, outside = the nurse confirms) and the consistency rules of one
  round.
  Problems are structured (sign, kind, limits); the UI words them.
* **Writing** (:func:`observations_for`, :meth:`VitalsService.record`): one FHIR ``Observation`` per
  sign, category ``vital-signs``, LOINC codes and UCUM units, written exactly as the sandbox seed
  writes them (``bedside/sandbox/seed/vitals.py``) so that seeded and tablet-recorded vitals read
  the same: SpO2 carries the inhaled oxygen flow as a component (0 L/min = room air), ACVPU is a
  coded value. Each Observation is a clinical event recorded through the Recorder (outbox).
* **Reading** (:meth:`VitalsService.history`, :meth:`VitalsService.latest_news2`): Observations
  grouped into rounds (those sharing one effective time) with their NEWS2, and one series per sign
  for the trend plots. The SpO2 scale comes from the patient's active "SpO2 target (scale 2)" Flag.
  An Observation that does not parse, has no value or no time is skipped and logged by id.

Where the limits come from (our choices, as domain.md gives none): the hard limits bound what a
human body can show on a ward and a device can measure (a pulse oximeter reads 0–100 %, pain is
0–10 by definition); the confirm limits sit at or beyond the extremes of the NEWS2 chart, where a
typing slip (a missing or extra digit) is likelier than the value.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime, timedelta, tzinfo
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from types import MappingProxyType
from typing import Any, Literal

from bedside.models import CodeableConcept, FhirModelError, Flag, Observation, Quantity, parse_as
from bedside.services.clock import Clock, system_clock
from bedside.services.delivery import Delivery, deliveries, together
from bedside.services.news2 import Consciousness, News2Input, News2Score, score_news2
from bedside.services.recording import Recorder
from bedside.store import OutboxEntry, Store

__all__ = [
    "CS_ACVPU",
    "CS_FLAG",
    "PLAUSIBLE",
    "SPO2_SCALE_2_FLAG",
    "UNUSUAL",
    "EntryProblem",
    "LatestNews2",
    "ProblemKind",
    "VitalPoint",
    "VitalSign",
    "VitalsEntry",
    "VitalsEntryError",
    "VitalsHistory",
    "VitalsRound",
    "VitalsService",
    "blocking",
    "check_entry",
    "news2_input",
    "observations_for",
]

log = logging.getLogger(__name__)

# --- codes ---------------------------------------------------------------------------------------
LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
# Local code systems of the sandbox EHR, copied from bedside/sandbox/seed/codes.py (CS_ACVPU,
# CS_FLAG): services may not import the sandbox; a test checks that the two agree.
CS_ACVPU = "https://sandbox.bedside.example/fhir/CodeSystem/acvpu"
CS_FLAG = "https://sandbox.bedside.example/fhir/CodeSystem/flag"
# The Flag code meaning "score SpO2 on NEWS2 scale 2" (bedside/sandbox/seed/flags.py).
SPO2_SCALE_2_FLAG = "spo2-scale-2"

HEART_RATE_CODE = "8867-4"
RESPIRATORY_RATE_CODE = "9279-1"
SPO2_CODE = "2708-6"
SPO2_PULSE_OXIMETRY_CODE = "59408-5"
OXYGEN_FLOW_CODE = "3151-8"
BP_PANEL_CODE = "85354-9"
SYSTOLIC_CODE = "8480-6"
DIASTOLIC_CODE = "8462-4"
TEMPERATURE_CODE = "8310-5"
CONSCIOUSNESS_CODE = "67775-7"
PAIN_CODE = "72514-3"

_ACVPU_DISPLAY = {
    Consciousness.ALERT: "Alert",
    Consciousness.NEW_CONFUSION: "New confusion",
    Consciousness.VOICE: "Responds to voice",
    Consciousness.PAIN: "Responds to pain",
    Consciousness.UNRESPONSIVE: "Unresponsive",
}

# Observations in these states are not (or no longer) a measurement.
_NOT_MEASURED = frozenset({"entered-in-error", "cancelled"})


class VitalSign(StrEnum):
    """One value the pad collects (and one trend series, except consciousness)."""

    HEART_RATE = "heart-rate"
    RESPIRATORY_RATE = "respiratory-rate"
    SPO2 = "spo2"
    OXYGEN_FLOW = "oxygen-flow"
    SYSTOLIC = "systolic"
    DIASTOLIC = "diastolic"
    TEMPERATURE = "temperature"
    CONSCIOUSNESS = "consciousness"
    PAIN = "pain"


@dataclass(frozen=True)
class VitalsEntry:
    """What the pad collects; every field optional. Flow is only meaningful on oxygen."""

    heart_rate: int | None = None
    respiratory_rate: int | None = None
    spo2: int | None = None
    on_oxygen: bool | None = None
    oxygen_flow_l_min: Decimal | None = None
    systolic: int | None = None
    diastolic: int | None = None
    temperature: Decimal | None = None
    consciousness: Consciousness | None = None
    pain: int | None = None

    def value(self, sign: VitalSign) -> int | Decimal | Consciousness | None:
        """The entered value of one sign."""
        return getattr(self, _FIELD[sign])  # type: ignore[no-any-return]


_FIELD: Mapping[VitalSign, str] = {
    VitalSign.HEART_RATE: "heart_rate",
    VitalSign.RESPIRATORY_RATE: "respiratory_rate",
    VitalSign.SPO2: "spo2",
    VitalSign.OXYGEN_FLOW: "oxygen_flow_l_min",
    VitalSign.SYSTOLIC: "systolic",
    VitalSign.DIASTOLIC: "diastolic",
    VitalSign.TEMPERATURE: "temperature",
    VitalSign.CONSCIOUSNESS: "consciousness",
    VitalSign.PAIN: "pain",
}


# --- entry checks --------------------------------------------------------------------------------
class ProblemKind(StrEnum):
    """What is wrong with an entry; only UNUSUAL may be saved (after the nurse confirms)."""

    EMPTY = "empty"  # nothing entered
    IMPLAUSIBLE = "implausible"  # outside the hard range: refused
    UNUSUAL = "unusual"  # plausible but extreme: the nurse confirms it
    INCONSISTENT = "inconsistent"  # the values contradict each other or one of a pair is missing


@dataclass(frozen=True)
class EntryProblem:
    """One problem; ``low``/``high`` are the limits broken (for the message), when any."""

    sign: VitalSign | None
    kind: ProblemKind
    low: Decimal | None = None
    high: Decimal | None = None


def _limits(
    table: Mapping[VitalSign, tuple[str, str]],
) -> Mapping[VitalSign, tuple[Decimal, Decimal]]:
    return MappingProxyType({sign: (Decimal(lo), Decimal(hi)) for sign, (lo, hi) in table.items()})


# Hard limits, inclusive: a value outside is refused (a slip or a device fault, not a patient).
PLAUSIBLE: Mapping[VitalSign, tuple[Decimal, Decimal]] = _limits(
    {
        VitalSign.HEART_RATE: ("20", "250"),
        VitalSign.RESPIRATORY_RATE: ("2", "70"),
        VitalSign.SPO2: ("50", "100"),  # oximeters are not validated below ~70 %; 50 is generous
        VitalSign.OXYGEN_FLOW: ("0", "60"),  # 60 L/min: the top of high-flow nasal oxygen
        VitalSign.SYSTOLIC: ("40", "300"),
        VitalSign.DIASTOLIC: ("15", "200"),
        VitalSign.TEMPERATURE: ("25.0", "45.0"),
        VitalSign.PAIN: ("0", "10"),  # the 0-10 numeric rating scale itself
    }
)

# Confirm limits, inclusive: plausible values outside them need the nurse's confirmation.
UNUSUAL: Mapping[VitalSign, tuple[Decimal, Decimal]] = _limits(
    {
        VitalSign.HEART_RATE: ("35", "180"),
        VitalSign.RESPIRATORY_RATE: ("6", "40"),
        VitalSign.SPO2: ("80", "100"),
        VitalSign.OXYGEN_FLOW: ("0", "15"),  # above 15 L/min is not ward oxygen any more
        VitalSign.SYSTOLIC: ("70", "220"),
        VitalSign.DIASTOLIC: ("35", "130"),
        VitalSign.TEMPERATURE: ("34.0", "41.0"),
        VitalSign.PAIN: ("0", "10"),
    }
)


def _range_problem(sign: VitalSign, value: int | Decimal) -> EntryProblem | None:
    low, high = PLAUSIBLE[sign]
    if isinstance(value, Decimal) and not value.is_finite():
        return EntryProblem(sign, ProblemKind.IMPLAUSIBLE, low, high)
    if not low <= value <= high:
        return EntryProblem(sign, ProblemKind.IMPLAUSIBLE, low, high)
    low, high = UNUSUAL[sign]
    if not low <= value <= high:
        return EntryProblem(sign, ProblemKind.UNUSUAL, low, high)
    return None


def check_entry(entry: VitalsEntry) -> list[EntryProblem]:
    """Every problem of one entry (ranges in pad order, then consistency); [] means savable."""
    if all(getattr(entry, f.name) is None for f in fields(entry)):
        return [EntryProblem(None, ProblemKind.EMPTY)]
    problems: list[EntryProblem] = []
    for sign in PLAUSIBLE:
        value = entry.value(sign)
        if isinstance(value, int | Decimal) and not isinstance(value, bool):
            problem = _range_problem(sign, value)
            if problem is not None:
                problems.append(problem)
    inconsistent = ProblemKind.INCONSISTENT
    # SpO2 is scored differently on air and on oxygen, and the oxygen travels on the SpO2
    # Observation (as the seed writes it): one without the other cannot be saved.
    if entry.spo2 is not None and entry.on_oxygen is None:
        problems.append(EntryProblem(VitalSign.SPO2, inconsistent))
    if entry.spo2 is None and entry.on_oxygen is not None:
        problems.append(EntryProblem(VitalSign.SPO2, inconsistent))
    if entry.oxygen_flow_l_min is not None and entry.on_oxygen is not True:
        problems.append(EntryProblem(VitalSign.OXYGEN_FLOW, inconsistent))
    # A flow of 0 L/min means room air, so oxygen needs a flow above 0.
    flow = entry.oxygen_flow_l_min
    if entry.on_oxygen is True and (flow is None or (flow.is_finite() and flow <= 0)):
        problems.append(EntryProblem(VitalSign.OXYGEN_FLOW, inconsistent))
    if entry.systolic is not None and entry.diastolic is None:
        problems.append(EntryProblem(VitalSign.DIASTOLIC, inconsistent))
    elif entry.systolic is None and entry.diastolic is not None:
        problems.append(EntryProblem(VitalSign.SYSTOLIC, inconsistent))
    elif (
        entry.systolic is not None
        and entry.diastolic is not None
        and entry.diastolic >= entry.systolic
    ):
        problems.append(EntryProblem(VitalSign.DIASTOLIC, inconsistent))
    return problems


def blocking(problems: Iterable[EntryProblem], *, confirmed_unusual: bool) -> list[EntryProblem]:
    """The problems that stop a save: all but UNUSUAL, and UNUSUAL too until confirmed."""
    return [p for p in problems if p.kind is not ProblemKind.UNUSUAL or not confirmed_unusual]


class VitalsEntryError(ValueError):
    """An entry that cannot be saved; ``problems`` says why (structured, for the UI to word)."""

    def __init__(self, problems: Sequence[EntryProblem]) -> None:
        self.problems: list[EntryProblem] = list(problems)
        kinds = sorted({p.kind.value for p in self.problems})
        super().__init__(f"vital signs not saved: {', '.join(kinds)}")


# --- writing -------------------------------------------------------------------------------------
def _coding(system: str, code: str, display: str) -> dict[str, Any]:
    return {"system": system, "code": code, "display": display}


def _loinc(code: str, display: str) -> dict[str, Any]:
    return {"coding": [_coding(LOINC, code, display)]}


def _quantity(value: int | Decimal, unit: str, code: str | None = None) -> dict[str, Any]:
    return {"value": value, "unit": unit, "system": UCUM, "code": code or unit}


_VITAL_SIGNS_CATEGORY = {
    "coding": [_coding(OBSERVATION_CATEGORY, "vital-signs", "Vital Signs")],
}
_SPO2_CONCEPT = {
    "coding": [
        _coding(LOINC, SPO2_CODE, "Oxygen saturation in Arterial blood"),
        _coding(
            LOINC, SPO2_PULSE_OXIMETRY_CODE, "Oxygen saturation in Arterial blood by Pulse oximetry"
        ),
    ]
}


def fhir_date_time(moment: datetime) -> str:
    """A FHIR dateTime to the second, with the offset ``moment`` carries."""
    if moment.tzinfo is None:
        raise ValueError("a vital sign's time must carry its offset")
    return moment.replace(microsecond=0).isoformat(timespec="seconds")


def observations_for(
    entry: VitalsEntry,
    *,
    patient_id: str,
    encounter_id: str | None,
    performer: Mapping[str, Any] | None,
    effective: datetime,
) -> list[dict[str, Any]]:
    """One Observation per sign entered (BP as one panel), sharing ``effective`` (aware).

    Written as the sandbox seed writes vitals; the caller checks the entry first.
    """
    base: dict[str, Any] = {
        "resourceType": "Observation",
        "status": "final",
        "category": [_VITAL_SIGNS_CATEGORY],
        "subject": {"reference": f"Patient/{patient_id}"},
    }
    if encounter_id:
        base["encounter"] = {"reference": f"Encounter/{encounter_id}"}
    base["effectiveDateTime"] = fhir_date_time(effective)
    if performer:
        base["performer"] = [dict(performer)]

    def obs(code: Mapping[str, Any], **value: Any) -> dict[str, Any]:
        return {**base, "code": code, **value}

    out: list[dict[str, Any]] = []
    if entry.heart_rate is not None:
        out.append(
            obs(
                _loinc(HEART_RATE_CODE, "Heart rate"),
                valueQuantity=_quantity(entry.heart_rate, "/min"),
            )
        )
    if entry.respiratory_rate is not None:
        out.append(
            obs(
                _loinc(RESPIRATORY_RATE_CODE, "Respiratory rate"),
                valueQuantity=_quantity(entry.respiratory_rate, "/min"),
            )
        )
    if entry.spo2 is not None:
        flow = entry.oxygen_flow_l_min if entry.on_oxygen else Decimal(0)
        spo2 = obs(_SPO2_CONCEPT, valueQuantity=_quantity(entry.spo2, "%"))
        if entry.on_oxygen is not None and flow is not None:
            spo2["component"] = [
                {
                    "code": _loinc(OXYGEN_FLOW_CODE, "Inhaled oxygen flow rate"),
                    "valueQuantity": _quantity(flow, "L/min"),
                }
            ]
        out.append(spo2)
    if entry.systolic is not None or entry.diastolic is not None:
        parts = []
        for code, display, value in (
            (SYSTOLIC_CODE, "Systolic blood pressure", entry.systolic),
            (DIASTOLIC_CODE, "Diastolic blood pressure", entry.diastolic),
        ):
            if value is not None:
                parts.append(
                    {
                        "code": _loinc(code, display),
                        "valueQuantity": _quantity(value, "mmHg", "mm[Hg]"),
                    }
                )
        out.append(
            obs(
                _loinc(BP_PANEL_CODE, "Blood pressure panel with all children optional"),
                component=parts,
            )
        )
    if entry.temperature is not None:
        out.append(
            obs(
                _loinc(TEMPERATURE_CODE, "Body temperature"),
                valueQuantity=_quantity(entry.temperature, "°C", "Cel"),
            )
        )
    if entry.consciousness is not None:
        level = entry.consciousness
        out.append(
            obs(
                _loinc(CONSCIOUSNESS_CODE, "Level of responsiveness"),
                valueCodeableConcept={
                    "coding": [_coding(CS_ACVPU, level.value, _ACVPU_DISPLAY[level])]
                },
            )
        )
    if entry.pain is not None:
        out.append(
            obs(
                _loinc(PAIN_CODE, "Pain severity - 0-10 verbal numeric rating [Score] - Reported"),
                valueQuantity=_quantity(entry.pain, "{score}"),
            )
        )
    return out


# --- reading -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class VitalPoint:
    """One value of one sign at one time (for a trend plot)."""

    at: datetime
    value: Decimal


@dataclass(frozen=True)
class VitalsRound:
    """The observations sharing one effective time, as an entry, with their NEWS2.

    ``delivery`` says where the round is on its way to the EHR (sent, or still waiting in this
    tablet's outbox, or refused); ``observation_ids`` are the Observations it is made of.
    """

    at: datetime
    entry: VitalsEntry
    news2: News2Score
    delivery: Delivery = Delivery.SENT
    observation_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class VitalsHistory:
    """A window of a patient's vitals: rounds latest first; each series oldest first.

    Series exist for the numeric signs (not consciousness); a sign never measured has none.
    ``spo2_scale`` is the patient's scale now (from the Flags), known even with no round yet:
    the pad's NEWS2 preview needs it.
    """

    series: Mapping[VitalSign, tuple[VitalPoint, ...]]
    rounds: tuple[VitalsRound, ...]
    spo2_scale: Literal[1, 2] = 1


@dataclass(frozen=True)
class LatestNews2:
    """A patient's most recent NEWS2 and when its round was taken."""

    at: datetime
    score: News2Score


def news2_input(entry: VitalsEntry, *, spo2_scale: Literal[1, 2] = 1) -> News2Input:
    """The NEWS2 parameters of one entry (the pad's live preview uses this too)."""
    return News2Input(
        respiratory_rate=entry.respiratory_rate,
        spo2=entry.spo2,
        on_oxygen=entry.on_oxygen,
        systolic=entry.systolic,
        pulse=entry.heart_rate,
        consciousness=entry.consciousness,
        temperature=entry.temperature,
        spo2_scale=spo2_scale,
    )


_NEWS2_FIELDS = (
    "respiratory_rate",
    "spo2",
    "on_oxygen",
    "systolic",
    "heart_rate",
    "consciousness",
    "temperature",
)

_SIMPLE_CODES: Mapping[str, VitalSign] = {
    HEART_RATE_CODE: VitalSign.HEART_RATE,
    RESPIRATORY_RATE_CODE: VitalSign.RESPIRATORY_RATE,
    TEMPERATURE_CODE: VitalSign.TEMPERATURE,
    PAIN_CODE: VitalSign.PAIN,
    SYSTOLIC_CODE: VitalSign.SYSTOLIC,
    DIASTOLIC_CODE: VitalSign.DIASTOLIC,
    OXYGEN_FLOW_CODE: VitalSign.OXYGEN_FLOW,
}
_VITAL_CODES = frozenset(
    {*_SIMPLE_CODES, SPO2_CODE, SPO2_PULSE_OXIMETRY_CODE, BP_PANEL_CODE, CONSCIOUSNESS_CODE}
)
_INTEGER_SIGNS = frozenset(
    {
        VitalSign.HEART_RATE,
        VitalSign.RESPIRATORY_RATE,
        VitalSign.SPO2,
        VitalSign.SYSTOLIC,
        VitalSign.DIASTOLIC,
        VitalSign.PAIN,
    }
)


def _raw_loinc_codes(resource: Mapping[str, Any]) -> set[str]:
    """The LOINC codes of a raw Observation, read without parsing it (a cheap pre-filter)."""
    code = resource.get("code")
    codings = code.get("coding") if isinstance(code, Mapping) else None
    if not isinstance(codings, list):
        return set()
    return {
        str(c.get("code"))
        for c in codings
        if isinstance(c, Mapping) and c.get("system") == LOINC and c.get("code")
    }


def _decimal(quantity: Quantity | None) -> Decimal | None:
    if quantity is None or quantity.value is None:
        return None
    value = quantity.value
    if isinstance(value, float):
        value = Decimal(str(value))
    number = Decimal(value)
    return number if number.is_finite() else None


def _effective(obs: Observation) -> datetime | None:
    text = obs.effective_date_time or obs.effective_instant
    if text is None and obs.effective_period is not None:
        text = obs.effective_period.start
    if text is None or "T" not in text:
        return None  # a date alone cannot be placed in a round
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def _is_vital_sign(obs: Observation) -> bool:
    return any(c.has_code(OBSERVATION_CATEGORY, "vital-signs") for c in obs.category or ())


def _consciousness(concept: CodeableConcept | None) -> Consciousness | None:
    if concept is None:
        return None
    for code in concept.codes(CS_ACVPU):
        try:
            return Consciousness(code)
        except ValueError:
            continue
    return None


Reading = tuple[VitalSign, Decimal | Consciousness | bool]


def _readings(obs: Observation) -> list[Reading]:
    """What one vital-sign Observation says, as (sign, value) pairs; ``on_oxygen`` as a bool."""
    codes = set(obs.code.codes(LOINC))
    out: list[Reading] = []
    if codes & {SPO2_CODE, SPO2_PULSE_OXIMETRY_CODE}:
        spo2 = _decimal(obs.value_quantity)
        if spo2 is not None:
            out.append((VitalSign.SPO2, spo2))
    elif CONSCIOUSNESS_CODE in codes:
        level = _consciousness(obs.value_codeable_concept)
        if level is not None:
            out.append((VitalSign.CONSCIOUSNESS, level))
    else:
        for code in codes & _SIMPLE_CODES.keys():
            value = _decimal(obs.value_quantity)
            if value is not None:
                out.append((_SIMPLE_CODES[code], value))
    for component in obs.component or ():
        component_codes = set(component.code.codes(LOINC)) & _SIMPLE_CODES.keys()
        value = _decimal(component.value_quantity)
        for code in component_codes:
            if value is not None:
                out.append((_SIMPLE_CODES[code], value))
    return out


def _whole(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _entry_of(readings: Iterable[Reading]) -> VitalsEntry:
    """The entry a round's readings make; a flow of 0 L/min means room air (as the seed writes)."""
    values: dict[str, Any] = {}
    for sign, value in readings:
        if isinstance(value, Consciousness):
            values["consciousness"] = value
        elif isinstance(value, Decimal) and sign in _INTEGER_SIGNS:
            values[_FIELD[sign]] = _whole(value)
        else:
            values[_FIELD[sign]] = value
    flow = values.pop("oxygen_flow_l_min", None)
    if flow is not None:
        values["on_oxygen"] = flow > 0
        if flow > 0:
            values["oxygen_flow_l_min"] = flow
    return VitalsEntry(**values)


@dataclass
class _Moment:
    """The readings of one effective time, and the Observations they come from."""

    readings: list[Reading] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)


Grouped = dict[datetime, _Moment]  # readings by effective time (UTC)


def _parse_vitals(resources: Iterable[Mapping[str, Any]]) -> dict[str, Grouped]:
    """The vital-sign readings of some Observations, by patient id and effective time."""
    by_patient: dict[str, Grouped] = defaultdict(lambda: defaultdict(_Moment))
    for raw in resources:
        if not _raw_loinc_codes(raw) & _VITAL_CODES:
            continue  # a lab result or another kind of Observation: not parsed at all
        try:
            obs = parse_as(Observation, raw)
        except FhirModelError as exc:
            log.warning("vital_sign_skipped problem=%r", exc.log_safe)
            continue
        if obs.status in _NOT_MEASURED or not _is_vital_sign(obs):
            continue
        subject = obs.subject.reference_id if obs.subject else None
        at = _effective(obs)
        readings = _readings(obs)
        if subject is None or subject[0] != "Patient" or at is None or not readings:
            log.warning("vital_sign_skipped observation=%s reason=no_patient_time_or_value", obs.id)
            continue
        # Keyed by the moment in UTC: the same time written with two offsets is one round.
        moment = by_patient[subject[1]][at.astimezone(UTC)]
        moment.readings.extend(readings)
        if obs.id:
            moment.ids.append(obs.id)
    return by_patient


def _rounds(
    grouped: Mapping[datetime, _Moment],
    scale: Literal[1, 2],
    tz: tzinfo | None,
    unsettled: Mapping[str, Delivery],
) -> list[VitalsRound]:
    """Rounds latest first, times in ``tz`` (the system's local zone when None).

    ``unsettled``: the delivery of each Observation still in the outbox (absent: sent).
    """
    out = []
    for at in sorted(grouped, reverse=True):
        moment = grouped[at]
        entry = _entry_of(moment.readings)
        if all(getattr(entry, f.name) is None for f in fields(entry)):
            continue
        out.append(
            VitalsRound(
                at=at.astimezone(tz),
                entry=entry,
                news2=score_news2(news2_input(entry, spo2_scale=scale)),
                delivery=together(unsettled.get(i, Delivery.SENT) for i in moment.ids),
                observation_ids=tuple(moment.ids),
            )
        )
    return out


def _has_news2_values(entry: VitalsEntry) -> bool:
    return any(getattr(entry, name) is not None for name in _NEWS2_FIELDS)


def _instant(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


class VitalsService:
    """Records a round of vital signs and reads a patient's (or a ward's) vitals back."""

    def __init__(
        self,
        store: Store,
        recorder: Recorder,
        *,
        clock: Clock = system_clock,
        tz: tzinfo | None = None,
    ) -> None:
        """``tz``: the zone times are written and returned in (None: the system's local zone)."""
        self._store = store
        self._recorder = recorder
        self._clock = clock
        self._tz = tz

    async def record(
        self,
        entry: VitalsEntry,
        *,
        patient_id: str,
        encounter_id: str | None,
        performer: Mapping[str, Any] | None,
        confirmed_unusual: bool = False,
    ) -> list[OutboxEntry]:
        """Save one round as Observations queued for the EHR; one outbox row each, all in one
        transaction (a round is saved whole or not at all).

        Raises:
            VitalsEntryError: the entry is empty, implausible or inconsistent, or has an unusual
                value that the nurse has not confirmed.
        """
        problems = blocking(check_entry(entry), confirmed_unusual=confirmed_unusual)
        if problems:
            raise VitalsEntryError(problems)
        effective = self._clock().astimezone(self._tz)
        resources = observations_for(
            entry,
            patient_id=patient_id,
            encounter_id=encounter_id,
            performer=performer,
            effective=effective,
        )
        return await self._recorder.record_events(resources)

    async def history(self, patient_id: str, *, hours: int) -> VitalsHistory:
        """The patient's rounds and series over the ``hours`` ending now."""
        since = self._clock() - timedelta(hours=hours)
        raw = await self._store.find(
            "Observation", patient_id=patient_id, since=_instant(since), order_by_date=True
        )
        scales = await self._spo2_scales([patient_id])
        grouped = _parse_vitals(raw).get(patient_id, {})
        scale = scales.get(patient_id, 1)
        unsettled = await deliveries(self._store, "Observation")
        rounds = _rounds(grouped, scale, self._tz, unsettled)
        series: dict[VitalSign, list[VitalPoint]] = defaultdict(list)
        for vitals_round in reversed(rounds):  # oldest first
            for sign in VitalSign:
                value = vitals_round.entry.value(sign)
                if isinstance(value, int | Decimal) and not isinstance(value, bool):
                    series[sign].append(VitalPoint(at=vitals_round.at, value=Decimal(value)))
        return VitalsHistory(
            series=MappingProxyType({sign: tuple(points) for sign, points in series.items()}),
            rounds=tuple(rounds),
            spo2_scale=scale,
        )

    async def latest_news2(
        self, patient_ids: Iterable[str], *, within_hours: int = 24
    ) -> dict[str, LatestNews2]:
        """Each patient's latest round with NEWS2 values in the last ``within_hours``.

        Two store queries for the whole ward (Observations, Flags), whatever its size.
        """
        ids = list(dict.fromkeys(patient_ids))
        if not ids:
            return {}
        since = self._clock() - timedelta(hours=within_hours)
        raw = await self._store.find("Observation", patient_id=ids, since=_instant(since))
        scales = await self._spo2_scales(ids)
        parsed = _parse_vitals(raw)
        out: dict[str, LatestNews2] = {}
        for patient_id in ids:
            grouped = parsed.get(patient_id)
            if not grouped:
                continue
            for at in sorted(grouped, reverse=True):
                entry = _entry_of(grouped[at].readings)
                if _has_news2_values(entry):
                    scale = scales.get(patient_id, 1)
                    score = score_news2(news2_input(entry, spo2_scale=scale))
                    out[patient_id] = LatestNews2(at=at.astimezone(self._tz), score=score)
                    break
        return out

    async def _spo2_scales(self, patient_ids: Sequence[str]) -> dict[str, Literal[1, 2]]:
        """Scale 2 for the patients with an active "SpO2 target (scale 2)" Flag; one query."""
        now = self._clock()
        out: dict[str, Literal[1, 2]] = {}
        for raw in await self._store.find("Flag", patient_id=list(patient_ids), status="active"):
            try:
                flag = parse_as(Flag, raw)
            except FhirModelError as exc:
                log.warning("flag_skipped problem=%r", exc.log_safe)
                continue
            if not flag.code.has_code(CS_FLAG, SPO2_SCALE_2_FLAG):
                continue
            end = _flag_end(flag)
            subject = flag.subject.reference_id
            if subject and subject[0] == "Patient" and (end is None or end > now):
                out[subject[1]] = 2
        return out


def _flag_end(flag: Flag) -> datetime | None:
    text = flag.period.end if flag.period else None
    if not text or "T" not in text:
        return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
