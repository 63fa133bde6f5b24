"""Running the sandbox EHR: a blocking server for `bedside sandbox`, a background one for tests.

Owns process-level concerns: uvicorn on loopback, seeding from :mod:`bedside.sandbox.seed` (imported
lazily), the demo client credentials, the ready file a parent process waits for, and the CLI.

Demo credentials: :func:`run_sandbox` registers a client-secret client ``bedside-demo`` (secret
from ``BEDSIDE_SANDBOX_SECRET`` or random) and, when a ``ready_file`` is given, writes
``{"base_url", "token_endpoint", "client_id", "client_secret"}`` to it (mode 0600) once the
server accepts connections. A device key is registered either in-process with
``sandbox.auth.register_jwk_client(...)`` before starting, or, for a sandbox in another process,
with ``POST /_admin/clients`` (``Authorization: Bearer <admin token>``; the route exists only when
an admin token is configured, e.g. ``--admin-token`` or ``BEDSIDE_SANDBOX_ADMIN_TOKEN``).
``--strict`` (``run_sandbox(strict=True)``) serves the strict preset,
:meth:`~bedside.sandbox.server.SandboxConfig.strict`, instead of the friendly one.
"""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import os
import secrets
import signal
import socket
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

import uvicorn

from bedside.sandbox.server import Sandbox, SandboxConfig, create_app
from bedside.sandbox.storage import Storage

log = logging.getLogger("bedside.sandbox")

DEMO_CLIENT_ID = "bedside-demo"
DEMO_SCOPES = "system/*.read system/*.write"


def seed_sandbox(
    sandbox: Sandbox,
    seed: int = 2026,
    scale: int = 1,
    history_days: int | None = None,
    beds_per_ward: int | None = None,
) -> int:
    """Load a generated ward into the sandbox; returns the number of resources."""
    module = importlib.import_module("bedside.sandbox.seed")
    sizes = {} if beds_per_ward is None else {"beds_per_ward": beds_per_ward}
    ward = module.generate_ward(
        seed=seed, scale=scale, now=sandbox.now(), history_days=history_days, **sizes
    )
    count = sandbox.load(ward.resources)
    log.info("sandbox_seeded resources=%d seed=%d scale=%d", count, seed, scale)
    return count


def _uvicorn_config(sandbox: Sandbox, host: str, port: int) -> uvicorn.Config:
    return uvicorn.Config(
        create_app(sandbox),
        host=host,
        port=port,
        log_level="warning",
        log_config=None,  # uvicorn's warnings go through the root logger: our format, our files
        access_log=False,  # our own log line has no query strings (they can carry identifiers)
        lifespan="off",
        date_header=False,  # the app sends Date from the sandbox clock instead
        server_header=False,
    )


class SandboxServer:
    """A sandbox served by uvicorn in a background thread (port 0 = any free port).

    ``with SandboxServer(sandbox) as server: httpx.get(server.base_url + "metadata")``.
    ``base_url`` ends with ``/``.
    """

    def __init__(
        self, sandbox: Sandbox | None = None, host: str = "127.0.0.1", port: int = 0
    ) -> None:
        self.sandbox = sandbox or Sandbox()
        self.host = host
        self._server = uvicorn.Server(_uvicorn_config(self.sandbox, host, port))
        self._thread: threading.Thread | None = None
        self.port: int | None = None

    @property
    def base_url(self) -> str:
        if self.port is None:
            raise RuntimeError("the sandbox server is not running")
        return f"http://{self.host}:{self.port}/"

    def start(self, timeout_s: float = 10.0) -> None:
        self._thread = threading.Thread(target=self._server.run, name="sandbox-ehr", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + timeout_s
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the sandbox server did not start")
            time.sleep(0.005)
        sockets = [s for server in self._server.servers for s in server.sockets]
        self.port = int(sockets[0].getsockname()[1])
        # `started` is set once the socket listens; make sure it really accepts connections.
        with socket.create_connection((self.host, self.port), timeout=timeout_s):
            pass

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def stop(self) -> None:
        if self._thread is None:
            return
        self._server.should_exit = True
        self._thread.join(timeout=10)
        self._thread = None

    def __enter__(self) -> SandboxServer:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def _write_ready_file(path: Path, info: dict[str, Any]) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        json.dump(info, handle)
    tmp.replace(path)  # atomic: a reader never sees half a file


def run_sandbox(
    host: str = "127.0.0.1",
    port: int = 8080,
    db_path: str | Path | None = None,
    seed: int | None = 2026,
    scale: int = 1,
    ready_file: str | Path | None = None,
    *,
    history_days: int | None = None,
    beds_per_ward: int | None = None,
    sandbox: Sandbox | None = None,
    demo_secret: str | None = None,
    admin_token: str | None = None,
    strict: bool = False,
    stop: threading.Event | None = None,
) -> None:
    """Serve the sandbox until interrupted (Ctrl+C) or ``stop`` is set. ``seed=None``: empty.

    ``strict`` serves :meth:`SandboxConfig.strict` (when no ``sandbox`` is given).
    """
    if sandbox is None:
        if strict:
            config = SandboxConfig.strict(admin_token=admin_token)
        else:
            config = SandboxConfig(admin_token=admin_token)
        sandbox = Sandbox(Storage(db_path or ":memory:"), config=config)
    if seed is not None and sandbox.storage.total() == 0:
        seed_sandbox(
            sandbox, seed=seed, scale=scale, history_days=history_days, beds_per_ward=beds_per_ward
        )
    secret = demo_secret or os.environ.get("BEDSIDE_SANDBOX_SECRET") or secrets.token_urlsafe(24)
    sandbox.auth.register_secret_client(DEMO_CLIENT_ID, secret, DEMO_SCOPES)
    stop = stop or threading.Event()
    if threading.current_thread() is threading.main_thread():
        # A service manager (or the demo's parent process) stops us with SIGTERM: shut down cleanly.
        signal.signal(signal.SIGTERM, lambda _signum, _frame: stop.set())
    server = SandboxServer(sandbox, host=host, port=port)
    server.start()
    mode = "strict" if sandbox.strict else "friendly"
    log.info("sandbox_listening base_url=%s mode=%s", server.base_url, mode)
    if ready_file is not None:
        _write_ready_file(
            Path(ready_file),
            {
                "base_url": server.base_url,
                "token_endpoint": f"{server.base_url}auth/token",
                "client_id": DEMO_CLIENT_ID,
                "client_secret": secret,
            },
        )
    try:
        while server.running and not stop.is_set():
            time.sleep(0.1)
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
        sandbox.close()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bedside sandbox", description="Run the sandbox FHIR R4 EHR"
    )
    parser.add_argument("--host", default="127.0.0.1", help="interface (default: loopback only)")
    parser.add_argument("--port", type=int, default=8080, help="TCP port (0 = any free port)")
    parser.add_argument("--db", default=None, help="SQLite file (default: in memory)")
    parser.add_argument("--seed", type=int, default=2026, help="seed of the generated ward")
    parser.add_argument("--scale", type=int, default=1, help="size of the generated ward")
    parser.add_argument(
        "--history-days",
        type=int,
        default=None,
        help="days of vital signs and lab history per patient (default: 3 × scale)",
    )
    parser.add_argument(
        "--beds-per-ward", type=int, default=None, help="beds of each ward (default: 30)"
    )
    parser.add_argument("--no-seed", action="store_true", help="start with an empty server")
    parser.add_argument(
        "--ready-file", default=None, help="write base URL and demo credentials here"
    )
    parser.add_argument(
        "--admin-token",
        default=os.environ.get("BEDSIDE_SANDBOX_ADMIN_TOKEN"),
        help="enable POST /_admin/clients with this bearer token",
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="behave like a strict independent R4 server: R4 validation of every write, no"
        " create-as-update, _offset paging (20 a page), no $verify-pin",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """``bedside sandbox [--host H] [--port N] [--db FILE] [--seed N | --no-seed] [--scale N]``."""
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    run_sandbox(
        host=args.host,
        port=args.port,
        db_path=args.db,
        seed=None if args.no_seed else args.seed,
        scale=args.scale,
        ready_file=args.ready_file,
        admin_token=args.admin_token,
        history_days=args.history_days,
        beds_per_ward=args.beds_per_ward,
        strict=args.strict,
    )
    return 0
