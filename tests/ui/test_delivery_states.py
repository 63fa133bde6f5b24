"""Every screen follows the store's one change feed: "will be sent" becomes "sent" where it shows.

Real widgets over a real engine, a real encrypted cache and the sandbox EHR on loopback behind a
network that can be cut (as in test_staff_window and test_patient_mode). No test reopens a screen
or asks a widget to read again: what the screens show after a save or an upload comes from the
store's announcement alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from bedside.sandbox.outcomes import FhirError
from bedside.ui.chart.meals_tab import MealsTab
from bedside.ui.chart.vitals_tab import VitalsTab
from bedside.ui.meal_chooser import DishCard, MealChooser
from tests.ui.conftest import Loop
from tests.ui.test_patient_mode import BedTablet, bed_tablet
from tests.ui.test_staff_window import VITALS, Tablet, tablet
from tests.ui.test_vitals_tab import _fill_a_normal_round as fill_a_normal_round

WAITING_MEAL = "will be sent when the connection is back"
SENT_MEAL = "Sent to the kitchen"
WAITING_VITALS = "will be sent to the EHR when connected"
SENT_VITALS = "saved and sent to the EHR"
ROUND = 7  # observations in a normal round from the pad


@pytest.fixture
def ward_tablet(qloop: Loop, qtbot: QtBot, tmp_path: Path) -> Iterator[Tablet]:
    with tablet(qloop, qtbot, tmp_path) as made:
        yield made


@pytest.fixture
def bed(qloop: Loop, qtbot: QtBot, tmp_path: Path) -> Iterator[BedTablet]:
    with bed_tablet(qloop, tmp_path) as made:
        yield made


def _signed_in(ward: Tablet) -> None:
    nurse = ward.nurse()
    ward.sign_in(nurse.badge, nurse.pin)
    ward.upload()  # the sign-in's audit event: the outbox starts empty


def _vitals_tab(ward: Tablet, patient_id: str | None = None) -> VitalsTab:
    window = ward.window
    if patient_id is None:
        ward.open_first_patient()
    else:
        window.open_chart(patient_id)
        ward.loop.settle()
    window.chart.tabs.setCurrentIndex(VITALS)
    ward.loop.settle()
    tab = window.chart.chart_tabs[VITALS]
    assert isinstance(tab, VitalsTab)
    return tab


def _save_a_round(ward: Tablet, tab: VitalsTab) -> None:
    tab.record.click()
    fill_a_normal_round(tab.pad)
    tab.pad.save.click()
    ward.loop.settle()


def _choosable(chooser: MealChooser) -> DishCard | None:
    return next(
        (c for c in chooser.findChildren(DishCard) if c.button is not None and c.isVisible()),
        None,
    )


def _counts(text: str) -> tuple[int, int, int]:
    """(to upload, conflicts, rejected) as a badge or status line says them (absent: 0)."""

    def number(pattern: str) -> int:
        found = re.search(pattern, text)
        return int(found.group(1)) if found else 0

    return (
        number(r"(\d+) to upload"),
        number(r"⚠ (\d+) conflict"),
        number(r"⚠ (\d+) rejected"),
    )


def _tab_counts(ward: Tablet) -> tuple[int, int, int]:
    tabs = ward.window.sync_page.tabs

    def number(index: int) -> int:
        found = re.search(r"\((\d+)\)", tabs.tabText(index))
        assert found is not None, tabs.tabText(index)
        return int(found.group(1))

    return number(0), number(1), number(2)


def _everyone_says(ward: Tablet, expected: tuple[int, int, int]) -> bool:
    """The sync page's tabs, its status line and the header badge all say ``expected``."""
    page = ward.window.sync_page
    return (
        _tab_counts(ward) == expected
        and _counts(page.state_line.text()) == expected
        and _counts(ward.window.sync_badge.text()) == expected
    )


# The vitals tab ----------------------------------------------------------------------------------


def test_a_round_saved_offline_says_sent_on_the_vitals_tab_the_moment_its_upload_lands(
    ward_tablet: Tablet,
) -> None:
    _signed_in(ward_tablet)
    tab = _vitals_tab(ward_tablet)
    ward_tablet.network.down = True

    _save_a_round(ward_tablet, tab)
    ward_tablet.loop.wait_until(lambda: WAITING_VITALS in tab.confirmation.text())
    assert f"{ROUND} values" in tab.confirmation.text()

    ward_tablet.network.down = False
    ward_tablet.upload()

    ward_tablet.loop.wait_until(lambda: SENT_VITALS in tab.confirmation.text())
    assert f"{ROUND} values" in tab.confirmation.text()
    assert ward_tablet.window.chart.current_tab() is tab  # never reopened


def test_the_board_shows_the_news2_of_a_round_saved_offline_without_a_sync(
    ward_tablet: Tablet,
) -> None:
    _signed_in(ward_tablet)
    window = ward_tablet.window
    board = window.board.board
    assert board is not None
    row = max(
        (r for r in board.rows if r.patient_id and r.news2 is not None),
        key=lambda r: r.news2.score.total if r.news2 is not None else -1,
    )
    assert row.news2 is not None
    assert row.news2.score.total > 0
    ward_tablet.network.down = True
    # Offline for a while: the engine knows, and does not even try to push what is saved.
    assert not ward_tablet.loop.run(ward_tablet.engine.sync_once()).ok
    tab = _vitals_tab(ward_tablet, row.patient_id)

    _save_a_round(ward_tablet, tab)  # a normal round: NEWS2 0
    window._back()

    def redrawn() -> bool:
        shown = window.board.board
        assert shown is not None
        latest = next(r for r in shown.rows if r.patient_id == row.patient_id)
        return latest.news2 is not None and latest.news2.score.total == 0

    ward_tablet.loop.wait_until(redrawn)
    assert ward_tablet.outbox_types().count("Observation") == ROUND  # nothing was uploaded


# Meals ------------------------------------------------------------------------------------------


def test_a_meal_ordered_offline_on_the_staff_meals_tab_says_sent_once_it_is_uploaded(
    ward_tablet: Tablet,
) -> None:
    _signed_in(ward_tablet)
    window = ward_tablet.window
    board = window.board.board
    assert board is not None
    meals = next(t for t in window.chart.chart_tabs if isinstance(t, MealsTab))
    card = None
    for row in (r for r in board.rows if r.patient_id):
        window.open_chart(row.patient_id)
        window.chart.tabs.setCurrentWidget(meals)
        ward_tablet.loop.settle()
        card = _choosable(meals.chooser)
        if card is not None:
            break
    assert card is not None, "some patient of the ward can be ordered a meal"
    chooser = meals.chooser
    ward_tablet.network.down = True

    assert card.button is not None
    card.button.click()
    ward_tablet.loop.wait_until(lambda: WAITING_MEAL in chooser.choice_line.text())

    ward_tablet.network.down = False
    ward_tablet.upload()

    ward_tablet.loop.wait_until(lambda: SENT_MEAL in chooser.choice_line.text())
    assert window.chart.current_tab() is meals  # never reopened


def test_a_meal_chosen_offline_on_the_bed_tablet_says_sent_once_it_is_uploaded(
    bed: BedTablet,
) -> None:
    window = bed.window
    window.show_page(window.MEALS)
    bed.loop.settle()
    card = _choosable(window.meals)
    assert card is not None
    assert card.button is not None
    bed.network.down = True

    card.button.click()
    bed.loop.wait_until(lambda: WAITING_MEAL in window.meals.choice_line.text())

    bed.network.down = False
    report = bed.loop.run(bed.engine.sync_once())
    assert report.ok, report.error

    bed.loop.wait_until(lambda: SENT_MEAL in window.meals.choice_line.text())


# The sync badge and page -----------------------------------------------------------------------


def test_the_badge_counts_every_save_made_offline_at_once_and_none_once_uploaded(
    ward_tablet: Tablet,
) -> None:
    _signed_in(ward_tablet)
    badge = ward_tablet.window.sync_badge
    tab = _vitals_tab(ward_tablet)
    ward_tablet.network.down = True
    assert not ward_tablet.loop.run(ward_tablet.engine.sync_once()).ok  # the badge says offline
    waiting = _counts(badge.text())[0]  # the chart's opening, an audit event

    _save_a_round(ward_tablet, tab)
    ward_tablet.loop.wait_until(lambda: _counts(badge.text())[0] == waiting + ROUND)
    _save_a_round(ward_tablet, tab)  # the engine knows it is offline: it does not even try
    ward_tablet.loop.wait_until(lambda: _counts(badge.text())[0] == waiting + 2 * ROUND)

    ward_tablet.network.down = False
    ward_tablet.upload()
    ward_tablet.loop.wait_until(lambda: _counts(badge.text()) == (0, 0, 0))
    assert "to upload" not in badge.text()


def test_the_sync_page_its_tabs_and_the_badge_agree_as_changes_are_saved_and_settled(
    ward_tablet: Tablet,
) -> None:
    _signed_in(ward_tablet)
    window = ward_tablet.window
    tab = _vitals_tab(ward_tablet)
    ward_tablet.upload()  # the chart's opening, an audit event
    window._open_sync()
    ward_tablet.loop.wait_until(lambda: _everyone_says(ward_tablet, (0, 0, 0)))

    # A round saved while the page is open: waiting, everywhere.
    ward_tablet.network.down = True
    window._close_sync()
    _save_a_round(ward_tablet, tab)
    window._open_sync()
    ward_tablet.loop.wait_until(lambda: _everyone_says(ward_tablet, (ROUND, 0, 0)))

    # The EHR refuses vital signs: rejected, everywhere, without reopening the page.
    def refuse_vitals(method: str, path: str) -> FhirError | None:
        if method in ("PUT", "POST") and path.startswith("/Observation"):
            return FhirError(422, "synthetic refusal: vital signs are not accepted here")
        return None

    ward_tablet.ehr.sandbox.fault_hook = refuse_vitals
    ward_tablet.network.down = False
    ward_tablet.upload()
    ward_tablet.loop.wait_until(lambda: _everyone_says(ward_tablet, (0, 0, ROUND)))

    # A nurse discards one: one fewer, everywhere, at once.
    discard = next(
        button
        for button in window.sync_page.lists["rejected"].findChildren(QPushButton)
        if button.objectName() == "discardRejected"
    )
    discard.click()
    ward_tablet.loop.wait_until(lambda: _everyone_says(ward_tablet, (0, 0, ROUND - 1)))
    assert window.stack.currentWidget() is window.sync_page
