"""What Bedside needs from an EHR, and how a CapabilityStatement measures up to it.

One list (:func:`ehr_needs`) says, for every interaction, search parameter and operation the sync
and the sign-in use: what for, whether the tablet can work without it, and what it does when it
is missing. ``bedside doctor`` checks an EHR's statement against it (:func:`check_ehr`), and
``docs/ehr-requirements.md`` is kept equal to it by a test. Pure data, no I/O.

The parameters every resource has (``_id``, ``_lastUpdated``, ``_tag``, ``_count``, ``_summary``)
are often left out of a statement although the server supports them, so a missing declaration
of one of those is "not declared", not "missing".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from bedside.sync.abilities import ServerAbilities
from bedside.sync.scope import PATIENT_RESOURCES, SITE_RESOURCES

Kind = Literal["interaction", "search", "operation", "create-mode"]
Verdict = Literal["ok", "missing", "not declared"]

# Search parameters of every resource (FHIR R4 §3.1.1.1 and the search result parameters).
COMMON_PARAMETERS = frozenset({"_id", "_lastUpdated", "_tag", "_count", "_summary"})

# Types Bedside writes, and whether it changes them after creating them.
WRITTEN_TYPES: tuple[tuple[str, bool], ...] = (
    ("Observation", False),
    ("NutritionOrder", True),
    ("Task", True),
    ("AuditEvent", False),
)


@dataclass(frozen=True)
class Need:
    """One thing Bedside asks of the EHR."""

    resource_type: str
    kind: Kind
    name: str
    why: str
    if_missing: str
    essential: bool = True  # without it the tablet cannot do its work

    @property
    def label(self) -> str:
        if self.kind == "operation":
            return f"{self.resource_type}/${self.name}"
        if self.kind == "search":
            return f"{self.resource_type}?{self.name}"
        return f"{self.resource_type} {self.name}"


@dataclass(frozen=True)
class Finding:
    """One need, checked against one statement."""

    need: Need
    verdict: Verdict


def ehr_needs(*, signin_by_ehr: bool) -> list[Need]:
    """Everything Bedside uses, in the order the doctor reports it."""
    needs: list[Need] = []
    for resource_type in (
        *SITE_RESOURCES,
        "Encounter",
        "Patient",
        *(t for t, _ in PATIENT_RESOURCES),
    ):
        needs.append(
            Need(
                resource_type,
                "interaction",
                "search-type",
                "download the ward into the cache",
                "the sync stops at this type with the EHR's refusal",
            )
        )
        needs.append(
            Need(
                resource_type,
                "search",
                "_lastUpdated",
                "download only what changed since the last sync",
                "every sync reads the type whole",
                essential=False,
            )
        )
        needs.append(
            Need(
                resource_type,
                "search",
                "_summary",
                "count the type to find records deleted on the EHR (reconciliation) and to "
                "size the first download's progress bar",
                "deleted records stay on the tablet until the patient leaves; no estimate",
                essential=False,
            )
        )
    needs.append(
        Need(
            "Encounter",
            "search",
            "location",
            "find who lies in this ward or bed",
            "no patient can be found: the tablet stays empty",
        )
    )
    needs.append(
        Need(
            "Encounter",
            "search",
            "status",
            "keep only current stays",
            "a strict EHR refuses the ward's search; a lenient one sends discharged stays too",
        )
    )
    needs.append(
        Need("Patient", "search", "_id", "download the ward's patients", "no patient is shown")
    )
    for resource_type, parameter in PATIENT_RESOURCES:
        needs.append(
            Need(
                resource_type,
                "search",
                parameter,
                "download each patient's records",
                "the sync stops at this type with the EHR's refusal",
            )
        )
    for resource_type, mutable in WRITTEN_TYPES:
        needs.append(
            Need(
                resource_type,
                "interaction",
                "create",
                "upload what nurses and patients record on the tablet",
                "the record stays on the tablet, listed as rejected with the EHR's reason",
            )
        )
        needs.append(
            Need(
                resource_type,
                "search",
                "_tag",
                "find an upload whose answer was lost, so it is never sent twice",
                "with create-as-update the tablet reads back by id instead; without either, "
                "an upload whose answer was lost could arrive twice",
                essential=False,
            )
        )
        needs.append(
            Need(
                resource_type,
                "create-mode",
                "updateCreate or conditionalCreate",
                "send each record exactly once (PUT at the tablet's id, or If-None-Exist)",
                "exactly once rests on finding an upload whose answer was lost by its tag "
                "before sending it again, with no guard on the EHR's side",
                essential=False,
            )
        )
        if mutable:
            needs += [
                Need(
                    resource_type,
                    "interaction",
                    "update",
                    "send a change (a meal changed before the cut-off, a task's status)",
                    "the change stays on the tablet, listed as rejected",
                ),
                Need(
                    resource_type,
                    "interaction",
                    "vread",
                    "merge a change with one made on the EHR meanwhile",
                    "such a change becomes a conflict for a nurse to settle",
                    essential=False,
                ),
            ]
    if signin_by_ehr:
        needs.append(
            Need(
                "Practitioner",
                "operation",
                "verify-pin",
                'check a nurse\'s badge and PIN (staff.signin = "ehr")',
                'sign-in says "Staff sign-in is not set up for this EHR — contact IT"; '
                'choose the hospital directory (staff.signin = "directory") instead',
            )
        )
    return needs


def _verdict(need: Need, abilities: ServerAbilities) -> Verdict:
    declared = abilities.of(need.resource_type)
    if need.kind == "interaction":
        return "ok" if need.name in declared.interactions else "missing"
    if need.kind == "operation":
        return "ok" if need.name in declared.operations else "missing"
    if need.kind == "create-mode":
        return "ok" if declared.update_create or declared.conditional_create else "missing"
    if need.name in declared.search_params:
        return "ok"
    return "not declared" if need.name in COMMON_PARAMETERS else "missing"


def check_ehr(abilities: ServerAbilities, needs: Sequence[Need]) -> list[Finding]:
    """Each need against the statement (an unreadable statement: everything is missing)."""
    return [Finding(need, _verdict(need, abilities)) for need in needs]


def blocking(findings: Sequence[Finding]) -> list[Finding]:
    """The findings that stop the tablet from doing its work."""
    return [f for f in findings if f.verdict == "missing" and f.need.essential]
