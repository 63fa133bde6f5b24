"""Guards against known faults of the Qt binding that the app depends on."""

from __future__ import annotations

import socket
import sys

from PySide6.QtCore import QSocketNotifier
from PySide6.QtWidgets import QApplication


def test_watching_a_socket_does_not_leak_references_to_none(qapp: QApplication) -> None:
    # qasync enables and disables a QSocketNotifier around every socket read and write.
    # PySide6 6.12.0 dropped a reference to None on each call, aborting the app after a few
    # thousand requests ("none_dealloc"); this must never ship again.
    reader, writer = socket.socketpair()
    try:
        notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read)
        before = sys.getrefcount(None)
        for _ in range(100):
            notifier.setEnabled(True)
            notifier.setEnabled(False)
        assert sys.getrefcount(None) - before >= 0
        notifier.deleteLater()
    finally:
        reader.close()
        writer.close()
