"""Rendering windows to PNG files, so anyone (and every review) can look at the screens."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget


def save_window(window: object, path: Path, size: tuple[int, int]) -> Path:
    """Resize ``window`` to ``size``, let Qt lay it out, and save what it draws to ``path``."""
    assert isinstance(window, QWidget)
    window.resize(*size)
    window.show()
    # Layout and paint requests are posted events; sendPostedEvents runs them synchronously
    # without re-entering the asyncio loop the way processEvents() would.
    QApplication.sendPostedEvents()
    if not window.grab().save(str(path)):
        raise OSError(f"could not write {path}")
    return path
