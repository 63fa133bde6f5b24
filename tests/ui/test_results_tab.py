"""The results tab over the seeded ward: criticals first, acknowledgement, derived interpretation.

Real parts: the encrypted cache holding the synthetic ward, the real results service and recorder
(an acknowledgement really lands in the outbox); only the clock is pinned to the ward's morning.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLayout, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from bedside.sandbox.seed import SeedWard
from bedside.services.chart import ChartService
from bedside.services.recording import Recorder
from bedside.services.results import ResultsService
from bedside.store import MemoryKeyStore, Store
from bedside.ui import i18n
from bedside.ui.chart.base import PatientContext
from bedside.ui.chart.results_tab import ResultsTab
from bedside.ui.i18n import Translations
from bedside.ui.style import STYLE_SHEET
from tests.ui.conftest import WARD_TZ, Loop, ward_clock

SHOTS = Path("/tmp/shots-chart")
HOSTILE = ['<img src="http://127.0.0.1:9/x.png">', "<b>bold</b>", "y" * 5000, "\u202eRTL עברית"]
# The offscreen platform cannot honour window size hints when a widget is shown; harmless.
K_LOINC = "2823-3"
CRP_LOINC = "1988-5"


def _loinc(resource: dict[str, Any]) -> str | None:
    codings = resource.get("code", {}).get("coding", [])
    return next((c.get("code") for c in codings if c.get("code")), None)


def _interpretation(resource: dict[str, Any]) -> str | None:
    for concept in resource.get("interpretation", []):
        for coding in concept.get("coding", []):
            return str(coding.get("code"))
    return None


def _patient_of(resource: dict[str, Any]) -> str:
    return str(resource["subject"]["reference"]).split("/")[-1]


def critical_potassium(ward: SeedWard) -> dict[str, Any]:
    return next(
        r
        for r in ward.resources
        if r["resourceType"] == "Observation"
        and _loinc(r) == K_LOINC
        and _interpretation(r) == "HH"
    )


def uncoded_crp(ward: SeedWard) -> dict[str, Any]:
    return next(
        r
        for r in ward.resources
        if r["resourceType"] == "Observation"
        and _loinc(r) == CRP_LOINC
        and "interpretation" not in r
    )


def context_for(store: Store, loop: Loop, ward: SeedWard, patient_id: str) -> PatientContext:
    chart = ChartService(
        store, hospital_number_system=ward.identifier_system, clock=ward_clock, tz=WARD_TZ
    )
    banner = loop.run(chart.banner(patient_id))
    return PatientContext(
        patient_id=patient_id,
        encounter_id=banner.encounter_id,
        banner=banner,
        staff_id="nurse-results",
        staff_name="Camille Test",
    )


def visible_texts(widget: QWidget) -> list[str]:
    return [label.text() for label in widget.findChildren(QLabel) if label.text()]


def section_widgets(layout: QLayout) -> list[QWidget]:
    """The widgets a tab's section layout holds, in order."""
    items = [layout.itemAt(i) for i in range(layout.count())]
    return [w for item in items if item is not None and (w := item.widget()) is not None]


def save_shots(widget: QWidget, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width, height in ((1280, 800), (800, 1280)):
        widget.resize(width, height)
        widget.show()
        widget.grab().save(str(SHOTS / f"{name}-{width}x{height}.png"))


@pytest.fixture
def english(qapp: Any) -> Translations:
    qapp.setStyleSheet(STYLE_SHEET)
    translations = Translations()
    translations.switch("en")
    return translations


@pytest.fixture
def results_tab(
    qloop: Loop, qtbot: QtBot, ward_store: Store, english: Translations
) -> tuple[ResultsTab, ResultsService]:
    recorder = Recorder(ward_store, "results-test", clock=ward_clock)
    service = ResultsService(ward_store, recorder, clock=ward_clock, tz=WARD_TZ)
    tab = ResultsTab(service)
    qtbot.addWidget(tab)
    # As in the staff window: the tab refreshes from the store's change feed, its saves included.
    ward_store.changes.subscribe(tab.data_changed)
    return tab, service


def _open(
    tab: ResultsTab, store: Store, loop: Loop, ward: SeedWard, patient_id: str
) -> PatientContext:
    context = context_for(store, loop, ward, patient_id)
    tab.show_patient(context)
    loop.settle()
    return context


def test_the_critical_potassium_shows_critically_high_and_an_acknowledge_button(
    qloop: Loop, ward_store: Store, seed_ward: SeedWard, results_tab: tuple[ResultsTab, Any]
) -> None:
    tab, _ = results_tab
    potassium = critical_potassium(seed_ward)
    _open(tab, ward_store, qloop, seed_ward, _patient_of(potassium))

    texts = visible_texts(tab)
    assert any("6.8 mmol/L" in text for text in texts)
    assert any("⚠ Critically high" in text for text in texts)
    assert any(text.startswith("⚠ 1 critical result") for text in texts)
    buttons = tab.acknowledge_buttons[potassium["id"]]
    assert {b.objectName() for b in buttons} == {"acknowledge", "acknowledgeFromBanner"}
    for button in buttons:
        assert button.text() == "Acknowledge"
        assert button.property("kind") == "primary"
        assert button.minimumHeight() >= 48
        assert button.accessibleName().startswith("Acknowledge the critical result")
    # The banner comes first: before any report card.
    assert section_widgets(tab.sections_layout)[0].objectName() == "criticalBanner"


def test_acknowledging_writes_one_task_and_the_line_then_says_who_and_when(
    qloop: Loop, ward_store: Store, seed_ward: SeedWard, results_tab: tuple[ResultsTab, Any]
) -> None:
    tab, service = results_tab
    potassium = critical_potassium(seed_ward)
    patient_id = _patient_of(potassium)
    _open(tab, ward_store, qloop, seed_ward, patient_id)

    button: QPushButton = tab.acknowledge_buttons[potassium["id"]][0]
    button.click()
    button.click()  # a double tap writes nothing more
    qloop.settle()

    tasks = [e for e in qloop.run(ward_store.outbox()) if e.resource_type == "Task"]
    assert len(tasks) == 1
    said = f"✓ Acknowledged by Camille Test at {i18n.time_text(ward_clock())}"
    assert said in visible_texts(tab)
    assert potassium["id"] not in tab.acknowledge_buttons
    assert "criticalBanner" not in {w.objectName() for w in section_widgets(tab.sections_layout)}
    assert any("Acknowledgement recorded" in text for text in visible_texts(tab))

    # Read again from the cache (a new tab, as after reopening the chart): still acknowledged.
    again = ResultsTab(service)
    _open(again, ward_store, qloop, seed_ward, patient_id)
    assert said in visible_texts(again)
    assert again.acknowledge_buttons == {}
    again.deleteLater()


def test_the_crp_without_an_interpretation_code_says_it_comes_from_the_range(
    qloop: Loop, ward_store: Store, seed_ward: SeedWard, results_tab: tuple[ResultsTab, Any]
) -> None:
    tab, _ = results_tab
    crp = uncoded_crp(seed_ward)
    _open(tab, ward_store, qloop, seed_ward, _patient_of(crp))

    assert "↑ High (from the range)" in visible_texts(tab)
    assert any(text.startswith("≤ 5") for text in visible_texts(tab))


def test_french_shows_the_value_with_a_decimal_comma(
    qloop: Loop, ward_store: Store, seed_ward: SeedWard, results_tab: tuple[ResultsTab, Any]
) -> None:
    tab, _ = results_tab
    potassium = critical_potassium(seed_ward)
    _open(tab, ward_store, qloop, seed_ward, _patient_of(potassium))
    translations = Translations()
    try:
        translations.switch("fr")
        qloop.settle()
        assert any("6,8 mmol/L" in text for text in visible_texts(tab))
    finally:
        translations.switch("en")


def test_clear_leaves_no_patient_text_in_any_label(
    qloop: Loop, ward_store: Store, seed_ward: SeedWard, results_tab: tuple[ResultsTab, Any]
) -> None:
    tab, _ = results_tab
    potassium = critical_potassium(seed_ward)
    _open(tab, ward_store, qloop, seed_ward, _patient_of(potassium))
    assert visible_texts(tab)

    tab.clear()
    qloop.settle()  # deleteLater runs

    assert visible_texts(tab) == []
    assert tab.acknowledge_buttons == {}


def test_hostile_server_text_in_a_result_stays_literal(
    qloop: Loop, qtbot: QtBot, tmp_path: Path, seed_ward: SeedWard, english: Translations
) -> None:
    potassium = critical_potassium(seed_ward)
    patient_id = _patient_of(potassium)
    hostile = copy.deepcopy(potassium)
    hostile["code"]["text"] = HOSTILE[0]
    hostile["valueQuantity"]["unit"] = HOSTILE[1]
    crp_like = copy.deepcopy(uncoded_crp(seed_ward))
    crp_like.update(id="hostile-text", subject=potassium["subject"])
    crp_like.pop("valueQuantity")
    crp_like["valueString"] = HOSTILE[2]
    crp_like["code"]["text"] = HOSTILE[3]

    async def fill() -> Store:
        store = await Store.open(tmp_path / "hostile", MemoryKeyStore(), key_name="k")
        await store.put_server_resources([*seed_ward.resources, hostile, crp_like])
        return store

    store = qloop.run(fill())
    try:
        service = ResultsService(
            store, Recorder(store, "t", clock=ward_clock), clock=ward_clock, tz=WARD_TZ
        )
        tab = ResultsTab(service)
        qtbot.addWidget(tab)
        _open(tab, store, qloop, seed_ward, patient_id)
        tab.resize(1280, 800)
        tab.show()
        seen = set()
        for label in tab.findChildren(QLabel):
            for text in HOSTILE:
                if text in label.text():
                    assert label.textFormat() == Qt.TextFormat.PlainText
                    seen.add(text)
        assert seen == set(HOSTILE)
        # A 5,000-character value does not widen the tab past the screen.
        assert tab.sections.width() <= 1280
        tab.clear()
    finally:
        qloop.settle()
        qloop.run(store.close())


def test_the_results_tab_renders_in_landscape_and_portrait(
    qloop: Loop, ward_store: Store, seed_ward: SeedWard, results_tab: tuple[ResultsTab, Any]
) -> None:
    tab, _ = results_tab
    potassium = critical_potassium(seed_ward)
    _open(tab, ward_store, qloop, seed_ward, _patient_of(potassium))
    save_shots(tab, "results")
    crp = uncoded_crp(seed_ward)
    _open(tab, ward_store, qloop, seed_ward, _patient_of(crp))
    save_shots(tab, "results-crp")
    assert (SHOTS / "results-1280x800.png").stat().st_size > 0
