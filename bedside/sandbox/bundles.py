"""Bundles and entry pieces as the server writes them: searchset, history, URLs and headers.

Owns the JSON shape of answers that are built from stored versions. Every absolute URL comes from
the request's base URL (passed in as ``base``, ending in ``/``). No storage, no HTTP objects.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from bedside.sandbox.instants import format_instant, http_date
from bedside.sandbox.storage import Stored


def full_url(base: str, stored: Stored) -> str:
    return f"{base}{stored.resource_type}/{stored.id}"


def version_url(base: str, stored: Stored) -> str:
    return f"{base}{stored.resource_type}/{stored.id}/_history/{stored.version_id}"


def version_headers(stored: Stored) -> dict[str, str]:
    return {"ETag": stored.etag, "Last-Modified": http_date(stored.last_updated_ms)}


def _links(self_url: str, next_url: str | None) -> list[dict[str, str]]:
    links = [{"relation": "self", "url": self_url}]
    if next_url is not None:
        links.append({"relation": "next", "url": next_url})
    return links


def searchset(
    base: str,
    matches: Sequence[Stored],
    *,
    total: int,
    self_url: str,
    next_url: str | None,
    server_ms: int,
    outcome: dict[str, Any] | None = None,
    included: Sequence[Stored] = (),
) -> dict[str, Any]:
    entries: list[dict[str, Any]] = [
        {"fullUrl": full_url(base, s), "resource": s.resource, "search": {"mode": "match"}}
        for s in matches
    ]
    listed = {(s.resource_type, s.id) for s in matches}
    entries += [
        {"fullUrl": full_url(base, s), "resource": s.resource, "search": {"mode": "include"}}
        for s in included
        if (s.resource_type, s.id) not in listed
    ]
    if outcome is not None:
        entries.append(
            {
                "fullUrl": f"urn:uuid:{uuid.uuid4()}",
                "resource": outcome,
                "search": {"mode": "outcome"},
            }
        )
    bundle: dict[str, Any] = {
        "resourceType": "Bundle",
        "id": str(uuid.uuid4()),
        "meta": {"lastUpdated": format_instant(server_ms)},
        "type": "searchset",
        "total": total,
        "link": _links(self_url, next_url),
    }
    if entries:
        bundle["entry"] = entries
    return bundle


_STATUS_OF = {"POST": "201 Created", "PUT": "200 OK", "DELETE": "204 No Content"}


def history(
    base: str,
    versions: Sequence[Stored],
    *,
    total: int,
    self_url: str,
    next_url: str | None,
    server_ms: int,
) -> dict[str, Any]:
    entries = []
    for s in versions:
        url = s.resource_type if s.method == "POST" else f"{s.resource_type}/{s.id}"
        entry: dict[str, Any] = {
            "fullUrl": full_url(base, s),
            "request": {"method": s.method, "url": url},
            "response": {
                "status": _STATUS_OF.get(s.method, "200 OK"),
                "etag": s.etag,
                "lastModified": s.last_updated,
            },
        }
        if s.resource is not None:
            entry["resource"] = s.resource
        entries.append(entry)
    bundle: dict[str, Any] = {
        "resourceType": "Bundle",
        "id": str(uuid.uuid4()),
        "meta": {"lastUpdated": format_instant(server_ms)},
        "type": "history",
        "total": total,
        "link": _links(self_url, next_url),
    }
    if entries:
        bundle["entry"] = entries
    return bundle
