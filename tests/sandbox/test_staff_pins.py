"""Staff PINs on the sandbox EHR: the seeded credentials, ``$verify-pin``, and the nurse rota."""

from __future__ import annotations

import logging
from collections import Counter
from datetime import UTC, datetime
from typing import Any

import pytest

from bedside.sandbox.seed import SeedWard, generate_ward
from bedside.sandbox.seed.codes import BADGE_SYSTEM
from bedside.sandbox.seed.patients import ASSIGNED_NURSE_TEXT
from bedside.sandbox.server import Sandbox
from bedside.sandbox.staff_pins import StaffPins
from tests.sandbox.conftest import FHIR_JSON, Ehr

BADGE = "B314159"
PIN = "802731"
OPERATION = "Practitioner/$verify-pin"


def practitioner(rid: str = "pr1", badge: str = BADGE, *, active: bool = True) -> dict[str, Any]:
    return {
        "resourceType": "Practitioner",
        "id": rid,
        "identifier": [{"system": BADGE_SYSTEM, "value": badge}],
        "active": active,
        "name": [{"use": "official", "family": "Blanc", "given": ["Léa"]}],
    }


def params(badge: str = BADGE, pin: str = PIN, system: str | None = BADGE_SYSTEM) -> dict[str, Any]:
    identifier = {"value": badge} if system is None else {"system": system, "value": badge}
    return {
        "resourceType": "Parameters",
        "parameter": [
            {"name": "badge", "valueIdentifier": identifier},
            {"name": "pin", "valueString": pin},
        ],
    }


@pytest.fixture
def staffed(ehr: Ehr) -> Ehr:
    ehr.sandbox.load([practitioner(), practitioner("pr2", "B271828", active=False)])
    ehr.sandbox.staff_pins.enroll(BADGE, PIN)
    ehr.sandbox.staff_pins.enroll("B271828", PIN)
    return ehr


# $verify-pin -------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_the_right_pin_answers_the_practitioner(staffed: Ehr) -> None:
    answer = await staffed.post(OPERATION, params())
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["resourceType"] == "Parameters"
    [found] = [p["resource"] for p in body["parameter"] if p["name"] == "practitioner"]
    assert found["id"] == "pr1"
    assert answer.headers["cache-control"] == "no-store"


@pytest.mark.asyncio
async def test_a_badge_without_its_system_is_matched_in_the_sites_badge_namespace(
    staffed: Ehr,
) -> None:
    answer = await staffed.post(OPERATION, params(system=None))
    assert answer.status_code == 200, answer.text


@pytest.mark.asyncio
async def test_a_wrong_pin_is_a_403_security_outcome(staffed: Ehr) -> None:
    answer = await staffed.post(OPERATION, params(pin="000000"))
    assert answer.status_code == 403
    [issue] = answer.json()["issue"]
    assert issue["code"] == "security"
    assert "000000" not in answer.text
    assert BADGE not in answer.text


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "body",
    [
        params(badge="B999999"),  # nobody has it
        params(badge="B271828"),  # an inactive practitioner
        params(system="urn:other:badges"),  # another namespace
    ],
    ids=["unknown", "inactive", "other-system"],
)
async def test_an_unknown_or_inactive_badge_is_a_404(staffed: Ehr, body: dict[str, Any]) -> None:
    answer = await staffed.post(OPERATION, body)
    assert answer.status_code == 404
    assert answer.json()["issue"][0]["code"] == "not-found"


@pytest.mark.asyncio
async def test_a_badge_without_a_pin_is_a_404(ehr: Ehr) -> None:
    await ehr.create(practitioner())  # created through the API, not seeded: no PIN
    answer = await ehr.post(OPERATION, params())
    assert answer.status_code == 404


@pytest.mark.asyncio
@pytest.mark.parametrize(
    "body",
    [
        {"resourceType": "Patient"},
        {"resourceType": "Parameters", "parameter": [{"name": "pin", "valueString": PIN}]},
        {"resourceType": "Parameters", "parameter": [{"name": "badge", "valueString": BADGE}]},
        params(pin=""),
        [1, 2],
    ],
    ids=["not-parameters", "no-badge", "badge-not-identifier", "empty-pin", "not-object"],
)
async def test_a_malformed_body_is_a_400(staffed: Ehr, body: Any) -> None:
    answer = await staffed.post(OPERATION, body)
    assert answer.status_code == 400
    assert PIN not in answer.text


@pytest.mark.asyncio
async def test_without_a_token_the_operation_is_refused_with_401(staffed: Ehr) -> None:
    answer = await staffed.http.post(OPERATION, json=params(), headers={"Content-Type": FHIR_JSON})
    assert answer.status_code == 401


@pytest.mark.asyncio
async def test_a_token_without_practitioner_read_is_refused_with_403_forbidden(
    staffed: Ehr,
) -> None:
    staffed.sandbox.auth.register_secret_client("patients-only", "s3cret", "system/Patient.read")
    token = await staffed.token("system/Patient.read", "patients-only", "s3cret")
    answer = await staffed.post(OPERATION, params(), headers=staffed.bearer(token))
    assert answer.status_code == 403
    assert answer.json()["issue"][0]["code"] == "forbidden"


@pytest.mark.asyncio
async def test_the_request_log_names_the_operation_but_never_the_badge_or_pin(
    staffed: Ehr, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG):
        await staffed.post(OPERATION, params())
        await staffed.post(OPERATION, params(pin="111111"))
        await staffed.post(OPERATION, params(badge="B999999"))
    lines = [r.getMessage() for r in caplog.records if r.name == "bedside.sandbox"]
    assert [line.split(" ms=")[0] for line in lines] == [
        "request method=POST path=/Practitioner/$verify-pin status=200",
        "request method=POST path=/Practitioner/$verify-pin status=403",
        "request method=POST path=/Practitioner/$verify-pin status=404",
    ]
    everything = caplog.text
    for secret in (PIN, "111111", BADGE, "B999999"):
        assert secret not in everything


@pytest.mark.asyncio
async def test_the_capability_statement_advertises_verify_pin_on_practitioner(ehr: Ehr) -> None:
    statement = (await ehr.get("metadata")).json()
    [practitioners] = [r for r in statement["rest"][0]["resource"] if r["type"] == "Practitioner"]
    [operation] = practitioners["operation"]
    assert operation["name"] == "verify-pin"
    assert operation["definition"].endswith("OperationDefinition/Practitioner-verify-pin")


# The PIN store -----------------------------------------------------------------------------


def test_the_pin_store_keeps_a_salted_hash_and_never_the_pin() -> None:
    pins = StaffPins()
    pins.enroll(BADGE, PIN)
    pins.enroll("B000002", PIN)
    stored = list(pins._hashes.values())
    assert all(h.startswith("$argon2id$") and PIN not in h for h in stored)
    assert stored[0] != stored[1]  # a salt each
    assert pins.check(BADGE, PIN)
    assert not pins.check(BADGE, "802732")
    assert not pins.check("B000003", PIN)


def test_a_pin_must_be_4_to_8_digits() -> None:
    pins = StaffPins()
    for bad in ("123", "12a4", "123456789"):
        with pytest.raises(ValueError, match="4 to 8 digits"):
            pins.enroll(BADGE, bad)


# The seeded credentials and the nurse rota -------------------------------------------------

NOW = datetime(2026, 5, 11, 9, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def ward() -> SeedWard:
    return generate_ward(seed=2026, scale=1, now=NOW)


def test_every_seeded_practitioner_has_a_credential_with_its_badge_and_a_4_to_6_digit_pin(
    ward: SeedWard,
) -> None:
    practitioners = {r["id"]: r for r in ward.resources if r["resourceType"] == "Practitioner"}
    assert {c.practitioner_id for c in ward.staff_credentials} == set(practitioners)
    for credential in ward.staff_credentials:
        badge = practitioners[credential.practitioner_id]["identifier"][0]
        assert (badge["system"], badge["value"]) == (BADGE_SYSTEM, credential.badge)
        assert credential.pin.isdigit()
        assert 4 <= len(credential.pin) <= 6
    roles = Counter(c.role for c in ward.staff_credentials)
    assert roles["nurse"] == 8
    assert roles["physician"] == 3


def test_credentials_are_deterministic_and_never_in_the_resources(ward: SeedWard) -> None:
    again = generate_ward(seed=2026, scale=1, now=NOW)
    assert [(c.badge, c.pin) for c in again.staff_credentials] == [
        (c.badge, c.pin) for c in ward.staff_credentials
    ]
    assert "pin" not in repr(ward.staff_credentials[0]).lower().replace("staffcredential", "")


def test_the_seeded_credentials_sign_in_on_the_sandbox(ward: SeedWard) -> None:
    pins = StaffPins()
    assert pins.enroll_all(ward.staff_credentials) == len(ward.staff_credentials)
    nurse = next(c for c in ward.staff_credentials if c.role == "nurse")
    assert pins.check(nurse.badge, nurse.pin)


def test_loading_the_seed_ward_enrolls_every_seeded_badge_with_its_pin(ward: SeedWard) -> None:
    sandbox = Sandbox()
    try:
        sandbox.load(iter(ward.resources))  # a one-pass iterable is fine
        assert all(sandbox.staff_pins.check(c.badge, c.pin) for c in ward.staff_credentials)
        assert sandbox.staff_pins.enroll_seeded(ward.resources) == 0  # already enrolled
    finally:
        sandbox.close()


def test_each_current_stay_has_an_assigned_nurse_and_each_nurse_3_or_4_patients(
    ward: SeedWard,
) -> None:
    nurses = {c.practitioner_id for c in ward.staff_credentials if c.role == "nurse"}
    current = [
        r
        for r in ward.resources
        if r["resourceType"] == "Encounter" and r["status"] == "in-progress"
    ]
    load: Counter[str] = Counter()
    for encounter in current:
        assigned = [
            p for p in encounter["participant"] if p["type"][0].get("text") == ASSIGNED_NURSE_TEXT
        ]
        assert len(assigned) == 1
        [coding] = assigned[0]["type"][0]["coding"]
        assert coding["code"] == "PART"
        practitioner_id = assigned[0]["individual"]["reference"].removeprefix("Practitioner/")
        assert practitioner_id in nurses
        load[practitioner_id] += 1
    assert set(load) == nurses
    assert set(load.values()) <= {3, 4}
