"""The sandbox EHR's HTTP face: a Starlette app that speaks FHIR R4 REST like a real server.

Owns routing, request/response handling (content types, ``Prefer``, ``If-Match``,
``If-None-Exist``, ETag/Location/Last-Modified/Date headers), the bearer-token check on every FHIR
endpoint, the refusals as ``OperationOutcome``, one log line per request (no bodies, no query
strings, no ids) and the fault-injection hook. Storage work runs in a worker thread
(``run_in_threadpool``) so SQLite never blocks the event loop. Build it with
:func:`create_app` from a :class:`Sandbox`. The one FHIR operation, ``Practitioner/$verify-pin``
(staff sign-in), checks PINs against :class:`~bedside.sandbox.staff_pins.StaffPins`.

Strict mode (:meth:`SandboxConfig.strict`) makes the sandbox behave like an independent R4 server
(Medplum was the model) so the client's tests meet what the friendly mode forgives: every write
validated against the R4 definitions (:mod:`~bedside.sandbox.r4_validation`), no create-as-update
(404), only the ward's types served, ``_count`` 20 by default with ``_offset`` next links over live
data, and no ``$verify-pin``.
"""

from __future__ import annotations

import hmac
import logging
import time
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qsl, urlencode

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bedside.models import fhir_json
from bedside.sandbox import bundles, interactions
from bedside.sandbox.auth import (
    CREATE,
    DELETE,
    READ,
    SEARCH,
    UPDATE,
    AccessToken,
    AuthRegistry,
    OAuthError,
)
from bedside.sandbox.capability import RESOURCE_TYPES, capability_statement
from bedside.sandbox.instants import format_instant, http_date, to_ms
from bedside.sandbox.outcomes import (
    FHIR_CONTENT_TYPE,
    FhirError,
    bad_request,
    not_found,
    operation_outcome,
)
from bedside.sandbox.paging import PageStore, Snapshot
from bedside.sandbox.search import (
    MAX_COUNT,
    WARD_TYPES,
    SearchQuery,
    parse_instant_param,
    parse_search,
)
from bedside.sandbox.staff_pins import StaffPins
from bedside.sandbox.storage import Storage, Stored, Tx

log = logging.getLogger("bedside.sandbox")

SOFTWARE_VERSION = "0.1.0"
# Strict mode pages like Medplum: 20 a page unless asked, next links by offset.
STRICT_DEFAULT_COUNT = 20
TOKEN_PATH = "auth/token"  # noqa: S105 -- a URL path, not a secret
ACCEPTED_BODY_TYPES = ("application/fhir+json", "application/json")

Clock = Callable[[], datetime]
FaultHook = Callable[[str, str], FhirError | None]


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class SandboxConfig:
    """Server behaviours that differ between real EHRs, so the client can be tested against each."""

    update_create: bool = True
    conditional_create: bool = True
    # Type- and system-level _history: FHIR has them, several widely used servers do not.
    type_history: bool = True
    token_lifetime_s: int = 300
    page_ttl_s: float = 900.0
    max_body_bytes: int = 16 * 1024 * 1024
    # When set, POST /_admin/clients registers clients with "Authorization: Bearer <admin_token>".
    admin_token: str | None = field(default=None, repr=False)
    # Behave like an independent strict R4 server (see the module docstring); use strict().
    strict_mode: bool = False

    @classmethod
    def strict(cls, **overrides: Any) -> SandboxConfig:
        """The strict preset: strict mode, no create-as-update, no type- or system-level history.

        As the server it imitates (Medplum) does; ``overrides`` change any field, e.g.
        ``SandboxConfig.strict(admin_token=...)``.
        """
        settings: dict[str, Any] = {"update_create": False, "type_history": False}
        return cls(**{**settings, **overrides, "strict_mode": True})


class Sandbox:
    """Everything one sandbox server holds: storage, client registry, clock, paging, faults.

    ``clock`` may be replaced at any time (tests move time forward); storage and auth always ask
    the sandbox's current clock.
    """

    def __init__(
        self,
        storage: Storage | None = None,
        *,
        clock: Clock | None = None,
        config: SandboxConfig | None = None,
        auth: AuthRegistry | None = None,
    ) -> None:
        self.clock: Clock = clock or utc_now
        self.config = config or SandboxConfig()
        self.storage = storage or Storage(":memory:")
        self.storage.clock = self.now
        self.auth = auth or AuthRegistry(self.now, self.config.token_lifetime_s)
        self.auth.clock = self.now
        self.pages = PageStore(self.config.page_ttl_s)
        # Staff PINs (hashes only); load() enrolls the seeded badges' synthetic PINs.
        self.staff_pins = StaffPins()
        # Fault injection: called with (method, path) before routing; a FhirError it returns is
        # sent instead of the real answer (e.g. outcomes.too_many_requests(5) for a 429).
        self.fault_hook: FaultHook | None = None

    def now(self) -> datetime:
        return self.clock()

    @property
    def strict(self) -> bool:
        return self.config.strict_mode

    @property
    def resource_types(self) -> frozenset[str]:
        """The types this server serves: every R4 type, or the ward's in strict mode."""
        return WARD_TYPES if self.strict else RESOURCE_TYPES

    def search_query(
        self, resource_type: str, items: Iterable[tuple[str, str]], *, lenient: bool = False
    ) -> SearchQuery:
        """A search as this server parses it (strict mode: 20 a page, ``_offset`` accepted)."""
        if self.strict:
            return parse_search(
                resource_type,
                items,
                lenient=lenient,
                default_count=STRICT_DEFAULT_COUNT,
                offsets=True,
            )
        return parse_search(resource_type, items, lenient=lenient)

    def load(self, resources: Iterable[dict[str, Any]]) -> int:
        """Bulk-load resources (seeding): one transaction, no validation, one shared instant.

        Seeded staff badges get their synthetic PIN (hashed) at the same time.
        """
        batch = list(resources)
        count = self.storage.load(batch)
        self.staff_pins.enroll_seeded(batch)
        return count

    def close(self) -> None:
        self.storage.close()


# ---------------------------------------------------------------------------------------------
# Responses


class FhirResponse(Response):
    media_type = FHIR_CONTENT_TYPE

    def render(self, content: Any) -> bytes:
        if content is None:
            return b""
        return fhir_json.dumps(content).encode()


def _error_response(error: FhirError) -> Response:
    return FhirResponse(error.outcome(), status_code=error.status, headers=error.headers)


def _base(request: Request) -> str:
    return str(request.base_url)


def _prefer(request: Request) -> dict[str, str]:
    prefs: dict[str, str] = {}
    for header in request.headers.getlist("prefer"):
        for part in header.replace(";", ",").split(","):
            key, _, value = part.strip().partition("=")
            if key:
                prefs[key.strip().lower()] = value.strip().strip('"')
    return prefs


def _write_response(request: Request, result: interactions.WriteResult, *, action: str) -> Response:
    stored = result.stored
    headers = bundles.version_headers(stored)
    headers["Location"] = bundles.version_url(_base(request), stored)
    wanted = _prefer(request).get("return", "representation")
    body: Any
    if wanted == "minimal":
        body = None
    elif wanted == "OperationOutcome":
        text = f"{action} {stored.resource_type}/{stored.id} version {stored.version_id}"
        body = operation_outcome(text, severity="information", code="informational")
    else:
        body = stored.resource
    return FhirResponse(body, status_code=result.status, headers=headers)


def _read_response(stored: Stored) -> Response:
    return FhirResponse(stored.resource, headers=bundles.version_headers(stored))


# ---------------------------------------------------------------------------------------------
# Request pieces


def _resource_type(request: Request, sandbox: Sandbox) -> str:
    rtype = request.path_params["type"]
    if rtype not in sandbox.resource_types:
        raise not_found(f"Resource type '{rtype}' is not supported by this server")
    return str(rtype)


async def _json_body(request: Request, sandbox: Sandbox) -> Any:
    content_type = request.headers.get("content-type", "")
    media, *params = [p.strip() for p in content_type.split(";")]
    if media.lower() not in ACCEPTED_BODY_TYPES:
        raise FhirError(
            415,
            f"Content-Type must be application/fhir+json, not '{content_type or 'none'}'",
            code="not-supported",
        )
    for param in params:
        key, _, value = param.partition("=")
        if key.strip().lower() == "fhirversion" and value.strip() not in ("4.0", "4.0.1"):
            raise FhirError(
                415, f"fhirVersion {value} is not supported (4.0 only)", code="not-supported"
            )
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > sandbox.config.max_body_bytes:
        raise FhirError(413, "The request body is too large", code="too-costly")
    raw = await request.body()
    if len(raw) > sandbox.config.max_body_bytes:
        raise FhirError(413, "The request body is too large", code="too-costly")
    try:
        return fhir_json.loads(raw)
    except fhir_json.FhirJsonError as exc:
        raise bad_request(f"The body is not valid JSON: {exc}", code="structure") from exc


async def _form(request: Request) -> list[tuple[str, str]]:
    # application/x-www-form-urlencoded only (what OAuth and FHIR _search use); decoding it with
    # the standard library avoids a multipart dependency.
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != "application/x-www-form-urlencoded":
        raise FhirError(
            415, "The body must be application/x-www-form-urlencoded", code="not-supported"
        )
    raw = await request.body()
    try:
        return parse_qsl(raw.decode(), keep_blank_values=True, strict_parsing=False)
    except UnicodeDecodeError as exc:
        raise bad_request("The form body is not UTF-8") from exc


# ---------------------------------------------------------------------------------------------
# The app


class _Handlers:
    """Route handlers closed over one sandbox."""

    def __init__(self, sandbox: Sandbox) -> None:
        self.sandbox = sandbox
        self.storage = sandbox.storage

    def authorize(self, request: Request, resource_type: str, op: str) -> AccessToken:
        token = self.sandbox.auth.authenticate(request.headers.get("authorization"))
        token.require(resource_type, op)
        return token

    # -- discovery and tokens ------------------------------------------------------------------

    async def metadata(self, request: Request) -> Response:
        config = self.sandbox.config
        statement = capability_statement(
            _base(request),
            software_version=SOFTWARE_VERSION,
            date=format_instant(to_ms(self.sandbox.now())),
            update_create=config.update_create,
            conditional_create=config.conditional_create,
            type_history=config.type_history,
            resource_types=self.sandbox.resource_types,
            verify_pin=not self.sandbox.strict,
        )
        return FhirResponse(statement)

    async def smart_configuration(self, request: Request) -> Response:
        base = _base(request)
        return JSONResponse(
            {
                "issuer": base.rstrip("/"),
                "token_endpoint": f"{base}{TOKEN_PATH}",
                "token_endpoint_auth_methods_supported": [
                    "private_key_jwt",
                    "client_secret_basic",
                    "client_secret_post",
                ],
                "token_endpoint_auth_signing_alg_values_supported": ["ES384", "RS384"],
                "grant_types_supported": ["client_credentials"],
                "scopes_supported": ["system/*.read", "system/*.write", "system/*.*"],
                "capabilities": ["client-confidential-asymmetric", "client-confidential-symmetric"],
            }
        )

    async def token(self, request: Request) -> Response:
        headers = {"Cache-Control": "no-store", "Pragma": "no-cache"}
        try:
            content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
            if content_type != "application/x-www-form-urlencoded":
                raise OAuthError("invalid_request", "Send the token request as a form")
            form = dict(await _form(request))
            answer = self.sandbox.auth.token_request(
                form, request.headers.get("authorization"), f"{_base(request)}{TOKEN_PATH}"
            )
        except OAuthError as exc:
            return JSONResponse(
                exc.body(), status_code=exc.status, headers={**headers, **exc.headers}
            )
        return JSONResponse(answer, headers=headers)

    async def admin_clients(self, request: Request) -> Response:
        expected = self.sandbox.config.admin_token or ""
        given = request.headers.get("authorization", "")
        if not expected or not hmac.compare_digest(given.encode(), f"Bearer {expected}".encode()):
            raise FhirError(401, "Admin token required", code="login")
        body = await _json_body(request, self.sandbox)
        if not isinstance(body, dict) or not isinstance(body.get("client_id"), str):
            raise bad_request("Send {client_id, scope, jwks | secret}")
        scope = body.get("scope", "system/*.read system/*.write")
        try:
            if "jwks" in body:
                self.sandbox.auth.register_jwk_client(body["client_id"], body["jwks"], scope)
            elif isinstance(body.get("secret"), str):
                self.sandbox.auth.register_secret_client(body["client_id"], body["secret"], scope)
            else:
                raise bad_request("Send either jwks or secret")
        except (ValueError, KeyError, TypeError) as exc:
            raise bad_request(f"Cannot register the client: {exc}") from exc
        return JSONResponse({"client_id": body["client_id"]}, status_code=201)

    # -- read ------------------------------------------------------------------------------------

    async def read(self, request: Request) -> Response:
        rtype = _resource_type(request, self.sandbox)
        self.authorize(request, rtype, READ)
        rid = request.path_params["id"]

        def run() -> Stored:
            with self.storage.reading() as tx:
                return interactions.read(tx, rtype, rid)

        return _read_response(await run_in_threadpool(run))

    async def vread(self, request: Request) -> Response:
        rtype = _resource_type(request, self.sandbox)
        self.authorize(request, rtype, READ)
        rid, vid = request.path_params["id"], request.path_params["vid"]

        def run() -> Stored:
            with self.storage.reading() as tx:
                return interactions.vread(tx, rtype, rid, vid)

        return _read_response(await run_in_threadpool(run))

    # -- search and paging -----------------------------------------------------------------------

    async def search(self, request: Request) -> Response:
        rtype = _resource_type(request, self.sandbox)
        token = self.authorize(request, rtype, SEARCH)
        items = request.query_params.multi_items()
        if request.method == "POST":
            items = [*items, *(await _form(request))]
        lenient = _prefer(request).get("handling") == "lenient"
        query = self.sandbox.search_query(rtype, items, lenient=lenient)
        bundle = await run_in_threadpool(self._first_page, _base(request), token, query)
        return FhirResponse(bundle)

    def _first_page(self, base: str, token: AccessToken, query: SearchQuery) -> dict[str, Any]:
        with self.storage.reading() as tx:
            return search_answer(self.sandbox, tx, base, token.client_id, query)

    async def root_get(self, request: Request) -> Response:
        params = dict(request.query_params)
        if "_getpages" not in params:
            raise bad_request("System-level search is not supported; search a resource type")
        token = self.sandbox.auth.authenticate(request.headers.get("authorization"))
        snapshot = self.sandbox.pages.get(params["_getpages"], token.client_id)
        op = SEARCH if snapshot.kind == "searchset" else READ
        token.require(snapshot.resource_type or "*", op)
        try:
            offset = int(params.get("_getpagesoffset", "0"))
            count = min(int(params.get("_count", "50")), MAX_COUNT)
        except ValueError as exc:
            raise bad_request("_getpagesoffset and _count must be whole numbers") from exc
        if offset < 0 or count < 1:
            raise bad_request("_getpagesoffset must be >= 0 and _count >= 1")
        base = _base(request)
        keys = snapshot.keys[offset : offset + count]
        next_url = None
        if offset + count < len(snapshot.keys):
            next_url = _page_url(base, params["_getpages"], offset + count, count)

        def run() -> dict[str, Any]:
            with self.storage.reading() as tx:
                if snapshot.kind == "searchset":
                    assert snapshot.resource_type is not None
                    page_ids = [str(k) for k in keys]
                    found = tx.fetch_current(snapshot.resource_type, page_ids)
                    included = (
                        tx.included(snapshot.resource_type, page_ids, snapshot.includes)
                        if snapshot.includes
                        else []
                    )
                    return bundles.searchset(
                        base,
                        found,
                        included=included,
                        total=len(snapshot.keys),
                        self_url=str(request.url),
                        next_url=next_url,
                        server_ms=snapshot.server_ms,
                    )
                versions = tx.fetch_history([int(k) for k in keys])
                return bundles.history(
                    base,
                    versions,
                    total=len(snapshot.keys),
                    self_url=str(request.url),
                    next_url=next_url,
                    server_ms=snapshot.server_ms,
                )

        return FhirResponse(await run_in_threadpool(run))

    # -- history -------------------------------------------------------------------------------

    async def history_instance(self, request: Request) -> Response:
        rtype = _resource_type(request, self.sandbox)
        token = self.authorize(request, rtype, READ)
        rid = request.path_params["id"]
        interactions.check_id(rid)
        return await self._history(request, token, rtype, rid)

    async def history_type(self, request: Request) -> Response:
        rtype = _resource_type(request, self.sandbox)
        if not self.sandbox.config.type_history:
            raise FhirError(
                404, "Type-level _history is not supported by this server", code="not-supported"
            )
        token = self.authorize(request, rtype, SEARCH)
        return await self._history(request, token, rtype, None)

    async def history_system(self, request: Request) -> Response:
        if not self.sandbox.config.type_history:
            raise FhirError(
                404, "System-level _history is not supported by this server", code="not-supported"
            )
        token = self.authorize(request, "*", SEARCH)
        return await self._history(request, token, None, None)

    async def _history(
        self, request: Request, token: AccessToken, rtype: str | None, rid: str | None
    ) -> Response:
        since_ms: int | None = None
        count = 50
        lenient = _prefer(request).get("handling") == "lenient"
        for name, value in request.query_params.multi_items():
            if name == "_since":
                since_ms = parse_instant_param(name, value)
            elif name == "_count":
                try:
                    count = min(max(int(value), 1), MAX_COUNT)
                except ValueError as exc:
                    raise bad_request(f"_count must be a whole number, not '{value}'") from exc
            elif name in ("_format", "_pretty"):
                continue
            elif not lenient:
                raise bad_request(f"Unknown _history parameter '{name}'", code="not-supported")
        base = _base(request)

        def run() -> dict[str, Any]:
            with self.storage.reading() as tx:
                seqs = tx.history_seqs(rtype, rid, since_ms)
                server_ms = self.storage.server_time_ms()
                if rid is not None and not seqs and since_ms is None:
                    raise not_found(f"{rtype}/{rid} is not known")
                versions = tx.fetch_history(seqs[:count])
            next_url = None
            if len(seqs) > count:
                snapshot = Snapshot("history", rtype, token.client_id, seqs, server_ms)
                next_url = _page_url(base, self.sandbox.pages.add(snapshot), count, count)
            return bundles.history(
                base,
                versions,
                total=len(seqs),
                self_url=str(request.url),
                next_url=next_url,
                server_ms=server_ms,
            )

        return FhirResponse(await run_in_threadpool(run))

    # -- writes ----------------------------------------------------------------------------------

    async def create(self, request: Request) -> Response:
        rtype = _resource_type(request, self.sandbox)
        self.authorize(request, rtype, CREATE)
        body = await _json_body(request, self.sandbox)
        if_none_exist = request.headers.get("if-none-exist")
        if if_none_exist is not None and not self.sandbox.config.conditional_create:
            raise bad_request("Conditional create is not supported", code="not-supported")

        strict = self.sandbox.strict

        def run() -> interactions.WriteResult:
            with self.storage.transaction() as tx:
                return interactions.create(
                    tx, rtype, body, if_none_exist=if_none_exist, strict=strict
                )

        result = await run_in_threadpool(run)
        return _write_response(
            request, result, action="Created" if result.status == 201 else "Found"
        )

    async def update(self, request: Request) -> Response:
        rtype = _resource_type(request, self.sandbox)
        token = self.authorize(request, rtype, UPDATE)
        rid = request.path_params["id"]
        body = await _json_body(request, self.sandbox)
        if_match = request.headers.get("if-match")
        config = self.sandbox.config

        def run() -> interactions.WriteResult:
            with self.storage.transaction() as tx:
                return interactions.update(
                    tx,
                    rtype,
                    rid,
                    body,
                    if_match=if_match,
                    update_create=config.update_create,
                    may_create=token.allows(rtype, CREATE),
                    strict=config.strict_mode,
                )

        result = await run_in_threadpool(run)
        return _write_response(
            request, result, action="Created" if result.status == 201 else "Updated"
        )

    async def delete(self, request: Request) -> Response:
        rtype = _resource_type(request, self.sandbox)
        self.authorize(request, rtype, DELETE)
        rid = request.path_params["id"]

        def run() -> Stored | None:
            with self.storage.transaction() as tx:
                return interactions.delete(tx, rtype, rid)

        stored = await run_in_threadpool(run)
        headers = bundles.version_headers(stored) if stored is not None else {}
        if _prefer(request).get("return") == "OperationOutcome":
            text = f"Deleted {rtype}/{rid}" if stored else f"{rtype}/{rid} was not there to delete"
            outcome = operation_outcome(text, severity="information", code="informational")
            return FhirResponse(outcome, status_code=200, headers=headers)
        return Response(status_code=204, headers=headers)

    # -- operations ------------------------------------------------------------------------------

    async def verify_pin(self, request: Request) -> Response:
        """``POST /Practitioner/$verify-pin``: the staff member of a badge, if the PIN is right."""
        if self.sandbox.strict:
            # A real EHR has no such operation: the client must find out from the metadata.
            raise FhirError(
                404, "Operation $verify-pin is not supported on Practitioner", code="not-supported"
            )
        self.authorize(request, "Practitioner", READ)
        badge_system, badge, pin = _verify_pin_input(await _json_body(request, self.sandbox))

        def run() -> Stored:
            # "system|value", or any system when the tablet does not know the site's badge system
            token = badge if badge_system is None else f"{badge_system}|{badge}"
            query = parse_search("Practitioner", [("identifier", token)])
            with self.storage.reading() as tx:
                found = tx.fetch_current("Practitioner", tx.search_ids(query))
            active = [s for s in found if s.resource and s.resource.get("active") is not False]
            if len(active) != 1 or not self.sandbox.staff_pins.has_pin(badge):
                raise not_found("No active staff member with a PIN has this badge")
            if not self.sandbox.staff_pins.check(badge, pin):
                raise FhirError(403, "wrong PIN", code="security")
            return active[0]

        stored = await run_in_threadpool(run)
        answer = {
            "resourceType": "Parameters",
            "parameter": [{"name": "practitioner", "resource": stored.resource}],
        }
        return FhirResponse(answer, headers={"Cache-Control": "no-store"})

    async def bundle(self, request: Request) -> Response:
        from bedside.sandbox.transactions import process_bundle

        token = self.sandbox.auth.authenticate(request.headers.get("authorization"))
        body = await _json_body(request, self.sandbox)
        prefer = _prefer(request).get("return", "representation")
        answer = await run_in_threadpool(
            process_bundle, self.sandbox, token, _base(request), body, prefer
        )
        return FhirResponse(answer)


def _verify_pin_input(body: Any) -> tuple[str | None, str, str]:
    """(badge system, badge, PIN) from a ``$verify-pin`` body, or a 400 (never echoing them)."""
    if not isinstance(body, dict) or body.get("resourceType") != "Parameters":
        raise bad_request("Send a Parameters resource with 'badge' and 'pin'")
    badge: Any = None
    pin: Any = None
    for parameter in body.get("parameter") or []:
        if not isinstance(parameter, dict):
            raise bad_request("Each parameter must be an object")
        if parameter.get("name") == "badge":
            badge = parameter.get("valueIdentifier")
        elif parameter.get("name") == "pin":
            pin = parameter.get("valueString")
    if not isinstance(badge, dict) or not isinstance(badge.get("value"), str) or not badge["value"]:
        raise bad_request("'badge' must be a valueIdentifier with a value")
    system = badge.get("system")
    if system is not None and not isinstance(system, str):
        raise bad_request("'badge' system must be a string")
    if not isinstance(pin, str) or not pin:
        raise bad_request("'pin' must be a non-empty valueString")
    return system, badge["value"], pin


def search_answer(
    sandbox: Sandbox, tx: Tx, base: str, client_id: str, query: SearchQuery
) -> dict[str, Any]:
    """The first page of a search as a ``searchset`` (a paging snapshot when there is more)."""
    rtype = query.resource_type
    ids = tx.search_ids(query)
    # Taken while the storage lock is held: no write can fall between the query and this time.
    server_ms = sandbox.storage.server_time_ms()
    start = query.offset
    page_ids = [] if query.summary_count else ids[start : start + query.count]
    matches = tx.fetch_current(rtype, page_ids)
    included = tx.included(rtype, page_ids, query.includes) if query.includes else []
    params = urlencode(query.canonical)
    self_url = f"{base}{rtype}" + (f"?{params}" if params else "")
    next_url = None
    if sandbox.strict:
        # As Medplum does: the next page is the same search again, further on (live data, no
        # snapshot: what changes meanwhile can move between pages).
        if not query.summary_count and len(ids) > start + query.count and query.count > 0:
            filters = [(k, v) for k, v in query.canonical if k not in ("_count", "_offset")]
            paging = [("_count", str(query.count)), ("_offset", str(start + query.count))]
            next_url = f"{base}{rtype}?{urlencode([*filters, *paging])}"
    elif not query.summary_count and len(ids) > query.count > 0:
        snapshot = Snapshot("searchset", rtype, client_id, ids, server_ms, query.includes)
        key = sandbox.pages.add(snapshot)
        next_url = _page_url(base, key, query.count, query.count)
    outcome = None
    if query.ignored:
        outcome = operation_outcome(
            f"Ignored unknown search parameters: {', '.join(query.ignored)}",
            severity="warning",
            code="not-supported",
        )
    return bundles.searchset(
        base,
        matches,
        total=len(ids),
        self_url=self_url,
        next_url=next_url,
        server_ms=server_ms,
        outcome=outcome,
        included=included,
    )


def _page_url(base: str, key: str, offset: int, count: int) -> str:
    return f"{base}?{urlencode({'_getpages': key, '_getpagesoffset': offset, '_count': count})}"


# ---------------------------------------------------------------------------------------------
# Middleware: log line, Date header, faults


_LITERAL_SEGMENTS = frozenset(
    {
        "_history",
        "_search",
        "metadata",
        "auth",
        "token",
        ".well-known",
        "smart-configuration",
        "_admin",
        "clients",
    }
)


def _path_template(path: str) -> str:
    """``/Patient/{id}/_history/{vid}``: the shape of a path without ids (no patient data)."""
    parts = [p for p in path.split("/") if p]
    shaped = []
    for index, part in enumerate(parts):
        # "$verify-pin" names an operation, not a record: keep it (the body is never logged).
        if (
            part in _LITERAL_SEGMENTS
            or part.startswith("$")
            or (index == 0 and part in RESOURCE_TYPES)
        ):
            shaped.append(part)
        elif index == 0:
            shaped.append("{type}")
        elif index == 3 and parts[2] == "_history":
            shaped.append("{vid}")
        else:
            shaped.append("{id}")
    return "/" + "/".join(shaped)


class _EdgeMiddleware:
    """Outermost layer: fault injection, the server's ``Date`` header, one log line per request."""

    def __init__(self, app: ASGIApp, sandbox: Sandbox) -> None:
        self.app = app
        self.sandbox = sandbox

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500
        logged = False

        def log_request() -> None:
            nonlocal logged
            if not logged:
                logged = True
                log.info(
                    "request method=%s path=%s status=%d ms=%.1f",
                    scope["method"],
                    _path_template(scope["path"]),
                    status,
                    (time.perf_counter() - started) * 1000,
                )

        async def send_with_date(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                date = http_date(to_ms(self.sandbox.now())).encode()
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"date"]
                message = {**message, "headers": [*headers, (b"date", date)]}
            elif message["type"] == "http.response.body" and not message.get("more_body", False):
                # Logged before the last byte leaves, so a client that has its answer can
                # rely on the line being written (the tests and IT reading logs both do).
                log_request()
            await send(message)

        try:
            hook = self.sandbox.fault_hook
            fault = hook(scope["method"], scope["path"]) if hook is not None else None
            if fault is not None:
                await _error_response(fault)(scope, receive, send_with_date)
            else:
                await self.app(scope, receive, send_with_date)
        finally:
            log_request()


async def _fhir_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, FhirError)
    return _error_response(exc)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    code = {404: "not-found", 405: "not-supported"}.get(exc.status_code, "processing")
    text = {
        404: f"No such endpoint: {_path_template(request.url.path)}",
        405: f"{request.method} is not allowed here",
    }
    error = FhirError(
        exc.status_code,
        text.get(exc.status_code, str(exc.detail)),
        code=code,
        headers=dict(exc.headers or {}),
    )
    return _error_response(error)


async def _internal_error(request: Request, exc: Exception) -> Response:
    log.error(
        "internal_error method=%s path=%s cause=%s",
        request.method,
        _path_template(request.url.path),
        type(exc).__name__,
    )
    return _error_response(FhirError(500, "Internal server error", code="exception"))


def create_app(sandbox: Sandbox) -> Starlette:
    """The ASGI app for one sandbox: serve it with uvicorn or call it via httpx.ASGITransport."""
    h = _Handlers(sandbox)
    routes: list[Route] = [
        Route("/metadata", h.metadata, methods=["GET"]),
        Route("/.well-known/smart-configuration", h.smart_configuration, methods=["GET"]),
        Route(f"/{TOKEN_PATH}", h.token, methods=["POST"]),
        Route("/", h.root_get, methods=["GET"]),
        Route("/", h.bundle, methods=["POST"]),
        Route("/_history", h.history_system, methods=["GET"]),
        Route("/{type}/_history", h.history_type, methods=["GET"]),
        Route("/{type}/_search", h.search, methods=["POST"]),
        Route("/Practitioner/$verify-pin", h.verify_pin, methods=["POST"]),
        Route("/{type}", h.search, methods=["GET"]),
        Route("/{type}", h.create, methods=["POST"]),
        Route("/{type}/{id}", h.read, methods=["GET"]),
        Route("/{type}/{id}", h.update, methods=["PUT"]),
        Route("/{type}/{id}", h.delete, methods=["DELETE"]),
        Route("/{type}/{id}/_history", h.history_instance, methods=["GET"]),
        Route("/{type}/{id}/_history/{vid}", h.vread, methods=["GET"]),
    ]
    if sandbox.config.admin_token:
        routes.insert(0, Route("/_admin/clients", h.admin_clients, methods=["POST"]))
    handlers: dict[Any, Callable[[Request, Exception], Awaitable[Response]]] = {
        FhirError: _fhir_error,
        HTTPException: _http_error,
        Exception: _internal_error,
    }
    app = Starlette(routes=routes, exception_handlers=handlers)
    app.add_middleware(_EdgeMiddleware, sandbox=sandbox)
    return app
