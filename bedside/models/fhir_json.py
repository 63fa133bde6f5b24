"""FHIR JSON text to Python values and back, with decimals kept exactly as written.

FHIR says a decimal's written precision is part of its value: a lab's ``1.50`` mmol/L is not
``1.5``. Python's ``json`` turns every decimal into a binary float, so ``1.50`` would come back
as ``1.5`` (and ``0.1`` as its nearest double) and Bedside would send an altered value back to
the EHR. Every place where FHIR JSON crosses a boundary (the EHR's answers and requests, the
cache's rows, the sandbox) reads and writes through this module instead: decimals become
:class:`decimal.Decimal` and are written back verbatim; integers stay ``int``.

Text is compact, UTF-8 and never contains ``NaN`` or ``Infinity`` (not JSON; refused both ways).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import simplejson

__all__ = ["FhirJsonError", "dumps", "loads"]


class FhirJsonError(ValueError):
    """Text that is not JSON (or not UTF-8, or nested too deeply); the message says where."""


def _refuse_constant(name: str) -> Any:
    raise FhirJsonError(f"{name} is not a JSON number")


_DECODER = simplejson.JSONDecoder(
    parse_float=Decimal, parse_constant=_refuse_constant, allow_nan=False
)
_ENCODER = simplejson.JSONEncoder(
    ensure_ascii=False, separators=(",", ":"), use_decimal=True, allow_nan=False
)


def loads(text: str | bytes | bytearray) -> Any:
    """Parse JSON text; decimals become ``Decimal`` with their written precision."""
    try:
        if isinstance(text, bytes | bytearray):
            text = bytes(text).decode("utf-8")
        return _DECODER.decode(text)
    except FhirJsonError:
        raise
    except UnicodeDecodeError as exc:
        raise FhirJsonError(f"not UTF-8 ({exc.reason} at byte {exc.start})") from exc
    except simplejson.JSONDecodeError as exc:
        raise FhirJsonError(str(exc)) from exc
    except RecursionError as exc:
        raise FhirJsonError("nested too deeply") from exc


def dumps(value: Any) -> str:
    """Write a value as compact JSON; a ``Decimal`` is written exactly as it was read."""
    return _ENCODER.encode(value)
