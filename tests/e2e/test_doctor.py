"""``bedside doctor`` as IT runs it on an enrolled tablet: a real process against a real EHR."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bedside.sandbox.seed import SeedWard
from tests.conftest import REPO
from tests.enrolled import EnrolledTablet, enroll_tablet
from tests.sync.ehr import EhrProcess


def _doctor(tablet: EnrolledTablet) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bedside", "doctor", "--demo-dir", str(tablet.key_dir)],
        capture_output=True,
        text=True,
        env=tablet.environment(),
        cwd=REPO,
        timeout=120,
        check=False,
    )


def test_doctor_on_a_tablet_enrolled_with_the_sandbox_finds_everything_it_needs(
    own_ehr_process: EhrProcess, enrolled_ward: SeedWard, tmp_path: Path
) -> None:
    tablet = enroll_tablet(own_ehr_process, enrolled_ward, tmp_path / "tablet")

    result = _doctor(tablet)

    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("[ok  ] device tablet-3w-01 of site ")
    assert any("answers with this tablet's credentials (FHIR 4.0.1" in line for line in lines)
    assert any(line.startswith("[ok  ] EHR capabilities: ") for line in lines)
    assert not [line for line in lines if line.startswith("[FAIL]")]
    assert "[warn] this tablet has not synced yet" in lines


def test_doctor_says_when_the_ehr_cannot_be_reached_with_exit_code_1(
    own_ehr_process: EhrProcess, enrolled_ward: SeedWard, tmp_path: Path
) -> None:
    tablet = enroll_tablet(own_ehr_process, enrolled_ward, tmp_path / "tablet")
    own_ehr_process.process.terminate()
    own_ehr_process.process.wait(timeout=30)

    result = _doctor(tablet)

    assert result.returncode == 1, result.stdout + result.stderr
    assert "[FAIL] EHR http://127.0.0.1:" in result.stdout
    assert "cannot be reached" in result.stdout


def test_doctor_with_nothing_configured_says_so_with_exit_code_2(tmp_path: Path) -> None:
    config = tmp_path / "empty.toml"
    config.write_text("")
    result = subprocess.run(
        [sys.executable, "-m", "bedside", "doctor", "--config", str(config)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert "Bedside is not set up on this device" in result.stdout


def test_doctor_against_a_strict_ehr_without_verify_pin_says_ehr_sign_in_cannot_work(
    enrolled_ward: SeedWard, tmp_path: Path
) -> None:
    from tests.conftest import ENROLLED_SEED
    from tests.enrolled import ADMIN_TOKEN
    from tests.sync.ehr import ehr_process

    with ehr_process(tmp_path, seed=ENROLLED_SEED, admin_token=ADMIN_TOKEN, strict=True) as ehr:
        tablet = enroll_tablet(ehr, enrolled_ward, tmp_path / "tablet")
        result = _doctor(tablet)

    assert result.returncode == 1, result.stdout + result.stderr
    failures = [line for line in result.stdout.splitlines() if line.startswith("[FAIL]")]
    assert len(failures) == 2, result.stdout
    assert failures[0].startswith("[FAIL] EHR capabilities: ")
    assert failures[1].startswith("[FAIL] Practitioner/$verify-pin: missing — used to check")
    assert "Staff sign-in is not set up for this EHR" in failures[1]
