"""The one documented error of the models layer, and how pydantic errors become readable.

Owns :class:`FhirModelError` and the translation of a pydantic ``ValidationError`` into short,
one-line problem descriptions using FHIR JSON paths (``name[0].given[1]``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

__all__ = ["FhirModelError", "problems_from"]

# How many problems the one-line message names; all of them stay in ``.problems``.
_SHOWN = 3

_TYPE_NAMES = {
    "string_type": "a string",
    "bool_type": "a boolean (true/false)",
    "int_type": "an integer",
    "list_type": "an array",
    "model_type": "an object",
    "model_attributes_type": "an object",
    "dict_type": "an object",
    "literal_error": None,
}


class FhirModelError(ValueError):
    """Input that is not a valid FHIR R4 resource of a supported type.

    Raised for invalid JSON, a non-object, a missing or unsupported ``resourceType``, wrong
    element types, missing required elements and invalid ids. ``str()`` is one readable line such
    as ``Patient/p1: birthDate: not a valid FHIR date ('31/12/1950')``.

    Attributes:
        resource_type: the ``resourceType`` of the input when it had one, else None.
        resource_id: the ``id`` of the input when it had a string one, else None.
        problems: every problem found, each ``"path: what is wrong"``.
    """

    def __init__(
        self,
        problems: Sequence[str],
        *,
        resource_type: str | None = None,
        resource_id: str | None = None,
    ) -> None:
        self.problems: list[str] = list(problems) or ["invalid resource"]
        self.resource_type = resource_type
        self.resource_id = resource_id
        super().__init__(self._message())

    def _message(self) -> str:
        if self.resource_type and self.resource_id:
            subject = f"{self.resource_type}/{self.resource_id}"
        else:
            subject = self.resource_type or "resource"
        shown = "; ".join(self.problems[:_SHOWN])
        more = len(self.problems) - _SHOWN
        suffix = f" (and {more} more)" if more > 0 else ""
        return f"{subject}: {shown}{suffix}"

    def __str__(self) -> str:
        return self._message()

    @property
    def log_safe(self) -> str:
        """The same report without any input value: only the resource type/id and element paths.

        ``str()`` quotes the offending values (useful on a screen for IT), but a value may be a
        patient's name or birth date, and logs must never hold patient data.
        """
        subject = log_label(self.resource_type, self.resource_id)
        paths = []
        for problem in self.problems:
            path, separator, _ = problem.partition(": ")
            # Paths are element names and indices; a problem without one is described by kind.
            paths.append(path if separator and " " not in path else "(whole resource)")
        return f"{subject}: invalid at {', '.join(dict.fromkeys(paths))}"


def _path(loc: Sequence[int | str], skip: frozenset[str]) -> str:
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        elif part in skip:
            # Discriminator tags (a resource type name) are not part of the JSON path.
            continue
        else:
            path += f".{part}" if path else part
    return path


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _describe(error: ErrorDetails) -> str:
    kind = error["type"]
    if kind == "missing":
        return "required element is missing"
    if kind in _TYPE_NAMES and _TYPE_NAMES[kind] is not None:
        got = type(error["input"]).__name__
        return f"expected {_TYPE_NAMES[kind]}, got {got} ({_short(error['input'])})"
    if kind.startswith("fhir_") or kind == "value_error":
        return error["msg"]
    message = error["msg"]
    return message[:1].lower() + message[1:] + f" (got {_short(error['input'])})"


def problems_from(error: ValidationError, skip: frozenset[str]) -> list[str]:
    """One ``"path: problem"`` line per pydantic error; ``skip`` holds loc parts to leave out."""
    problems = []
    for detail in error.errors(include_url=False):
        path = _path(detail["loc"], skip)
        text = _describe(detail)
        problems.append(f"{path}: {text}" if path else text)
    return problems


# A Patient's id can be the hospital's patient number itself (many EHRs use the IPP): a log names
# the type only. Other resources' ids name records, not people, and help IT find the bad one.
_ID_WITHHELD = frozenset({"Patient", "RelatedPerson"})


def log_label(resource_type: object, resource_id: object) -> str:
    """``Type/id`` for a log line, without the id of a resource that identifies a person."""
    if not isinstance(resource_type, str) or not resource_type:
        return "resource"
    kind = resource_type
    if kind in _ID_WITHHELD or not isinstance(resource_id, str) or not resource_id:
        return kind
    return f"{kind}/{resource_id}"
