"""The FHIR interactions as synchronous steps inside one storage unit of work.

Owns the rules of read, vread, create (plain and conditional), update (create-as-update,
versioned update, unchanged update) and delete. The HTTP handlers and the transaction/batch
processor both call these with a :class:`~bedside.sandbox.storage.Tx`, so a single request and a
bundle entry behave identically. Raises :class:`~bedside.sandbox.outcomes.FhirError` for refusals.
No HTTP objects, no auth (the caller has checked scopes). ``strict`` (the strict server's rules)
validates against the R4 definitions and refuses an update of an unknown id with 404.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

from bedside.sandbox import r4_validation
from bedside.sandbox.outcomes import (
    FhirError,
    bad_request,
    forbidden,
    gone,
    not_found,
    precondition_failed,
)
from bedside.sandbox.search import parse_search
from bedside.sandbox.storage import Stored, Tx
from bedside.sandbox.validation import ID_RE, validate_resource

_ETAG_RE = re.compile(r'^W/"(?P<vid>[^"]+)"$')


@dataclass(frozen=True)
class WriteResult:
    """A write's HTTP status and the version to report (ETag, Location, body)."""

    status: int
    stored: Stored


def check_id(resource_id: str) -> None:
    if not ID_RE.fullmatch(resource_id):
        raise bad_request(f"'{resource_id}' is not a valid resource id ([A-Za-z0-9\\-.]{{1,64}})")


def parse_if_match(value: str) -> str:
    """The version id in ``W/"vid"``; anything else is refused so clients learn the one form."""
    match = _ETAG_RE.match(value.strip())
    if match is None:
        raise bad_request(
            f"If-Match must be a weak ETag such as W/\"<versionId>\", not '{value}'",
            code="invalid",
        )
    return match["vid"]


def read(tx: Tx, resource_type: str, resource_id: str) -> Stored:
    check_id(resource_id)
    stored = tx.current(resource_type, resource_id)
    if stored is None:
        raise not_found(f"{resource_type}/{resource_id} is not known")
    if stored.deleted:
        raise gone(f"{resource_type}/{resource_id} was deleted")
    return stored


def vread(tx: Tx, resource_type: str, resource_id: str, version_id: str) -> Stored:
    check_id(resource_id)
    stored = tx.version(resource_type, resource_id, version_id)
    if stored is None:
        raise not_found(f"{resource_type}/{resource_id} has no version '{version_id}'")
    if stored.deleted:
        raise gone(f"Version '{version_id}' of {resource_type}/{resource_id} is a deletion")
    return stored


def matches(tx: Tx, resource_type: str, criteria: str) -> list[str]:
    """Ids matching conditional criteria such as ``identifier=sys|val`` (strict parameters)."""
    # Normally just the query ("identifier=sys|val"); some clients send "Type?query".
    query_text = criteria.split("?", 1)[1] if "?" in criteria else criteria
    items = parse_qsl(query_text, keep_blank_values=True)
    if not items:
        raise bad_request("If-None-Exist must carry search parameters such as identifier=sys|val")
    query = parse_search(resource_type, items)
    return tx.search_ids(query)


def create(
    tx: Tx,
    resource_type: str,
    body: Any,
    *,
    if_none_exist: str | None = None,
    new_id: str | None = None,
    strict: bool = False,
) -> WriteResult:
    """``POST /{type}``: a server-assigned UUID id (any id in the body is ignored, as R4 says)."""
    resource = _validate(body, resource_type, strict)
    if if_none_exist is not None:
        found = matches(tx, resource_type, if_none_exist)
        if len(found) > 1:
            raise precondition_failed(
                f"If-None-Exist matches {len(found)} {resource_type} resources; it must match one"
            )
        if found:
            return WriteResult(200, read(tx, resource_type, found[0]))
    rid = new_id or str(uuid.uuid4())
    resource = {**resource, "id": rid}
    return WriteResult(201, tx.write(resource_type, rid, resource, "POST"))


def _validate(body: Any, resource_type: str, strict: bool) -> dict[str, Any]:
    if strict:
        return r4_validation.validate(body, resource_type)
    return validate_resource(body, resource_type)


def _content(resource: dict[str, Any]) -> dict[str, Any]:
    """The resource without server-owned meta, to tell an unchanged PUT from a change."""
    stripped = dict(resource)
    meta = {
        k: v
        for k, v in (stripped.get("meta") or {}).items()
        if k not in ("versionId", "lastUpdated")
    }
    if meta:
        stripped["meta"] = meta
    else:
        stripped.pop("meta", None)
    return stripped


def update(
    tx: Tx,
    resource_type: str,
    resource_id: str,
    body: Any,
    *,
    if_match: str | None = None,
    update_create: bool = True,
    may_create: bool = True,
    strict: bool = False,
) -> WriteResult:
    """``PUT /{type}/{id}``."""
    check_id(resource_id)
    resource = _validate(body, resource_type, strict)
    body_id = resource.get("id")
    if body_id is None:
        raise bad_request("The resource in a PUT must carry its id")
    if body_id != resource_id:
        raise bad_request(
            f"The resource's id '{body_id}' does not match the URL's id '{resource_id}'"
        )
    current = tx.current(resource_type, resource_id)
    if if_match is not None:
        wanted = parse_if_match(if_match)
        if current is None or current.deleted:
            raise precondition_failed(
                f"If-Match {if_match} given but {resource_type}/{resource_id} does not exist"
            )
        if current.version_id != wanted:
            raise precondition_failed(
                f"{resource_type}/{resource_id} is at version {current.etag}, not {if_match}"
            )
    if current is None or current.deleted:
        if not update_create and strict:
            # What Medplum answers: the resource to update is not there.
            raise not_found(f"{resource_type}/{resource_id} is not known")
        if not update_create:
            raise FhirError(
                405,
                f"{resource_type}/{resource_id} does not exist and this server does not"
                " create resources by update (updateCreate is false)",
                code="not-supported",
            )
        if not may_create:
            raise forbidden(f"The token's scopes do not allow create on {resource_type}")
        return WriteResult(201, tx.write(resource_type, resource_id, resource, "PUT"))
    if current.resource is not None and _content(current.resource) == _content(resource):
        return WriteResult(200, current)  # unchanged: no new version, as widely used servers do
    return WriteResult(200, tx.write(resource_type, resource_id, resource, "PUT"))


def delete(tx: Tx, resource_type: str, resource_id: str) -> Stored | None:
    """``DELETE``: the deletion version, or ``None`` when there was nothing to delete."""
    check_id(resource_id)
    current = tx.current(resource_type, resource_id)
    if current is None or current.deleted:
        return None  # idempotent: deleting twice (or something never there) is not an error
    return tx.delete(resource_type, resource_id)
