"""A tablet enrolled the way hospital IT enrolls one, against an EHR running in its own process.

IT writes the machine-wide settings file, runs ``bedside enroll`` on the tablet (the private key
stays in the tablet's key store — here the labelled key files of a demo directory, since CI has
no OS key store), and registers the public key it prints with the EHR (here through the sandbox's
admin route). Nothing of the demo's in-process shortcuts is used.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import httpx

from bedside.sandbox.seed import SeedWard
from tests.conftest import REPO
from tests.sync.ehr import EhrProcess

ADMIN_TOKEN = "it-admin-token-for-tests"
SCOPES = "system/*.read system/*.write"


@dataclass(frozen=True)
class EnrolledTablet:
    """What IT left on the tablet: a settings file and the device's key directory."""

    config: Path
    key_dir: Path
    client_id: str

    def environment(self, **extra: str) -> dict[str, str]:
        """A process environment with this tablet's settings file and nothing else of ours."""
        base = {k: v for k, v in os.environ.items() if not k.startswith("BEDSIDE_")}
        return {**base, "BEDSIDE_CONFIG": str(self.config), **extra}


def enroll_tablet(
    ehr: EhrProcess,
    ward: SeedWard,
    directory: Path,
    *,
    scope: str = "ward",
    location_id: str | None = None,
    client_id: str = "tablet-3w-01",
    log_dir: Path | None = None,
) -> EnrolledTablet:
    """Write the settings, enroll the device, register its public key with the EHR."""
    directory.mkdir(parents=True, exist_ok=True)
    config = directory / "bedside.toml"
    lines = [
        "[ehr]",
        f'base_url = "{ehr.base_url}"',
        f'client_id = "{client_id}"',
        "",
        "[device]",
        f'site_id = "{ward.site_id}"',
        f'scope = "{scope}"',
        f'location_id = "{location_id or ward.ward_id}"',
        f'hospital_number_system = "{ward.identifier_system}"',
        'time_zone = "Europe/Paris"',
        "",
        "[sync]",
        "pull_interval_s = 30",
    ]
    if log_dir is not None:
        lines += ["", "[log]", f'dir = "{log_dir}"']
    config.write_text("\n".join(lines) + "\n")
    tablet = EnrolledTablet(config, directory / "keys", client_id)
    enrolled = subprocess.run(
        [sys.executable, "-m", "bedside", "enroll", "--demo-dir", str(tablet.key_dir)],
        capture_output=True,
        text=True,
        env=tablet.environment(),
        cwd=REPO,
        timeout=120,
        check=False,
    )
    assert enrolled.returncode == 0, enrolled.stdout + enrolled.stderr
    registered = httpx.post(
        f"{ehr.base_url}_admin/clients",
        json={"client_id": client_id, "jwks": json.loads(enrolled.stdout), "scope": SCOPES},
        headers={"Authorization": f"Bearer {ADMIN_TOKEN}"},
        timeout=30,
    )
    assert registered.status_code in (200, 201), registered.text
    return tablet
