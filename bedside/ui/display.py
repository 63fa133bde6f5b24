"""Is there a screen to open a window on? Asked before Qt is, so a person gets a sentence.

Without a display, Qt's xcb platform plugin aborts the process with a message about plugins and
``libxcb-cursor0`` that says nothing about what to do. This module looks first, with the same
rules Qt uses to pick its platform, and says how to get a screen or how to do without one.
"""

from __future__ import annotations

import ctypes.util
import os
import sys
from collections.abc import Mapping

# Platforms that need no screen at all.
_HEADLESS_PLATFORMS = ("offscreen", "minimal", "vnc", "eglfs", "linuxfb")


def display_problem(
    environ: Mapping[str, str] | None = None, platform: str | None = None
) -> str | None:
    """None when a window can open here, else one paragraph saying why not and what to do."""
    environ = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    if not platform.startswith("linux"):
        return None  # Windows and macOS always have their own platform plugin
    requested = environ.get("QT_QPA_PLATFORM", "")
    if requested.startswith(_HEADLESS_PLATFORMS):
        return None
    if requested.startswith("wayland") and environ.get("WAYLAND_DISPLAY"):
        return None
    if not environ.get("DISPLAY") and not environ.get("WAYLAND_DISPLAY"):
        return (
            "There is no screen to open Bedside's window on (neither DISPLAY nor WAYLAND_DISPLAY "
            "is set). On a machine without a screen, start a virtual one — `Xvfb :99 &` then run "
            "again with DISPLAY=:99 — or render the screens to PNG files instead: "
            "QT_QPA_PLATFORM=offscreen bedside demo --screenshot DIR"
        )
    if ctypes.util.find_library("xcb-cursor") is None and not requested.startswith("wayland"):
        return (
            "Qt needs the xcb-cursor library to open a window on X11 and it is not installed: "
            "install libxcb-cursor0 (`./run demo` does so on Debian), or render the screens to "
            "PNG files instead: QT_QPA_PLATFORM=offscreen bedside demo --screenshot DIR"
        )
    return None
