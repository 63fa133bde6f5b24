"""The EHR's staff directory as the sign-in needs it: check a badge + PIN online.

Owns one FHIR operation call, ``POST {base}/Practitioner/$verify-pin`` with a ``Parameters`` body
(``badge`` as a ``valueIdentifier``, ``pin`` as a ``valueString``), authenticated by the device's
token like every other request — and the question before it: does this EHR offer the operation at
all? ``$verify-pin`` is not a standard FHIR operation, so it is called only when the EHR's
CapabilityStatement declares it on Practitioner (``ServerAbilities.supports_operation``);
otherwise the check is :class:`SignInNotOfferedError` and nothing is sent.

The answer is the staff member's ``Practitioner``. A wrong PIN is
:class:`~bedside.sync.errors.PinRejectedError` (403 with a ``security`` issue). A badge is
:class:`~bedside.sync.errors.UnknownBadgeError` only when the operation says so: a 404 whose
OperationOutcome has the IssueType ``not-found``. A 404 without it, a 405, a 501 or a
``not-supported`` issue mean the operation is not there after all: :class:`SignInNotOfferedError`,
never "unknown badge" (which would make the tablet forget that badge's offline verifier).
Anything else is the client's usual errors.

A PIN is sent once and never retried (a retry would count as a second wrong PIN on the EHR), and
neither the PIN nor the badge is ever logged or put into an error message.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from bedside.sync.abilities import ServerAbilities
from bedside.sync.client import FhirClient, json_object
from bedside.sync.errors import (
    AuthError,
    PinRejectedError,
    ProtocolError,
    RejectedError,
    ServerError,
    SyncError,
    UnknownBadgeError,
)

log = logging.getLogger(__name__)

VERIFY_PIN = "verify-pin"
VERIFY_PIN_PATH = f"Practitioner/${VERIFY_PIN}"

AbilitiesSource = Callable[[], Awaitable[ServerAbilities]]


class SignInNotOfferedError(SyncError):
    """This EHR does not offer ``Practitioner/$verify-pin``: staff sign-in is not set up for it.

    Neither a wrong PIN nor an unknown badge, and not a passing failure either: retrying cannot
    help until IT sets a sign-in method up (``staff.signin``).
    """


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


def _issue_codes(error: SyncError) -> set[str]:
    # The client keeps the OperationOutcome as "severity/code: text; …" in ``detail``.
    codes = set()
    for part in error.detail.split("; "):
        head = part.split(":", 1)[0]
        if "/" in head:
            codes.add(head.rsplit("/", 1)[1].strip())
    return codes


def _not_offered(error: SyncError) -> SignInNotOfferedError:
    return SignInNotOfferedError(
        "This EHR does not offer staff sign-in (Practitioner/$verify-pin).",
        status=error.status,
        detail=error.detail,
    )


class StaffDirectory:
    """Badge + PIN checks against the EHR, through the tablet's one :class:`FhirClient`."""

    def __init__(
        self,
        client: FhirClient,
        *,
        abilities: AbilitiesSource | None = None,
        badge_system: str | None = None,
    ) -> None:
        # ``abilities``: the engine's (it reads /metadata once for everyone); None reads it here,
        # once. ``badge_system`` None: the badge goes without a system and the EHR matches it in
        # its own badge namespace.
        self._client = client
        self._abilities = abilities
        self._own_abilities: ServerAbilities | None = None
        self._badge_system = badge_system

    async def offers_verify_pin(self) -> bool:
        """Whether the EHR's CapabilityStatement declares ``Practitioner/$verify-pin``.

        Raises the client's errors when the statement cannot be read (offline: the caller's
        offline sign-in decides).
        """
        if self._abilities is not None:
            abilities = await self._abilities()
        else:
            if self._own_abilities is None:
                statement = await self._client.capabilities()
                self._own_abilities = ServerAbilities.from_capability_statement(statement)
            abilities = self._own_abilities
        return abilities.supports_operation("Practitioner", VERIFY_PIN)

    async def verify_pin(self, badge: str, pin: str) -> dict[str, Any]:
        """The ``Practitioner`` JSON of the staff member whose badge and PIN these are."""
        if not await self.offers_verify_pin():
            log.warning("staff_sign_in_not_offered reason=not_in_capability_statement")
            raise SignInNotOfferedError(
                "This EHR does not declare staff sign-in (Practitioner/$verify-pin)."
            )
        body = verify_pin_parameters(badge, pin, self._badge_system)
        try:
            response = await self._client.request("POST", VERIFY_PIN_PATH, body=body, retry=False)
        except RejectedError as exc:
            codes = _issue_codes(exc)
            if exc.status == 403 and "security" in codes:
                # A 403 whose issue is "security" is the PIN check; any other 403 (a token without
                # Practitioner read, say) is about this device's access, not a wrong PIN.
                raise PinRejectedError("The PIN is wrong.", status=403, detail=exc.detail) from None
            if exc.status == 403:
                raise AuthError(
                    "The EHR does not let this device check staff PINs.",
                    status=403,
                    detail=exc.detail,
                ) from None
            if exc.status == 404 and "not-found" in codes:
                raise UnknownBadgeError(
                    "No active staff member has this badge.", status=404, detail=exc.detail
                ) from None
            if exc.status in (404, 405) or "not-supported" in codes:
                # Declared but not there (a proxy's bare 404, a route the server never had):
                # the operation is unavailable, and the badge may well be known.
                log.warning("staff_sign_in_not_offered reason=operation_answered_%d", exc.status)
                raise _not_offered(exc) from None
            raise
        except ServerError as exc:
            if exc.status == 501:
                log.warning("staff_sign_in_not_offered reason=operation_answered_501")
                raise _not_offered(exc) from None
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
