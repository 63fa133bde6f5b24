"""Running the sandbox: a background server on a free port, the blocking runner, seeding, CLI."""

from __future__ import annotations

import json
import logging
import sys
import threading
import time
import types
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from joserfc.jwk import ECKey

from bedside.sandbox.runner import (
    DEMO_CLIENT_ID,
    SandboxServer,
    build_parser,
    run_sandbox,
    seed_sandbox,
)
from bedside.sandbox.server import Sandbox, SandboxConfig
from bedside.sandbox.storage import Storage
from tests.sandbox.conftest import Ehr, make_assertion, patient


def test_a_background_server_listens_on_a_free_port_and_stops_cleanly() -> None:
    with SandboxServer(Sandbox()) as server:
        assert server.base_url.startswith("http://127.0.0.1:")
        assert server.port
        assert httpx.get(f"{server.base_url}metadata").status_code == 200
        base = server.base_url

    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{base}metadata")


def _wait_for(path: Path, timeout_s: float = 10) -> dict[str, Any]:
    deadline = time.monotonic() + timeout_s
    while not path.exists():
        assert time.monotonic() < deadline, "the sandbox never became ready"
        time.sleep(0.01)
    loaded: dict[str, Any] = json.loads(path.read_text())
    return loaded


def test_the_blocking_runner_writes_a_ready_file_with_demo_credentials_that_work(
    tmp_path: Path,
) -> None:
    ready = tmp_path / "ready.json"
    stop = threading.Event()
    thread = threading.Thread(
        target=run_sandbox,
        kwargs={"port": 0, "seed": None, "ready_file": ready, "stop": stop, "admin_token": "adm"},
    )
    thread.start()
    try:
        info = _wait_for(ready)
        assert oct(ready.stat().st_mode & 0o777) == "0o600"
        assert info["client_id"] == DEMO_CLIENT_ID
        answer = httpx.post(
            info["token_endpoint"],
            data={"grant_type": "client_credentials", "scope": "system/*.read"},
            auth=(info["client_id"], info["client_secret"]),
        )
        assert answer.status_code == 200
        token = answer.json()["access_token"]
        search = httpx.get(
            f"{info['base_url']}Patient", headers={"Authorization": f"Bearer {token}"}
        )
        assert search.json()["total"] == 0
    finally:
        stop.set()
        thread.join(timeout=10)
    assert not thread.is_alive()


def test_the_admin_route_registers_a_device_key_and_the_device_gets_a_token() -> None:
    sandbox = Sandbox(config=SandboxConfig(admin_token="s3cr3t-admin"))
    key = ECKey.generate_key("P-384", auto_kid=True)
    with SandboxServer(sandbox) as server:
        registration = {
            "client_id": "tablet-7",
            "scope": "system/*.read",
            "jwks": {"keys": [key.as_dict(private=False)]},
        }
        refused = httpx.post(f"{server.base_url}_admin/clients", json=registration)
        accepted = httpx.post(
            f"{server.base_url}_admin/clients",
            json=registration,
            headers={"Authorization": "Bearer s3cr3t-admin"},
        )
        endpoint = f"{server.base_url}auth/token"
        token = httpx.post(
            endpoint,
            data={
                "grant_type": "client_credentials",
                "scope": "system/*.read",
                "client_assertion_type": "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                "client_assertion": make_assertion(key, "tablet-7", endpoint, sandbox.now()),
            },
        )

    assert refused.status_code == 401
    assert accepted.status_code == 201
    assert token.status_code == 200, token.text


def test_there_is_no_admin_route_without_an_admin_token() -> None:
    with SandboxServer(Sandbox()) as server:
        answer = httpx.post(f"{server.base_url}_admin/clients", json={})

    assert answer.status_code in (404, 405)
    assert answer.json()["resourceType"] == "OperationOutcome"


@dataclass
class _Ward:
    resources: list[dict[str, Any]]


def test_seeding_loads_the_generated_ward(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[int, int, datetime | None, int | None]] = []

    def generate_ward(
        seed: int = 2026,
        scale: int = 1,
        now: datetime | None = None,
        history_days: int | None = None,
    ) -> _Ward:
        calls.append((seed, scale, now, history_days))
        return _Ward([patient(str(n), id=f"p{n}") for n in range(5)])

    fake = types.ModuleType("bedside.sandbox.seed")
    fake.generate_ward = generate_ward  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "bedside.sandbox.seed", fake)
    sandbox = Sandbox()

    assert seed_sandbox(sandbox, seed=7, scale=2, history_days=9) == 5
    assert sandbox.storage.total() == 5
    assert (calls[0][:2], calls[0][3]) == ((7, 2), 9)


def test_the_cli_parses_host_port_db_seed_scale_and_no_seed() -> None:
    args = build_parser().parse_args(
        ["--host", "::1", "--port", "9000", "--db", "x.db", "--seed", "3", "--scale", "4"]
    )
    assert (args.host, args.port, args.db, args.seed, args.scale, args.no_seed) == (
        "::1",
        9000,
        "x.db",
        3,
        4,
        False,
    )
    assert build_parser().parse_args(["--no-seed"]).no_seed is True
    assert build_parser().parse_args([]).host == "127.0.0.1"


@pytest.mark.asyncio
async def test_the_request_log_has_method_route_and_status_but_no_ids_or_query(
    ehr: Ehr, caplog: pytest.LogCaptureFixture
) -> None:
    created = await ehr.create(patient("ID-SECRET-123"))
    caplog.clear()

    with caplog.at_level(logging.INFO, logger="bedside.sandbox"):
        await ehr.get(f"Patient/{created['id']}")
        await ehr.get("Patient?identifier=ID-SECRET-123")

    lines = [r.getMessage() for r in caplog.records if r.name == "bedside.sandbox"]
    assert lines[0].startswith("request method=GET path=/Patient/{id} status=200 ")
    assert lines[1].startswith("request method=GET path=/Patient status=200 ")
    assert not any(created["id"] in line or "ID-SECRET" in line for line in lines)


def test_a_file_database_keeps_resources_and_the_clock_across_restarts(tmp_path: Path) -> None:
    path = tmp_path / "ehr.sqlite"
    first = Storage(path)
    first.load([patient(id="p1")])
    with first.reading() as tx:
        before = tx.current("Patient", "p1")
    first.close()

    again = Storage(path, clock=lambda: datetime(2000, 1, 1).astimezone())
    with again.transaction() as tx:
        later = tx.write("Patient", "p2", patient(id="p2"), "PUT")
    with again.reading() as tx:
        kept = tx.current("Patient", "p1")
    again.close()

    assert kept is not None
    assert before is not None
    assert kept.version_id == before.version_id
    assert later.last_updated_ms > before.last_updated_ms, "never goes back, even if the clock does"
