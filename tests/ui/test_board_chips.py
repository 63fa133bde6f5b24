"""How the board fits chips in a cell: words when they fit, compact counts, never a cut word."""

from __future__ import annotations

from bedside.ui.board import ChipDelegate, ChipSpec, fit_chip_texts

PER_CHIP = 2 * ChipDelegate.PAD_X + ChipDelegate.GAP
MISSED = ChipSpec("1 versäumt", "danger", short="✕ 1")
LATE = ChipSpec("2 verspätet", "danger", short="⚠ 2")
DUE = ChipSpec("1 fällig", "info", short="● 1")


def ten_pixels_a_character(text: str) -> int:
    return 10 * len(text)


def room_for(*texts: str) -> int:
    return sum(10 * len(text) + PER_CHIP for text in texts)


def test_chips_keep_their_words_when_they_fit() -> None:
    chips = [MISSED, LATE, DUE]
    available = room_for("1 versäumt", "2 verspätet", "1 fällig")
    assert fit_chip_texts(chips, ten_pixels_a_character, available) == [c.text for c in chips]


def test_the_least_urgent_chip_turns_compact_first() -> None:
    available = room_for("1 versäumt", "2 verspätet", "● 1")
    texts = fit_chip_texts([MISSED, LATE, DUE], ten_pixels_a_character, available)
    assert texts == ["1 versäumt", "2 verspätet", "● 1"]


def test_every_count_turns_compact_in_a_very_narrow_cell() -> None:
    texts = fit_chip_texts(
        [MISSED, LATE, DUE], ten_pixels_a_character, room_for("✕ 1", "⚠ 2", "● 1")
    )
    assert texts == ["✕ 1", "⚠ 2", "● 1"]


def test_chips_without_a_compact_form_keep_their_words_for_the_painter_to_elide() -> None:
    diet = ChipSpec("Kostform: Natriumarm", "info")
    assert fit_chip_texts([diet], ten_pixels_a_character, 40) == ["Kostform: Natriumarm"]
