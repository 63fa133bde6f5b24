"""A fault-injecting HTTP proxy on loopback, between the sync engine and the sandbox EHR.

It speaks HTTP/1.1 to the client with h11 (keep-alive included) and forwards each request to the
upstream with httpx, rewriting the upstream's origin to its own in bodies and ``Location``
headers so that next links and created resources keep going through it. A *policy* decides per
request whether to inject one :class:`Fault`:

* ``refuse`` — stop listening for a moment: new connections are refused (ECONNREFUSED);
* ``reset_before`` — read the request, then reset the connection; the server never sees it;
* ``reset_after`` — forward it (the server commits), then reset before any byte of the answer;
* ``slow`` — forward it, then answer only after ``delay_s`` (past the client's timeout);
* ``status`` — answer ``status`` with an OperationOutcome, without forwarding (500, 503 +
  Retry-After, 401 as for an expired token);
* ``truncate`` — forward it, then send the headers and half the body, and close;
* ``loop_next`` — forward it, and point a search Bundle's next link back at this same page;
* ``duplicate_page`` — forward it, and serve this page's entries a second time before the real
  next page (under another next URL), as a paging server with an off-by-one would;
* ``rewrite`` — forward it, and hand the answer's JSON body to a function whose result (a value
  to write as JSON, or raw bytes) is sent instead: malformed answers built from real ones.

It runs in its own thread with its own event loop, so a test's loop can use it freely.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import random
import socket
import struct
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import h11
import httpx

DUPLICATE_MARK = "_bedside_duplicate_page"


@dataclass(frozen=True)
class Fault:
    """One fault to inject into one request."""

    kind: str
    code: int = 0  # the HTTP status of a "status" fault
    headers: tuple[tuple[str, str], ...] = ()
    delay_s: float = 0.0
    # The body rewriter of a "rewrite" fault (not part of the fault's identity).
    transform: Callable[[Any], Any] | None = field(default=None, compare=False)

    @classmethod
    def refuse(cls, delay_s: float = 0.2) -> Fault:
        return cls("refuse", delay_s=delay_s)

    @classmethod
    def reset_before(cls) -> Fault:
        return cls("reset_before")

    @classmethod
    def reset_after(cls) -> Fault:
        return cls("reset_after")

    @classmethod
    def slow(cls, delay_s: float) -> Fault:
        return cls("slow", delay_s=delay_s)

    @classmethod
    def status(cls, status: int, headers: dict[str, str] | None = None) -> Fault:
        return cls("status", code=status, headers=tuple((headers or {}).items()))

    @classmethod
    def truncate(cls) -> Fault:
        return cls("truncate")

    @classmethod
    def loop_next(cls) -> Fault:
        return cls("loop_next")

    @classmethod
    def duplicate_page(cls) -> Fault:
        return cls("duplicate_page")

    @classmethod
    def drop_next(cls) -> Fault:
        """The search answer loses its ``next`` link: a server that stops paging early."""
        return cls("drop_next")

    @classmethod
    def rewrite(cls, transform: Callable[[Any], Any]) -> Fault:
        """The answer's JSON body goes through ``transform``: its result is sent as JSON, or
        as is when it is ``bytes`` (invalid or deeply nested text). A body that is not JSON is
        sent unchanged."""
        return cls("rewrite", transform=transform)

    @property
    def label(self) -> str:
        return f"{self.kind} {self.code}" if self.code else self.kind


@dataclass(frozen=True)
class ProxiedRequest:
    seq: int
    method: str
    target: str
    headers: tuple[tuple[str, str], ...]
    body: bytes


Policy = Callable[[ProxiedRequest], Fault | None]


@dataclass
class RandomFaults:
    """Inject one of ``kinds`` into a request with probability ``rate`` (seeded, repeatable)."""

    seed: int
    rate: float
    kinds: Sequence[Fault]
    _rng: random.Random = field(init=False)

    def __post_init__(self) -> None:
        self._rng = random.Random(self.seed)

    def __call__(self, request: ProxiedRequest) -> Fault | None:
        if self._rng.random() < self.rate:
            return self._rng.choice(list(self.kinds))
        return None


def _outcome(status: int) -> bytes:
    code = {401: "login", 500: "exception", 503: "transient"}.get(status, "processing")
    return json.dumps(
        {
            "resourceType": "OperationOutcome",
            "issue": [{"severity": "error", "code": code, "diagnostics": "injected by the test"}],
        }
    ).encode()


def _rewritten(fault: Fault, body: bytes) -> bytes:
    """``body`` after ``fault``'s transform (see :meth:`Fault.rewrite`)."""
    assert fault.transform is not None
    try:
        value = json.loads(body)
    except ValueError:
        return body
    result = fault.transform(value)
    return result if isinstance(result, bytes) else json.dumps(result).encode()


def _reset(writer: asyncio.StreamWriter) -> None:
    """Close with a TCP reset (RST) instead of an orderly FIN."""
    sock = writer.get_extra_info("socket")
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    writer.transport.abort()


class FaultProxy:
    """The proxy. Use as a context manager; ``base_url`` is what the client talks to."""

    def __init__(self, upstream_base_url: str, policy: Policy | None) -> None:
        self.upstream = upstream_base_url
        self.policy = policy
        self.injected: list[tuple[int, str, str, str]] = []
        self.requests = 0
        self._up = urlsplit(upstream_base_url)
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="fault-proxy")
        self._server: asyncio.base_events.Server | None = None
        self._port = 0
        self._duplicates: dict[str, str] = {}  # duplicate next URL → the real next URL
        self._lock = threading.Lock()
        self._http: httpx.AsyncClient | None = None
        self._writers: set[asyncio.StreamWriter] = set()

    # Life cycle ------------------------------------------------------------------------------

    def __enter__(self) -> FaultProxy:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(timeout=10)
        return self

    def __exit__(self, *exc: object) -> None:
        asyncio.run_coroutine_threadsafe(self._stop(), self._loop).result(timeout=10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        self._loop.close()

    async def _start(self) -> None:
        self._http = httpx.AsyncClient(timeout=30)
        await self._listen()

    async def _listen(self) -> None:
        self._server = await asyncio.start_server(
            self._serve, "127.0.0.1", self._port, reuse_address=True
        )
        self._port = self._server.sockets[0].getsockname()[1]

    async def _stop(self) -> None:
        if self._server is not None:
            self._server.close()
        for writer in list(self._writers):
            writer.transport.abort()  # the handlers see the connection end and return
        others = [t for t in asyncio.all_tasks(self._loop) if t is not asyncio.current_task()]
        if others:
            await asyncio.wait(others, timeout=5)
        if self._http is not None:
            await self._http.aclose()

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self._port}"

    @property
    def base_url(self) -> str:
        return self.origin + (self._up.path or "/")

    def heal(self) -> None:
        """No more faults, and listening again at once (a refusal in progress ends now)."""
        self.policy = None
        asyncio.run_coroutine_threadsafe(self._ensure_listening(), self._loop).result(timeout=10)

    async def _ensure_listening(self) -> None:
        if self._server is None or not self._server.is_serving():
            await self._listen()

    # Serving ---------------------------------------------------------------------------------

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        conn = h11.Connection(h11.SERVER)
        self._writers.add(writer)
        try:
            while True:
                request = await self._read_request(conn, reader)
                if request is None:
                    break
                keep_going = await self._answer(conn, request, writer)
                if not keep_going or conn.our_state is h11.MUST_CLOSE:
                    break
                conn.start_next_cycle()
        except (ConnectionError, h11.ProtocolError, asyncio.IncompleteReadError, httpx.HTTPError):
            _reset(writer)
        finally:
            self._writers.discard(writer)
            if not writer.transport.is_closing():
                writer.close()

    async def _read_request(
        self, conn: h11.Connection, reader: asyncio.StreamReader
    ) -> ProxiedRequest | None:
        head: h11.Request | None = None
        body = b""
        while True:
            event = conn.next_event()
            if event is h11.NEED_DATA:
                data = await reader.read(65536)
                conn.receive_data(data)
                if not data and head is None:
                    return None
                continue
            if isinstance(event, h11.ConnectionClosed):
                return None
            if isinstance(event, h11.Request):
                head = event
            elif isinstance(event, h11.Data):
                body += bytes(event.data)
            elif isinstance(event, h11.EndOfMessage):
                assert head is not None
                with self._lock:
                    self.requests += 1
                    seq = self.requests
                return ProxiedRequest(
                    seq,
                    head.method.decode(),
                    head.target.decode(),
                    tuple((k.decode(), v.decode()) for k, v in head.headers),
                    body,
                )

    async def _answer(
        self, conn: h11.Connection, request: ProxiedRequest, writer: asyncio.StreamWriter
    ) -> bool:
        policy = self.policy
        fault = policy(request) if policy is not None else None
        if (
            fault is not None
            and fault.kind == "duplicate_page"
            and DUPLICATE_MARK in request.target
        ):
            fault = None  # a page served twice is enough; never a chain of duplicates
        if fault is not None:
            self.injected.append((request.seq, request.method, request.target, fault.label))
        if fault is not None and fault.kind == "refuse":
            _reset(writer)
            await self._refuse_for(fault.delay_s)
            return False
        if fault is not None and fault.kind == "reset_before":
            _reset(writer)
            return False
        if fault is not None and fault.kind == "status":
            body = _outcome(fault.code)
            headers = [("Content-Type", "application/fhir+json"), *fault.headers]
            await self._send(conn, writer, fault.code, headers, body)
            return True
        status, headers, body = await self._forward(request)
        if fault is not None and fault.kind == "reset_after":
            _reset(writer)
            return False
        if fault is not None and fault.kind == "slow":
            await asyncio.sleep(fault.delay_s)
        if fault is not None and fault.kind in ("loop_next", "duplicate_page", "drop_next"):
            body = self._rewrite_paging(fault.kind, request, body)
        if fault is not None and fault.kind == "rewrite":
            body = _rewritten(fault, body)
        if fault is not None and fault.kind == "truncate":
            headers = [(k, v) for k, v in headers if k.lower() != "content-length"]
            headers.append(("Content-Length", str(len(body))))
            writer.write(conn.send(h11.Response(status_code=status, headers=headers)))
            writer.write(conn.send(h11.Data(data=body[: len(body) // 2])))
            await writer.drain()
            writer.transport.abort()
            return False
        try:
            await self._send(conn, writer, status, headers, body)
        except ConnectionError:
            return False  # the client gave up waiting (slow): nothing to tell it
        return True

    async def _refuse_for(self, seconds: float) -> None:
        if self._server is not None:
            # Not wait_closed(): from Python 3.12 it also waits for this very connection.
            self._server.close()
        await asyncio.sleep(seconds)
        await self._ensure_listening()

    async def _send(
        self,
        conn: h11.Connection,
        writer: asyncio.StreamWriter,
        status: int,
        headers: list[tuple[str, str]],
        body: bytes,
    ) -> None:
        headers = [(k, v) for k, v in headers if k.lower() not in ("content-length", "connection")]
        headers.append(("Content-Length", str(len(body))))
        writer.write(conn.send(h11.Response(status_code=status, headers=headers)))
        writer.write(conn.send(h11.Data(data=body)))
        writer.write(conn.send(h11.EndOfMessage()))
        await writer.drain()

    # Forwarding ------------------------------------------------------------------------------

    async def _forward(self, request: ProxiedRequest) -> tuple[int, list[tuple[str, str]], bytes]:
        assert self._http is not None
        target = request.target
        with self._lock:
            real = self._duplicates.pop(self.origin + target, None)
        if real is not None:
            target = real[len(self.origin) :]
        hop = {"connection", "keep-alive", "transfer-encoding", "content-length"}
        # The Host header goes through unchanged: the server then writes its links (and checks
        # token audiences) for the address the client used, as behind any reverse proxy.
        headers = [(k, v) for k, v in request.headers if k.lower() not in hop]
        upstream_origin = f"{self._up.scheme}://{self._up.netloc}"
        response = await self._http.request(
            request.method, upstream_origin + target, headers=headers, content=request.body
        )
        body = response.content.replace(upstream_origin.encode(), self.origin.encode())
        out = []
        for key, value in response.headers.items():
            if key.lower() in hop or key.lower() in ("content-encoding", "host"):
                continue
            out.append((key, value.replace(upstream_origin, self.origin)))
        return response.status_code, out, body

    def _rewrite_paging(self, kind: str, request: ProxiedRequest, body: bytes) -> bytes:
        try:
            bundle: dict[str, Any] = json.loads(body)
        except ValueError:
            return body
        links = bundle.get("link") if isinstance(bundle, dict) else None
        nexts = [
            link
            for link in links or []
            if isinstance(link, dict) and link.get("relation") == "next"
        ]
        if not nexts:
            return body
        here = self.origin + request.target
        if kind == "drop_next":
            bundle["link"] = [link for link in links or [] if link not in nexts]
        elif kind == "loop_next":
            nexts[0]["url"] = here
        else:
            separator = "&" if "?" in here else "?"
            duplicate = f"{here}{separator}{DUPLICATE_MARK}={request.seq}"
            with self._lock:
                # The duplicate URL serves this page again; its own next link is the real one.
                self._duplicates[duplicate] = here
            nexts[0]["url"] = duplicate
        return json.dumps(bundle).encode()
