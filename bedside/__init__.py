"""Bedside: offline-first ward tablet app over an encrypted FHIR R4 cache.

Layers (see docs/architecture.md): ``ui -> services -> sync -> store -> models``.
Only :mod:`bedside.ui` and the entry point import Qt.
"""

__version__ = "0.1.0"
