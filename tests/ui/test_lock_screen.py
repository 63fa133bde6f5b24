"""Each refused sign-in has its own plain sentence; the PIN field never shows the digits."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from bedside.services.session import SignInOutcome, SignInResult
from bedside.ui.i18n import Translations
from bedside.ui.lock_screen import LockScreen, result_text

REFUSED = [outcome for outcome in SignInOutcome if outcome != SignInOutcome.SIGNED_IN]
AT = datetime(2026, 11, 24, 9, 45, tzinfo=UTC)


@pytest.mark.parametrize("outcome", REFUSED)
def test_every_refused_sign_in_says_why_in_its_own_words(outcome: SignInOutcome) -> None:
    text = result_text(SignInResult(outcome=outcome, attempts_left=2, retry_at=AT))
    others = {
        result_text(SignInResult(outcome=o, attempts_left=2, retry_at=AT))
        for o in REFUSED
        if o != outcome
    }
    assert text.endswith(".")
    assert text not in others


def test_a_wrong_pin_says_how_many_attempts_are_left(qtbot: QtBot) -> None:
    Translations().switch("en")  # English plural forms come from its translation file too
    result = SignInResult(outcome=SignInOutcome.WRONG_PIN, attempts_left=2)
    assert "2 attempts left" in result_text(result)


def test_a_lock_out_says_until_when() -> None:
    result = SignInResult(outcome=SignInOutcome.LOCKED_OUT, retry_at=AT)
    assert "locked" in result_text(result)
    assert ":" in result_text(result).split("until")[-1]


def test_the_pin_field_hides_what_is_typed(qtbot: QtBot) -> None:
    screen = LockScreen()
    qtbot.addWidget(screen)
    assert screen.pin.echoMode() == QLineEdit.EchoMode.Password
