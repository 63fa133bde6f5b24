"""Where Bedside's log goes and what one line of it looks like.

Owns the process's logging set-up: the handlers on the root logger (stderr, and rotating files in
``log.dir``), the level, and the one line format every record is written in::

    2026-12-07T21:30:00.123+01:00 INFO bedside.sync.engine sync_started scope=ward/ward-3W

that is ``timestamp LEVEL logger event key=value…``: the local time in ISO 8601 with milliseconds
and the UTC offset, the level, the logger's name, then the message. Bedside's own messages start
with a stable event name (snake_case, dots allowed) followed by ``key=value`` pairs; text values
that may hold spaces are written with ``%r``. ``tests/test_logs.py`` holds every logging call in
``bedside/`` to that form.

**One line per event.** Line breaks and other control characters in a message are folded into
``\\n``-style escapes, so a record can never start a line of its own (nor forge one). An exception
is written as its type and where it was raised (``exc=KeyError where=bedside.services.ward:184``,
the innermost frame in Bedside's code, and ``cause=`` the type it was raised from); never its
message, which can quote data. Its traceback follows, folded into the same line, only when the
log level is DEBUG.

**No patient data.** Messages name events, resource types, counts and durations; httpx and
httpcore are held at WARNING whatever the level, because they log request URLs and a URL's query
can carry an identifier, and so is qasync, whose DEBUG lines quote the values handed to and from
worker threads.

Files: ``bedside.log`` in the directory, rotated by size (``log.max_file_mb``) keeping at most
``log.files`` files; the directory is created with mode 0700 and each file with 0600 (a log says
who used the tablet when). Settings are not read here: the composition root hands in plain values,
so this module imports nothing else of Bedside and can be set up before the settings are read,
then again with them (:func:`configure_logging` replaces its own handlers, never anyone else's).
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import re
import sys
import threading
import traceback
from datetime import UTC, datetime
from io import TextIOWrapper
from pathlib import Path
from types import TracebackType

LOG_FILE_NAME = "bedside.log"
DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024
DEFAULT_FILES = 5
# A record longer than this is cut (a runaway message must not fill a file by itself).
MAX_LINE_CHARS = 64 * 1024

# Held at WARNING whatever the level: httpx and httpcore write request URLs (a query can carry an
# identifier); qasync's DEBUG lines quote the arguments and results of work handed to threads
# (a decoded page of resources, a PIN's hash).
QUIET_LOGGERS = ("httpx", "httpcore", "qasync")

_LEVELS = {"DEBUG": logging.DEBUG, "INFO": logging.INFO, "WARNING": logging.WARNING}
_LEVELS.update({"ERROR": logging.ERROR, "CRITICAL": logging.CRITICAL})

# Everything that could end a line or steer a terminal: C0 and C1 controls, DEL, and Unicode's
# line and paragraph separators (str.splitlines() breaks on all of these).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _ESCAPES:
        return _ESCAPES[char]
    return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"


def fold(text: str) -> str:
    """``text`` on one line: line breaks become ``\\n``, other control characters ``\\xNN``."""
    folded = _UNSAFE.sub(_escape, text.replace("\r\n", "\n"))
    if len(folded) > MAX_LINE_CHARS:
        folded = folded[:MAX_LINE_CHARS] + "…(cut)"
    return folded


def _where(tb: TracebackType | None) -> str | None:
    """``module:line`` of the innermost frame in Bedside's code, else of the innermost frame."""
    innermost = None
    ours = None
    while tb is not None:
        module = str(tb.tb_frame.f_globals.get("__name__", "?"))
        innermost = f"{module}:{tb.tb_lineno}"
        if module == "bedside" or module.startswith("bedside."):
            ours = innermost
        tb = tb.tb_next
    return ours or innermost


class LineFormatter(logging.Formatter):
    """``timestamp LEVEL logger message [exc=… where=… [cause=…]] [traceback=…]``, on one line.

    ``tracebacks``: whether an exception's traceback (and a ``stack_info``) is written; only at
    DEBUG, because a traceback can quote values (a ``KeyError``'s key, a failed assertion).
    """

    def __init__(self, *, tracebacks: bool = False) -> None:
        super().__init__()
        self.tracebacks = tracebacks

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:  # noqa: N802
        moment = datetime.fromtimestamp(record.created, tz=UTC).astimezone()
        return moment.isoformat(timespec="milliseconds")

    def format(self, record: logging.LogRecord) -> str:
        parts = [self.formatTime(record), record.levelname, record.name, record.getMessage()]
        if record.exc_info and record.exc_info[1] is not None:
            exc = record.exc_info[1]
            parts.append(f"exc={type(exc).__name__}")
            where = _where(exc.__traceback__)
            if where is not None:
                parts.append(f"where={where}")
            cause = exc.__cause__ or (None if exc.__suppress_context__ else exc.__context__)
            if cause is not None:
                parts.append(f"cause={type(cause).__name__}")
            if self.tracebacks:
                text = "".join(traceback.format_exception(exc)).rstrip("\n")
                parts.append(f"traceback={text}")
        elif record.exc_text and self.tracebacks:
            parts.append(f"traceback={record.exc_text}")
        if record.stack_info and self.tracebacks:
            parts.append(f"stack={record.stack_info}")
        return fold(" ".join(parts))


class _PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating file handler whose files are created readable by this user only (0600)."""

    def _open(self) -> TextIOWrapper:
        def private(path: str, flags: int) -> int:
            return os.open(path, flags, 0o600)

        # The handler owns the stream and closes it (on rollover and at close()).
        stream = open(  # noqa: SIM115
            self.baseFilename, self.mode, encoding=self.encoding, errors=self.errors, opener=private
        )
        assert isinstance(stream, TextIOWrapper)
        return stream


# The handlers configure_logging installed, so a second call replaces exactly these.
_installed: list[logging.Handler] = []


def level_number(level: str) -> int:
    """``"INFO"`` → ``logging.INFO``; a :class:`ValueError` for a name that is not a level."""
    try:
        return _LEVELS[level.upper()]
    except KeyError:
        raise ValueError(f"not a log level: {level!r} (DEBUG, INFO, WARNING or ERROR)") from None


def configure_logging(
    level: str,
    directory: Path | None,
    *,
    verbose: bool = False,
    stderr: bool = True,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
    files: int = DEFAULT_FILES,
) -> Path | None:
    """Send the process's log to stderr and/or rotating files, at ``level``; idempotent.

    ``level``: a level name (``log.level``); ``verbose`` (``-v``) forces DEBUG. ``directory``
    (``log.dir``): where ``bedside.log`` is written, rotated when it would pass
    ``max_file_bytes``, keeping ``files`` files in all (the current one included, at least 2);
    None: no files. ``stderr``: also write to standard error. Calling it again replaces the
    handlers an earlier call installed (and closes their files); handlers others added to the
    root logger (pytest's, say) are left alone. Returns the log file's path, or None.

    Raises :class:`OSError` when the directory cannot be created or the file opened, and
    :class:`ValueError` for an unknown level or ``files`` < 2 — before anything is changed.
    """
    number = logging.DEBUG if verbose else level_number(level)
    if files < 2:
        raise ValueError("files must be at least 2 (the current file and one older)")
    if max_file_bytes < 1:
        raise ValueError("max_file_bytes must be positive")
    formatter = LineFormatter(tracebacks=number <= logging.DEBUG)
    handlers: list[logging.Handler] = []
    path = None
    if directory is not None:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        path = directory / LOG_FILE_NAME
        handlers.append(
            _PrivateRotatingFileHandler(
                path, maxBytes=max_file_bytes, backupCount=files - 1, encoding="utf-8"
            )
        )
    if stderr:
        handlers.append(logging.StreamHandler(sys.stderr))
    for handler in handlers:
        handler.setFormatter(formatter)
        handler.setLevel(number)

    root = logging.getLogger()
    for old in _installed:
        root.removeHandler(old)
        old.close()
    _installed[:] = handlers
    for handler in handlers:
        root.addHandler(handler)
    root.setLevel(number)
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(max(number, logging.WARNING))
    return path


def log_uncaught_exceptions() -> None:
    """Uncaught exceptions, on any thread, become one ``uncaught_exception`` line in the log.

    Without this they reach only stderr, as multi-line tracebacks whose messages may quote data,
    and never the files IT collects. The line follows the rules above (type and where; the
    traceback only at DEBUG). Ctrl+C keeps Python's own handling.
    """
    crash_log = logging.getLogger("bedside.crash")

    def on_main_thread(
        kind: type[BaseException], error: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, tb)
            return
        crash_log.critical("uncaught_exception thread=main", exc_info=(kind, error, tb))

    def on_other_thread(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None:
            return
        name = args.thread.name if args.thread is not None else "?"
        crash_log.critical(
            "uncaught_exception thread=%s",
            name,
            exc_info=(args.exc_type, args.exc_value, args.exc_traceback),
        )

    sys.excepthook = on_main_thread
    threading.excepthook = on_other_thread


__all__ = [
    "DEFAULT_FILES",
    "DEFAULT_MAX_FILE_BYTES",
    "LOG_FILE_NAME",
    "LineFormatter",
    "configure_logging",
    "fold",
    "level_number",
    "log_uncaught_exceptions",
]
