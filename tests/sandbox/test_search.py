"""Search: parameters per type, prefixes, strictness, paging and the delta query."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import pytest

from tests.sandbox.conftest import Ehr, observation, patient

CAT = "http://terminology.hl7.org/CodeSystem/observation-category"


async def ids_of(ehr: Ehr, url: str, params: dict[str, str] | None = None) -> set[str]:
    return {r["id"] for r in await ehr.search_all(url, params)}


@pytest.mark.asyncio
async def test_a_search_answers_a_searchset_with_total_links_and_server_time(ehr: Ehr) -> None:
    created = await ehr.create(patient())

    answer = await ehr.get("Patient", params={"identifier": "1"})

    assert answer.status_code == 200
    bundle = answer.json()
    assert bundle["type"] == "searchset"
    assert bundle["total"] == 1
    assert bundle["link"][0] == {"relation": "self", "url": f"{ehr.base}Patient?identifier=1"}
    entry = bundle["entry"][0]
    assert entry["fullUrl"] == f"{ehr.base}Patient/{created['id']}"
    assert entry["search"] == {"mode": "match"}
    assert entry["resource"] == created
    assert bundle["meta"]["lastUpdated"] == created["meta"]["lastUpdated"]
    assert answer.headers["Date"] == "Mon, 04 May 2026 08:00:00 GMT"


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("value", "found"),
    [
        ("urn:oid:1.2.250.1.213.1.4.8|123", True),
        ("123", True),
        ("urn:other|123", False),
        ("|123", False),
        ("urn:oid:1.2.250.1.213.1.4.8|", True),
        ("urn:oid:1.2.250.1.213.1.4.8|999,urn:oid:1.2.250.1.213.1.4.8|123", True),
    ],
)
async def test_identifier_accepts_system_and_value_forms(ehr: Ehr, value: str, found: bool) -> None:
    await ehr.create(patient("123"))

    assert bool(await ids_of(ehr, "Patient", {"identifier": value})) is found


@pytest.mark.asyncio
async def test_an_identifier_without_a_system_matches_the_bar_form(ehr: Ehr) -> None:
    loose = await ehr.create({"resourceType": "Patient", "identifier": [{"value": "abc"}]})

    assert await ids_of(ehr, "Patient", {"identifier": "|abc"}) == {loose["id"]}


@pytest.mark.asyncio
async def test_patient_and_subject_accept_a_reference_or_a_bare_id(ehr: Ehr) -> None:
    mine = await ehr.create(observation("p1"))
    await ehr.create(observation("p2"))

    for params in (
        {"patient": "Patient/p1"},
        {"patient": "p1"},
        {"subject": "Patient/p1"},
        {"subject": "p1"},
        {"subject:Patient": "p1"},
        {"patient": "http://other.example/fhir/Patient/p1"},
    ):
        assert await ids_of(ehr, "Observation", params) == {mine["id"]}, params


@pytest.mark.asyncio
async def test_status_with_commas_means_any_of_them(ehr: Ehr) -> None:
    final = await ehr.create(observation("p1"))
    prelim = await ehr.create(observation("p1", status="preliminary"))
    await ehr.create(observation("p1", status="cancelled"))

    found = await ids_of(ehr, "Observation", {"status": "final,preliminary"})

    assert found == {final["id"], prelim["id"]}


@pytest.mark.asyncio
async def test_code_and_category_are_token_searches(ehr: Ehr) -> None:
    pulse = await ehr.create(observation("p1"))
    other_code = observation(
        "p1", code={"coding": [{"system": "http://loinc.org", "code": "8310-5"}]}
    )
    await ehr.create(other_code)

    assert await ids_of(
        ehr, "Observation", {"code": "http://loinc.org|8867-4", "category": f"{CAT}|vital-signs"}
    ) == {pulse["id"]}
    assert await ids_of(ehr, "Observation", {"code:not": "8310-5"}) == {pulse["id"]}


@pytest.mark.asyncio
async def test_repeated_parameters_all_apply(ehr: Ehr) -> None:
    early = await ehr.create(observation("p1", when="2026-05-01T10:00:00Z"))
    await ehr.create(observation("p1", when="2026-04-01T10:00:00Z"))
    await ehr.create(observation("p1", when="2026-06-01T10:00:00Z"))

    answer = await ehr.get("Observation?date=ge2026-04-15&date=lt2026-05-15")

    assert {e["resource"]["id"] for e in answer.json()["entry"]} == {early["id"]}


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("2026-05-04", {"morning", "evening"}),
        ("eq2026-05-04", {"morning", "evening"}),
        ("gt2026-05-04T12:00:00Z", {"evening", "tomorrow"}),
        ("ge2026-05-04T18:00:00Z", {"evening", "tomorrow"}),
        ("lt2026-05-04T12:00:00Z", {"morning"}),
        ("le2026-05-04T06:00:00Z", {"morning"}),
        ("ne2026-05-04", {"tomorrow"}),
        ("2026-05", {"morning", "evening", "tomorrow"}),
        ("gt2026-05-04T09:00:00%2B02:00", {"evening", "tomorrow"}),
    ],
)
async def test_date_prefixes_compare_ranges_as_r4_says(
    ehr: Ehr, query: str, expected: set[str]
) -> None:
    names = {}
    for name, when in (
        ("morning", "2026-05-04T06:00:00Z"),
        ("evening", "2026-05-04T18:00:00Z"),
        ("tomorrow", "2026-05-05T08:00:00+02:00"),
    ):
        created = await ehr.create(observation("p1", when=when))
        names[created["id"]] = name

    answer = await ehr.get(f"Observation?date={query}")

    assert answer.status_code == 200, answer.text
    assert {names[e["resource"]["id"]] for e in answer.json().get("entry", [])} == expected


@pytest.mark.asyncio
async def test_an_encounter_is_found_by_location_period_and_status(ehr: Ehr) -> None:
    stay = {
        "resourceType": "Encounter",
        "status": "in-progress",
        "class": {"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "IMP"},
        "subject": {"reference": "Patient/p1"},
        "period": {"start": "2026-05-01T10:00:00Z"},
        "location": [{"location": {"reference": "Location/bed-12"}}],
    }
    current = await ehr.create(stay)
    await ehr.create(
        {**stay, "status": "finished", "period": {"start": "2026-01-01", "end": "2026-01-05"}}
    )

    found = await ids_of(
        ehr,
        "Encounter",
        {"location": "Location/bed-12", "status": "in-progress", "date": "ge2026-05-04"},
    )

    assert found == {current["id"]}


@pytest.mark.asyncio
async def test_appointments_are_found_by_actor_and_patient(ehr: Ehr) -> None:
    appointment = await ehr.create(
        {
            "resourceType": "Appointment",
            "status": "booked",
            "start": "2026-05-05T09:00:00+02:00",
            "participant": [
                {"actor": {"reference": "Patient/p1"}, "status": "accepted"},
                {"actor": {"reference": "Location/radiology"}, "status": "accepted"},
            ],
        }
    )

    assert await ids_of(ehr, "Appointment", {"actor": "Location/radiology"}) == {appointment["id"]}
    assert await ids_of(ehr, "Appointment", {"patient": "p1", "date": "2026-05-05"}) == {
        appointment["id"]
    }
    assert await ids_of(ehr, "Appointment", {"patient": "radiology"}) == set()


@pytest.mark.asyncio
async def test_medication_requests_are_found_by_intent_and_encounter(ehr: Ehr) -> None:
    order = await ehr.create(
        {
            "resourceType": "MedicationRequest",
            "status": "active",
            "intent": "order",
            "subject": {"reference": "Patient/p1"},
            "encounter": {"reference": "Encounter/e1"},
            "medicationCodeableConcept": {"text": "paracetamol 1 g"},
        }
    )

    assert await ids_of(ehr, "MedicationRequest", {"intent": "order", "encounter": "e1"}) == {
        order["id"]
    }
    assert await ids_of(ehr, "MedicationRequest", {"intent": "plan"}) == set()


@pytest.mark.asyncio
async def test_a_name_search_ignores_case_and_accents(ehr: Ehr) -> None:
    muller = await ehr.create(patient(family="Müller"))

    assert await ids_of(ehr, "Patient", {"name": "muller"}) == {muller["id"]}
    assert await ids_of(ehr, "Patient", {"family:exact": "Muller"}) == set()


@pytest.mark.asyncio
async def test_an_unknown_parameter_is_refused_with_400(ehr: Ehr) -> None:
    answer = await ehr.get("Patient", params={"shoe-size": "42"})

    assert answer.status_code == 400
    assert "shoe-size" in answer.json()["issue"][0]["diagnostics"]


@pytest.mark.asyncio
async def test_an_unknown_parameter_is_ignored_and_reported_when_handling_is_lenient(
    ehr: Ehr,
) -> None:
    await ehr.create(patient())

    answer = await ehr.get(
        "Patient", params={"shoe-size": "42"}, headers={"Prefer": "handling=lenient"}
    )

    assert answer.status_code == 200
    bundle = answer.json()
    assert bundle["total"] == 1
    assert bundle["entry"][-1]["search"]["mode"] == "outcome"


@pytest.mark.asyncio
async def test_a_plus_decoded_to_a_space_in_a_time_zone_is_refused_with_a_clear_400(
    ehr: Ehr,
) -> None:
    answer = await ehr.get("Observation?_lastUpdated=gt2026-05-04T10:00:00+02:00")

    assert answer.status_code == 400
    assert "%2B" in answer.json()["issue"][0]["diagnostics"]


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "query", ["_count=many", "_sort=name", "date=yesterday", "date=2026-13-01"]
)
async def test_malformed_values_are_refused_with_400(ehr: Ehr, query: str) -> None:
    answer = await ehr.get(f"Observation?{query}")

    assert answer.status_code == 400
    assert answer.json()["resourceType"] == "OperationOutcome"


@pytest.mark.asyncio
async def test_id_and_post_search_find_the_same(ehr: Ehr) -> None:
    created = await ehr.create(patient())
    await ehr.create(patient("2"))

    answer = await ehr.http.post(
        "Patient/_search", data={"_id": created["id"]}, headers=ehr.headers
    )

    assert answer.status_code == 200
    assert [e["resource"]["id"] for e in answer.json()["entry"]] == [created["id"]]


@pytest.mark.asyncio
async def test_summary_count_gives_the_total_without_entries(ehr: Ehr) -> None:
    for n in range(3):
        await ehr.create(patient(str(n)))

    bundle = (await ehr.get("Patient?_summary=count")).json()

    assert bundle["total"] == 3
    assert "entry" not in bundle


@pytest.mark.asyncio
async def test_results_are_ordered_by_last_updated_then_id_and_sort_can_reverse(ehr: Ehr) -> None:
    made = [(await ehr.create(patient(str(n))))["id"] for n in range(4)]

    ascending = [e["resource"]["id"] for e in (await ehr.get("Patient")).json()["entry"]]
    descending = [
        e["resource"]["id"] for e in (await ehr.get("Patient?_sort=-_lastUpdated")).json()["entry"]
    ]

    assert ascending == made
    assert descending == made[::-1]


@pytest.mark.asyncio
async def test_last_updated_gt_the_bundle_time_finds_exactly_the_later_changes(ehr: Ehr) -> None:
    before = await ehr.create(observation("p1"))
    first = (await ehr.get("Observation")).json()
    since = first["meta"]["lastUpdated"]
    # Same millisecond on the server clock: the delta must still see these.
    changed = await ehr.put(f"Observation/{before['id']}", {**before, "status": "amended"})
    added = await ehr.create(observation("p1"))

    delta = await ehr.get(f"Observation?_lastUpdated=gt{quote(since)}")

    assert {e["resource"]["id"] for e in delta.json()["entry"]} == {before["id"], added["id"]}
    assert changed.status_code == 200


@pytest.mark.asyncio
async def test_last_updated_accepts_a_range(ehr: Ehr) -> None:
    await ehr.create(patient("old"))
    ehr.clock.advance(minutes=2)  # within the token's lifetime
    middle = await ehr.create(patient("middle"))
    ehr.clock.advance(minutes=2)
    await ehr.create(patient("new"))

    found = await ids_of(
        ehr,
        "Patient",
        {"_lastUpdated": ["ge2026-05-04T08:01:00Z", "lt2026-05-04T08:03:00Z"]},  # type: ignore[dict-item]
    )

    assert found == {middle["id"]}


@pytest.mark.asyncio
async def test_count_limits_the_page_and_is_capped_at_1000(ehr: Ehr) -> None:
    ehr.sandbox.load(patient(str(n), id=f"p{n}") for n in range(1005))

    small = (await ehr.get("Patient?_count=7")).json()
    big = (await ehr.get("Patient?_count=5000")).json()

    assert len(small["entry"]) == 7
    assert small["total"] == 1005
    assert len(big["entry"]) == 1000


@pytest.mark.asyncio
async def test_paging_follows_next_links_verbatim_and_gets_every_id_once_while_data_changes(
    ehr: Ehr,
) -> None:
    ehr.sandbox.load(observation("p1", id=f"obs-{n:03d}") for n in range(23))
    pages: list[list[dict[str, Any]]] = []
    answer = await ehr.get("Observation?patient=p1&_count=5")
    while True:
        assert answer.status_code == 200
        bundle = answer.json()
        assert bundle["total"] == 23
        pages.append([e["resource"] for e in bundle["entry"]])
        if len(pages) == 2:
            # Between pages: one already delivered and one still ahead change, one is added.
            for rid in ("obs-000", "obs-020"):
                current = (await ehr.get(f"Observation/{rid}")).json()
                await ehr.put(f"Observation/{rid}", {**current, "status": "amended"})
            await ehr.create(observation("p1"))
        nxt = [link["url"] for link in bundle["link"] if link["relation"] == "next"]
        if not nxt:
            break
        assert nxt[0].startswith(ehr.base)
        answer = await ehr.get(nxt[0])

    ids = [r["id"] for page in pages for r in page]
    assert len(pages) == 5
    assert sorted(ids) == [f"obs-{n:03d}" for n in range(23)], "every id exactly once"
    assert {r["id"]: r["status"] for page in pages[2:] for r in page}["obs-020"] == "amended"


@pytest.mark.asyncio
async def test_a_page_link_is_bound_to_the_client_that_searched(ehr: Ehr) -> None:
    ehr.sandbox.load(patient(str(n), id=f"p{n}") for n in range(3))
    bundle = (await ehr.get("Patient?_count=1")).json()
    nxt = next(link["url"] for link in bundle["link"] if link["relation"] == "next")
    ehr.sandbox.auth.register_secret_client("someone-else", "pw", "system/*.read")
    other = await ehr.token(client_id="someone-else", secret="pw", scope="system/*.read")

    answer = await ehr.http.get(nxt, headers=ehr.bearer(other))

    assert answer.status_code == 404


@pytest.mark.asyncio
async def test_an_unknown_page_link_is_410(ehr: Ehr) -> None:
    answer = await ehr.get("?_getpages=nope&_getpagesoffset=10&_count=10")

    assert answer.status_code == 410


@pytest.mark.asyncio
async def test_include_adds_the_referenced_patients_on_every_page(ehr: Ehr) -> None:
    louise = await ehr.create(patient("1"))
    other = await ehr.create(patient("2", family="Durand"))
    for who in (louise, other, louise):
        await ehr.create(observation(who["id"]))

    first = (await ehr.get("Observation?_include=Observation:patient&_count=2")).json()
    nxt = next(x["url"] for x in first["link"] if x["relation"] == "next")
    second = (await ehr.get(nxt)).json()

    def modes(bundle: dict[str, Any]) -> list[tuple[str, str]]:
        return [(e["resource"]["resourceType"], e["search"]["mode"]) for e in bundle["entry"]]

    assert first["total"] == 3, "included resources do not count"
    assert modes(first) == [
        ("Observation", "match"),
        ("Observation", "match"),
        ("Patient", "include"),
        ("Patient", "include"),
    ]
    assert modes(second) == [("Observation", "match"), ("Patient", "include")]


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "value", ["Patient:general-practitioner", "Observation:code", "Observation:nope"]
)
async def test_an_include_that_is_not_a_reference_of_the_type_is_refused(
    ehr: Ehr, value: str
) -> None:
    answer = await ehr.get("Observation", params={"_include": value})

    assert answer.status_code == 400
