"""Every string on a staff screen exists in French, German and English, compiled and current.

The check is the one ``./run translations --check`` runs: the ``.ts`` files match the code (no
string added without being extracted), every message — each plural form included — is
translated, and each shipped ``.qm`` is compiled from its ``.ts``.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from bedside.ui.board import BoardModel
from bedside.ui.i18n import Translations
from tests.conftest import REPO

sys.path.insert(0, str(REPO / "tools"))
import translations


def test_every_string_is_translated_and_compiled() -> None:
    assert translations.check() == []


def test_switching_the_language_changes_the_board_headings(qapp: QApplication) -> None:
    languages = Translations()
    headings = {}
    for code in ("fr", "de", "en"):
        languages.switch(code)
        headings[code] = tuple(BoardModel().headers())
    assert len(set(headings.values())) == 3
    assert "Patient" in headings["en"]
