"""``POST /`` with a Bundle: ``transaction`` (all or nothing) and ``batch`` (each on its own).

Owns bundle validation, entry URL parsing, the R4 processing order (DELETE, POST, PUT, GET, while
answering in request order), ``urn:uuid:`` reference resolution for entries created in the same
transaction, and the ``transaction-response``/``batch-response`` shape. Each entry runs through
the same :mod:`~bedside.sandbox.interactions` as a single request, so the rules are identical.
A failing transaction entry rolls back everything and answers with that entry's refusal.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl

from bedside.sandbox import bundles, interactions
from bedside.sandbox.auth import CREATE, DELETE, READ, SEARCH, UPDATE, AccessToken
from bedside.sandbox.outcomes import FhirError, bad_request, operation_outcome
from bedside.sandbox.storage import Stored, Tx

if TYPE_CHECKING:
    from bedside.sandbox.server import Sandbox

_ORDER = {"DELETE": 0, "POST": 1, "PUT": 2, "GET": 3}
_STATUS_TEXT = {200: "200 OK", 201: "201 Created", 204: "204 No Content"}


@dataclass
class _Entry:
    index: int
    method: str
    resource_type: str
    resource_id: str | None
    version_id: str | None
    query: str | None
    full_url: str | None
    resource: Any
    if_none_exist: str | None
    if_match: str | None


def _parse_entry(index: int, entry: Any, base: str, types: frozenset[str]) -> _Entry:
    if not isinstance(entry, dict) or not isinstance(entry.get("request"), dict):
        raise bad_request(f"Bundle entry {index} has no request")
    request = entry["request"]
    method = str(request.get("method", "")).upper()
    if method not in _ORDER:
        raise bad_request(f"Bundle entry {index}: method '{method}' is not supported")
    url = str(request.get("url", ""))
    if url.startswith(base):
        url = url[len(base) :]
    path, _, query = url.lstrip("/").partition("?")
    parts = path.split("/") if path else []
    if not parts or parts[0] not in types:
        raise bad_request(f"Bundle entry {index}: '{url}' does not name a supported resource type")
    rtype = parts[0]
    rid = vid = None
    if len(parts) == 2:
        rid = parts[1]
    elif len(parts) == 4 and parts[2] == "_history" and method == "GET":
        rid, vid = parts[1], parts[3]
    elif len(parts) != 1:
        raise bad_request(f"Bundle entry {index}: cannot handle the URL '{url}'")
    if method in ("PUT", "DELETE") and rid is None:
        raise bad_request(f"Bundle entry {index}: conditional {method} is not supported")
    if method == "POST" and (rid is not None or query):
        raise bad_request(f"Bundle entry {index}: POST goes to the type, e.g. '{rtype}'")
    if method in ("POST", "PUT") and not isinstance(entry.get("resource"), dict):
        raise bad_request(f"Bundle entry {index}: {method} needs a resource")
    return _Entry(
        index,
        method,
        rtype,
        rid,
        vid,
        query or None,
        entry.get("fullUrl") if isinstance(entry.get("fullUrl"), str) else None,
        entry.get("resource"),
        request.get("ifNoneExist"),
        request.get("ifMatch"),
    )


def _required_op(entry: _Entry) -> str:
    if entry.method == "GET":
        return READ if entry.resource_id is not None else SEARCH
    return {"POST": CREATE, "PUT": UPDATE, "DELETE": DELETE}[entry.method]


def _rewrite(node: Any, mapping: dict[str, str]) -> Any:
    """A copy with every ``reference`` to a bundle-local ``fullUrl`` replaced by ``Type/id``."""
    if isinstance(node, dict):
        return {
            key: (
                mapping.get(value, value)
                if key == "reference" and isinstance(value, str)
                else _rewrite(value, mapping)
            )
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_rewrite(item, mapping) for item in node]
    return node


def _write_entry(base: str, result: interactions.WriteResult, prefer: str) -> dict[str, Any]:
    stored = result.stored
    answer: dict[str, Any] = {
        "fullUrl": bundles.full_url(base, stored),
        "response": {
            "status": _STATUS_TEXT[result.status],
            "location": bundles.version_url(base, stored),
            "etag": stored.etag,
            "lastModified": stored.last_updated,
        },
    }
    if prefer == "representation":
        answer["resource"] = stored.resource
    elif prefer == "OperationOutcome":
        answer["response"]["outcome"] = operation_outcome(
            f"{stored.resource_type}/{stored.id}", severity="information", code="informational"
        )
    return answer


class _Runner:
    def __init__(self, sandbox: Sandbox, token: AccessToken, base: str, prefer: str) -> None:
        self.sandbox = sandbox
        self.token = token
        self.base = base
        self.prefer = prefer

    def run(self, tx: Tx, entry: _Entry, resource: Any, new_id: str | None) -> dict[str, Any]:
        config = self.sandbox.config
        if entry.method == "POST":
            if entry.if_none_exist is not None and not config.conditional_create:
                raise bad_request("Conditional create is not supported", code="not-supported")
            result = interactions.create(
                tx,
                entry.resource_type,
                resource,
                if_none_exist=entry.if_none_exist,
                new_id=new_id,
                strict=config.strict_mode,
            )
            return _write_entry(self.base, result, self.prefer)
        if entry.method == "PUT":
            assert entry.resource_id is not None
            result = interactions.update(
                tx,
                entry.resource_type,
                entry.resource_id,
                resource,
                if_match=entry.if_match,
                update_create=config.update_create,
                may_create=self.token.allows(entry.resource_type, CREATE),
                strict=config.strict_mode,
            )
            return _write_entry(self.base, result, self.prefer)
        if entry.method == "DELETE":
            assert entry.resource_id is not None
            deleted = interactions.delete(tx, entry.resource_type, entry.resource_id)
            response: dict[str, Any] = {"status": "204 No Content"}
            if deleted is not None:
                response["etag"] = deleted.etag
            return {"response": response}
        return self._get(tx, entry)

    def _get(self, tx: Tx, entry: _Entry) -> dict[str, Any]:
        if entry.resource_id is not None:
            stored: Stored
            if entry.version_id is not None:
                stored = interactions.vread(
                    tx, entry.resource_type, entry.resource_id, entry.version_id
                )
            else:
                stored = interactions.read(tx, entry.resource_type, entry.resource_id)
            return {
                "resource": stored.resource,
                "response": {
                    "status": "200 OK",
                    "etag": stored.etag,
                    "lastModified": stored.last_updated,
                },
            }
        from bedside.sandbox.server import search_answer

        query = self.sandbox.search_query(
            entry.resource_type, parse_qsl(entry.query or "", keep_blank_values=True)
        )
        bundle = search_answer(self.sandbox, tx, self.base, self.token.client_id, query)
        return {"resource": bundle, "response": {"status": "200 OK"}}


def process_bundle(
    sandbox: Sandbox, token: AccessToken, base: str, body: Any, prefer: str = "representation"
) -> dict[str, Any]:
    """The ``transaction-response`` or ``batch-response`` for a posted Bundle."""
    if not isinstance(body, dict) or body.get("resourceType") != "Bundle":
        raise bad_request("POST / takes a Bundle of type transaction or batch")
    kind = body.get("type")
    if kind not in ("transaction", "batch"):
        raise bad_request(f"Bundle type '{kind}' cannot be processed; use transaction or batch")
    raw_entries = body.get("entry") or []
    if not isinstance(raw_entries, list):
        raise bad_request("Bundle.entry must be a list")
    runner = _Runner(sandbox, token, base, prefer)
    if kind == "batch":
        return _batch(sandbox, runner, base, raw_entries)
    return _transaction(sandbox, runner, base, raw_entries)


def _response_bundle(kind: str, entries: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "resourceType": "Bundle",
        "id": str(uuid.uuid4()),
        "type": kind,
        "entry": entries,
    }


def _transaction(
    sandbox: Sandbox, runner: _Runner, base: str, raw_entries: list[Any]
) -> dict[str, Any]:
    entries = [_parse_entry(i, e, base, sandbox.resource_types) for i, e in enumerate(raw_entries)]
    for entry in entries:  # every permission first: a refusal must not depend on order
        runner.token.require(entry.resource_type, _required_op(entry))
    answers: list[dict[str, Any] | None] = [None] * len(entries)
    with sandbox.storage.transaction() as tx:
        try:
            mapping: dict[str, str] = {}
            new_ids: dict[int, str] = {}
            for entry in entries:
                if entry.method == "POST":
                    new_ids[entry.index] = str(uuid.uuid4())
                    target = f"{entry.resource_type}/{new_ids[entry.index]}"
                    if entry.if_none_exist is not None:
                        found = interactions.matches(tx, entry.resource_type, entry.if_none_exist)
                        if len(found) == 1:
                            target = f"{entry.resource_type}/{found[0]}"
                    if entry.full_url:
                        mapping[entry.full_url] = target
                elif entry.method == "PUT" and entry.full_url:
                    mapping[entry.full_url] = f"{entry.resource_type}/{entry.resource_id}"
            for entry in sorted(entries, key=lambda e: (_ORDER[e.method], e.index)):
                resource = _rewrite(entry.resource, mapping) if entry.resource is not None else None
                answers[entry.index] = runner.run(tx, entry, resource, new_ids.get(entry.index))
        except FhirError as exc:
            # The whole bundle fails with the entry's own status; storage rolls everything back.
            raise FhirError(
                exc.status,
                f"Transaction failed at entry {entry.index} ({entry.method}"
                f" {entry.resource_type}): {exc.diagnostics}",
                code=exc.code,
                headers=exc.headers,
                issues=exc.issues,  # a strict validation's issues, each with its expression
            ) from exc
    return _response_bundle("transaction-response", [a for a in answers if a is not None])


def _batch(sandbox: Sandbox, runner: _Runner, base: str, raw_entries: list[Any]) -> dict[str, Any]:
    answers: list[dict[str, Any]] = []
    for index, raw in enumerate(raw_entries):
        try:
            entry = _parse_entry(index, raw, base, sandbox.resource_types)
            runner.token.require(entry.resource_type, _required_op(entry))
            with sandbox.storage.transaction() as tx:
                answers.append(runner.run(tx, entry, entry.resource, None))
        except FhirError as exc:
            answers.append({"response": {"status": f"{exc.status}", "outcome": exc.outcome()}})
    return _response_bundle("batch-response", answers)
