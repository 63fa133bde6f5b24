"""The vitals tab and its entry pad over a real encrypted cache holding the synthetic ward.

The tab shows the latest NEWS2 in words and plots the trends over 24 or 72 hours; the pad checks
what the nurse types, asks before saving unusual values and writes Observations with their LOINC
codes and one outbox row each. Locking leaves no patient text behind. ``VITALS_SHOTS=dir`` also
keeps the landscape and portrait renderings in ``dir`` (they go to a temporary folder otherwise).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from bedside.sandbox.seed import SeedWard
from bedside.sandbox.seed.codes import CS_ACVPU
from bedside.services.chart import ChartService
from bedside.services.news2 import Consciousness, News2Parameter, RiskBand
from bedside.services.recording import Recorder
from bedside.services.vitals import VitalSign, VitalsService
from bedside.store import Store
from bedside.ui import style
from bedside.ui.chart.base import PatientContext
from bedside.ui.chart.vitals_pad import VitalsPad, band_word
from bedside.ui.chart.vitals_tab import VitalsTab
from bedside.ui.i18n import Translations
from tests.ui.conftest import WARD_TZ, Loop, ward_clock

LANDSCAPE = (1280, 800)
# Showing a top-level widget offscreen makes Qt say this once; it means nothing here.
PORTRAIT = (800, 1280)


def _deteriorating_patient(ward: SeedWard) -> str:
    """The one patient whose last round found new confusion (the seed's deteriorating case)."""
    for resource in ward.resources:
        if resource["resourceType"] != "Observation":
            continue
        codings = resource.get("valueCodeableConcept", {}).get("coding", [])
        if any(c.get("system") == CS_ACVPU and c.get("code") == "C" for c in codings):
            return str(resource["subject"]["reference"].split("/")[1])
    raise AssertionError("the seed has no deteriorating patient")


def _encounter_of(ward: SeedWard, patient_id: str) -> str | None:
    for resource in ward.resources:
        if (
            resource["resourceType"] == "Encounter"
            and resource.get("subject", {}).get("reference") == f"Patient/{patient_id}"
            and resource.get("status") == "in-progress"
        ):
            return str(resource["id"])
    return None


@pytest.fixture
def vitals(ward_store: Store, seed_ward: SeedWard) -> VitalsService:
    recorder = Recorder(ward_store, seed_ward.site_id, clock=ward_clock)
    return VitalsService(ward_store, recorder, clock=ward_clock)


@pytest.fixture
def context(ward_store: Store, seed_ward: SeedWard, qloop: Loop) -> PatientContext:
    patient_id = _deteriorating_patient(seed_ward)
    chart = ChartService(
        ward_store,
        hospital_number_system=seed_ward.identifier_system,
        clock=ward_clock,
        tz=WARD_TZ,
    )
    banner = qloop.run(chart.banner(patient_id))
    return PatientContext(
        patient_id=patient_id,
        encounter_id=_encounter_of(seed_ward, patient_id),
        banner=banner,
        staff_id="nurse-test",
        staff_name="Synthetic Nurse",
    )


@pytest.fixture
def tab(vitals: VitalsService, ward_store: Store, qtbot: QtBot, qapp: Any) -> Iterator[VitalsTab]:
    qapp.setStyleSheet(style.STYLE_SHEET)
    widget = VitalsTab(vitals, clock=ward_clock)
    qtbot.addWidget(widget)
    widget.resize(*LANDSCAPE)
    widget.show()
    # As in the staff window: the tab refreshes from the store's change feed, its saves included.
    leave = ward_store.changes.subscribe(widget.data_changed)
    yield widget
    leave()
    widget.clear()


def _open(tab: VitalsTab, context: PatientContext, qloop: Loop) -> None:
    tab.show_patient(context)
    qloop.settle()


def _label_texts(widget: QWidget) -> set[str]:
    return {label.text() for label in widget.findChildren(QLabel) if label.text()}


def _type(field: Any, text: str) -> None:
    field.setFocus()
    QTest.keyClicks(field, text)


def _fill_a_normal_round(pad: VitalsPad) -> None:
    _type(pad.heart_rate, "72")
    _type(pad.respiratory_rate, "16")
    _type(pad.spo2, "97")
    pad.air.click()
    _type(pad.systolic, "128")
    _type(pad.diastolic, "76")
    _type(pad.temperature, "36,8")
    pad.consciousness_buttons[Consciousness.ALERT].click()
    pad.pain_buttons[2].click()


# The overview ------------------------------------------------------------------------------------


def test_the_tab_shows_the_latest_news2_as_a_score_and_a_word(
    tab: VitalsTab, context: PatientContext, vitals: VitalsService, qloop: Loop
) -> None:
    _open(tab, context, qloop)

    latest = qloop.run(vitals.latest_news2([context.patient_id]))[context.patient_id]
    assert tab.total.text() == str(latest.score.total)
    assert tab.band.text() == band_word(latest.score.band)
    assert latest.score.band in (RiskBand.MEDIUM, RiskBand.HIGH)  # the deteriorating patient
    assert "ago" in tab.taken.text()
    assert tab.rounds.rowCount() > 0
    assert tab.status.text() == ""


def test_the_plots_hold_more_points_over_72_hours_than_over_24(
    tab: VitalsTab, context: PatientContext, qloop: Loop
) -> None:
    _open(tab, context, qloop)
    day = tab.plot_points()

    tab.range_buttons[72].click()
    three_days = tab.plot_points()

    for name in ("heart_rate", "respiratory_rate", "spo2", "temperature", "pain", "news2"):
        assert 0 < day[name] < three_days[name], name
    assert three_days["blood_pressure"] == 2 * three_days["heart_rate"]  # systolic + diastolic
    assert "72" in tab.plots["heart_rate"].plot.accessibleName()


# The pad -----------------------------------------------------------------------------------------


def test_the_record_button_opens_the_pad_inside_the_tab(
    tab: VitalsTab, context: PatientContext, qloop: Loop
) -> None:
    _open(tab, context, qloop)
    tab.record.click()
    assert tab.pages.currentWidget() is tab.pad
    tab.pad.cancel.click()
    assert tab.pages.currentWidget() is tab.overview


def test_saving_a_round_writes_observations_with_loinc_codes_and_one_outbox_row_each(
    tab: VitalsTab, context: PatientContext, ward_store: Store, qloop: Loop
) -> None:
    _open(tab, context, qloop)
    tab.record.click()
    _fill_a_normal_round(tab.pad)

    tab.pad.save.click()
    qloop.settle()

    outbox = qloop.run(ward_store.outbox())
    assert {entry.resource_type for entry in outbox} == {"Observation"}
    assert all(entry.kind == "event" for entry in outbox)
    saved = [qloop.run(ward_store.get("Observation", entry.resource_id)) for entry in outbox]
    codes = {
        coding["code"]
        for resource in saved
        for coding in resource["code"]["coding"]
        if coding["system"] == "http://loinc.org"
    }
    assert {"8867-4", "9279-1", "2708-6", "85354-9", "8310-5", "72514-3"} <= codes
    assert len({entry.resource_id for entry in outbox}) == len(outbox)
    assert all(r["subject"]["reference"] == f"Patient/{context.patient_id}" for r in saved)
    # Back on the overview, saying where the values are, with the new round on top.
    assert tab.pages.currentWidget() is tab.overview
    assert "saved on this tablet" in tab.confirmation.text()
    assert tab.total.text() == "0"
    assert tab.rounds.item(0, 6).text() == "72"


def test_an_implausible_value_is_explained_next_to_its_field_and_nothing_is_saved(
    tab: VitalsTab, context: PatientContext, ward_store: Store, qloop: Loop
) -> None:
    _open(tab, context, qloop)
    tab.record.click()
    _fill_a_normal_round(tab.pad)
    tab.pad.heart_rate.clear()
    _type(tab.pad.heart_rate, "400")

    tab.pad.save.click()
    qloop.settle()

    message = tab.pad.messages[VitalSign.HEART_RATE]
    assert message.isVisible()
    assert "Heart rate 400 is not plausible" in message.text()
    assert not tab.pad.save_anyway.isVisible()
    assert qloop.run(ward_store.outbox()) == []
    assert tab.pages.currentWidget() is tab.pad


def test_an_unusual_value_asks_for_a_confirmation_then_saves(
    tab: VitalsTab, context: PatientContext, ward_store: Store, qloop: Loop
) -> None:
    _open(tab, context, qloop)
    tab.record.click()
    _fill_a_normal_round(tab.pad)
    tab.pad.heart_rate.clear()
    _type(tab.pad.heart_rate, "195")

    tab.pad.save.click()
    qloop.settle()
    assert tab.pad.save_anyway.isVisible()
    assert "unusual" in tab.pad.messages[VitalSign.HEART_RATE].text()
    assert qloop.run(ward_store.outbox()) == []

    tab.pad.save_anyway.click()
    qloop.settle()
    assert len(qloop.run(ward_store.outbox())) > 0
    assert tab.pages.currentWidget() is tab.overview


def test_changing_a_value_after_the_question_asks_again(
    tab: VitalsTab, context: PatientContext, qloop: Loop
) -> None:
    _open(tab, context, qloop)
    tab.record.click()
    _fill_a_normal_round(tab.pad)
    tab.pad.heart_rate.clear()
    _type(tab.pad.heart_rate, "195")
    tab.pad.save.click()
    assert tab.pad.save_anyway.isVisible()

    _type(tab.pad.respiratory_rate, "8")
    assert not tab.pad.save_anyway.isVisible()


def test_acvpu_and_pain_buttons_set_the_values(
    tab: VitalsTab, context: PatientContext, qloop: Loop
) -> None:
    _open(tab, context, qloop)
    tab.record.click()
    pad = tab.pad

    pad.consciousness_buttons[Consciousness.VOICE].click()
    pad.pain_buttons[7].click()
    assert pad.entry().consciousness == Consciousness.VOICE
    assert pad.entry().pain == 7

    pad.consciousness_buttons[Consciousness.ALERT].click()
    pad.pain_buttons[0].click()
    assert pad.entry().consciousness == Consciousness.ALERT
    assert pad.entry().pain == 0


def test_temperature_accepts_a_comma_or_a_point_and_oxygen_enables_the_flow(
    tab: VitalsTab, context: PatientContext, qloop: Loop
) -> None:
    _open(tab, context, qloop)
    tab.record.click()
    pad = tab.pad
    _type(pad.temperature, "36,8")
    assert str(pad.entry().temperature) == "36.8"
    pad.temperature.clear()
    _type(pad.temperature, "38.4")
    assert str(pad.entry().temperature) == "38.4"

    assert not pad.oxygen_flow.isEnabled()
    pad.oxygen.click()
    _type(pad.oxygen_flow, "2,5")
    assert pad.entry().on_oxygen is True
    assert str(pad.entry().oxygen_flow_l_min) == "2.5"
    pad.air.click()
    assert pad.entry().on_oxygen is False
    assert pad.entry().oxygen_flow_l_min is None


def test_enter_moves_to_the_next_field(
    tab: VitalsTab, context: PatientContext, qloop: Loop, qtbot: QtBot
) -> None:
    _open(tab, context, qloop)
    tab.record.click()
    pad = tab.pad
    qtbot.waitExposed(tab)
    pad.heart_rate.setFocus()
    QTest.keyClick(pad.heart_rate, Qt.Key.Key_Return)
    assert pad.respiratory_rate.hasFocus()
    QTest.keyClick(pad.respiratory_rate, Qt.Key.Key_Enter)
    assert pad.spo2.hasFocus()
    QTest.keyClick(pad.spo2, Qt.Key.Key_Return)  # the flow is off on air: straight to pressure
    assert pad.systolic.hasFocus()


def test_the_news2_preview_updates_as_you_type(
    tab: VitalsTab, context: PatientContext, qloop: Loop
) -> None:
    _open(tab, context, qloop)
    tab.record.click()
    pad = tab.pad
    assert "type the values" in pad.preview.text()

    _type(pad.respiratory_rate, "26")  # 3 points on its own
    assert pad.preview.text().startswith("NEWS2 preview: 3")
    _type(pad.heart_rate, "135")  # + 3
    assert pad.preview.text().startswith("NEWS2 preview: 6")
    assert "missing" in pad.preview.text()


def test_a_language_switch_rewrites_numbers_with_the_language_s_decimal_comma(
    tab: VitalsTab, context: PatientContext, qloop: Loop
) -> None:
    _open(tab, context, qloop)
    temperature = tab.parameter_labels[News2Parameter.TEMPERATURE][1]
    assert "." in temperature.text()
    translations = Translations()
    try:
        translations.switch("fr")
        QTest.qWait(0)  # Qt posts the LanguageChange events
        assert "," in temperature.text()
    finally:
        translations.switch("en")
        QTest.qWait(0)
    assert "." in temperature.text()


# Locking and looks -------------------------------------------------------------------------------


def test_clear_leaves_no_patient_text_in_any_label(
    tab: VitalsTab, context: PatientContext, vitals: VitalsService, qloop: Loop, qtbot: QtBot
) -> None:
    empty = VitalsTab(vitals, clock=ward_clock)
    qtbot.addWidget(empty)
    never_shown = _label_texts(empty)
    _open(tab, context, qloop)
    tab.record.click()
    _type(tab.pad.heart_rate, "400")
    tab.pad.save.click()
    assert _label_texts(tab) - never_shown  # something of the patient was on screen

    tab.clear()

    assert _label_texts(tab) <= never_shown
    assert all(count == 0 for count in tab.plot_points().values())
    assert tab.rounds.rowCount() == 0
    assert tab.pad.entry() == type(tab.pad.entry())()
    assert tab.pages.currentWidget() is tab.overview


def test_every_control_is_big_enough_and_named(
    tab: VitalsTab, context: PatientContext, qloop: Loop
) -> None:
    from PySide6.QtWidgets import QAbstractButton, QLineEdit

    _open(tab, context, qloop)
    tab.record.click()
    for page in (tab.pad, tab.overview):
        tab.pages.setCurrentWidget(page)
        QTest.qWait(0)
        controls = [
            w for w in page.findChildren(QWidget) if isinstance(w, QAbstractButton | QLineEdit)
        ]
        for control in controls:
            if not control.isVisible():
                continue
            assert control.accessibleName(), control.objectName()
            assert control.height() >= style.TOUCH_MIN_PX, control.objectName()
            assert control.width() >= style.TOUCH_MIN_PX, control.objectName()
    for plot in tab.plots.values():
        assert plot.plot.accessibleName()


@pytest.mark.parametrize("size", [LANDSCAPE, PORTRAIT], ids=["landscape", "portrait"])
def test_the_tab_and_the_pad_render_in_landscape_and_portrait(
    tab: VitalsTab, context: PatientContext, qloop: Loop, tmp_path: Path, size: tuple[int, int]
) -> None:
    folder = Path(os.environ.get("VITALS_SHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    tab.resize(*size)
    _open(tab, context, qloop)
    QTest.qWait(50)
    orientation = "landscape" if size == LANDSCAPE else "portrait"
    assert tab.grab().save(str(folder / f"vitals-tab-{orientation}.png"))
    tab.record.click()
    _fill_a_normal_round(tab.pad)
    tab.pad.heart_rate.clear()
    _type(tab.pad.heart_rate, "195")
    tab.pad.save.click()
    QTest.qWait(50)
    assert tab.grab().save(str(folder / f"vitals-pad-{orientation}.png"))
