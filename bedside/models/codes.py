"""Codes more than one layer reads the same way; one place, so that they never drift apart.

Plain constants (no I/O): the sync layer builds its queries with them and the services their
rules, and neither has to import the other for them.
"""

from __future__ import annotations

# Encounter statuses of a patient who holds a bed now: admitted (arrived, triaged), in the bed,
# or on leave with the bed kept.
CURRENT_ENCOUNTER_STATUSES: tuple[str, ...] = ("arrived", "triaged", "in-progress", "onleave")
