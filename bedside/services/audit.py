"""Audit events for staff sessions: sign-ins (and failed ones), locks, patient-record openings.

Owns the FHIR ``AuditEvent`` these are written as (DICOM audit codes, as the FHIR R4 examples use)
and queues each one through :class:`~bedside.services.recording.Recorder` so it reaches the EHR
exactly once, with the rest of the outbox:

* sign-in: type DCM 110114 "User Authentication", subtype 110122 "Login", action E; outcome 0 on
  success, 4 for a wrong PIN, 8 when that wrong PIN locked the badge on this tablet;
* lock / sign-out: same type, subtype 110123 "Logout"; the reason in ``outcomeDesc``;
* record opening: type DCM 110110 "Patient Record", subtype ``read``, action R, with the Patient as
  ``entity.what``.

``agent`` is the staff member (Practitioner reference and name, the requestor; left out when a
wrong PIN was typed for a badge this tablet has never seen) and the device (``who.identifier`` =
the device id); ``source.observer`` is the device. ``recorded`` is to the millisecond, UTC. A badge
or a PIN never goes into an event.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from bedside.services.clock import Clock, system_clock
from bedside.services.recording import Recorder
from bedside.store import OutboxEntry

DCM = "http://dicom.nema.org/resources/ontology/DCM"
RESTFUL_INTERACTION = "http://hl7.org/fhir/restful-interaction"
SECURITY_ROLE_TYPE = "http://terminology.hl7.org/CodeSystem/extra-security-role-type"
PARTICIPATION_TYPE = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType"
SOURCE_TYPE = "http://terminology.hl7.org/CodeSystem/security-source-type"
ENTITY_TYPE = "http://terminology.hl7.org/CodeSystem/audit-entity-type"
OBJECT_ROLE = "http://terminology.hl7.org/CodeSystem/object-role"
DEVICE_ID_SYSTEM = "urn:bedside:device"

JSON = dict[str, Any]


class AuditOutcome(StrEnum):
    """AuditEvent.outcome (R4 value set audit-event-outcome)."""

    SUCCESS = "0"
    MINOR_FAILURE = "4"
    SERIOUS_FAILURE = "8"


@dataclass(frozen=True)
class Actor:
    """The staff member an event is about, as far as the tablet knows them."""

    practitioner_id: str | None
    name: str | None = None
    # A FHIR Identifier (a staff number) for someone the tablet knows by no Practitioner id —
    # a directory account refused before it was linked to a staff record, say.
    identifier: Mapping[str, str] | None = None

    def __repr__(self) -> str:  # names and staff numbers stay out of logs and tracebacks
        return f"Actor(practitioner_id={self.practitioner_id!r})"


def _coding(system: str, code: str, display: str | None = None) -> JSON:
    out: JSON = {"system": system, "code": code}
    if display:
        out["display"] = display
    return out


def _instant(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _device(device_id: str) -> JSON:
    return {"identifier": {"system": DEVICE_ID_SYSTEM, "value": device_id}, "display": device_id}


def _agents(actor: Actor | None, device_id: str) -> list[JSON]:
    agents: list[JSON] = []
    who: JSON | None = None
    if actor is not None and actor.practitioner_id is not None:
        who = {"reference": f"Practitioner/{actor.practitioner_id}"}
    elif actor is not None and actor.identifier is not None:
        who = {"identifier": dict(actor.identifier)}
    if actor is not None and who is not None:
        if actor.name:
            who["display"] = actor.name
        agents.append(
            {
                "type": {"coding": [_coding(SECURITY_ROLE_TYPE, "humanuser", "human user")]},
                "who": who,
                "requestor": True,
            }
        )
    agents.append(
        {
            "type": {"coding": [_coding(PARTICIPATION_TYPE, "DEV", "device")]},
            "who": _device(device_id),
            "requestor": False,
        }
    )
    return agents


def _event(
    *,
    event_type: JSON,
    subtype: JSON,
    action: str,
    outcome: AuditOutcome,
    description: str | None,
    actor: Actor | None,
    device_id: str,
    at: datetime,
) -> JSON:
    event: JSON = {
        "resourceType": "AuditEvent",
        "type": event_type,
        "subtype": [subtype],
        "action": action,
        "recorded": _instant(at),
        "outcome": outcome.value,
    }
    if description:
        event["outcomeDesc"] = description
    event["agent"] = _agents(actor, device_id)
    event["source"] = {
        "observer": _device(device_id),
        "type": [_coding(SOURCE_TYPE, "1", "User Device")],
    }
    return event


def sign_in_event(
    actor: Actor | None,
    *,
    device_id: str,
    at: datetime,
    outcome: AuditOutcome = AuditOutcome.SUCCESS,
    description: str | None = None,
) -> JSON:
    """A sign-in attempt that checked a PIN: success, wrong PIN, or the wrong PIN that locked."""
    return _event(
        event_type=_coding(DCM, "110114", "User Authentication"),
        subtype=_coding(DCM, "110122", "Login"),
        action="E",
        outcome=outcome,
        description=description,
        actor=actor,
        device_id=device_id,
        at=at,
    )


def sign_out_event(actor: Actor, *, device_id: str, at: datetime, reason: str) -> JSON:
    """The screen locked (idle, another badge, the Lock button, sign-out)."""
    return _event(
        event_type=_coding(DCM, "110114", "User Authentication"),
        subtype=_coding(DCM, "110123", "Logout"),
        action="E",
        outcome=AuditOutcome.SUCCESS,
        description=f"locked: {reason}",
        actor=actor,
        device_id=device_id,
        at=at,
    )


def record_opened_event(actor: Actor, patient_id: str, *, device_id: str, at: datetime) -> JSON:
    """A staff member opened a patient's record (chart) on this tablet."""
    event = _event(
        event_type=_coding(DCM, "110110", "Patient Record"),
        subtype=_coding(RESTFUL_INTERACTION, "read", "read"),
        action="R",
        outcome=AuditOutcome.SUCCESS,
        description=None,
        actor=actor,
        device_id=device_id,
        at=at,
    )
    event["entity"] = [
        {
            "what": {"reference": f"Patient/{patient_id}"},
            "type": _coding(ENTITY_TYPE, "1", "Person"),
            "role": _coding(OBJECT_ROLE, "1", "Patient"),
        }
    ]
    return event


class AuditTrail:
    """Builds the session's audit events and queues them in the outbox."""

    def __init__(self, recorder: Recorder, device_id: str, *, clock: Clock = system_clock) -> None:
        self._recorder = recorder
        self._device_id = device_id
        self._clock = clock

    async def _record(self, event: Mapping[str, Any]) -> OutboxEntry:
        return await self._recorder.record_event(event)

    async def signed_in(self, actor: Actor, *, how: str) -> OutboxEntry:
        """A successful sign-in; ``how`` says what checked it ("online: PIN checked by …")."""
        return await self._record(
            sign_in_event(actor, device_id=self._device_id, at=self._clock(), description=how)
        )

    async def sign_in_refused(
        self, actor: Actor | None, *, what: str = "wrong PIN", locked: bool = False
    ) -> OutboxEntry:
        """A refused sign-in: ``what`` was wrong; ``locked`` when it locked the badge."""
        outcome = AuditOutcome.SERIOUS_FAILURE if locked else AuditOutcome.MINOR_FAILURE
        description = f"{what}; badge locked on this device" if locked else what
        return await self._record(
            sign_in_event(
                actor,
                device_id=self._device_id,
                at=self._clock(),
                outcome=outcome,
                description=description,
            )
        )

    async def locked(self, actor: Actor, reason: str) -> OutboxEntry:
        return await self._record(
            sign_out_event(actor, device_id=self._device_id, at=self._clock(), reason=reason)
        )

    async def record_opened(self, actor: Actor, patient_id: str) -> OutboxEntry:
        return await self._record(
            record_opened_event(actor, patient_id, device_id=self._device_id, at=self._clock())
        )
