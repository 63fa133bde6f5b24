"""Diagnoses (Condition): SNOMED CT and ICD-10 (WHO) codings, French labels.

A code is only given where it is well established; when no SNOMED CT concept is certain the
Condition carries the ICD-10 code and the text only.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from bedside.sandbox.seed.codes import (
    CONDITION_CATEGORY,
    CONDITION_CLINICAL,
    CONDITION_VERIFICATION,
    ICD10,
    JSON,
    SNOMED,
    coding,
    concept,
    reference,
)
from bedside.sandbox.seed.context import SeedContext

if TYPE_CHECKING:  # patients imports condition_concept from here
    from bedside.sandbox.seed.patients import Admission

# key -> (French text, SNOMED code | None, SNOMED display, ICD-10 code, chronic?)
CONDITIONS: dict[str, tuple[str, str | None, str, str, bool]] = {
    "t2dm": ("Diabète de type 2", "44054006", "Diabetes mellitus type 2", "E11.9", True),
    "heart-failure": ("Insuffisance cardiaque", "84114007", "Heart failure", "I50.9", True),
    "pneumonia": (
        "Pneumopathie communautaire",
        "385093006",
        "Community acquired pneumonia",
        "J18.9",
        False,
    ),
    "sepsis": ("Sepsis", "91302008", "Sepsis", "A41.9", False),
    "hip-fracture": (
        "Fracture du col du fémur",
        "5913000",
        "Fracture of neck of femur",
        "S72.0",
        False,
    ),
    "copd": (
        "Bronchopneumopathie chronique obstructive",
        "13645005",
        "Chronic obstructive lung disease",
        "J44.9",
        True,
    ),
    "copd-exacerbation": (
        "Exacerbation de BPCO",
        "195951007",
        "Acute exacerbation of chronic obstructive airways disease",
        "J44.1",
        False,
    ),
    "hypercapnic-failure": (
        "Insuffisance respiratoire chronique hypercapnique (cible SpO2 88–92 %)",
        None,
        "",
        "J96.1",
        True,
    ),
    "atrial-fibrillation": (
        "Fibrillation atriale",
        "49436004",
        "Atrial fibrillation",
        "I48.9",
        True,
    ),
    "ckd4": (
        "Maladie rénale chronique stade 4",
        "431857002",
        "Chronic kidney disease stage 4",
        "N18.4",
        True,
    ),
    "hyperkalaemia": ("Hyperkaliémie", "14140009", "Hyperkalemia", "E87.5", False),
    "stroke": ("Infarctus cérébral", "432504007", "Cerebral infarction", "I63.9", False),
    "dysphagia": ("Dysphagie", "40739000", "Dysphagia", "R13", False),
    "hypertension": ("Hypertension artérielle", "59621000", "Essential hypertension", "I10", True),
    "uti": ("Infection urinaire", "68566005", "Urinary tract infectious disease", "N39.0", False),
    "pyelonephritis": (
        "Pyélonéphrite aiguë",
        "36689008",
        "Acute pyelonephritis",
        "N10",
        False,
    ),
    "cholelithiasis": ("Lithiase vésiculaire", "235919008", "Gallstone", "K80.2", False),
    "alzheimer": ("Maladie d'Alzheimer", "26929004", "Alzheimer's disease", "G30.9", True),
    "cellulitis": ("Érysipèle / cellulite", "128045006", "Cellulitis", "L03.9", False),
    "mrsa-carrier": (
        "Portage de SARM (BMR)",
        None,
        "",
        "Z22.3",
        False,
    ),
    "iron-anaemia": (
        "Anémie ferriprive",
        "87522002",
        "Iron deficiency anemia",
        "D50.9",
        False,
    ),
    "coeliac": ("Maladie cœliaque", "396331005", "Celiac disease", "K90.0", True),
    "syncope": ("Syncope", "271594007", "Syncope", "R55", False),
    "delirium": ("Syndrome confusionnel", "2776000", "Delirium", "F05.9", False),
    "dvt": ("Thrombose veineuse profonde", "128053003", "Deep venous thrombosis", "I80.2", False),
    "gi-bleed": (
        "Hémorragie digestive haute",
        "37372002",
        "Upper gastrointestinal hemorrhage",
        "K92.2",
        False,
    ),
    "hypothyroidism": ("Hypothyroïdie", "40930008", "Hypothyroidism", "E03.9", True),
    "parkinson": ("Maladie de Parkinson", "49049000", "Parkinson's disease", "G20", True),
    "asthma": ("Asthme", "195967001", "Asthma", "J45.9", True),
}


def condition_concept(key: str) -> JSON:
    """The coded concept of a condition key."""
    text, sct, sct_display, icd, _chronic = CONDITIONS[key]
    codings = []
    if sct:
        codings.append(coding(SNOMED, sct, sct_display))
    codings.append(coding(ICD10, icd))
    return concept(*codings, text=text)


def build_conditions(ctx: SeedContext, adm: Admission) -> list[JSON]:
    """One Condition per key: chronic ones on the problem list, the rest as stay diagnoses."""
    rng = ctx.rng(f"{adm.key}/conditions")
    out = []
    admitted = adm.admitted
    for n, cond_key in enumerate(adm.case.conditions):
        chronic = CONDITIONS[cond_key][4]
        if chronic:
            onset = admitted - timedelta(days=rng.randrange(200, 4000))
            category = coding(CONDITION_CATEGORY, "problem-list-item", "Problem List Item")
        else:
            onset = admitted - timedelta(hours=rng.randrange(2, 72))
            category = coding(CONDITION_CATEGORY, "encounter-diagnosis", "Encounter Diagnosis")
        resource: JSON = {
            "resourceType": "Condition",
            "id": ctx.id(f"{adm.key}/condition/{n}"),
            "clinicalStatus": concept(coding(CONDITION_CLINICAL, "active", "Active")),
            "verificationStatus": concept(coding(CONDITION_VERIFICATION, "confirmed", "Confirmed")),
            "category": [concept(category)],
            "code": condition_concept(cond_key),
            "subject": reference(adm.patient),
            "onsetDateTime": ctx.instant(onset)[:10] if chronic else ctx.instant(onset),
            "recordedDate": ctx.instant(admitted + timedelta(hours=1)),
        }
        if not chronic:
            resource["encounter"] = reference(adm.encounter)
        out.append(ctx.add(resource))
    return out
