"""Appointments today and tomorrow: surgery, imaging, physiotherapy, endoscopy, dialysis, echo.

Texts are in French with German and English translations (translation extension on
``_description`` / ``_patientInstruction``). ``comment`` says how the patient travels. Surgery
carries "fasting from midnight" (and the diet module adds the nil-by-mouth order).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from bedside.sandbox.seed.codes import (
    CS_APPOINTMENT_SERVICE,
    JSON,
    coding,
    concept,
    reference,
    translations,
)
from bedside.sandbox.seed.context import SeedContext
from bedside.sandbox.seed.patients import Admission
from bedside.sandbox.seed.staff import Staff


@dataclass(frozen=True)
class Slot:
    """When and where an appointment takes place, and what it asks of the patient."""

    service: str  # local appointment-service code
    area: str  # key of locations.SERVICE_AREAS
    specialist: str  # staff role
    day: int  # 0 today, 1 tomorrow
    hour: int
    minute: int
    minutes: int
    description: tuple[str, str, str]  # fr, de, en
    instruction: tuple[str, str, str] | None = None
    transport: str = "Fauteuil roulant"
    fasting_from_midnight: bool = False


SERVICES = {
    "surgery": "Surgery",
    "imaging-ct": "CT scan",
    "imaging-mri": "MRI",
    "imaging-ultrasound": "Ultrasound",
    "physiotherapy": "Physiotherapy",
    "endoscopy": "Endoscopy",
    "dialysis": "Haemodialysis",
    "echocardiography": "Echocardiography",
}

SLOTS: dict[str, Slot] = {
    "cholecystectomy-tomorrow": Slot(
        "surgery",
        "theatre",
        "surgeon",
        1,
        8,
        0,
        120,
        (
            "Cholécystectomie par cœlioscopie",
            "Laparoskopische Cholezystektomie",
            "Laparoscopic cholecystectomy",
        ),
        (
            "À jeun à partir de minuit : ne rien manger, ne rien boire, ne pas fumer. Douche "
            "antiseptique le soir et le matin. Retirer bijoux, prothèses et vernis.",
            "Ab Mitternacht nüchtern: nichts essen, nichts trinken, nicht rauchen. Antiseptische "
            "Dusche am Abend und am Morgen. Schmuck, Prothesen und Nagellack entfernen.",
            "Nil by mouth from midnight: no food, no drink, no smoking. Antiseptic shower in the "
            "evening and in the morning. Remove jewellery, dentures and nail varnish.",
        ),
        transport="Brancard",
        fasting_from_midnight=True,
    ),
    "ct-contrast-today": Slot(
        "imaging-ct",
        "imaging",
        "radiologist",
        0,
        14,
        30,
        30,
        (
            "Scanner du pied avec injection",
            "CT des Fußes mit Kontrastmittel",
            "Contrast CT of the foot",
        ),
        (
            "Ne pas manger dans les 3 heures avant l'examen ; "
            "boire normalement. Metformine suspendue.",
            "3 Stunden vor der Untersuchung nichts essen; normal trinken. Metformin pausiert.",
            "No food for 3 hours before the scan; drink normally. Metformin is paused.",
        ),
    ),
    "ct-chest-today": Slot(
        "imaging-ct",
        "imaging",
        "radiologist",
        0,
        11,
        0,
        30,
        ("Scanner thoracique", "CT des Thorax", "Chest CT"),
        None,
        transport="Brancard, oxygène",
    ),
    "mri-brain-tomorrow": Slot(
        "imaging-mri",
        "imaging",
        "radiologist",
        1,
        9,
        30,
        45,
        ("IRM cérébrale", "MRT des Schädels", "Brain MRI"),
        (
            "Retirer tout objet métallique. Signaler tout pacemaker ou implant.",
            "Alle Metallgegenstände ablegen. Herzschrittmacher oder Implantate melden.",
            "Remove all metal objects. Tell the team about any pacemaker or implant.",
        ),
        transport="Brancard",
    ),
    "physio-today": Slot(
        "physiotherapy",
        "physio",
        "physiotherapist",
        0,
        10,
        0,
        45,
        (
            "Séance de kinésithérapie (verticalisation, marche)",
            "Physiotherapie (Mobilisation, Gehen)",
            "Physiotherapy (standing, walking)",
        ),
        (
            "Porter des chaussures fermées et une tenue confortable.",
            "Geschlossene Schuhe und bequeme Kleidung tragen.",
            "Wear closed shoes and comfortable clothes.",
        ),
    ),
    "physio-tomorrow": Slot(
        "physiotherapy",
        "physio",
        "physiotherapist",
        1,
        15,
        0,
        45,
        ("Séance de kinésithérapie", "Physiotherapie", "Physiotherapy session"),
        (
            "Porter des chaussures fermées et une tenue confortable.",
            "Geschlossene Schuhe und bequeme Kleidung tragen.",
            "Wear closed shoes and comfortable clothes.",
        ),
    ),
    "gastroscopy-tomorrow": Slot(
        "endoscopy",
        "endoscopy",
        "gastroenterologist",
        1,
        13,
        30,
        30,
        (
            "Gastroscopie avec biopsies duodénales",
            "Gastroskopie mit Duodenalbiopsien",
            "Gastroscopy with duodenal biopsies",
        ),
        (
            "À jeun 6 heures avant l'examen (pas de repas de midi) ; eau "
            "claire autorisée jusqu'à 2 heures avant.",
            "6 Stunden vor der Untersuchung nüchtern (kein Mittagessen); "
            "klares Wasser bis 2 Stunden vorher erlaubt.",
            "Nothing to eat for 6 hours before (no lunch); clear "
            "water allowed until 2 hours before.",
        ),
        transport="Brancard",
    ),
    "dialysis-today": Slot(
        "dialysis",
        "dialysis",
        "nephrologist",
        0,
        8,
        0,
        240,
        (
            "Séance d'hémodialyse (hyperkaliémie)",
            "Hämodialyse (Hyperkaliämie)",
            "Haemodialysis session (high potassium)",
        ),
        (
            "Ne pas prendre de traitement antihypertenseur le matin avant la séance.",
            "Am Morgen vor der Dialyse keine Blutdrucktabletten einnehmen.",
            "Do not take blood pressure tablets in the morning before the session.",
        ),
        transport="Lit",
    ),
    "echo-today": Slot(
        "echocardiography",
        "cardio",
        "cardiologist",
        0,
        15,
        30,
        30,
        (
            "Échographie cardiaque transthoracique",
            "Transthorakale Echokardiographie",
            "Transthoracic echocardiography",
        ),
        None,
    ),
    "echo-tomorrow": Slot(
        "echocardiography",
        "cardio",
        "cardiologist",
        1,
        11,
        0,
        30,
        (
            "Échographie cardiaque transthoracique",
            "Transthorakale Echokardiographie",
            "Transthoracic echocardiography",
        ),
        None,
    ),
    "doppler-tomorrow": Slot(
        "imaging-ultrasound",
        "imaging",
        "radiologist",
        1,
        10,
        30,
        30,
        (
            "Écho-doppler veineux des membres inférieurs",
            "Venen-Duplexsonographie der Beine",
            "Leg vein Doppler ultrasound",
        ),
        None,
    ),
}


def build_appointments(
    ctx: SeedContext, adm: Admission, areas: dict[str, JSON], team: Staff
) -> list[JSON]:
    """Booked Appointments for the case's slots (patient, place and specialist as participants)."""
    rng = ctx.rng(f"{adm.key}/appointments")
    out = []
    for key in adm.case.appointments:
        slot = SLOTS[key]
        # stagger shared slots so that two patients are not booked at the very same minute
        shift = (
            0
            if slot.fasting_from_midnight or slot.service == "dialysis"
            else rng.choice((0, 15, 30, 45))
        )
        start = ctx.at(slot.day, slot.hour, slot.minute) + timedelta(minutes=shift)
        end = start + timedelta(minutes=slot.minutes)
        fr, de, en = slot.description
        resource: JSON = {
            "resourceType": "Appointment",
            "id": ctx.id(f"{adm.key}/appointment/{key}"),
            "status": "booked",
            "serviceType": [
                concept(coding(CS_APPOINTMENT_SERVICE, slot.service, SERVICES[slot.service]))
            ],
            "description": fr,
            "_description": translations(de=de, en=en),
            "start": ctx.instant(start),
            "end": ctx.instant(end),
            "minutesDuration": slot.minutes,
            "created": ctx.instant(adm.admitted + timedelta(hours=3)),
            "comment": f"Transport : {slot.transport}",
        }
        if slot.instruction:
            ifr, ide, ien = slot.instruction
            resource["patientInstruction"] = ifr
            resource["_patientInstruction"] = translations(de=ide, en=ien)
        area = areas[slot.area]
        resource["participant"] = [
            {"actor": reference(adm.patient), "required": "required", "status": "accepted"},
            {"actor": reference(area, area["name"]), "required": "required", "status": "accepted"},
            {
                "actor": reference(team.specialists[slot.specialist]),
                "required": "required",
                "status": "accepted",
            },
        ]
        out.append(ctx.add(resource))
    return out
