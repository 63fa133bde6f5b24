"""Patients and their stays: who lies in which bed, with which identifiers, since when.

Owns the ward plan (case per bed, the same-name pair, the free beds, one patient discharged
yesterday) and the Patient and Encounter resources. Clinical content comes from other modules.

A current stay has two participants: the attending doctor (``ATND``) and the ward nurse assigned
to the patient (``PART`` "participation", with the text ``ASSIGNED_NURSE_TEXT``: v3 has no code
for a nurse's assignment, and ``SPRF``/``PPRF`` describe performing an act, not a stay). The
ward's nurses take the patients in turn, so each has 3 or 4.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from bedside.sandbox.seed.cases import POOL, REQUIRED, Case, DietSpec
from bedside.sandbox.seed.codes import (
    BCP47,
    DE_IDENTIFIER_TYPE,
    EXT_BIRTH_PLACE,
    FR_IDENTIFIER_TYPE,
    INS_NIR_SYSTEM,
    IPP_SYSTEM,
    JSON,
    KVID_SYSTEM,
    LOCATION_PHYSICAL_TYPE,
    NDA_SYSTEM,
    SNOMED,
    V2_0203,
    V3_ACT_CODE,
    V3_PARTICIPATION,
    coding,
    concept,
    reference,
)
from bedside.sandbox.seed.conditions import condition_concept
from bedside.sandbox.seed.context import SeedContext
from bedside.sandbox.seed.locations import Bed, Ward
from bedside.sandbox.seed.names import (
    FRENCH_TOWNS,
    GERMAN_TOWNS,
    Person,
    draw_language,
    draw_person,
    pools,
)

LONG_STAY_THRESHOLD_DAYS = 14
ASSIGNED_NURSE_TEXT = "Assigned nurse"

_LANGUAGE_TAGS = {"fr": ("fr-FR", "Français"), "de": ("de-DE", "Deutsch"), "en": ("en", "English")}


@dataclass(frozen=True)
class Admission:
    """A patient in a bed (or just discharged), with what the clinical builders need."""

    key: str  # stable key prefix for ids and random streams
    case: Case
    person: Person
    age: int
    patient: JSON
    encounter: JSON
    bed: Bed
    admitted: datetime
    doctor: JSON
    nurse: JSON
    discharged: datetime | None = None

    @property
    def language(self) -> str:
        return self.person.language


@dataclass(frozen=True)
class BedPlan:
    """Which case goes to which bed position, and who shares a family name."""

    position: int
    case: Case
    person: Person


def plan_ward(
    ctx: SeedContext, ward_index: int, ward_language: str
) -> tuple[list[BedPlan], set[int]]:
    """Cases and people for the occupied beds (28 of 30), and the set of occupied positions."""
    rng = ctx.rng(f"ward/{ward_index}/plan")
    beds, occupied_beds = ctx.layout.beds, ctx.layout.occupied
    single_rooms = list(range(ctx.layout.doubles * 2, beds))
    free = set(rng.sample(range(beds), beds - occupied_beds))
    # the isolation patient needs a single room: keep at least one single room occupied for them
    isolation_bed = rng.choice([p for p in single_rooms if p not in free] or single_rooms)
    free.discard(isolation_bed)
    while len(free) < beds - occupied_beds:
        candidate = rng.randrange(beds)
        if candidate != isolation_bed:
            free.add(candidate)
    occupied = [p for p in range(beds) if p not in free]

    cases = list(REQUIRED) + [rng.choice(POOL) for _ in range(occupied_beds - len(REQUIRED))]
    isolation_cases = [c for c in cases if c.single_room]
    others = [c for c in cases if not c.single_room]
    rng.shuffle(others)
    positions = [isolation_bed] + [p for p in occupied if p != isolation_bed]
    assignment = list(zip(positions, isolation_cases + others, strict=True))
    assignment.sort(key=lambda pair: pair[0])

    taken: set[str] = set()
    plans: list[BedPlan] = []
    for position, case in assignment:
        language = draw_language(rng, ward_language)
        sex = case.sex or rng.choice(("female", "male"))
        plans.append(BedPlan(position, case, draw_person(rng, language, sex, taken)))

    # Two patients with the same family name (and different first names) on the ward.
    first, second = rng.sample(range(len(plans)), 2)
    a, b = plans[first], plans[second]
    # same family and language as the first; a first name of that language, never the same
    candidates = [
        g
        for g in pools(a.person.language)[0][b.person.sex]
        if g not in (a.person.given, a.person.family)
    ]
    twin = replace(
        b.person, family=a.person.family, language=a.person.language, given=rng.choice(candidates)
    )
    plans[second] = replace(b, person=twin)
    return plans, set(occupied)


def _birth_date(rng: random.Random, ward_day: date, age: int) -> date:
    last_birthday = (
        ward_day.replace(year=ward_day.year - age)
        if not (ward_day.month == 2 and ward_day.day == 29)
        else date(ward_day.year - age, 2, 28)
    )
    return last_birthday - timedelta(days=rng.randrange(0, 365))


def _ins_nir(rng: random.Random, sex: str, birth: date, commune: str) -> str:
    """A synthetic 15-digit INS (NIR) for someone born in ``commune`` (INSEE code).

    The birth-certificate order number is 000, which is never issued (they run 001–999), so the
    number cannot belong to anyone; the control key is computed as for a real NIR so that format
    checks pass.
    """
    sex_digit = 1 if sex == "male" else 2
    body = f"{sex_digit}{birth.year % 100:02d}{birth.month:02d}{commune}000"
    key = 97 - int(body) % 97
    return f"{body}{key:02d}"


def _kvnr(rng: random.Random) -> str:
    """A 10-character KVNR (letter + 8 digits + check digit, GKV algorithm)."""
    letter = chr(ord("A") + rng.randrange(26))
    digits = f"{rng.randrange(10**8):08d}"
    sequence = f"{ord(letter) - ord('A') + 1:02d}{digits}"
    total = 0
    for i, ch in enumerate(sequence):
        product = int(ch) * (1 if i % 2 == 0 else 2)
        total += product // 10 + product % 10
    return f"{letter}{digits}{total % 10}"


def _ipp(rng: random.Random, used: set[str]) -> str:
    while True:
        value = f"8{rng.randrange(10**8):08d}"
        if value not in used:
            used.add(value)
            return value


def build_patient(ctx: SeedContext, key: str, person: Person, age: int, used_ipp: set[str]) -> JSON:
    """A Patient with hospital number, INS or KVNR when the person has one, language."""
    rng = ctx.rng(f"{key}/identity")
    birth = _birth_date(rng, ctx.day, age)
    identifiers: list[JSON] = [
        {
            "use": "usual",
            "type": concept(coding(V2_0203, "PI", "Patient internal identifier")),
            "system": IPP_SYSTEM,
            "value": _ipp(rng, used_ipp),
        }
    ]
    extension: list[JSON] = []
    if person.language == "fr" and rng.random() < 0.65:
        town, postal, commune = rng.choice(FRENCH_TOWNS)
        identifiers.append(
            {
                "use": "official",
                "type": concept(
                    coding(FR_IDENTIFIER_TYPE, "INS-NIR", "NIR définitif"), text="INS-NIR"
                ),
                "system": INS_NIR_SYSTEM,
                "value": _ins_nir(rng, person.sex, birth, commune),
            }
        )
        extension.append(
            {
                "url": EXT_BIRTH_PLACE,
                "valueAddress": {"city": town, "postalCode": postal, "country": "FR"},
            }
        )
    elif person.language == "de" and rng.random() < 0.75:
        identifiers.append(
            {
                "use": "official",
                "type": concept(coding(DE_IDENTIFIER_TYPE, "KVZ10", "Krankenversichertennummer")),
                "system": KVID_SYSTEM,
                "value": _kvnr(rng),
            }
        )
    tag, lang_display = _LANGUAGE_TAGS[person.language]
    resource: JSON = {"resourceType": "Patient", "id": ctx.id(f"{key}/patient")}
    if extension:
        resource["extension"] = extension
    resource.update(
        {
            "identifier": identifiers,
            "active": True,
            "name": [{"use": "official", "family": person.family, "given": [person.given]}],
            "gender": person.sex,
            "birthDate": birth.isoformat(),
            "address": [_address(rng, person.language)],
            "communication": [
                {"language": concept(coding(BCP47, tag, lang_display)), "preferred": True}
            ],
        }
    )
    return ctx.add(resource)


def _address(rng: random.Random, language: str) -> JSON:
    town, postal = rng.choice(GERMAN_TOWNS if language == "de" else FRENCH_TOWNS)[:2]
    return {
        "use": "home",
        "city": town,
        "postalCode": postal,
        "country": "DE" if language == "de" else "FR",
    }


def admission_offset_days(ctx: SeedContext, rng: random.Random, case: Case) -> float:
    """Days between admission and the ward day's start.

    0–14 days as the case says; when the requested history is longer than that (benchmarks),
    admission moves to just before the history starts so every patient has all of it.
    """
    low, high = case.stay_days
    if ctx.history_days > LONG_STAY_THRESHOLD_DAYS and high > 1.0:
        return ctx.history_days + rng.uniform(0.1, 1.0)
    return rng.uniform(low, high)


def build_encounter(
    ctx: SeedContext,
    key: str,
    patient: JSON,
    bed: Bed,
    admitted: datetime,
    doctor: JSON,
    case: Case,
    nda: str,
    discharged: datetime | None = None,
    nurse: JSON | None = None,
) -> JSON:
    """The inpatient stay: in progress in a bed of the ward, or finished yesterday."""
    loc_status = "completed" if discharged else "active"
    period: JSON = {"start": ctx.instant(admitted)}
    if discharged:
        period["end"] = ctx.instant(discharged)
    participants: list[JSON] = [
        {
            "type": [concept(coding(V3_PARTICIPATION, "ATND", "attender"))],
            "individual": reference(doctor),
        }
    ]
    if nurse is not None:
        participants.append(
            {
                "type": [
                    concept(
                        coding(V3_PARTICIPATION, "PART", "Participation"), text=ASSIGNED_NURSE_TEXT
                    )
                ],
                "individual": reference(nurse),
            }
        )
    return ctx.add(
        {
            "resourceType": "Encounter",
            "id": ctx.id(f"{key}/encounter"),
            "identifier": [{"use": "official", "system": NDA_SYSTEM, "value": nda}],
            "status": "finished" if discharged else "in-progress",
            "class": coding(V3_ACT_CODE, "IMP", "inpatient encounter"),
            "type": [concept(coding(SNOMED, "32485007", "Hospital admission"))],
            "subject": reference(patient),
            "participant": participants,
            "period": period,
            "reasonCode": [condition_concept(case.conditions[0])],
            "location": [
                {
                    "location": reference(bed.resource, bed.label),
                    "status": loc_status,
                    "physicalType": concept(coding(LOCATION_PHYSICAL_TYPE, "bd", "Bed")),
                },
                {
                    "location": reference(bed.room, bed.room["name"]),
                    "status": loc_status,
                    "physicalType": concept(coding(LOCATION_PHYSICAL_TYPE, "ro", "Room")),
                },
                {
                    "location": reference(bed.ward, bed.ward["name"]),
                    "status": loc_status,
                    "physicalType": concept(coding(LOCATION_PHYSICAL_TYPE, "wa", "Ward")),
                },
            ],
        }
    )


def admit_ward(
    ctx: SeedContext,
    ward: Ward,
    plans: list[BedPlan],
    doctors: list[JSON],
    nurses: list[JSON],
    used_ipp: set[str],
) -> list[Admission]:
    """Patients and encounters for the ward's occupied beds, plus yesterday's discharge."""
    admissions: list[Admission] = []
    nda_rng = ctx.rng(f"ward/{ward.index}/nda")
    for n, plan in enumerate(plans):
        key = f"ward/{ward.index}/patient/{n}"
        rng = ctx.rng(f"{key}/stay")
        age = rng.randint(*plan.case.age)
        patient = build_patient(ctx, key, plan.person, age, used_ipp)
        offset = admission_offset_days(ctx, rng, plan.case)
        admitted = (ctx.day_start - timedelta(days=offset)).replace(second=0, microsecond=0)
        bed = ward.beds[plan.position]
        doctor = doctors[n % len(doctors)]
        nurse = nurses[n % len(nurses)]
        nda = f"{ctx.day.year}{ward.index:02d}{nda_rng.randrange(10**5):05d}{n:02d}"
        encounter = build_encounter(
            ctx, key, patient, bed, admitted, doctor, plan.case, nda, nurse=nurse
        )
        admissions.append(
            Admission(
                key=key,
                case=plan.case,
                person=plan.person,
                age=age,
                patient=patient,
                encounter=encounter,
                bed=bed,
                admitted=admitted,
                doctor=doctor,
                nurse=nurse,
            )
        )
    return admissions


def discharge_yesterday(
    ctx: SeedContext,
    ward: Ward,
    occupied: set[int],
    doctors: list[JSON],
    nurses: list[JSON],
    used_ipp: set[str],
    taken_family: set[str],
) -> Admission:
    """A patient who left a (now free) bed of the ward yesterday afternoon: a finished stay."""
    key = f"ward/{ward.index}/discharged/0"
    rng = ctx.rng(key)
    position = min(p for p in range(ctx.layout.beds) if p not in occupied)
    case = Case(
        key="discharged",
        conditions=("pneumonia",),
        meds=(),
        diet=DietSpec(),
        age=(50, 85),
    )
    language = draw_language(rng, ward.language)
    person = draw_person(rng, language, rng.choice(("female", "male")), taken_family)
    age = rng.randint(*case.age)
    patient = build_patient(ctx, key, person, age, used_ipp)
    admitted = ctx.at(-6, 16, 20)
    discharged = ctx.at(-1, 15, 0)
    bed = ward.beds[position]
    encounter = build_encounter(
        ctx,
        key,
        patient,
        bed,
        admitted,
        doctors[0],
        case,
        f"{ctx.day.year}{ward.index:02d}9999990",
        discharged=discharged,
    )
    return Admission(
        key=key,
        case=case,
        person=person,
        age=age,
        patient=patient,
        encounter=encounter,
        bed=bed,
        admitted=admitted,
        doctor=doctors[0],
        nurse=nurses[0],
        discharged=discharged,
    )
