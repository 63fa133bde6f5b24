"""docs/ehr-requirements.md lists exactly what Bedside asks of an EHR (sync/requirements.py)."""

from __future__ import annotations

from bedside.sync.abilities import ServerAbilities
from bedside.sync.requirements import Need, blocking, check_ehr, ehr_needs
from tests.conftest import REPO

DOC = REPO / "docs" / "ehr-requirements.md"
BEGIN, END = "<!-- needs:begin -->", "<!-- needs:end -->"


def needs_table(needs: list[Need]) -> str:
    """The needs grouped by what they are for, one row per group, as the doc shows them."""
    groups: dict[tuple[str, str, str, str, bool], list[str]] = {}
    for need in needs:
        key = (need.kind, need.name, need.why, need.if_missing, need.essential)
        groups.setdefault(key, []).append(need.resource_type)
    rows = [
        "| what | on | used to | without it | essential |",
        "|---|---|---|---|---|",
    ]
    for (kind, name, why, if_missing, essential), types in groups.items():
        what = {"operation": f"`${name}`", "search": f"search `{name}`"}.get(kind, f"`{name}`")
        needed = "yes" if essential else "no"
        rows.append(f"| {what} | {', '.join(types)} | {why} | {if_missing} | {needed} |")
    return "\n".join(rows)


def test_the_it_guide_lists_exactly_what_bedside_needs_from_an_ehr() -> None:
    text = DOC.read_text(encoding="utf-8")
    section = text.split(BEGIN, 1)[1].split(END, 1)[0].strip()
    expected = needs_table(ehr_needs(signin_by_ehr=True))
    assert section == expected, f"regenerate the table in {DOC.name}:\n{expected}"


def test_a_statement_without_verify_pin_blocks_only_ehr_sign_in() -> None:
    statement = {
        "resourceType": "CapabilityStatement",
        "fhirVersion": "4.0.1",
        "rest": [
            {
                "mode": "server",
                "resource": [
                    {
                        "type": need.resource_type,
                        "interaction": [
                            {"code": c} for c in ("search-type", "create", "update", "vread")
                        ],
                        "searchParam": [
                            {"name": n}
                            for n in (
                                "_lastUpdated",
                                "location",
                                "status",
                                "_id",
                                "patient",
                                "_tag",
                            )
                        ],
                        "conditionalCreate": True,
                    }
                    for need in ehr_needs(signin_by_ehr=False)
                ],
            }
        ],
    }
    abilities = ServerAbilities.from_capability_statement(statement)
    assert blocking(check_ehr(abilities, ehr_needs(signin_by_ehr=False))) == []
    [missing] = blocking(check_ehr(abilities, ehr_needs(signin_by_ehr=True)))
    assert missing.need.label == "Practitioner/$verify-pin"


def test_an_unreadable_statement_means_nothing_is_offered() -> None:
    abilities = ServerAbilities.from_capability_statement({"resourceType": "OperationOutcome"})
    assert not abilities.known
    findings = check_ehr(abilities, ehr_needs(signin_by_ehr=False))
    assert blocking(findings)
    assert all(f.verdict != "ok" for f in findings)
