"""The elements the app reads (domain.md) are typed model attributes, not opaque extras."""

from __future__ import annotations

from typing import Any

import pytest

from bedside.models import (
    Appointment,
    Bundle,
    FhirModelError,
    MedicationAdministration,
    MedicationRequest,
    NutritionOrder,
    Observation,
    OperationOutcome,
    dump_resource,
    parse_as,
)

PRESCRIPTION: dict[str, Any] = {
    "resourceType": "MedicationRequest",
    "id": "mr1",
    "status": "active",
    "intent": "order",
    "subject": {"reference": "Patient/p1"},
    "medicationCodeableConcept": {"text": "Paracetamol 500 mg"},
    "dosageInstruction": [
        {
            "text": "1 tablet morning and evening",
            "timing": {
                "repeat": {
                    "boundsPeriod": {"start": "2024-03-01", "end": "2024-03-08"},
                    "frequency": 2,
                    "period": 1,
                    "periodUnit": "d",
                    "when": ["MORN", "EVE"],
                    "dayOfWeek": ["mon", "wed"],
                    "timeOfDay": ["08:00:00"],
                }
            },
            "route": {"text": "oral"},
            "doseAndRate": [{"doseQuantity": {"value": 1, "unit": "tablet"}}],
        },
        {"text": "PRN pain", "asNeededCodeableConcept": {"text": "pain"}},
    ],
}


def test_a_prescription_exposes_timing_repeat_and_prn() -> None:
    request = parse_as(MedicationRequest, PRESCRIPTION)
    assert request.dosage_instruction is not None
    regular, prn = request.dosage_instruction
    assert regular.timing is not None
    repeat = regular.timing.repeat
    assert repeat is not None
    assert (repeat.frequency, repeat.period, repeat.period_unit) == (2, 1, "d")
    assert repeat.when == ["MORN", "EVE"]
    assert repeat.day_of_week == ["mon", "wed"]
    assert repeat.time_of_day == ["08:00:00"]
    assert repeat.bounds_period is not None
    assert repeat.bounds_period.end == "2024-03-08"
    assert regular.dose_and_rate is not None
    assert regular.dose_and_rate[0].dose_quantity is not None
    assert regular.dose_and_rate[0].dose_quantity.value == 1
    assert prn.as_needed_codeable_concept is not None
    assert dump_resource(request) == PRESCRIPTION


def test_a_time_of_day_must_be_a_fhir_time() -> None:
    data = {**PRESCRIPTION, "dosageInstruction": [{"timing": {"repeat": {"timeOfDay": ["8h"]}}}]}
    with pytest.raises(FhirModelError) as caught:
        parse_as(MedicationRequest, data)
    assert caught.value.problems == [
        "dosageInstruction[0].timing.repeat.timeOfDay[0]: not a valid FHIR time ('8h')"
    ]


def test_an_administration_records_dose_route_and_context() -> None:
    data = {
        "resourceType": "MedicationAdministration",
        "status": "not-done",
        "statusReason": [{"text": "patient asleep"}],
        "medicationReference": {"reference": "Medication/m1"},
        "subject": {"reference": "Patient/p1"},
        "context": {"reference": "Encounter/e1"},
        "effectiveDateTime": "2024-03-01T08:05:12+01:00",
        "performer": [{"actor": {"reference": "Practitioner/n1"}}],
        "request": {"reference": "MedicationRequest/mr1"},
        "dosage": {"route": {"text": "oral"}, "dose": {"value": 500, "unit": "mg"}},
    }
    administration = parse_as(MedicationAdministration, data)
    assert administration.context is not None
    assert administration.context.reference_id == ("Encounter", "e1")
    assert administration.dosage is not None
    assert administration.dosage.dose is not None
    assert administration.dosage.dose.value == 500
    assert dump_resource(administration) == data


def test_a_diet_order_exposes_diet_texture_and_modifiers() -> None:
    data = {
        "resourceType": "NutritionOrder",
        "status": "active",
        "intent": "order",
        "patient": {"reference": "Patient/p1"},
        "dateTime": "2024-03-01",
        "foodPreferenceModifier": [{"coding": [{"code": "vegetarian"}]}],
        "excludeFoodModifier": [{"text": "milk"}],
        "oralDiet": {
            "type": [{"text": "diabetic"}],
            "texture": [{"modifier": {"text": "IDDSI 4 pureed"}}],
            "fluidConsistencyType": [{"text": "IDDSI 1 slightly thick"}],
        },
        "instantiatesCanonical": ["https://hospital.example/fhir/ActivityDefinition/dish-42"],
    }
    order = parse_as(NutritionOrder, data)
    assert order.oral_diet is not None
    assert order.oral_diet.texture is not None
    assert order.oral_diet.texture[0].modifier is not None
    assert order.exclude_food_modifier is not None
    assert order.food_preference_modifier is not None
    assert order.oral_diet.fluid_consistency_type is not None
    assert dump_resource(order) == data


def test_an_observation_exposes_components_interpretation_and_ranges() -> None:
    data = {
        "resourceType": "Observation",
        "status": "final",
        "category": [{"coding": [{"code": "vital-signs"}]}],
        "code": {"coding": [{"system": "http://loinc.org", "code": "85354-9"}]},
        "effectivePeriod": {"start": "2024-03-01T08:00:00Z"},
        "component": [
            {
                "code": {"coding": [{"system": "http://loinc.org", "code": "8480-6"}]},
                "valueQuantity": {"value": 142, "unit": "mmHg"},
                "interpretation": [{"coding": [{"code": "H"}]}],
                "referenceRange": [{"low": {"value": 90}, "high": {"value": 140}}],
            }
        ],
    }
    observation = parse_as(Observation, data)
    assert observation.component is not None
    systolic = observation.component[0]
    assert systolic.code.has_code("http://loinc.org", "8480-6")
    assert systolic.value_quantity is not None
    assert systolic.value_quantity.value == 142
    assert systolic.reference_range is not None
    assert observation.effective_period is not None
    assert dump_resource(observation) == data


def test_an_appointment_exposes_participants_and_preparation() -> None:
    data = {
        "resourceType": "Appointment",
        "status": "booked",
        "start": "2024-03-02T09:00:00+01:00",
        "end": "2024-03-02T10:00:00+01:00",
        "patientInstruction": "Nil by mouth from midnight",
        "participant": [
            {"actor": {"reference": "Patient/p1"}, "status": "accepted"},
            {"actor": {"reference": "Location/or-2", "display": "OR 2"}, "status": "accepted"},
        ],
    }
    appointment = parse_as(Appointment, data)
    assert appointment.patient_instruction == "Nil by mouth from midnight"
    assert appointment.participant is not None
    assert appointment.participant[1].actor is not None
    assert appointment.participant[1].actor.reference_id == ("Location", "or-2")
    assert dump_resource(appointment) == data


def test_an_appointment_start_must_be_an_instant_with_a_zone() -> None:
    with pytest.raises(FhirModelError, match="start: not a valid FHIR instant"):
        parse_as(
            Appointment,
            {"resourceType": "Appointment", "status": "booked", "start": "2024-03-02T09:00:00"},
        )


def test_a_transaction_response_exposes_status_location_and_outcome() -> None:
    data = {
        "resourceType": "Bundle",
        "type": "transaction-response",
        "entry": [
            {
                "response": {
                    "status": "201 Created",
                    "location": "MedicationAdministration/ma1/_history/1",
                    "etag": 'W/"1"',
                    "lastModified": "2024-03-01T08:05:13Z",
                }
            },
            {
                "response": {
                    "status": "412 Precondition Failed",
                    "outcome": {
                        "resourceType": "OperationOutcome",
                        "issue": [{"severity": "error", "code": "conflict", "diagnostics": "v2"}],
                    },
                },
                "request": {"method": "PUT", "url": "Task/t1", "ifMatch": 'W/"1"'},
            },
        ],
    }
    bundle = parse_as(Bundle, data)
    assert bundle.entry is not None
    second = bundle.entry[1]
    assert second.response is not None
    assert isinstance(second.response.outcome, OperationOutcome)
    assert second.request is not None
    assert second.request.if_match == 'W/"1"'
    assert dump_resource(bundle) == data
