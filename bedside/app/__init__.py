"""The composition root: the one place that builds concrete objects and wires them together.

* :mod:`bedside.app.workspace` — store + engine + client + settings → the services of a tablet;
* :mod:`bedside.app.device` — settings + key store → who this device is for its EHR, its FHIR
  client, ``bedside sync --once`` and ``bedside enroll``;
* :mod:`bedside.app.demo` — the embedded sandbox EHR and a synthetic ward on top of that wiring.
"""

from bedside.app.workspace import build_patient_workspace, build_workspace, meal_times

__all__ = ["build_patient_workspace", "build_workspace", "meal_times"]
