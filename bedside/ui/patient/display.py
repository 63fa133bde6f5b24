"""Patient mode's "Language and text" page: language, text size, high contrast.

Owns the three choices a patient can make about the screen itself. Each language is named in
that language (a patient who reads only German finds "Deutsch" whatever the screen speaks). The
page only emits what was chosen; the window applies it and remembers it for this stay.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from bedside.ui import i18n
from bedside.ui.i18n import translate
from bedside.ui.widgets import Retranslatable, plain_label

TEXT_SIZES = ("normal", "large", "very-large")


def _choice_button(name: str) -> QPushButton:
    button = QPushButton()
    button.setObjectName(name)
    button.setCheckable(True)
    button.setMinimumSize(180, 72)
    return button


class DisplayPage(Retranslatable, QWidget):
    language_chosen = Signal(str)
    text_size_chosen = Signal(str)
    contrast_chosen = Signal(bool)

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("displayPage")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(32, 24, 32, 24)
        outer.setSpacing(14)

        self.language_title = plain_label(name="pageTitle")
        outer.addWidget(self.language_title)
        row = QHBoxLayout()
        self.languages = QButtonGroup(self)
        self.language_buttons: dict[str, QPushButton] = {}
        for code, own_name in i18n.LANGUAGES.items():
            button = _choice_button(f"language_{code}")
            button.setText(own_name)  # never translated: each language in its own words
            button.setAccessibleName(own_name)
            button.clicked.connect(lambda _=False, c=code: self.language_chosen.emit(c))
            self.languages.addButton(button)
            self.language_buttons[code] = button
            row.addWidget(button)
        row.addStretch(1)
        outer.addLayout(row)

        self.size_title = plain_label(name="pageTitle")
        outer.addWidget(self.size_title)
        row = QHBoxLayout()
        self.sizes = QButtonGroup(self)
        self.size_buttons: dict[str, QPushButton] = {}
        for size in TEXT_SIZES:
            button = _choice_button(f"size_{size}")
            button.clicked.connect(lambda _=False, s=size: self.text_size_chosen.emit(s))
            self.sizes.addButton(button)
            self.size_buttons[size] = button
            row.addWidget(button)
        row.addStretch(1)
        outer.addLayout(row)

        self.contrast_title = plain_label(name="pageTitle")
        outer.addWidget(self.contrast_title)
        row = QHBoxLayout()
        self.contrasts = QButtonGroup(self)
        self.standard_button = _choice_button("contrast_standard")
        self.high_button = _choice_button("contrast_high")
        self.standard_button.clicked.connect(lambda: self.contrast_chosen.emit(False))
        self.high_button.clicked.connect(lambda: self.contrast_chosen.emit(True))
        for button in (self.standard_button, self.high_button):
            self.contrasts.addButton(button)
            row.addWidget(button)
        row.addStretch(1)
        outer.addLayout(row)
        self.note = plain_label(name="muted", wrap=True)
        outer.addWidget(self.note)
        outer.addStretch(1)

    def show_choices(self, language: str, text_size: str, high_contrast: bool) -> None:
        self.language_buttons[language].setChecked(True)
        self.size_buttons.get(text_size, self.size_buttons["normal"]).setChecked(True)
        (self.high_button if high_contrast else self.standard_button).setChecked(True)

    def retranslate(self) -> None:
        self.language_title.setText(translate("PatientDisplay", "Language"))
        self.size_title.setText(translate("PatientDisplay", "Text size"))
        self.contrast_title.setText(translate("PatientDisplay", "Contrast"))
        words = {
            "normal": translate("PatientDisplay", "Normal"),
            "large": translate("PatientDisplay", "Large"),
            "very-large": translate("PatientDisplay", "Very large"),
        }
        for size, button in self.size_buttons.items():
            button.setText(words[size])
            button.setAccessibleName(
                translate("PatientDisplay", "Text size: %1").replace("%1", words[size])
            )
        self.standard_button.setText(translate("PatientDisplay", "Standard"))
        self.standard_button.setAccessibleName(translate("PatientDisplay", "Standard contrast"))
        self.high_button.setText(translate("PatientDisplay", "High contrast"))
        self.high_button.setAccessibleName(translate("PatientDisplay", "High contrast"))
        self.note.setText(
            translate(
                "PatientDisplay",
                "The tablet keeps these choices until you leave this bed.",
            )
        )
