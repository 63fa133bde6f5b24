"""Fixtures shared by every test package: a virtual X screen for tests that need a real window,
and a watchdog that makes a hung test fail in minutes even while Qt waits in C++.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import time
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from bedside.sandbox.seed import SeedWard
    from tests.sync.ehr import EhrProcess

from tests.watchdog import Watchdog, exit_with_stacks

REPO = Path(__file__).resolve().parents[1]

# A hung test is interrupted this long after pytest-timeout's own limit (which only reaches
# Python-level waits): every thread's stack is taken and Qt's loop is asked to quit.
WATCHDOG_AFTER_TIMEOUT_S = 15.0
# ... and if the test is still not back this long after that, the run ends (os._exit).
WATCHDOG_GRACE_S = 30.0
_WATCHDOG = pytest.StashKey[Watchdog]()
_REPORTED = pytest.StashKey[bool]()


def _test_budget_s(item: pytest.Item) -> float:
    marker = item.get_closest_marker("timeout")
    value: object = None
    if marker is not None:
        value = marker.kwargs.get("timeout", marker.args[0] if marker.args else None)
    if value is None:
        value = item.config.getini("timeout")
    try:
        seconds = float(str(value))
    except ValueError:
        seconds = 0.0
    return (seconds if seconds > 0 else 180.0) + WATCHDOG_AFTER_TIMEOUT_S


def pytest_configure(config: pytest.Config) -> None:
    def last_resort(label: str, stacks: str) -> None:
        capture = config.pluginmanager.getplugin("capturemanager")
        if capture is not None:
            with contextlib.suppress(Exception):  # give the terminal back for the last words
                capture.suspend_global_capture(in_=False)
        exit_with_stacks(label, stacks)

    config.stash[_WATCHDOG] = Watchdog(grace_s=WATCHDOG_GRACE_S, last_resort=last_resort)


def pytest_unconfigure(config: pytest.Config) -> None:
    watchdog = config.stash.get(_WATCHDOG, None)
    if watchdog is not None:
        watchdog.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item) -> Generator[None, None, None]:
    watchdog = item.config.stash[_WATCHDOG]
    watchdog.arm(item.nodeid, _test_budget_s(item))
    try:
        yield
    finally:
        watchdog.disarm()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item) -> Generator[None, Any, None]:
    outcome = yield
    stacks = item.config.stash[_WATCHDOG].fired
    if stacks is None or item.stash.get(_REPORTED, False):
        return
    item.stash[_REPORTED] = True
    report = outcome.get_result()
    budget = _test_budget_s(item)
    report.sections.append(("watchdog: every thread when the test hung", stacks))
    if report.passed or report.skipped:
        report.outcome = "failed"
        report.longrepr = f"hung: still running after {budget:.0f} s (stacks below)"
    elif isinstance(report.longrepr, str) or report.longrepr is None:
        report.longrepr = f"hung: still running after {budget:.0f} s\n{report.longrepr or ''}"


def _free_display() -> int:
    for number in range(90, 140):
        if (
            not Path(f"/tmp/.X11-unix/X{number}").exists()
            and not Path(f"/tmp/.X{number}-lock").exists()
        ):
            return number
    raise RuntimeError("no free X display number between :90 and :139")


@pytest.fixture(scope="session")
def xvfb_display() -> Iterator[str]:
    """A running Xvfb server (Debian's ``xvfb``, installed by ./run); yields its DISPLAY."""
    binary = shutil.which("Xvfb")
    if binary is None:
        if os.environ.get("CI"):
            pytest.fail("Xvfb is missing: ./run installs Debian's xvfb package")
        pytest.skip("Xvfb is not installed (./run setup installs it)")
    number = _free_display()
    process = subprocess.Popen(
        [binary, f":{number}", "-screen", "0", "1920x1200x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    socket = Path(f"/tmp/.X11-unix/X{number}")
    deadline = time.monotonic() + 10
    while not socket.exists():
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail("Xvfb did not start")
        time.sleep(0.05)
    try:
        yield f":{number}"
    finally:
        process.terminate()
        process.wait(timeout=10)


# An EHR in its own process and the ward it serves, for tests of a tablet enrolled as IT does it
# (tests/enrolled.py): the seed and the admin route are the ones enroll_tablet expects.
ENROLLED_SEED = 2026


@pytest.fixture(scope="session")
def enrolled_ward() -> SeedWard:
    from bedside.sandbox.seed import generate_ward

    return generate_ward(seed=ENROLLED_SEED)


@pytest.fixture
def own_ehr_process(tmp_path: Path) -> Iterator[EhrProcess]:
    """``bedside sandbox`` in its own process, its admin route open for IT's enrollment."""
    from tests.enrolled import ADMIN_TOKEN
    from tests.sync.ehr import ehr_process

    with ehr_process(tmp_path, seed=ENROLLED_SEED, admin_token=ADMIN_TOKEN) as running:
        yield running


# An independent FHIR R4 validator (Medplum's, in node; tests/r4), started once per session.
from tests.r4_validator import R4Validator, ValidatorUnavailableError  # noqa: E402


@pytest.fixture(scope="session")
def r4_validator() -> Iterator[R4Validator]:
    """``validate(resource) -> list[Issue]``; skipped without node or ``tests/r4/node_modules``
    (./run setup installs both), a failure in CI."""
    try:
        validator = R4Validator()
    except ValidatorUnavailableError as exc:
        if os.environ.get("CI", "").strip().lower() not in {"", "0", "false", "no"}:
            pytest.fail(f"CI must run the FHIR R4 validator: {exc}")
        pytest.skip(f"FHIR R4 validator unavailable and CI is not set: {exc}")
    with validator:
        yield validator
