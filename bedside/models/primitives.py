"""FHIR R4 primitive types as annotated Python types.

Owns the mapping of every FHIR primitive used by the models to a pydantic-validated Python type.
Dates, dateTimes, instants and times stay ``str`` (checked against the regular expressions of the
FHIR R4 specification) so that their text, including partial dates such as ``2013-05``, survives a
round trip unchanged. Numbers keep their JSON kind: integers stay ``int``; a decimal stays ``int``
or ``float`` exactly as the JSON had it. Nothing here performs I/O.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal
from typing import Annotated, Any

from pydantic import AfterValidator, Field, PlainValidator, StrictBool, StrictInt, StrictStr
from pydantic_core import PydanticCustomError

__all__ = [
    "Base64Binary",
    "Boolean",
    "Canonical",
    "Code",
    "Date",
    "DateTime",
    "FhirDecimal",
    "FhirId",
    "FhirString",
    "Instant",
    "Integer",
    "Markdown",
    "Oid",
    "PositiveInt",
    "Time",
    "UnsignedInt",
    "Uri",
    "Url",
    "Uuid",
    "Xhtml",
]

# Regular expressions copied from the FHIR R4 (4.0.1) specification, datatypes.html.
_YEAR = r"([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)"
_MONTH = r"(0[1-9]|1[0-2])"
_DAY = r"(0[1-9]|[1-2][0-9]|3[0-1])"
_TIME = r"([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\.[0-9]+)?"
_ZONE = r"(Z|(\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00))"

DATE_RE = re.compile(rf"{_YEAR}(-{_MONTH}(-{_DAY})?)?")
DATETIME_RE = re.compile(rf"{_YEAR}(-{_MONTH}(-{_DAY}(T{_TIME}{_ZONE})?)?)?")
INSTANT_RE = re.compile(rf"{_YEAR}-{_MONTH}-{_DAY}T{_TIME}{_ZONE}")
TIME_RE = re.compile(_TIME)
ID_RE = re.compile(r"[A-Za-z0-9\-\.]{1,64}")


def _shown(value: str) -> str:
    """A short, quoted rendering of a bad value for an error message."""
    return repr(value if len(value) <= 40 else value[:37] + "...")


def _pattern(kind: str, regex: re.Pattern[str]) -> AfterValidator:
    def check(value: str) -> str:
        if regex.fullmatch(value) is None:
            raise PydanticCustomError(
                "fhir_format",
                "not a valid FHIR {kind} ({value})",
                {"kind": kind, "value": _shown(value)},
            )
        return value

    return AfterValidator(check)


def _decimal(value: Any) -> int | float | Decimal:
    # bool is an int subclass in Python but never a FHIR number.
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise PydanticCustomError(
            "fhir_decimal", "expected a number, got {kind}", {"kind": type(value).__name__}
        )
    if isinstance(value, float | Decimal) and not math.isfinite(value):
        raise PydanticCustomError("fhir_decimal", "a FHIR decimal must be finite")
    return value


FhirString = StrictStr
Markdown = StrictStr
Code = StrictStr
Uri = StrictStr
Url = StrictStr
Canonical = StrictStr
Oid = StrictStr
Uuid = StrictStr
Base64Binary = StrictStr
Xhtml = StrictStr
Boolean = StrictBool
Integer = StrictInt
PositiveInt = Annotated[StrictInt, Field(ge=1)]
UnsignedInt = Annotated[StrictInt, Field(ge=0)]
# A decimal read from FHIR JSON (bedside.models.fhir_json) is a Decimal with its written precision
# ("1.50"), kept as is so the resource goes back to the EHR unaltered; one built in code may be an
# int or a float. Code that computes with it converts explicitly (mypy refuses Decimal + float).
FhirDecimal = Annotated[int | float | Decimal, PlainValidator(_decimal)]
FhirId = Annotated[StrictStr, _pattern("id", ID_RE)]
Date = Annotated[StrictStr, _pattern("date", DATE_RE)]
DateTime = Annotated[StrictStr, _pattern("dateTime", DATETIME_RE)]
Instant = Annotated[StrictStr, _pattern("instant", INSTANT_RE)]
Time = Annotated[StrictStr, _pattern("time", TIME_RE)]
