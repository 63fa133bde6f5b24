"""The care record tab shows the patient on screen, and only them, even when answers come late."""

from __future__ import annotations

import asyncio

from pytestqt.qtbot import QtBot

from bedside.sandbox.seed import SeedWard
from bedside.services.chart import CareRecord, ChartService
from bedside.store import Store
from bedside.ui.chart.care_record import CareRecordTab
from tests.ui.conftest import WARD_TZ, Loop, ward_clock
from tests.ui.test_results_tab import context_for, visible_texts


def _patients_with_conditions(store: Store, loop: Loop) -> list[str]:
    conditions = loop.run(store.find("Condition"))
    return list(dict.fromkeys(c["subject"]["reference"].split("/")[1] for c in conditions))


class SlowFor(ChartService):
    """The real service, with one patient's record arriving late (a busy cache)."""

    slow_patient = ""

    async def care_record(self, patient_id: str) -> CareRecord:
        if patient_id == self.slow_patient:
            await asyncio.sleep(0.2)
        return await super().care_record(patient_id)


def test_an_answer_for_a_patient_no_longer_on_screen_is_dropped(
    ward_store: Store, qloop: Loop, seed_ward: SeedWard, qtbot: QtBot
) -> None:
    chart = SlowFor(
        ward_store, hospital_number_system=seed_ward.identifier_system, clock=ward_clock, tz=WARD_TZ
    )
    first, second = _patients_with_conditions(ward_store, qloop)[:2]
    chart.slow_patient = first
    tab = CareRecordTab(chart)
    qtbot.addWidget(tab)
    first_context = context_for(ward_store, qloop, seed_ward, first)
    second_context = context_for(ward_store, qloop, seed_ward, second)

    tab.show_patient(first_context)  # its answer is still on its way…
    tab.show_patient(second_context)  # …when the nurse opens another chart
    qloop.settle()

    shown = "\n".join(visible_texts(tab))
    second_record = qloop.run(chart.care_record(second))
    first_record = qloop.run(chart.care_record(first))
    assert all(line.text in shown for line in second_record.conditions)
    only_first = {c.text for c in first_record.conditions} - {
        c.text for c in second_record.conditions
    }
    assert only_first
    assert not any(text in shown for text in only_first)


def test_a_lock_while_reading_shows_nothing(
    ward_store: Store, qloop: Loop, seed_ward: SeedWard, qtbot: QtBot
) -> None:
    chart = ChartService(
        ward_store, hospital_number_system=seed_ward.identifier_system, clock=ward_clock, tz=WARD_TZ
    )
    (patient, *_) = _patients_with_conditions(ward_store, qloop)
    tab = CareRecordTab(chart)
    qtbot.addWidget(tab)
    tab.show_patient(context_for(ward_store, qloop, seed_ward, patient))
    tab.clear()
    qloop.settle()
    assert visible_texts(tab) == [t for t in visible_texts(CareRecordTab(chart)) if t]
