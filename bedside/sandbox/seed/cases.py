"""Clinical scenarios: what a patient in a bed has (diagnoses, orders, diet, course, plans).

Every ward gets each ``REQUIRED`` case once — they carry the fixtures the app and its tests rely on
(nil by mouth before surgery, pureed texture, the critical potassium, the derived-only CRP, PRN
opioid, insulin sliding scale…) — and the remaining beds are filled from ``POOL`` at random.
Keys point into the tables of ``conditions``, ``medications``, ``allergies``, ``appointments``,
``vitals``, ``labs`` and ``flags``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DietSpec:
    """The care team's diet order (``None`` on a case means no order at all)."""

    types: tuple[str, ...] = ("normal",)  # local diet codes
    texture: str | None = None  # IDDSI food level
    fluid: str | None = None  # IDDSI drink level
    preferences: tuple[str, ...] = ()  # HL7 diet codes (vegetarian, halal, kosher, gluten-free…)
    excludes: tuple[str, ...] = ()  # EU allergen codes
    instruction: str | None = None


@dataclass(frozen=True)
class Case:
    """One scenario."""

    key: str
    conditions: tuple[str, ...]
    meds: tuple[str, ...]
    diet: DietSpec | None
    vitals: str = "stable"
    labs: tuple[str, ...] = ()
    appointments: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    age: tuple[int, int] = (45, 90)
    stay_days: tuple[float, float] = (1.0, 14.0)
    # None: drawn at random; () : nothing recorded; ("nka",): "no known allergy".
    allergies: tuple[str, ...] | None = None
    sex: str | None = None
    single_room: bool = False


REQUIRED: tuple[Case, ...] = (
    Case(
        key="preop-cholecystectomy",
        conditions=("cholelithiasis", "hypertension"),
        meds=("amlodipine", "paracetamol-prn", "phloroglucinol-prn", "enoxaparin-prophylaxis"),
        diet=DietSpec(types=("low-fat",)),
        appointments=("cholecystectomy-tomorrow",),
        age=(35, 72),
        stay_days=(0.2, 0.9),
    ),
    Case(
        key="stroke-dysphagia",
        conditions=("stroke", "dysphagia", "hypertension"),
        meds=("aspirin-sachet", "atorvastatin", "enoxaparin-prophylaxis", "paracetamol-prn"),
        diet=DietSpec(
            texture="4",
            fluid="2",
            instruction="Repas mixés (IDDSI 4), boissons épaissies (IDDSI 2), assis à 90°.",
        ),
        appointments=("mri-brain-tomorrow",),
        flags=("fall-risk",),
        age=(65, 92),
        stay_days=(3.0, 10.0),
    ),
    Case(
        key="dementia-minced",
        conditions=("alzheimer", "uti", "delirium"),
        meds=("donepezil", "ceftriaxone", "paracetamol-qid", "macrogol-prn"),
        diet=DietSpec(texture="5", instruction="Haché fin et humide (IDDSI 5), aide au repas."),
        vitals="febrile-improving",
        labs=("inflammation",),
        flags=("fall-risk",),
        age=(82, 97),
        stay_days=(3.0, 9.0),
        allergies=(),
    ),
    Case(
        key="pneumonia-deteriorating",
        conditions=("pneumonia", "sepsis", "hypertension"),
        meds=("amoxicillin-clavulanate", "paracetamol-prn", "enoxaparin-prophylaxis"),
        diet=DietSpec(),
        vitals="deteriorating",
        labs=("inflammation-rising",),
        appointments=("ct-chest-today",),
        age=(62, 90),
        stay_days=(3.5, 6.0),
    ),
    Case(
        key="copd-hypercapnic",
        conditions=("copd", "copd-exacerbation", "hypercapnic-failure"),
        meds=("oxygen", "salbutamol-neb", "ipratropium-neb", "prednisolone"),
        diet=DietSpec(),
        vitals="copd-oxygen",
        flags=("spo2-scale-2",),
        age=(58, 86),
        stay_days=(3.0, 8.0),
    ),
    Case(
        key="ckd-hyperkalaemia",
        conditions=("ckd4", "hyperkalaemia", "hypertension", "t2dm"),
        meds=("furosemide-oral", "polystyrene", "amlodipine"),
        diet=DietSpec(types=("renal",)),
        labs=("critical-potassium",),
        appointments=("dialysis-today",),
        age=(55, 86),
        stay_days=(3.0, 7.0),
    ),
    Case(
        key="diabetes-insulin",
        conditions=("t2dm", "cellulitis"),
        meds=("insulin-glargine", "insulin-aspart-sliding", "metformin-on-hold", "paracetamol-prn"),
        diet=DietSpec(types=("diabetic",)),
        vitals="febrile-improving",
        labs=("hyperglycaemia", "capillary-glucose"),
        appointments=("ct-contrast-today",),
        age=(48, 82),
    ),
    Case(
        key="heart-failure-af",
        conditions=("heart-failure", "atrial-fibrillation", "hypertension"),
        meds=("furosemide-iv", "bisoprolol", "apixaban", "ramipril-stopped"),
        diet=DietSpec(
            types=("low-salt",), instruction="Sel < 6 g/j, restriction hydrique 1,5 L/j."
        ),
        vitals="heart-failure",
        labs=("troponin", "renal-mild"),
        appointments=("echo-today",),
        age=(70, 95),
        stay_days=(3.0, 10.0),
    ),
    Case(
        key="hip-fracture-postop",
        conditions=("hip-fracture", "hypertension"),
        meds=("enoxaparin-prophylaxis", "morphine-prn", "paracetamol-qid", "macrogol-prn"),
        diet=DietSpec(),
        vitals="post-op",
        labs=("anaemia",),
        appointments=("physio-today", "physio-tomorrow"),
        flags=("fall-risk",),
        age=(75, 97),
        stay_days=(3.0, 6.0),
    ),
    Case(
        key="mrsa-cellulitis",
        conditions=("cellulitis", "mrsa-carrier"),
        meds=("vancomycin", "paracetamol-prn", "enoxaparin-prophylaxis"),
        diet=DietSpec(preferences=("halal",)),
        vitals="febrile-improving",
        labs=("inflammation",),
        flags=("contact-isolation",),
        age=(35, 80),
        single_room=True,
    ),
    Case(
        key="coeliac-anaemia",
        conditions=("coeliac", "iron-anaemia"),
        meds=("iron-iv", "pantoprazole"),
        diet=DietSpec(preferences=("gluten-free",), excludes=("gluten",)),
        labs=("anaemia",),
        appointments=("gastroscopy-tomorrow",),
        age=(24, 70),
        allergies=("gluten",),
    ),
    Case(
        key="pyelonephritis-vegetarian",
        conditions=("pyelonephritis",),
        meds=("ciprofloxacin", "paracetamol-prn"),
        diet=DietSpec(preferences=("vegetarian",)),
        vitals="febrile-improving",
        labs=("crp-without-interpretation",),
        age=(18, 45),
        stay_days=(1.0, 4.0),
        allergies=("penicillin",),
        sex="female",
    ),
    Case(
        key="gi-bleed-kosher",
        conditions=("gi-bleed", "iron-anaemia"),
        meds=("pantoprazole-iv", "paracetamol-prn"),
        diet=DietSpec(preferences=("kosher",)),
        labs=("anaemia",),
        age=(60, 90),
        stay_days=(2.0, 6.0),
    ),
    Case(
        key="syncope-just-admitted",
        conditions=("syncope", "hypothyroidism"),
        meds=("levothyroxine", "paracetamol-prn"),
        diet=None,
        appointments=("echo-tomorrow",),
        age=(50, 88),
        stay_days=(0.1, 0.5),
    ),
    Case(
        key="delirium-just-admitted",
        conditions=("delirium", "uti"),
        meds=("ceftriaxone", "paracetamol-prn"),
        diet=None,
        flags=("fall-risk",),
        age=(80, 96),
        stay_days=(0.2, 0.8),
        allergies=(),
    ),
    Case(
        key="dvt-peanut",
        conditions=("dvt",),
        meds=("apixaban-loading", "paracetamol-prn"),
        diet=DietSpec(excludes=("peanuts",)),
        appointments=("doppler-tomorrow",),
        age=(28, 70),
        stay_days=(1.0, 4.0),
        allergies=("peanut",),
    ),
)

POOL: tuple[Case, ...] = (
    Case(
        key="pneumonia",
        conditions=("pneumonia",),
        meds=("amoxicillin-clavulanate", "paracetamol-prn", "enoxaparin-prophylaxis"),
        diet=DietSpec(),
        vitals="febrile-improving",
        labs=("inflammation",),
        age=(40, 92),
    ),
    Case(
        key="uti-elderly",
        conditions=("uti", "hypertension"),
        meds=("ceftriaxone", "amlodipine", "paracetamol-prn"),
        diet=DietSpec(),
        age=(70, 95),
    ),
    Case(
        key="heart-failure-stable",
        conditions=("heart-failure", "hypertension", "t2dm"),
        meds=("furosemide-oral", "bisoprolol", "ramipril", "metformin", "enoxaparin-prophylaxis"),
        diet=DietSpec(types=("low-salt", "diabetic")),
        vitals="heart-failure",
        labs=("renal-mild",),
        appointments=("echo-tomorrow",),
        age=(65, 92),
    ),
    Case(
        key="diabetes-oral",
        conditions=("t2dm", "hypertension"),
        meds=("metformin", "amlodipine", "insulin-glargine", "paracetamol-prn"),
        diet=DietSpec(types=("diabetic",)),
        labs=("hyperglycaemia",),
        age=(45, 85),
    ),
    Case(
        key="parkinson-fall",
        conditions=("parkinson", "hypothyroidism"),
        meds=("levodopa", "levothyroxine", "paracetamol-prn"),
        diet=DietSpec(texture="6"),
        appointments=("physio-today",),
        flags=("fall-risk",),
        age=(65, 92),
    ),
    Case(
        key="asthma",
        conditions=("asthma",),
        meds=("salbutamol-neb", "prednisolone"),
        diet=DietSpec(),
        age=(18, 60),
        stay_days=(1.0, 4.0),
    ),
    Case(
        key="atrial-fibrillation",
        conditions=("atrial-fibrillation", "hypertension"),
        meds=("apixaban", "bisoprolol", "amlodipine"),
        diet=DietSpec(types=("low-salt",)),
        appointments=("echo-tomorrow",),
        age=(60, 92),
    ),
    Case(
        key="copd",
        conditions=("copd", "hypertension"),
        meds=("salbutamol-neb", "ipratropium-neb", "prednisolone", "enoxaparin-prophylaxis"),
        diet=DietSpec(),
        appointments=("physio-tomorrow",),
        age=(55, 88),
    ),
)
