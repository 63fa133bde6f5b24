"""Words of the meal screens: services, allergens, diets, textures, and why a dish is greyed.

The meal rules return structure (:class:`bedside.services.meal_rules.Reason`, sitting states);
these functions say it in the current language, in the plain words a patient understands
("contains milk — allergy recorded", "not allowed on your low-salt diet"). They are re-run on
every language switch. Codes the app does not know are shown as the EHR sent them.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from bedside.services.meal_plan import Delivery
from bedside.services.meal_rules import NilByMouth, Reason, ReasonKind
from bedside.ui import i18n
from bedside.ui.i18n import translate


def service_name(service: str) -> str:
    names = {
        "breakfast": translate("MealWords", "Breakfast"),
        "lunch": translate("MealWords", "Lunch"),
        "dinner": translate("MealWords", "Dinner"),
    }
    return names.get(service, service)


def allergen_name(code: str) -> str:
    """One of the EU 14, as a patient says it ("milk", "tree nuts")."""
    names = {
        "gluten": translate("MealWords", "gluten"),
        "crustaceans": translate("MealWords", "crustaceans"),
        "eggs": translate("MealWords", "eggs"),
        "fish": translate("MealWords", "fish"),
        "peanuts": translate("MealWords", "peanuts"),
        "soybeans": translate("MealWords", "soya"),
        "milk": translate("MealWords", "milk"),
        "nuts": translate("MealWords", "tree nuts"),
        "celery": translate("MealWords", "celery"),
        "mustard": translate("MealWords", "mustard"),
        "sesame": translate("MealWords", "sesame"),
        "sulphites": translate("MealWords", "sulphites"),
        "lupin": translate("MealWords", "lupin"),
        "molluscs": translate("MealWords", "molluscs"),
    }
    return names.get(code, code)


def diet_name(code: str) -> str:
    """A diet type or preference, as in "your low-salt diet"."""
    names = {
        "normal": translate("MealWords", "normal"),
        "diabetic": translate("MealWords", "diabetic"),
        "low-salt": translate("MealWords", "low-salt"),
        "low-fat": translate("MealWords", "low-fat"),
        "renal": translate("MealWords", "renal"),
        "vegetarian": translate("MealWords", "vegetarian"),
        "vegan": translate("MealWords", "vegan"),
        "halal": translate("MealWords", "halal"),
        "kosher": translate("MealWords", "kosher"),
        "gluten-free": translate("MealWords", "gluten-free"),
        "dairy-free": translate("MealWords", "dairy-free"),
        "nut-free": translate("MealWords", "nut-free"),
    }
    return names.get(code, code)


def texture_name(level: int | None) -> str:
    """An IDDSI food level in words ("pureed")."""
    names = {
        3: translate("MealWords", "liquidised"),
        4: translate("MealWords", "pureed"),
        5: translate("MealWords", "minced and moist"),
        6: translate("MealWords", "soft and bite-sized"),
        7: translate("MealWords", "regular"),
    }
    if level is None:
        return translate("MealWords", "unknown")
    return names.get(level, str(level))


def reason_text(reason: Reason) -> str:
    """Why a dish is greyed, in one short sentence."""
    code = reason.code or ""
    if reason.kind is ReasonKind.ALLERGY:
        return translate("MealWords", "Contains %1 — allergy recorded").replace(
            "%1", allergen_name(code)
        )
    if reason.kind is ReasonKind.EXCLUDED:
        return translate("MealWords", "Contains %1 — left out of your diet").replace(
            "%1", allergen_name(code)
        )
    if reason.kind is ReasonKind.ALLERGENS_NOT_DECLARED:
        return translate("MealWords", "Allergens not declared — cannot be checked for you")
    if reason.kind is ReasonKind.DIET:
        return translate("MealWords", "Not allowed on your %1 diet").replace("%1", diet_name(code))
    if reason.kind is ReasonKind.DIET_UNKNOWN:
        return translate("MealWords", "Your diet (%1) cannot be checked here").replace("%1", code)
    if reason.kind is ReasonKind.PREFERENCE:
        return translate("MealWords", "Not %1").replace("%1", diet_name(code))
    if reason.kind is ReasonKind.TEXTURE:
        return translate("MealWords", "Not suitable for the %1 texture").replace(
            "%1", texture_name(reason.level)
        )
    return translate("MealWords", "Texture not given — cannot be checked for you")


def contains_text(allergens: frozenset[str], declared: bool, order: tuple[str, ...]) -> str:
    """The allergen line of a dish card."""
    if not declared:
        return translate("MealWords", "Allergens: not declared")
    if not allergens:
        return translate("MealWords", "None of the 14 main allergens")
    names = [allergen_name(code) for code in order if code in allergens]
    return translate("MealWords", "Contains: %1").replace("%1", ", ".join(names))


def day_word(day: date, today: date) -> str:
    """ "Today", "Tomorrow", else the weekday and date."""
    if day == today:
        return translate("MealWords", "Today")
    if day == today + timedelta(days=1):
        return translate("MealWords", "Tomorrow")
    return f"{i18n.weekday_text(day)} {i18n.date_text(day)}"


def duration_text(left: timedelta) -> str:
    """A countdown in words: "2 h 05 min", "12 min", "less than a minute"."""
    minutes = int(left.total_seconds() // 60)
    if minutes < 1:
        return translate("MealWords", "less than a minute")
    hours, minutes = divmod(minutes, 60)
    if hours >= 24:
        days = hours // 24
        return translate("MealWords", "%n day(s)", None, days)
    if hours:
        return (
            translate("MealWords", "%1 h %2 min")
            .replace("%1", str(hours))
            .replace("%2", f"{minutes:02d}")
        )
    return translate("MealWords", "%1 min").replace("%1", str(minutes))


def moment_text(moment: datetime, today: date) -> str:
    """ "today at 15:00", "tomorrow at 08:00", or a weekday and date with the time."""
    local = i18n.local_time(moment)
    clock = i18n.time_text(local)
    if local.date() == today:
        return translate("MealWords", "today at %1").replace("%1", clock)
    if local.date() == today + timedelta(days=1):
        return translate("MealWords", "tomorrow at %1").replace("%1", clock)
    if local.date() == today - timedelta(days=1):
        return translate("MealWords", "yesterday at %1").replace("%1", clock)
    return (
        translate("MealWords", "%1 at %2")
        .replace("%1", f"{i18n.weekday_text(local.date())} {i18n.date_text(local.date())}")
        .replace("%2", clock)
    )


def nil_by_mouth_text(window: NilByMouth, today: date) -> str:
    """Why ordering is blocked: "Nothing to eat or drink until tomorrow at 10:00: before …"."""
    if window.end is not None:
        head = translate("MealWords", "Nothing to eat or drink until %1").replace(
            "%1", moment_text(window.end, today)
        )
    else:
        head = translate("MealWords", "Nothing to eat or drink until your care team says so")
    if window.source == "appointment" and window.what:
        return (
            translate("MealWords", "%1 — to prepare for: %2")
            .replace("%1", head)
            .replace("%2", window.what)
        )
    return translate("MealWords", "%1 — your care team's instruction").replace("%1", head)


def delivery_text(delivery: Delivery) -> str:
    if delivery is Delivery.SENT:
        return translate("MealWords", "Sent to the kitchen")
    if delivery is Delivery.WAITING:
        return translate("MealWords", "Saved — will be sent when the connection is back")
    return translate("MealWords", "Not accepted — please ask your nurse")
