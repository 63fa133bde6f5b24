"""A patient's appointments over a few days (today and tomorrow), read from the cache.

Owns which appointments a schedule shows and how their texts are picked: an appointment that
overlaps the requested local days, not cancelled, no-show or entered in error, sorted by start.
Texts stay as the server sent them; when the server gave a translation (the standard extension
``http://hl7.org/fhir/StructureDefinition/translation`` on the element's ``_element`` companion,
e.g. ``_description`` or ``_patientInstruction``, or on ``CodeableConcept._text`` and
``Coding._display``) in the requested language, that translation is used instead; otherwise the
text as sent. A language matches exactly first ("de-CH"), then by its primary subtag ("de").
Used by the nurse's chart and, later, by patient mode.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any

from bedside.models import (
    Appointment,
    AppointmentParticipant,
    FhirModelError,
    Location,
    Practitioner,
    parse_as,
)
from bedside.services.clock import Clock, system_clock
from bedside.store import Store

log = logging.getLogger(__name__)

EXT_TRANSLATION = "http://hl7.org/fhir/StructureDefinition/translation"
HIDDEN_STATUSES = frozenset({"cancelled", "noshow", "entered-in-error"})
# Participants who are people the patient meets (not the patient, not the place).
PEOPLE_TYPES = frozenset({"Practitioner", "PractitionerRole", "RelatedPerson", "CareTeam"})
# A long appointment that began the day before can still run into the first day.
LOOKBACK = timedelta(days=1)


@dataclass(frozen=True)
class AppointmentLine:
    appointment_id: str
    start: datetime | None
    end: datetime | None
    status: str
    what: str | None  # serviceType / appointmentType / description text, translated when possible
    description: str | None
    where: str | None
    with_whom: tuple[str, ...]
    instruction: str | None
    comment: str | None


def _primary(language: str) -> str:
    return language.split("-")[0].casefold()


def _translations(companion: Any) -> dict[str, str]:
    """lang -> content of the translation extensions in an ``_element`` companion."""
    found: dict[str, str] = {}
    extensions = companion.get("extension") if isinstance(companion, Mapping) else None
    for extension in extensions or ():
        if not isinstance(extension, Mapping) or extension.get("url") != EXT_TRANSLATION:
            continue
        parts = {
            part.get("url"): part.get("valueCode") or part.get("valueString")
            for part in extension.get("extension") or ()
            if isinstance(part, Mapping)
        }
        lang, content = parts.get("lang"), parts.get("content")
        if isinstance(lang, str) and isinstance(content, str) and content:
            found.setdefault(lang, content)
    return found


def translated(owner: Mapping[str, Any], element: str, language: str) -> str | None:
    """``owner[element]`` in ``language`` when the server sent that translation, else as sent."""
    text = owner.get(element)
    sent = text if isinstance(text, str) and text else None
    options = _translations(owner.get(f"_{element}"))
    if not options:
        return sent
    wanted = language.casefold()
    for lang, content in options.items():
        if lang.casefold() == wanted:
            return content
    for lang, content in options.items():
        if _primary(lang) == _primary(language):
            return content
    return sent


def concept_text(concept: Any, language: str) -> str | None:
    """A CodeableConcept's ``text``, else the first coding's ``display``, translated if possible."""
    if not isinstance(concept, Mapping):
        return None
    text = translated(concept, "text", language)
    if text:
        return text
    for coding in concept.get("coding") or ():
        if isinstance(coding, Mapping):
            display = translated(coding, "display", language)
            if display:
                return display
    return None


def _instant(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def _actor(participant: AppointmentParticipant) -> tuple[str | None, str | None, str | None]:
    """(type, id, display) of a participant's actor."""
    actor = participant.actor
    if actor is None:
        return None, None, None
    target = actor.reference_id
    if target is not None:
        return target[0], target[1], actor.display
    return actor.type, None, actor.display


class AppointmentService:
    """Lists appointments of one patient from the cache."""

    def __init__(self, store: Store, *, clock: Clock = system_clock, tz: tzinfo) -> None:
        self._store = store
        self._clock = clock
        self._tz = tz

    async def for_days(
        self, patient_id: str, first_day: date, days: int = 2, *, language: str = "en"
    ) -> list[AppointmentLine]:
        """Appointments overlapping ``days`` local days from ``first_day``, by start."""
        window_start = datetime.combine(first_day, time(), tzinfo=self._tz)
        window_end = datetime.combine(first_day + timedelta(days=days), time(), tzinfo=self._tz)
        raws = await self._store.find(
            "Appointment",
            patient_id=patient_id,
            since=(window_start - LOOKBACK).isoformat(),
            until=window_end.isoformat(),
        )
        kept: list[tuple[Appointment, Mapping[str, Any]]] = []
        for raw in raws:
            try:
                appointment = parse_as(Appointment, raw)
            except FhirModelError as exc:
                log.warning("cached_resource_skipped problem=%r", exc.log_safe)
                continue
            if appointment.status in HIDDEN_STATUSES or appointment.id is None:
                continue
            start, end = _instant(appointment.start), _instant(appointment.end)
            if start is None or start >= window_end or (end or start) < window_start:
                continue
            if end is None and start < window_start:
                continue
            kept.append((appointment, raw))
        names = await self._names(kept)
        lines = [self._line(a, raw, names, language) for a, raw in kept]
        return sorted(lines, key=lambda line: (line.start or window_start, line.appointment_id))

    async def _names(
        self, kept: list[tuple[Appointment, Mapping[str, Any]]]
    ) -> dict[tuple[str, str], str]:
        """Names of places and practitioners referenced without a display (one query per type)."""
        wanted: dict[str, set[str]] = {"Location": set(), "Practitioner": set()}
        for appointment, _ in kept:
            for participant in appointment.participant or ():
                kind, rid, display = _actor(participant)
                if kind in wanted and rid and not display:
                    wanted[kind].add(rid)
        names: dict[tuple[str, str], str] = {}
        if wanted["Location"]:
            for raw in await self._store.find("Location", ids=sorted(wanted["Location"])):
                try:
                    location = parse_as(Location, raw)
                except FhirModelError as exc:
                    log.warning("cached_resource_skipped problem=%r", exc.log_safe)
                    continue
                if location.id and location.name:
                    names["Location", location.id] = location.name
        if wanted["Practitioner"]:
            for raw in await self._store.find("Practitioner", ids=sorted(wanted["Practitioner"])):
                try:
                    practitioner = parse_as(Practitioner, raw)
                except FhirModelError as exc:
                    log.warning("cached_resource_skipped problem=%r", exc.log_safe)
                    continue
                name = next(iter(practitioner.name or ()), None)
                if practitioner.id and name is not None and name.display:
                    names["Practitioner", practitioner.id] = name.display
        return names

    def _line(
        self,
        appointment: Appointment,
        raw: Mapping[str, Any],
        names: Mapping[tuple[str, str], str],
        language: str,
    ) -> AppointmentLine:
        assert appointment.id is not None
        where: str | None = None
        people: list[str] = []
        for participant in appointment.participant or ():
            if participant.status == "declined":
                continue
            kind, rid, display = _actor(participant)
            name = display or (names.get((kind, rid)) if kind and rid else None)
            if kind == "Location" and where is None:
                where = name
            elif kind in PEOPLE_TYPES and name:
                people.append(name)
        service_types = raw.get("serviceType")
        what = next(
            (t for c in service_types or () if (t := concept_text(c, language))), None
        ) or concept_text(raw.get("appointmentType"), language)
        description = translated(raw, "description", language)
        start, end = _instant(appointment.start), _instant(appointment.end)
        return AppointmentLine(
            appointment_id=appointment.id,
            start=start.astimezone(self._tz) if start else None,
            end=end.astimezone(self._tz) if end else None,
            status=appointment.status,
            what=what or description,
            description=description,
            where=where,
            with_whom=tuple(dict.fromkeys(people)),
            instruction=translated(raw, "patientInstruction", language),
            comment=translated(raw, "comment", language),
        )
