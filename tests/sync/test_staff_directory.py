"""StaffDirectory against the sandbox EHR over loopback: each answer of ``$verify-pin`` mapped, and
the operation used only when the EHR's CapabilityStatement declares it."""

from __future__ import annotations

import logging
import socket
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
import pytest_asyncio

from bedside.sandbox.outcomes import FhirError
from bedside.sandbox.seed import StaffCredential
from bedside.sandbox.seed.codes import BADGE_SYSTEM
from bedside.sync import (
    AuthError,
    FhirClient,
    OfflineError,
    PinRejectedError,
    PrivateKeyJwt,
    StaffDirectory,
    TokenSource,
    UnknownBadgeError,
    new_device_key,
)
from bedside.sync.abilities import ServerAbilities
from bedside.sync.staff import SignInNotOfferedError, verify_pin_parameters
from tests.sync.ehr import Ehr, own_ehr


@pytest_asyncio.fixture
async def ehr() -> AsyncIterator[Ehr]:
    async with own_ehr() as running:
        running.sandbox.staff_pins.enroll_all(running.ward.staff_credentials)
        yield running


def nurse_of(ehr: Ehr) -> StaffCredential:
    return next(c for c in ehr.ward.staff_credentials if c.role == "nurse")


def another_pin(pin: str) -> str:
    return "0000" if pin != "0000" else "1111"


@pytest.mark.asyncio
async def test_the_right_badge_and_pin_give_the_practitioner(ehr: Ehr) -> None:
    nurse = nurse_of(ehr)
    async with ehr.client() as client:
        practitioner = await StaffDirectory(client).verify_pin(nurse.badge, nurse.pin)
        with_system = await StaffDirectory(client, badge_system=BADGE_SYSTEM).verify_pin(
            nurse.badge, nurse.pin
        )
    assert practitioner["resourceType"] == "Practitioner"
    assert practitioner["id"] == nurse.practitioner_id
    assert with_system["id"] == nurse.practitioner_id


@pytest.mark.asyncio
async def test_a_wrong_pin_is_pin_rejected_and_sent_only_once(ehr: Ehr) -> None:
    nurse = nurse_of(ehr)
    async with ehr.client() as client:
        directory = StaffDirectory(client)
        assert await directory.offers_verify_pin()  # token and statement read before counting
        before = client.requests_sent
        with pytest.raises(PinRejectedError) as caught:
            await directory.verify_pin(nurse.badge, another_pin(nurse.pin))
        assert client.requests_sent == before + 1
    assert caught.value.status == 403
    assert nurse.pin not in str(caught.value)
    assert nurse.badge not in str(caught.value)


@pytest.mark.asyncio
async def test_an_unknown_badge_is_unknown_badge(ehr: Ehr) -> None:
    async with ehr.client() as client:
        with pytest.raises(UnknownBadgeError):
            await StaffDirectory(client).verify_pin("B000000", "1234")


@pytest.mark.asyncio
async def test_a_device_not_allowed_to_read_practitioners_gets_an_auth_error_not_a_wrong_pin(
    ehr: Ehr,
) -> None:
    key = new_device_key()
    device = PrivateKeyJwt("patients-only", key)
    ehr.sandbox.auth.register_jwk_client(
        "patients-only", {"keys": [device.public_jwk()]}, ["system/Patient.read"]
    )
    tokens = TokenSource(ehr.base_url, device, scope="system/Patient.read")
    nurse = nurse_of(ehr)
    async with FhirClient(ehr.base_url, tokens) as client:
        with pytest.raises(AuthError):
            await StaffDirectory(client).verify_pin(nurse.badge, nurse.pin)


@pytest.mark.asyncio
async def test_an_unreachable_ehr_is_offline() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    client = FhirClient(f"http://127.0.0.1:{port}/", None, timeout=httpx.Timeout(2.0))
    async with client:
        with pytest.raises(OfflineError):
            await StaffDirectory(client).verify_pin("B123456", "1234")


@pytest.mark.asyncio
async def test_neither_badge_nor_pin_is_logged(ehr: Ehr, caplog: pytest.LogCaptureFixture) -> None:
    nurse = nurse_of(ehr)
    with caplog.at_level(logging.DEBUG):
        async with ehr.client() as client:
            directory = StaffDirectory(client)
            await directory.verify_pin(nurse.badge, nurse.pin)
            with pytest.raises(PinRejectedError):
                await directory.verify_pin(nurse.badge, another_pin(nurse.pin))
    assert "verify-pin" in caplog.text  # the request was logged…
    assert nurse.badge not in caplog.text  # …without its body
    assert f"'{nurse.pin}'" not in caplog.text
    assert f'"{nurse.pin}"' not in caplog.text


def test_the_parameters_body_carries_the_badge_as_an_identifier() -> None:
    body = verify_pin_parameters("B1", "1234", "urn:badges")
    assert body["parameter"] == [
        {"name": "badge", "valueIdentifier": {"system": "urn:badges", "value": "B1"}},
        {"name": "pin", "valueString": "1234"},
    ]
    assert verify_pin_parameters("B1", "1234", None)["parameter"][0]["valueIdentifier"] == {
        "value": "B1"
    }


# Only when the EHR declares it --------------------------------------------------------------


def without_verify_pin(statement: dict[str, Any]) -> dict[str, Any]:
    """The same CapabilityStatement, less the Practitioner operations (as a real EHR's)."""
    for rest in statement.get("rest", []):
        for resource in rest.get("resource", []):
            resource.pop("operation", None)
    return statement


@pytest.mark.asyncio
async def test_the_sandbox_declares_verify_pin_in_its_capability_statement(ehr: Ehr) -> None:
    async with ehr.client() as client:
        assert await StaffDirectory(client).offers_verify_pin()


@pytest.mark.asyncio
async def test_an_ehr_that_does_not_declare_the_operation_is_not_asked_and_says_not_offered(
    ehr: Ehr,
) -> None:
    nurse = nurse_of(ehr)
    async with ehr.client() as client:
        statement = without_verify_pin(await client.capabilities())
        abilities = ServerAbilities.from_capability_statement(statement)

        async def read() -> ServerAbilities:
            return abilities

        before = client.requests_sent
        with pytest.raises(SignInNotOfferedError) as caught:
            await StaffDirectory(client, abilities=read).verify_pin(nurse.badge, nurse.pin)
        assert client.requests_sent == before  # no PIN left the tablet
    assert not isinstance(caught.value, UnknownBadgeError)


@pytest.mark.asyncio
async def test_a_strict_ehr_without_the_operation_is_not_offered_never_an_unknown_badge() -> None:
    async with own_ehr(strict=True) as strict:
        nurse = nurse_of(strict)
        async with strict.client() as client:
            directory = StaffDirectory(client)
            assert not await directory.offers_verify_pin()
            with pytest.raises(SignInNotOfferedError):
                await directory.verify_pin(nurse.badge, nurse.pin)


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("status", "code"),
    [(404, "processing"), (404, "not-supported"), (405, "processing"), (501, "not-supported")],
)
async def test_a_declared_operation_that_answers_it_is_not_there_is_not_offered(
    ehr: Ehr, status: int, code: str
) -> None:
    def fault(method: str, path: str) -> FhirError | None:
        if method == "POST" and path.endswith("$verify-pin"):
            return FhirError(status, "no such route", code=code)
        return None

    ehr.sandbox.fault_hook = fault
    nurse = nurse_of(ehr)
    async with ehr.client() as client:
        with pytest.raises(SignInNotOfferedError):
            await StaffDirectory(client).verify_pin(nurse.badge, nurse.pin)


@pytest.mark.asyncio
async def test_an_ehr_that_cannot_be_reached_for_its_statement_is_offline() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    client = FhirClient(f"http://127.0.0.1:{port}/", None, timeout=httpx.Timeout(2.0))
    async with client:
        with pytest.raises(OfflineError):
            await StaffDirectory(client).offers_verify_pin()
