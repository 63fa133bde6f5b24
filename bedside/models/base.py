"""The one pydantic base class every FHIR model inherits from.

Owns the shared model configuration (unknown elements and extensions are kept, Python names are
snake_case with the FHIR JSON name as alias) and the check of choice elements (``value[x]``):
at most one variant may be present, and a choice that R4 marks 1..1 must have one.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from typing import Any, ClassVar, Self

from pydantic import BaseModel, ConfigDict, model_validator
from pydantic.alias_generators import to_camel
from pydantic_core import PydanticCustomError

__all__ = ["FhirBase"]


@functools.cache
def _stem_pattern(stem: str) -> re.Pattern[str]:
    return re.compile(re.escape(stem) + r"[A-Z]")


@functools.cache
def _choice_variants(cls: type[BaseModel], stem: str) -> dict[str, str]:
    pattern = _stem_pattern(stem)
    return {
        name: info.alias or name
        for name, info in cls.model_fields.items()
        if pattern.match(info.alias or name)
    }


class FhirBase(BaseModel):
    """Base of every FHIR element and resource model.

    ``_fhir_choices`` maps the stem of each choice element (``"value"`` for ``value[x]``) to
    whether R4 requires it (1..1). Stems listed in ``_fhir_open_choices`` are open types
    (``Extension.value[x]``): variants that are not modelled as fields still count.
    """

    model_config = ConfigDict(
        extra="allow",
        alias_generator=to_camel,
        validate_by_name=True,
        validate_by_alias=True,
        serialize_by_alias=True,
    )

    _fhir_choices: ClassVar[Mapping[str, bool]] = {}
    _fhir_open_choices: ClassVar[frozenset[str]] = frozenset()

    def fhir_dump(self) -> dict[str, Any]:
        """The JSON-ready dict of exactly what was set (no invented defaults)."""
        # Python mode, not "json": every element is already a JSON value, and JSON mode would
        # write a Decimal (a FHIR decimal read with its precision) as a string.
        return self.model_dump(mode="python", by_alias=True, exclude_unset=True)

    @classmethod
    def _choice_variants(cls, stem: str) -> dict[str, str]:
        """Field name -> JSON name of the modelled variants of the choice ``stem``."""
        return _choice_variants(cls, stem)

    @model_validator(mode="after")
    def _check_choices(self) -> Self:
        if not self._fhir_choices:
            return self
        extra = self.__pydantic_extra__ or {}
        for stem, required in self._fhir_choices.items():
            variants = self._choice_variants(stem)
            present = [
                alias
                for name, alias in variants.items()
                if name in self.model_fields_set and getattr(self, name) is not None
            ]
            if stem in self._fhir_open_choices:
                pattern = _stem_pattern(stem)
                present += [key for key in extra if pattern.match(key)]
            if len(present) > 1:
                raise PydanticCustomError(
                    "fhir_choice",
                    "{stem}[x]: only one of {names} may be present",
                    {"stem": stem, "names": ", ".join(present)},
                )
            if required and not present:
                raise PydanticCustomError(
                    "fhir_choice",
                    "{stem}[x]: a value is required (one of {names})",
                    {"stem": stem, "names": ", ".join(variants.values())},
                )
        return self
