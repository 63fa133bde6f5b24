"""The lock screen: badge + PIN sign-in, with a keypad big enough for gloved fingers.

Owns what a nurse sees while no one is signed in: the badge field (a keyboard-wedge reader types
into it and ends with Enter), the PIN field and keypad, and one plain sentence for every outcome
of a sign-in. It shows no patient data, ever. It does not decide anything: it hands badge and PIN
to the ``sign_in`` callable and shows the :class:`SignInResult` it gets back.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from bedside.services.session import SignInOutcome, SignInResult
from bedside.ui import i18n
from bedside.ui.i18n import translate
from bedside.ui.widgets import (
    Retranslatable,
    centred_card,
    plain_label,
    set_button_text,
    touch_button,
)

KEYPAD_PX = 72
PIN_MAX_DIGITS = 8


class LockScreen(Retranslatable, QWidget):
    """Badge and PIN; emits ``sign_in_requested(badge, pin)``."""

    sign_in_requested = Signal(str, str)

    def __init__(self, *, demo_credentials: tuple[str, str] | None = None) -> None:
        super().__init__()
        self.setObjectName("lockScreen")
        # Demo only: the synthetic nurse's badge and PIN, so anyone can try the workspace.
        self._demo_credentials = demo_credentials
        self._result: SignInResult | None = None
        self._busy = False

        card = centred_card(self, max_width=560, min_width=420)

        layout = QVBoxLayout(card)
        layout.setContentsMargins(32, 28, 32, 28)
        layout.setSpacing(12)
        self.heading = plain_label(name="heading")
        self.explain = plain_label(name="muted", wrap=True)
        layout.addWidget(self.heading)
        layout.addWidget(self.explain)

        self.badge = QLineEdit()
        self.badge.setObjectName("badgeField")
        self.badge.setMaxLength(64)
        self.badge.returnPressed.connect(self._badge_entered)
        self.pin = QLineEdit()
        self.pin.setObjectName("pinField")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(PIN_MAX_DIGITS)
        self.pin.setInputMethodHints(
            Qt.InputMethodHint.ImhDigitsOnly | Qt.InputMethodHint.ImhSensitiveData
        )
        self.pin.returnPressed.connect(self._submit)
        self.badge_label = plain_label()
        self.pin_label = plain_label()
        self.badge_label.setBuddy(self.badge)
        self.pin_label.setBuddy(self.pin)
        layout.addWidget(self.badge_label)
        layout.addWidget(self.badge)
        layout.addWidget(self.pin_label)
        layout.addWidget(self.pin)

        keypad = QGridLayout()
        keypad.setSpacing(8)
        self.digit_buttons: list[QPushButton] = []
        for index, digit in enumerate("123456789"):
            button = self._key(digit)
            keypad.addWidget(button, index // 3, index % 3)
        self.erase = touch_button(name="eraseDigit")
        self.erase.setMinimumHeight(KEYPAD_PX)
        self.erase.clicked.connect(self.pin.backspace)
        keypad.addWidget(self.erase, 3, 0)
        keypad.addWidget(self._key("0"), 3, 1)
        self.submit = touch_button(name="signIn", kind="primary")
        self.submit.setMinimumHeight(KEYPAD_PX)
        self.submit.clicked.connect(self._submit)
        keypad.addWidget(self.submit, 3, 2)
        layout.addLayout(keypad)

        self.message = plain_label(name="message", wrap=True)
        self.message.setProperty("tone", "danger")
        self.message.setAccessibleName("message")
        layout.addWidget(self.message)
        self.hint = plain_label(name="muted", wrap=True)
        layout.addWidget(self.hint)
        self.retranslate()

    def _key(self, digit: str) -> QPushButton:
        button = touch_button(digit, name=f"digit{digit}")
        button.setMinimumHeight(KEYPAD_PX)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the PIN field keeps the focus
        button.clicked.connect(lambda: self.pin.insert(digit))
        self.digit_buttons.append(button)
        return button

    # ----------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.heading.setText(translate("LockScreen", "Staff sign-in"))
        self.explain.setText(
            translate("LockScreen", "Scan your badge, or type its number, then enter your PIN.")
        )
        self.badge_label.setText(translate("LockScreen", "Badge"))
        self.pin_label.setText(translate("LockScreen", "PIN"))
        self.badge.setAccessibleName(translate("LockScreen", "Badge number"))
        self.badge.setPlaceholderText(translate("LockScreen", "Scan or type the badge"))
        self.pin.setAccessibleName(translate("LockScreen", "PIN"))
        self.pin.setPlaceholderText(translate("LockScreen", "PIN"))
        set_button_text(self.erase, "⌫", translate("LockScreen", "Erase the last digit"))
        set_button_text(self.submit, translate("LockScreen", "Sign in"))
        for button in self.digit_buttons:
            button.setAccessibleName(
                translate("LockScreen", "Digit %1").replace("%1", button.text())
            )
        if self._demo_credentials is not None:
            badge, pin = self._demo_credentials
            self.hint.setText(
                translate("LockScreen", "Demo ward: badge %1, PIN %2")
                .replace("%1", badge)
                .replace("%2", pin)
            )
        self.hint.setVisible(self._demo_credentials is not None)
        self._show_result_text()

    def reset(self, message: str = "") -> None:
        """Empty both fields (after a lock) and optionally say why the screen locked."""
        self.badge.clear()
        self.pin.clear()
        self._result = None
        self.set_busy(False)
        self._set_message(message, tone="ok" if message else "danger")
        self.badge.setFocus()

    def start_with_badge(self, badge: str) -> None:
        """A badge was read while the screen was locked: fill it and ask for the PIN."""
        self.badge.setText(badge)
        self.pin.clear()
        self.pin.setFocus()

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.submit.setEnabled(not busy)
        if busy:
            self._set_message(translate("LockScreen", "Checking…"), tone="ok")

    def show_result(self, result: SignInResult) -> None:
        self._result = result
        self.set_busy(False)
        self.pin.clear()
        self._show_result_text()
        if result.outcome == SignInOutcome.UNKNOWN_BADGE:
            self.badge.selectAll()
            self.badge.setFocus()
        else:
            self.pin.setFocus()

    def show_failure(self, text: str) -> None:
        self._result = None
        self.set_busy(False)
        self.pin.clear()
        self._set_message(text, tone="danger")

    def _show_result_text(self) -> None:
        if self._result is None:
            return
        self._set_message(result_text(self._result), tone="danger")

    def _set_message(self, text: str, *, tone: str) -> None:
        self.message.setText(text)
        self.message.setProperty("tone", tone)
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)

    def _badge_entered(self) -> None:
        if self.badge.text().strip():
            self.pin.setFocus()

    def _submit(self) -> None:
        if self._busy:
            return
        badge = self.badge.text().strip()
        pin = self.pin.text()
        if not badge:
            self._set_message(
                translate("LockScreen", "Scan your badge or type its number first."), tone="danger"
            )
            self.badge.setFocus()
            return
        if not pin:
            self._set_message(translate("LockScreen", "Enter your PIN."), tone="danger")
            self.pin.setFocus()
            return
        self.sign_in_requested.emit(badge, pin)


def _clock(moment: datetime | None) -> str:
    return i18n.time_text(moment) if moment is not None else "—"


def result_text(result: SignInResult) -> str:
    """One plain sentence for a refused sign-in."""
    outcome = result.outcome
    if outcome == SignInOutcome.WRONG_PIN:
        left = result.attempts_left
        if left is None:
            return translate("LockScreen", "Wrong PIN.")
        return translate(
            "LockScreen", "Wrong PIN. %n attempt(s) left before this badge is locked.", None, left
        )
    if outcome == SignInOutcome.UNKNOWN_BADGE:
        return translate(
            "LockScreen", "This badge is not known. Check the number, or ask the ward manager."
        )
    if outcome == SignInOutcome.LOCKED_OUT:
        return translate(
            "LockScreen", "Too many wrong PINs: this badge is locked on this tablet until %1."
        ).replace("%1", _clock(result.retry_at))
    if outcome == SignInOutcome.THROTTLED:
        return translate(
            "LockScreen", "Several wrong PINs: please wait until %1 before trying again."
        ).replace("%1", _clock(result.retry_at))
    if outcome == SignInOutcome.OFFLINE_NEVER_ONLINE_HERE:
        return translate(
            "LockScreen",
            "The EHR cannot be reached, and this badge has never signed in on this tablet "
            "while connected. Sign in once where the network works.",
        )
    if outcome == SignInOutcome.OFFLINE_EXPIRED:
        return translate(
            "LockScreen",
            "The EHR cannot be reached, and your last connected sign-in on this tablet is too "
            "old for an offline sign-in. Sign in where the network works.",
        )
    if outcome == SignInOutcome.EHR_UNAVAILABLE:
        return translate("LockScreen", "The EHR did not answer the sign-in. Try again in a moment.")
    return ""
