"""Flags shown on the patient banner: fall risk, contact isolation, SpO2 target (scale 2)."""

from __future__ import annotations

from datetime import timedelta

from bedside.sandbox.seed.codes import (
    CS_FLAG,
    FLAG_CATEGORY,
    JSON,
    SNOMED,
    coding,
    concept,
    reference,
)
from bedside.sandbox.seed.context import SeedContext
from bedside.sandbox.seed.patients import Admission

# key -> (local display, French text, flag category, SNOMED coding or None)
FLAGS: dict[str, tuple[str, str, str, tuple[str, str] | None]] = {
    "fall-risk": (
        "Fall risk",
        "Risque de chute",
        "safety",
        ("129839007", "At risk for falls"),
    ),
    "contact-isolation": (
        "Contact isolation",
        "Précautions complémentaires contact (BMR/SARM)",
        "clinical",
        None,
    ),
    "spo2-scale-2": (
        "SpO2 target 88–92 % (NEWS2 scale 2)",
        "Cible SpO2 88–92 % (NEWS2 échelle 2, hypercapnie)",
        "clinical",
        None,
    ),
}

_CATEGORY_DISPLAY = {"safety": "Safety", "clinical": "Clinical"}


def build_flags(ctx: SeedContext, adm: Admission) -> list[JSON]:
    """One active Flag per flag key of the case, starting at admission."""
    out = []
    for n, key in enumerate(adm.case.flags):
        display, text, category, sct = FLAGS[key]
        codings = [coding(CS_FLAG, key, display)]
        if sct:
            codings.append(coding(SNOMED, *sct))
        out.append(
            ctx.add(
                {
                    "resourceType": "Flag",
                    "id": ctx.id(f"{adm.key}/flag/{n}"),
                    "status": "active",
                    "category": [
                        concept(coding(FLAG_CATEGORY, category, _CATEGORY_DISPLAY[category]))
                    ],
                    "code": concept(*codings, text=text),
                    "subject": reference(adm.patient),
                    "period": {"start": ctx.instant(adm.admitted + timedelta(hours=2))},
                    "encounter": reference(adm.encounter),
                    "author": reference(adm.doctor),
                }
            )
        )
    return out
