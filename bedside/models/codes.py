"""Codes more than one layer reads the same way; one place, so that they never drift apart.

Plain constants (no I/O): the sync layer builds its queries with them and the services their
rules, and neither has to import the other for them.
"""

from __future__ import annotations

# Encounter statuses of a patient who holds a bed now: admitted (arrived, triaged), in the bed,
# or on leave with the bed kept.
CURRENT_ENCOUNTER_STATUSES: tuple[str, ...] = ("arrived", "triaged", "in-progress", "onleave")


def upload_key_system(site_id: str) -> str:
    """The ``meta.tag`` system of the exactly-once key every resource a tablet writes carries.

    The code is the resource's own client-chosen UUID. A tag, not an ``identifier``: every R4
    resource has ``meta.tag`` and every server searches it (``_tag``), while several types Bedside
    writes have no ``identifier`` (AuditEvent). Also the ``identifier`` system of the events whose
    type has one, so the EHR can show the tablet's key beside its own id.
    """
    return f"urn:bedside:site:{site_id}:event"


# Resource types Bedside writes that have no ``identifier`` element in FHIR R4.
TYPES_WITHOUT_IDENTIFIER: frozenset[str] = frozenset({"AuditEvent"})


def is_upload_key_system(system: str) -> bool:
    """Whether a tag system is one of :func:`upload_key_system`'s (of any site)."""
    return system.startswith("urn:bedside:site:") and system.endswith(":event")


# The ``meta.tag`` system of a record sent again after the EHR deleted it (a nurse kept the
# tablet's version): it has no upload key of its own, so its outbox change id is the key.
CHANGE_KEY_SYSTEM = "urn:bedside:outbox-change"
