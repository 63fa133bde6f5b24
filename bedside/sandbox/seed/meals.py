"""The meal catalogue: one week (today + 6 days) × breakfast, lunch, dinner, 4–5 dishes each, as
``ActivityDefinition`` resources (kind NutritionOrder).

Each dish: French ``title``/``description`` with German and English translations (standard
translation extension), ``code`` and ``meal-service`` extension = the service, ``effectivePeriod``
= the service window that day, and documented extensions for the EU allergens it contains (zero or
more ``meal-allergen`` + ``meal-allergens-declared`` = true, so "none" is a real statement), the
diets it suits (``meal-diet-suitable``: local diet codes and HL7 diet codes), its IDDSI texture
(``meal-texture``) and an icon name (``meal-icon``). See docs/meal-catalogue.md.
"""

from __future__ import annotations

import re

from bedside.sandbox.seed.codes import (
    CS_DIET,
    CS_IDDSI,
    CS_MEAL_SERVICE,
    DIETS,
    EU_ALLERGENS,
    EXT_MEAL_ALLERGEN,
    EXT_MEAL_ALLERGENS_DECLARED,
    EXT_MEAL_DIET_SUITABLE,
    EXT_MEAL_ICON,
    EXT_MEAL_SERVICE,
    EXT_MEAL_TEXTURE,
    HL7_DIET,
    HL7_DIET_DISPLAYS,
    IDDSI_LEVELS,
    JSON,
    SANDBOX,
    allergen_coding,
    coding,
    concept,
    translations,
)
from bedside.sandbox.seed.context import SeedContext
from bedside.sandbox.seed.menu import DIET_SHORT, Dish, menu

CATALOGUE_DAYS = 7

# service -> (start h, start min, end h, end min, French, German, English)
SERVICES: dict[str, tuple[int, int, int, int, str, str, str]] = {
    "breakfast": (7, 30, 9, 0, "Petit-déjeuner", "Frühstück", "Breakfast"),
    "lunch": (12, 0, 13, 30, "Déjeuner", "Mittagessen", "Lunch"),
    "dinner": (18, 30, 20, 0, "Dîner", "Abendessen", "Dinner"),
}


def _computable(text: str) -> str:
    parts = re.split(r"[^A-Za-z0-9]+", text)
    return "".join(p[:1].upper() + p[1:] for p in parts if p)


def dish_url(date_iso: str, service: str, slug: str) -> str:
    """The canonical URL of a dish on a given day (what a patient's choice instantiates)."""
    return f"{SANDBOX}/meal/{date_iso}/{service}/{slug}"


def _dish_resource(ctx: SeedContext, day_index: int, service: str, dish: Dish) -> JSON:
    date_iso = ctx.local_date(day_index).isoformat()
    sh, sm, eh, em, service_fr, service_de, service_en = SERVICES[service]
    extensions: list[JSON] = [{"url": EXT_MEAL_SERVICE, "valueCode": service}]
    for allergen in dish.allergens:
        if allergen not in EU_ALLERGENS:
            raise ValueError(f"unknown allergen {allergen!r} in dish {dish.slug!r}")
        extensions.append({"url": EXT_MEAL_ALLERGEN, "valueCoding": allergen_coding(allergen)})
    extensions.append({"url": EXT_MEAL_ALLERGENS_DECLARED, "valueBoolean": True})
    for letter in dish.diets:
        code = DIET_SHORT[letter]
        extensions.append(
            {"url": EXT_MEAL_DIET_SUITABLE, "valueCoding": coding(CS_DIET, code, DIETS[code][0])}
        )
    for preference in dish.preferences:
        extensions.append(
            {
                "url": EXT_MEAL_DIET_SUITABLE,
                "valueCoding": coding(HL7_DIET, preference, HL7_DIET_DISPLAYS[preference]),
            }
        )
    extensions.append(
        {
            "url": EXT_MEAL_TEXTURE,
            "valueCoding": coding(CS_IDDSI, dish.texture, IDDSI_LEVELS[dish.texture]),
        }
    )
    extensions.append({"url": EXT_MEAL_ICON, "valueString": dish.icon})
    return {
        "resourceType": "ActivityDefinition",
        "id": ctx.id(f"meal/{day_index}/{service}/{dish.slug}"),
        "language": "fr",
        "extension": extensions,
        "url": dish_url(date_iso, service, dish.slug),
        "name": _computable(f"Meal {date_iso} {service} {dish.slug}"),
        "title": dish.fr,
        "_title": translations(de=dish.de, en=dish.en),
        "status": "active",
        "publisher": "Restauration — Centre hospitalier du Rhin (sandbox)",
        "description": dish.description,
        "_description": translations(de=dish.description_de),
        "effectivePeriod": {
            "start": ctx.instant(ctx.at(day_index, sh, sm)),
            "end": ctx.instant(ctx.at(day_index, eh, em)),
        },
        "topic": [concept(text=f"{service_fr} / {service_de} / {service_en}")],
        "kind": "NutritionOrder",
        "code": concept(coding(CS_MEAL_SERVICE, service, service_en), text=service_fr),
    }


def build_catalogue(ctx: SeedContext) -> list[JSON]:
    """All dishes of the week, day by day, service by service."""
    return [
        ctx.add(_dish_resource(ctx, day, service, dish))
        for day in range(CATALOGUE_DAYS)
        for service in SERVICES
        for dish in menu(day, service)
    ]
