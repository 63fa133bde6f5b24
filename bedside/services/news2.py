"""NEWS2, the National Early Warning Score 2 (Royal College of Physicians, 2017): pure scoring.

Owns the RCP 2017 chart as code — each parameter's points, SpO2 scale 1 and scale 2, and the risk
band — and nothing else: no I/O, no FHIR, no words (the UI names the bands and parameters in the
user's language). See docs/domain.md for the table.

Choices written down here because the chart leaves them open:

* Temperature bands are to one decimal (35.0 / 35.1 …). A value with more decimals is first
  rounded half up to 0.1 (35.05 -> 35.1 scores 1, 35.04 -> 35.0 scores 3), then scored.
* A parameter not measured scores nothing and is listed in ``missing``: the total is then partial
  (``complete`` is False) and the UI must say so — a partial NEWS2 is a lower bound, never "0".
* On SpO2 scale 2 the points for a saturation of 93 % or more depend on air or oxygen. When that is
  not known the saturation is scored as on air (the lower score) and air/oxygen stays missing, so
  the total is marked partial.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from types import MappingProxyType
from typing import Literal

__all__ = [
    "Consciousness",
    "News2Input",
    "News2Parameter",
    "News2Score",
    "RiskBand",
    "round_temperature",
    "score_news2",
]


class Consciousness(StrEnum):
    """ACVPU: the level of consciousness (C = new confusion)."""

    ALERT = "A"
    NEW_CONFUSION = "C"
    VOICE = "V"
    PAIN = "P"
    UNRESPONSIVE = "U"


class RiskBand(StrEnum):
    """The clinical risk a NEWS2 total stands for (RCP 2017, chart 4)."""

    LOW = "low"
    LOW_MEDIUM = "low-medium"
    MEDIUM = "medium"
    HIGH = "high"


class News2Parameter(StrEnum):
    """The seven scored parameters, in the order of the RCP chart."""

    RESPIRATORY_RATE = "respiratory-rate"
    SPO2 = "spo2"
    AIR_OR_OXYGEN = "air-or-oxygen"
    SYSTOLIC_BP = "systolic-bp"
    PULSE = "pulse"
    CONSCIOUSNESS = "consciousness"
    TEMPERATURE = "temperature"


@dataclass(frozen=True)
class News2Input:
    """One set of observations; ``None`` means not measured."""

    respiratory_rate: int | None = None
    spo2: int | None = None
    on_oxygen: bool | None = None
    systolic: int | None = None
    pulse: int | None = None
    consciousness: Consciousness | None = None
    temperature: Decimal | None = None
    spo2_scale: Literal[1, 2] = 1


@dataclass(frozen=True)
class News2Score:
    """The score of one set of observations."""

    total: int
    band: RiskBand
    points: Mapping[News2Parameter, int]  # measured parameters only, in chart order
    missing: tuple[News2Parameter, ...]  # not measured: the total is then partial
    spo2_scale: Literal[1, 2]

    @property
    def complete(self) -> bool:
        """Every parameter was measured, so the total is the full NEWS2."""
        return not self.missing

    @property
    def single_parameter_3(self) -> bool:
        """A single parameter scores 3 (an extreme value): urgent ward review at any total."""
        return any(points == 3 for points in self.points.values())


_TENTH = Decimal("0.1")


def round_temperature(celsius: Decimal) -> Decimal:
    """A temperature on the chart's one-decimal scale (round half up: 35.05 -> 35.1)."""
    return celsius.quantize(_TENTH, rounding=ROUND_HALF_UP)


def _respiratory_rate(per_min: int) -> int:
    if per_min <= 8:
        return 3
    if per_min <= 11:
        return 1
    if per_min <= 20:
        return 0
    if per_min <= 24:
        return 2
    return 3


def _spo2_scale_1(percent: int) -> int:
    if percent <= 91:
        return 3
    if percent <= 93:
        return 2
    if percent <= 95:
        return 1
    return 0


def _spo2_scale_2(percent: int, on_oxygen: bool | None) -> int:
    # Scale 2 is for hypercapnic respiratory failure: target 88-92 %; above 92 % only oxygen
    # scores, because over-oxygenating these patients is the danger.
    if percent <= 83:
        return 3
    if percent <= 85:
        return 2
    if percent <= 87:
        return 1
    if percent <= 92 or not on_oxygen:
        return 0
    if percent <= 94:
        return 1
    if percent <= 96:
        return 2
    return 3


def _systolic(mmhg: int) -> int:
    if mmhg <= 90:
        return 3
    if mmhg <= 100:
        return 2
    if mmhg <= 110:
        return 1
    if mmhg <= 219:
        return 0
    return 3


def _pulse(per_min: int) -> int:
    if per_min <= 40:
        return 3
    if per_min <= 50:
        return 1
    if per_min <= 90:
        return 0
    if per_min <= 110:
        return 1
    if per_min <= 130:
        return 2
    return 3


def _temperature(celsius: Decimal) -> int:
    rounded = round_temperature(celsius)
    if rounded <= Decimal("35.0"):
        return 3
    if rounded <= Decimal("36.0"):
        return 1
    if rounded <= Decimal("38.0"):
        return 0
    if rounded <= Decimal("39.0"):
        return 1
    return 2


def _band(total: int, single_3: bool) -> RiskBand:
    if total >= 7:
        return RiskBand.HIGH
    if total >= 5:
        return RiskBand.MEDIUM
    if single_3:
        return RiskBand.LOW_MEDIUM
    return RiskBand.LOW


def score_news2(values: News2Input) -> News2Score:
    """Score every measured parameter, sum them and give the risk band."""
    measured: dict[News2Parameter, int | None] = {
        News2Parameter.RESPIRATORY_RATE: (
            None if values.respiratory_rate is None else _respiratory_rate(values.respiratory_rate)
        ),
        News2Parameter.SPO2: (
            None
            if values.spo2 is None
            else _spo2_scale_2(values.spo2, values.on_oxygen)
            if values.spo2_scale == 2
            else _spo2_scale_1(values.spo2)
        ),
        News2Parameter.AIR_OR_OXYGEN: (
            None if values.on_oxygen is None else 2 if values.on_oxygen else 0
        ),
        News2Parameter.SYSTOLIC_BP: None if values.systolic is None else _systolic(values.systolic),
        News2Parameter.PULSE: None if values.pulse is None else _pulse(values.pulse),
        News2Parameter.CONSCIOUSNESS: (
            None
            if values.consciousness is None
            else 0
            if values.consciousness is Consciousness.ALERT
            else 3
        ),
        News2Parameter.TEMPERATURE: (
            None if values.temperature is None else _temperature(values.temperature)
        ),
    }
    points = {param: value for param, value in measured.items() if value is not None}
    missing = tuple(param for param, value in measured.items() if value is None)
    total = sum(points.values())
    single_3 = any(value == 3 for value in points.values())
    return News2Score(
        total=total,
        band=_band(total, single_3),
        points=MappingProxyType(points),
        missing=missing,
        spo2_scale=values.spo2_scale,
    )
