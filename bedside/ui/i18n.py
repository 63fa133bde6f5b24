"""Languages at run time: Qt translators, the locale for dates and numbers, and their formatting.

Owns which language the application speaks. Switching installs ``resources/i18n/bedside_xx.qm``
and Qt's own ``qtbase_xx.qm``, and sets the default ``QLocale`` so that dates, times and numbers
follow the language (24-hour clock in French and German; British English for English, which also
writes 24-hour times on a ward). Qt then sends every widget a ``LanguageChange`` event; widgets
re-set their texts in ``retranslate()`` (see :mod:`bedside.ui.widgets`).

Server numbers arrive as ``Decimal`` with their written precision; :func:`number` keeps it and
only swaps the decimal separator, so "1.50" becomes "1,50" in French, never "1,5".
"""

from __future__ import annotations

import logging
from datetime import date, datetime, time, tzinfo
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QEvent,
    QLibraryInfo,
    QLocale,
    QTime,
    QTranslator,
)

log = logging.getLogger(__name__)

TRANSLATIONS_DIR = Path(__file__).resolve().parents[2] / "resources" / "i18n"

# Language code → its own name (a language switch names each language in that language).
LANGUAGES: dict[str, str] = {"fr": "Français", "de": "Deutsch", "en": "English"}
DEFAULT_LANGUAGE = "en"

_LOCALES = {
    "fr": (QLocale.Language.French, QLocale.Country.France),
    "de": (QLocale.Language.German, QLocale.Country.Germany),
    "en": (QLocale.Language.English, QLocale.Country.UnitedKingdom),
}


class Translations:
    """Installs and swaps the application's translators."""

    def __init__(self, directory: Path = TRANSLATIONS_DIR) -> None:
        self._directory = directory
        self._installed: list[QTranslator] = []
        self.language = DEFAULT_LANGUAGE

    def switch(self, language: str) -> None:
        """Speak ``language`` from now on; every widget is told through LanguageChange."""
        if language not in LANGUAGES:
            raise ValueError(f"unsupported language {language!r}")
        app = QCoreApplication.instance()
        if app is None:
            raise RuntimeError("no Qt application")
        for translator in self._installed:
            app.removeTranslator(translator)
        self._installed = []
        QLocale.setDefault(QLocale(*_LOCALES[language]))
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        for name, directory in ((f"bedside_{language}", str(self._directory)),):
            self._load(app, name, directory)
        if language != "en":
            self._load(app, f"qtbase_{language}", qt_dir)
        self.language = language
        if not self._installed:
            # English has no .qm when nothing needs plural forms; a missing French/German file
            # is a packaging error worth a warning.
            QCoreApplication.sendEvent(app, _language_change())

    def _load(self, app: QCoreApplication, name: str, directory: str) -> None:
        translator = QTranslator(app)
        if translator.load(name, directory):
            app.installTranslator(translator)
            self._installed.append(translator)
        elif name.startswith("bedside_") and name != "bedside_en":
            log.warning("translation_missing name=%s directory=%r", name, str(directory))


def _language_change() -> QEvent:
    return QEvent(QEvent.Type.LanguageChange)


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """A translated string; ``n`` ≥ 0 picks the plural form and replaces ``%n``.

    Call it with literal strings (``translate("Board", "Free bed")``): lupdate reads the calls
    from the source to build the ``.ts`` files. Strings with ``%n`` are plural messages (see
    tools/translations.py, which marks them so for lupdate's Python parser).
    """
    return QCoreApplication.translate(context, text, disambiguation, n)


def locale() -> QLocale:
    return QLocale()


_display_zone: tzinfo | None = None  # None: the device's own zone


def set_display_zone(zone: tzinfo | None) -> None:
    """Show every time in the site's zone (``device.time_zone``), whatever the device's is."""
    global _display_zone
    _display_zone = zone


def local_time(moment: datetime) -> datetime:
    """``moment`` on the site's wall clock (a naive moment is one already: it stays as it is —
    ``astimezone`` would take it for the *device's* time and shift it)."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(_display_zone)


def time_text(moment: datetime) -> str:
    """Local clock time, ``14:05``."""
    local = local_time(moment)
    return wall_clock_text(local.time())


def wall_clock_text(moment: time) -> str:
    """A time of day already on the site's clock (a dose's 10:00), in the language's format."""
    return QLocale().toString(QTime(moment.hour, moment.minute), QLocale.FormatType.ShortFormat)


def date_text(day: date, *, long: bool = False) -> str:
    """A calendar date in the language's usual form (``22/11/2026``, ``22.11.2026``)."""
    form = QLocale.FormatType.LongFormat if long else QLocale.FormatType.ShortFormat
    text = QLocale().toString(QDate(day.year, day.month, day.day), form)
    return _four_digit_year(text, day) if not long else text


def _four_digit_year(text: str, day: date) -> str:
    # Short formats write "22/11/26"; a birth date must never be read as 1926 or 2026.
    short_year = f"{day.year % 100:02d}"
    if str(day.year) in text or not text.endswith(short_year):
        return text
    return text[: -len(short_year)] + str(day.year)


def datetime_text(moment: datetime) -> str:
    local = local_time(moment)
    return f"{date_text(local.date())} {time_text(local)}"


def number(value: Decimal | int | float | str) -> str:
    """A number as written by the source, with the language's decimal separator."""
    text = str(value)
    point = QLocale().decimalPoint()
    return text.replace(".", point) if point != "." else text


def weekday_text(day: date) -> str:
    return QLocale().dayName(day.isoweekday(), QLocale.FormatType.LongFormat)
