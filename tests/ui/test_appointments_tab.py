"""The appointments tab over the seeded ward: today and tomorrow, preparation, language, lock.

Real parts: the encrypted cache holding the synthetic ward and the real appointment service;
"today" is the ward's pinned morning (Tuesday 24 November 2026, Europe/Paris).
"""

from __future__ import annotations

import copy
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from bedside.sandbox.seed import SeedWard
from bedside.services.appointments import AppointmentService
from bedside.store import MemoryKeyStore, Store
from bedside.ui import i18n
from bedside.ui.chart.appointments_tab import AppointmentsTab
from bedside.ui.i18n import Translations
from bedside.ui.style import STYLE_SHEET
from tests.ui.conftest import WARD_TZ, Loop, ward_clock
from tests.ui.test_results_tab import (
    context_for,
    save_shots,
    section_widgets,
    visible_texts,
)

TODAY = ward_clock().astimezone(WARD_TZ).date()
TOMORROW = TODAY + timedelta(days=1)
HOSTILE = ['<img src="http://127.0.0.1:9/x.png">', "<b>bold</b>", "z" * 5000, "\u202eRTL עברית"]


def _appointments(ward: SeedWard) -> list[dict[str, Any]]:
    return [r for r in ward.resources if r["resourceType"] == "Appointment"]


def _patient(appointment: dict[str, Any]) -> str:
    return str(appointment["participant"][0]["actor"]["reference"]).split("/")[-1]


def patient_with(ward: SeedWard, fragment: str) -> str:
    """The patient whose appointment's French description contains ``fragment``."""
    return next(_patient(a) for a in _appointments(ward) if fragment in a["description"])


def patient_without_appointments(ward: SeedWard) -> str:
    booked = {_patient(a) for a in _appointments(ward)}
    encounters = [r for r in ward.resources if r["resourceType"] == "Encounter"]
    return next(
        pid
        for e in encounters
        if e.get("status") == "in-progress"
        and (pid := str(e["subject"]["reference"]).split("/")[-1]) not in booked
    )


class Language:
    """The current language code, as the shell's translations would say it."""

    def __init__(self) -> None:
        self.code = "en"

    def __call__(self) -> str:
        return self.code


@pytest.fixture
def translations(qapp: Any) -> Any:
    qapp.setStyleSheet(STYLE_SHEET)
    translations = Translations()
    translations.switch("en")
    yield translations
    translations.switch("en")


@pytest.fixture
def language() -> Language:
    return Language()


@pytest.fixture
def tab(
    qloop: Loop, qtbot: QtBot, ward_store: Store, translations: Translations, language: Language
) -> AppointmentsTab:
    service = AppointmentService(ward_store, clock=ward_clock, tz=WARD_TZ)
    widget = AppointmentsTab(service, language, today=lambda: TODAY)
    qtbot.addWidget(widget)
    return widget


def _open(tab: AppointmentsTab, store: Store, loop: Loop, ward: SeedWard, patient_id: str) -> None:
    tab.show_patient(context_for(store, loop, ward, patient_id))
    loop.settle()


def _day_card_texts(tab: AppointmentsTab) -> list[list[str]]:
    """The texts of each day's card, in order."""
    cards = section_widgets(tab.sections_layout)
    return [[label.text() for label in card.findChildren(QLabel) if label.text()] for card in cards]


def test_today_and_tomorrow_are_two_headed_lists_with_time_place_and_preparation(
    qloop: Loop, ward_store: Store, seed_ward: SeedWard, tab: AppointmentsTab
) -> None:
    _open(tab, ward_store, qloop, seed_ward, patient_with(seed_ward, "kinésithérapie (vert"))

    today, tomorrow = _day_card_texts(tab)
    assert today[0] == f"Today, {i18n.date_text(TODAY, long=True)}"
    assert tomorrow[0] == f"Tomorrow, {i18n.date_text(TOMORROW, long=True)}"
    assert "Tuesday" in today[0]
    assert "24 November" in today[0]
    assert any(text.endswith("Physiotherapy (standing, walking)") for text in today)
    assert "⚠ Before: Wear closed shoes and comfortable clothes." in today
    assert any(text.startswith("Where: ") for text in today)
    assert any(text.startswith("With: ") for text in today)
    assert "Transport : Fauteuil roulant" in today
    assert any("–" in text and ":" in text for text in today)  # a time span
    assert "Physiotherapy session" in tomorrow


def test_a_day_without_appointments_says_nothing_planned(
    qloop: Loop, ward_store: Store, seed_ward: SeedWard, tab: AppointmentsTab
) -> None:
    _open(tab, ward_store, qloop, seed_ward, patient_with(seed_ward, "Cholécystectomie"))

    today, tomorrow = _day_card_texts(tab)
    assert "Nothing planned" in today
    assert any(text.startswith("⚠ Before: Nil by mouth from midnight") for text in tomorrow)

    _open(tab, ward_store, qloop, seed_ward, patient_without_appointments(seed_ward))
    assert [texts[1:] for texts in _day_card_texts(tab)] == [
        ["Nothing planned"],
        ["Nothing planned"],
    ]


def test_switching_language_reads_the_ehr_translation_again(
    qloop: Loop,
    ward_store: Store,
    seed_ward: SeedWard,
    tab: AppointmentsTab,
    translations: Translations,
    language: Language,
) -> None:
    _open(tab, ward_store, qloop, seed_ward, patient_with(seed_ward, "Cholécystectomie"))

    language.code = "de"
    translations.switch("de")
    qloop.settle()

    tomorrow = _day_card_texts(tab)[1]
    assert any("Ab Mitternacht nüchtern" in text for text in tomorrow)
    assert any("Laparoskopische Cholezystektomie" in text for text in tomorrow)


def test_clear_leaves_no_patient_text_in_any_label(
    qloop: Loop, ward_store: Store, seed_ward: SeedWard, tab: AppointmentsTab
) -> None:
    _open(tab, ward_store, qloop, seed_ward, patient_with(seed_ward, "kinésithérapie (vert"))
    assert visible_texts(tab)

    tab.clear()

    assert visible_texts(tab) == []


def test_hostile_server_text_in_an_appointment_stays_literal(
    qloop: Loop, qtbot: QtBot, tmp_path: Path, seed_ward: SeedWard, translations: Translations
) -> None:
    original = next(
        a for a in _appointments(seed_ward) if "kinésithérapie (vert" in a["description"]
    )
    hostile = copy.deepcopy(original)
    hostile.pop("_description")
    hostile.pop("_patientInstruction")
    hostile["description"] = HOSTILE[0]
    hostile["patientInstruction"] = HOSTILE[1]
    hostile["comment"] = HOSTILE[2]
    hostile["participant"][1]["actor"]["display"] = HOSTILE[3]

    async def fill() -> Store:
        store = await Store.open(tmp_path / "hostile", MemoryKeyStore(), key_name="k")
        await store.put_server_resources([*seed_ward.resources, hostile])
        return store

    store = qloop.run(fill())
    try:
        widget = AppointmentsTab(
            AppointmentService(store, clock=ward_clock, tz=WARD_TZ),
            lambda: "fr",
            today=lambda: TODAY,
        )
        qtbot.addWidget(widget)
        _open(widget, store, qloop, seed_ward, _patient(original))
        widget.resize(1280, 800)
        widget.show()
        seen = set()
        for label in widget.findChildren(QLabel):
            for text in HOSTILE:
                if text in label.text():
                    assert label.textFormat() == Qt.TextFormat.PlainText
                    seen.add(text)
        assert seen == set(HOSTILE)
        assert widget.sections.width() <= 1280
        widget.clear()
    finally:
        qloop.settle()
        qloop.run(store.close())


def test_the_appointments_tab_renders_in_landscape_and_portrait(
    qloop: Loop, ward_store: Store, seed_ward: SeedWard, tab: AppointmentsTab
) -> None:
    _open(tab, ward_store, qloop, seed_ward, patient_with(seed_ward, "kinésithérapie (vert"))
    save_shots(tab, "appointments")
    _open(tab, ward_store, qloop, seed_ward, patient_with(seed_ward, "Cholécystectomie"))
    save_shots(tab, "appointments-surgery")
    assert Path("/tmp/shots-chart/appointments-800x1280.png").stat().st_size > 0
