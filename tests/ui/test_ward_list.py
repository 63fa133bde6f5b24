"""The ward list shows server text as plain text and keeps names out of the window title."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from bedside.services.ward import BedRow, WardCensus
from bedside.ui.ward_list import WardListWindow

HOSTILE = [
    "<b>bold</b>",
    '<img src="http://127.0.0.1:9/x.png">',
    "<a href='http://example.invalid'>click</a>",
    "x" * 5000,
    "\u202eGNIRTS\u202c RTL",
    "Émile 👩‍⚕️ Ærø",
]


def _census(names: list[str]) -> WardCensus:
    beds = [
        BedRow(bed_id=f"b{i}", bed_label=name, patient_id=f"p{i}", patient_name=name, age=70)
        for i, name in enumerate(names)
    ]
    return WardCensus(ward_id="w", ward_name=names[0], beds=beds, data_as_of=None)


def test_hostile_server_text_is_shown_literally_everywhere(qtbot: QtBot) -> None:
    window = WardListWindow(date(2026, 11, 22))
    qtbot.addWidget(window)
    window.show_census(_census(HOSTILE), date(2026, 11, 22))
    for label in window.findChildren(QLabel):
        assert label.textFormat() == Qt.TextFormat.PlainText
    assert window.title.text() == HOSTILE[0]
    model = window.model
    for row, text in enumerate(HOSTILE):
        assert model.data(model.index(row, 1)) == text
    # Item views never interpret rich text in DisplayRole strings; the delegate draws text as is.


def test_the_window_title_never_names_a_patient(qtbot: QtBot) -> None:
    window = WardListWindow(date(2026, 11, 22))
    qtbot.addWidget(window)
    window.show_census(_census(["DUPONT, Jeanne"]), date(2026, 11, 22))
    assert window.windowTitle() == "Bedside"


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1200), (800, 1280)])
def test_rows_are_tall_enough_to_touch_at_every_supported_screen_size(
    qtbot: QtBot, size: tuple[int, int]
) -> None:
    window = WardListWindow(date(2026, 11, 22))
    qtbot.addWidget(window)
    window.resize(*size)
    window.show_census(_census(["A", "B"]), date(2026, 11, 22))
    assert window.table.rowHeight(0) >= 48


def test_a_free_bed_says_so_in_words(qtbot: QtBot) -> None:
    window = WardListWindow(date(2026, 11, 22))
    qtbot.addWidget(window)
    census = WardCensus("w", "Ward", [BedRow(bed_id="b", bed_label="Lit 1A")], None)
    window.show_census(census, date(2026, 11, 22))
    assert window.model.data(window.model.index(0, 1)) == "Free bed"
