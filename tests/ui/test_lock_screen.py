"""Each refused sign-in has its own plain sentence; PINs and passwords are never shown; the
directory's steps (password, then a new PIN typed twice) hand over what was typed once."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from bedside.services.session import (
    SignInOutcome,
    SignInResult,
    SignInService,
    SignInStep,
    StaffMember,
)
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


# Directory sign-in and "not set up" ----------------------------------------------------------

NURSE = StaffMember("nurse-1", "Aline Martin", "Nurse", "B700101")


@pytest.mark.parametrize("outcome", REFUSED)
def test_every_refused_directory_sign_in_says_why_in_its_own_words(outcome: SignInOutcome) -> None:
    def text(o: SignInOutcome) -> str:
        return result_text(
            SignInResult(o, attempts_left=2, retry_at=AT, service=SignInService.DIRECTORY)
        )

    assert text(outcome).endswith(".")
    assert text(outcome) not in {text(o) for o in REFUSED if o != outcome}


@pytest.mark.parametrize("service", list(SignInService))
def test_sign_in_not_set_up_says_so_and_never_that_the_badge_is_unknown(
    service: SignInService,
) -> None:
    text = result_text(SignInResult(SignInOutcome.NOT_SET_UP, service=service))
    unknown = result_text(SignInResult(SignInOutcome.UNKNOWN_BADGE, service=service))
    assert "not set up" in text
    assert "contact IT" in text
    assert text != unknown
    assert "not known" not in text


def test_an_ehr_without_sign_in_gets_the_sentence_it_was_asked_for() -> None:
    text = result_text(SignInResult(SignInOutcome.NOT_SET_UP, service=SignInService.EHR))
    assert text == "Staff sign-in is not set up for this EHR — contact IT."


def test_the_directory_is_named_when_it_is_down(qtbot: QtBot) -> None:
    down = SignInResult(SignInOutcome.OFFLINE_NEVER_ONLINE_HERE, service=SignInService.DIRECTORY)
    assert "hospital directory" in result_text(down)
    assert "EHR" not in result_text(down)


def test_the_ehr_lock_screen_has_no_password_way_in(qtbot: QtBot) -> None:
    screen = LockScreen()
    qtbot.addWidget(screen)
    screen.show()
    assert screen.use_password.isHidden()
    with qtbot.assertNotEmitted(screen.badge_entered):
        screen.start_with_badge("B700101")


def test_a_badge_read_on_a_directory_tablet_asks_which_step_it_needs(qtbot: QtBot) -> None:
    screen = LockScreen(uses_passwords=True)
    qtbot.addWidget(screen)
    screen.show()
    assert not screen.use_password.isHidden()
    with qtbot.waitSignal(screen.badge_entered) as asked:
        screen.start_with_badge(" B700101 ")
    assert asked.args == ["B700101"]
    screen.show_step(SignInStep.PASSWORD)
    assert screen.step == "password"


def test_the_password_step_masks_the_password_and_hands_it_over_once(qtbot: QtBot) -> None:
    screen = LockScreen(uses_passwords=True)
    qtbot.addWidget(screen)
    screen.show()
    screen.badge.setText("B700101")
    screen.show_result(SignInResult(SignInOutcome.PASSWORD_NEEDED, service=SignInService.DIRECTORY))
    assert screen.step == "password"
    assert screen.password.echoMode() == QLineEdit.EchoMode.Password
    assert screen.badge.isReadOnly()
    assert screen.keypad.isHidden()
    assert screen.step_submit.minimumHeight() >= 48
    assert screen.back.minimumHeight() >= 48
    screen.password.setText("Pivoine-Lune-42")
    with qtbot.waitSignal(screen.password_entered) as sent:
        screen.step_submit.click()
    assert sent.args == ["B700101", "Pivoine-Lune-42"]
    assert screen.password.text() == ""  # nothing kept on screen after it is sent


def test_after_the_password_the_new_pin_is_typed_twice_on_the_keypad(qtbot: QtBot) -> None:
    screen = LockScreen(uses_passwords=True, pin_min_length=6)
    qtbot.addWidget(screen)
    screen.show()
    screen.badge.setText("B700101")
    screen.show_result(
        SignInResult(
            SignInOutcome.CHOOSE_PIN,
            staff=NURSE,
            offline_until=AT,
            service=SignInService.DIRECTORY,
            pin_min_length=6,
        )
    )
    assert screen.step == "choose_pin"
    assert "Aline Martin" in screen.explain.text()
    for field in (screen.new_pin, screen.new_pin_again):
        assert field.echoMode() == QLineEdit.EchoMode.Password
    for digit in "482913":
        screen.digit_buttons["1234567890".index(digit)].click()
    assert len(screen.new_pin.text()) == 6
    for digit in "482913":  # the first field is full: the keypad fills the second
        screen.digit_buttons["1234567890".index(digit)].click()
    assert len(screen.new_pin_again.text()) == 6
    with qtbot.waitSignal(screen.pin_chosen) as chosen:
        screen.step_submit.click()
    assert chosen.args == ["B700101", "482913", "482913"]
    assert screen.new_pin.text() == screen.new_pin_again.text() == ""


def test_two_different_pins_keep_the_choose_step_and_say_so(qtbot: QtBot) -> None:
    screen = LockScreen(uses_passwords=True)
    qtbot.addWidget(screen)
    result = SignInResult(SignInOutcome.PIN_MISMATCH, staff=NURSE, service=SignInService.DIRECTORY)
    screen.show_result(result)
    assert screen.step == "choose_pin"
    assert screen.message.text() == result_text(result)


def test_back_returns_to_the_badge_with_nothing_kept(qtbot: QtBot) -> None:
    screen = LockScreen(uses_passwords=True)
    qtbot.addWidget(screen)
    screen.badge.setText("B700101")
    screen.show_result(SignInResult(SignInOutcome.PASSWORD_NEEDED, service=SignInService.DIRECTORY))
    screen.password.setText("half typed")
    screen.back.click()
    assert screen.step == "pin"
    assert screen.badge.text() == screen.password.text() == ""
    assert not screen.badge.isReadOnly()


def test_the_directory_being_down_sends_a_nurse_with_a_pin_back_to_it(qtbot: QtBot) -> None:
    screen = LockScreen(uses_passwords=True)
    qtbot.addWidget(screen)
    screen.show_result(SignInResult(SignInOutcome.PASSWORD_NEEDED, service=SignInService.DIRECTORY))
    screen.show_result(SignInResult(SignInOutcome.OFFLINE_USE_PIN, service=SignInService.DIRECTORY))
    assert screen.step == "pin"
