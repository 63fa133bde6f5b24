"""The patient's chart header and care record: who this is, and what must never be missed.

Owns two read-only views of the cache, as plain data the UI words itself:

* :class:`Banner` — identity (name, birth date and age, sex, bed, hospital number, the French INS
  identity with its strict traits, the German KVNR — all as the server sent them), allergy state,
  diet or nil by mouth, and active flags. :meth:`ChartService.banners` builds them for a whole
  ward with one store query per resource type.
* :class:`CareRecord` — active problems, allergies with reactions, flags and recent notes.

Rules that are ours (domain.md "Identity", "Meals"):

* Allergies have three states. "No known allergies" is *recorded*: an AllergyIntolerance coded
  with a SNOMED CT "no known … allergy" concept (:data:`NO_KNOWN_ALLERGY_CODES`) or the IPS
  absent/unknown codes, or a current allergy ``List`` that is empty with ``emptyReason`` nilknown.
  "Not recorded" is nothing at all (or only the IPS "no allergy info" code). A real allergy wins
  over a contradicting "no known allergy". Entered-in-error, inactive and resolved entries are
  ignored; refuted ones are listed in the care record (marked) but never count as an allergy.
* Only the care team's diet orders count. A NutritionOrder tagged as a patient meal selection
  (``meta.tag`` code :data:`PATIENT_MEAL_SELECTION_TAG_CODE`) or pointing to a dish
  (``instantiatesCanonical``) is the patient's menu choice, never a diet.
* Nil by mouth is an active diet order whose ``oralDiet.type`` is coded "npo"/"nbm" (any system)
  or SNOMED CT 182929008; its window is ``oralDiet.schedule[].repeat.boundsPeriod``.
  :attr:`DietSummary.nil_by_mouth` is True while a window covers now (or the order has no window);
  when none is in effect but one is planned, it stays False and ``nil_by_mouth_from``/``until``
  give the next planned window, so a screen can say "from midnight".
* Flags: status active and ``period`` covering now.

A resource that does not parse is skipped and logged by type and id; the rest is shown.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from enum import StrEnum
from typing import Any, TypeVar

from bedside.models import (
    SYSTEM_INS_NIA,
    SYSTEM_INS_NIR,
    SYSTEM_KVNR,
    AllergyIntolerance,
    Annotation,
    CodeableConcept,
    Condition,
    Encounter,
    Extension,
    FhirModelError,
    Flag,
    HumanName,
    Location,
    NutritionOrder,
    Patient,
    Period,
    Practitioner,
    Reference,
    Resource,
    find_identifier,
    parse_as,
)
from bedside.models.codes import CURRENT_ENCOUNTER_STATUSES
from bedside.services.clock import Clock, system_clock
from bedside.services.people import age_on, display_name, identifier_value, parse_fhir_date
from bedside.services.ward import BED_TYPE, hospital_number, physical_type, reference_id
from bedside.store import Store

log = logging.getLogger(__name__)

ModelT = TypeVar("ModelT", bound=Resource)

SNOMED = "http://snomed.info/sct"
# SNOMED CT "no known … allergy" situations: any of them means the question was asked.
NO_KNOWN_ALLERGY_CODES = frozenset(
    {
        "716186003",  # No known allergy
        "409137002",  # No known drug allergy
        "429625007",  # No known food allergy
        "428607008",  # No known environmental allergy
        "428197003",  # No known insect allergy
    }
)
# International Patient Summary absent/unknown codes, read the same way.
IPS_ABSENT_UNKNOWN = "http://hl7.org/fhir/uv/ips/CodeSystem/absent-unknown-uv-ips"
IPS_NO_KNOWN_ALLERGY_CODES = frozenset(
    {
        "no-known-allergies",
        "no-known-medication-allergies",
        "no-known-environmental-allergies",
        "no-known-food-allergies",
    }
)
IPS_NO_ALLERGY_INFO = "no-allergy-info"
# A List of allergies (LOINC 48765-2) that is empty because there is nothing to list.
LOINC = "http://loinc.org"
ALLERGY_LIST_CODE = "48765-2"
LIST_EMPTY_NILKNOWN = "nilknown"

ALLERGY_IGNORED_CLINICAL = frozenset({"inactive", "resolved"})
IGNORED_VERIFICATION = frozenset({"entered-in-error"})
REFUTED = "refuted"
ACTIVE_CONDITION_STATUSES = ("active", "recurrence", "relapse")
CRITICALITY_ORDER = {"high": 0, "unable-to-assess": 1, "low": 2}

# The tag the app puts on a patient's own meal choice (docs/meal-catalogue.md, order-origin).
# The system is the site's; the code is the contract, so any system carrying it counts.
PATIENT_MEAL_SELECTION_TAG_CODE = "patient-meal-selection"
NIL_BY_MOUTH_CODES = frozenset({"npo", "nbm"})
NIL_BY_MOUTH_SNOMED = "182929008"  # Nil by mouth (regime/therapy)

# France: the INS strict traits (ANS referential). Birth name = the ``official`` name in FR Core,
# else a ``maiden`` name; the birth place code is the INSEE code carried on the birth place.
EXT_BIRTH_PLACE = "http://hl7.org/fhir/StructureDefinition/patient-birthPlace"
NO_TEXT = "—"


class AllergyStatus(StrEnum):
    NOT_RECORDED = "not-recorded"
    NO_KNOWN_ALLERGIES = "nka"
    RECORDED = "recorded"


@dataclass(frozen=True)
class Reaction:
    manifestations: tuple[str, ...]
    severity: str | None  # mild | moderate | severe


@dataclass(frozen=True)
class AllergyLine:
    allergy_id: str
    substance: str
    category: tuple[str, ...]
    criticality: str | None
    verification: str | None
    reactions: tuple[Reaction, ...]
    recorded: date | None
    note: str | None


@dataclass(frozen=True)
class DietSummary:
    has_order: bool
    diets: tuple[str, ...]
    texture: str | None
    fluid: str | None
    preferences: tuple[str, ...]
    excludes: tuple[str, ...]
    nil_by_mouth: bool
    nil_by_mouth_from: datetime | None
    nil_by_mouth_until: datetime | None
    instruction: str | None


NO_DIET = DietSummary(
    has_order=False,
    diets=(),
    texture=None,
    fluid=None,
    preferences=(),
    excludes=(),
    nil_by_mouth=False,
    nil_by_mouth_from=None,
    nil_by_mouth_until=None,
    instruction=None,
)


@dataclass(frozen=True)
class FlagLine:
    flag_id: str
    text: str
    category: str | None  # the flag-category code ("safety", "clinical"…), else its text
    since: date | None


@dataclass(frozen=True)
class InsIdentity:
    """The French INS identity, as the server sent it; never edited on the tablet."""

    matricule: str
    birth_family_name: str | None
    first_birth_given_name: str | None
    birth_date: date | None
    sex: str | None
    birth_place_code: str | None


@dataclass(frozen=True)
class Banner:
    patient_id: str
    encounter_id: str | None
    name: str
    family_name: str | None
    birth_date: date | None
    age: int | None
    sex: str | None
    bed_label: str | None
    hospital_number: str | None
    ins: InsIdentity | None
    kvnr: str | None
    allergy_status: AllergyStatus
    allergies: tuple[str, ...]  # substances, high criticality first
    diet: DietSummary
    flags: tuple[FlagLine, ...]
    admitted_on: date | None


@dataclass(frozen=True)
class ConditionLine:
    condition_id: str
    text: str
    clinical_status: str | None
    onset: date | None
    note: str | None


@dataclass(frozen=True)
class NoteLine:
    text: str
    author: str | None
    at: datetime | None
    about: str | None = None  # the problem or allergy the note belongs to, as sent


@dataclass(frozen=True)
class CareRecord:
    conditions: tuple[ConditionLine, ...]
    allergy_status: AllergyStatus
    allergies: tuple[AllergyLine, ...]
    flags: tuple[FlagLine, ...]
    notes: tuple[NoteLine, ...]  # latest first


class PatientNotInCacheError(LookupError):
    """The patient is not in the cache, or their record no longer parses."""


# --- small readers ------------------------------------------------------------------------------


def _moment(value: str | None, tz: tzinfo, *, end: bool = False) -> datetime | None:
    """A FHIR date/dateTime as an aware datetime; a bare date is local midnight (``end``: the
    midnight after it, since a period that ends on a date includes that day)."""
    if not value:
        return None
    if "T" in value:
        try:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
        return moment if moment.tzinfo is not None else moment.replace(tzinfo=tz)
    day = parse_fhir_date(value)
    if day is None:
        return None
    start = datetime.combine(day, time(), tzinfo=tz)
    return start + timedelta(days=1) if end else start


def _local_date(value: str | None, tz: tzinfo) -> date | None:
    """The calendar date of a FHIR date/dateTime on the ward's clock."""
    if value and "T" in value:
        moment = _moment(value, tz)
        return moment.astimezone(tz).date() if moment is not None else None
    return parse_fhir_date(value)


def _covers(period: Period | None, now: datetime, tz: tzinfo) -> bool:
    if period is None:
        return True
    start = _moment(period.start, tz)
    end = _moment(period.end, tz, end=True)
    return (start is None or start <= now) and (end is None or now < end)


def _text(concept: CodeableConcept | None) -> str | None:
    return concept.display_text if concept is not None else None


def _codes(concept: CodeableConcept | None) -> list[tuple[str | None, str]]:
    """(system, code) of every coding that has a code."""
    if concept is None:
        return []
    return [(c.system, c.code) for c in concept.coding or () if c.code]


def _first_code(concept: CodeableConcept | None) -> str | None:
    return next((code for _, code in _codes(concept)), None)


def _notes_text(notes: Sequence[Annotation] | None) -> str | None:
    texts = [note.text for note in notes or () if note.text]
    return "\n".join(texts) if texts else None


def _tags(resource: Resource) -> set[str]:
    return {tag.code for tag in (resource.meta.tag or ()) if tag.code} if resource.meta else set()


def is_patient_meal_selection(order: NutritionOrder) -> bool:
    """A patient's menu choice (tag or dish link), which is never a care-team diet order."""
    return PATIENT_MEAL_SELECTION_TAG_CODE in _tags(order) or bool(order.instantiates_canonical)


def _is_nil_by_mouth_concept(concept: CodeableConcept) -> bool:
    for system, code in _codes(concept):
        if code.casefold() in NIL_BY_MOUTH_CODES:
            return True
        if system == SNOMED and code == NIL_BY_MOUTH_SNOMED:
            return True
    return False


def is_nil_by_mouth(order: NutritionOrder) -> bool:
    oral = order.oral_diet
    return oral is not None and any(_is_nil_by_mouth_concept(t) for t in oral.type or ())


def _no_known_allergy(allergy: AllergyIntolerance) -> bool:
    for system, code in _codes(allergy.code):
        if system == SNOMED and code in NO_KNOWN_ALLERGY_CODES:
            return True
        if system == IPS_ABSENT_UNKNOWN and code in IPS_NO_KNOWN_ALLERGY_CODES:
            return True
    return False


def _no_allergy_info(allergy: AllergyIntolerance) -> bool:
    return (IPS_ABSENT_UNKNOWN, IPS_NO_ALLERGY_INFO) in _codes(allergy.code)


def _counts(allergy: AllergyIntolerance) -> bool:
    """False for entries that say nothing about the patient now (error, inactive, resolved)."""
    if _first_code(allergy.verification_status) in IGNORED_VERIFICATION:
        return False
    return _first_code(allergy.clinical_status) not in ALLERGY_IGNORED_CLINICAL


def _nilknown_list(raw: Mapping[str, Any]) -> bool:
    """A current, empty allergy List whose empty reason is "nil known"."""
    if raw.get("status") != "current" or raw.get("entry"):
        return False
    code = raw.get("code")
    codings = code.get("coding") if isinstance(code, Mapping) else None
    if not any(
        isinstance(c, Mapping) and c.get("system") == LOINC and c.get("code") == ALLERGY_LIST_CODE
        for c in codings or ()
    ):
        return False
    reason = raw.get("emptyReason")
    reasons = reason.get("coding") if isinstance(reason, Mapping) else None
    return any(
        isinstance(c, Mapping) and c.get("code") == LIST_EMPTY_NILKNOWN for c in reasons or ()
    )


def _substance(allergy: AllergyIntolerance) -> str:
    text = _text(allergy.code)
    if text:
        return text
    for reaction in allergy.reaction or ():
        found = _text(reaction.substance)
        if found:
            return found
    return NO_TEXT


def _criticality_rank(line: AllergyLine) -> tuple[int, str]:
    return CRITICALITY_ORDER.get(line.criticality or "", 3), line.substance.casefold()


def _allergy_line(allergy: AllergyIntolerance, tz: tzinfo) -> AllergyLine:
    assert allergy.id is not None
    reactions = tuple(
        Reaction(
            manifestations=tuple(t for m in reaction.manifestation if (t := _text(m))),
            severity=reaction.severity,
        )
        for reaction in allergy.reaction or ()
    )
    return AllergyLine(
        allergy_id=allergy.id,
        substance=_substance(allergy),
        category=tuple(allergy.category or ()),
        criticality=allergy.criticality,
        verification=_first_code(allergy.verification_status),
        reactions=reactions,
        recorded=_local_date(allergy.recorded_date, tz),
        note=_notes_text(allergy.note),
    )


@dataclass(frozen=True)
class _Allergies:
    status: AllergyStatus
    lines: tuple[AllergyLine, ...]  # high criticality first; refuted last

    @property
    def substances(self) -> tuple[str, ...]:
        return tuple(line.substance for line in self.lines if line.verification != REFUTED)


def _allergy_state(
    allergies: Iterable[AllergyIntolerance], nilknown_list: bool, tz: tzinfo
) -> _Allergies:
    lines: list[AllergyLine] = []
    no_known = nilknown_list
    for allergy in allergies:
        if not _counts(allergy) or _no_allergy_info(allergy):
            continue
        if _no_known_allergy(allergy):
            no_known = True
            continue
        lines.append(_allergy_line(allergy, tz))
    lines.sort(key=lambda line: (line.verification == REFUTED, *_criticality_rank(line)))
    if any(line.verification != REFUTED for line in lines):
        status = AllergyStatus.RECORDED
    elif no_known:
        status = AllergyStatus.NO_KNOWN_ALLERGIES
    else:
        status = AllergyStatus.NOT_RECORDED
    return _Allergies(status, tuple(lines))


def _window(order: NutritionOrder, tz: tzinfo) -> tuple[datetime | None, datetime | None]:
    """The nil-by-mouth window of an order: the union of its schedules' bounds."""
    oral = order.oral_diet
    starts: list[datetime | None] = []
    ends: list[datetime | None] = []
    for schedule in (oral.schedule if oral else None) or ():
        bounds = schedule.repeat.bounds_period if schedule.repeat else None
        if bounds is None:
            continue
        starts.append(_moment(bounds.start, tz))
        ends.append(_moment(bounds.end, tz, end=True))
    if not starts:
        return None, None
    start = None if None in starts else min(s for s in starts if s is not None)
    end = None if None in ends else max(e for e in ends if e is not None)
    return start, end


def _unique(values: Iterable[str | None]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if v))


def diet_summary(orders: Iterable[NutritionOrder], now: datetime, tz: tzinfo) -> DietSummary:
    """What the active care-team diet orders say now (meal selections are left out)."""
    diets: list[NutritionOrder] = []
    current: list[tuple[NutritionOrder, datetime | None, datetime | None]] = []
    planned: list[tuple[NutritionOrder, datetime | None, datetime | None]] = []
    for order in orders:
        if order.status != "active" or is_patient_meal_selection(order):
            continue
        if not is_nil_by_mouth(order):
            diets.append(order)
            continue
        start, end = _window(order, tz)
        if end is not None and end <= now:
            continue  # over
        if start is not None and start > now:
            planned.append((order, start, end))
        else:
            current.append((order, start, end))
    if not diets and not current and not planned:
        return NO_DIET
    nbm = current or sorted(planned, key=lambda item: item[1] or now)[:1]
    nbm_order, nbm_from, nbm_until = nbm[0] if nbm else (None, None, None)
    if current:
        # Several windows at once: the patient stays nil by mouth until the last one ends.
        ends = [end for _, _, end in current]
        nbm_until = None if None in ends else max(e for e in ends if e is not None)
    oral_diets = [o.oral_diet for o in diets if o.oral_diet is not None]
    instruction = (
        nbm_order.oral_diet.instruction if nbm_order is not None and nbm_order.oral_diet else None
    ) or next((oral.instruction for oral in oral_diets if oral.instruction), None)
    return DietSummary(
        has_order=bool(diets) or bool(current),
        diets=_unique(_text(t) for oral in oral_diets for t in oral.type or ()),
        texture=next(
            (
                _text(texture.modifier) or _text(texture.food_type)
                for oral in oral_diets
                for texture in oral.texture or ()
            ),
            None,
        ),
        fluid=next(
            (_text(fluid) for oral in oral_diets for fluid in oral.fluid_consistency_type or ()),
            None,
        ),
        preferences=_unique(_text(c) for o in diets for c in o.food_preference_modifier or ()),
        excludes=_unique(_text(c) for o in diets for c in o.exclude_food_modifier or ()),
        nil_by_mouth=bool(current),
        nil_by_mouth_from=nbm_from,
        nil_by_mouth_until=nbm_until,
        instruction=instruction,
    )


def _flag_line(flag: Flag, tz: tzinfo) -> FlagLine:
    assert flag.id is not None
    category = next(iter(flag.category or ()), None)
    return FlagLine(
        flag_id=flag.id,
        text=_text(flag.code) or NO_TEXT,
        category=_first_code(category) or _text(category),
        since=_local_date(flag.period.start if flag.period else None, tz),
    )


def active_flags(flags: Iterable[Flag], now: datetime, tz: tzinfo) -> tuple[FlagLine, ...]:
    """Flags with status active whose period covers now, oldest first."""
    lines = [
        _flag_line(flag, tz)
        for flag in flags
        if flag.status == "active" and _covers(flag.period, now, tz)
    ]
    return tuple(sorted(lines, key=lambda line: (line.since or date.max, line.flag_id)))


def _birth_place_code(patient: Patient) -> str | None:
    """The INSEE code on the birth place address, when the server sent one."""
    for extension in patient.extension or ():
        if extension.url != EXT_BIRTH_PLACE or extension.value_address is None:
            continue
        for inner in extension.value_address.extension or ():
            if "insee" in inner.url.casefold():
                return _extension_code(inner)
    return None


def _extension_code(extension: Extension) -> str | None:
    if extension.value_coding is not None:
        return extension.value_coding.code
    return extension.value_code or extension.value_string


def _birth_name(patient: Patient) -> HumanName | None:
    names = patient.name or ()
    return next((n for n in names if n.use == "official"), None) or next(
        (n for n in names if n.use == "maiden"), None
    )


def ins_identity(patient: Patient) -> InsIdentity | None:
    """The INS (NIR, else NIA) with its strict traits, or None."""
    found = find_identifier(patient.identifier, SYSTEM_INS_NIR) or find_identifier(
        patient.identifier, SYSTEM_INS_NIA
    )
    if found is None or not found.value:
        return None
    birth_name = _birth_name(patient)
    return InsIdentity(
        matricule=found.value,
        birth_family_name=birth_name.family if birth_name else None,
        first_birth_given_name=next(iter(birth_name.given or ()), None) if birth_name else None,
        birth_date=parse_fhir_date(patient.birth_date),
        sex=patient.gender,
        birth_place_code=_birth_place_code(patient),
    )


def _by_patient(items: Iterable[ModelT], reference: str) -> dict[str, list[ModelT]]:
    grouped: dict[str, list[ModelT]] = {}
    for item in items:
        target = reference_id(getattr(item, reference), "Patient")
        if target is not None:
            grouped.setdefault(target, []).append(item)
    return grouped


def _start(encounter: Encounter) -> str:
    return encounter.period.start or "" if encounter.period else ""


# --- the service --------------------------------------------------------------------------------


class ChartService:
    """Builds banners and care records from the cache."""

    def __init__(
        self,
        store: Store,
        *,
        hospital_number_system: str | None,
        clock: Clock = system_clock,
        tz: tzinfo,
    ) -> None:
        self._store = store
        self._hospital_number_system = hospital_number_system
        self._clock = clock
        self._tz = tz

    async def _parsed(
        self, resource_type: str, model: type[ModelT], **filters: Any
    ) -> list[ModelT]:
        """Cached resources of one type as models; one that no longer parses is skipped."""
        parsed: list[ModelT] = []
        for raw in await self._store.find(resource_type, **filters):
            try:
                parsed.append(parse_as(model, raw))
            except FhirModelError as exc:
                log.warning("cached_resource_skipped problem=%r", exc.log_safe)
        return parsed

    async def _nilknown_lists(self, patient_ids: list[str]) -> set[str]:
        lists = await self._store.find("List", patient_id=patient_ids)
        return {
            pid
            for raw in lists
            if _nilknown_list(raw) and (pid := _reference_id_raw(raw.get("subject")))
        }

    async def banner(self, patient_id: str) -> Banner:
        """The banner of one patient; :class:`PatientNotInCacheError` when there is no record."""
        found = await self.banners([patient_id])
        if patient_id not in found:
            raise PatientNotInCacheError(f"Patient/{patient_id} is not in the cache")
        return found[patient_id]

    async def banners(self, patient_ids: Iterable[str]) -> dict[str, Banner]:
        """Banners by patient id, one store query per type; patients not in the cache left out."""
        ids = list(dict.fromkeys(patient_ids))
        if not ids:
            return {}
        now = self._clock()
        today = now.astimezone(self._tz).date()
        patients = await self._parsed("Patient", Patient, ids=ids)
        encounters = _by_patient(
            await self._parsed(
                "Encounter", Encounter, patient_id=ids, status=CURRENT_ENCOUNTER_STATUSES
            ),
            "subject",
        )
        current = {pid: max(stays, key=_start) for pid, stays in encounters.items() if stays}
        location_ids = {
            lid
            for encounter in current.values()
            for stay in encounter.location or ()
            if (lid := reference_id(stay.location, "Location"))
        }
        locations = {
            loc.id: loc
            for loc in await self._parsed("Location", Location, ids=sorted(location_ids))
        }
        allergies = _by_patient(
            await self._parsed("AllergyIntolerance", AllergyIntolerance, patient_id=ids),
            "patient",
        )
        nilknown = await self._nilknown_lists(ids)
        orders = _by_patient(
            await self._parsed("NutritionOrder", NutritionOrder, patient_id=ids, status="active"),
            "patient",
        )
        flags = _by_patient(
            await self._parsed("Flag", Flag, patient_id=ids, status="active"), "subject"
        )
        banners: dict[str, Banner] = {}
        for patient in patients:
            pid = patient.id
            assert pid is not None
            encounter = current.get(pid)
            state = _allergy_state(allergies.get(pid, ()), pid in nilknown, self._tz)
            official = patient.official_name
            birth = parse_fhir_date(patient.birth_date)
            banners[pid] = Banner(
                patient_id=pid,
                encounter_id=encounter.id if encounter else None,
                name=display_name(patient),
                family_name=official.family if official else None,
                birth_date=birth,
                age=age_on(birth, today),
                sex=patient.gender,
                bed_label=_bed_label(encounter, locations) if encounter else None,
                hospital_number=hospital_number(patient, self._hospital_number_system),
                ins=ins_identity(patient),
                kvnr=identifier_value(patient, SYSTEM_KVNR),
                allergy_status=state.status,
                allergies=state.substances,
                diet=diet_summary(orders.get(pid, ()), now, self._tz),
                flags=active_flags(flags.get(pid, ()), now, self._tz),
                admitted_on=(
                    parse_fhir_date(encounter.period.start)
                    if encounter and encounter.period
                    else None
                ),
            )
        return banners

    async def care_record(self, patient_id: str) -> CareRecord:
        """Active problems, allergies, active flags and the notes on them, latest first."""
        now = self._clock()
        tz = self._tz
        conditions = [
            c
            for c in await self._parsed(
                "Condition", Condition, patient_id=patient_id, status=ACTIVE_CONDITION_STATUSES
            )
            if _first_code(c.verification_status) not in {*IGNORED_VERIFICATION, REFUTED}
        ]
        allergies = await self._parsed(
            "AllergyIntolerance", AllergyIntolerance, patient_id=patient_id
        )
        state = _allergy_state(allergies, bool(await self._nilknown_lists([patient_id])), tz)
        flags = await self._parsed("Flag", Flag, patient_id=patient_id, status="active")
        lines = sorted(
            (_condition_line(c, tz) for c in conditions),
            key=lambda line: (line.onset is None, -(line.onset or date.min).toordinal()),
        )
        shown = {line.allergy_id for line in state.lines}
        annotated: list[tuple[Annotation, str | None]] = [
            (note, _text(c.code)) for c in conditions for note in c.note or ()
        ]
        annotated += [
            (note, _substance(a)) for a in allergies if a.id in shown for note in a.note or ()
        ]
        return CareRecord(
            conditions=tuple(lines),
            allergy_status=state.status,
            allergies=state.lines,
            flags=active_flags(flags, now, tz),
            notes=await self._notes(annotated),
        )

    async def _notes(self, annotated: list[tuple[Annotation, str | None]]) -> tuple[NoteLine, ...]:
        """Note lines, latest first; an author given only by reference is looked up."""
        wanted = {
            pid
            for note, _ in annotated
            if note.author_string is None
            and note.author_reference is not None
            and not note.author_reference.display
            and (pid := reference_id(note.author_reference, "Practitioner"))
        }
        names: dict[str | None, str] = {}
        if wanted:
            for practitioner in await self._parsed(
                "Practitioner", Practitioner, ids=sorted(wanted)
            ):
                name = next(iter(practitioner.name or ()), None)
                if name is not None and name.display:
                    names[practitioner.id] = name.display
        lines = [
            NoteLine(
                text=note.text,
                author=_author(note, names),
                at=_moment(note.time, self._tz),
                about=about,
            )
            for note, about in annotated
            if note.text
        ]
        lines.sort(key=lambda line: (line.at is None, -(line.at.timestamp() if line.at else 0)))
        return tuple(lines)


def _author(note: Annotation, names: Mapping[str | None, str]) -> str | None:
    if note.author_string:
        return note.author_string
    reference = note.author_reference
    if reference is None:
        return None
    return reference.display or names.get(reference_id(reference, "Practitioner"))


def _condition_line(condition: Condition, tz: tzinfo) -> ConditionLine:
    assert condition.id is not None
    onset = condition.onset_date_time or (
        condition.onset_period.start if condition.onset_period else None
    )
    return ConditionLine(
        condition_id=condition.id,
        text=_text(condition.code) or NO_TEXT,
        clinical_status=_first_code(condition.clinical_status),
        onset=_local_date(onset, tz),
        note=_notes_text(condition.note),
    )


def _bed_label(encounter: Encounter, locations: Mapping[str | None, Location]) -> str | None:
    """The bed of the stay's current location (status active or unset)."""
    for stay in encounter.location or ():
        if stay.status not in (None, "active"):
            continue
        location_id = reference_id(stay.location, "Location")
        location = locations.get(location_id)
        is_bed = (location is not None and physical_type(location) == BED_TYPE) or (
            BED_TYPE in [code for _, code in _codes(stay.physical_type)]
        )
        if is_bed:
            if location is not None and location.name:
                return location.name
            return stay.location.display or location_id
    return None


def _reference_id_raw(value: Any) -> str | None:
    """The Patient id of a raw JSON reference (for resources the app does not model)."""
    reference = value.get("reference") if isinstance(value, Mapping) else None
    if not isinstance(reference, str):
        return None
    found = Reference(reference=reference).reference_id
    return found[1] if found is not None and found[0] == "Patient" else None
