"""``bedside sandbox --port N``: the sandbox EHR as a real server process on loopback."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.conftest import REPO


def test_the_sandbox_command_serves_the_seeded_ward_to_an_authenticated_client(
    tmp_path: Path,
) -> None:
    ready = tmp_path / "ready.json"
    log = tmp_path / "sandbox.log"
    with log.open("w") as log_file:
        process = subprocess.Popen(
            [sys.executable, "-m", "bedside", "sandbox", "--port", "0", "--ready-file", str(ready)],
            cwd=REPO,
            stdout=subprocess.DEVNULL,
            stderr=log_file,
        )
    try:
        deadline = time.monotonic() + 60
        while not ready.exists():
            assert process.poll() is None, log.read_text()[-2000:]
            assert time.monotonic() < deadline, "the sandbox did not become ready"
            time.sleep(0.1)
        info = json.loads(ready.read_text())
        base = info["base_url"]
        assert base.startswith("http://127.0.0.1:")

        with httpx.Client(base_url=base, timeout=10) as http:
            assert http.get("Patient").status_code == 401  # no token, no data
            token = http.post(
                info["token_endpoint"],
                data={"grant_type": "client_credentials", "scope": "system/*.read"},
                auth=(info["client_id"], info["client_secret"]),
            ).json()["access_token"]
            headers = {"Authorization": f"Bearer {token}"}
            beds = http.get("Location", params={"_count": "200"}, headers=headers).json()
            patients = http.get(
                "Encounter", params={"status": "in-progress", "_summary": "count"}, headers=headers
            ).json()
        assert beds["resourceType"] == "Bundle"
        assert patients["total"] == 28
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=20)
    assert process.returncode == 0
