"""The care team's diet orders (NutritionOrder), including nil by mouth before surgery.

One order per patient with a diet (type, IDDSI texture and drinks, preferences, exclusions — the
patient's food allergies become ``excludeFoodModifier`` EU allergen codes). A patient whose case has
``diet=None`` gets no order at all ("ask your nurse"). A patient with surgery tomorrow also gets a
nil-by-mouth order whose ``oralDiet.schedule`` bounds run from midnight to the end of the surgery
slot. These orders never carry the patient-meal-selection tag.
"""

from __future__ import annotations

from datetime import timedelta

from bedside.sandbox.seed import appointments
from bedside.sandbox.seed.codes import (
    HL7_DIET,
    HL7_DIET_DISPLAYS,
    JSON,
    allergen_coding,
    coding,
    concept,
    diet_concept,
    iddsi_concept,
    reference,
)
from bedside.sandbox.seed.context import SeedContext
from bedside.sandbox.seed.patients import Admission


def build_diet_orders(
    ctx: SeedContext, adm: Admission, food_allergens: tuple[str, ...]
) -> list[JSON]:
    """The diet order (if any) and, before surgery, the nil-by-mouth order."""
    spec = adm.case.diet
    if spec is None:
        return []
    out = []
    ordered = adm.admitted + timedelta(minutes=75)
    oral: JSON = {"type": [diet_concept(code) for code in spec.types]}
    if spec.texture:
        oral["texture"] = [{"modifier": iddsi_concept(spec.texture)}]
    if spec.fluid:
        oral["fluidConsistencyType"] = [iddsi_concept(spec.fluid)]
    if spec.instruction:
        oral["instruction"] = spec.instruction
    order: JSON = {
        "resourceType": "NutritionOrder",
        "id": ctx.id(f"{adm.key}/diet/0"),
        "status": "active",
        "intent": "order",
        "patient": reference(adm.patient),
        "encounter": reference(adm.encounter),
        "dateTime": ctx.instant(ordered),
        "orderer": reference(adm.doctor),
    }
    if spec.preferences:
        order["foodPreferenceModifier"] = [
            concept(coding(HL7_DIET, code, HL7_DIET_DISPLAYS[code])) for code in spec.preferences
        ]
    excludes = sorted(set(spec.excludes) | set(food_allergens))
    if excludes:
        order["excludeFoodModifier"] = [concept(allergen_coding(code)) for code in excludes]
    order["oralDiet"] = oral
    out.append(ctx.add(order))

    for appointment_key in adm.case.appointments:
        slot = appointments.SLOTS[appointment_key]
        if not slot.fasting_from_midnight:
            continue
        start = ctx.at(slot.day, 0, 0)
        end = ctx.at(slot.day, slot.hour, slot.minute) + timedelta(minutes=slot.minutes)
        out.append(
            ctx.add(
                {
                    "resourceType": "NutritionOrder",
                    "id": ctx.id(f"{adm.key}/diet/npo/{appointment_key}"),
                    "status": "active",
                    "intent": "order",
                    "patient": reference(adm.patient),
                    "encounter": reference(adm.encounter),
                    "dateTime": ctx.instant(ordered),
                    "orderer": reference(adm.doctor),
                    "oralDiet": {
                        "type": [diet_concept("npo")],
                        "schedule": [
                            {
                                "repeat": {
                                    "boundsPeriod": {
                                        "start": ctx.instant(start),
                                        "end": ctx.instant(end),
                                    }
                                }
                            }
                        ],
                        "instruction": (
                            "À jeun strict à partir de minuit (ni manger, ni boire, ni fumer) "
                            "jusqu'à l'intervention ; reprise alimentaire sur avis médical."
                        ),
                    },
                }
            )
        )
    return out
