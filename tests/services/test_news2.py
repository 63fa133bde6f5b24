"""NEWS2 scores every parameter on the RCP 2017 chart, edge by edge, and gives the risk band."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from bedside.services.news2 import (
    Consciousness,
    News2Input,
    News2Parameter,
    RiskBand,
    round_temperature,
    score_news2,
)

# A complete set of observations scoring 0 on every parameter; tests change one value at a time.
NORMAL = News2Input(
    respiratory_rate=16,
    spo2=97,
    on_oxygen=False,
    systolic=120,
    pulse=70,
    consciousness=Consciousness.ALERT,
    temperature=Decimal("37.0"),
)


def _points(parameter: News2Parameter, **change: object) -> int:
    values = replace(NORMAL, **change)  # type: ignore[arg-type]
    return score_news2(values).points[parameter]


@pytest.mark.parametrize(
    ("rate", "points"),
    [(0, 3), (8, 3), (9, 1), (11, 1), (12, 0), (20, 0), (21, 2), (24, 2), (25, 3), (60, 3)],
)
def test_respiratory_rate_scores_on_both_sides_of_every_edge(rate: int, points: int) -> None:
    assert _points(News2Parameter.RESPIRATORY_RATE, respiratory_rate=rate) == points


@pytest.mark.parametrize(
    ("spo2", "points"),
    [(70, 3), (91, 3), (92, 2), (93, 2), (94, 1), (95, 1), (96, 0), (100, 0)],
)
def test_spo2_on_scale_1_scores_on_both_sides_of_every_edge(spo2: int, points: int) -> None:
    assert _points(News2Parameter.SPO2, spo2=spo2) == points
    assert _points(News2Parameter.SPO2, spo2=spo2, on_oxygen=True) == points


@pytest.mark.parametrize(
    ("spo2", "on_oxygen", "points"),
    [
        (70, False, 3),
        (83, True, 3),
        (84, True, 2),
        (85, False, 2),
        (86, True, 1),
        (87, False, 1),
        (88, True, 0),
        (92, True, 0),
        (93, False, 0),
        (100, False, 0),
        (93, True, 1),
        (94, True, 1),
        (95, True, 2),
        (96, True, 2),
        (97, True, 3),
        (100, True, 3),
    ],
)
def test_spo2_on_scale_2_scores_high_saturation_only_on_oxygen(
    spo2: int, on_oxygen: bool, points: int
) -> None:
    assert _points(News2Parameter.SPO2, spo2=spo2, on_oxygen=on_oxygen, spo2_scale=2) == points


def test_scale_2_scores_high_saturation_as_on_air_when_oxygen_is_unknown() -> None:
    score = score_news2(News2Input(spo2=98, spo2_scale=2))
    assert score.points[News2Parameter.SPO2] == 0
    assert News2Parameter.AIR_OR_OXYGEN in score.missing
    assert score.spo2_scale == 2


def test_oxygen_scores_2_and_air_scores_0() -> None:
    assert _points(News2Parameter.AIR_OR_OXYGEN, on_oxygen=True) == 2
    assert _points(News2Parameter.AIR_OR_OXYGEN, on_oxygen=False) == 0


@pytest.mark.parametrize(
    ("systolic", "points"),
    [
        (60, 3),
        (90, 3),
        (91, 2),
        (100, 2),
        (101, 1),
        (110, 1),
        (111, 0),
        (219, 0),
        (220, 3),
        (260, 3),
    ],
)
def test_systolic_pressure_scores_on_both_sides_of_every_edge(systolic: int, points: int) -> None:
    assert _points(News2Parameter.SYSTOLIC_BP, systolic=systolic) == points


@pytest.mark.parametrize(
    ("pulse", "points"),
    [
        (30, 3),
        (40, 3),
        (41, 1),
        (50, 1),
        (51, 0),
        (90, 0),
        (91, 1),
        (110, 1),
        (111, 2),
        (130, 2),
        (131, 3),
        (180, 3),
    ],
)
def test_pulse_scores_on_both_sides_of_every_edge(pulse: int, points: int) -> None:
    assert _points(News2Parameter.PULSE, pulse=pulse) == points


@pytest.mark.parametrize(
    ("level", "points"),
    [
        (Consciousness.ALERT, 0),
        (Consciousness.NEW_CONFUSION, 3),
        (Consciousness.VOICE, 3),
        (Consciousness.PAIN, 3),
        (Consciousness.UNRESPONSIVE, 3),
    ],
)
def test_anything_but_alert_scores_3(level: Consciousness, points: int) -> None:
    assert _points(News2Parameter.CONSCIOUSNESS, consciousness=level) == points


@pytest.mark.parametrize(
    ("celsius", "points"),
    [
        ("33.0", 3),
        ("35.0", 3),
        ("35.1", 1),
        ("36.0", 1),
        ("36.1", 0),
        ("38.0", 0),
        ("38.1", 1),
        ("39.0", 1),
        ("39.1", 2),
        ("41.0", 2),
    ],
)
def test_temperature_scores_on_both_sides_of_every_edge(celsius: str, points: int) -> None:
    assert _points(News2Parameter.TEMPERATURE, temperature=Decimal(celsius)) == points


@pytest.mark.parametrize(
    ("celsius", "points"),
    [("35.04", 3), ("35.05", 1), ("36.04", 1), ("36.05", 0), ("38.05", 1), ("39.05", 2)],
)
def test_temperature_between_bands_is_rounded_half_up_to_one_decimal_first(
    celsius: str, points: int
) -> None:
    assert _points(News2Parameter.TEMPERATURE, temperature=Decimal(celsius)) == points


def test_temperature_rounding_keeps_one_decimal() -> None:
    assert round_temperature(Decimal("35.05")) == Decimal("35.1")
    assert round_temperature(Decimal("37")) == Decimal("37.0")


def test_normal_observations_score_0_low_and_complete() -> None:
    score = score_news2(NORMAL)
    assert score.total == 0
    assert score.band is RiskBand.LOW
    assert score.complete
    assert score.missing == ()
    assert list(score.points) == list(News2Parameter)


def test_a_total_of_4_without_a_single_3_is_low() -> None:
    score = score_news2(replace(NORMAL, pulse=115, respiratory_rate=22))
    assert score.total == 4
    assert score.band is RiskBand.LOW


def test_a_single_parameter_scoring_3_is_low_medium() -> None:
    score = score_news2(replace(NORMAL, consciousness=Consciousness.VOICE))
    assert score.total == 3
    assert score.single_parameter_3
    assert score.band is RiskBand.LOW_MEDIUM


def test_a_total_of_5_is_medium_and_6_still_medium() -> None:
    five = score_news2(replace(NORMAL, on_oxygen=True, spo2=92, pulse=95))
    six = score_news2(replace(NORMAL, on_oxygen=True, spo2=92, pulse=115))
    assert (five.total, five.band) == (5, RiskBand.MEDIUM)
    assert (six.total, six.band) == (6, RiskBand.MEDIUM)


def test_a_single_3_with_a_total_of_5_is_medium_not_low_medium() -> None:
    score = score_news2(replace(NORMAL, systolic=85, on_oxygen=True))
    assert score.total == 5
    assert score.single_parameter_3
    assert score.band is RiskBand.MEDIUM


def test_a_total_of_7_is_high() -> None:
    score = score_news2(replace(NORMAL, systolic=85, on_oxygen=True, pulse=95, spo2=95))
    assert score.total == 7
    assert score.band is RiskBand.HIGH


def test_missing_parameters_are_listed_and_make_the_total_partial() -> None:
    score = score_news2(News2Input(pulse=135, temperature=Decimal("38.5")))
    assert score.total == 4
    assert not score.complete
    assert set(score.points) == {News2Parameter.PULSE, News2Parameter.TEMPERATURE}
    assert score.missing == (
        News2Parameter.RESPIRATORY_RATE,
        News2Parameter.SPO2,
        News2Parameter.AIR_OR_OXYGEN,
        News2Parameter.SYSTOLIC_BP,
        News2Parameter.CONSCIOUSNESS,
    )
    assert score.band is RiskBand.LOW_MEDIUM


def test_nothing_measured_scores_nothing_and_is_incomplete() -> None:
    score = score_news2(News2Input())
    assert score.total == 0
    assert score.points == {}
    assert score.missing == tuple(News2Parameter)
    assert not score.complete
