"""AllergyIntolerance: none recorded, "no known allergy", or real allergies and intolerances.

The three states are different on purpose (the banner says "allergies not recorded" vs "no known
allergies"). Food allergies carry, next to SNOMED CT, the EU allergen code (``CS_EU_ALLERGEN``) so
that dishes can be matched without a terminology server.
"""

from __future__ import annotations

from datetime import timedelta

from bedside.sandbox.seed.codes import (
    ALLERGY_CLINICAL,
    ALLERGY_VERIFICATION,
    JSON,
    SNOMED,
    allergen_coding,
    coding,
    concept,
    reference,
)
from bedside.sandbox.seed.context import SeedContext
from bedside.sandbox.seed.patients import Admission

NO_KNOWN_ALLERGY = ("716186003", "No known allergy")


class _Allergy:
    """One entry of the allergy table."""

    def __init__(
        self,
        text: str,
        sct: tuple[str, str] | None,
        category: str,
        criticality: str,
        eu: str | None = None,
        kind: str = "allergy",
        reactions: tuple[tuple[str, str, str], ...] = (),
    ) -> None:
        self.text = text
        self.sct = sct
        self.category = category
        self.criticality = criticality
        self.eu = eu
        self.kind = kind
        self.reactions = reactions


# reaction: (SNOMED manifestation code, display, severity)
ALLERGIES: dict[str, _Allergy] = {
    "penicillin": _Allergy(
        "Allergie à la pénicilline",
        ("91936005", "Allergy to penicillin"),
        "medication",
        "high",
        reactions=(("126485001", "Urticaria", "moderate"), ("41291007", "Angioedema", "severe")),
    ),
    "peanut": _Allergy(
        "Allergie à l'arachide",
        ("91935009", "Allergy to peanut"),
        "food",
        "high",
        eu="peanuts",
        reactions=(("39579001", "Anaphylaxis", "severe"),),
    ),
    "milk": _Allergy(
        "Allergie aux protéines de lait de vache",
        ("782555009", "Allergy to cow's milk protein"),
        "food",
        "low",
        eu="milk",
        reactions=(("62315008", "Diarrhea", "mild"), ("21522001", "Abdominal pain", "mild")),
    ),
    "egg": _Allergy(
        "Allergie à l'œuf",
        ("213020009", "Allergy to egg protein"),
        "food",
        "low",
        eu="eggs",
        reactions=(("126485001", "Urticaria", "mild"),),
    ),
    "gluten": _Allergy(
        "Intolérance au gluten (maladie cœliaque)",
        None,
        "food",
        "low",
        eu="gluten",
        kind="intolerance",
        reactions=(("62315008", "Diarrhea", "moderate"),),
    ),
    "shellfish": _Allergy(
        "Allergie aux crustacés et fruits de mer",
        ("300913006", "Allergy to shellfish"),
        "food",
        "high",
        eu="crustaceans",
        reactions=(("39579001", "Anaphylaxis", "severe"),),
    ),
    "fish": _Allergy(
        "Allergie au poisson",
        ("417532002", "Allergy to fish"),
        "food",
        "high",
        eu="fish",
        reactions=(("41291007", "Angioedema", "moderate"),),
    ),
    "sesame": _Allergy(
        "Allergie au sésame",
        None,
        "food",
        "high",
        eu="sesame",
        reactions=(("126485001", "Urticaria", "moderate"),),
    ),
    "celery": _Allergy(
        "Allergie au céleri",
        ("712843002", "Allergy to celery"),
        "food",
        "low",
        eu="celery",
        reactions=(("126485001", "Urticaria", "mild"),),
    ),
    "mustard": _Allergy(
        "Allergie à la moutarde",
        ("21191000122102", "Allergy to mustard"),
        "food",
        "low",
        eu="mustard",
        reactions=(("126485001", "Urticaria", "mild"),),
    ),
    "nuts": _Allergy(
        "Allergie aux fruits à coque",
        ("91934008", "Allergy to nut"),
        "food",
        "high",
        eu="nuts",
        reactions=(("39579001", "Anaphylaxis", "severe"),),
    ),
    "latex": _Allergy(
        "Allergie au latex",
        ("300916003", "Latex allergy"),
        "environment",
        "high",
        reactions=(("126485001", "Urticaria", "moderate"),),
    ),
}

# Medications each allergy rules out (so that no patient is prescribed what they react to).
_CLASHES = {"penicillin": "penicillin"}

_RANDOM_POOL = (
    "penicillin",
    "penicillin",
    "milk",
    "egg",
    "shellfish",
    "fish",
    "sesame",
    "celery",
    "mustard",
    "nuts",
    "latex",
)


def allergy_keys(ctx: SeedContext, adm: Admission, drug_classes: set[str]) -> tuple[str, ...]:
    """The case's allergies, or a random draw: ~25 % nothing recorded, ~35 % NKA, ~40 % some."""
    if adm.case.allergies is not None:
        return adm.case.allergies
    rng = ctx.rng(f"{adm.key}/allergies")
    roll = rng.random()
    if roll < 0.25:
        return ()
    if roll < 0.6:
        return ("nka",)
    allowed = [k for k in _RANDOM_POOL if _CLASHES.get(k) not in drug_classes]
    count = 1 if rng.random() < 0.75 else 2
    return tuple(sorted(set(rng.sample(allowed, count))))


def food_allergens(keys: tuple[str, ...]) -> tuple[str, ...]:
    """EU allergen codes of the food allergies among ``keys``."""
    return tuple(ALLERGIES[k].eu for k in keys if k in ALLERGIES and ALLERGIES[k].eu)  # type: ignore[misc]


def build_allergies(ctx: SeedContext, adm: Admission, keys: tuple[str, ...]) -> list[JSON]:
    """AllergyIntolerance resources for ``keys`` (nothing at all for an empty tuple)."""
    out = []
    recorded = ctx.instant(adm.admitted + timedelta(minutes=40))
    for n, key in enumerate(keys):
        resource: JSON = {
            "resourceType": "AllergyIntolerance",
            "id": ctx.id(f"{adm.key}/allergy/{n}"),
        }
        if key == "nka":
            resource.update(
                {
                    "clinicalStatus": concept(coding(ALLERGY_CLINICAL, "active", "Active")),
                    "verificationStatus": concept(
                        coding(ALLERGY_VERIFICATION, "confirmed", "Confirmed")
                    ),
                    "code": concept(
                        coding(SNOMED, *NO_KNOWN_ALLERGY), text="Pas d'allergie connue"
                    ),
                    "patient": reference(adm.patient),
                    "encounter": reference(adm.encounter),
                    "recordedDate": recorded,
                    "recorder": reference(adm.nurse),
                }
            )
            out.append(ctx.add(resource))
            continue
        spec = ALLERGIES[key]
        codings = []
        if spec.sct:
            codings.append(coding(SNOMED, *spec.sct))
        if spec.eu:
            codings.append(allergen_coding(spec.eu))
        resource.update(
            {
                "clinicalStatus": concept(coding(ALLERGY_CLINICAL, "active", "Active")),
                "verificationStatus": concept(
                    coding(ALLERGY_VERIFICATION, "confirmed", "Confirmed")
                ),
                "type": spec.kind,
                "category": [spec.category],
                "criticality": spec.criticality,
                "code": concept(*codings, text=spec.text),
                "patient": reference(adm.patient),
                "encounter": reference(adm.encounter),
                "recordedDate": recorded,
                "recorder": reference(adm.nurse),
                "reaction": [
                    {
                        "manifestation": [concept(coding(SNOMED, code, display))],
                        "severity": severity,
                    }
                    for code, display, severity in spec.reactions
                ],
            }
        )
        out.append(ctx.add(resource))
    return out
