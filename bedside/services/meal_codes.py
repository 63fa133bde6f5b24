"""The URLs and codes the meal service keys on: the contract of docs/meal-catalogue.md.

Owns the code-system and extension URLs of the meal catalogue, of the care team's diet orders and
of the patient's meal selections, and the SNOMED CT → local diet mapping. The sandbox seed defines
the same values for the data it serves (``bedside/sandbox/seed/codes.py``); services must not
import the sandbox, so they are written here once more, and a test keeps the two equal.
"""

from __future__ import annotations

from typing import Any

LOCAL = "https://sandbox.bedside.example/fhir"

# Code systems.
CS_DIET = f"{LOCAL}/CodeSystem/diet"  # oralDiet.type and meal-diet-suitable (normal, diabetic…)
CS_IDDSI = f"{LOCAL}/CodeSystem/iddsi"  # texture levels
CS_EU_ALLERGEN = f"{LOCAL}/CodeSystem/eu-allergen"  # the 14 allergens of EU 1169/2011
CS_MEAL_SERVICE = f"{LOCAL}/CodeSystem/meal-service"  # breakfast, lunch, dinner
CS_ORDER_ORIGIN = f"{LOCAL}/CodeSystem/order-origin"  # patient-meal-selection
HL7_DIET = "http://terminology.hl7.org/CodeSystem/diet"  # preferences (vegetarian, halal…)
SNOMED = "http://snomed.info/sct"

# Extensions of a dish (ActivityDefinition).
EXT_MEAL_SERVICE = f"{LOCAL}/StructureDefinition/meal-service"
EXT_MEAL_ALLERGEN = f"{LOCAL}/StructureDefinition/meal-allergen"
EXT_MEAL_ALLERGENS_DECLARED = f"{LOCAL}/StructureDefinition/meal-allergens-declared"
EXT_MEAL_DIET_SUITABLE = f"{LOCAL}/StructureDefinition/meal-diet-suitable"
EXT_MEAL_TEXTURE = f"{LOCAL}/StructureDefinition/meal-texture"
EXT_MEAL_ICON = f"{LOCAL}/StructureDefinition/meal-icon"

# A dish is an ActivityDefinition of this kind.
DISH_KIND = "NutritionOrder"

# The tag the app writes on a patient's meal selection (chart.py reads any system with the code).
PATIENT_MEAL_SELECTION = "patient-meal-selection"


def patient_meal_selection_tag() -> dict[str, Any]:
    """A fresh copy of the ``meta.tag`` coding of a meal selection."""
    return {
        "system": CS_ORDER_ORIGIN,
        "code": PATIENT_MEAL_SELECTION,
        "display": "Patient meal selection",
    }


# SNOMED CT codings sent next to the local diet code (docs/meal-catalogue.md, "diet"): an order
# that carries only the SNOMED CT coding is still understood.
SNOMED_DIETS: dict[str, str] = {
    "160670007": "diabetic",  # Diabetic diet
    "386619000": "low-salt",  # Low sodium diet
    "16208003": "low-fat",  # Low fat diet
    "33489005": "renal",  # Renal diet
}
