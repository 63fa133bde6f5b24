"""The app's own flat SVG icons (``resources/icons``), rendered to pixmaps and button icons.

The bed tablet has no emoji font, so dishes (by the catalogue's ``meal-icon`` name, see
docs/meal-catalogue.md) and the patient area's navigation and states are drawn from these files.
Dish icons carry their own warm colours. Navigation icons are drawn in the app's accent
``#0b5cad`` only, so that one string swap recolours them: white on a blue button, black or
yellow in high contrast. A dish name this app does not know (a server may add one) shows the
generic ``dish`` icon instead of nothing.

Pixmaps are rendered at the device pixel ratio of the screen they go to, so they stay sharp on
a high-density tablet, and are cached per (name, size, colour, ratio): a menu repeats its icons.
"""

from __future__ import annotations

import logging
from functools import cache, lru_cache
from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QLabel, QWidget

log = logging.getLogger(__name__)

# Found beside the translations, as bedside.ui.i18n finds resources/i18n (the wheel ships both
# directories at the same place relative to the package).
ICONS_DIR = Path(__file__).resolve().parents[2] / "resources" / "icons"

# The colour navigation icons are drawn in; pixmap(color=...) replaces it.
RECOLOURABLE = "#0b5cad"
FALLBACK = "dish"

# The catalogue's meal-icon names (docs/meal-catalogue.md) and the patient area's own icons.
DISH_ICONS = (
    "bread",
    "fruit",
    "bowl",
    "meat",
    "chicken",
    "fish",
    "vegetarian",
    "pasta",
    "soup",
    "egg",
    "puree",
    "tray",
)
NAV_ICONS = (
    "home",
    "meals",
    "schedule",
    "text-size",
    "contrast",
    "staff",
    "language",
    "check",
    "clock",
    "fasting",
    "appointment",
    "sent",
    "waiting",
    "warning",
)

_REDRAW_EVENTS = (
    QEvent.Type.DevicePixelRatioChange,
    QEvent.Type.ScreenChangeInternal,
    QEvent.Type.Show,
)

# Sizes a QIcon carries; Qt scales down from the nearest larger one for any other size.
_ICON_SIZES = (24, 32, 40, 48, 64, 96, 128)


@cache
def icon_names() -> tuple[str, ...]:
    """Every icon there is a file for, sorted."""
    return tuple(sorted(path.stem for path in ICONS_DIR.glob("*.svg")))


@cache
def _resolve(name: str) -> str:
    if name in icon_names():
        return name
    # Once per name: a catalogue may repeat an unknown name on every dish of the week.
    # The name comes from the EHR's catalogue: server text never reaches the log.
    log.info("icon_missing fallback=%s", FALLBACK)
    return FALLBACK


@cache
def _svg(name: str) -> str:
    return (ICONS_DIR / f"{name}.svg").read_text(encoding="utf-8")


def svg_text(name: str, color: str | None = None) -> str:
    """The SVG source of an icon (``dish`` for an unknown name), its accent turned ``color``."""
    text = _svg(_resolve(name))
    return text if color is None else text.replace(RECOLOURABLE, color)


def pixmap(
    name: str, size: int, *, color: str | None = None, device_pixel_ratio: float = 1.0
) -> QPixmap:
    """The icon ``name`` as a square ``size`` × ``size`` (device-independent) pixmap.

    ``color`` recolours a navigation icon (dish icons keep their colours). The pixmap holds
    ``size × device_pixel_ratio`` real pixels and says so, so Qt paints it sharp at ``size``.
    """
    return _render(_resolve(name), size, color, device_pixel_ratio)


@lru_cache(maxsize=512)
def _render(name: str, size: int, color: str | None, device_pixel_ratio: float) -> QPixmap:
    renderer = QSvgRenderer(QByteArray(svg_text(name, color).encode("utf-8")))
    pixels = max(1, round(size * device_pixel_ratio))
    image = QPixmap(pixels, pixels)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, pixels, pixels))
    painter.end()
    image.setDevicePixelRatio(device_pixel_ratio)
    return image


@lru_cache(maxsize=128)
def icon(name: str, *, color: str | None = None) -> QIcon:
    """The icon ``name`` for a button or a list item, sharp from 24 to 128 px."""
    result = QIcon()
    for size in _ICON_SIZES:
        result.addPixmap(pixmap(name, size, color=color))
    return result


def clear_cache() -> None:
    """Forget rendered pixmaps and icons (they belong to one QApplication)."""
    _render.cache_clear()
    icon.cache_clear()


class IconLabel(QLabel):
    """A square icon with a name for screen readers, re-rendered when the screen density changes."""

    def __init__(
        self,
        name: str,
        size: int,
        accessible_name: str,
        *,
        color: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._name = name
        self._color = color
        self._size = size
        self._rendered_ratio = 0.0
        self.setFixedSize(QSize(size, size))
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setAccessibleName(accessible_name)
        self._render()

    @property
    def icon_name(self) -> str:
        return self._name

    @property
    def drawn_for_ratio(self) -> float:
        """The device pixel ratio the shown pixmap was rendered at."""
        return self._rendered_ratio

    def set_icon(self, name: str, *, color: str | None = None) -> None:
        """Show another icon, or the same one in another colour (e.g. high contrast)."""
        self._name, self._color = name, color
        self._render()

    def event(self, event: QEvent) -> bool:
        # Moving to a screen of another density (or the density changing) needs new pixels;
        # showing covers the first time the widget learns which screen it is on.
        if event.type() in _REDRAW_EVENTS and self.devicePixelRatioF() != self._rendered_ratio:
            self._render()
        return super().event(event)

    def _render(self) -> None:
        self._rendered_ratio = self.devicePixelRatioF()
        self.setPixmap(
            pixmap(
                self._name,
                self._size,
                color=self._color,
                device_pixel_ratio=self._rendered_ratio,
            )
        )
