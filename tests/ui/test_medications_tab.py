"""The prescriptions tab over the seeded ward, and the dosing rhythm in words.

Real parts: the encrypted cache holding the synthetic ward and the real medication service with
the site's default timing settings; the clock is pinned to the ward's morning (10:30 in Paris),
when the morning doses are late and the 10:00 ones due.
"""

from __future__ import annotations

import copy
from datetime import time
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from bedside.sandbox.seed import SeedWard
from bedside.services.medications import DoseRules, Frequency, MedicationService
from bedside.settings import MedicationSettings, parse_time_table
from bedside.store import MemoryKeyStore, Store
from bedside.ui.chart.medications_tab import MedicationsTab
from bedside.ui.chart.words import frequency_text, route_word, when_word
from bedside.ui.i18n import Translations
from bedside.ui.style import STYLE_SHEET
from tests.ui.conftest import WARD_TZ, Loop, ward_clock
from tests.ui.test_results_tab import context_for, save_shots, visible_texts

HOSTILE = ['<img src="http://127.0.0.1:9/x.png">', "<b>bold</b>", "m" * 5000, "\u202eRTL עברית"]
# Every code of FHIR R4's event-timing value set (FHIR's own and HL7 v3 TimingEvent).
EVENT_TIMING = [
    "MORN",
    "MORN.early",
    "MORN.late",
    "NOON",
    "AFT",
    "AFT.early",
    "AFT.late",
    "EVE",
    "EVE.early",
    "EVE.late",
    "NIGHT",
    "PHS",
    "HS",
    "WAKE",
    "C",
    "CM",
    "CD",
    "CV",
    "AC",
    "ACM",
    "ACD",
    "ACV",
    "PC",
    "PCM",
    "PCD",
    "PCV",
    "IC",
    "ICM",
    "ICD",
    "ICV",
]


def frequency(
    count: int | None = None,
    period: str | None = None,
    unit: str | None = None,
    *,
    when: tuple[str, ...] = (),
    times: tuple[time, ...] = (),
    days: tuple[str, ...] = (),
    as_needed: bool = False,
) -> Frequency:
    return Frequency(
        count=count,
        period=Decimal(period) if period is not None else None,
        period_unit=unit,
        times_of_day=times,
        when=when,
        days_of_week=days,
        as_needed=as_needed,
        max_per_period=None,
    )


@pytest.fixture
def english(qapp: Any) -> Translations:
    qapp.setStyleSheet(STYLE_SHEET)
    translations = Translations()
    translations.switch("en")
    return translations


@pytest.mark.parametrize(
    ("timing", "words"),
    [
        (frequency(3, "1", "d"), "3 times a day"),
        (frequency(2, "1", "d"), "twice a day"),
        (frequency(1, "1", "d"), "once a day"),
        (frequency(1, "6", "h"), "every 6 hours"),
        (frequency(1, "1", "h"), "every hour"),
        (frequency(1, "1.5", "h"), "every 1.5 hours"),
        (frequency(1, "2", "d"), "every 2 days"),
        (frequency(3, "2", "d"), "3 times every 2 days"),
        (frequency(2, "1", "wk"), "2 times a week"),
        (frequency(1, "6", "h", as_needed=True), "at most every 6 hours"),
        (frequency(3, "1", "d", as_needed=True), "at most 3 times a day"),
        (frequency(2, "1", "d", when=("MORN", "EVE")), "morning and evening"),
        (frequency(1, "1", "d", when=("ACM",)), "before breakfast"),
        (
            frequency(3, "1", "d", when=("ACM", "ACD", "ACV")),
            "before breakfast, before lunch and before dinner",
        ),
        (frequency(1, "1", "d", when=("HS",)), "at bedtime"),
        (frequency(2, "1", "d", times=(time(8), time(20))), "at 08:00 and 20:00"),
        (frequency(1, "2", "d", when=("MORN",)), "every 2 days, morning"),
        (frequency(1, "1", "wk", days=("mon", "wed")), "once a week, on Monday and Wednesday"),
        (frequency(1, "1", "d", when=("MORN",), as_needed=True), "morning"),
        (frequency(), ""),
    ],
)
def test_a_dosing_rhythm_is_said_in_words(
    english: Translations, timing: Frequency, words: str
) -> None:
    assert frequency_text(timing) == words


def test_every_event_timing_code_has_words_of_its_own(english: Translations) -> None:
    named = {code: when_word(code) for code in EVENT_TIMING}
    assert all(words and words != code for code, words in named.items())
    assert len(set(named.values())) == len(EVENT_TIMING)
    assert when_word("XYZ") == "XYZ"  # an unknown code is shown as sent


SNOMED = "http://snomed.info/sct"


def test_a_coded_route_is_said_in_the_chosen_language_not_in_the_ehr_s(
    english: Translations,
) -> None:
    english.switch("fr")
    try:
        assert route_word([(SNOMED, "26643006")], "Oral route") == "per os"
        english.switch("de")
        assert route_word([(SNOMED, "47625008")], "Intravenous route") == "i.v."
    finally:
        english.switch("en")
    assert route_word([(SNOMED, "26643006")], "Voie orale") == "by mouth"


def test_a_route_without_a_known_code_is_shown_as_the_ehr_sent_it(english: Translations) -> None:
    assert route_word([(SNOMED, "999999")], "Voie intravésicale") == "Voie intravésicale"
    assert route_word([], None) == ""


def _rules() -> DoseRules:
    settings = MedicationSettings()
    return DoseRules.from_tables(
        parse_time_table(settings.when_times),
        parse_time_table(settings.daily_times),
        settings.time_critical_atc,
        settings.missed_after_min,
    )


def _service(store: Store) -> MedicationService:
    return MedicationService(store, _rules(), clock=ward_clock, tz=WARD_TZ)


def _requests(ward: SeedWard) -> list[dict[str, Any]]:
    return [r for r in ward.resources if r["resourceType"] == "MedicationRequest"]


def _patient(resource: dict[str, Any]) -> str:
    return str(resource["subject"]["reference"]).split("/")[-1]


def insulin_patient(ward: SeedWard) -> str:
    """The diabetic patient: insulins, PRN paracetamol and metformin on hold."""
    return next(_patient(r) for r in _requests(ward) if r["status"] == "on-hold")


def ceftriaxone_request(ward: SeedWard) -> dict[str, Any]:
    """An active order for 10:00 once a day (due at the pinned 10:30)."""
    return next(
        r
        for r in _requests(ward)
        if "à 10 h" in r["dosageInstruction"][0]["text"] and r["status"] == "active"
    )


def ceftriaxone_patient(ward: SeedWard) -> str:
    return _patient(ceftriaxone_request(ward))


@pytest.fixture
def tab(qloop: Loop, qtbot: QtBot, ward_store: Store, english: Translations) -> MedicationsTab:
    widget = MedicationsTab(_service(ward_store))
    qtbot.addWidget(widget)
    return widget


def _open(tab: MedicationsTab, store: Store, loop: Loop, ward: SeedWard, patient_id: str) -> None:
    tab.show_patient(context_for(store, loop, ward, patient_id))
    loop.settle()


def _dose_chips(tab: MedicationsTab) -> list[str]:
    return [label.text() for label in tab.findChildren(QLabel, "dose") if label.text()]


def test_prescriptions_show_prn_on_hold_and_todays_doses_with_their_state(
    qloop: Loop, ward_store: Store, seed_ward: SeedWard, tab: MedicationsTab
) -> None:
    _open(tab, ward_store, qloop, seed_ward, insulin_patient(seed_ward))

    texts = visible_texts(tab)
    assert "On hold" in texts  # the heading of the on-hold section
    assert "‖ On hold" in texts  # the mark on the order itself
    assert "◇ As needed" in texts
    assert "◴ Time-critical" in texts  # insulin
    assert any("at bedtime" in text for text in texts)
    assert any("Suspendue" in text or "METFORMINE" in text for text in texts)
    assert any(text.startswith("“") for text in texts)  # the instruction, as prescribed
    chips = _dose_chips(tab)
    assert chips
    assert any("Upcoming" in chip for chip in chips)
    assert any("Late" in chip or "Missed" in chip for chip in chips)
    summary = tab.summary.text()
    assert "due now" in summary
    assert "late" in summary


def test_a_dose_due_now_is_marked_due_and_counted_in_the_summary(
    qloop: Loop, ward_store: Store, seed_ward: SeedWard, tab: MedicationsTab
) -> None:
    # Ceftriaxone once a day at 10:00: at 10:30 it is within its window.
    _open(tab, ward_store, qloop, seed_ward, ceftriaxone_patient(seed_ward))

    assert any("● Due" in chip for chip in _dose_chips(tab))
    assert tab.summary.text().startswith(("● 1 due now", "⚠ 1 due now"))


def test_an_administration_in_the_cache_shows_its_dose_as_given(
    qloop: Loop, ward_store: Store, seed_ward: SeedWard, tab: MedicationsTab
) -> None:
    request = ceftriaxone_request(seed_ward)
    given = {
        "resourceType": "MedicationAdministration",
        "id": "given-at-ten",
        "status": "completed",
        "medicationReference": request.get("medicationReference"),
        "subject": request["subject"],
        "context": request["encounter"],
        "request": {"reference": f"MedicationRequest/{request['id']}"},
        "effectiveDateTime": "2026-11-24T10:05:00+01:00",
    }
    qloop.run(ward_store.put_server_resources([given]))
    _open(tab, ward_store, qloop, seed_ward, _patient(request))

    assert any("✓ Given" in chip for chip in _dose_chips(tab))


def test_clear_leaves_no_patient_text_in_any_label(
    qloop: Loop, ward_store: Store, seed_ward: SeedWard, tab: MedicationsTab
) -> None:
    _open(tab, ward_store, qloop, seed_ward, insulin_patient(seed_ward))
    assert visible_texts(tab)

    tab.clear()

    assert visible_texts(tab) == []


def test_hostile_server_text_in_a_prescription_stays_literal(
    qloop: Loop, qtbot: QtBot, tmp_path: Path, seed_ward: SeedWard, english: Translations
) -> None:
    original = next(r for r in _requests(seed_ward) if "medicationCodeableConcept" in r)
    hostile = copy.deepcopy(original)
    hostile["medicationCodeableConcept"] = {"text": HOSTILE[0]}
    dosage = hostile["dosageInstruction"][0]
    dosage["text"] = HOSTILE[1]
    dosage["route"] = {"text": HOSTILE[2]}
    dosage["patientInstruction"] = HOSTILE[3]

    async def fill() -> Store:
        store = await Store.open(tmp_path / "hostile", MemoryKeyStore(), key_name="k")
        await store.put_server_resources([*seed_ward.resources, hostile])
        return store

    store = qloop.run(fill())
    try:
        widget = MedicationsTab(_service(store))
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
        assert {HOSTILE[0], HOSTILE[2]} <= seen
        assert seen & {HOSTILE[1], HOSTILE[3]}  # the instruction, whichever the service picks
        assert widget.sections.width() <= 1280
        widget.clear()
    finally:
        qloop.settle()
        qloop.run(store.close())


def test_the_medications_tab_renders_in_landscape_and_portrait(
    qloop: Loop, ward_store: Store, seed_ward: SeedWard, tab: MedicationsTab
) -> None:
    _open(tab, ward_store, qloop, seed_ward, insulin_patient(seed_ward))
    save_shots(tab, "medications")
    _open(tab, ward_store, qloop, seed_ward, ceftriaxone_patient(seed_ward))
    save_shots(tab, "medications-due")
    assert Path("/tmp/shots-chart/medications-800x1280.png").stat().st_size > 0
