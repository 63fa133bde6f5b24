"""Getting and keeping an access token from the EHR (SMART Backend Services, client credentials).

Two ways to prove who the device is, because EHRs differ:

* :class:`PrivateKeyJwt` — a short-lived JWT assertion signed with the device's own EC P-384 key
  (ES384), ``iss = sub = client_id``, ``aud`` = the token endpoint, a unique ``jti``;
* :class:`ClientSecret` — a shared secret sent with HTTP Basic or in the form.

:class:`TokenSource` discovers the token endpoint from ``.well-known/smart-configuration`` when it
is not configured (a discovered one must be on the EHR's own origin: the credentials go nowhere
else, and no redirect is ever followed), caches the token and renews it shortly before it
expires. Owns no settings and no storage: the private key and secret are handed in by the
composition root from the key store.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx
from joserfc import jwt
from joserfc.jwk import ECKey

from bedside.sync.errors import (
    AuthError,
    OfflineError,
    ProtocolError,
    ServerError,
    SyncTimeoutError,
)
from bedside.sync.tls import certificate_problem

ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
ASSERTION_LIFETIME_S = 240  # SMART asks for exp no more than 5 minutes ahead
RENEW_MARGIN_S = 30  # renew this long before the token would expire


class TokenEndpointRefusedError(AuthError, ProtocolError):
    """The token endpoint is one the device's credentials must not go to; nothing was sent.

    Only the endpoint IT configured (``ehr.token_endpoint``) or one on the EHR's own origin (the
    scheme, host and port of ``ehr.base_url``) gets the secret or the assertion: a discovery
    document is server data, and a tampered one must not be able to collect them. An
    :class:`AuthError` (IT must act; retrying cannot help) and a :class:`ProtocolError` (the EHR's
    answer named somewhere it must not).
    """


@dataclass(frozen=True)
class PrivateKeyJwt:
    """The device's key pair, registered with the EHR by IT (public JWK)."""

    client_id: str
    private_jwk: dict[str, Any]
    algorithm: str = "ES384"

    def public_jwk(self) -> dict[str, Any]:
        key = ECKey.import_key(self.private_jwk)
        public: dict[str, Any] = dict(key.as_dict(private=False))
        public.setdefault("alg", self.algorithm)
        public.setdefault("use", "sig")
        return public


@dataclass(frozen=True)
class ClientSecret:
    """A client id and secret; ``method`` is ``basic`` (Authorization header) or ``post`` (form)."""

    client_id: str
    secret: str = field(repr=False)
    method: str = "basic"


Credentials = PrivateKeyJwt | ClientSecret


def new_device_key() -> dict[str, Any]:
    """A new EC P-384 private JWK for a device (its ``kid`` is the RFC 7638 thumbprint)."""
    key = ECKey.generate_key("P-384", auto_kid=True)
    private: dict[str, Any] = dict(key.as_dict(private=True))
    return private


def client_assertion(credentials: PrivateKeyJwt, audience: str, now: float) -> str:
    """The signed JWT that proves the device holds its private key."""
    key = ECKey.import_key(credentials.private_jwk)
    header = {"alg": credentials.algorithm, "typ": "JWT", "kid": key.kid}
    claims = {
        "iss": credentials.client_id,
        "sub": credentials.client_id,
        "aud": audience,
        "iat": int(now),
        "exp": int(now) + ASSERTION_LIFETIME_S,
        "jti": str(uuid.uuid4()),
    }
    return jwt.encode(header, claims, key, algorithms=[credentials.algorithm])


@dataclass
class _Token:
    value: str
    expires_at: float


class TokenSource:
    """Hands out a valid bearer token, fetching a new one when needed."""

    def __init__(
        self,
        base_url: str,
        credentials: Credentials,
        *,
        scope: str,
        token_endpoint: str | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._base_url = base_url.rstrip("/")
        self._credentials = credentials
        self._scope = scope
        self._token_endpoint = token_endpoint
        # Where the token endpoint's address came from, for IT: the setting to check.
        self._endpoint_setting = "ehr.base_url" if token_endpoint is None else "ehr.token_endpoint"
        self._clock = clock
        self._token: _Token | None = None
        self._lock = asyncio.Lock()

    async def bearer(self, http: httpx.AsyncClient, *, renew: bool = False) -> str:
        """A token valid for at least :data:`RENEW_MARGIN_S` more seconds."""
        async with self._lock:  # one token request at a time, however many callers
            token = self._token
            if renew or token is None or token.expires_at - RENEW_MARGIN_S <= self._clock():
                token = await self._fetch(http)
                self._token = token
            return token.value

    def forget(self) -> None:
        self._token = None

    async def _discover(self, http: httpx.AsyncClient) -> str:
        if self._token_endpoint is None:
            url = f"{self._base_url}/.well-known/smart-configuration"
            config = await _post_or_get(http, "GET", url)
            endpoint = config.get("token_endpoint")
            if not isinstance(endpoint, str):
                raise ProtocolError("The EHR's SMART configuration names no token endpoint.")
            _check_token_endpoint(endpoint, self._base_url)
            self._token_endpoint = endpoint
        return self._token_endpoint

    async def _fetch(self, http: httpx.AsyncClient) -> _Token:
        endpoint = await self._discover(http)
        form = {"grant_type": "client_credentials", "scope": self._scope}
        auth: httpx.BasicAuth | None = None
        creds = self._credentials
        if isinstance(creds, PrivateKeyJwt):
            form["client_assertion_type"] = ASSERTION_TYPE
            form["client_assertion"] = client_assertion(creds, endpoint, self._clock())
        elif creds.method == "post":
            form["client_id"] = creds.client_id
            form["client_secret"] = creds.secret
        else:
            auth = httpx.BasicAuth(creds.client_id, creds.secret)
        answer = await _post_or_get(
            http, "POST", endpoint, data=form, auth=auth, setting=self._endpoint_setting
        )
        value = answer.get("access_token")
        lifetime = answer.get("expires_in", 300)
        if not isinstance(value, str) or not isinstance(lifetime, int | float):
            raise ProtocolError("The EHR's token answer has no usable access token.")
        return _Token(value, self._clock() + float(lifetime))


def _origin(url: str) -> tuple[str, str, int | None]:
    """The (scheme, host, port) of ``url``, the host lower-cased and the default port filled in."""
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:  # a port that is not a number: no origin anything can share
        return parts.scheme.lower(), "", -1
    default = {"http": 80, "https": 443}.get(parts.scheme.lower())
    return parts.scheme.lower(), (parts.hostname or "").lower(), port or default


def _shown_origin(url: str) -> str:
    """``scheme://host:port`` of a server-supplied URL, short enough for one sentence."""
    scheme, host, port = _origin(url)
    shown = f"{scheme}://{host}" + (f":{port}" if port not in (None, -1) else "")
    shown = "".join(ch for ch in shown if ch.isprintable())
    return shown if len(shown) <= 100 else shown[:99] + "…"


def _check_token_endpoint(endpoint: str, base_url: str) -> None:
    """A discovered endpoint gets the credentials only on the EHR's own origin.

    The discovery document is server-supplied data: a tampered configuration (or a proxy in the
    way) must not be able to collect the device's secret or assertion on another server, over
    HTTPS or not. A token endpoint on another server is fine when IT configured it
    (``ehr.token_endpoint``): that one is not checked here.
    """
    target = _origin(endpoint)
    if target == _origin(base_url) and target[1]:
        return
    shown = _shown_origin(endpoint)
    where = f"{shown}, not on HTTPS" if target[0] != "https" else shown
    raise TokenEndpointRefusedError(
        f"The EHR's SMART configuration names a token endpoint on another server ({where}); "
        "the device's credentials were not sent there. If that is the hospital's sign-in "
        "service, IT can name it in the setting ehr.token_endpoint."
    )


async def _post_or_get(
    http: httpx.AsyncClient,
    method: str,
    url: str,
    *,
    data: dict[str, str] | None = None,
    auth: httpx.BasicAuth | None = None,
    setting: str = "ehr.base_url",
) -> dict[str, Any]:
    try:
        # Never follow a redirect, whatever the client's default: the secret or the assertion
        # would go wherever the Location says.
        if method == "POST":
            response = await http.post(
                url, data=data, auth=auth or httpx.USE_CLIENT_DEFAULT, follow_redirects=False
            )
        else:
            response = await http.get(url, follow_redirects=False)
    except httpx.TimeoutException as exc:
        raise SyncTimeoutError("The EHR's sign-in service did not answer in time.") from exc
    except httpx.TransportError as exc:
        # A certificate (or a TLS older than 1.2) that this tablet refuses is for IT to fix,
        # never "offline": say which problem it is and which setting names the server.
        problem = await certificate_problem(
            exc, url, service="the EHR's sign-in service", setting=setting
        )
        if problem is not None:
            raise problem from exc
        raise OfflineError("The EHR's sign-in service cannot be reached.") from exc
    if response.status_code == 429 or response.status_code >= 500:
        raise ServerError(
            f"The EHR's sign-in service is busy or failing (HTTP {response.status_code}).",
            status=response.status_code,
        )
    if response.status_code in (400, 401, 403):
        detail = _oauth_error(response)
        raise AuthError(
            "The EHR refused this device's credentials; ask IT to check its enrollment.",
            status=response.status_code,
            detail=detail,
        )
    if response.has_redirect_location:
        target = urljoin(url, response.headers["Location"])
        raise TokenEndpointRefusedError(
            f"The EHR's sign-in service answered with a redirect (HTTP {response.status_code}) "
            f"to {_shown_origin(target)}; it was not followed and the device's credentials "
            "were not sent there. If the sign-in service has moved, IT can name it in the "
            "setting ehr.token_endpoint.",
            status=response.status_code,
        )
    if response.status_code >= 300:
        raise AuthError(
            f"The EHR's sign-in service failed (HTTP {response.status_code}).",
            status=response.status_code,
        )
    try:
        body = response.json()
    except (ValueError, RecursionError) as exc:  # RecursionError: JSON nested too deeply
        raise ProtocolError("The EHR's sign-in service answered with invalid JSON.") from exc
    if not isinstance(body, dict):
        raise ProtocolError("The EHR's sign-in service answered with unexpected JSON.")
    return body


def _oauth_error(response: httpx.Response) -> str:
    try:
        body = response.json()
    except (ValueError, RecursionError):
        return response.text[:200]
    if isinstance(body, dict):
        return f"{body.get('error', '')}: {body.get('error_description', '')}"[:300]
    return ""
