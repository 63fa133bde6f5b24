"""Search and history paging: snapshots of result keys behind opaque ``next`` links.

Owns the in-memory snapshots. The first page of a search or history takes the full ordered list
of matching keys (ids or version numbers) once; later pages slice that list, so paging is stable
while data changes (an updated resource is still delivered exactly once, in its newest version;
one deleted meanwhile is skipped) and each page costs O(page size). Snapshots expire after a
while unused and are bound to the client that made them. Knows nothing about SQL or HTTP.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from bedside.sandbox.outcomes import FhirError, not_found

MAX_SNAPSHOTS = 256


@dataclass
class Snapshot:
    """The ordered keys of one search or history result, frozen at its first page."""

    kind: str  # "searchset" or "history"
    resource_type: str | None  # None for system-level history
    client_id: str
    keys: Sequence[str | int]
    server_ms: int
    includes: Sequence[tuple[str, str | None]] = ()
    last_used: float = field(default=0.0)


class PageStore:
    """Snapshots by opaque id; least recently used are dropped beyond :data:`MAX_SNAPSHOTS`."""

    def __init__(
        self, ttl_s: float = 900.0, monotonic: Callable[[], float] = time.monotonic
    ) -> None:
        self.ttl_s = ttl_s
        self._monotonic = monotonic
        self._snapshots: OrderedDict[str, Snapshot] = OrderedDict()
        self._lock = threading.Lock()

    def add(self, snapshot: Snapshot) -> str:
        key = secrets.token_urlsafe(12)
        with self._lock:
            snapshot.last_used = self._monotonic()
            self._snapshots[key] = snapshot
            self._expire()
            while len(self._snapshots) > MAX_SNAPSHOTS:
                self._snapshots.popitem(last=False)
        return key

    def get(self, key: str, client_id: str) -> Snapshot:
        with self._lock:
            self._expire()
            snapshot = self._snapshots.get(key)
            if snapshot is None:
                # As real servers do: a page link outlives its search only so long.
                raise FhirError(
                    410,
                    "This search page has expired or never existed; search again",
                    code="not-found",
                )
            if snapshot.client_id != client_id:
                raise not_found("No such search page for this client")
            snapshot.last_used = self._monotonic()
            self._snapshots.move_to_end(key)
            return snapshot

    def _expire(self) -> None:
        limit = self._monotonic() - self.ttl_s
        for key in [k for k, s in self._snapshots.items() if s.last_used < limit]:
            del self._snapshots[key]
