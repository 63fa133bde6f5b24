"""Patient mode on a bed tablet: who lies in this bed now, and how they like the screen this stay.

Owns two things:

* **The occupant** of a bed: the patient whose *current* stay places them in it, by the same rule
  as the ward board (:func:`bedside.services.ward.places_now`). The sync keeps a departed
  patient's data in the cache while some of their changes are still unsettled, so having their
  resources at hand never means they are still here: a finished stay, or a stay that has moved
  to another bed, is not an occupant. Two current stays claiming the bed (a transfer not closed
  yet) give no occupant either — the tablet must never greet the wrong person.
* **Stay preferences** (language, text size, contrast) kept in the encrypted cache as one device
  fact tagged with the stay's encounter id: a new stay in the bed starts from the defaults and
  never inherits the previous patient's choices.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import tzinfo
from typing import Literal, TypeGuard, TypeVar, get_args

from bedside.models import (
    Encounter,
    FhirModelError,
    HumanName,
    Location,
    Patient,
    parse_as,
)
from bedside.models.codes import CURRENT_ENCOUNTER_STATUSES
from bedside.services.clock import Clock, system_clock
from bedside.services.ward import places_now, reference_id
from bedside.store import Store

log = logging.getLogger(__name__)

ModelT = TypeVar("ModelT", Patient, Location)

TextSize = Literal["normal", "large", "very-large"]
TEXT_SIZES: tuple[str, ...] = get_args(TextSize)
PREFERENCES_FACT = "patient-mode.stay-preferences"


@dataclass(frozen=True)
class BedOccupant:
    """The patient in a bed, with the words patient mode greets and names them with."""

    patient_id: str
    encounter_id: str
    given_name: str  # first given name; the whole name when there is none
    display_name: str  # "Marie Dupont": given names then family name, as the patient writes it
    bed_id: str
    bed_label: str  # the bed Location's name, as on the ward board
    # The language the patient's record says they prefer (BCP 47), if any: a first guess only.
    preferred_language: str | None = None


@dataclass(frozen=True)
class StayPreferences:
    """How the patient wants the screen, remembered for this stay only."""

    language: str | None = None  # None: the site's language
    text_size: TextSize = "normal"
    high_contrast: bool = False


DEFAULT_PREFERENCES = StayPreferences()


def _own_name(patient: Patient) -> HumanName | None:
    """The name the patient goes by: ``usual`` (e.g. a French *nom d'usage*), else official."""
    return next((n for n in patient.name or [] if n.use == "usual"), None) or patient.official_name


def _names(patient: Patient) -> tuple[str, str]:
    """(given name to greet with, full name as the patient writes it); "" when none is known."""
    name = _own_name(patient)
    if name is None:
        return "", ""
    given = [part for part in name.given or [] if part]
    # As written (not the ward's upper-case FAMILY): the patient reads their own name.
    full = " ".join([*given, name.family]) if name.family else " ".join(given)
    full = full or (name.text or "")
    return (given[0] if given else full), full


def _preferred_language(patient: Patient) -> str | None:
    chosen = None
    for communication in patient.communication or []:
        code = next((c.code for c in communication.language.coding or [] if c.code), None)
        if code and (communication.preferred or chosen is None):
            chosen = code
            if communication.preferred:
                break
    return chosen


def _is_text_size(value: object) -> TypeGuard[TextSize]:
    return value in TEXT_SIZES


def _stay_start(encounter: Encounter) -> str:
    return (encounter.period.start if encounter.period else None) or ""


class PatientModeService:
    """Reads a bed's occupant and keeps their stay preferences."""

    def __init__(self, store: Store, *, clock: Clock = system_clock, tz: tzinfo) -> None:
        self._store = store
        self._clock = clock
        self._tz = tz

    async def occupant(self, bed_location_id: str) -> BedOccupant | None:
        """The patient a current stay places in this bed now; None for a free (or disputed) bed."""
        now = self._clock().astimezone(self._tz)
        claims: list[tuple[str, Encounter]] = []
        for raw in await self._store.find("Encounter", status=CURRENT_ENCOUNTER_STATUSES):
            try:
                encounter = parse_as(Encounter, raw)
            except FhirModelError as exc:
                log.warning("cached_resource_skipped problem=%r", exc.log_safe)
                continue
            patient_id = reference_id(encounter.subject, "Patient")
            if patient_id and encounter.id and bed_location_id in places_now(encounter, now):
                claims.append((patient_id, encounter))
        if not claims:
            return None
        if len({patient_id for patient_id, _ in claims}) > 1:
            log.warning("bed_conflict bed=%s encounters=%d", bed_location_id, len(claims))
            return None
        # One patient, possibly with two open stays: the latest admission is the one in the bed.
        patient_id, encounter = max(claims, key=lambda claim: _stay_start(claim[1]))
        assert encounter.id is not None
        patient = await self._parsed(Patient, "Patient", patient_id)
        if patient is None:
            # Without a readable record there is nobody to greet; the nurse sees the bed as
            # occupied on the ward board, where this is noticed.
            log.warning(
                "bed_patient_unreadable bed=%s reason=missing_or_unreadable", bed_location_id
            )
            return None
        bed = await self._parsed(Location, "Location", bed_location_id)
        given, full = _names(patient)
        return BedOccupant(
            patient_id=patient_id,
            encounter_id=encounter.id,
            given_name=given,
            display_name=full,
            bed_id=bed_location_id,
            bed_label=(bed.name if bed is not None and bed.name else bed_location_id),
            preferred_language=_preferred_language(patient),
        )

    async def _parsed(
        self, model: type[ModelT], resource_type: str, resource_id: str
    ) -> ModelT | None:
        raw = await self._store.get(resource_type, resource_id)
        if raw is None:
            return None
        try:
            return parse_as(model, raw)
        except FhirModelError as exc:
            log.warning("cached_resource_skipped problem=%r", exc.log_safe)
            return None

    async def preferences(self, encounter_id: str) -> StayPreferences:
        """This stay's preferences; the defaults for a stay that saved none."""
        text = await self._store.device_fact(PREFERENCES_FACT)
        if text is None:
            return DEFAULT_PREFERENCES
        try:
            saved = json.loads(text)
        except ValueError:
            saved = None
        if not isinstance(saved, dict):
            log.warning("stay_preferences_unreadable using=defaults")
            return DEFAULT_PREFERENCES
        if saved.get("encounter_id") != encounter_id:
            return DEFAULT_PREFERENCES  # another stay's: never carried over to a new patient
        language, text_size, contrast = (
            saved.get("language"),
            saved.get("text_size"),
            saved.get("high_contrast"),
        )
        if (
            not (language is None or (isinstance(language, str) and language))
            or not _is_text_size(text_size)
            or not isinstance(contrast, bool)
        ):
            log.warning("stay_preferences_malformed using=defaults")
            return DEFAULT_PREFERENCES
        return StayPreferences(language=language, text_size=text_size, high_contrast=contrast)

    async def save_preferences(self, encounter_id: str, prefs: StayPreferences) -> None:
        """Remember ``prefs`` for this stay (replacing any earlier stay's)."""
        if not _is_text_size(prefs.text_size):
            raise ValueError(f"text size should be one of {', '.join(TEXT_SIZES)}")
        fact = {
            "encounter_id": encounter_id,
            "language": prefs.language or None,
            "text_size": prefs.text_size,
            "high_contrast": bool(prefs.high_contrast),
        }
        await self._store.set_device_fact(PREFERENCES_FACT, json.dumps(fact))
