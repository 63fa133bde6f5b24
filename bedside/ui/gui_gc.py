"""Python's cycle collector runs on the GUI thread only.

Owns one process-wide rule: Qt objects must be destroyed on the thread that owns them. The cycle
collector runs on whichever thread happens to allocate when a threshold is crossed — here often
the cache's worker thread or the HTTP stack — and a widget caught in a reference cycle (a lambda
slot holding its owner, a dropped list row) would then be destroyed there: Qt warns "Timers cannot
be stopped from another thread" and may crash. pyqtgraph's :class:`GarbageCollector` turns the
automatic collector off and runs the same generational collections from a GUI-thread timer.
"""

from __future__ import annotations

from pyqtgraph.util.garbage_collector import (  # type: ignore[import-untyped]
    GarbageCollector,
)

_collector: GarbageCollector | None = None


def collect_garbage_on_the_gui_thread(interval_s: float = 1.0) -> None:
    """Start collecting cycles from a GUI-thread timer (once per process; needs a QApplication)."""
    global _collector
    if _collector is None:
        _collector = GarbageCollector(interval=interval_s)
