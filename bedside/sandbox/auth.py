"""SMART Backend Services for the sandbox: client registry, token endpoint, bearer checks.

Owns the registered clients (a public JWK set or a client secret, plus the scopes IT allowed),
the ``client_credentials`` grant with ``private_key_jwt`` (ES384/RS384 assertions verified with
joserfc) or a client secret (HTTP Basic or form), the issued opaque tokens and their expiry, and
the scope rules (``system/Type.read|write|*`` and SMART v2 ``system/Type.cruds``). Time comes only
from the injected clock. Knows nothing about storage or FHIR resources beyond their type names.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import re
import secrets
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import unquote_plus

from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet

from bedside.sandbox.outcomes import forbidden, unauthorized

ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
SIGNING_ALGS = ("ES384", "RS384")
MAX_ASSERTION_LIFETIME_S = 300  # SMART: exp no more than five minutes in the future
CLOCK_SKEW_S = 30  # tolerated difference between the device's clock and ours

_SCOPE_RE = re.compile(r"^system/(?P<type>\*|[A-Z][A-Za-z]+)\.(?P<perm>read|write|\*|[cruds]+)$")
READ, SEARCH, CREATE, UPDATE, DELETE = "r", "s", "c", "u", "d"


class OAuthError(Exception):
    """An RFC 6749 §5.2 error answer from the token endpoint."""

    def __init__(self, error: str, description: str, status: int = 400) -> None:
        super().__init__(description)
        self.error = error
        self.description = description
        self.status = status
        self.headers: dict[str, str] = {}

    def body(self) -> dict[str, str]:
        return {"error": self.error, "error_description": self.description}


@dataclass(frozen=True)
class Scope:
    """One ``system/Type.perm`` scope as a type (or ``*``) and a set of SMART v2 letters."""

    text: str
    resource_type: str
    ops: frozenset[str]

    @classmethod
    def parse(cls, text: str) -> Scope | None:
        match = _SCOPE_RE.match(text)
        if match is None:
            return None
        perm = match["perm"]
        if perm == "read":
            ops = {READ, SEARCH}
        elif perm == "write":
            ops = {CREATE, UPDATE, DELETE}
        elif perm == "*":
            ops = {READ, SEARCH, CREATE, UPDATE, DELETE}
        else:
            ops = set(perm)
        return cls(text, match["type"], frozenset(ops))

    def covers(self, other: Scope) -> bool:
        return self.resource_type in ("*", other.resource_type) and other.ops <= self.ops

    def allows(self, resource_type: str, op: str) -> bool:
        return self.resource_type in ("*", resource_type) and op in self.ops


def _parse_scopes(scopes: str | Iterable[str]) -> tuple[Scope, ...]:
    items = scopes.split() if isinstance(scopes, str) else list(scopes)
    parsed = []
    for item in items:
        scope = Scope.parse(item)
        if scope is None:
            raise ValueError(f"not a system scope: {item!r}")
        parsed.append(scope)
    return tuple(parsed)


@dataclass
class Client:
    client_id: str
    scopes: tuple[Scope, ...]
    secret_digest: bytes | None = field(default=None, repr=False)
    jwks: KeySet | None = None


@dataclass(frozen=True)
class AccessToken:
    """What a bearer token stands for."""

    client_id: str
    scopes: tuple[Scope, ...]
    expires_at: datetime

    def allows(self, resource_type: str, op: str) -> bool:
        return any(scope.allows(resource_type, op) for scope in self.scopes)

    def require(self, resource_type: str, op: str) -> None:
        if not self.allows(resource_type, op):
            names = {READ: "read", SEARCH: "search", CREATE: "create", UPDATE: "update"}
            action = names.get(op, "delete")
            raise forbidden(
                f"The token's scopes do not allow {action} on {resource_type}"
                f" (granted: {' '.join(s.text for s in self.scopes)})",
                scope_problem=True,
            )


def _digest(secret: str) -> bytes:
    return hashlib.sha256(secret.encode()).digest()


class AuthRegistry:
    """Registered clients and the tokens issued to them. Safe to use from several threads."""

    def __init__(
        self, clock: Callable[[], datetime] | None = None, token_lifetime_s: int = 300
    ) -> None:
        self.clock: Callable[[], datetime] = clock or (lambda: datetime.now(UTC))
        self.token_lifetime_s = token_lifetime_s
        self._clients: dict[str, Client] = {}
        self._tokens: dict[str, AccessToken] = {}
        self._seen_jti: dict[tuple[str, str], float] = {}
        self._lock = threading.Lock()

    # -- registration --------------------------------------------------------------------------

    def register_secret_client(
        self, client_id: str, secret: str, scopes: str | Iterable[str]
    ) -> None:
        """A client that authenticates with a shared secret (Basic or form)."""
        if not secret:
            raise ValueError("a client secret must not be empty")
        client = Client(client_id, _parse_scopes(scopes), secret_digest=_digest(secret))
        with self._lock:
            self._clients[client_id] = client

    def register_jwk_client(
        self, client_id: str, public_jwks: Mapping[str, Any], scopes: str | Iterable[str]
    ) -> None:
        """A client that signs assertions; ``public_jwks`` is a JWK set or a single public JWK."""
        data = dict(public_jwks)
        keys = data.get("keys", [data])
        for key in keys:
            if any(k in key for k in ("d", "p", "q")):
                raise ValueError("register the public JWK only, never the private key")
        key_set = KeySet.import_key_set({"keys": list(keys)})
        client = Client(client_id, _parse_scopes(scopes), jwks=key_set)
        with self._lock:
            self._clients[client_id] = client

    # -- token endpoint ------------------------------------------------------------------------

    def token_request(
        self, form: Mapping[str, str], authorization: str | None, token_endpoint: str
    ) -> dict[str, Any]:
        """Answer a token request or raise :class:`OAuthError`."""
        if form.get("grant_type") != "client_credentials":
            raise OAuthError(
                "unsupported_grant_type", "Only grant_type=client_credentials is supported"
            )
        basic = _basic_credentials(authorization)
        if form.get("client_assertion") is not None or form.get("client_assertion_type"):
            if form.get("client_assertion_type") != ASSERTION_TYPE:
                raise OAuthError(
                    "invalid_request", f"client_assertion_type must be {ASSERTION_TYPE}"
                )
            client = self._verify_assertion(
                form.get("client_assertion", ""), form.get("client_id"), token_endpoint
            )
        elif basic is not None:
            client = self._verify_secret(*basic, via_header=True)
        elif form.get("client_id") and form.get("client_secret") is not None:
            client = self._verify_secret(form["client_id"], form["client_secret"], via_header=False)
        else:
            raise OAuthError(
                "invalid_client", "No client authentication (assertion or secret) was sent", 401
            )
        granted = self._grant(client, form.get("scope"))
        return self.issue_token(client.client_id, granted)

    def issue_token(
        self, client_id: str, scopes: tuple[Scope, ...] | None = None
    ) -> dict[str, Any]:
        """Mint a token for a registered client (all its scopes unless narrowed)."""
        with self._lock:
            client = self._clients[client_id]
            granted = scopes if scopes is not None else client.scopes
            value = secrets.token_urlsafe(32)
            now = self.clock()
            expires = datetime.fromtimestamp(now.timestamp() + self.token_lifetime_s, UTC)
            self._tokens[value] = AccessToken(client_id, granted, expires)
            self._purge(now)
        return {
            "access_token": value,
            "token_type": "bearer",
            "expires_in": self.token_lifetime_s,
            "scope": " ".join(s.text for s in granted),
        }

    def _grant(self, client: Client, requested: str | None) -> tuple[Scope, ...]:
        if not requested:
            return client.scopes
        granted = []
        for text in requested.split():
            scope = Scope.parse(text)
            # Unknown or not allowed scopes are left out (RFC 6749 §3.3), not an error on their own.
            if scope is not None and any(g.covers(scope) for g in client.scopes):
                granted.append(scope)
        if not granted:
            raise OAuthError(
                "invalid_scope", "None of the requested scopes is allowed for this client"
            )
        return tuple(granted)

    def _verify_secret(self, client_id: str, secret: str, *, via_header: bool) -> Client:
        with self._lock:
            client = self._clients.get(client_id)
        # Compare digests in constant time; an unknown client costs the same as a wrong secret.
        expected = client.secret_digest if client and client.secret_digest else _digest("\0")
        ok = hmac.compare_digest(expected, _digest(secret)) and client is not None
        if not ok or client is None or client.secret_digest is None:
            error = OAuthError("invalid_client", "Unknown client or wrong client secret", 401)
            if via_header:
                error.headers["WWW-Authenticate"] = 'Basic realm="bedside-sandbox"'
            raise error
        return client

    def _verify_assertion(
        self, assertion: str, form_client_id: str | None, token_endpoint: str
    ) -> Client:
        claims = _unverified_claims(assertion)
        iss = claims.get("iss")
        with self._lock:
            client = self._clients.get(iss) if isinstance(iss, str) else None
        if client is None or client.jwks is None:
            raise OAuthError(
                "invalid_client", "The assertion's issuer is not a registered client", 401
            )
        try:
            token = jwt.decode(assertion, client.jwks, algorithms=list(SIGNING_ALGS))
        except (JoseError, ValueError) as exc:
            raise OAuthError(
                "invalid_client", f"The client assertion is not valid: {exc}", 401
            ) from exc
        claims = token.claims
        if claims.get("sub") != iss or (form_client_id is not None and form_client_id != iss):
            raise OAuthError("invalid_client", "The assertion's iss, sub and client_id differ", 401)
        aud = claims.get("aud")
        audiences = aud if isinstance(aud, list) else [aud]
        if token_endpoint not in audiences:
            raise OAuthError(
                "invalid_client",
                f"The assertion's aud must be the token endpoint {token_endpoint}",
                401,
            )
        now = self.clock().timestamp()
        exp = claims.get("exp")
        if not isinstance(exp, int | float) or isinstance(exp, bool):
            raise OAuthError("invalid_client", "The assertion has no exp", 401)
        if exp <= now - CLOCK_SKEW_S:
            raise OAuthError("invalid_client", "The assertion has expired", 401)
        if exp > now + MAX_ASSERTION_LIFETIME_S + CLOCK_SKEW_S:
            raise OAuthError(
                "invalid_client", "The assertion's exp is more than 5 minutes ahead", 401
            )
        nbf = claims.get("nbf")
        if isinstance(nbf, int | float) and nbf > now + CLOCK_SKEW_S:
            raise OAuthError("invalid_client", "The assertion is not valid yet (nbf)", 401)
        jti = claims.get("jti")
        if not isinstance(jti, str) or not jti:
            raise OAuthError("invalid_client", "The assertion has no jti", 401)
        with self._lock:
            key = (client.client_id, jti)
            if key in self._seen_jti:
                raise OAuthError("invalid_client", "The assertion's jti was already used", 401)
            self._seen_jti[key] = float(exp) + CLOCK_SKEW_S
        return client

    # -- resource server -------------------------------------------------------------------

    def authenticate(self, authorization: str | None) -> AccessToken:
        """The token behind an ``Authorization: Bearer …`` header, or a 401 refusal."""
        if not authorization:
            raise unauthorized("This request needs a bearer token", error=None)
        scheme, _, value = authorization.partition(" ")
        if scheme.lower() != "bearer" or not value.strip():
            raise unauthorized("Use 'Authorization: Bearer <token>'", error="invalid_request")
        with self._lock:
            token = self._tokens.get(value.strip())
        if token is None:
            raise unauthorized("The access token is not known to this server")
        if token.expires_at <= self.clock():
            raise unauthorized("The access token has expired")
        return token

    def _purge(self, now: datetime) -> None:
        # Lock held. Forget what can no longer matter so memory stays bounded on a long run.
        if len(self._tokens) > 1000:
            self._tokens = {k: t for k, t in self._tokens.items() if t.expires_at > now}
        if len(self._seen_jti) > 1000:
            stamp = now.timestamp()
            self._seen_jti = {k: e for k, e in self._seen_jti.items() if e > stamp}


def _basic_credentials(authorization: str | None) -> tuple[str, str] | None:
    if not authorization:
        return None
    scheme, _, value = authorization.partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        decoded = base64.b64decode(value.strip(), validate=True).decode()
    except (binascii.Error, UnicodeDecodeError) as exc:
        raise OAuthError("invalid_client", "Malformed HTTP Basic credentials", 401) from exc
    client_id, sep, secret = decoded.partition(":")
    if not sep:
        raise OAuthError("invalid_client", "Malformed HTTP Basic credentials", 401)
    # RFC 6749 §2.3.1: id and secret are form-urlencoded before Basic encoding.
    return unquote_plus(client_id), unquote_plus(secret)


def _unverified_claims(assertion: str) -> dict[str, Any]:
    """The payload, read only to find which client's keys to verify the signature with."""
    parts = assertion.split(".")
    if len(parts) != 3:
        raise OAuthError("invalid_client", "The client assertion is not a compact JWS", 401)
    try:
        padded = parts[1] + "=" * (-len(parts[1]) % 4)
        payload = json.loads(base64.urlsafe_b64decode(padded))
    except (ValueError, binascii.Error) as exc:
        raise OAuthError(
            "invalid_client", "The client assertion payload is unreadable", 401
        ) from exc
    if not isinstance(payload, dict):
        raise OAuthError("invalid_client", "The client assertion payload is not an object", 401)
    return payload
