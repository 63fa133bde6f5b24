"""Logs IT can use: one line per event, bounded files, the level set, no patient data.

See :mod:`bedside.logs` for the format and :mod:`bedside.sync.retry` for the retry lines.
"""

from __future__ import annotations

import ast
import logging
import logging.handlers
import os
import re
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from bedside.logs import LOG_FILE_NAME, LineFormatter, configure_logging
from bedside.sandbox.seed import generate_ward
from bedside.sync.client import FhirClient
from bedside.sync.errors import OfflineError, ServerError
from bedside.sync.retry import RetryPolicy
from tests.conftest import REPO

TIMESTAMP = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d"
LINE = re.compile(rf"^{TIMESTAMP} (DEBUG|INFO|WARNING|ERROR|CRITICAL) \S+ \S")

# An event name, then key=value pairs: "cache_opened schema=%d seconds=%.3f".
EVENT_NAME = r"[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*"
MESSAGE = re.compile(rf"^{EVENT_NAME}(?: [a-z_][a-z0-9_.]*=\S+)*$")
LOG_METHODS = {"debug", "info", "warning", "warn", "error", "exception", "critical", "log"}
LOGGER_NAME = re.compile(r"^_?(log|logger|logging)$")


@pytest.fixture
def logs(tmp_path: Path) -> Iterator[Path]:
    """A log directory; the root logger is put back as it was afterwards."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    quiet = {name: logging.getLogger(name).level for name in ("httpx", "httpcore", "qasync")}
    try:
        yield tmp_path / "logs"
    finally:
        for handler in root.handlers:
            if handler not in handlers:
                root.removeHandler(handler)
                handler.close()
        root.setLevel(level)
        for name, was in quiet.items():
            logging.getLogger(name).setLevel(was)


def _lines(directory: Path, name: str = LOG_FILE_NAME) -> list[str]:
    return (directory / name).read_text(encoding="utf-8").splitlines()


@pytest.fixture
def paris(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The process's local time zone is Europe/Paris (UTC+01:00 in December)."""
    monkeypatch.setenv("TZ", "Europe/Paris")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


# --- the line format ------------------------------------------------------------------------


@pytest.mark.usefixtures("paris")
def test_a_record_is_one_line_with_an_offset_timestamp_the_level_the_logger_and_the_event() -> None:
    message = "cache_opened schema=%d seconds=%.3f"
    record = logging.LogRecord(
        "bedside.store.cache", logging.INFO, __file__, 1, message, (7, 0.1234), None
    )
    record.created = datetime(2026, 12, 7, 20, 30, 0, 123456, tzinfo=UTC).timestamp()

    line = LineFormatter().format(record)

    assert line == (
        "2026-12-07T21:30:00.123+01:00 INFO bedside.store.cache cache_opened schema=7 seconds=0.123"
    )


def test_the_file_holds_the_same_line_as_the_formatter_writes(logs: Path) -> None:
    configure_logging("INFO", logs, stderr=False)
    logging.getLogger("bedside.test").info("cache_opened schema=%d", 7)

    (line,) = _lines(logs)
    assert re.fullmatch(rf"{TIMESTAMP} INFO bedside\.test cache_opened schema=7", line)
    written = datetime.fromisoformat(line.split(" ", 1)[0])
    assert written.utcoffset() is not None
    assert abs((datetime.now(UTC) - written).total_seconds()) < 60


def test_line_breaks_and_control_characters_in_a_message_are_folded_into_one_line(
    logs: Path,
) -> None:
    configure_logging("INFO", logs, stderr=False)
    text = "first\nsecond\r\nthird\rfourth\u2028fifth\x1b[31mred\x85end"
    logging.getLogger("bedside.test").warning("odd_text text=%s", text)

    (line,) = _lines(logs)
    assert line.endswith(
        "odd_text text=first\\nsecond\\nthird\\rfourth\\u2028fifth\\x1b[31mred\\x85end"
    )


def _fail_with_data() -> None:
    record = {"family": "Zwirbelmeier"}
    raise KeyError(f"{record['family']}\nsecond line") from OSError("disk")


def test_an_exception_is_written_as_its_type_and_where_without_its_message_or_traceback(
    logs: Path,
) -> None:
    configure_logging("INFO", logs, stderr=False)
    try:
        _fail_with_data()
    except KeyError:
        logging.getLogger("bedside.test").exception("listener_failed")

    (line,) = _lines(logs)
    raised_at = _fail_with_data.__code__.co_firstlineno + 2
    assert line.endswith(
        f"ERROR bedside.test listener_failed exc=KeyError where=tests.test_logs:{raised_at} "
        "cause=OSError"
    )
    assert "Zwirbelmeier" not in line
    assert "Traceback" not in line


def test_at_debug_the_traceback_follows_folded_into_the_same_line(logs: Path) -> None:
    configure_logging("DEBUG", logs, stderr=False)
    try:
        _fail_with_data()
    except KeyError:
        logging.getLogger("bedside.test").exception("listener_failed")

    (line,) = _lines(logs)
    assert " listener_failed exc=KeyError where=tests.test_logs:" in line
    assert " traceback=" in line
    assert "Traceback (most recent call last):\\n" in line
    assert "\\nKeyError: " in line


def test_a_runaway_message_is_cut_rather_than_filling_a_file(logs: Path) -> None:
    configure_logging("INFO", logs, stderr=False)
    logging.getLogger("bedside.test").info("big_value value=%s", "x" * 200_000)

    (line,) = _lines(logs)
    assert len(line) < 70_000
    assert line.endswith("…(cut)")


# --- files, rotation, permissions, level ----------------------------------------------------


def test_the_file_rotates_by_size_and_keeps_a_bounded_number_of_files(logs: Path) -> None:
    configure_logging("INFO", logs, stderr=False, max_file_bytes=2_000, files=3)
    log = logging.getLogger("bedside.test")
    for number in range(300):  # about 30 kB: enough for many rotations
        log.info("tick number=%04d padding=%s", number, "p" * 20)

    files = sorted(p.name for p in logs.iterdir())
    assert files == [LOG_FILE_NAME, f"{LOG_FILE_NAME}.1", f"{LOG_FILE_NAME}.2"]
    for name in files:
        assert 0 < (logs / name).stat().st_size <= 2_000, name
    kept = "".join((logs / name).read_text(encoding="utf-8") for name in files)
    assert "number=0299 " in _lines(logs)[-1]
    assert "number=0000 " not in kept  # the oldest records went with the oldest file


def test_the_level_is_honoured(logs: Path) -> None:
    configure_logging("WARNING", logs, stderr=False)
    log = logging.getLogger("bedside.test")
    log.info("quiet_event")
    log.warning("loud_event")

    assert [line.split(" ", 3)[3] for line in _lines(logs)] == ["loud_event"]


def test_verbose_forces_debug_whatever_the_level_says(logs: Path) -> None:
    configure_logging("ERROR", logs, verbose=True, stderr=False)
    logging.getLogger("bedside.test").debug("detail_event")

    assert _lines(logs)[0].endswith(" DEBUG bedside.test detail_event")


def test_httpx_httpcore_and_qasync_stay_at_warning_even_at_debug(logs: Path) -> None:
    configure_logging("DEBUG", logs, stderr=False)
    logging.getLogger("httpx").info("HTTP Request: GET https://ehr/Patient?identifier=834977368")
    logging.getLogger("httpcore.http11").debug("send_request_headers.started")
    logging.getLogger("qasync._QThreadWorker").debug("Setting Future result: $argon2id$v=19$…")

    assert _lines(logs) == []


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_the_log_directory_and_files_are_readable_by_this_user_only(logs: Path) -> None:
    old_umask = os.umask(0)  # the modes must not depend on a lenient umask
    try:
        configure_logging("INFO", logs / "nested", stderr=False, max_file_bytes=500, files=2)
        for number in range(20):
            logging.getLogger("bedside.test").info("tick number=%d padding=%s", number, "p" * 40)
    finally:
        os.umask(old_umask)

    assert stat.S_IMODE((logs / "nested").stat().st_mode) == 0o700
    names = sorted(p.name for p in (logs / "nested").iterdir())
    assert names == [LOG_FILE_NAME, f"{LOG_FILE_NAME}.1"]
    for name in names:
        assert stat.S_IMODE((logs / "nested" / name).stat().st_mode) == 0o600, name


def test_configuring_again_replaces_its_own_handlers_and_leaves_others_alone(
    logs: Path, caplog: pytest.LogCaptureFixture
) -> None:
    configure_logging("INFO", logs / "first", stderr=False)
    configure_logging("INFO", logs / "second", stderr=False)
    with caplog.at_level(logging.INFO):
        logging.getLogger("bedside.test").info("after_second")

    assert _lines(logs / "first") == []
    assert _lines(logs / "second")[0].endswith(" after_second")
    assert "after_second" in caplog.text  # pytest's own handler still gets records
    ours = [
        h
        for h in logging.getLogger().handlers
        if isinstance(h, logging.handlers.BaseRotatingHandler)
    ]
    assert len(ours) == 1


def test_stderr_gets_the_same_lines_before_any_file_is_configured(
    logs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    configure_logging("INFO", None)
    logging.getLogger("bedside.test").info("early_event step=%d", 1)

    err = capsys.readouterr().err
    assert re.search(rf"^{TIMESTAMP} INFO bedside\.test early_event step=1$", err, re.MULTILINE)


# --- every logging call names its event -----------------------------------------------------


def _message_argument(call: ast.Call) -> ast.expr | None:
    assert isinstance(call.func, ast.Attribute)
    position = 1 if call.func.attr == "log" else 0
    if len(call.args) > position:
        return call.args[position]
    return next((k.value for k in call.keywords if k.arg == "msg"), None)


def _is_logging_call(node: ast.AST) -> bool:
    if not (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in LOG_METHODS
    ):
        return False
    receiver = node.func.value
    if isinstance(receiver, ast.Attribute):  # self.log, self._logger
        return bool(LOGGER_NAME.match(receiver.attr))
    if isinstance(receiver, ast.Name):
        return bool(LOGGER_NAME.match(receiver.id))
    # logging.getLogger(…).info(…)
    return (
        isinstance(receiver, ast.Call)
        and isinstance(receiver.func, ast.Attribute)
        and receiver.func.attr == "getLogger"
    )


def _logging_call_problems(source: str, name: str) -> list[str]:
    problems = []
    for node in ast.walk(ast.parse(source)):
        if not _is_logging_call(node):
            continue
        assert isinstance(node, ast.Call)
        where = f"{name}:{node.lineno}"
        if any(isinstance(n, ast.JoinedStr) for n in ast.walk(node)):
            problems.append(f"{where}: an f-string in a logging call (use %-style arguments)")
            continue
        message = _message_argument(node)
        if not (isinstance(message, ast.Constant) and isinstance(message.value, str)):
            problems.append(f"{where}: the message is not a literal string")
        elif not MESSAGE.match(message.value):
            problems.append(
                f"{where}: {message.value!r} is not 'event_name key=value…' "
                "(a snake_case event, then key=value pairs)"
            )
    return problems


def test_the_event_rule_catches_what_it_should() -> None:
    bad = """
log.info("sync of %s started", key)
log.info(f"sync_started scope={key}")
log.warning("skipped " + note)
log.log(logging.INFO, "Done")
self._log.error("board failed: %s", kind)
logging.getLogger(__name__).info(message)
log.info("event_name scope=%s", f"{key}")
"""
    good = """
log.info("sync_started scope=%s", key)
log.log(level, "sync_stopped scope=%s cause=%s message=%r", key, kind, text)
log.exception("sync.listener_failed")
log.error("board_read_failed", exc_info=error)
math.log(2.0)
"""
    assert len(_logging_call_problems(bad, "bad")) == 7
    assert _logging_call_problems(good, "good") == []


def test_every_logging_call_in_bedside_starts_with_an_event_name_and_uses_no_f_string() -> None:
    package = REPO / "bedside"
    problems = []
    for path in sorted(package.rglob("*.py")):  # the sandbox included: its lines share the log
        relative = path.relative_to(REPO)
        problems += _logging_call_problems(path.read_text(encoding="utf-8"), str(relative))
    assert problems == [], "\n".join(problems)


def test_the_logging_module_imports_nothing_else_of_bedside() -> None:
    tree = ast.parse((REPO / "bedside" / "logs.py").read_text(encoding="utf-8"))
    imported = [
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    ] + [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    assert [name for name in imported if name.split(".")[0] == "bedside"] == []


# --- retry lines ----------------------------------------------------------------------------

NO_WAIT = RetryPolicy(attempts=3, wait_initial_s=0.0, wait_max_s=0.0, wait_jitter_s=0.0)
BASE = "https://ehr.example/fhir"


def _retry_messages(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "bedside.sync.retry"]


@pytest.mark.asyncio
async def test_a_retried_read_says_what_is_retried_and_why(
    caplog: pytest.LogCaptureFixture,
) -> None:
    seen: list[str] = []

    def ehr(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        if len(seen) < 3:
            return httpx.Response(503, headers={"Retry-After": "0"})
        return httpx.Response(200, json={"resourceType": "Observation", "id": "obs-834977368"})

    client = FhirClient(BASE, None, transport=httpx.MockTransport(ehr), retry=NO_WAIT)
    async with client:
        with caplog.at_level(logging.INFO, logger="bedside.sync.retry"):
            assert await client.read("Observation", "obs-834977368") is not None

    assert _retry_messages(caplog) == [
        "request_retry method=GET resource=Observation attempt=2/3 wait_s=0.0 "
        "cause=ServerError status=503 retry_after_s=0",
        "request_retry method=GET resource=Observation attempt=3/3 wait_s=0.0 "
        "cause=ServerError status=503 retry_after_s=0",
    ]
    assert len(seen) == 3
    assert "834977368" not in caplog.text  # the resource type only, never the id


@pytest.mark.asyncio
async def test_a_search_that_runs_out_of_attempts_says_why_and_that_it_gave_up(
    caplog: pytest.LogCaptureFixture,
) -> None:
    def ehr(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    client = FhirClient(BASE, None, transport=httpx.MockTransport(ehr), retry=NO_WAIT)
    async with client:
        with (
            caplog.at_level(logging.INFO, logger="bedside.sync.retry"),
            pytest.raises(OfflineError),
        ):
            async for _page in client.search("Patient", {"identifier": "urn:x|834977368"}):
                pass

    messages = _retry_messages(caplog)
    assert messages == [
        "request_retry method=GET resource=Patient attempt=2/3 wait_s=0.0 "
        "cause=OfflineError via=ConnectError",
        "request_retry method=GET resource=Patient attempt=3/3 wait_s=0.0 "
        "cause=OfflineError via=ConnectError",
        "request_gave_up method=GET resource=Patient attempts=3/3 "
        "cause=OfflineError via=ConnectError",
    ]
    assert [r.levelname for r in caplog.records if r.name == "bedside.sync.retry"] == [
        "INFO",
        "INFO",
        "WARNING",
    ]
    assert "834977368" not in caplog.text


@pytest.mark.asyncio
async def test_a_retry_after_beyond_the_budget_is_logged_as_given_up_at_once(
    caplog: pytest.LogCaptureFixture,
) -> None:
    def ehr(request: httpx.Request) -> httpx.Response:
        return httpx.Response(429, headers={"Retry-After": "600"})

    client = FhirClient(BASE, None, transport=httpx.MockTransport(ehr), retry=NO_WAIT)
    async with client:
        with (
            caplog.at_level(logging.INFO, logger="bedside.sync.retry"),
            pytest.raises(ServerError),
        ):
            await client.capabilities()

    assert _retry_messages(caplog) == [
        "request_gave_up method=GET resource=metadata attempts=1/3 "
        "cause=ServerError status=429 retry_after_s=600"
    ]


# --- a demo session's logs hold no patient data ---------------------------------------------


def _names(resource: dict[str, Any]) -> set[str]:
    found = set()
    for name in resource.get("name") or []:
        found.update(name.get("given") or [])
        if name.get("family"):
            found.add(name["family"])
    return found


def _patient_data_of_the_demo_ward() -> dict[str, str]:
    """Every synthetic name, birth date and identifier of the demo ward, with what it is."""
    ward = generate_ward(seed=2026)
    needles: dict[str, str] = {}
    for resource in ward.resources:
        kind = resource["resourceType"]
        if kind not in ("Patient", "Practitioner"):
            continue
        for name in _names(resource):
            needles[name] = f"{kind} name"
        for identifier in resource.get("identifier") or []:
            if identifier.get("value"):
                needles[identifier["value"]] = f"{kind} identifier"
        if kind == "Patient":
            needles[resource["birthDate"]] = "Patient birth date"
            needles[resource["id"]] = "Patient resource id"
    for credential in ward.staff_credentials:
        needles[credential.badge] = "badge number"
    return needles


def _secrets_of_the_demo_ward() -> dict[str, str]:
    """Patterns of the staff's PINs as a log line would quote them, and of any PIN hash."""
    secrets = {r"\$argon2": "a PIN hash"}
    for credential in generate_ward(seed=2026).staff_credentials:
        pin = re.escape(credential.pin)
        secrets[rf"(pin=|'|\")({pin})(?![0-9])"] = "a staff PIN"
    return secrets


@pytest.mark.slow
def test_a_demo_session_logs_no_patient_data(tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "BEDSIDE_"))}
    env.update(
        QT_QPA_PLATFORM="offscreen",
        BEDSIDE_LOG__DIR=str(logs),
        BEDSIDE_LOG__LEVEL="DEBUG",
        BEDSIDE_CONFIG=str(tmp_path / "bedside.toml"),
    )
    (tmp_path / "bedside.toml").write_text("", encoding="utf-8")  # nothing configured
    result = subprocess.run(
        [sys.executable, "-m", "bedside", "demo", "--screenshot", str(tmp_path / "shots")],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]

    files = sorted(logs.iterdir())
    assert [p.name for p in files][:1] == [LOG_FILE_NAME]
    text = "\n".join(p.read_text(encoding="utf-8") for p in files)
    lines = text.splitlines()
    # Not a vacuous pass: a whole session at DEBUG, sync and screens included, in our format.
    assert any(" DEBUG " in line for line in lines)
    assert any(" sync_finished " in line for line in lines)
    assert [line for line in lines if not LINE.match(line)] == []

    leaks = []
    for needle, what in sorted(_patient_data_of_the_demo_ward().items()):
        pattern = rf"(?<![A-Za-z0-9]){re.escape(needle)}(?![A-Za-z0-9])"
        for line in lines:
            if re.search(pattern, line):
                leaks.append(f"{what} {needle!r} in: {line[:300]}")
                break
    for pattern, what in _secrets_of_the_demo_ward().items():
        found = next((line for line in lines if re.search(pattern, line)), None)
        if found is not None:
            leaks.append(f"{what} in: {found[:300]}")
    assert leaks == [], "patient data or secrets in the demo's logs:\n" + "\n".join(leaks)


def test_a_crash_on_any_thread_reaches_the_log_file_as_one_line_without_its_message(
    tmp_path: Path,
) -> None:
    script = (
        "import threading\n"
        "from pathlib import Path\n"
        "from bedside.logs import configure_logging, log_uncaught_exceptions\n"
        f"configure_logging('INFO', Path({str(tmp_path)!r}), stderr=False)\n"
        "log_uncaught_exceptions()\n"
        "def worker():\n"
        "    raise KeyError('Dupont Marie 1948-02-29')\n"
        "thread = threading.Thread(target=worker, name='bedside-db')\n"
        "thread.start(); thread.join()\n"
        "raise ValueError('Dupont Marie 1948-02-29')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1
    lines = (tmp_path / LOG_FILE_NAME).read_text().splitlines()
    assert len(lines) == 2, lines
    assert " CRITICAL bedside.crash uncaught_exception thread=bedside-db exc=KeyError" in lines[0]
    assert " CRITICAL bedside.crash uncaught_exception thread=main exc=ValueError" in lines[1]
    assert "Dupont" not in "\n".join(lines)
