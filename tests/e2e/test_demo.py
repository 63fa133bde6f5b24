"""``bedside demo`` end to end: sandbox → FHIR client → encrypted cache → window → PNG files.

Runs the real command in a child process, as a person or IT would, offscreen and in a real X
window under Xvfb.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from bedside.sandbox.seed import generate_ward
from tests.conftest import REPO

SCREENS = [
    "lock",
    # Staff sign-in through the hospital directory, and an EHR that offers no sign-in.
    "lock-directory",
    "lock-password",
    "lock-choose-pin",
    "lock-not-set-up",
    "board",
    "chart-record",
    "chart-vitals",
    "vitals-pad",
    "chart-results",
    "chart-medications",
    "chart-appointments",
    "chart-meals",
    "sync",
    # The first-run screen at three moments of a first pull (the demo's own, pulled through it).
    "first-run",
    "first-run-no-total",
    "first-run-offline",
    # Patient mode on three bed tablets (a food allergy, nil by mouth, a free bed).
    "patient-home",
    "patient-meals",
    "patient-display",
    "patient-nil-by-mouth",
    "patient-schedule",
    "patient-free-bed",
]
LANGUAGES = ["fr", "de", "en"]
SIZES = ["1280x800", "1920x1200", "800x1280"]


def _run_demo(out: Path, data: Path, **env: str) -> subprocess.CompletedProcess[str]:
    child_env = {k: v for k, v in os.environ.items() if not k.startswith("QT_")}
    child_env.update(env)
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "bedside",
            "demo",
            "--screenshot",
            str(out),
            "--data-dir",
            str(data),
        ],
        cwd=REPO,
        env=child_env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def _assert_screens(out: Path) -> None:
    """Every screen in every language at every size, each a real picture of that size."""
    expected = {
        f"{screen}-{language}-{size}.png"
        for screen in SCREENS
        for language in LANGUAGES
        for size in SIZES
    }
    assert {p.name for p in out.iterdir()} == expected
    for language in LANGUAGES:
        for size in SIZES:
            name = f"board-{language}-{size}.png"
            image = QImage(str(out / name))
            assert not image.isNull(), name
            width, height = (int(n) for n in size.split("x"))
            assert (image.width(), image.height()) == (width, height)


def test_the_demo_renders_every_staff_screen_from_the_encrypted_cache_offscreen(
    tmp_path: Path,
) -> None:
    result = _run_demo(tmp_path / "shots", tmp_path / "data", QT_QPA_PLATFORM="offscreen")
    assert result.returncode == 0, result.stderr[-3000:]
    _assert_screens(tmp_path / "shots")
    # The nurse tablet downloaded the ward through the same wiring as an enrolled tablet.
    assert "patients in scope: 28 (28 new)" in result.stderr
    # Qt's messages are routed into the log; a Qt warning is a failure, as in-process.
    assert " WARNING qt " not in result.stderr
    assert " ERROR " not in result.stderr
    # The demo cache is encrypted and its key file is labelled as a demo key.
    ward_tablet = tmp_path / "data" / "ward"
    names = {p.name for p in ward_tablet.iterdir()}
    assert any(n.endswith(".bedside-cache") for n in names)
    assert any("DEMO-ONLY" in n for n in names)
    cache = next(p for p in ward_tablet.iterdir() if p.name.endswith(".bedside-cache"))
    assert not cache.read_bytes().startswith(b"SQLite format 3")


def test_the_demo_log_carries_no_patient_names(tmp_path: Path) -> None:
    result = _run_demo(tmp_path / "shots", tmp_path / "data", QT_QPA_PLATFORM="offscreen")
    assert result.returncode == 0, result.stderr[-3000:]
    output = result.stdout + result.stderr
    ward = generate_ward()
    families = {
        name["family"]
        for r in ward.resources
        if r["resourceType"] == "Patient"
        for name in r.get("name", [])
        if name.get("family")
    }
    assert families
    leaked = sorted(f for f in families if f in output)
    assert leaked == []


def test_the_demo_opens_a_real_window_under_xvfb(tmp_path: Path, xvfb_display: str) -> None:
    result = _run_demo(
        tmp_path / "shots", tmp_path / "data", QT_QPA_PLATFORM="xcb", DISPLAY=xvfb_display
    )
    assert result.returncode == 0, result.stderr[-3000:]
    _assert_screens(tmp_path / "shots")


@pytest.mark.parametrize("argv", [["--version"], ["demo", "--help"], ["sandbox", "--help"]])
def test_the_command_line_answers_help_and_version(argv: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bedside", *argv],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()


def test_the_demo_refuses_to_wipe_a_directory_it_did_not_make(tmp_path: Path) -> None:
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "notes.txt").write_text("keep me")
    result = _run_demo(tmp_path / "shots", precious, QT_QPA_PLATFORM="offscreen")
    assert result.returncode != 0
    assert "is not a Bedside demo directory" in result.stderr
    assert (precious / "notes.txt").read_text() == "keep me"


def test_the_demo_starts_fresh_in_a_directory_it_made_before(tmp_path: Path) -> None:
    data = tmp_path / "data"
    first = _run_demo(tmp_path / "a", data, QT_QPA_PLATFORM="offscreen")
    assert first.returncode == 0, first.stderr[-2000:]
    key_before = next(p.read_bytes() for p in data.rglob("*DEMO-ONLY*"))
    second = _run_demo(tmp_path / "b", data, QT_QPA_PLATFORM="offscreen")
    assert second.returncode == 0, second.stderr[-2000:]
    key_after = next(p.read_bytes() for p in data.rglob("*DEMO-ONLY*"))
    assert key_before != key_after
