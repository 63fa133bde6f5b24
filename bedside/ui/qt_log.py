"""Qt's own messages (warnings from plugins, layouts…) routed into Python logging.

Without this, Qt prints to stderr past our log format and filters. Messages are Qt's, not ours,
and carry no patient data; a few known-harmless ones from the offscreen platform go to DEBUG.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

log = logging.getLogger("qt")

# The offscreen platform plugin (screenshots, CI) cannot honour window size hints; harmless.
_HARMLESS = ("This plugin does not support propagateSizeHints()",)

_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _handler(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    level = logging.DEBUG if message in _HARMLESS else _LEVELS.get(kind, logging.WARNING)
    log.log(level, "qt_message text=%r", message)


def route_qt_messages_to_logging() -> None:
    """Install the handler (idempotent)."""
    qInstallMessageHandler(_handler)
