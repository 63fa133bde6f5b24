"""``bedside`` as hospital IT runs it: a real process on an enrolled tablet, stopped by a signal.

The EHR is ``bedside sandbox`` in its own process; IT's settings file and ``bedside enroll`` set
the tablet up (:mod:`tests.enrolled`). The app runs offscreen and is watched through its log
file (``log.dir``), as IT would watch it: first run, window shown, a clean stop on SIGTERM and on
Ctrl+C with the cache closed, and a second start with the EHR stopped that opens from the cache
at once.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bedside.sandbox.seed import SeedWard
from tests.conftest import REPO
from tests.enrolled import EnrolledTablet, enroll_tablet
from tests.sync.ehr import EhrProcess

pytestmark = pytest.mark.slow


class AppProcess:
    """``bedside run`` as its own process, offscreen, watched through its log file."""

    def __init__(self, tablet: EnrolledTablet, log_dir: Path) -> None:
        self.log_file = log_dir / "bedside.log"
        # The log file is shared with earlier runs: this run's lines start here.
        self.start = self.log_file.stat().st_size if self.log_file.exists() else 0
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bedside", "run", "--demo-dir", str(tablet.key_dir)],
            env=tablet.environment(QT_QPA_PLATFORM="offscreen"),
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def log(self) -> str:
        """This run's lines."""
        if not self.log_file.exists():
            return ""
        with self.log_file.open("rb") as file:
            file.seek(self.start)
            return file.read().decode("utf-8")

    def wait_for(self, event: str, timeout_s: float = 120) -> None:
        deadline = time.monotonic() + timeout_s
        while f" {event} " not in self.log() and f" {event}\n" not in self.log():
            if self.process.poll() is not None:
                _, err = self.process.communicate()
                raise AssertionError(f"bedside ended ({self.process.returncode}): {err[-3000:]}")
            if time.monotonic() > deadline:
                self.process.kill()
                raise AssertionError(f"no {event} in the log after {timeout_s} s:\n{self.log()}")
            time.sleep(0.1)

    def stop(self, signum: int) -> tuple[int, str]:
        self.process.send_signal(signum)
        try:
            _, err = self.process.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise
        return self.process.returncode, err


def test_bedside_on_an_enrolled_tablet_runs_its_first_pull_and_stops_cleanly_on_sigterm(
    own_ehr_process: EhrProcess, enrolled_ward: SeedWard, tmp_path: Path
) -> None:
    logs = tmp_path / "logs"
    tablet = enroll_tablet(own_ehr_process, enrolled_ward, tmp_path / "tablet", log_dir=logs)
    app = AppProcess(tablet, logs)
    app.wait_for("first_run_shown")
    app.wait_for("window_shown")
    code, err = app.stop(signal.SIGTERM)
    assert code == 0, err
    assert "Traceback" not in err
    log = app.log()
    assert "first_run_landed" in log
    assert "shutdown_requested signal=SIGTERM" in log
    assert "tablet_closed scope=ward" in log  # engine stopped, cache closed, before exiting
    # The cache is encrypted and stays for the next start; no plaintext copy anywhere.
    [cache] = tablet.key_dir.glob("*.bedside-cache")
    assert not cache.read_bytes().startswith(b"SQLite format 3")

    # With the EHR stopped, the next start opens the window from the cache: no first run.
    own_ehr_process.process.terminate()
    own_ehr_process.process.wait(timeout=30)
    app = AppProcess(tablet, logs)
    app.wait_for("window_shown")
    code, err = app.stop(signal.SIGINT)  # Ctrl+C: no KeyboardInterrupt traceback, exit 0
    assert code == 0, err
    assert "KeyboardInterrupt" not in err
    second_start = app.log()
    assert "first_run_shown" not in second_start
    assert "shutdown_requested signal=SIGINT" in second_start
    assert "tablet_closed scope=ward" in second_start


def test_a_demo_killed_with_sigterm_removes_its_directory_and_key_file(tmp_path: Path) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    logs = tmp_path / "logs"
    env = {
        "QT_QPA_PLATFORM": "offscreen",
        "TMPDIR": str(scratch),
        "BEDSIDE_LOG__DIR": str(logs),
        "BEDSIDE_CONFIG": str(tmp_path / "empty.toml"),
    }
    (tmp_path / "empty.toml").write_text("")
    base = {k: v for k, v in os.environ.items() if not k.startswith("BEDSIDE_")}
    process = subprocess.Popen(
        [sys.executable, "-m", "bedside", "demo"],
        env={**base, **env},
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 180
    log_file = logs / "bedside.log"
    while not (log_file.exists() and " window_shown " in log_file.read_text()):
        assert process.poll() is None, process.communicate()[1][-3000:]
        assert time.monotonic() < deadline, "the demo did not show its window"
        time.sleep(0.1)
    assert any(scratch.iterdir())  # the demo's directory, with its key file, exists meanwhile
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert list(scratch.iterdir()) == []  # cache, key file and marker are gone


def test_bedside_without_a_screen_says_how_to_get_one_instead_of_aborting(
    own_ehr_process: EhrProcess, enrolled_ward: SeedWard, tmp_path: Path
) -> None:
    tablet = enroll_tablet(own_ehr_process, enrolled_ward, tmp_path / "tablet")
    environment = tablet.environment()
    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        environment.pop(name, None)
    result = subprocess.run(
        [sys.executable, "-m", "bedside", "run", "--demo-dir", str(tablet.key_dir)],
        env=environment,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 2
    assert "There is no screen" in result.stderr
    assert "Xvfb" in result.stderr
    assert "--screenshot" in result.stderr
    assert "libxcb-cursor0" not in result.stderr  # not Qt's abort
