"""The banner's identity lines read right in each language: no doubled bed word, no English code."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtWidgets import QApplication

from bedside.services.chart import NO_DIET, AllergyStatus, Banner, InsIdentity
from bedside.ui.chart.banner import identity_text, national_identity_text
from bedside.ui.i18n import Translations

BANNER = Banner(
    patient_id="p1",
    encounter_id="e1",
    name="TESTPATIENT, Synthétique",
    family_name="Testpatient",
    birth_date=date(1950, 3, 1),
    age=76,
    sex="male",
    bed_label="Chambre 205 – Lit B",
    hospital_number="000123",
    ins=InsIdentity(
        matricule="150037512345678",
        birth_family_name="TESTPATIENT",
        first_birth_given_name="Synthétique",
        birth_date=date(1950, 3, 1),
        sex="male",
        birth_place_code=None,
    ),
    kvnr=None,
    allergy_status=AllergyStatus.NOT_RECORDED,
    allergies=(),
    diet=NO_DIET,
    flags=(),
    admitted_on=None,
)


@pytest.fixture
def french(qapp: QApplication) -> Iterator[None]:
    languages = Translations()
    languages.switch("fr")
    yield
    languages.switch("en")


def test_a_named_bed_is_shown_once_without_a_second_bed_word(french: None) -> None:
    text = identity_text(BANNER)
    assert "Chambre 205 – Lit B" in text
    assert "Lit Chambre" not in text


def test_a_bed_known_only_by_its_number_is_called_a_bed(french: None) -> None:
    assert "Lit 12" in identity_text(replace(BANNER, bed_label="12"))


def test_the_ins_sex_trait_is_a_word_in_the_chosen_language(french: None) -> None:
    text = national_identity_text(BANNER)
    assert "Homme" in text
    assert "male" not in text
