"""The site, its wards, rooms and beds, and the places patients are sent to (theatre, imaging…).

A ward has 18 rooms: 12 doubles then 6 singles (isolation), so 30 beds in natural order
(room 1 bed A, room 1 bed B, room 2 bed A…); ``layout.WardLayout`` sizes other wards (the
benchmarks use 35 beds) the same way. Odd wards name beds in French ("Chambre 204 – Lit A"),
even wards in German ("Zimmer 304 – Bett A"): one convention per ward.
"""

from __future__ import annotations

from dataclasses import dataclass

from bedside.sandbox.seed.codes import (
    EXT_TIMEZONE,
    JSON,
    LOCATION_PHYSICAL_TYPE,
    TIME_ZONE,
    V2_0116,
    coding,
    concept,
    reference,
    translations,
)
from bedside.sandbox.seed.context import SeedContext

_PHYSICAL = {
    "si": "Site",
    "wa": "Ward",
    "ro": "Room",
    "bd": "Bed",
    "area": "Area",
}

# Wards of the site, in order: (French name, German name, language of the ward's own labels).
_WARDS = [
    ("Médecine interne", "Innere Medizin", "fr"),
    ("Kardiologie", "Kardiologie", "de"),
    ("Gériatrie aiguë", "Akutgeriatrie", "fr"),
    ("Pneumologie", "Pneumologie", "de"),
    ("Néphrologie", "Nephrologie", "fr"),
]

# Service areas patients go to for appointments: key -> (French, German, English).
SERVICE_AREAS: dict[str, tuple[str, str, str]] = {
    "theatre": ("Bloc opératoire", "OP-Bereich", "Operating theatre"),
    "imaging": ("Radiologie – Scanner et IRM", "Radiologie – CT und MRT", "Radiology – CT and MRI"),
    "physio": ("Plateau de rééducation", "Physiotherapie", "Physiotherapy gym"),
    "endoscopy": ("Unité d'endoscopie", "Endoskopie", "Endoscopy unit"),
    "dialysis": ("Centre de dialyse", "Dialysezentrum", "Dialysis unit"),
    "cardio": (
        "Explorations cardiologiques",
        "Kardiologische Funktionsdiagnostik",
        "Cardiac tests",
    ),
}


@dataclass(frozen=True)
class Bed:
    """A bed and what is needed to reference it and the room and ward around it."""

    resource: JSON
    room: JSON
    ward: JSON
    label: str


@dataclass(frozen=True)
class Ward:
    """A ward with its beds in order."""

    index: int
    resource: JSON
    beds: list[Bed]
    language: str


def ward_language(index: int) -> str:
    """The language of ward ``index``'s own labels ("fr" or "de")."""
    return _WARDS[index % len(_WARDS)][2]


def _physical_type(code: str) -> JSON:
    return concept(coding(LOCATION_PHYSICAL_TYPE, code, _PHYSICAL[code]))


def build_site(ctx: SeedContext) -> JSON:
    """The hospital as a site Location."""
    return ctx.add(
        {
            "resourceType": "Location",
            "id": ctx.id("location/site"),
            "extension": [{"url": EXT_TIMEZONE, "valueCode": TIME_ZONE}],
            "status": "active",
            "name": "Centre hospitalier du Rhin (sandbox)",
            "alias": ["Rheinklinikum (Sandbox)"],
            "description": "Hôpital fictif pour la démonstration et "
            "la formation — données synthétiques.",
            "mode": "instance",
            "physicalType": _physical_type("si"),
            "address": {"city": "Strasbourg", "postalCode": "67000", "country": "FR"},
        }
    )


def build_service_areas(ctx: SeedContext, site: JSON) -> dict[str, JSON]:
    """Theatre, imaging, physiotherapy… as area Locations of the site."""
    out: dict[str, JSON] = {}
    for key, (fr, de, en) in SERVICE_AREAS.items():
        out[key] = ctx.add(
            {
                "resourceType": "Location",
                "id": ctx.id(f"location/area/{key}"),
                "status": "active",
                "name": fr,
                "_name": translations(de=de, en=en),
                "alias": [de],
                "mode": "instance",
                "physicalType": _physical_type("area"),
                "partOf": reference(site, "Centre hospitalier du Rhin (sandbox)"),
            }
        )
    return out


def build_ward(ctx: SeedContext, site: JSON, index: int, occupied: set[int]) -> Ward:
    """Ward ``index`` (0-based) with its rooms and beds; ``occupied`` holds bed positions in use."""
    fr_name, de_name, language = _WARDS[index % len(_WARDS)]
    floor = index + 2
    cycle = index // len(_WARDS)
    suffix = f" {cycle + 1}" if cycle else ""
    if language == "fr":
        name = f"{fr_name}{suffix} – {floor}e étage"
        alias = f"{de_name}{suffix} – {floor}. OG"
    else:
        name = f"{de_name}{suffix} – {floor}. OG"
        alias = f"{fr_name}{suffix} – {floor}e étage"
    ward = ctx.add(
        {
            "resourceType": "Location",
            "id": ctx.id(f"location/ward/{index}"),
            "status": "active",
            "name": name,
            "alias": [alias],
            "mode": "instance",
            "physicalType": _physical_type("wa"),
            "partOf": reference(site, "Centre hospitalier du Rhin (sandbox)"),
        }
    )
    beds: list[Bed] = []
    position = 0
    layout = ctx.layout
    for room_no in range(1, layout.doubles + layout.singles + 1):
        number = floor * 100 + room_no
        room_label = f"Chambre {number}" if language == "fr" else f"Zimmer {number}"
        room = ctx.add(
            {
                "resourceType": "Location",
                "id": ctx.id(f"location/ward/{index}/room/{room_no}"),
                "status": "active",
                "name": room_label,
                "mode": "instance",
                "physicalType": _physical_type("ro"),
                "partOf": reference(ward, name),
            }
        )
        letters = "AB" if room_no <= layout.doubles else "A"
        for letter in letters:
            label = (
                f"Chambre {number} – Lit {letter}"
                if language == "fr"
                else f"Zimmer {number} – Bett {letter}"
            )
            status = (
                coding(V2_0116, "O", "Occupied")
                if position in occupied
                else coding(V2_0116, "U", "Unoccupied")
            )
            bed = ctx.add(
                {
                    "resourceType": "Location",
                    "id": ctx.id(f"location/ward/{index}/bed/{position}"),
                    "status": "active",
                    "operationalStatus": status,
                    "name": label,
                    "mode": "instance",
                    "physicalType": _physical_type("bd"),
                    "partOf": reference(room, room_label),
                }
            )
            beds.append(Bed(resource=bed, room=room, ward=ward, label=label))
            position += 1
    return Ward(index=index, resource=ward, beds=beds, language=language)
