"""SMART Backend Services: discovery, the token endpoint, bearer tokens and scopes."""

from __future__ import annotations

import uuid

import httpx
import pytest
from joserfc.jwk import ECKey

from tests.sandbox.conftest import (
    ASSERTION_TYPE,
    SECRET,
    SECRET_CLIENT,
    Ehr,
    make_assertion,
    patient,
)

DEVICE = "tablet-bed-12"


def device_key(ehr: Ehr, scopes: str = "system/*.read system/Observation.write") -> ECKey:
    key = ECKey.generate_key("P-384", auto_kid=True)
    public = key.as_dict(private=False)
    ehr.sandbox.auth.register_jwk_client(DEVICE, {"keys": [public]}, scopes)
    return key


async def ask_with_assertion(
    ehr: Ehr, assertion: str, scope: str = "system/*.read"
) -> httpx.Response:
    return await ehr.http.post(
        ehr.token_endpoint,
        data={
            "grant_type": "client_credentials",
            "scope": scope,
            "client_assertion_type": ASSERTION_TYPE,
            "client_assertion": assertion,
        },
    )


@pytest.mark.asyncio
async def test_the_smart_configuration_names_the_token_endpoint_and_methods(ehr: Ehr) -> None:
    answer = await ehr.http.get(".well-known/smart-configuration")

    assert answer.status_code == 200
    config = answer.json()
    assert config["token_endpoint"] == ehr.token_endpoint
    assert set(config["token_endpoint_auth_methods_supported"]) == {
        "private_key_jwt",
        "client_secret_basic",
        "client_secret_post",
    }
    assert config["token_endpoint_auth_signing_alg_values_supported"] == ["ES384", "RS384"]
    assert "client_credentials" in config["grant_types_supported"]


@pytest.mark.asyncio
async def test_metadata_needs_no_token(ehr: Ehr) -> None:
    assert (await ehr.http.get("metadata")).status_code == 200


@pytest.mark.asyncio
async def test_a_request_without_a_token_is_401_with_www_authenticate(ehr: Ehr) -> None:
    answer = await ehr.http.get("Patient")

    assert answer.status_code == 401
    assert answer.headers["WWW-Authenticate"] == 'Bearer realm="bedside-sandbox"'
    assert answer.json()["resourceType"] == "OperationOutcome"


@pytest.mark.asyncio
async def test_an_unknown_token_is_401(ehr: Ehr) -> None:
    answer = await ehr.http.get("Patient", headers=ehr.bearer("made-up"))

    assert answer.status_code == 401
    assert 'error="invalid_token"' in answer.headers["WWW-Authenticate"]


@pytest.mark.asyncio
async def test_a_token_expires_by_the_server_clock(ehr: Ehr) -> None:
    token = await ehr.token()
    ehr.clock.advance(seconds=299)
    assert (await ehr.http.get("Patient", headers=ehr.bearer(token))).status_code == 200

    ehr.clock.advance(seconds=1)
    answer = await ehr.http.get("Patient", headers=ehr.bearer(token))

    assert answer.status_code == 401
    assert "expired" in answer.json()["issue"][0]["diagnostics"]


@pytest.mark.asyncio
async def test_a_secret_sent_in_the_form_gets_a_token(ehr: Ehr) -> None:
    answer = await ehr.http.post(
        ehr.token_endpoint,
        data={
            "grant_type": "client_credentials",
            "client_id": SECRET_CLIENT,
            "client_secret": SECRET,
            "scope": "system/Patient.read",
        },
    )

    assert answer.status_code == 200
    body = answer.json()
    assert body["token_type"] == "bearer"
    assert body["expires_in"] == 300
    assert body["scope"] == "system/Patient.read"
    assert answer.headers["Cache-Control"] == "no-store"


@pytest.mark.asyncio
async def test_a_wrong_secret_is_invalid_client_401(ehr: Ehr) -> None:
    answer = await ehr.http.post(
        ehr.token_endpoint,
        data={"grant_type": "client_credentials", "scope": "system/*.read"},
        auth=(SECRET_CLIENT, "wrong"),
    )

    assert answer.status_code == 401
    assert answer.json()["error"] == "invalid_client"
    assert answer.headers["WWW-Authenticate"].startswith("Basic")


@pytest.mark.asyncio
async def test_another_grant_type_is_unsupported_grant_type_400(ehr: Ehr) -> None:
    answer = await ehr.http.post(
        ehr.token_endpoint, data={"grant_type": "password"}, auth=(SECRET_CLIENT, SECRET)
    )

    assert answer.status_code == 400
    assert answer.json()["error"] == "unsupported_grant_type"


@pytest.mark.asyncio
async def test_granted_scopes_are_the_requested_ones_the_client_may_have(ehr: Ehr) -> None:
    ehr.sandbox.auth.register_secret_client("reader", "pw", "system/*.read")

    answer = await ehr.http.post(
        ehr.token_endpoint,
        data={"grant_type": "client_credentials", "scope": "system/Patient.read system/*.write"},
        auth=("reader", "pw"),
    )

    assert answer.status_code == 200
    assert answer.json()["scope"] == "system/Patient.read"


@pytest.mark.asyncio
async def test_asking_only_for_scopes_the_client_lacks_is_invalid_scope(ehr: Ehr) -> None:
    ehr.sandbox.auth.register_secret_client("reader", "pw", "system/*.read")

    answer = await ehr.http.post(
        ehr.token_endpoint,
        data={"grant_type": "client_credentials", "scope": "system/*.write"},
        auth=("reader", "pw"),
    )

    assert answer.status_code == 400
    assert answer.json()["error"] == "invalid_scope"


@pytest.mark.asyncio
async def test_a_read_only_token_cannot_write_403(ehr: Ehr) -> None:
    token = await ehr.token("system/*.read")

    answer = await ehr.http.post("Patient", json=patient(), headers=ehr.bearer(token))

    assert answer.status_code == 403
    assert answer.json()["issue"][0]["code"] == "forbidden"
    assert 'error="insufficient_scope"' in answer.headers["WWW-Authenticate"]


@pytest.mark.asyncio
async def test_a_type_scoped_token_reads_only_that_type(ehr: Ehr) -> None:
    token = await ehr.token("system/Observation.read")

    assert (await ehr.http.get("Observation", headers=ehr.bearer(token))).status_code == 200
    assert (await ehr.http.get("Patient", headers=ehr.bearer(token))).status_code == 403


@pytest.mark.asyncio
async def test_smart_v2_scopes_separate_read_from_search(ehr: Ehr) -> None:
    ehr.sandbox.auth.register_secret_client("v2", "pw", "system/Patient.rs")
    token = await ehr.token("system/Patient.r", client_id="v2", secret="pw")

    assert (await ehr.http.get("Patient/x", headers=ehr.bearer(token))).status_code == 404
    assert (await ehr.http.get("Patient", headers=ehr.bearer(token))).status_code == 403


@pytest.mark.asyncio
async def test_a_signed_assertion_gets_a_token_that_works(ehr: Ehr) -> None:
    key = device_key(ehr)

    answer = await ask_with_assertion(
        ehr, make_assertion(key, DEVICE, ehr.token_endpoint, ehr.clock()), "system/*.read"
    )

    assert answer.status_code == 200, answer.text
    token = answer.json()["access_token"]
    assert (await ehr.http.get("Patient", headers=ehr.bearer(token))).status_code == 200


@pytest.mark.asyncio
async def test_an_assertion_for_another_audience_is_refused(ehr: Ehr) -> None:
    key = device_key(ehr)

    answer = await ask_with_assertion(
        ehr, make_assertion(key, DEVICE, "https://elsewhere.example/token", ehr.clock())
    )

    assert answer.status_code == 401
    assert answer.json()["error"] == "invalid_client"
    assert "aud" in answer.json()["error_description"]


@pytest.mark.asyncio
async def test_a_replayed_assertion_is_refused(ehr: Ehr) -> None:
    key = device_key(ehr)
    assertion = make_assertion(key, DEVICE, ehr.token_endpoint, ehr.clock(), jti=str(uuid.uuid4()))

    first = await ask_with_assertion(ehr, assertion)
    replay = await ask_with_assertion(ehr, assertion)

    assert first.status_code == 200
    assert replay.status_code == 401
    assert "jti" in replay.json()["error_description"]


@pytest.mark.asyncio
async def test_an_expired_assertion_is_refused(ehr: Ehr) -> None:
    key = device_key(ehr)
    assertion = make_assertion(key, DEVICE, ehr.token_endpoint, ehr.clock())
    ehr.clock.advance(minutes=10)

    answer = await ask_with_assertion(ehr, assertion)

    assert answer.status_code == 401
    assert "expired" in answer.json()["error_description"]


@pytest.mark.asyncio
async def test_an_assertion_living_longer_than_five_minutes_is_refused(ehr: Ehr) -> None:
    key = device_key(ehr)

    answer = await ask_with_assertion(
        ehr, make_assertion(key, DEVICE, ehr.token_endpoint, ehr.clock(), lifetime_s=3600)
    )

    assert answer.status_code == 401


@pytest.mark.asyncio
async def test_an_assertion_whose_sub_differs_from_iss_is_refused(ehr: Ehr) -> None:
    key = device_key(ehr)

    answer = await ask_with_assertion(
        ehr, make_assertion(key, DEVICE, ehr.token_endpoint, ehr.clock(), sub="someone-else")
    )

    assert answer.status_code == 401


@pytest.mark.asyncio
async def test_an_assertion_signed_by_another_key_is_refused(ehr: Ehr) -> None:
    device_key(ehr)
    impostor = ECKey.generate_key("P-384", auto_kid=True)

    answer = await ask_with_assertion(
        ehr, make_assertion(impostor, DEVICE, ehr.token_endpoint, ehr.clock())
    )

    assert answer.status_code == 401
    assert answer.json()["error"] == "invalid_client"


@pytest.mark.asyncio
async def test_the_sync_layers_token_source_works_against_the_sandbox(ehr: Ehr) -> None:
    # The real client, end to end: discovery, ES384 assertion, bearer use.
    from bedside.sync.auth import PrivateKeyJwt, TokenSource, new_device_key

    private = new_device_key()
    credentials = PrivateKeyJwt(DEVICE, private)
    ehr.sandbox.auth.register_jwk_client(DEVICE, credentials.public_jwk(), "system/*.read")
    source = TokenSource(
        ehr.base, credentials, scope="system/*.read", clock=lambda: ehr.clock().timestamp()
    )

    token = await source.bearer(ehr.http)

    assert (await ehr.http.get("Patient", headers=ehr.bearer(token))).status_code == 200


def test_registering_a_private_key_is_refused() -> None:
    from bedside.sandbox.auth import AuthRegistry

    key = ECKey.generate_key("P-384")

    with pytest.raises(ValueError, match="public"):
        AuthRegistry().register_jwk_client("x", key.as_dict(private=True), "system/*.read")
