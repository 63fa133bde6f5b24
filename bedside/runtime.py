"""Process-wide tuning the composition root applies once the app has started.

Python's cyclic garbage collector now and then walks every tracked object ("generation 2").
With a GUI toolkit, the models and the app loaded, that walk takes tens of milliseconds — on
whichever thread triggers it, holding the GIL, so the screen freezes. Objects alive after
start-up live as long as the process: :func:`settle_heap` moves them out of the collector's
sight (``gc.freeze``), so full collections only walk what was made since.
"""

from __future__ import annotations

import gc


def settle_heap() -> int:
    """Collect once, then freeze every surviving object; return how many are frozen."""
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()
