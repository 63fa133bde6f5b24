"""The lock screen: badge sign-in, with a keypad big enough for gloved fingers.

Owns what a nurse sees while no one is signed in, in up to three steps:

* **PIN** (always): the badge field (a keyboard-wedge reader types into it and ends with Enter),
  the PIN field and keypad;
* **password** (directory sign-in, the first sign-in of a shift): the badge, read-only, and the
  hospital account's password, masked;
* **choose a PIN** (directory sign-in, after the password): the new PIN twice, with the keypad.

And one plain sentence for every outcome. It shows no patient data, ever. It does not decide
anything: it hands badge and PIN (``sign_in_requested``), badge and password
(``password_entered``) or the new PIN twice (``pin_chosen``) to the window, asks it which step a
badge needs (``badge_entered``, directory sign-in only), and shows the
:class:`SignInResult` or :class:`SignInStep` it gets back. Neither PIN nor password is ever
logged, kept after a step, or shown: both fields are masked and emptied after every answer.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from bedside.services.session import SignInOutcome, SignInResult, SignInService, SignInStep
from bedside.ui import i18n
from bedside.ui.i18n import translate
from bedside.ui.widgets import (
    Retranslatable,
    centred_card,
    plain_label,
    set_button_text,
    touch_button,
)

# Above the 48 px touch minimum; the card with 4 rows of keys must fit a 1280x800 window under
# the header and the sync strip (a larger key pushed the last row off the screen).
KEYPAD_PX = 52
PIN_MAX_DIGITS = 8
PASSWORD_MAX = 256

STEP_PIN = "pin"
STEP_PASSWORD = "password"  # noqa: S105 -- a step's name
STEP_CHOOSE_PIN = "choose_pin"

# Outcomes that are a question (the next step), not a refusal: said in the neutral tone.
_PROMPTS = frozenset(
    {SignInOutcome.PASSWORD_NEEDED, SignInOutcome.CHOOSE_PIN, SignInOutcome.OFFLINE_USE_PIN}
)


def _secret_field(name: str, *, digits: bool, max_length: int) -> QLineEdit:
    field = QLineEdit()
    field.setObjectName(name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setMaxLength(max_length)
    hints = Qt.InputMethodHint.ImhSensitiveData | Qt.InputMethodHint.ImhNoPredictiveText
    if digits:
        hints |= Qt.InputMethodHint.ImhDigitsOnly
    else:
        hints |= Qt.InputMethodHint.ImhNoAutoUppercase | Qt.InputMethodHint.ImhHiddenText
    field.setInputMethodHints(hints)
    return field


class LockScreen(Retranslatable, QWidget):
    """Badge and PIN (and, for directory sign-in, password and a new PIN)."""

    sign_in_requested = Signal(str, str)  # badge, PIN
    password_entered = Signal(str, str)  # badge, password
    pin_chosen = Signal(str, str, str)  # badge, new PIN, the same again
    badge_entered = Signal(str)  # directory sign-in: which step does this badge need?

    def __init__(
        self,
        *,
        demo_credentials: tuple[str, str] | None = None,
        uses_passwords: bool = False,
        pin_min_length: int = 6,
    ) -> None:
        super().__init__()
        self.setObjectName("lockScreen")
        # Demo only: the synthetic nurse's badge and PIN, so anyone can try the workspace.
        self._demo_credentials = demo_credentials
        self._uses_passwords = uses_passwords
        self._pin_min_length = pin_min_length
        self._result: SignInResult | None = None
        self._busy = False
        self._step = STEP_PIN
        self._greeted: str | None = None  # the name the choose-PIN step greets
        self._pin_until: datetime | None = None  # until when the PIN being chosen works

        card = centred_card(self, max_width=560, min_width=420)

        layout = QVBoxLayout(card)
        layout.setContentsMargins(28, 20, 28, 20)
        layout.setSpacing(8)
        self.heading = plain_label(name="heading", wrap=True)
        self.explain = plain_label(name="muted", wrap=True)
        layout.addWidget(self.heading)
        layout.addWidget(self.explain)

        self.badge = QLineEdit()
        self.badge.setObjectName("badgeField")
        self.badge.setMaxLength(64)
        self.badge.returnPressed.connect(self._badge_entered)
        self.badge_label = plain_label()
        self.badge_label.setBuddy(self.badge)
        layout.addWidget(self.badge_label)
        layout.addWidget(self.badge)

        # PIN step
        self.pin = _secret_field("pinField", digits=True, max_length=PIN_MAX_DIGITS)
        self.pin.returnPressed.connect(self._submit)
        self.pin_label = plain_label()
        self.pin_label.setBuddy(self.pin)
        layout.addWidget(self.pin_label)
        layout.addWidget(self.pin)

        # Password step
        self.password = _secret_field("passwordField", digits=False, max_length=PASSWORD_MAX)
        self.password.returnPressed.connect(self._submit)
        self.password_label = plain_label()
        self.password_label.setBuddy(self.password)
        layout.addWidget(self.password_label)
        layout.addWidget(self.password)

        # Choose-PIN step: the new PIN and the same again, side by side.
        self.new_pin = _secret_field("newPinField", digits=True, max_length=PIN_MAX_DIGITS)
        self.new_pin_again = _secret_field(
            "newPinAgainField", digits=True, max_length=PIN_MAX_DIGITS
        )
        self.new_pin.returnPressed.connect(self.new_pin_again.setFocus)
        self.new_pin_again.returnPressed.connect(self._submit)
        self.new_pin_label = plain_label(wrap=True)
        self.new_pin_label.setBuddy(self.new_pin)
        self.new_pin_again_label = plain_label(wrap=True)
        self.new_pin_again_label.setBuddy(self.new_pin_again)
        self.choose_row = QWidget()
        choose = QGridLayout(self.choose_row)
        choose.setContentsMargins(0, 0, 0, 0)
        choose.setHorizontalSpacing(12)
        choose.addWidget(self.new_pin_label, 0, 0)
        choose.addWidget(self.new_pin_again_label, 0, 1)
        choose.addWidget(self.new_pin, 1, 0)
        choose.addWidget(self.new_pin_again, 1, 1)
        choose.setColumnStretch(0, 1)
        choose.setColumnStretch(1, 1)
        layout.addWidget(self.choose_row)

        self.keypad = QWidget()
        keypad = QGridLayout(self.keypad)
        keypad.setContentsMargins(0, 0, 0, 0)
        keypad.setSpacing(6)
        self.digit_buttons: list[QPushButton] = []
        for index, digit in enumerate("123456789"):
            button = self._key(digit)
            keypad.addWidget(button, index // 3, index % 3)
        self.erase = touch_button(name="eraseDigit")
        self.erase.setMinimumHeight(KEYPAD_PX)
        self.erase.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.erase.clicked.connect(lambda: self._pin_target().backspace())
        keypad.addWidget(self.erase, 3, 0)
        keypad.addWidget(self._key("0"), 3, 1)
        self.submit = touch_button(name="signIn", kind="primary")
        self.submit.setMinimumHeight(KEYPAD_PX)
        self.submit.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.submit.clicked.connect(self._submit)
        keypad.addWidget(self.submit, 3, 2)
        for column in range(3):
            keypad.setColumnStretch(column, 1)
        layout.addWidget(self.keypad)

        # Password step's buttons, and the way back from the directory's steps.
        self.step_actions = QWidget()
        actions = QHBoxLayout(self.step_actions)
        actions.setContentsMargins(0, 0, 0, 0)
        actions.setSpacing(8)
        self.back = touch_button(name="backToBadge")
        self.back.clicked.connect(self._back)
        # "Sign in" after the password, "Save PIN" after the new PIN: words too long for a key.
        self.step_submit = touch_button(name="submitStep", kind="primary")
        self.step_submit.clicked.connect(self._submit)
        actions.addWidget(self.back, 1)
        actions.addWidget(self.step_submit, 2)
        layout.addWidget(self.step_actions)

        # Directory sign-in, PIN step: a forgotten PIN, or a new shift before the old one ended.
        self.use_password = touch_button(name="usePassword", kind="quiet")
        self.use_password.clicked.connect(self._ask_password)
        layout.addWidget(self.use_password)

        self.message = plain_label(name="message", wrap=True)
        self.message.setProperty("tone", "danger")
        self.message.setAccessibleName("message")
        layout.addWidget(self.message)
        self.hint = plain_label(name="muted", wrap=True)
        layout.addWidget(self.hint)
        self._show_step(STEP_PIN)
        self.retranslate()

    def _key(self, digit: str) -> QPushButton:
        button = touch_button(digit, name=f"digit{digit}")
        button.setMinimumHeight(KEYPAD_PX)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the PIN field keeps the focus
        button.clicked.connect(lambda: self._pin_target().insert(digit))
        self.digit_buttons.append(button)
        return button

    def _pin_target(self) -> QLineEdit:
        """The PIN field the keypad types into: the PIN, or the new PIN field that has focus."""
        if self._step != STEP_CHOOSE_PIN:
            return self.pin
        focused = QApplication.focusWidget()
        if focused is self.new_pin_again:
            return self.new_pin_again
        if focused is not self.new_pin and len(self.new_pin.text()) >= self._pin_min_length:
            return self.new_pin_again
        return self.new_pin

    def configure(self, *, uses_passwords: bool, pin_min_length: int | None = None) -> None:
        """Directory sign-in or not (the screenshots show both on one window)."""
        self._uses_passwords = uses_passwords
        if pin_min_length is not None:
            self._pin_min_length = pin_min_length
        self.reset()

    @property
    def step(self) -> str:
        """The step on screen: ``pin``, ``password`` or ``choose_pin``."""
        return self._step

    # ----------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.badge_label.setText(translate("LockScreen", "Badge"))
        self.pin_label.setText(translate("LockScreen", "PIN"))
        self.password_label.setText(translate("LockScreen", "Password of your hospital account"))
        self.new_pin_label.setText(translate("LockScreen", "New PIN"))
        self.new_pin_again_label.setText(translate("LockScreen", "The same PIN again"))
        self.badge.setAccessibleName(translate("LockScreen", "Badge number"))
        self.badge.setPlaceholderText(translate("LockScreen", "Scan or type the badge"))
        self.pin.setAccessibleName(translate("LockScreen", "PIN"))
        self.pin.setPlaceholderText(translate("LockScreen", "PIN"))
        self.password.setAccessibleName(translate("LockScreen", "Password"))
        self.password.setPlaceholderText(translate("LockScreen", "Password"))
        self.new_pin.setAccessibleName(translate("LockScreen", "New PIN"))
        self.new_pin_again.setAccessibleName(translate("LockScreen", "The same PIN again"))
        set_button_text(self.erase, "⌫", translate("LockScreen", "Erase the last digit"))
        set_button_text(self.submit, translate("LockScreen", "Sign in"))
        if self._step == STEP_CHOOSE_PIN:
            set_button_text(self.step_submit, translate("LockScreen", "Save PIN"))
        else:
            set_button_text(self.step_submit, translate("LockScreen", "Sign in"))
        set_button_text(self.back, translate("LockScreen", "Back"))
        set_button_text(self.use_password, translate("LockScreen", "Sign in with my password"))
        for button in self.digit_buttons:
            button.setAccessibleName(
                translate("LockScreen", "Digit %1").replace("%1", button.text())
            )
        self._set_texts()
        if self._demo_credentials is not None:
            badge, pin = self._demo_credentials
            self.hint.setText(
                translate("LockScreen", "Demo ward: badge %1, PIN %2")
                .replace("%1", badge)
                .replace("%2", pin)
            )
        self.hint.setVisible(self._demo_credentials is not None and self._step == STEP_PIN)
        self._show_result_text()

    def _set_texts(self) -> None:
        if self._step == STEP_PASSWORD:
            self.heading.setText(translate("LockScreen", "First sign-in of your shift"))
            self.explain.setText(
                translate(
                    "LockScreen",
                    "Enter the password of your hospital account. Then you choose a PIN for "
                    "this tablet, for the rest of your shift.",
                )
            )
        elif self._step == STEP_CHOOSE_PIN:
            self.heading.setText(translate("LockScreen", "Choose a PIN for this tablet"))
            # lupdate finds a plural call only when its count is a plain name.
            digits = self._pin_min_length
            explain = translate(
                "LockScreen", "At least %n digit(s), twice. Not 0000 or 1234.", None, digits
            )
            if self._pin_until is not None:
                explain += " " + translate(
                    "LockScreen", "It works on this tablet until %1."
                ).replace("%1", _clock(self._pin_until))
            if self._greeted:
                explain = f"{self._greeted} · {explain}"
            self.explain.setText(explain)
        else:
            self.heading.setText(translate("LockScreen", "Staff sign-in"))
            if self._uses_passwords:
                self.explain.setText(
                    translate(
                        "LockScreen",
                        "Scan your badge, then your PIN for this tablet. First sign-in of a "
                        "shift: your hospital password.",
                    )
                )
            else:
                self.explain.setText(
                    translate(
                        "LockScreen", "Scan your badge, or type its number, then enter your PIN."
                    )
                )

    def _show_step(self, step: str) -> None:
        self._step = step
        pin_step = step == STEP_PIN
        password_step = step == STEP_PASSWORD
        choose_step = step == STEP_CHOOSE_PIN
        self.badge.setReadOnly(not pin_step)
        # The PIN step names its two fields by their placeholders (and accessible names): the room
        # goes to the keypad. The other steps show every label.
        self.badge_label.setVisible(not pin_step and not choose_step)
        # Choosing a PIN greets the person by name instead: the badge is settled by then, and the
        # two PIN fields and the keypad need the room on a landscape tablet.
        self.badge.setVisible(not choose_step)
        self.pin_label.setVisible(False)
        self.pin.setVisible(pin_step)
        self.password_label.setVisible(password_step)
        self.password.setVisible(password_step)
        self.choose_row.setVisible(choose_step)
        self.keypad.setVisible(not password_step)
        self.step_actions.setVisible(not pin_step)
        self.submit.setVisible(pin_step)
        self.use_password.setVisible(pin_step and self._uses_passwords)
        for field in (self.pin, self.password, self.new_pin, self.new_pin_again):
            field.clear()
        if password_step:
            self.password.setFocus()
        elif choose_step:
            self.new_pin.setFocus()
        self.retranslate()

    def reset(self, message: str = "") -> None:
        """Back to the first step with empty fields (after a lock); maybe say why it locked."""
        self.badge.clear()
        self._result = None
        self._greeted = None
        self._pin_until = None
        self._show_step(STEP_PIN)
        self.set_busy(False)
        self._set_message(message, tone="ok" if message else "danger")
        self.badge.setFocus()

    def start_with_badge(self, badge: str) -> None:
        """A badge was read while the screen was locked: fill it and ask for what it needs."""
        if self._step != STEP_PIN:
            self._show_step(STEP_PIN)
        self.badge.setText(badge)
        self.pin.clear()
        self.pin.setFocus()
        if self._uses_passwords and badge.strip():
            self.badge_entered.emit(badge.strip())

    def show_step(self, step: SignInStep) -> None:
        """The window's answer to ``badge_entered``: the PIN or the password step."""
        if self._busy or self._step == STEP_CHOOSE_PIN:
            return
        wanted = STEP_PASSWORD if step == SignInStep.PASSWORD else STEP_PIN
        if wanted != self._step:
            self._show_step(wanted)
        if wanted == STEP_PIN:
            self.pin.setFocus()

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        for button in (self.submit, self.step_submit, self.back, self.use_password):
            button.setEnabled(not busy)
        if busy:
            self._set_message(translate("LockScreen", "Checking…"), tone="ok")

    def show_result(self, result: SignInResult) -> None:
        self._result = result
        self.set_busy(False)
        outcome = result.outcome
        if outcome == SignInOutcome.PASSWORD_NEEDED:
            self._show_step(STEP_PASSWORD)
        elif outcome in (SignInOutcome.CHOOSE_PIN, SignInOutcome.PIN_SETUP_EXPIRED):
            if outcome == SignInOutcome.CHOOSE_PIN:
                self._greeted = result.staff.name if result.staff is not None else None
                self._pin_until = result.offline_until
                if result.pin_min_length is not None:
                    self._pin_min_length = result.pin_min_length
                self._show_step(STEP_CHOOSE_PIN)
            else:
                self._show_step(STEP_PASSWORD)
        elif outcome in (SignInOutcome.PIN_MISMATCH, SignInOutcome.PIN_TOO_WEAK):
            self._show_step(STEP_CHOOSE_PIN)
        elif outcome == SignInOutcome.OFFLINE_USE_PIN:
            self._show_step(STEP_PIN)
        for field in (self.pin, self.password, self.new_pin, self.new_pin_again):
            field.clear()
        self._show_result_text()
        if outcome == SignInOutcome.UNKNOWN_BADGE:
            if self._step != STEP_PIN:
                self._show_step(STEP_PIN)
                self._show_result_text()
            self.badge.selectAll()
            self.badge.setFocus()
        elif self._step == STEP_PASSWORD:
            self.password.setFocus()
        elif self._step == STEP_CHOOSE_PIN:
            self.new_pin.setFocus()
        else:
            self.pin.setFocus()

    def show_failure(self, text: str) -> None:
        self._result = None
        self.set_busy(False)
        for field in (self.pin, self.password, self.new_pin, self.new_pin_again):
            field.clear()
        self._set_message(text, tone="danger")

    def _show_result_text(self) -> None:
        if self._result is None:
            return
        tone = "ok" if self._result.outcome in _PROMPTS else "danger"
        self._set_message(result_text(self._result), tone=tone)

    def _set_message(self, text: str, *, tone: str) -> None:
        self.message.setText(text)
        self.message.setProperty("tone", tone)
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)

    def _badge_entered(self) -> None:
        badge = self.badge.text().strip()
        if not badge or self._step != STEP_PIN:
            return
        self.pin.setFocus()
        if self._uses_passwords:
            self.badge_entered.emit(badge)

    def _ask_password(self) -> None:
        if self._busy:
            return
        if not self.badge.text().strip():
            self._set_message(
                translate("LockScreen", "Scan your badge or type its number first."), tone="danger"
            )
            self.badge.setFocus()
            return
        self._result = None
        self._set_message("", tone="ok")
        self._show_step(STEP_PASSWORD)

    def _back(self) -> None:
        """Leave the password or choose-PIN step: back to the badge, nothing kept."""
        if self._busy:
            return
        self.reset()

    def _submit(self) -> None:
        if self._busy:
            return
        badge = self.badge.text().strip()
        if not badge:
            self._set_message(
                translate("LockScreen", "Scan your badge or type its number first."), tone="danger"
            )
            self.badge.setFocus()
            return
        if self._step == STEP_PASSWORD:
            password = self.password.text()
            if not password:
                self._set_message(translate("LockScreen", "Enter your password."), tone="danger")
                self.password.setFocus()
                return
            self.password.clear()
            self.password_entered.emit(badge, password)
            return
        if self._step == STEP_CHOOSE_PIN:
            pin, again = self.new_pin.text(), self.new_pin_again.text()
            if not pin or not again:
                self._set_message(
                    translate("LockScreen", "Enter the new PIN in both fields."), tone="danger"
                )
                (self.new_pin if not pin else self.new_pin_again).setFocus()
                return
            self.new_pin.clear()
            self.new_pin_again.clear()
            self.pin_chosen.emit(badge, pin, again)
            return
        pin = self.pin.text()
        if not pin:
            self._set_message(translate("LockScreen", "Enter your PIN."), tone="danger")
            self.pin.setFocus()
            return
        self.sign_in_requested.emit(badge, pin)


def _clock(moment: datetime | None) -> str:
    return i18n.time_text(moment) if moment is not None else "—"


def result_text(result: SignInResult) -> str:
    """One plain sentence for a sign-in that did not (yet) sign anyone in."""
    outcome = result.outcome
    directory = result.service == SignInService.DIRECTORY
    if outcome == SignInOutcome.WRONG_PIN:
        left = result.attempts_left
        if left is None:
            return translate("LockScreen", "Wrong PIN.")
        return translate(
            "LockScreen", "Wrong PIN. %n attempt(s) left before this badge is locked.", None, left
        )
    if outcome == SignInOutcome.WRONG_PASSWORD:
        left = result.attempts_left
        if left is None:
            return translate("LockScreen", "Wrong password.")
        return translate(
            "LockScreen",
            "Wrong password. %n attempt(s) left before this badge is locked.",
            None,
            left,
        )
    if outcome == SignInOutcome.UNKNOWN_BADGE:
        return translate(
            "LockScreen", "This badge is not known. Check the number, or ask the ward manager."
        )
    if outcome == SignInOutcome.LOCKED_OUT:
        return translate(
            "LockScreen", "Too many failed attempts: this badge is locked on this tablet until %1."
        ).replace("%1", _clock(result.retry_at))
    if outcome == SignInOutcome.THROTTLED:
        return translate(
            "LockScreen", "Several failed attempts: please wait until %1 before trying again."
        ).replace("%1", _clock(result.retry_at))
    if outcome == SignInOutcome.OFFLINE_NEVER_ONLINE_HERE:
        if directory:
            return translate(
                "LockScreen",
                "The hospital directory cannot be reached to check your password, and this "
                "badge has no PIN on this tablet yet. Try again when the network works.",
            )
        return translate(
            "LockScreen",
            "The EHR cannot be reached, and this badge has never signed in on this tablet "
            "while connected. Sign in once where the network works.",
        )
    if outcome == SignInOutcome.OFFLINE_EXPIRED:
        if directory:
            return translate(
                "LockScreen",
                "The hospital directory cannot be reached, and the PIN you chose on this tablet "
                "ended with your last shift. Try again when the network works.",
            )
        return translate(
            "LockScreen",
            "The EHR cannot be reached, and your last connected sign-in on this tablet is too "
            "old for an offline sign-in. Sign in where the network works.",
        )
    if outcome == SignInOutcome.OFFLINE_USE_PIN:
        return translate(
            "LockScreen",
            "The hospital directory cannot be reached: sign in with the PIN you chose on this "
            "tablet.",
        )
    if outcome == SignInOutcome.EHR_UNAVAILABLE:
        if directory:
            return translate(
                "LockScreen", "The hospital directory did not check the sign-in. Try again."
            )
        return translate("LockScreen", "The EHR did not answer the sign-in. Try again in a moment.")
    if outcome == SignInOutcome.NOT_SET_UP:
        if directory:
            return translate(
                "LockScreen",
                "Staff sign-in through the hospital directory is not set up on this tablet — "
                "contact IT.",
            )
        return translate("LockScreen", "Staff sign-in is not set up for this EHR — contact IT.")
    if outcome == SignInOutcome.PASSWORD_NEEDED:
        if result.offline_until is not None:
            return translate(
                "LockScreen",
                "Your PIN on this tablet ended with your last shift: enter your password.",
            )
        return translate(
            "LockScreen", "First sign-in of your shift on this tablet: enter your password."
        )
    if outcome == SignInOutcome.ACCOUNT_REFUSED:
        return translate(
            "LockScreen",
            "Your hospital account may not sign in now (locked, disabled or password expired) "
            "— contact IT.",
        )
    if outcome == SignInOutcome.NO_STAFF_RECORD:
        return translate(
            "LockScreen",
            "Your hospital account is not linked to a staff record in the EHR — contact IT.",
        )
    if outcome == SignInOutcome.CHOOSE_PIN:
        return translate("LockScreen", "Password checked. Choose your PIN for this tablet.")
    if outcome == SignInOutcome.PIN_MISMATCH:
        return translate("LockScreen", "The two PINs differ. Enter the new PIN twice.")
    if outcome == SignInOutcome.PIN_TOO_WEAK:
        digits = result.pin_min_length or 4
        return translate(
            "LockScreen",
            "This PIN is too easy to guess: use at least %n digit(s), not one repeated digit "
            "and not a run such as 1234.",
            None,
            digits,
        )
    if outcome == SignInOutcome.PIN_SETUP_EXPIRED:
        return translate(
            "LockScreen", "Too long since your password was checked: enter your password again."
        )
    return ""
