"""What the meal screens show: a patient's upcoming sittings, their dishes and the choices made.

Plain frozen data built by :class:`bedside.services.meals.MealService` and read by the patient's
meal chooser and the nurse's meals tab. Owns no rules (see :mod:`bedside.services.meal_rules`)
and no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass

from bedside.services.delivery import Delivery as Delivery  # where a choice is, for the screens
from bedside.services.meal_rules import (
    DietRules,
    Dish,
    NilByMouth,
    Reason,
    Sitting,
    SittingState,
)


@dataclass(frozen=True)
class DishOption:
    dish: Dish
    reasons: tuple[Reason, ...]  # empty: the dish can be chosen

    @property
    def choosable(self) -> bool:
        return not self.reasons


@dataclass(frozen=True)
class Choice:
    """The patient's meal selection for one sitting (a tagged NutritionOrder)."""

    order_id: str
    dish_url: str
    dish_title: str | None  # None when the dish is no longer in the catalogue
    delivery: Delivery
    by_staff: bool = False  # ordered by a nurse on the patient's behalf


@dataclass(frozen=True)
class SittingPlan:
    sitting: Sitting
    state: SittingState
    options: tuple[DishOption, ...]  # choosable first, then greyed, each in catalogue order
    choice: Choice | None


@dataclass(frozen=True)
class MealPlan:
    rules: DietRules
    sittings: tuple[SittingPlan, ...]  # upcoming (not SERVED) sittings, in time order
    windows: tuple[NilByMouth, ...]  # every nil-by-mouth window known now
    catalogue_empty: bool  # the cache holds no dish for any of these sittings (never synced?)


class MealOrderError(Exception):
    """A choice could not be saved; ``kind`` says why in a way the screen can put into words.

    Kinds: ``closed`` (cut-off passed), ``nil-by-mouth``, ``no-diet-order``, ``served``,
    ``not-allowed`` (the dish has reasons), ``unknown-dish``, ``storage`` (the cache failed).
    """

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
