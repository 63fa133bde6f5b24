"""The bed tablet's SVG icons: every dish and navigation icon exists, draws, recolours, scales."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET  # parsing our own resource files, not untrusted input
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QRectF
from PySide6.QtGui import QColor, QImage
from PySide6.QtSvg import QSvgRenderer
from pytestqt.qtbot import QtBot

from bedside.sandbox.seed.menu import menu
from bedside.ui import icons

# docs/meal-catalogue.md, extension meal-icon.
DOCUMENTED_DISH_ICONS = (
    *("bread", "fruit", "bowl", "meat", "chicken", "fish"),
    *("vegetarian", "pasta", "soup", "egg", "puree", "tray"),
)
SVG_FILES = sorted(icons.ICONS_DIR.glob("*.svg"))


def _visible_pixels(image: QImage) -> int:
    return sum(
        1
        for y in range(image.height())
        for x in range(image.width())
        if image.pixelColor(x, y).alpha() > 0
    )


def _image(name: str, size: int = 48, color: str | None = None) -> QImage:
    return icons.pixmap(name, size, color=color).toImage()


def test_every_documented_and_seeded_dish_icon_has_a_drawing_of_its_own() -> None:
    seeded = {
        dish.icon
        for day in range(7)
        for service in ("breakfast", "lunch", "dinner")
        for dish in menu(day, service)
    }
    assert set(DOCUMENTED_DISH_ICONS) == set(icons.DISH_ICONS)
    assert seeded <= set(icons.icon_names())
    assert set(icons.DISH_ICONS) <= set(icons.icon_names())


def test_every_navigation_icon_and_the_fallback_have_a_drawing() -> None:
    assert {*icons.NAV_ICONS, icons.FALLBACK} <= set(icons.icon_names())


@pytest.mark.parametrize("name", [*icons.DISH_ICONS, *icons.NAV_ICONS, icons.FALLBACK])
def test_an_icon_renders_a_visible_48_px_pixmap(qapp: object, name: str) -> None:
    pixmap = icons.pixmap(name, 48)
    assert (pixmap.width(), pixmap.height()) == (48, 48)
    visible = _visible_pixels(pixmap.toImage())
    # Drawn, but not a filled square: the shape leaves transparent background around it.
    assert 48 * 48 // 20 < visible < 48 * 48


def test_an_unknown_dish_name_shows_the_plate_with_cutlery(qapp: object) -> None:
    assert _image("couscous-royal") == _image("dish")
    assert icons.svg_text("couscous-royal") == icons.svg_text("dish")


def test_a_navigation_icon_recoloured_white_for_a_blue_button_is_white(qapp: object) -> None:
    accent, white = _image("home"), _image("home", color="#ffffff")
    assert accent != white
    opaque = [
        white.pixelColor(x, y)
        for y in range(white.height())
        for x in range(white.width())
        if white.pixelColor(x, y).alpha() == 255
    ]
    assert opaque
    assert all(colour == QColor("#ffffff") for colour in opaque)


def test_a_navigation_icon_recolours_to_yellow_for_high_contrast(qapp: object) -> None:
    assert "#0b5cad" not in icons.svg_text("warning", color="#ffe600")
    assert _image("warning", color="#ffe600") != _image("warning")


def test_a_dish_icon_keeps_its_own_colours_whatever_colour_is_asked(qapp: object) -> None:
    assert _image("fish", color="#ffffff") == _image("fish")


def test_a_pixmap_for_a_dense_screen_has_twice_the_pixels_at_the_same_size(qapp: object) -> None:
    sharp = icons.pixmap("meals", 48, device_pixel_ratio=2.0)
    assert (sharp.width(), sharp.height()) == (96, 96)
    assert sharp.devicePixelRatio() == 2.0
    assert sharp.deviceIndependentSize().toSize().width() == 48


def test_the_same_request_is_served_from_the_cache(qapp: object) -> None:
    first = icons.pixmap("soup", 40, color=None)
    assert icons.pixmap("soup", 40).cacheKey() == first.cacheKey()
    assert icons.pixmap("soup", 64).cacheKey() != first.cacheKey()


def test_a_button_icon_offers_a_sharp_pixmap_at_button_sizes(qapp: object) -> None:
    sizes = {size.width() for size in icons.icon("check", color="#ffffff").availableSizes()}
    assert {40, 48, 64} <= sizes


@pytest.mark.parametrize("path", SVG_FILES, ids=[path.stem for path in SVG_FILES])
def test_an_svg_file_is_valid_and_drawn_on_a_24_px_grid(qapp: object, path: Path) -> None:
    renderer = QSvgRenderer(str(path))
    assert renderer.isValid()
    assert renderer.viewBoxF() == QRectF(0, 0, 24, 24)
    assert ET.parse(path).getroot().get("viewBox") == "0 0 24 24"


@pytest.mark.parametrize("path", SVG_FILES, ids=[path.stem for path in SVG_FILES])
def test_an_icon_uses_at_most_a_fill_and_an_outline_colour(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    colours = {colour.lower() for colour in re.findall(r"#[0-9a-fA-F]{6}\b", text)}
    assert 1 <= len(colours) <= 2
    if path.stem in icons.NAV_ICONS:
        assert colours == {icons.RECOLOURABLE}


def test_an_icon_label_shows_its_icon_with_a_name_for_screen_readers(qtbot: QtBot) -> None:
    label = icons.IconLabel("fish", 56, "Fish")
    qtbot.addWidget(label)
    assert label.accessibleName() == "Fish"
    assert label.size().width() == 56
    assert label.pixmap().deviceIndependentSize().toSize().width() == 56


class _DenseScreenLabel(icons.IconLabel):
    """An IconLabel that believes it moved to a screen of a given density (the offscreen
    platform has only one screen, at ratio 1)."""

    ratio = 1.0

    def devicePixelRatioF(self) -> float:
        return self.ratio


def test_an_icon_label_redraws_sharper_when_it_moves_to_a_denser_screen(qtbot: QtBot) -> None:
    label = _DenseScreenLabel("home", 48, "Home")
    qtbot.addWidget(label)
    assert label.drawn_for_ratio == 1.0
    label.ratio = 2.0
    label.event(QEvent(QEvent.Type.DevicePixelRatioChange))
    assert label.drawn_for_ratio == 2.0


def test_an_icon_label_can_switch_colour_for_high_contrast(qtbot: QtBot) -> None:
    label = icons.IconLabel("clock", 48, "Time", color="#0b5cad")
    qtbot.addWidget(label)
    before = label.pixmap().toImage()
    label.set_icon("clock", color="#ffe600")
    assert label.pixmap().toImage() != before
    assert label.icon_name == "clock"
