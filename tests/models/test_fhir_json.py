"""FHIR JSON keeps a decimal's written precision and integers whole, and refuses non-JSON."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bedside.models import FhirModelError, Observation, dump_resource, fhir_json, parse_as


def test_a_decimal_is_read_and_written_back_exactly_as_it_was_written() -> None:
    text = '{"a":1.50,"b":0.1,"c":-0.0,"d":1.0E+2,"e":37.00000000000000000001}'
    assert fhir_json.dumps(fhir_json.loads(text)) == text


def test_integers_stay_integers_and_decimals_become_decimals() -> None:
    value = fhir_json.loads(b'{"count":10,"dose":2.50}')
    assert type(value["count"]) is int
    assert value["dose"] == Decimal("2.50")
    assert str(value["dose"]) == "2.50"


def test_text_is_compact_utf8_without_ascii_escapes() -> None:
    assert fhir_json.dumps({"name": "Zoë Müller", "n": [1, 2]}) == '{"name":"Zoë Müller","n":[1,2]}'


@pytest.mark.parametrize("text", ["NaN", "[Infinity]", '{"v":-Infinity}'])
def test_non_numbers_are_refused_when_reading(text: str) -> None:
    with pytest.raises(fhir_json.FhirJsonError, match="not a JSON number"):
        fhir_json.loads(text)


@pytest.mark.parametrize("value", [float("nan"), Decimal("Infinity"), Decimal("NaN")])
def test_non_numbers_are_refused_when_writing(value: object) -> None:
    with pytest.raises(ValueError, match="not JSON compliant"):
        fhir_json.dumps({"v": value})


@pytest.mark.parametrize(
    ("raw", "says"),
    [(b"\xff{}", "not UTF-8"), (b'{"a":', "Expecting value"), (b"[" * 100_000, "nested")],
)
def test_broken_text_is_one_clear_error(raw: bytes, says: str) -> None:
    with pytest.raises(fhir_json.FhirJsonError, match=says):
        fhir_json.loads(raw)


def test_a_parsed_resource_dumps_its_decimals_with_their_precision() -> None:
    text = (
        '{"resourceType":"Observation","status":"final","code":{"text":"potassium"},'
        '"valueQuantity":{"value":4.50,"unit":"mmol/L"},'
        '"referenceRange":[{"low":{"value":3.50},"high":{"value":5.10}}]}'
    )
    observation = parse_as(Observation, text)
    assert observation.value_quantity is not None
    assert observation.value_quantity.value == Decimal("4.50")
    assert fhir_json.dumps(dump_resource(observation)) == text


def test_a_non_finite_decimal_is_refused_by_the_models() -> None:
    data = {
        "resourceType": "Observation",
        "status": "final",
        "code": {"text": "x"},
        "valueQuantity": {"value": Decimal("NaN")},
    }
    with pytest.raises(FhirModelError, match="finite"):
        parse_as(Observation, data)
