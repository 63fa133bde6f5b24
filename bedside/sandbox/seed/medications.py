"""Medication catalogue entries and each patient's MedicationRequests.

Catalogue codes: a synthetic CIP13 (prefix 3400999, valid EAN-13 check digit — not a real pack)
with its GTIN-14 (what a GS1 DataMatrix on the pack carries) and the ATC class. Dosage instructions
use a mix of ``frequency/period/periodUnit``, ``timeOfDay``, ``when`` and ``event`` timings, SNOMED
CT routes and UCUM doses, including PRN (``asNeededBoolean`` / ``asNeededCodeableConcept``), an
insulin sliding scale (``doseRange``), anticoagulants, an opioid, one on-hold and one stopped order.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import timedelta

from bedside.sandbox.seed.codes import (
    ATC,
    CIP13,
    GTIN,
    JSON,
    SNOMED,
    coding,
    concept,
    quantity,
    reference,
)
from bedside.sandbox.seed.context import SeedContext
from bedside.sandbox.seed.patients import Admission

ROUTES = {
    "oral": ("26643006", "Oral route"),
    "iv": ("47625008", "Intravenous route"),
    "sc": ("34206005", "Subcutaneous route"),
    "inhaled": ("447694001", "Respiratory tract route"),
    "nasal": ("46713006", "Nasal route"),
}


@dataclass(frozen=True)
class Drug:
    """A catalogue entry: French label, ATC, dose form, drug classes used for allergy clashes."""

    label: str
    atc: str
    form: str
    classes: frozenset[str] = field(default_factory=frozenset)


CATALOGUE: dict[str, Drug] = {
    "paracetamol-1g": Drug("PARACÉTAMOL 1 g, comprimé", "N02BE01", "comprimé"),
    "morphine-10": Drug(
        "MORPHINE (CHLORHYDRATE) 10 mg/1 mL, solution injectable", "N02AA01", "solution injectable"
    ),
    "phloroglucinol-80": Drug(
        "PHLOROGLUCINOL 80 mg, comprimé orodispersible", "A03AX12", "comprimé orodispersible"
    ),
    "macrogol-10": Drug(
        "MACROGOL 4000 10 g, poudre pour solution buvable en sachet", "A06AD15", "sachet"
    ),
    "enoxaparin-4000": Drug(
        "ÉNOXAPARINE 4000 UI/0,4 mL, solution injectable en seringue préremplie",
        "B01AB05",
        "seringue préremplie",
    ),
    "apixaban-5": Drug("APIXABAN 5 mg, comprimé pelliculé", "B01AF02", "comprimé"),
    "insulin-glargine": Drug(
        "INSULINE GLARGINE 100 U/mL, stylo prérempli", "A10AE04", "stylo prérempli"
    ),
    "insulin-aspart": Drug(
        "INSULINE ASPARTE 100 U/mL, stylo prérempli", "A10AB05", "stylo prérempli"
    ),
    "metformin-1000": Drug("METFORMINE 1000 mg, comprimé pelliculé", "A10BA02", "comprimé"),
    "amlodipine-5": Drug("AMLODIPINE 5 mg, gélule", "C08CA01", "gélule"),
    "bisoprolol-2.5": Drug("BISOPROLOL 2,5 mg, comprimé", "C07AB07", "comprimé"),
    "ramipril-2.5": Drug("RAMIPRIL 2,5 mg, comprimé", "C09AA05", "comprimé"),
    "furosemide-40": Drug("FUROSÉMIDE 40 mg, comprimé", "C03CA01", "comprimé"),
    "furosemide-inj": Drug("FUROSÉMIDE 20 mg/2 mL, solution injectable", "C03CA01", "ampoule"),
    "polystyrene": Drug(
        "POLYSTYRÈNE SULFONATE DE SODIUM, poudre pour suspension buvable", "V03AE01", "poudre"
    ),
    "amox-clav-iv": Drug(
        "AMOXICILLINE/ACIDE CLAVULANIQUE 1 g/200 mg, poudre pour solution injectable",
        "J01CR02",
        "flacon",
        frozenset({"penicillin"}),
    ),
    "ceftriaxone-1g": Drug("CEFTRIAXONE 1 g, poudre pour solution injectable", "J01DD04", "flacon"),
    "vancomycin-1g": Drug(
        "VANCOMYCINE 1 g, poudre pour solution pour perfusion", "J01XA01", "flacon"
    ),
    "ciprofloxacin-500": Drug("CIPROFLOXACINE 500 mg, comprimé pelliculé", "J01MA02", "comprimé"),
    "salbutamol-neb": Drug(
        "SALBUTAMOL 5 mg/2,5 mL, solution pour inhalation par nébuliseur",
        "R03AC02",
        "récipient unidose",
    ),
    "ipratropium-neb": Drug(
        "IPRATROPIUM 0,5 mg/2 mL, solution pour inhalation par nébuliseur",
        "R03BB01",
        "récipient unidose",
    ),
    "prednisolone-20": Drug("PREDNISOLONE 20 mg, comprimé orodispersible", "H02AB06", "comprimé"),
    "aspirin-160": Drug(
        "ACIDE ACÉTYLSALICYLIQUE 160 mg, poudre pour solution buvable en sachet",
        "B01AC06",
        "sachet",
    ),
    "atorvastatin-40": Drug("ATORVASTATINE 40 mg, comprimé pelliculé", "C10AA05", "comprimé"),
    "donepezil-10": Drug("DONÉPÉZIL 10 mg, comprimé pelliculé", "N06DA02", "comprimé"),
    "pantoprazole-40": Drug("PANTOPRAZOLE 40 mg, comprimé gastro-résistant", "A02BC02", "comprimé"),
    "pantoprazole-inj": Drug(
        "PANTOPRAZOLE 40 mg, poudre pour solution injectable", "A02BC02", "flacon"
    ),
    "ferric-carboxymaltose": Drug(
        "CARBOXYMALTOSE FERRIQUE 500 mg/10 mL, solution injectable", "B03AC", "flacon"
    ),
    "levothyroxine-75": Drug("LÉVOTHYROXINE SODIQUE 75 µg, comprimé", "H03AA01", "comprimé"),
    "levodopa-benserazide": Drug("LÉVODOPA/BENSÉRAZIDE 100 mg/25 mg, gélule", "N04BA02", "gélule"),
}


def _cip13(key: str) -> str:
    digits = int(hashlib.sha256(key.encode()).hexdigest(), 16) % 10**5
    body = f"3400999{digits:05d}"
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(body))
    return f"{body}{(10 - total % 10) % 10}"


def build_catalogue(ctx: SeedContext) -> dict[str, JSON]:
    """Medication resources, shared by the site (synced once, like the meal catalogue)."""
    out: dict[str, JSON] = {}
    for key, drug in CATALOGUE.items():
        cip = _cip13(key)
        out[key] = ctx.add(
            {
                "resourceType": "Medication",
                "id": ctx.id(f"medication/{key}"),
                "code": concept(
                    coding(CIP13, cip, drug.label),
                    coding(GTIN, f"0{cip}"),
                    coding(ATC, drug.atc),
                    text=drug.label,
                ),
                "status": "active",
                "form": concept(text=drug.form),
            }
        )
    return out


def _route(key: str) -> JSON:
    code, display = ROUTES[key]
    return concept(coding(SNOMED, code, display))


def _dosage(
    text: str,
    route: str,
    dose: JSON | None = None,
    repeat: JSON | None = None,
    *,
    event: list[str] | None = None,
    as_needed: JSON | bool | None = None,
    dose_range: JSON | None = None,
    rate_range: JSON | None = None,
    max_per_period: JSON | None = None,
) -> JSON:
    out: JSON = {"sequence": 1, "text": text}
    timing: JSON = {}
    if event:
        timing["event"] = event
    if repeat:
        timing["repeat"] = repeat
    if timing:
        out["timing"] = timing
    if isinstance(as_needed, bool):
        out["asNeededBoolean"] = as_needed
    elif as_needed is not None:
        out["asNeededCodeableConcept"] = as_needed
    out["route"] = _route(route)
    dose_and_rate: JSON = {}
    if dose is not None:
        dose_and_rate["doseQuantity"] = dose
    if dose_range is not None:
        dose_and_rate["doseRange"] = dose_range
    if rate_range is not None:
        dose_and_rate["rateRange"] = rate_range
    if dose_and_rate:
        out["doseAndRate"] = [dose_and_rate]
    if max_per_period:
        out["maxDosePerPeriod"] = max_per_period
    return out


def _per_day(n: float, unit: str) -> JSON:
    return {"numerator": quantity(n, unit), "denominator": quantity(1, "d")}


@dataclass(frozen=True)
class Order:
    """An order template: drug (None → ``medicationCodeableConcept``), status, dosage."""

    drug: str | None
    dosage: JSON
    status: str = "active"
    status_reason: str | None = None
    codeable: JSON | None = None
    bounds_days: int | None = None  # a course: boundsPeriod from the order for N days


_PAIN = concept(coding(SNOMED, "22253000", "Pain"), text="Douleur EVA ≥ 4")

ORDERS: dict[str, Order] = {
    "paracetamol-prn": Order(
        "paracetamol-1g",
        _dosage(
            "1 g per os si douleur ou fièvre, au moins 6 h entre deux prises, 4 g/24 h au maximum",
            "oral",
            quantity(1, "g"),
            {"frequency": 1, "period": 6, "periodUnit": "h"},
            as_needed=True,
            max_per_period=_per_day(4, "g"),
        ),
    ),
    "paracetamol-qid": Order(
        "paracetamol-1g",
        _dosage(
            "1 g per os 4 fois par jour (6 h, 12 h, 18 h, 0 h)",
            "oral",
            quantity(1, "g"),
            {
                "frequency": 4,
                "period": 1,
                "periodUnit": "d",
                "timeOfDay": ["06:00:00", "12:00:00", "18:00:00", "00:00:00"],
            },
        ),
    ),
    "morphine-prn": Order(
        "morphine-10",
        _dosage(
            "Morphine 2,5 mg en sous-cutané si douleur EVA ≥ 4, toutes les 4 h au plus",
            "sc",
            quantity(2.5, "mg"),
            {"frequency": 1, "period": 4, "periodUnit": "h"},
            as_needed=_PAIN,
            max_per_period=_per_day(15, "mg"),
        ),
    ),
    "phloroglucinol-prn": Order(
        "phloroglucinol-80",
        _dosage(
            "80 mg si douleurs abdominales (spasmes), jusqu'à 3 fois par jour",
            "oral",
            quantity(80, "mg"),
            {"frequency": 3, "period": 1, "periodUnit": "d"},
            as_needed=True,
        ),
    ),
    "macrogol-prn": Order(
        "macrogol-10",
        _dosage(
            "1 sachet le matin si constipation",
            "oral",
            quantity(10, "g"),
            {"frequency": 1, "period": 1, "periodUnit": "d", "when": ["MORN"]},
            as_needed=True,
        ),
    ),
    "enoxaparin-prophylaxis": Order(
        "enoxaparin-4000",
        _dosage(
            "4000 UI anti-Xa (0,4 mL) en sous-cutané une fois par jour à 20 h",
            "sc",
            quantity(4000, "UI", "[iU]"),
            {"frequency": 1, "period": 1, "periodUnit": "d", "timeOfDay": ["20:00:00"]},
        ),
    ),
    "apixaban": Order(
        "apixaban-5",
        _dosage(
            "5 mg matin et soir",
            "oral",
            quantity(5, "mg"),
            {"frequency": 2, "period": 1, "periodUnit": "d", "when": ["MORN", "EVE"]},
        ),
    ),
    "apixaban-loading": Order(
        "apixaban-5",
        _dosage(
            "10 mg (2 comprimés) matin et soir pendant 7 jours, puis 5 mg matin et soir",
            "oral",
            quantity(10, "mg"),
            {"frequency": 2, "period": 1, "periodUnit": "d", "when": ["MORN", "EVE"]},
        ),
        bounds_days=7,
    ),
    "insulin-glargine": Order(
        "insulin-glargine",
        _dosage(
            "16 U en sous-cutané au coucher",
            "sc",
            quantity(16, "U", "[iU]"),
            {"frequency": 1, "period": 1, "periodUnit": "d", "when": ["HS"]},
        ),
    ),
    "insulin-aspart-sliding": Order(
        "insulin-aspart",
        _dosage(
            "Avant chaque repas selon la glycémie capillaire : < 150 mg/dL 0 U ; 150–199 : 2 U ; "
            "200–249 : 4 U ; 250–299 : 6 U ; 300–349 : 8 U ; ≥ 350 : 10 U et appeler le médecin",
            "sc",
            None,
            {"frequency": 3, "period": 1, "periodUnit": "d", "when": ["ACM", "ACD", "ACV"]},
            dose_range={"low": quantity(0, "U", "[iU]"), "high": quantity(10, "U", "[iU]")},
        ),
    ),
    "metformin": Order(
        "metformin-1000",
        _dosage(
            "1000 mg au petit-déjeuner et au dîner",
            "oral",
            quantity(1000, "mg"),
            {"frequency": 2, "period": 1, "periodUnit": "d", "when": ["CM", "CV"]},
        ),
    ),
    "metformin-on-hold": Order(
        "metformin-1000",
        _dosage(
            "1000 mg au petit-déjeuner et au dîner",
            "oral",
            quantity(1000, "mg"),
            {"frequency": 2, "period": 1, "periodUnit": "d", "when": ["CM", "CV"]},
        ),
        status="on-hold",
        status_reason="Suspendue : scanner avec injection de produit de contraste iodé (48 h)",
    ),
    "amlodipine": Order(
        "amlodipine-5",
        _dosage(
            "5 mg le matin",
            "oral",
            quantity(5, "mg"),
            {"frequency": 1, "period": 1, "periodUnit": "d", "when": ["MORN"]},
        ),
    ),
    "bisoprolol": Order(
        "bisoprolol-2.5",
        _dosage(
            "2,5 mg le matin",
            "oral",
            quantity(2.5, "mg"),
            {"frequency": 1, "period": 1, "periodUnit": "d", "when": ["MORN"]},
        ),
    ),
    "ramipril": Order(
        "ramipril-2.5",
        _dosage(
            "2,5 mg le matin",
            "oral",
            quantity(2.5, "mg"),
            {"frequency": 1, "period": 1, "periodUnit": "d", "when": ["MORN"]},
        ),
    ),
    "ramipril-stopped": Order(
        "ramipril-2.5",
        _dosage(
            "2,5 mg le matin",
            "oral",
            quantity(2.5, "mg"),
            {"frequency": 1, "period": 1, "periodUnit": "d", "when": ["MORN"]},
        ),
        status="stopped",
        status_reason="Arrêté : insuffisance rénale aiguë fonctionnelle",
    ),
    "furosemide-oral": Order(
        "furosemide-40",
        _dosage(
            "40 mg le matin",
            "oral",
            quantity(40, "mg"),
            {"frequency": 1, "period": 1, "periodUnit": "d", "when": ["MORN"]},
        ),
    ),
    "furosemide-iv": Order(
        "furosemide-inj",
        _dosage(
            "40 mg en IV lente à 8 h et 14 h",
            "iv",
            quantity(40, "mg"),
            {"frequency": 2, "period": 1, "periodUnit": "d", "timeOfDay": ["08:00:00", "14:00:00"]},
        ),
    ),
    "polystyrene": Order(
        "polystyrene",
        _dosage(
            "15 g dans un peu d'eau 3 fois par jour",
            "oral",
            quantity(15, "g"),
            {"frequency": 3, "period": 1, "periodUnit": "d", "when": ["MORN", "NOON", "EVE"]},
        ),
    ),
    "amoxicillin-clavulanate": Order(
        "amox-clav-iv",
        _dosage(
            "1 g en IV toutes les 8 h (6 h, 14 h, 22 h)",
            "iv",
            quantity(1, "g"),
            {
                "frequency": 3,
                "period": 1,
                "periodUnit": "d",
                "timeOfDay": ["06:00:00", "14:00:00", "22:00:00"],
            },
        ),
        bounds_days=7,
    ),
    "ceftriaxone": Order(
        "ceftriaxone-1g",
        _dosage(
            "1 g en IV une fois par jour à 10 h",
            "iv",
            quantity(1, "g"),
            {"frequency": 1, "period": 1, "periodUnit": "d", "timeOfDay": ["10:00:00"]},
        ),
        bounds_days=7,
    ),
    "vancomycin": Order(
        "vancomycin-1g",
        _dosage(
            "1 g en perfusion IV de 2 h toutes les 12 h (8 h, 20 "
            "h), dosage résiduel avant la 4e dose",
            "iv",
            quantity(1, "g"),
            {"frequency": 2, "period": 1, "periodUnit": "d", "timeOfDay": ["08:00:00", "20:00:00"]},
        ),
    ),
    "ciprofloxacin": Order(
        "ciprofloxacin-500",
        _dosage(
            "500 mg matin et soir",
            "oral",
            quantity(500, "mg"),
            {"frequency": 2, "period": 1, "periodUnit": "d", "when": ["MORN", "EVE"]},
        ),
        bounds_days=7,
    ),
    "salbutamol-neb": Order(
        "salbutamol-neb",
        _dosage(
            "5 mg en nébulisation toutes les 6 h",
            "inhaled",
            quantity(5, "mg"),
            {"frequency": 1, "period": 6, "periodUnit": "h"},
        ),
    ),
    "ipratropium-neb": Order(
        "ipratropium-neb",
        _dosage(
            "0,5 mg en nébulisation 3 fois par jour",
            "inhaled",
            quantity(0.5, "mg"),
            {"frequency": 3, "period": 1, "periodUnit": "d"},
        ),
    ),
    "prednisolone": Order(
        "prednisolone-20",
        _dosage(
            "40 mg (2 comprimés) le matin pendant 5 jours",
            "oral",
            quantity(40, "mg"),
            {"frequency": 1, "period": 1, "periodUnit": "d", "when": ["MORN"]},
        ),
        bounds_days=5,
    ),
    "oxygen": Order(
        None,
        _dosage(
            "Oxygène aux lunettes 1 à 2 L/min en continu, cible SpO2 88–92 %",
            "nasal",
            rate_range={"low": quantity(1, "L/min"), "high": quantity(2, "L/min")},
        ),
        codeable=concept(coding(SNOMED, "24099007", "Oxygen"), text="Oxygène médical"),
    ),
    "aspirin-sachet": Order(
        "aspirin-160",
        _dosage(
            "160 mg le matin, sachet dissous dans de l'eau épaissie",
            "oral",
            quantity(160, "mg"),
            {"frequency": 1, "period": 1, "periodUnit": "d", "when": ["MORN"]},
        ),
    ),
    "atorvastatin": Order(
        "atorvastatin-40",
        _dosage(
            "40 mg le soir",
            "oral",
            quantity(40, "mg"),
            {"frequency": 1, "period": 1, "periodUnit": "d", "when": ["EVE"]},
        ),
    ),
    "donepezil": Order(
        "donepezil-10",
        _dosage(
            "10 mg au coucher",
            "oral",
            quantity(10, "mg"),
            {"frequency": 1, "period": 1, "periodUnit": "d", "when": ["HS"]},
        ),
    ),
    "pantoprazole": Order(
        "pantoprazole-40",
        _dosage(
            "40 mg avant le petit-déjeuner",
            "oral",
            quantity(40, "mg"),
            {"frequency": 1, "period": 1, "periodUnit": "d", "when": ["ACM"]},
        ),
    ),
    "pantoprazole-iv": Order(
        "pantoprazole-inj",
        _dosage(
            "40 mg en IV matin et soir",
            "iv",
            quantity(40, "mg"),
            {"frequency": 2, "period": 1, "periodUnit": "d", "timeOfDay": ["08:00:00", "20:00:00"]},
        ),
    ),
    "levothyroxine": Order(
        "levothyroxine-75",
        _dosage(
            "75 µg au réveil, à jeun, 30 min avant le petit-déjeuner",
            "oral",
            quantity(75, "µg", "ug"),
            {"frequency": 1, "period": 1, "periodUnit": "d", "when": ["WAKE"]},
        ),
    ),
    "levodopa": Order(
        "levodopa-benserazide",
        _dosage(
            "1 gélule à 7 h, 11 h, 15 h et 19 h — horaires à respecter strictement",
            "oral",
            quantity(1, "gélule", "{capsule}"),
            {
                "frequency": 4,
                "period": 1,
                "periodUnit": "d",
                "timeOfDay": ["07:00:00", "11:00:00", "15:00:00", "19:00:00"],
            },
        ),
    ),
}

_ONE_OFF = {
    "iron-iv": ("ferric-carboxymaltose", "500 mg en perfusion IV de 15 min, dose unique", 500)
}


def drug_classes(adm: Admission) -> set[str]:
    """Drug classes (e.g. "penicillin") the patient's orders contain."""
    out: set[str] = set()
    for key in adm.case.meds:
        order = ORDERS.get(key)
        if order and order.drug:
            out |= CATALOGUE[order.drug].classes
    return out


def build_requests(ctx: SeedContext, adm: Admission, catalogue: dict[str, JSON]) -> list[JSON]:
    """MedicationRequests for the case's orders, written by the ward doctor after admission."""
    rng = ctx.rng(f"{adm.key}/medications")
    out = []
    for n, key in enumerate(adm.case.meds):
        authored = adm.admitted + timedelta(minutes=rng.randrange(30, 180))
        resource: JSON = {
            "resourceType": "MedicationRequest",
            "id": ctx.id(f"{adm.key}/medreq/{n}"),
        }
        if key in _ONE_OFF:
            drug_key, text, mg = _ONE_OFF[key]
            status = "active"
            medication: JSON = {
                "medicationReference": reference(catalogue[drug_key], CATALOGUE[drug_key].label)
            }
            # once, today at 10:00
            dosage = _dosage(text, "iv", quantity(mg, "mg"), event=[ctx.instant(ctx.at(0, 10))])
            reason = None
            bounds = None
        else:
            order = ORDERS[key]
            status = order.status
            if order.drug:
                medication = {
                    "medicationReference": reference(
                        catalogue[order.drug], CATALOGUE[order.drug].label
                    )
                }
            else:
                medication = {"medicationCodeableConcept": order.codeable}
            dosage = _copy(order.dosage)
            reason = order.status_reason
            bounds = order.bounds_days
        if bounds:
            repeat = dosage.setdefault("timing", {}).setdefault("repeat", {})
            repeat["boundsPeriod"] = {
                "start": ctx.instant(authored),
                "end": ctx.instant(authored + timedelta(days=bounds)),
            }
        resource["status"] = status
        if reason:
            resource["statusReason"] = concept(text=reason)
        resource.update(
            {
                "intent": "order",
                **medication,
                "subject": reference(adm.patient),
                "encounter": reference(adm.encounter),
                "authoredOn": ctx.instant(authored),
                "requester": reference(adm.doctor),
                "dosageInstruction": [dosage],
            }
        )
        out.append(ctx.add(resource))
    return out


def _copy(value: JSON) -> JSON:
    """A deep copy of plain JSON (orders are shared templates; resources must not alias them)."""
    copied: JSON = json.loads(json.dumps(value))
    return copied
