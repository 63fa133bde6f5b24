"""Every code system, naming system and extension URL the seed uses, in one place.

Also the small builders for FHIR data types (Coding, CodeableConcept, Quantity) so that every
module writes them the same way. Local code systems (``LOCAL_CS``) are documented in
``docs/meal-catalogue.md``; external ones are the published URIs.
"""

from __future__ import annotations

from typing import Any

JSON = dict[str, Any]

SANDBOX = "https://sandbox.bedside.example/fhir"

# --- naming systems (identifiers) -------------------------------------------------------------
IPP_SYSTEM = f"{SANDBOX}/NamingSystem/ipp"  # hospital patient number, printed on the wristband
NDA_SYSTEM = f"{SANDBOX}/NamingSystem/nda"  # stay (visit) number
BADGE_SYSTEM = f"{SANDBOX}/NamingSystem/badge"  # staff badge
INS_NIR_SYSTEM = "urn:oid:1.2.250.1.213.1.4.8"  # France, INS (matricule INS = NIR)
KVID_SYSTEM = "http://fhir.de/sid/gkv/kvid-10"  # Germany, 10-character KVNR

# --- external code systems --------------------------------------------------------------------
SNOMED = "http://snomed.info/sct"
LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
ICD10 = "http://hl7.org/fhir/sid/icd-10"
ATC = "http://www.whocc.no/atc"
CIP13 = "urn:oid:1.2.250.1.213.2.3.2"  # France, CIP13 pack code
GTIN = "https://www.gs1.org/gtin"
BCP47 = "urn:ietf:bcp:47"
V2_0203 = "http://terminology.hl7.org/CodeSystem/v2-0203"
V2_0074 = "http://terminology.hl7.org/CodeSystem/v2-0074"
V2_0116 = "http://terminology.hl7.org/CodeSystem/v2-0116"
V3_ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
V3_INTERPRETATION = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation"
V3_PARTICIPATION = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType"
LOCATION_PHYSICAL_TYPE = "http://terminology.hl7.org/CodeSystem/location-physical-type"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
CONDITION_CATEGORY = "http://terminology.hl7.org/CodeSystem/condition-category"
CONDITION_CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical"
CONDITION_VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status"
ALLERGY_CLINICAL = "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical"
ALLERGY_VERIFICATION = "http://terminology.hl7.org/CodeSystem/allergyintolerance-verification"
FLAG_CATEGORY = "http://terminology.hl7.org/CodeSystem/flag-category"
HL7_DIET = "http://terminology.hl7.org/CodeSystem/diet"  # vegetarian, halal, kosher, gluten-free…
DE_IDENTIFIER_TYPE = "http://fhir.de/CodeSystem/identifier-type-de-basis"
FR_IDENTIFIER_TYPE = "https://hl7.fr/ig/fhir/core/CodeSystem/fr-core-cs-v2-0203"

# --- local code systems (documented in docs/meal-catalogue.md) -------------------------------
CS_DIET = f"{SANDBOX}/CodeSystem/diet"
CS_IDDSI = f"{SANDBOX}/CodeSystem/iddsi"
CS_EU_ALLERGEN = f"{SANDBOX}/CodeSystem/eu-allergen"
CS_MEAL_SERVICE = f"{SANDBOX}/CodeSystem/meal-service"
CS_ORDER_ORIGIN = f"{SANDBOX}/CodeSystem/order-origin"
CS_ACVPU = f"{SANDBOX}/CodeSystem/acvpu"
CS_FLAG = f"{SANDBOX}/CodeSystem/flag"
CS_APPOINTMENT_SERVICE = f"{SANDBOX}/CodeSystem/appointment-service"
CS_STAFF_ROLE = f"{SANDBOX}/CodeSystem/staff-role"

LOCAL_CS = (
    CS_DIET,
    CS_IDDSI,
    CS_EU_ALLERGEN,
    CS_MEAL_SERVICE,
    CS_ORDER_ORIGIN,
    CS_ACVPU,
    CS_FLAG,
    CS_APPOINTMENT_SERVICE,
    CS_STAFF_ROLE,
)

# --- extensions ------------------------------------------------------------------------------
EXT_TRANSLATION = "http://hl7.org/fhir/StructureDefinition/translation"
EXT_TIMEZONE = "http://hl7.org/fhir/StructureDefinition/timezone"
EXT_BIRTH_PLACE = "http://hl7.org/fhir/StructureDefinition/patient-birthPlace"
EXT_MEAL_ALLERGEN = f"{SANDBOX}/StructureDefinition/meal-allergen"
EXT_MEAL_ALLERGENS_DECLARED = f"{SANDBOX}/StructureDefinition/meal-allergens-declared"
EXT_MEAL_DIET_SUITABLE = f"{SANDBOX}/StructureDefinition/meal-diet-suitable"
EXT_MEAL_TEXTURE = f"{SANDBOX}/StructureDefinition/meal-texture"
EXT_MEAL_SERVICE = f"{SANDBOX}/StructureDefinition/meal-service"
EXT_MEAL_ICON = f"{SANDBOX}/StructureDefinition/meal-icon"

# The tag a patient's own meal choice carries (set by the app when it creates one).
PATIENT_MEAL_SELECTION_TAG: JSON = {
    "system": CS_ORDER_ORIGIN,
    "code": "patient-meal-selection",
    "display": "Patient meal selection",
}

TIME_ZONE = "Europe/Paris"

# --- codes used by more than one module ------------------------------------------------------
IDDSI_LEVELS: dict[str, str] = {
    "0": "Thin",
    "1": "Slightly thick",
    "2": "Mildly thick",
    "3": "Moderately thick / Liquidised",
    "4": "Extremely thick / Pureed",
    "5": "Minced & moist",
    "6": "Soft & bite-sized",
    "7": "Regular / Easy to chew",
}

# EU Regulation 1169/2011 Annex II, in the order of the Annex.
EU_ALLERGENS: dict[str, str] = {
    "gluten": "Cereals containing gluten",
    "crustaceans": "Crustaceans",
    "eggs": "Eggs",
    "fish": "Fish",
    "peanuts": "Peanuts",
    "soybeans": "Soybeans",
    "milk": "Milk",
    "nuts": "Tree nuts",
    "celery": "Celery",
    "mustard": "Mustard",
    "sesame": "Sesame seeds",
    "sulphites": "Sulphur dioxide and sulphites",
    "lupin": "Lupin",
    "molluscs": "Molluscs",
}

# Local diet codes (oralDiet.type), each with the SNOMED CT coding when one is well established.
DIETS: dict[str, tuple[str, str | None, str | None]] = {
    # code: (display, SNOMED code, SNOMED display)
    "normal": ("Normal diet", None, None),
    "diabetic": ("Diabetic diet", "160670007", "Diabetic diet"),
    "low-salt": ("Low-salt diet", "386619000", "Low sodium diet"),
    "low-fat": ("Low-fat diet", "16208003", "Low fat diet"),
    "renal": ("Renal diet", "33489005", "Renal diet"),
    "npo": ("Nil by mouth", None, None),
}

HL7_DIET_DISPLAYS: dict[str, str] = {
    "vegetarian": "Vegetarian",
    "vegan": "Vegan",
    "halal": "Halal",
    "kosher": "Kosher",
    "gluten-free": "Gluten Free",
    "dairy-free": "Dairy Free",
    "nut-free": "Nut Free",
}


def coding(system: str, code: str, display: str | None = None) -> JSON:
    """A Coding; ``display`` is left out when unknown rather than invented."""
    out: JSON = {"system": system, "code": code}
    if display:
        out["display"] = display
    return out


def concept(*codings: JSON, text: str | None = None) -> JSON:
    """A CodeableConcept from codings and an optional text."""
    out: JSON = {}
    if codings:
        out["coding"] = list(codings)
    if text:
        out["text"] = text
    return out


def quantity(value: float | int, unit: str, code: str | None = None) -> JSON:
    """A UCUM Quantity; ``unit`` is the human unit, ``code`` the UCUM code (defaults to unit)."""
    return {"value": value, "unit": unit, "system": UCUM, "code": code or unit}


def diet_concept(code: str) -> JSON:
    """oralDiet.type / meal suitability concept for a local diet code (+ SNOMED when known)."""
    display, sct, sct_display = DIETS[code]
    codings = [coding(CS_DIET, code, display)]
    if sct:
        codings.append(coding(SNOMED, sct, sct_display))
    return concept(*codings, text=display)


def iddsi_concept(level: str) -> JSON:
    """An IDDSI level as a CodeableConcept."""
    return concept(coding(CS_IDDSI, level, IDDSI_LEVELS[level]), text=f"IDDSI {level}")


def allergen_coding(code: str) -> JSON:
    """One of the 14 EU allergens as a Coding."""
    return coding(CS_EU_ALLERGEN, code, EU_ALLERGENS[code])


def translations(**by_lang: str) -> JSON:
    """The ``_element`` companion carrying translation extensions, e.g. translations(de=…, en=…)."""
    return {
        "extension": [
            {
                "url": EXT_TRANSLATION,
                "extension": [
                    {"url": "lang", "valueCode": lang},
                    {"url": "content", "valueString": text},
                ],
            }
            for lang, text in by_lang.items()
        ]
    }


def reference(resource: JSON, display: str | None = None) -> JSON:
    """A relative reference ``Type/id`` to a resource dict."""
    out: JSON = {"reference": f"{resource['resourceType']}/{resource['id']}"}
    if display:
        out["display"] = display
    return out
