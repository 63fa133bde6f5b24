"""The abstract FHIR resources: Resource and DomainResource.

Owns the elements every resource shares (resourceType, id, meta, narrative, contained resources,
extensions). A concrete resource class fixes ``resource_type`` to its FHIR name with a
``Literal`` default. The generic :class:`Resource` doubles as the model for resources of types the
app does not model (inside a Bundle or ``contained``): it keeps them whole as extra fields.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import Field, model_validator

from bedside.models.base import FhirBase
from bedside.models.datatypes import Extension, Meta, Narrative
from bedside.models.primitives import Code, FhirId, FhirString, Uri

if TYPE_CHECKING:
    from bedside.models.registry import AnyResource

__all__ = ["DomainResource", "Resource"]


class Resource(FhirBase):
    """Any FHIR resource. Concrete subclasses narrow ``resource_type`` to a ``Literal``."""

    resource_type: FhirString = Field(alias="resourceType")
    id: FhirId | None = None
    meta: Meta | None = None
    implicit_rules: Uri | None = None
    language: Code | None = None

    @model_validator(mode="before")
    @classmethod
    def _default_resource_type(cls, data: Any) -> Any:
        # ``Patient(id="p1")`` built in code gets its resourceType, so a dump always has one.
        if isinstance(data, dict) and "resourceType" not in data and "resource_type" not in data:
            default = cls.model_fields["resource_type"].default
            if isinstance(default, str):
                return {"resourceType": default, **data}
        return data

    @property
    def reference(self) -> str | None:
        """``"Type/id"`` for a resource that has an id, the way other resources point to it."""
        return f"{self.resource_type}/{self.id}" if self.id is not None else None


class DomainResource(Resource):
    """A resource with narrative, contained resources and extensions."""

    text: Narrative | None = None
    contained: list[AnyResource] | None = None
    extension: list[Extension] | None = None
    modifier_extension: list[Extension] | None = None
