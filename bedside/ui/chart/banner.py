"""The patient banner on every chart screen: who this is, and what must never be missed.

Owns the identity line (name, sex, birth date and age, bed, hospital number, INS or KVNR as the
server sent them) and the safety line: allergies — "no known allergies" and "allergies not
recorded" are different and are said differently — diet or nil by mouth, and the patient's flags.
Everything is plain text; each warning carries a word and a symbol, not only a colour.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from bedside.services.chart import AllergyStatus, Banner, DietSummary
from bedside.ui import i18n
from bedside.ui.i18n import translate
from bedside.ui.widgets import Chip, FlowLayout, Retranslatable, plain_label


def sex_word(code: str | None) -> str:
    return {
        "female": translate("Banner", "Female"),
        "male": translate("Banner", "Male"),
        "other": translate("Banner", "Other"),
        "unknown": translate("Banner", "Sex unknown"),
    }.get(code or "", translate("Banner", "Sex not recorded"))


def identity_text(banner: Banner) -> str:
    parts = [sex_word(banner.sex)]
    if banner.birth_date is not None:
        born = translate("Banner", "born %1").replace("%1", i18n.date_text(banner.birth_date))
        age = banner.age
        if age is not None:
            born += " " + translate("Banner", "(%n years)", None, age)
        parts.append(born)
    if banner.bed_label:
        # Bed names usually say what they are ("Chambre 205 – Lit B"); a bare number does not.
        if any(character.isalpha() for character in banner.bed_label):
            parts.append(banner.bed_label)
        else:
            parts.append(translate("Banner", "Bed %1").replace("%1", banner.bed_label))
    if banner.hospital_number:
        parts.append(translate("Banner", "Hospital no. %1").replace("%1", banner.hospital_number))
    return " · ".join(parts)


def national_identity_text(banner: Banner) -> str:
    parts = []
    if banner.ins is not None:
        ins = banner.ins
        traits = [
            t
            for t in (
                ins.birth_family_name,
                ins.first_birth_given_name,
                i18n.date_text(ins.birth_date) if ins.birth_date else None,
                sex_word(ins.sex) if ins.sex else None,
                ins.birth_place_code,
            )
            if t
        ]
        text = translate("Banner", "INS %1").replace("%1", ins.matricule)
        if traits:
            text += " (" + ", ".join(traits) + ")"
        parts.append(text)
    if banner.kvnr:
        parts.append(translate("Banner", "KVNR %1").replace("%1", banner.kvnr))
    return " · ".join(parts)


def allergy_chip(banner: Banner) -> tuple[str, str]:
    if banner.allergy_status == AllergyStatus.NOT_RECORDED:
        return translate("Banner", "? Allergies not recorded"), "warn"
    if banner.allergy_status == AllergyStatus.NO_KNOWN_ALLERGIES:
        return translate("Banner", "✓ No known allergies"), "ok"
    return translate("Banner", "⚠ Allergies: %1").replace(
        "%1", ", ".join(banner.allergies)
    ), "danger"


def diet_chip(diet: DietSummary) -> tuple[str, str]:
    if diet.nil_by_mouth:
        if diet.nil_by_mouth_until is not None:
            return (
                translate("Banner", "⊘ Nil by mouth until %1").replace(
                    "%1", i18n.datetime_text(diet.nil_by_mouth_until)
                ),
                "alert",
            )
        return translate("Banner", "⊘ Nil by mouth"), "alert"
    if diet.nil_by_mouth_from is not None:
        # Planned fasting (before a procedure): the nurse must see it before the next meal.
        return (
            translate("Banner", "⊘ Nil by mouth from %1").replace(
                "%1", i18n.datetime_text(diet.nil_by_mouth_from)
            ),
            "alert",
        )
    if not diet.has_order:
        return translate("Banner", "No diet order"), "neutral"
    words = list(diet.diets)
    if diet.texture:
        words.append(diet.texture)
    if diet.fluid:
        words.append(diet.fluid)
    return translate("Banner", "Diet: %1").replace(
        "%1", ", ".join(words) or translate("Banner", "ordered")
    ), "info"


class PatientBanner(Retranslatable, QFrame):
    """Identity and safety information of the patient on screen."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("banner")
        self._banner: Banner | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 12, 24, 12)
        layout.setSpacing(6)
        self.name = plain_label(name="bannerName", selectable=False)
        self.identity = plain_label(wrap=True)
        self.national = plain_label(name="muted", wrap=True)
        layout.addWidget(self.name)
        layout.addWidget(self.identity)
        layout.addWidget(self.national)
        self.chips_holder = QWidget()
        self.chips = FlowLayout(self.chips_holder)
        self.allergy = Chip(name="allergyChip")
        self.diet = Chip(name="dietChip")
        self.chips.addWidget(self.allergy)
        self.chips.addWidget(self.diet)
        self.flag_chips: list[Chip] = []
        layout.addWidget(self.chips_holder)

    def show_banner(self, banner: Banner) -> None:
        self._banner = banner
        self.retranslate()

    def clear(self) -> None:
        self._banner = None
        for label in (self.name, self.identity, self.national):
            label.clear()
        self.allergy.set("")
        self.diet.set("")
        for chip in self.flag_chips:
            chip.deleteLater()
        self.flag_chips = []

    def retranslate(self) -> None:
        banner = self._banner
        self.setAccessibleName(translate("Banner", "Patient banner"))
        if banner is None:
            return
        self.name.setText(banner.name)
        self.name.setAccessibleName(translate("Banner", "Patient: %1").replace("%1", banner.name))
        self.identity.setText(identity_text(banner))
        national = national_identity_text(banner)
        self.national.setText(national)
        self.national.setVisible(bool(national))
        self.allergy.set(*allergy_chip(banner))
        self.diet.set(*diet_chip(banner.diet))
        for chip in self.flag_chips:
            chip.deleteLater()
        self.flag_chips = []
        for flag in banner.flags:
            chip = Chip("⚑ " + flag.text, tone="warn", name="flagChip")
            self.chips.addWidget(chip)
            self.flag_chips.append(chip)
        self.chips_holder.updateGeometry()
