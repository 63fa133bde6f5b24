"""Process-wide facts and tuning the composition root uses once the app has started.

How long ago this process started (:func:`seconds_since_start`), so the log can say how long a
start took from the very first instruction — interpreter and imports included.

Python's cyclic garbage collector now and then walks every tracked object ("generation 2").
With a GUI toolkit, the models and the app loaded, that walk takes tens of milliseconds — on
whichever thread triggers it, holding the GIL, so the screen freezes. Objects alive after
start-up live as long as the process: :func:`settle_heap` moves them out of the collector's
sight (``gc.freeze``), so full collections only walk what was made since.
"""

from __future__ import annotations

import gc
import os


def settle_heap() -> int:
    """Collect once, then freeze every surviving object; return how many are frozen."""
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()


def seconds_since_start() -> float | None:
    """Seconds since this process was created, or None where the system does not say.

    Linux: the process's start in clock ticks since boot (``/proc/self/stat``, field 22) against
    the time since boot (``/proc/uptime``) — the interpreter's own start-up included.
    """
    try:
        with open("/proc/self/stat", encoding="ascii") as stat:
            # The command name (field 2) may hold spaces: count fields after its closing ")".
            fields = stat.read().rpartition(")")[2].split()
        with open("/proc/uptime", encoding="ascii") as uptime:
            since_boot = float(uptime.read().split()[0])
        started = int(fields[19]) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None
    return max(0.0, since_boot - started)
