"""Invented people: French, German and a few English names, drawn at random and combined.

Common first and family names, combined at random, so no generated person stands for a real one.
Nothing here knows about FHIR.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

FRENCH_GIVEN = {
    "female": [
        "Jeanne",
        "Marie",
        "Monique",
        "Simone",
        "Françoise",
        "Geneviève",
        "Colette",
        "Odette",
        "Suzanne",
        "Madeleine",
        "Hélène",
        "Brigitte",
        "Sylvie",
        "Nathalie",
        "Isabelle",
        "Camille",
        "Léa",
        "Chloé",
        "Manon",
        "Élise",
        "Josiane",
        "Paulette",
        "Yvette",
        "Lucienne",
        "Agnès",
    ],
    "male": [
        "Jean",
        "Pierre",
        "Marcel",
        "René",
        "André",
        "Bernard",
        "Jacques",
        "Michel",
        "Gérard",
        "Claude",
        "Alain",
        "Philippe",
        "François",
        "Christophe",
        "Thierry",
        "Nicolas",
        "Julien",
        "Maxime",
        "Hugo",
        "Lucien",
        "Raymond",
        "Gaston",
        "Yves",
        "Roger",
        "Étienne",
    ],
}
GERMAN_GIVEN = {
    "female": [
        "Ursula",
        "Helga",
        "Ingrid",
        "Gisela",
        "Renate",
        "Hildegard",
        "Erika",
        "Gertrud",
        "Margarete",
        "Brigitte",
        "Sabine",
        "Petra",
        "Monika",
        "Anja",
        "Katrin",
        "Jana",
        "Lena",
        "Hannelore",
        "Elfriede",
        "Waltraud",
        "Irmgard",
        "Doris",
    ],
    "male": [
        "Hans",
        "Klaus",
        "Günter",
        "Horst",
        "Werner",
        "Dieter",
        "Jürgen",
        "Manfred",
        "Wolfgang",
        "Helmut",
        "Heinz",
        "Rolf",
        "Uwe",
        "Thomas",
        "Stefan",
        "Andreas",
        "Matthias",
        "Lukas",
        "Jonas",
        "Friedrich",
        "Karl-Heinz",
        "Reinhard",
    ],
}
ENGLISH_GIVEN = {
    "female": ["Margaret", "Eileen", "Susan", "Emily"],
    "male": ["George", "Arthur", "David", "Oliver"],
}
FRENCH_FAMILY = [
    "Martin",
    "Bernard",
    "Dubois",
    "Thomas",
    "Robert",
    "Richard",
    "Petit",
    "Durand",
    "Leroy",
    "Moreau",
    "Simon",
    "Laurent",
    "Lefèvre",
    "Michel",
    "Garcia",
    "David",
    "Bertrand",
    "Roux",
    "Vincent",
    "Fournier",
    "Morel",
    "Girard",
    "André",
    "Mercier",
    "Dupont",
    "Lambert",
    "Bonnet",
    "François",
    "Martinez",
    "Legrand",
    "Garnier",
    "Faure",
    "Rousseau",
    "Blanc",
    "Guérin",
    "Muller",
    "Henry",
    "Roussel",
    "Nicolas",
    "Perrin",
    "Mathieu",
    "Clément",
    "Gauthier",
    "Dumont",
    "Lopez",
    "Fontaine",
    "Chevalier",
    "Robin",
    "Masson",
    "Sanchez",
    "Boyer",
    "Schwartz",
    "Meyer",
    "Kieffer",
    "Haegel",
    "Schaeffer",
    "Ehrhart",
    "Wendling",
]
GERMAN_FAMILY = [
    "Müller",
    "Schmidt",
    "Schneider",
    "Fischer",
    "Weber",
    "Becker",
    "Wagner",
    "Hoffmann",
    "Schäfer",
    "Koch",
    "Bauer",
    "Richter",
    "Klein",
    "Wolf",
    "Schröder",
    "Neumann",
    "Schwarz",
    "Zimmermann",
    "Braun",
    "Krüger",
    "Hofmann",
    "Hartmann",
    "Lange",
    "Schmitt",
    "Werner",
    "Krause",
    "Lehmann",
    "Köhler",
    "Herrmann",
    "König",
    "Walter",
    "Mayer",
    "Huber",
    "Kaiser",
    "Fuchs",
    "Peters",
    "Lang",
    "Scholz",
    "Möller",
    "Weiß",
    "Jung",
    "Hahn",
    "Vogel",
    "Friedrich",
]
ENGLISH_FAMILY = ["Smith", "Taylor", "Walker", "Hughes", "Bennett", "Clarke"]

# (town, postal code, INSEE commune code — the birth place code of the INS traits)
FRENCH_TOWNS = [
    ("Strasbourg", "67000", "67482"),
    ("Colmar", "68000", "68066"),
    ("Mulhouse", "68100", "68224"),
    ("Haguenau", "67500", "67180"),
    ("Sélestat", "67600", "67462"),
    ("Saverne", "67700", "67437"),
    ("Metz", "57000", "57463"),
    ("Nancy", "54000", "54395"),
]
GERMAN_TOWNS = [
    ("Kehl", "77694"),
    ("Offenburg", "77652"),
    ("Freiburg im Breisgau", "79098"),
    ("Baden-Baden", "76530"),
    ("Karlsruhe", "76133"),
    ("Lahr", "77933"),
]


@dataclass(frozen=True)
class Person:
    """An invented person: language decides the name pools and the national identifier."""

    language: str  # "fr", "de" or "en"
    sex: str  # "female" | "male"
    given: str
    family: str


def pools(language: str) -> tuple[dict[str, list[str]], list[str]]:
    """(given names by sex, family names) for a language."""
    if language == "fr":
        return FRENCH_GIVEN, FRENCH_FAMILY
    if language == "de":
        return GERMAN_GIVEN, GERMAN_FAMILY
    return ENGLISH_GIVEN, ENGLISH_FAMILY


def draw_language(rng: random.Random, ward_language: str) -> str:
    """Mostly the ward's language, a good share of the neighbour's, a few English speakers."""
    other = "de" if ward_language == "fr" else "fr"
    roll = rng.random()
    if roll < 0.58:
        return ward_language
    if roll < 0.94:
        return other
    return "en"


def draw_person(rng: random.Random, language: str, sex: str, taken_family: set[str]) -> Person:
    """A person whose family name is not in ``taken_family`` (which it then joins)."""
    given_pool, family_pool = pools(language)
    free = [name for name in family_pool if name not in taken_family]
    if not free:  # every family name of this language is used on the ward: allow repeats
        free = family_pool
    family = rng.choice(free)
    taken_family.add(family)
    given = rng.choice([g for g in given_pool[sex] if g != family])  # no "Friedrich Friedrich"
    return Person(language=language, sex=sex, given=given, family=family)


def draw_staff_name(rng: random.Random, sex: str, taken: set[tuple[str, str]]) -> tuple[str, str]:
    """(given, family) for a member of staff, unique among ``taken``."""
    while True:
        language = rng.choice(("fr", "fr", "de"))
        given_pool, family_pool = pools(language)
        name = (rng.choice(given_pool[sex]), rng.choice(family_pool))
        if name not in taken:
            taken.add(name)
            return name
