"""The chart's Meals tab: a nurse orders on the patient's behalf, also after the cut-off.

Owns nothing but the bridge from the chart (:class:`PatientContext`) to the shared
:class:`bedside.ui.meal_chooser.MealChooser`, in its staff form: dishes the patient cannot have
stay greyed with their reason (the diet and allergies bind the nurse too), but the cut-off does
not; the choice records the nurse as the orderer.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtWidgets import QVBoxLayout

from bedside.services.meals import MealService
from bedside.ui.chart.base import ChartTab
from bedside.ui.i18n import translate
from bedside.ui.meal_chooser import MealChooser, MealTarget


class MealsTab(ChartTab):
    WATCHES = frozenset(
        {"NutritionOrder", "ActivityDefinition", "AllergyIntolerance", "Appointment"}
    )

    def __init__(
        self,
        meals: MealService,
        language: Callable[[], str],
        *,
        today: Callable[[], date],
        clock: Callable[[], datetime],
    ) -> None:
        super().__init__()
        self.setObjectName("mealsTab")
        self._language = language
        self.chooser = MealChooser(meals, today=today, clock=clock, big=False, days=2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(self.chooser)

    def title(self) -> str:
        return translate("MealsTab", "Meals")

    def reload(self) -> None:
        context = self.context
        if context is None:
            return
        self.chooser.show_patient(
            MealTarget(
                context.patient_id,
                context.encounter_id,
                language=self._language(),
                on_behalf=True,
                staff_id=context.staff_id,
            )
        )

    def clear(self) -> None:
        super().clear()
        self.chooser.clear()

    def retranslate(self) -> None:
        if self.context is not None:
            self.reload()  # dish names come translated from the cache
