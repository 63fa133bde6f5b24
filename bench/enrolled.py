"""What the whole-process benchmarks share: an EHR in its own process, tablets enrolled like IT.

:func:`sandbox_process` runs ``bedside sandbox`` on a free loopback port with its admin route
open; :func:`enroll_tablet` writes a ward tablet's settings file, runs ``bedside enroll`` and
registers the printed public key with the EHR — the steps of ``docs/settings.md``.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
ADMIN_TOKEN = "bench-admin"
SCOPES = "system/*.read system/*.write"


@contextmanager
def sandbox_process(
    root: Path, env: dict[str, str], *, beds: int | None = None
) -> Iterator[dict[str, Any]]:
    """The sandbox EHR in its own process until the block ends; yields its ready file's data."""
    ready = root / "ready.json"
    command = [PYTHON, "-m", "bedside", "sandbox", "--port", "0", "--ready-file", str(ready)]
    command += ["--admin-token", ADMIN_TOKEN]
    if beds is not None:
        command += ["--beds-per-ward", str(beds)]
    process = subprocess.Popen(
        command, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 120
        while not ready.exists():
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("the sandbox EHR did not start")
            time.sleep(0.1)
        yield json.loads(ready.read_text())
    finally:
        process.terminate()
        process.wait(timeout=30)


def enroll_tablet(
    directory: Path,
    base_url: str,
    ward: Any,
    env: dict[str, str],
    *,
    client_id: str,
    log_dir: Path | None = None,
) -> Path:
    """Settings file + ``bedside enroll`` + key registered; returns the settings file."""
    directory.mkdir(parents=True, exist_ok=True)
    config = directory / "bedside.toml"
    text = (
        f'[ehr]\nbase_url = "{base_url}"\nclient_id = "{client_id}"\n\n'
        f'[device]\nsite_id = "{ward.site_id}"\nscope = "ward"\n'
        f'location_id = "{ward.ward_id}"\n'
        f'hospital_number_system = "{ward.identifier_system}"\n'
        'time_zone = "Europe/Paris"\n'
    )
    if log_dir is not None:
        text += f'\n[log]\ndir = "{log_dir}"\n'
    config.write_text(text)
    jwks = subprocess.run(
        [PYTHON, "-m", "bedside", "enroll", "--demo-dir", str(directory / "keys")],
        capture_output=True,
        text=True,
        env={**env, "BEDSIDE_CONFIG": str(config)},
        cwd=REPO,
        check=True,
    ).stdout
    body = {"client_id": client_id, "jwks": json.loads(jwks), "scope": SCOPES}
    request = urllib.request.Request(
        f"{base_url}_admin/clients",
        data=json.dumps(body).encode(),
        headers={"Authorization": f"Bearer {ADMIN_TOKEN}", "Content-Type": "application/json"},
    )
    urllib.request.urlopen(request, timeout=30).close()
    return config
