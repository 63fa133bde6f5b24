"""The FHIR REST client: one ``httpx.AsyncClient``, bearer auth, and errors mapped at the edge.

Owns HTTP only: requests, the one token renewal on a 401, following ``next`` links verbatim and
noticing when they loop, and turning every failure into a :mod:`bedside.sync.errors` type. It does
not touch the store; the download and upload steps decide what to do with what it returns.
"""

from __future__ import annotations

import importlib
import logging
import re
import ssl
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import anyio.streams.tls  # noqa: F401 -- see below
import httpx

from bedside import __version__
from bedside.models import fhir_json
from bedside.models.primitives import INSTANT_RE
from bedside.sync.auth import TokenSource
from bedside.sync.errors import (
    AuthError,
    CertificateError,
    ConflictError,
    OfflineError,
    ProtocolError,
    RejectedError,
    ServerError,
    SyncError,
    SyncTimeoutError,
)
from bedside.sync.offload import off_loop
from bedside.sync.retry import NO_RETRY, RetryPolicy, resource_label, with_retries
from bedside.sync.tls import is_certificate_failure

# httpcore imports anyio's asyncio backend on the first connection: tens of milliseconds on the
# GUI thread under PySide6's import hook, in the middle of the first sync. Import it with this
# module instead, at start-up (anyio.streams.tls above, for the same reason).
importlib.import_module("anyio._backends._asyncio")

log = logging.getLogger(__name__)

FHIR_JSON = "application/fhir+json"
USER_AGENT = f"Bedside/{__version__} (ward tablet; +FHIR R4)"
DEFAULT_TIMEOUT = httpx.Timeout(20.0, connect=5.0)
# The smallest page a timed-out search is asked for again with (see FhirClient.search).
MIN_PAGE_SIZE = 10


@dataclass
class SearchPage:
    """One page of a search: its resources, the server's time, and the entries it had to skip."""

    resources: list[dict[str, Any]]
    server_time: str | None
    url: str
    skipped: list[str] = field(default_factory=list)
    # ``Bundle.total``: how many resources the whole search matches, when the server says.
    total: int | None = None
    # The search matches of this page (not includes or outcomes), as "Type/id" (or their
    # position when they have no id), so pages served twice are counted once.
    match_keys: list[str] = field(default_factory=list)
    # On the last page only: (received, total) when every page together brought fewer matches
    # than the first page's total said — the server stopped early (a cap, no ``next`` link).
    incomplete: tuple[int, int] | None = None


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("Retry-After")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        return None


def _diagnostics(response: httpx.Response) -> str:
    """The OperationOutcome's diagnostics, for the log and the rejected list (never shown raw)."""
    try:
        body = fhir_json.loads(response.content)
    except fhir_json.FhirJsonError:
        return ""
    if not isinstance(body, dict) or body.get("resourceType") != "OperationOutcome":
        return ""
    parts = []
    issues = body.get("issue")
    for issue in issues if isinstance(issues, list) else []:
        if isinstance(issue, dict):
            details = issue.get("details")
            details_text = details.get("text") if isinstance(details, dict) else None
            text = issue.get("diagnostics") or details_text or ""
            parts.append(f"{issue.get('severity', '')}/{issue.get('code', '')}: {text}")
    return "; ".join(parts)[:1000]


def raise_for_status(response: httpx.Response) -> None:
    """Map an HTTP error status to the sync layer's exception tree."""
    status = response.status_code
    if status < 400:
        return
    detail = _diagnostics(response)
    if status == 401:
        raise AuthError("The EHR refused this device's access token.", status=status, detail=detail)
    if status in (409, 412):
        raise ConflictError(
            "The record changed on the EHR since this tablet read it.", status=status, detail=detail
        )
    if status == 429 or status >= 500:
        raise ServerError(
            f"The EHR is busy or failing (HTTP {status}); Bedside will try again.",
            status=status,
            detail=detail,
            retry_after=_retry_after(response),
        )
    raise RejectedError(
        f"The EHR refused the request (HTTP {status}).", status=status, detail=detail
    )


class FhirClient:
    """A FHIR R4 client for one EHR base URL."""

    def __init__(
        self,
        base_url: str,
        tokens: TokenSource | None,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        retry: RetryPolicy = NO_RETRY,
        tls: ssl.SSLContext | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self._tokens = tokens
        self.retry = retry
        self.requests_sent = 0
        self._http = httpx.AsyncClient(
            transport=transport,
            timeout=timeout,
            verify=tls if tls is not None else True,
            headers={"User-Agent": USER_AGENT, "Accept": FHIR_JSON},
            follow_redirects=False,
        )

    async def aclose(self) -> None:
        await self._http.aclose()

    async def __aenter__(self) -> FhirClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    def url(self, path: str) -> str:
        """An absolute URL for ``path``; absolute URLs must stay on the EHR's own origin.

        The bearer token goes with every request, so a link (a ``next`` page, say) that points
        at another host is refused rather than followed.
        """
        absolute = urljoin(self.base_url + "/", path)
        if _origin(absolute) != _origin(self.base_url):
            raise ProtocolError("The EHR sent a link to another server; it was not followed.")
        return absolute

    async def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, str] | None = None,
        body: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
        retry: bool = False,
        retry_timeouts: bool = True,
    ) -> httpx.Response:
        """Send one request (renewing the token once on a 401) and map any failure.

        ``retry=True`` is only for requests that are safe to repeat (reads, ``PUT`` of a
        client-chosen id); they are retried under :attr:`retry` (see :mod:`bedside.sync.retry`).
        """
        if retry:
            return await with_retries(
                self.retry,
                lambda: self._send(method, path, params, body, headers),
                method=method,
                resource=resource_label(self.base_url, path),
                timeouts=retry_timeouts,
            )
        return await self._send(method, path, params, body, headers)

    async def _send(
        self,
        method: str,
        path: str,
        params: Mapping[str, str] | None,
        body: Mapping[str, Any] | None,
        headers: Mapping[str, str] | None,
    ) -> httpx.Response:
        send_headers = dict(headers or {})
        content: bytes | None = None
        if body is not None:
            content = fhir_json.dumps(body).encode()
            send_headers["Content-Type"] = f"{FHIR_JSON}; charset=utf-8"
        for attempt in (1, 2):
            if self._tokens is not None:
                token = await self._bearer(renew=attempt == 2)
                send_headers["Authorization"] = f"Bearer {token}"
            self.requests_sent += 1
            try:
                response = await self._http.request(
                    method, self.url(path), params=params, content=content, headers=send_headers
                )
            except httpx.TimeoutException as exc:
                raise SyncTimeoutError("The EHR did not answer in time.") from exc
            except httpx.ConnectError as exc:
                if is_certificate_failure(exc):
                    # Not "offline": retrying cannot help until IT fixes the trust.
                    raise CertificateError(
                        "The EHR's certificate is not trusted by this tablet; ask IT to check "
                        "the certificate store or the site CA bundle (ehr.ca_bundle)."
                    ) from exc
                raise OfflineError("The EHR cannot be reached (no connection).") from exc
            except httpx.TransportError as exc:
                raise OfflineError("The EHR cannot be reached (no connection).") from exc
            except httpx.DecodingError as exc:  # the body is read (and unzipped) in here
                raise ProtocolError("The EHR sent an answer that cannot be decoded.") from exc
            except (httpx.InvalidURL, UnicodeError, ValueError) as exc:
                # A next link or Location the EHR wrote that is no usable URL (a lone
                # surrogate, a broken IPv6 host…): httpx refuses to build the request.
                raise ProtocolError("The EHR sent a link that is not a valid URL.") from exc
            if response.status_code == 401 and attempt == 1 and self._tokens is not None:
                continue  # the token may have expired early or been revoked: renew once
            raise_for_status(response)
            return response
        raise AssertionError("unreachable")  # pragma: no cover

    async def _bearer(self, *, renew: bool) -> str:
        """The access token, checked to fit an HTTP header.

        A token that does not (non-ASCII, control characters) is forgotten, so the next request
        asks the sign-in service again instead of failing the same way for its lifetime.
        """
        assert self._tokens is not None
        token = await self._tokens.bearer(self._http, renew=renew)
        if not (token.isascii() and token.isprintable()):
            self._tokens.forget()
            raise AuthError("The EHR's sign-in service gave a token that cannot be sent.")
        return token

    async def get_json(self, path: str, params: Mapping[str, str] | None = None) -> dict[str, Any]:
        response = await self.request("GET", path, params=params, retry=True)
        return _json_object(response)

    async def capabilities(self) -> dict[str, Any]:
        return await self.get_json("metadata")

    async def read(self, resource_type: str, resource_id: str) -> dict[str, Any] | None:
        """The server's current version of a resource, or None when it is gone (404 or 410)."""
        try:
            response = await self.request("GET", f"{resource_type}/{resource_id}", retry=True)
        except RejectedError as exc:
            if exc.status in (404, 410):
                return None
            raise
        return _json_object(response)

    async def vread(
        self, resource_type: str, resource_id: str, version_id: str
    ) -> dict[str, Any] | None:
        """One past version of a resource, or None when the server does not have it."""
        try:
            response = await self.request(
                "GET", f"{resource_type}/{resource_id}/_history/{version_id}", retry=True
            )
        except RejectedError as exc:
            if exc.status in (404, 410):
                return None
            raise
        return _json_object(response)

    async def count(self, resource_type: str, params: Mapping[str, str]) -> int:
        """How many resources a search matches (``_summary=count``)."""
        bundle = await self.get_json(resource_type, {**params, "_summary": "count"})
        total = bundle.get("total")
        if not isinstance(total, int) or isinstance(total, bool) or total < 0:
            raise ProtocolError("The EHR answered a count without a valid total.")
        return total

    async def search(
        self, resource_type: str, params: Mapping[str, str]
    ) -> AsyncIterator[SearchPage]:
        """Every page of a search, following ``next`` links exactly as the server wrote them.

        A page that times out is asked for again with half its ``_count`` (down to
        :data:`MIN_PAGE_SIZE`) before the search gives up: a slow EHR answers small pages in
        time. The last page says when all pages together hold fewer matches than the search's
        ``Bundle.total`` (:attr:`SearchPage.incomplete`).
        """
        seen: set[str] = set()
        url: str | None = self.url(resource_type)
        query: dict[str, str] | None = dict(params)
        number, total = 1, None
        received: set[str] = set()  # a page served twice must not make up for a missing one
        while url is not None:
            response, url, query = await self._page_in_time(resource_type, number, url, query)
            bundle = await _json_object_off_loop(response)
            page = _page_of(bundle, url, resource_type)
            page.server_time = page.server_time or _date_header(response)
            if number == 1:
                total = page.total
            received.update(page.match_keys)
            url = _next_link(bundle)
            query = None  # the next link already carries the whole query
            if url is None and total is not None and len(received) < total:
                page.incomplete = (len(received), total)
            yield page
            number += 1
            if url is not None:
                if url in seen:
                    raise ProtocolError(
                        "The EHR's search paging loops (a next link repeated); download stopped."
                    )
                seen.add(url)

    async def _page_in_time(
        self, resource_type: str, number: int, url: str, query: dict[str, str] | None
    ) -> tuple[httpx.Response, str, dict[str, str] | None]:
        """One page of a search, asked smaller each time it times out; and where it was asked.

        While the page can be halved, a timeout is not retried at the same size (a smaller page
        is the better retry); once it cannot, the usual retries apply, timeouts included.
        """
        while True:
            smaller = _halved_page(url, query)
            if smaller is None:
                try:
                    return await self.request("GET", url, params=query, retry=True), url, query
                except SyncTimeoutError as exc:
                    size = _asked_size(url, query)
                    raise SyncTimeoutError(
                        f"The EHR did not answer a search of {resource_type} in time "
                        f"(page {number}"
                        + (f", {size} per page" if size is not None else "")
                        + ")."
                    ) from exc
            try:
                response = await self.request(
                    "GET", url, params=query, retry=True, retry_timeouts=False
                )
            except SyncTimeoutError:
                url, query, size = smaller
                log.info(
                    "search_page_smaller resource=%s page=%d count=%d", resource_type, number, size
                )
                continue
            return response, url, query


_COUNT_IN_QUERY = re.compile(r"(?:(?<=[?&])|^)_count=(\d+)")
_PAGE_NUMBER = re.compile(r"(?:(?<=[?&])|^)_?page=")


def _halved_page(
    url: str, query: Mapping[str, str] | None
) -> tuple[str, dict[str, str] | None, int] | None:
    """The same page asked with half its ``_count``, or None when it is already small.

    Our own first request changes its parameter; a server's ``next`` link changes only the
    digits of its ``_count`` — everything else of it stays exactly as the server wrote it.
    """
    count = _asked_size(url, query)
    if count is None or count // 2 < MIN_PAGE_SIZE:
        return None
    if query is not None:
        return url, {**query, "_count": str(count // 2)}, count // 2
    parts = urlsplit(url)
    if len(_COUNT_IN_QUERY.findall(parts.query)) != 1 or _PAGE_NUMBER.search(parts.query):
        # Two counts (which one does the server read?), or pages by number (page 3 of 20 is
        # not page 3 of 40): a smaller page would not be the same page.
        return None
    found = _COUNT_IN_QUERY.search(parts.query)
    assert found is not None  # _asked_size found it
    halved = parts.query[: found.start(1)] + str(count // 2) + parts.query[found.end(1) :]
    return parts._replace(query=halved).geturl(), None, count // 2


def _asked_size(url: str, query: Mapping[str, str] | None) -> int | None:
    """The ``_count`` a page request asks for: in our query, or in the server's next link."""
    if query is not None:
        text = query.get("_count")
    else:
        found = _COUNT_IN_QUERY.search(urlsplit(url).query)
        text = found.group(1) if found else None
    return int(text) if text is not None and text.isdigit() and len(text) < 7 else None


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    default = {"http": 80, "https": 443}.get(parts.scheme)
    return parts.scheme, (parts.hostname or "").lower(), parts.port or default


def _date_header(response: httpx.Response) -> str | None:
    """The server's clock from the HTTP ``Date`` header, as a FHIR instant (UTC)."""
    value = response.headers.get("Date")
    if not value:
        return None
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return moment.isoformat().replace("+00:00", "Z")


# Decoding a page of a few hundred resources takes tens of milliseconds: long enough to freeze the
# screen, so big bodies are decoded on a worker thread (small ones are not worth the hop).
OFF_LOOP_BYTES = 64 * 1024


async def _json_object_off_loop(response: httpx.Response) -> dict[str, Any]:
    if len(response.content) < OFF_LOOP_BYTES:
        return _json_object(response)
    return await off_loop(_json_object, response)


def json_object(response: httpx.Response) -> dict[str, Any]:
    """The answer's body as a JSON object, or a :class:`ProtocolError`."""
    return _json_object(response)


def _json_object(response: httpx.Response) -> dict[str, Any]:
    try:
        body = fhir_json.loads(response.content)
    except fhir_json.FhirJsonError as exc:
        raise ProtocolError("The EHR answered with invalid JSON.") from exc
    if not isinstance(body, dict):
        raise ProtocolError("The EHR answered with JSON that is not a FHIR resource.")
    return body


def _next_link(bundle: Mapping[str, Any]) -> str | None:
    links = bundle.get("link") or []
    if not isinstance(links, list):
        raise ProtocolError("The EHR sent a search Bundle whose links are not a list.")
    for link in links:
        if isinstance(link, dict) and link.get("relation") == "next":
            url = link.get("url")
            if isinstance(url, str) and url:
                return url
            raise ProtocolError("The EHR sent a search Bundle whose next link has no URL.")
    return None


def server_instant(value: object) -> str | None:
    """``value`` when it is a FHIR instant that names a real moment, else None.

    The pattern of :mod:`bedside.models.primitives` lets ``2026-02-30`` through (it checks
    digits, not calendars); a server time stored as the last pull bounds every later delta, so
    it must also be a date that exists.
    """
    if not isinstance(value, str) or INSTANT_RE.fullmatch(value) is None:
        return None
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return value


def _page_of(bundle: Mapping[str, Any], url: str, resource_type: str) -> SearchPage:
    if bundle.get("resourceType") != "Bundle":
        raise ProtocolError("The EHR answered a search with something other than a Bundle.")
    if bundle.get("type") != "searchset":
        # A history or batch Bundle does not list what matches: reading it as a search could
        # take everyone missing from it for gone.
        raise ProtocolError("The EHR answered a search with a Bundle that is not a search result.")
    meta = bundle.get("meta")
    # A lastUpdated that is not a real instant is no server time (the Date header stands in).
    server_time = server_instant(meta.get("lastUpdated")) if isinstance(meta, dict) else None
    total = bundle.get("total")
    valid_total = isinstance(total, int) and not isinstance(total, bool) and total >= 0
    page = SearchPage(
        resources=[], server_time=server_time, url=url, total=total if valid_total else None
    )
    entries = bundle.get("entry") or []
    if not isinstance(entries, list):
        raise ProtocolError("The EHR sent a search Bundle whose entries are not a list.")
    for position, entry in enumerate(entries):
        resource = entry.get("resource") if isinstance(entry, dict) else None
        search = entry.get("search") if isinstance(entry, dict) else None
        mode = search.get("mode") if isinstance(search, dict) else None
        if mode == "outcome":
            continue  # warnings about the search itself, not data
        if mode != "include":
            rid = resource.get("id") if isinstance(resource, dict) else None
            kind = resource.get("resourceType") if isinstance(resource, dict) else None
            page.match_keys.append(f"{kind}/{rid}" if isinstance(rid, str) else f"{url}#{position}")
        if not isinstance(resource, dict):
            page.skipped.append(f"entry {position}: no resource")
            continue
        page.resources.append(resource)
    return page


__all__ = ["FhirClient", "SearchPage", "SyncError", "raise_for_status"]
