"""Where something recorded on this tablet is on its way to the EHR, in one word per screen.

Owns :class:`Delivery` and how it is read from the outbox, for every screen that says "saved,
will be sent" and then "sent": meal choices, a round of vital signs. The words come from the
outbox rows still unsettled; a resource with none has reached the EHR. Screens read it again
when the store announces an outbox change (:mod:`bedside.store.changes`).
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from bedside.store import Store
from bedside.store.records import OutboxState

WAITING_STATES: frozenset[OutboxState] = frozenset({"pending", "in_flight"})
REFUSED_STATES: frozenset[OutboxState] = frozenset({"conflict", "rejected"})
_UNSETTLED: tuple[OutboxState, ...] = ("pending", "in_flight", "conflict", "rejected")


class Delivery(StrEnum):
    """Where a change made here is on its way to the EHR."""

    SENT = "sent"  # the EHR has it
    WAITING = "waiting"  # saved on the tablet, goes out when the connection is back
    REFUSED = "refused"  # the EHR refused it; a nurse sees it in the sync review


async def deliveries(store: Store, resource_type: str) -> dict[str, Delivery]:
    """Where each resource of ``resource_type`` with an unsettled change is, by id.

    A resource missing from the answer has nothing waiting: the EHR has it.
    """
    found: dict[str, Delivery] = {}
    for row in await store.outbox(_UNSETTLED):
        if row.resource_type != resource_type:
            continue
        if row.state in REFUSED_STATES:
            found[row.resource_id] = Delivery.REFUSED
        elif row.state in WAITING_STATES and found.get(row.resource_id) != Delivery.REFUSED:
            found[row.resource_id] = Delivery.WAITING
    return found


def together(parts: Iterable[Delivery]) -> Delivery:
    """Where several changes made together are: refused if one was, waiting while one waits."""
    seen = set(parts)
    if Delivery.REFUSED in seen:
        return Delivery.REFUSED
    if Delivery.WAITING in seen:
        return Delivery.WAITING
    return Delivery.SENT
