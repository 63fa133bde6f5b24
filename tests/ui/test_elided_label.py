"""Header texts give way on a narrow screen by ending in "…", never by being cut mid-word."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from bedside.ui.widgets import ElidedLabel


def test_a_long_title_ends_in_an_ellipsis_when_narrow_and_keeps_its_whole_text(
    qtbot: QtBot,
) -> None:
    label = ElidedLabel("Médecine interne – 2e étage")
    qtbot.addWidget(label)
    label.resize(80, 40)
    shown = label.shown_text()
    assert shown.endswith("…")
    assert "Médecine interne – 2e étage".startswith(shown[:-1])
    assert label.text() == "Médecine interne – 2e étage"


def test_a_title_that_fits_is_shown_whole(qtbot: QtBot) -> None:
    label = ElidedLabel("Board")
    qtbot.addWidget(label)
    label.resize(400, 40)
    assert label.shown_text() == "Board"


def test_markup_in_a_title_stays_characters(qtbot: QtBot) -> None:
    label = ElidedLabel("<b>ward</b>")
    qtbot.addWidget(label)
    label.resize(400, 40)
    assert label.shown_text() == "<b>ward</b>"
