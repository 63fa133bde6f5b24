"""Patient mode on a bed tablet, end to end: real sandbox EHR on loopback, a real encrypted cache
synced for one bed, real widgets.

The patient sees their own name and bed, orders meals within their diet and allergies (online and
offline, exactly once at the EHR), sees greyed dishes with the reason, meets the cut-off, and cannot
leave patient mode without a staff sign-in. A discharge empties the screen within one sync.
"""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot
from shiboken6 import isValid

from bedside.app import build_patient_workspace, build_workspace
from bedside.app.demo import demo_beds
from bedside.services.meal_rules import SittingStateKind
from bedside.settings import Settings
from bedside.store import MemoryKeyStore, Store
from bedside.sync import Scope, SyncEngine
from bedside.ui.i18n import Translations
from bedside.ui.meal_chooser import DishCard
from bedside.ui.patient.window import PatientWindow
from tests.sync.ehr import SITE, Ehr, own_ehr
from tests.sync.fault_proxy import FaultProxy
from tests.ui.conftest import WARD_NOW, Loop
from tests.ui.test_staff_window import Cut

SETTINGS = Settings.model_validate({"device": {"time_zone": "Europe/Paris"}})
MEAL_SELECTION = "patient-meal-selection"


@dataclass
class Clock:
    """The tablet's clock, pinned to the seeded ward's morning and moved by the tests."""

    now: datetime = WARD_NOW

    def __call__(self) -> datetime:
        return self.now


@dataclass
class BedTablet:
    ehr: Ehr
    store: Store
    engine: SyncEngine
    window: PatientWindow
    network: Cut
    loop: Loop
    clock: Clock
    bed_id: str
    translations: Translations
    beds: dict[str, str] = field(default_factory=dict)
    first_language: str | None = None  # what the tablet spoke before the test chose English

    def sync(self) -> None:
        report = self.loop.run(self.engine.sync_once())
        assert report.ok, report.error
        self.loop.wait_until(lambda: not self.window.refresh_timer.isActive())

    def texts(self, root: QWidget | None = None) -> list[str]:
        """Every text a person can see now: labels, buttons, in the visible part of the window."""
        widget = root or self.window
        found = [
            label.text()
            for label in widget.findChildren(QLabel)
            if label.isVisibleTo(self.window) and label.text()
        ]
        found += [
            button.text()
            for button in widget.findChildren(QAbstractButton)
            if button.isVisibleTo(self.window) and button.text()
        ]
        return found

    def at_ehr(self, resource_type: str, params: dict[str, str] | None = None) -> int:
        return self.loop.run(self.ehr.count(resource_type, params))

    def sign_in(self) -> None:
        nurse = next(c for c in self.ehr.ward.staff_credentials if c.role == "nurse")
        self.window.open_staff()
        screen = self.window.staff_window.lock_screen
        screen.badge.setText(nurse.badge)
        screen.pin.setText(nurse.pin)
        screen.submit.click()
        self.loop.settle()
        self.loop.settle()


@asynccontextmanager
async def _parts(tmp: Path, network: Cut) -> AsyncIterator[tuple[Ehr, Store, Any]]:
    async with own_ehr(now=WARD_NOW) as ehr:
        with FaultProxy(ehr.base_url, network) as proxy:
            store = await Store.open(tmp / "cache", MemoryKeyStore(), key_name="k")
            try:
                async with ehr.client(proxy.base_url) as client:
                    yield ehr, store, client
            finally:
                await store.close()


@contextmanager
def bed_tablet(qloop: Loop, tmp_path: Path, role: str = "demo") -> Iterator[BedTablet]:
    network = Cut()
    clock = Clock()
    parts = _parts(tmp_path, network)
    ehr, store, client = qloop.run(parts.__aenter__())
    try:
        beds = demo_beds(ehr.ward)
        bed_id = beds[role]
        engine = SyncEngine(store, client, Scope("bed", bed_id))
        report = qloop.run(engine.sync_once())
        assert report.ok, report.error
        staff = build_workspace(
            store,
            engine,
            client,
            SETTINGS,
            ward_id=ehr.ward.ward_id,
            site_id=SITE,
            device_id="bed-tablet-test",
            hospital_number_system=ehr.ward.identifier_system,
            clock=clock,
        )
        workspace = build_patient_workspace(staff, store, SETTINGS, bed_id=bed_id)
        translations = Translations()
        translations.switch("en")
        window = PatientWindow(workspace, translations)
        window.resize(1280, 800)
        window.show()
        made = BedTablet(
            ehr, store, engine, window, network, qloop, clock, bed_id, translations, beds
        )
        qloop.settle()
        qloop.settle()
        made.first_language = translations.language
        if window.current_occupant is not None:
            window.choose_language("en")  # the tests read English words
            qloop.settle()
        yield made
        window.shut_down()
        qloop.settle()
        qloop.run(engine.stop())
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        gc.collect()
        translations.switch("en")
    finally:
        qloop.run(parts.__aexit__(None, None, None))


@pytest.fixture
def bed(qloop: Loop, qtbot: QtBot, tmp_path: Path) -> Iterator[BedTablet]:
    with bed_tablet(qloop, tmp_path) as made:
        yield made


def _open_meals(tablet: BedTablet) -> None:
    tablet.window.show_page(tablet.window.MEALS)
    tablet.loop.settle()


def _cards(tablet: BedTablet) -> list[DishCard]:
    return [c for c in tablet.window.meals.findChildren(DishCard) if c.isVisibleTo(tablet.window)]


def _choice_says(tablet: BedTablet, words: str) -> None:
    """Read the plan again after a sync, and wait until the choice line says ``words``.

    A read that a sync's refresh started may step while the test's loop is between two runs
    (qasync's stop), fail with "no running event loop" and leave older words: a fresh read in
    a running loop is what the screen shows next in the app, where the loop never stops.
    """
    tablet.window.meals.reload()
    tablet.loop.wait_until(lambda: words in tablet.window.meals.choice_line.text())


def _refreshed(tablet: BedTablet) -> None:
    """Let the window's one refresh path run: the store announced a change, the window reads
    the bed again after its debounce (no widget reads by itself after a save)."""
    tablet.loop.settle()
    tablet.loop.wait_until(lambda: not tablet.window.refresh_timer.isActive())


def _tagged_selections(tablet: BedTablet) -> int:
    return tablet.at_ehr("NutritionOrder", {"_tag": MEAL_SELECTION})


# --- the bed's own patient --------------------------------------------------------------------


def test_a_bed_tablet_greets_its_own_patient_by_name_and_bed(bed: BedTablet) -> None:
    window = bed.window
    occupant = window.current_occupant
    assert occupant is not None
    assert window.top.currentIndex() == window.PATIENT
    assert occupant.given_name in window.greeting.text()
    assert window.greeting.text().startswith("Good morning")  # 10:30 in Paris
    assert occupant.bed_label in window.bed_line.text()
    assert window.windowTitle() == "Bedside"


def test_the_tablet_starts_in_the_language_the_ehr_records_for_the_patient(
    bed: BedTablet,
) -> None:
    patient = bed.loop.run(bed.store.get("Patient", bed.window.current_occupant.patient_id))  # type: ignore[union-attr]
    assert patient is not None
    recorded = patient["communication"][0]["language"]["coding"][0]["code"]
    assert bed.first_language == recorded.split("-")[0]


def test_a_bed_tablet_caches_its_own_patient_and_nobody_else(bed: BedTablet) -> None:
    occupant = bed.window.current_occupant
    assert occupant is not None
    assert bed.loop.run(bed.store.cached_patient_ids()) == {occupant.patient_id}


def test_a_free_bed_shows_a_calm_page_without_any_patient(
    qloop: Loop, qtbot: QtBot, tmp_path: Path
) -> None:
    with bed_tablet(qloop, tmp_path, "free") as tablet:
        window = tablet.window
        assert window.current_occupant is None
        assert window.top.currentIndex() == window.NO_PATIENT
        assert "ready for its next patient" in window.free_title.text()
        assert window.free_staff.isVisible()


def test_a_discharge_empties_the_screen_within_one_sync(bed: BedTablet) -> None:
    occupant = bed.window.current_occupant
    assert occupant is not None
    _open_meals(bed)
    assert any(occupant.given_name in text for text in bed.texts())

    encounter = bed.loop.run(bed.store.get("Encounter", occupant.encounter_id))
    assert encounter is not None

    async def discharge() -> None:
        async with bed.ehr.client() as other:
            body = {**encounter, "status": "finished"}
            await other.request("PUT", f"Encounter/{encounter['id']}", body=body)

    bed.loop.run(discharge())
    bed.sync()

    window = bed.window
    assert window.current_occupant is None
    assert window.top.currentIndex() == window.NO_PATIENT
    assert window.meals.plan is None
    everything = [label.text() for label in window.findChildren(QLabel)]
    assert not any(occupant.given_name in text for text in everything)


# --- no way out without a staff sign-in ---------------------------------------------------------
# Presses use QAbstractButton.click(): QTest's mouse functions process Qt's events outside the
# asyncio loop, where a screen's task cannot run.

LEAVING_KEYS = [
    (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
    (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
    (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
    (Qt.Key.Key_Tab, Qt.KeyboardModifier.AltModifier),
    (Qt.Key.Key_Back, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_Meta, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_Super_L, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_Menu, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_F11, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_HomePage, Qt.KeyboardModifier.NoModifier),
]


def test_no_key_leaves_patient_mode(bed: BedTablet) -> None:
    window = bed.window
    for page in (window.HOME, window.MEALS, window.SCHEDULE, window.DISPLAY):
        window.show_page(page)
        bed.loop.settle()
        focus = QApplication.focusWidget() or window
        for key, modifiers in LEAVING_KEYS:
            QTest.keyClick(focus, key, modifiers)
            QTest.keyClick(window, key, modifiers)
        assert window.isVisible()
        assert window.top.currentIndex() == window.PATIENT
    assert window.guard.swallowed >= len(LEAVING_KEYS) * 8


def test_the_window_refuses_to_close_and_has_no_frame(bed: BedTablet) -> None:
    window = bed.window
    assert not window.close()
    assert window.isVisible()
    flags = window.windowFlags()
    assert flags & Qt.WindowType.FramelessWindowHint
    assert flags & Qt.WindowType.WindowStaysOnTopHint


def test_back_buttons_of_a_mouse_and_swipe_gestures_do_nothing(bed: BedTablet) -> None:
    window = bed.window
    window.show_page(window.MEALS)
    for button in (Qt.MouseButton.BackButton, Qt.MouseButton.ForwardButton):
        for kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease):
            event = QMouseEvent(
                kind,
                QPointF(20, 20),
                QPointF(20, 20),
                button,
                button,
                Qt.KeyboardModifier.NoModifier,
            )
            QApplication.sendEvent(window.meals, event)
    native = QEvent(QEvent.Type.NativeGesture)
    QApplication.sendEvent(window, native)
    assert window.top.currentIndex() == window.PATIENT
    assert window.pages.currentIndex() == window.MEALS
    assert window.guard.swallowed >= 3


def test_every_control_of_patient_mode_keeps_the_patient_in_patient_mode(bed: BedTablet) -> None:
    window = bed.window
    staff_buttons = {window.staff_button, window.free_staff}
    pressed = 0
    for page in (window.HOME, window.MEALS, window.SCHEDULE, window.DISPLAY):
        window.show_page(page)
        bed.loop.settle()
        for button in window.patient_area.findChildren(QAbstractButton):
            # A press may redraw the page (a sitting, a language): its old buttons are gone.
            if not isValid(button) or button in staff_buttons or not button.isVisibleTo(window):
                continue
            if button.objectName() in ("chooseDish", "cancelChoice"):
                continue  # ordering is tested on its own
            button.click()
            bed.loop.settle()
            pressed += 1
            assert window.top.currentIndex() == window.PATIENT, button.objectName()
            assert window.isVisible()
            window.show_page(page)
    assert pressed > 15
    bed.window.choose_language("en")
    bed.loop.settle()


def test_the_staff_button_leads_to_the_sign_in_and_back_without_one(bed: BedTablet) -> None:
    window = bed.window
    window.staff_button.click()
    assert window.top.currentIndex() == window.STAFF
    staff = window.staff_window
    assert staff.stack.currentWidget() is staff.lock_screen
    assert staff.staff is None
    staff.patient_screen_button.click()
    bed.loop.settle()
    assert window.top.currentIndex() == window.PATIENT
    assert window.pages.currentIndex() == window.HOME


def test_a_nurse_signs_in_on_the_bed_tablet_sees_the_chart_and_locking_returns_to_the_patient(
    bed: BedTablet,
) -> None:
    bed.sign_in()
    window, staff = bed.window, bed.window.staff_window
    assert staff.staff is not None
    bed.loop.wait_until(lambda: staff.stack.currentWidget() is staff.chart)
    occupant = window.current_occupant
    assert occupant is not None
    assert staff.chart.context is not None
    assert staff.chart.context.patient_id == occupant.patient_id
    staff.lock_button.click()
    bed.loop.settle()
    assert staff.staff is None
    assert window.top.currentIndex() == window.PATIENT


def test_a_badge_read_in_patient_mode_opens_the_staff_sign_in_with_that_badge(
    bed: BedTablet,
) -> None:
    window = bed.window
    window.staff_window.badge_reader.badge_read.emit("BADGE-0042")
    assert window.top.currentIndex() == window.STAFF
    assert window.staff_window.lock_screen.badge.text() == "BADGE-0042"


def test_idle_time_brings_patient_mode_back_home(bed: BedTablet) -> None:
    window = bed.window
    window.idle_timer.setInterval(50)
    window.show_page(window.SCHEDULE)
    bed.loop.wait_until(lambda: window.pages.currentIndex() == window.HOME)


# --- meals ------------------------------------------------------------------------------------


def test_greyed_dishes_say_why_in_words_and_cannot_be_chosen(bed: BedTablet) -> None:
    _open_meals(bed)
    cards = _cards(bed)
    assert cards
    greyed = [card for card in cards if not card.option.choosable]
    assert greyed, "the demo bed's patient has a food allergy: some dish must be greyed"
    for card in greyed:
        assert card.button is None
        reasons = [
            label.text()
            for label in card.findChildren(QLabel)
            if label.objectName() == "dishReason"
        ]
        assert reasons
        assert all(text.startswith("⚠ ") for text in reasons)
    said = " ".join(label.text() for card in greyed for label in card.findChildren(QLabel))
    assert "allergy recorded" in said or "left out of your diet" in said


def test_a_choice_made_online_reaches_the_ehr_once_and_says_sent(bed: BedTablet) -> None:
    _open_meals(bed)
    before = _tagged_selections(bed)
    card = next(card for card in _cards(bed) if card.button is not None)
    card.button.click()
    _refreshed(bed)
    assert "will be sent when the connection is back" in bed.window.meals.choice_line.text()
    bed.sync()
    _choice_says(bed, "Sent to the kitchen")
    assert _tagged_selections(bed) == before + 1
    bed.sync()
    assert _tagged_selections(bed) == before + 1  # once, however often it syncs


def test_a_choice_made_offline_waits_then_is_sent_once_when_the_network_is_back(
    bed: BedTablet,
) -> None:
    before = _tagged_selections(bed)
    bed.network.down = True
    _open_meals(bed)
    card = next(card for card in _cards(bed) if card.button is not None)
    title = card.option.dish.title
    card.button.click()
    bed.loop.settle()
    report = bed.loop.run(bed.engine.sync_once())
    assert not report.ok
    _choice_says(bed, "will be sent when the connection is back")
    assert title in bed.window.meals.choice_line.text()
    bed.network.down = False
    bed.sync()
    _choice_says(bed, "Sent to the kitchen")
    assert _tagged_selections(bed) == before + 1


def test_changing_a_choice_keeps_one_order_at_the_ehr(bed: BedTablet) -> None:
    before = _tagged_selections(bed)
    _open_meals(bed)
    first = next(card for card in _cards(bed) if card.button is not None)
    first.button.click()
    _refreshed(bed)
    bed.sync()
    second = next(card for card in _cards(bed) if card.button is not None)
    second.button.click()
    _refreshed(bed)
    bed.sync()
    _choice_says(bed, second.option.dish.title)
    assert _tagged_selections(bed) == before + 1


def test_after_the_cut_off_the_patient_cannot_choose_but_a_nurse_can(bed: BedTablet) -> None:
    _open_meals(bed)
    chooser = bed.window.meals
    plan = chooser.plan
    assert plan is not None
    lunch = next(item for item in plan.sittings if item.sitting.service == "lunch")
    bed.clock.now = lunch.sitting.cutoff + timedelta(minutes=1)
    chooser._select((lunch.sitting.service, lunch.sitting.day))
    chooser.reload()
    bed.loop.settle()
    shown = chooser._current()
    assert shown is not None
    assert shown.state.kind is SittingStateKind.CLOSED
    assert chooser.state_line.text().startswith("Closed")
    assert all(card.button is None for card in _cards(bed))

    bed.sign_in()
    staff = bed.window.staff_window
    bed.loop.wait_until(lambda: staff.stack.currentWidget() is staff.chart)
    tab = next(t for t in staff.chart.chart_tabs if t.objectName() == "meals")
    staff.chart.tabs.setCurrentWidget(tab)
    bed.loop.settle()
    nurse_chooser = tab.chooser  # type: ignore[attr-defined]
    nurse_chooser._select((lunch.sitting.service, lunch.sitting.day))
    bed.loop.settle()
    assert "As staff you can still order" in nurse_chooser.state_line.text()
    card = next(
        c for c in nurse_chooser.findChildren(DishCard) if c.button is not None and c.isVisible()
    )
    card.button.click()
    bed.loop.settle()
    assert card.option.dish.title in nurse_chooser.choice_line.text()


def test_the_countdown_says_how_long_is_left_before_the_cut_off(bed: BedTablet) -> None:
    _open_meals(bed)
    chooser = bed.window.meals
    plan = chooser.plan
    assert plan is not None
    lunch = next(item for item in plan.sittings if item.sitting.service == "lunch")
    bed.clock.now = lunch.sitting.cutoff - timedelta(hours=2, minutes=5)
    chooser._select((lunch.sitting.service, lunch.sitting.day))
    chooser.reload()
    bed.loop.settle()
    assert "(2 h 05 min left)" in chooser.state_line.text()
    bed.clock.now = lunch.sitting.cutoff - timedelta(minutes=12)
    chooser._tick()
    assert "(12 min left)" in chooser.state_line.text()


def test_nil_by_mouth_blocks_the_meals_it_covers_and_says_until_when(
    qloop: Loop, qtbot: QtBot, tmp_path: Path
) -> None:
    with bed_tablet(qloop, tmp_path, "nil-by-mouth") as tablet:
        _open_meals(tablet)
        chooser = tablet.window.meals
        plan = chooser.plan
        assert plan is not None
        fasting = [i for i in plan.sittings if i.state.kind is SittingStateKind.NIL_BY_MOUTH]
        assert fasting
        chooser._select((fasting[0].sitting.service, fasting[0].sitting.day))
        qloop.settle()
        assert "Nothing to eat or drink until" in chooser.state_line.text()
        assert all(card.button is None for card in _cards(tablet))


# --- language, text size, contrast ---------------------------------------------------------------


def test_language_text_size_and_contrast_are_remembered_for_this_stay(bed: BedTablet) -> None:
    window = bed.window
    window.show_page(window.DISPLAY)
    window.display.language_buttons["de"].click()
    window.display.size_buttons["very-large"].click()
    window.display.high_button.click()
    bed.loop.settle()
    assert bed.translations.language == "de"
    assert "#000000" in window.patient_area.styleSheet()
    occupant = window.current_occupant
    assert occupant is not None
    prefs = bed.loop.run(window.workspace.occupants.preferences(occupant.encounter_id))
    assert (prefs.language, prefs.text_size, prefs.high_contrast) == ("de", "very-large", True)
    other_stay = bed.loop.run(window.workspace.occupants.preferences("another-encounter"))
    assert (other_stay.language, other_stay.text_size, other_stay.high_contrast) == (
        None,
        "normal",
        False,
    )


def test_a_larger_text_size_makes_the_words_larger(bed: BedTablet) -> None:
    window = bed.window
    window.show_page(window.HOME)
    normal = window.greeting.fontInfo().pixelSize()
    window.choose_text_size("very-large")
    bed.loop.settle()
    assert window.greeting.fontInfo().pixelSize() > normal * 1.3


# --- every visible string is translated; every control is reachable by touch and by name ---------


# Words that are translated and happen to read the same in French, German and English.
SAME_WORD_IN_EVERY_LANGUAGE = frozenset({"Standard"})


def _server_strings(tablet: BedTablet) -> set[str]:
    """Every text the EHR sent that patient mode may show as is (names, places, dish names…)."""
    found: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, str):
            found.add(node)
        elif isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for resource in tablet.ehr.ward.resources:
        walk(resource)
    occupant = tablet.window.current_occupant
    if occupant is not None:
        found |= {occupant.given_name, occupant.display_name, occupant.bed_label}
    return found


def _is_server_text(text: str, server: set[str]) -> bool:
    import re

    pieces = [p.strip() for p in re.split(r" · |, |\n| — |: ", text) if p.strip()]
    clock = re.compile(r"^[\d:.\s/–-]+$")
    return all(
        clock.match(piece) or piece in server or any(piece in s for s in server if len(s) < 400)
        for piece in pieces
    )


def _tour(tablet: BedTablet) -> Iterator[str]:
    """Every page and every sitting of patient mode, one after the other."""
    window = tablet.window
    for page, name in (
        (window.HOME, "home"),
        (window.SCHEDULE, "schedule"),
        (window.DISPLAY, "display"),
    ):
        window.show_page(page)
        tablet.loop.settle()
        yield name
    window.show_page(window.MEALS)
    tablet.loop.settle()
    plan = window.meals.plan
    assert plan is not None
    for item in plan.sittings:
        window.meals._select((item.sitting.service, item.sitting.day))
        tablet.loop.settle()
        yield f"meals {item.sitting.service} {item.sitting.day}"


def test_switching_language_changes_every_visible_string(bed: BedTablet) -> None:
    window = bed.window
    server = _server_strings(bed)
    seen: dict[str, dict[str, set[str]]] = {}
    for language in ("en", "fr", "de"):
        window.choose_language(language)
        bed.loop.settle()
        for view in _tour(bed):
            texts = set(bed.texts(window.patient_area))
            texts |= {
                w.accessibleName()
                for w in window.patient_area.findChildren(QWidget)
                if w.isVisibleTo(window) and w.accessibleName()
            }
            seen.setdefault(view, {})[language] = texts
    untranslated: set[str] = set()
    for view, by_language in seen.items():
        same = by_language["en"] & by_language["fr"] & by_language["de"]
        for text in same:
            if text in (
                "Français · Deutsch · English",
                "FR · DE · EN",
                "Français",
                "Deutsch",
                "English",
            ):
                continue  # each language named in itself, on purpose
            if text in SAME_WORD_IN_EVERY_LANGUAGE:
                continue
            if not any(c.isalpha() for c in text) or _is_server_text(text, server):
                continue
            untranslated.add(f"{view}: {text!r}")
    assert sorted(untranslated) == []
    window.choose_language("en")
    bed.loop.settle()


def test_every_control_has_a_name_a_role_and_a_target_big_enough_for_a_tired_hand(
    bed: BedTablet,
) -> None:
    from PySide6.QtGui import QAccessible

    window = bed.window
    main_actions = {"navHome", "navMeals", "navSchedule", "navDisplay", "chooseDish", "tile"}
    problems: set[str] = set()
    for view in _tour(bed):
        for control in window.patient_area.findChildren(QAbstractButton):
            if not control.isVisibleTo(window):
                continue
            label = f"{view}: {type(control).__name__} {control.objectName()!r}"
            if not control.accessibleName().strip():
                problems.add(f"{label} has no accessible name")
            interface = QAccessible.queryAccessibleInterface(control)
            if interface is None or interface.role() not in (
                QAccessible.Role.PushButton,
                QAccessible.Role.CheckBox,
                QAccessible.Role.RadioButton,
                QAccessible.Role.ButtonMenu,
            ):
                problems.add(f"{label} has no button role")
            size = control.size()
            least = 64 if control.objectName() in main_actions else 48
            if size.width() < least or size.height() < least:
                problems.add(f"{label} is {size.width()}×{size.height()} px (needs {least})")
    assert sorted(problems) == [], "\n".join(sorted(problems))
