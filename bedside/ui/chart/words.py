"""Words the results, prescriptions and appointments tabs share: lists, clock times, dosing rhythm.

Owns how a structured :class:`bedside.services.medications.Frequency` is said in the current
language ("3 times a day", "every 6 hours", "morning and evening", "at 08:00 and 20:00",
"on Monday, Wednesday", "before breakfast"), with plural forms through ``%n`` and every ``when``
code of FHIR R4's event-timing value set (FHIR codes and HL7 v3 TimingEvent) named in words.
The services return structure; these functions return sentences, so they are re-run on every
language switch.

Also the building blocks the three tabs draw with: :func:`card` (a headed section),
:func:`server_label` (plain text that wraps and never widens the screen, whatever its length) and
:func:`clear_layout_widgets` (empties a list at once, for a lock).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import time
from decimal import Decimal
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QVBoxLayout

from bedside.ui import i18n
from bedside.ui.i18n import translate
from bedside.ui.widgets import plain_label

if TYPE_CHECKING:  # only a type here: the words need no service at run time
    from bedside.services.medications import Frequency


# Texts up to this length stay on one line ("6.8 mmol/L" must not break after the slash).
SHORT_TEXT = 24


def server_label(text: str = "", *, name: str | None = None) -> QLabel:
    """Plain text that wraps and may shrink: a 5,000-character name must not widen the tab.

    A short text keeps to one line and its full width instead.
    """
    label = plain_label(text, name=name, wrap=len(text) > SHORT_TEXT)
    if label.wordWrap():
        label.setMinimumWidth(60)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
    return label


def say(label: QLabel, text: str) -> None:
    """Set a status line; an empty one takes no room."""
    label.setText(text)
    label.setVisible(bool(text))


def card(heading: str) -> tuple[QFrame, QVBoxLayout]:
    """A white, headed section of a tab; returns the frame and the layout to fill."""
    frame = QFrame()
    frame.setObjectName("card")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(18, 12, 18, 14)
    layout.setSpacing(8)
    title = server_label(heading, name="heading")
    layout.addWidget(title)
    return frame, layout


# ISO day codes as FHIR writes them (Timing.repeat.dayOfWeek) → Qt's day number (Monday = 1).
_DAY_NUMBERS = {"mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6, "sun": 7}


def list_text(items: Sequence[str]) -> str:
    """``a``, ``a and b``, ``a, b and c`` in the current language."""
    parts = [item for item in items if item]
    if not parts:
        return ""
    if len(parts) == 1:
        return parts[0]
    head = ", ".join(parts[:-1])
    return translate("ChartWords", "%1 and %2").replace("%1", head).replace("%2", parts[-1])


# A decimal number standing alone ("2.5 mg"), not part of a word or code ("1.73m2", "v1.2.3").
_DECIMAL = re.compile(r"(?<![\w.])\d+\.\d+(?![\w.])")


def local_numbers(text: str) -> str:
    """``text`` built by a service from server numbers ("2.5 mg") with the locale's separator."""
    return _DECIMAL.sub(lambda match: i18n.number(match.group(0)), text)


def clock_text(moment: time) -> str:
    """A time of day (``08:00``) in the language's clock format, never shifted by a zone."""
    return i18n.wall_clock_text(moment)


def when_word(code: str) -> str:
    """One event-timing code (MORN, ACM, HS…) in words; an unknown code is shown as sent."""
    words = {
        # FHIR event-timing
        "MORN": translate("MedicationsTab", "morning"),
        "MORN.early": translate("MedicationsTab", "early morning"),
        "MORN.late": translate("MedicationsTab", "late morning"),
        "NOON": translate("MedicationsTab", "noon"),
        "AFT": translate("MedicationsTab", "afternoon"),
        "AFT.early": translate("MedicationsTab", "early afternoon"),
        "AFT.late": translate("MedicationsTab", "late afternoon"),
        "EVE": translate("MedicationsTab", "evening"),
        "EVE.early": translate("MedicationsTab", "early evening"),
        "EVE.late": translate("MedicationsTab", "late evening"),
        "NIGHT": translate("MedicationsTab", "night"),
        "PHS": translate("MedicationsTab", "after sleep"),
        # HL7 v3 TimingEvent
        "HS": translate("MedicationsTab", "at bedtime"),
        "WAKE": translate("MedicationsTab", "on waking"),
        "C": translate("MedicationsTab", "with meals"),
        "CM": translate("MedicationsTab", "with breakfast"),
        "CD": translate("MedicationsTab", "with lunch"),
        "CV": translate("MedicationsTab", "with dinner"),
        "AC": translate("MedicationsTab", "before meals"),
        "ACM": translate("MedicationsTab", "before breakfast"),
        "ACD": translate("MedicationsTab", "before lunch"),
        "ACV": translate("MedicationsTab", "before dinner"),
        "PC": translate("MedicationsTab", "after meals"),
        "PCM": translate("MedicationsTab", "after breakfast"),
        "PCD": translate("MedicationsTab", "after lunch"),
        "PCV": translate("MedicationsTab", "after dinner"),
        "IC": translate("MedicationsTab", "between meals"),
        "ICM": translate("MedicationsTab", "between breakfast and lunch"),
        "ICD": translate("MedicationsTab", "between lunch and dinner"),
        "ICV": translate("MedicationsTab", "between dinner and bedtime"),
    }
    return words.get(code, code)


def weekday_name(code: str) -> str:
    number = _DAY_NUMBERS.get(code.lower())
    if number is None:
        return code
    return QLocale().dayName(number, QLocale.FormatType.LongFormat)


def _whole(value: Decimal | None) -> int | None:
    """``value`` as an int when it is a whole number (periods are usually 1, 6, 8…)."""
    if value is None or value != value.to_integral_value():
        return None
    return int(value)


def _times_per(count: int, unit: str) -> str:
    """``count`` times per one ``unit``: "once a day", "twice a day", "3 times a week".

    The English source texts are the plural forms and 1 has its own words, so English reads
    right even before its plural forms are compiled.
    """
    if count == 1:
        return {
            "d": translate("MedicationsTab", "once a day"),
            "wk": translate("MedicationsTab", "once a week"),
            "h": translate("MedicationsTab", "once an hour"),
            "min": translate("MedicationsTab", "once a minute"),
            "mo": translate("MedicationsTab", "once a month"),
            "a": translate("MedicationsTab", "once a year"),
        }.get(unit, translate("MedicationsTab", "once a second"))
    if unit == "d":
        if count == 2:
            return translate("MedicationsTab", "twice a day")
        return translate("MedicationsTab", "%n times a day", None, count)
    if unit == "wk":
        return translate("MedicationsTab", "%n times a week", None, count)
    if unit == "h":
        return translate("MedicationsTab", "%n times an hour", None, count)
    if unit == "min":
        return translate("MedicationsTab", "%n times a minute", None, count)
    if unit == "mo":
        return translate("MedicationsTab", "%n times a month", None, count)
    if unit == "a":
        return translate("MedicationsTab", "%n times a year", None, count)
    return translate("MedicationsTab", "%n times a second", None, count)


def _every(period: int, unit: str) -> str:
    """ "every 6 hours", "every day", "every 2 weeks"."""
    if period == 1:
        return {
            "d": translate("MedicationsTab", "every day"),
            "wk": translate("MedicationsTab", "every week"),
            "h": translate("MedicationsTab", "every hour"),
            "min": translate("MedicationsTab", "every minute"),
            "mo": translate("MedicationsTab", "every month"),
            "a": translate("MedicationsTab", "every year"),
        }.get(unit, translate("MedicationsTab", "every second"))
    if unit == "d":
        return translate("MedicationsTab", "every %n days", None, period)
    if unit == "wk":
        return translate("MedicationsTab", "every %n weeks", None, period)
    if unit == "h":
        return translate("MedicationsTab", "every %n hours", None, period)
    if unit == "min":
        return translate("MedicationsTab", "every %n minutes", None, period)
    if unit == "mo":
        return translate("MedicationsTab", "every %n months", None, period)
    if unit == "a":
        return translate("MedicationsTab", "every %n years", None, period)
    return translate("MedicationsTab", "every %n seconds", None, period)


SNOMED = "http://snomed.info/sct"


def route_word(codes: Sequence[tuple[str, str]], sent: str | None) -> str:
    """The route in the current language when its code is a common one, else the text as sent.

    EHRs often carry the route's display in one language only ("Oral route", "Voie orale");
    a SNOMED CT code (the French and German FHIR profiles use SNOMED CT routes) says the same
    thing in every language.
    """
    words = {
        "oral": translate("MedicationsTab", "by mouth"),
        "iv": translate("MedicationsTab", "intravenous"),
        "sc": translate("MedicationsTab", "subcutaneous"),
        "im": translate("MedicationsTab", "intramuscular"),
        "inhaled": translate("MedicationsTab", "inhaled"),
        "nasal": translate("MedicationsTab", "nasal"),
        "rectal": translate("MedicationsTab", "rectal"),
        "skin": translate("MedicationsTab", "on the skin"),
        "transdermal": translate("MedicationsTab", "transdermal patch"),
        "sublingual": translate("MedicationsTab", "under the tongue"),
    }
    for system, code in codes:
        key = _ROUTES.get(system, {}).get(code)
        if key is not None:
            return words[key]
    return sent or ""


_ROUTES: dict[str, dict[str, str]] = {
    SNOMED: {
        "26643006": "oral",
        "47625008": "iv",
        "34206005": "sc",
        "78421000": "im",
        "447694001": "inhaled",
        "46713006": "nasal",
        "37161004": "rectal",
        "6064005": "skin",
        "45890007": "transdermal",
        "37839007": "sublingual",
    },
}


def _times(count: int) -> str:
    if count == 1:
        return translate("MedicationsTab", "once")
    return translate("MedicationsTab", "%n times", None, count)


def _unit_word(unit: str) -> str:
    """A period unit as a plural noun, for periods that are not whole ("every 1.5 hours")."""
    return {
        "s": translate("MedicationsTab", "seconds"),
        "min": translate("MedicationsTab", "minutes"),
        "h": translate("MedicationsTab", "hours"),
        "d": translate("MedicationsTab", "days"),
        "wk": translate("MedicationsTab", "weeks"),
        "mo": translate("MedicationsTab", "months"),
        "a": translate("MedicationsTab", "years"),
    }.get(unit, unit)


def rhythm_text(frequency: Frequency) -> str:
    """How often, from count/period/periodUnit alone ("" when the order does not say)."""
    unit = frequency.period_unit
    if frequency.period is None or unit is None:
        count = frequency.count
        if count is None or count < 1:
            return ""
        return _times(count)
    count = frequency.count if frequency.count and frequency.count > 0 else 1
    period = _whole(frequency.period)
    if period is None:  # not a whole number: "every 1.5 hours"
        every = (
            translate("MedicationsTab", "every %1 %2")
            .replace("%1", i18n.number(frequency.period))
            .replace("%2", _unit_word(unit))
        )
    elif period == 1 and not (count == 1 and unit in ("h", "min", "s")):
        return _times_per(count, unit)
    else:
        every = _every(period, unit)
    if count == 1:
        return every
    return translate("MedicationsTab", "%1 %2").replace("%1", _times(count)).replace("%2", every)


def frequency_text(frequency: Frequency) -> str:
    """The whole dosing rhythm in words, "" when the order gives none (e.g. continuous oxygen).

    Named moments (``when``) and clock times (``timeOfDay``) say more than the count, so a daily
    count is left out when they are present ("morning and evening", not "twice a day, morning
    and evening"); any other rhythm comes first ("every 2 days, morning"). A PRN rhythm is a
    limit, so it reads "at most every 6 hours" / "at most 3 times a day".
    """
    parts: list[str] = []
    moments = [when_word(code) for code in frequency.when]
    times = [clock_text(moment) for moment in frequency.times_of_day]
    daily = (
        frequency.period_unit == "d"
        and frequency.period is not None
        and _whole(frequency.period) == 1
    )
    rhythm = rhythm_text(frequency)
    if rhythm and not ((moments or times) and (daily or frequency.period is None)):
        if frequency.as_needed:
            rhythm = translate("MedicationsTab", "at most %1").replace("%1", rhythm)
        parts.append(rhythm)
    if moments:
        parts.append(list_text(moments))
    if times:
        parts.append(translate("MedicationsTab", "at %1").replace("%1", list_text(times)))
    if frequency.days_of_week:
        days = list_text([weekday_name(code) for code in frequency.days_of_week])
        parts.append(translate("MedicationsTab", "on %1").replace("%1", days))
    return ", ".join(parts)
