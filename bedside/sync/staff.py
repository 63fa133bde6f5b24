"""The EHR's staff directory as the sign-in needs it: check a badge + PIN online.

Owns one FHIR operation call, ``POST {base}/Practitioner/$verify-pin`` with a ``Parameters`` body
(``badge`` as a ``valueIdentifier``, ``pin`` as a ``valueString``), authenticated by the device's
token like every other request. The answer is the staff member's ``Practitioner``; a wrong PIN is
:class:`~bedside.sync.errors.PinRejectedError`, an unknown or inactive badge
:class:`~bedside.sync.errors.UnknownBadgeError`, anything else the client's usual errors.

A PIN is sent once and never retried (a retry would count as a second wrong PIN on the EHR), and
neither the PIN nor the badge is ever logged or put into an error message.
"""

from __future__ import annotations

from typing import Any

from bedside.sync.client import FhirClient, json_object
from bedside.sync.errors import (
    AuthError,
    PinRejectedError,
    ProtocolError,
    RejectedError,
    UnknownBadgeError,
)

VERIFY_PIN_PATH = "Practitioner/$verify-pin"


def verify_pin_parameters(badge: str, pin: str, badge_system: str | None) -> dict[str, Any]:
    """The operation's ``Parameters`` body."""
    identifier = (
        {"value": badge} if badge_system is None else {"system": badge_system, "value": badge}
    )
    return {
        "resourceType": "Parameters",
        "parameter": [
            {"name": "badge", "valueIdentifier": identifier},
            {"name": "pin", "valueString": pin},
        ],
    }


def _is_security_refusal(error: RejectedError) -> bool:
    # The client keeps the OperationOutcome as "severity/code: text; …". A 403 whose issue is
    # "security" is the PIN check; any other 403 (a token without Practitioner read, say) is about
    # this device's access, and must not count as a wrong PIN.
    return any(part.split(":", 1)[0].endswith("/security") for part in error.detail.split("; "))


class StaffDirectory:
    """Badge + PIN checks against the EHR, through the tablet's one :class:`FhirClient`."""

    def __init__(self, client: FhirClient, *, badge_system: str | None = None) -> None:
        # None: the badge goes without a system and the EHR matches it in its own badge namespace.
        self._client = client
        self._badge_system = badge_system

    async def verify_pin(self, badge: str, pin: str) -> dict[str, Any]:
        """The ``Practitioner`` JSON of the staff member whose badge and PIN these are."""
        body = verify_pin_parameters(badge, pin, self._badge_system)
        try:
            response = await self._client.request("POST", VERIFY_PIN_PATH, body=body, retry=False)
        except RejectedError as exc:
            if exc.status == 403 and _is_security_refusal(exc):
                raise PinRejectedError("The PIN is wrong.", status=403, detail=exc.detail) from None
            if exc.status == 403:
                raise AuthError(
                    "The EHR does not let this device check staff PINs.",
                    status=403,
                    detail=exc.detail,
                ) from None
            if exc.status == 404:
                raise UnknownBadgeError(
                    "No active staff member has this badge.", status=404, detail=exc.detail
                ) from None
            raise
        return _practitioner(json_object(response))


def _practitioner(answer: dict[str, Any]) -> dict[str, Any]:
    if answer.get("resourceType") == "Practitioner":
        return answer  # a server may answer a single-resource operation with the resource itself
    if answer.get("resourceType") != "Parameters":
        raise ProtocolError("The EHR answered $verify-pin with something other than Parameters.")
    for parameter in answer.get("parameter") or []:
        if isinstance(parameter, dict) and parameter.get("name") == "practitioner":
            resource = parameter.get("resource")
            if isinstance(resource, dict) and resource.get("resourceType") == "Practitioner":
                return resource
    raise ProtocolError("The EHR answered $verify-pin without a Practitioner.")
