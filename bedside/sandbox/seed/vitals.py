"""Vital signs over the history window: rounds every 4, 6 or 8 hours depending on the case.

Each round records heart rate, respiratory rate, SpO2 (with the inhaled oxygen flow as a component
— 0 L/min means room air), blood pressure panel, temperature, level of responsiveness (ACVPU) and
pain; weight (and height once) on the first round in the window, weight daily for heart failure.
Profiles give coherent courses: stable, febrile then improving, post-operative, heart failure,
COPD on oxygen (NEWS2 scale 2), and one patient deteriorating over the last 36 hours (rising NEWS2).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from bedside.sandbox.seed.codes import (
    CS_ACVPU,
    JSON,
    LOINC,
    OBSERVATION_CATEGORY,
    coding,
    concept,
    quantity,
    reference,
)
from bedside.sandbox.seed.context import SeedContext
from bedside.sandbox.seed.patients import Admission

VITAL_SIGNS = concept(coding(OBSERVATION_CATEGORY, "vital-signs", "Vital Signs"))

ACVPU = {
    "A": "Alert",
    "C": "New confusion",
    "V": "Responds to voice",
    "P": "Responds to pain",
    "U": "Unresponsive",
}

_ROUND_HOURS = {4: (2, 6, 10, 14, 18, 22), 6: (0, 6, 12, 18), 8: (6, 14, 22)}


@dataclass(frozen=True)
class Reading:
    """One round's values."""

    hr: int
    rr: int
    spo2: int
    o2: float  # L/min, 0 = room air
    sbp: int
    dbp: int
    temp: float
    acvpu: str
    pain: int


_INTERVAL = {
    "stable": 8,
    "febrile-improving": 6,
    "deteriorating": 4,
    "copd-oxygen": 4,
    "post-op": 6,
    "heart-failure": 6,
}


def _reading(
    profile: str, rng: random.Random, since_admission_h: float, before_end_h: float, last: bool
) -> Reading:
    g = rng.gauss
    if profile == "febrile-improving":
        x = min(since_admission_h / 48.0, 1.0)  # 0 on admission, 1 after two days of antibiotics
        return Reading(
            hr=round(g(104 - 26 * x, 5)),
            rr=round(g(21 - 5 * x, 1.2)),
            spo2=min(100, round(g(94 + 3 * x, 1))),
            o2=0.0,
            sbp=round(g(118 + 8 * x, 8)),
            dbp=round(g(70, 6)),
            temp=round(g(38.7 - 1.8 * x, 0.2), 1),
            acvpu="A",
            pain=max(0, min(10, round(g(3 - 2 * x, 1)))),
        )
    if profile == "deteriorating":
        x = max(0.0, min(1.0, (36.0 - before_end_h) / 36.0))  # 0 until 36 h ago, 1 at the end
        o2 = 0.0 if x < 0.45 else (2.0 if x < 0.8 else 4.0)
        return Reading(
            hr=round(88 + 38 * x + g(0, 3)),
            rr=round(18 + 9 * x + g(0, 0.8)),
            spo2=min(100, round(95 - 5 * x + g(0, 0.6))),
            o2=o2,
            sbp=round(128 - 34 * x + g(0, 3)),
            dbp=round(76 - 16 * x + g(0, 3)),
            temp=round(37.8 + 1.5 * x + g(0, 0.1), 1),
            acvpu="C" if last else "A",
            pain=max(0, min(10, round(g(2 + 2 * x, 1)))),
        )
    if profile == "copd-oxygen":
        return Reading(
            hr=round(g(92, 5)),
            rr=round(g(21, 1.5)),
            spo2=min(100, round(g(90, 1.2))),
            o2=rng.choice((1.0, 1.5, 2.0)),
            sbp=round(g(136, 9)),
            dbp=round(g(80, 6)),
            temp=round(g(36.9, 0.25), 1),
            acvpu="A",
            pain=max(0, round(g(1, 1))),
        )
    if profile == "post-op":
        x = min(since_admission_h / 72.0, 1.0)
        return Reading(
            hr=round(g(96 - 14 * x, 6)),
            rr=round(g(18, 1.5)),
            spo2=min(100, round(g(95 + x, 1))),
            o2=2.0 if since_admission_h < 24 else 0.0,
            sbp=round(g(116, 9)),
            dbp=round(g(68, 6)),
            temp=round(g(37.5 - 0.6 * x, 0.25), 1),
            acvpu="A",
            pain=max(0, min(10, round(g(6 - 3 * x, 1.2)))),
        )
    if profile == "heart-failure":
        x = min(since_admission_h / 72.0, 1.0)
        return Reading(
            hr=round(g(92 - 10 * x, 8)),
            rr=round(g(22 - 5 * x, 1.2)),
            spo2=min(100, round(g(93 + 3 * x, 1))),
            o2=2.0 if since_admission_h < 48 else 0.0,
            sbp=round(g(112, 9)),
            dbp=round(g(68, 6)),
            temp=round(g(36.7, 0.2), 1),
            acvpu="A",
            pain=max(0, round(g(0.5, 0.7))),
        )
    return Reading(
        hr=round(g(74, 7)),
        rr=round(g(16, 1.3)),
        spo2=min(100, round(g(97, 1))),
        o2=0.0,
        sbp=round(g(128, 11)),
        dbp=round(g(76, 7)),
        temp=round(g(36.8, 0.25), 1),
        acvpu="A",
        pain=max(0, min(10, round(g(1, 1)))),
    )


def round_times(
    ctx: SeedContext, adm: Admission, interval: int, rng: random.Random
) -> list[datetime]:
    """Round times within the window, after admission, before the end of the history."""
    end = adm.discharged or ctx.history_end
    times = []
    for day in range(-ctx.history_days, 1):
        for hour in _ROUND_HOURS[interval]:
            t = ctx.at(day, hour, rng.randrange(0, 25))
            if adm.admitted + timedelta(minutes=30) <= t < end:
                times.append(t)
    return times


class _Writer:
    """Builds the Observations of one patient (keeps the shared parts in one place)."""

    def __init__(self, ctx: SeedContext, adm: Admission) -> None:
        self.ctx = ctx
        self.adm = adm
        self.subject = reference(adm.patient)
        self.encounter = reference(adm.encounter)
        self.performer = [reference(adm.nurse)]

    def obs(self, key: str, code: JSON, when: str, **value: Any) -> JSON:
        resource: JSON = {
            "resourceType": "Observation",
            "id": self.ctx.id(f"{self.adm.key}/vs/{key}"),
            "status": "final",
            "category": [VITAL_SIGNS],
            "code": code,
            "subject": self.subject,
            "encounter": self.encounter,
            "effectiveDateTime": when,
            "performer": self.performer,
        }
        resource.update(value)
        return self.ctx.add(resource)


def _loinc(code: str, display: str, text: str) -> JSON:
    return concept(coding(LOINC, code, display), text=text)


HR = _loinc("8867-4", "Heart rate", "Fréquence cardiaque")
RR = _loinc("9279-1", "Respiratory rate", "Fréquence respiratoire")
SPO2 = concept(
    coding(LOINC, "2708-6", "Oxygen saturation in Arterial blood"),
    coding(LOINC, "59408-5", "Oxygen saturation in Arterial blood by Pulse oximetry"),
    text="SpO2",
)
O2_FLOW = _loinc("3151-8", "Inhaled oxygen flow rate", "Débit d'oxygène")
BP = _loinc("85354-9", "Blood pressure panel with all children optional", "Pression artérielle")
SBP = _loinc("8480-6", "Systolic blood pressure", "Systolique")
DBP = _loinc("8462-4", "Diastolic blood pressure", "Diastolique")
TEMP = _loinc("8310-5", "Body temperature", "Température")
LOC = _loinc("67775-7", "Level of responsiveness", "Conscience (ACVPU)")
PAIN = _loinc(
    "72514-3", "Pain severity - 0-10 verbal numeric rating [Score] - Reported", "Douleur (EN 0–10)"
)
WEIGHT = _loinc("29463-7", "Body weight", "Poids")
HEIGHT = _loinc("8302-2", "Body height", "Taille")


def build_vitals(ctx: SeedContext, adm: Admission) -> list[JSON]:
    """All vital-sign Observations of one patient over the history window."""
    profile = adm.case.vitals
    rng = ctx.rng(f"{adm.key}/vitals")
    times = round_times(ctx, adm, _INTERVAL.get(profile, 8), rng)
    w = _Writer(ctx, adm)
    out: list[JSON] = []
    end = adm.discharged or ctx.history_end
    weight = round(rng.uniform(52, 96) if adm.person.sex == "female" else rng.uniform(60, 110), 1)
    height = rng.randrange(152, 172) if adm.person.sex == "female" else rng.randrange(163, 188)
    if profile == "heart-failure":
        weight += 4.0  # fluid overload on admission, lost over the stay
    weighed_days: set[int] = set()
    for n, t in enumerate(times):
        since = (t - adm.admitted).total_seconds() / 3600
        before_end = (end - t).total_seconds() / 3600
        r = _reading(profile, rng, since, before_end, last=n == len(times) - 1)
        when = ctx.instant(t)
        k = f"{n}"
        out.append(w.obs(f"{k}/hr", HR, when, valueQuantity=quantity(r.hr, "/min")))
        out.append(w.obs(f"{k}/rr", RR, when, valueQuantity=quantity(r.rr, "/min")))
        out.append(
            w.obs(
                f"{k}/spo2",
                SPO2,
                when,
                valueQuantity=quantity(r.spo2, "%"),
                component=[{"code": O2_FLOW, "valueQuantity": quantity(r.o2, "L/min")}],
            )
        )
        out.append(
            w.obs(
                f"{k}/bp",
                BP,
                when,
                component=[
                    {"code": SBP, "valueQuantity": quantity(r.sbp, "mmHg", "mm[Hg]")},
                    {"code": DBP, "valueQuantity": quantity(r.dbp, "mmHg", "mm[Hg]")},
                ],
            )
        )
        out.append(w.obs(f"{k}/temp", TEMP, when, valueQuantity=quantity(r.temp, "°C", "Cel")))
        out.append(
            w.obs(
                f"{k}/acvpu",
                LOC,
                when,
                valueCodeableConcept=concept(coding(CS_ACVPU, r.acvpu, ACVPU[r.acvpu])),
            )
        )
        out.append(w.obs(f"{k}/pain", PAIN, when, valueQuantity=quantity(r.pain, "{score}")))
        day = (t.date() - ctx.day).days
        first = n == 0
        daily = profile == "heart-failure" and t.hour >= 6 and day not in weighed_days
        if first or daily:
            weighed_days.add(day)
            if profile == "heart-failure":
                weight = max(weight - rng.uniform(0.3, 0.9), 40.0) if not first else weight
            out.append(
                w.obs(f"{k}/weight", WEIGHT, when, valueQuantity=quantity(round(weight, 1), "kg"))
            )
        if first:
            out.append(w.obs(f"{k}/height", HEIGHT, when, valueQuantity=quantity(height, "cm")))
    return out
