"""Laboratory results: DiagnosticReports (CBC, basic metabolic panel, CRP, troponin) and their
Observations, plus bedside capillary glucose for the insulin patient.

Every result carries a reference range and, with one deliberate exception, an interpretation code
(v3 ObservationInterpretation N/L/H/LL/HH) computed from the ranges below. Per ward there is
exactly one critical value — the potassium of 6.8 mmol/L (HH) of the dialysis patient, drawn at
22:00 the evening before the ward day — and exactly one result without an interpretation code
(the latest CRP of the pyelonephritis patient, high against its range) so that the app must derive
it. All other values are kept strictly between the critical limits.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from bedside.sandbox.seed.codes import (
    JSON,
    LOINC,
    OBSERVATION_CATEGORY,
    V2_0074,
    V3_INTERPRETATION,
    coding,
    concept,
    quantity,
    reference,
)
from bedside.sandbox.seed.context import SeedContext
from bedside.sandbox.seed.patients import Admission

LABORATORY = concept(coding(OBSERVATION_CATEGORY, "laboratory", "Laboratory"))
LAB_SECTION = concept(coding(V2_0074, "LAB", "Laboratory"))

INTERPRETATIONS = {
    "N": "Normal",
    "L": "Low",
    "H": "High",
    "LL": "Critical low",
    "HH": "Critical high",
}


@dataclass(frozen=True)
class Test:
    """A lab test: LOINC, unit, reference range and critical limits (None = no limit)."""

    loinc: str
    display: str
    text: str
    unit: str
    ucum: str
    low: float | None
    high: float | None
    critical_low: float | None
    critical_high: float | None
    decimals: int


TESTS: dict[str, Test] = {
    "hb": Test(
        "718-7",
        "Hemoglobin [Mass/volume] in Blood",
        "Hémoglobine",
        "g/dL",
        "g/dL",
        12.0,
        16.5,
        6.5,
        20.0,
        1,
    ),
    "wbc": Test(
        "6690-2",
        "Leukocytes [#/volume] in Blood by Automated count",
        "Leucocytes",
        "G/L",
        "10*9/L",
        4.0,
        10.0,
        1.0,
        30.0,
        1,
    ),
    "plt": Test(
        "777-3",
        "Platelets [#/volume] in Blood by Automated count",
        "Plaquettes",
        "G/L",
        "10*9/L",
        150,
        400,
        20,
        1000,
        0,
    ),
    "na": Test(
        "2951-2",
        "Sodium [Moles/volume] in Serum or Plasma",
        "Sodium",
        "mmol/L",
        "mmol/L",
        136,
        145,
        120,
        160,
        0,
    ),
    "k": Test(
        "2823-3",
        "Potassium [Moles/volume] in Serum or Plasma",
        "Potassium",
        "mmol/L",
        "mmol/L",
        3.5,
        5.1,
        2.8,
        6.2,
        1,
    ),
    "creat": Test(
        "14682-9",
        "Creatinine [Moles/volume] in Serum or Plasma",
        "Créatinine",
        "µmol/L",
        "umol/L",
        45,
        104,
        None,
        1000,
        0,
    ),
    "glucose": Test(
        "2345-7",
        "Glucose [Mass/volume] in Serum or Plasma",
        "Glucose",
        "mg/dL",
        "mg/dL",
        70,
        110,
        40,
        500,
        0,
    ),
    "crp": Test(
        "1988-5",
        "C reactive protein [Mass/volume] in Serum or Plasma",
        "CRP",
        "mg/L",
        "mg/L",
        None,
        5.0,
        None,
        None,
        0,
    ),
    "tnt": Test(
        "67151-1",
        "Troponin T.cardiac [Mass/volume] in Serum or Plasma by High sensitivity method",
        "Troponine T hs",
        "ng/L",
        "ng/L",
        None,
        14,
        None,
        None,
        0,
    ),
    "cbg": Test(
        "41653-7",
        "Glucose [Mass/volume] in Capillary blood by Glucometer",
        "Glycémie capillaire",
        "mg/dL",
        "mg/dL",
        70,
        140,
        40,
        500,
        0,
    ),
}

# panel key -> (LOINC, display, tests)
PANELS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "cbc": ("58410-2", "CBC panel - Blood by Automated count", ("hb", "wbc", "plt")),
    "bmp": (
        "24321-2",
        "Basic metabolic 2000 panel - Serum or Plasma",
        ("na", "k", "creat", "glucose"),
    ),
    "crp": ("1988-5", "C reactive protein [Mass/volume] in Serum or Plasma", ("crp",)),
    "tnt": (
        "67151-1",
        "Troponin T.cardiac [Mass/volume] in Serum or Plasma by High sensitivity method",
        ("tnt",),
    ),
}

CRITICAL_POTASSIUM = 6.8


def interpret(test: Test, value: float) -> str:
    """N/L/H/LL/HH from the test's ranges."""
    if test.critical_high is not None and value >= test.critical_high:
        return "HH"
    if test.critical_low is not None and value <= test.critical_low:
        return "LL"
    if test.high is not None and value > test.high:
        return "H"
    if test.low is not None and value < test.low:
        return "L"
    return "N"


def _clamp(test: Test, value: float) -> float:
    """Keep a value strictly inside the critical limits (only the fixture may be critical)."""
    step = 10**-test.decimals
    if test.critical_high is not None:
        value = min(value, test.critical_high - step)
    if test.critical_low is not None:
        value = max(value, test.critical_low + step)
    return round(value, test.decimals) if test.decimals else float(round(value))


def _values(
    flags: tuple[str, ...], sex: str, rng: random.Random, day_index: int, count: int
) -> dict[str, float]:
    """Values of every test for draw ``day_index`` (0 = first draw) of ``count`` draws."""
    g = rng.gauss
    progress = day_index / max(count - 1, 1)
    v = {
        "hb": g(13.8 if sex == "male" else 13.0, 0.6),
        "wbc": g(7.0, 1.2),
        "plt": g(250, 45),
        "na": g(140, 1.8),
        "k": g(4.2, 0.3),
        "creat": g(82 if sex == "male" else 66, 9),
        "glucose": g(95, 8),
        "crp": abs(g(3, 1.5)),
        "tnt": abs(g(8, 2)),
    }
    if "inflammation" in flags:
        v["crp"] = 140 * (0.68**day_index) + g(0, 6)
        v["wbc"] = 15.5 - 1.6 * day_index + g(0, 0.6)
    if "inflammation-rising" in flags:
        v["crp"] = 70 + 170 * progress + g(0, 8)
        v["wbc"] = 12.5 + 6.5 * progress + g(0, 0.5)
        v["creat"] = 85 + 75 * progress + g(0, 5)
        v["na"] = 137 - 3 * progress + g(0, 1)
    if "crp-without-interpretation" in flags:
        v["crp"] = (
            [182.0, 131.0, 86.0][min(day_index, 2)]
            if count <= 3
            else max(180 * (0.8**day_index), 86.0)
        )
        v["wbc"] = 13.8 - 1.5 * day_index + g(0, 0.5)
    if "critical-potassium" in flags:
        v["creat"] = 290 + 25 * progress + g(0, 8)
        v["k"] = 5.3 + 0.6 * progress + g(0, 0.1)
        v["na"] = g(135, 1.5)
        v["hb"] = g(10.2, 0.4)
    if "hyperglycaemia" in flags:
        v["glucose"] = rng.uniform(190, 320)
    if "anaemia" in flags:
        v["hb"] = rng.uniform(8.0, 9.6)
    if "renal-mild" in flags:
        v["creat"] = rng.uniform(118, 142)
    if "troponin" in flags:
        v["tnt"] = rng.uniform(30, 46)
    return v


class _Writer:
    def __init__(self, ctx: SeedContext, adm: Admission) -> None:
        self.ctx = ctx
        self.adm = adm
        self.subject = reference(adm.patient)
        self.encounter = reference(adm.encounter)

    def observation(
        self,
        key: str,
        test: Test,
        value: float,
        drawn: datetime,
        issued: datetime,
        *,
        coded: bool = True,
    ) -> JSON:
        reference_range: JSON = {}
        if test.low is not None:
            reference_range["low"] = quantity(test.low, test.unit, test.ucum)
        if test.high is not None:
            reference_range["high"] = quantity(test.high, test.unit, test.ucum)
        resource: JSON = {
            "resourceType": "Observation",
            "id": self.ctx.id(f"{self.adm.key}/lab/{key}"),
            "status": "final",
            "category": [LABORATORY],
            "code": concept(coding(LOINC, test.loinc, test.display), text=test.text),
            "subject": self.subject,
            "encounter": self.encounter,
            "effectiveDateTime": self.ctx.instant(drawn),
            "issued": self.ctx.instant(issued),
            "valueQuantity": quantity(value, test.unit, test.ucum),
        }
        if coded:
            code = interpret(test, value)
            resource["interpretation"] = [
                concept(coding(V3_INTERPRETATION, code, INTERPRETATIONS[code]))
            ]
        resource["referenceRange"] = [reference_range]
        return self.ctx.add(resource)

    def report(
        self, key: str, panel: str, results: list[JSON], drawn: datetime, issued: datetime
    ) -> JSON:
        loinc, display, _tests = PANELS[panel]
        return self.ctx.add(
            {
                "resourceType": "DiagnosticReport",
                "id": self.ctx.id(f"{self.adm.key}/report/{key}"),
                "status": "final",
                "category": [LAB_SECTION],
                "code": concept(coding(LOINC, loinc, display)),
                "subject": self.subject,
                "encounter": self.encounter,
                "effectiveDateTime": self.ctx.instant(drawn),
                "issued": self.ctx.instant(issued),
                "result": [reference(r) for r in results],
            }
        )


def draw_times(ctx: SeedContext, adm: Admission, rng: random.Random) -> list[datetime]:
    """Admission bloods (if inside the window) then morning draws: daily when the case has lab
    concerns, every other day otherwise."""
    start = ctx.day_start - timedelta(days=ctx.history_days)
    times = []
    if adm.admitted >= start:
        times.append(adm.admitted + timedelta(minutes=rng.randrange(35, 70)))
    daily = bool(adm.case.labs)
    for day in range(-ctx.history_days, 0):
        if not daily and day % 2:
            continue
        t = ctx.at(day, 6, rng.randrange(0, 40))
        if t > adm.admitted + timedelta(hours=6) and t >= start:
            times.append(t)
    return times


def build_labs(ctx: SeedContext, adm: Admission) -> list[JSON]:
    """Reports and observations for the history window (see the module docstring)."""
    rng = ctx.rng(f"{adm.key}/labs")
    flags = adm.case.labs
    sex = adm.person.sex
    w = _Writer(ctx, adm)
    out: list[JSON] = []
    times = draw_times(ctx, adm, rng)
    wants_crp = any(
        f in flags for f in ("inflammation", "inflammation-rising", "crp-without-interpretation")
    )
    for n, drawn in enumerate(times):
        issued = drawn + timedelta(minutes=rng.randrange(45, 95))
        values = _values(flags, sex, rng, n, len(times))
        panels = ["cbc", "bmp"]
        if wants_crp:
            panels.append("crp")
        if "troponin" in flags and n < 2:
            panels.append("tnt")
        for panel in panels:
            results = []
            for test_key in PANELS[panel][2]:
                test = TESTS[test_key]
                value = _clamp(test, values[test_key])
                derived_only = (
                    test_key == "crp"
                    and "crp-without-interpretation" in flags
                    and n == len(times) - 1
                )
                results.append(
                    w.observation(
                        f"{n}/{test_key}", test, value, drawn, issued, coded=not derived_only
                    )
                )
            out.extend(results)
            out.append(w.report(f"{n}/{panel}", panel, results, drawn, issued))
    if "critical-potassium" in flags:
        drawn = ctx.at(-1, 22, 0)
        issued = drawn + timedelta(minutes=48)
        late = _values(flags, sex, rng, len(times), len(times) + 1)
        results = []
        for test_key in PANELS["bmp"][2]:
            test = TESTS[test_key]
            value = CRITICAL_POTASSIUM if test_key == "k" else _clamp(test, late[test_key])
            results.append(w.observation(f"control/{test_key}", test, value, drawn, issued))
        out.extend(results)
        out.append(w.report("control/bmp", "bmp", results, drawn, issued))
    if "capillary-glucose" in flags:
        out.extend(_capillary_glucose(ctx, adm, w, rng))
    return out


def _capillary_glucose(
    ctx: SeedContext, adm: Admission, w: _Writer, rng: random.Random
) -> list[JSON]:
    """Bedside glucose before meals and at bedtime (no report: point of care)."""
    out = []
    test = TESTS["cbg"]
    for day in range(-ctx.history_days, 0):
        for hour, minute in ((7, 15), (11, 45), (18, 10), (22, 0)):
            t = ctx.at(day, hour, minute + rng.randrange(0, 10))
            if t <= adm.admitted:
                continue
            value = _clamp(test, rng.uniform(130, 330))
            out.append(w.observation(f"cbg/{day}/{hour}", test, value, t, t))
    return out
