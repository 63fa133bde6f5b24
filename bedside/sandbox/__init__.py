"""The embedded sandbox EHR: a FHIR R4 REST server for the demo, training mode and tests.

It behaves like a real server, refusals included (see ``docs/fhir.md``). Public API::

    from bedside.sandbox import Sandbox, SandboxConfig, SandboxServer, create_app

    sandbox = Sandbox(clock=my_utc_clock)                   # in-memory SQLite by default
    strict = Sandbox(config=SandboxConfig.strict())          # like an independent R4 server
    sandbox.auth.register_secret_client("demo", "secret", "system/*.read system/*.write")
    sandbox.auth.register_jwk_client("tablet-1", public_jwks, "system/*.read")
    sandbox.load(resources)                                  # fast bulk seeding
    app = create_app(sandbox)                                # ASGI (httpx.ASGITransport)
    with SandboxServer(sandbox) as server:                   # uvicorn on a free loopback port
        server.base_url                                      # "http://127.0.0.1:PORT/"

``run_sandbox(...)`` / ``main(argv)`` (in :mod:`bedside.sandbox.runner`) serve it blocking.
Modules: ``server`` (HTTP), ``interactions`` (FHIR rules), ``transactions``, ``search``,
``storage``, ``auth``, ``paging``, ``bundles``, ``capability``, ``validation`` (friendly mode),
``r4_validation`` (strict mode, over ``r4_elements.json`` from ``tools/r4_elements.py``),
``staff_pins``, ``outcomes``, ``instants``, ``runner``; ``seed`` (synthetic ward) is owned
separately.

Exports are resolved lazily so that importing :mod:`bedside.sandbox.seed` alone does not pull in
Starlette and uvicorn.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "Sandbox": "bedside.sandbox.server",
    "SandboxConfig": "bedside.sandbox.server",
    "create_app": "bedside.sandbox.server",
    "SandboxServer": "bedside.sandbox.runner",
    "run_sandbox": "bedside.sandbox.runner",
    "main": "bedside.sandbox.runner",
    "AuthRegistry": "bedside.sandbox.auth",
    "Storage": "bedside.sandbox.storage",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'bedside.sandbox' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
