"""Build the sandbox's R4 element table from HL7's own StructureDefinitions, in one command.

``.venv/bin/python tools/r4_elements.py`` writes ``bedside/sandbox/r4_elements.json``, the table
the strict sandbox validates every write against (:mod:`bedside.sandbox.r4_validation`);
``--check`` writes nothing and exits 1 when the committed table differs from what the definitions
give (a test runs the same comparison).

Where the definitions come from: the official FHIR R4 (4.0.1) StructureDefinitions, snapshots
included. ``hl7.fhir.r4.core`` is not published on the npm registry (the name is there, without
a single version), but the very same definitions ship in ``hl7.fhir.r4.examples@4.0.1`` (the
spec publishes its conformance resources among its examples), which
``tests/models/hl7_examples.py`` already fetches into the gitignored ``.cache/`` and checks
against the registry's checksum; this tool reuses that download.

What goes in: the resource types the sandbox stores (those with search definitions in
:mod:`bedside.sandbox.search`), every datatype reachable from them (``Extension.value[x]`` makes
that most datatypes), their backbone elements, and the primitives' JSON type and R4 regex. Per
element: ``[min, max, type, …]``; a backbone element's type is its path (``Observation.component``),
so is a ``contentReference``'s target; ``Resource`` stands for any resource (``contained``).
The other R4 resource types are listed by name only, for ``contained``. Nothing is typed in by
hand: a change of the sandbox's types means running this tool again.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import deque
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TABLE = ROOT / "bedside" / "sandbox" / "r4_elements.json"

_SD_BASE = "http://hl7.org/fhir/StructureDefinition/"
_FHIRPATH = "http://hl7.org/fhirpath/System."
_FHIR_TYPE = "http://hl7.org/fhir/StructureDefinition/structuredefinition-fhir-type"
_REGEX = "http://hl7.org/fhir/StructureDefinition/regex"
# Element is the type of every primitive's "_name" companion (id and extension); the validator
# needs it whether or not some element names it.
_ALWAYS = ("Element",)
# FHIRPath system types of the primitive roots, as JSON writes them (R4 JSON §2.6.2).
_JSON_TYPES = {"Boolean": "boolean", "Integer": "number", "Decimal": "number"}


def _on_path() -> None:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))


def fetch_definitions() -> tuple[Path, dict[str, str]]:
    """The package directory holding the StructureDefinitions, and where it came from."""
    _on_path()
    from tests.models import hl7_examples

    package_dir = hl7_examples.ensure_examples()
    source = {
        "package": f"{hl7_examples.PACKAGE}@{hl7_examples.VERSION}",
        "sha1": hl7_examples.TARBALL_SHA1,
    }
    return package_dir, source


def stored_types() -> list[str]:
    """The resource types the sandbox stores (and strict mode serves)."""
    _on_path()
    from bedside.sandbox.search import WARD_TYPES

    return sorted(WARD_TYPES)


def _base_definitions(package_dir: Path) -> dict[str, dict[str, Any]]:
    """The core (not profiled) StructureDefinition of every type, by type name."""
    found: dict[str, dict[str, Any]] = {}
    for path in sorted(package_dir.glob("StructureDefinition-*.json")):
        sd = json.loads(path.read_bytes())
        url = sd.get("url", "")
        if sd.get("derivation") == "constraint" or url != f"{_SD_BASE}{sd.get('type')}":
            continue  # a profile, an extension definition or a logical model
        found[sd["type"]] = sd
    return found


def _type_name(type_: dict[str, Any]) -> str:
    code = str(type_["code"])
    if code.startswith(_FHIRPATH):
        # Element.id, Extension.url, primitive values: the FHIR type is in an extension.
        for extension in type_.get("extension") or ():
            if extension.get("url") == _FHIR_TYPE:
                return str(extension["valueUrl"])
    return code


def _elements(sd: dict[str, Any]) -> dict[str, dict[str, list[Any]]]:
    """``{parent path: {element name: [min, max, type, …]}}`` for one complex type or resource."""
    snapshot = sd["snapshot"]["element"]
    parents = {el["path"].rsplit(".", 1)[0] for el in snapshot if "." in el["path"]}
    table: dict[str, dict[str, list[Any]]] = {sd["type"]: {}}
    for el in snapshot:
        path = el["path"]
        if "." not in path:
            continue
        parent, name = path.rsplit(".", 1)
        if el.get("max") == "0":
            continue  # prohibited: not an element a resource may carry
        if "contentReference" in el:
            types = [el["contentReference"].lstrip("#")]
        elif path in parents:  # BackboneElement or Element with its own children
            types = [path]
            table.setdefault(path, {})
        else:
            types = [_type_name(t) for t in el["type"]]
        table.setdefault(parent, {})[name] = [int(el["min"]), el["max"], *types]
    return table


def _primitive(sd: dict[str, Any], definitions: dict[str, dict[str, Any]]) -> list[str]:
    """``[JSON type, R4 regex]`` of a primitive (the regex may be absent, as for xhtml)."""
    regex = ""
    value = next(el for el in sd["snapshot"]["element"] if el["path"] == f"{sd['type']}.value")
    for extension in value["type"][0].get("extension") or ():
        if extension.get("url") == _REGEX:
            regex = str(extension["valueString"])
    # The JSON type is the one of the root primitive (positiveInt → integer → a JSON number);
    # the derived types' own value elements do not always say it.
    root = sd
    while (base := root.get("baseDefinition", "").removeprefix(_SD_BASE)) in definitions and (
        definitions[base].get("kind") == "primitive-type"
    ):
        root = definitions[base]
    root_value = next(
        el for el in root["snapshot"]["element"] if el["path"] == f"{root['type']}.value"
    )
    system = str(root_value["type"][0]["code"]).removeprefix(_FHIRPATH)
    return (
        [_JSON_TYPES.get(system, "string"), regex] if regex else [_JSON_TYPES.get(system, "string")]
    )


def build_table(
    package_dir: Path, resource_types: Iterable[str], source: dict[str, str]
) -> dict[str, Any]:
    """The element table of ``resource_types`` and everything they reach."""
    definitions = _base_definitions(package_dir)
    roots = sorted(set(resource_types))
    missing = [t for t in roots if definitions.get(t, {}).get("kind") != "resource"]
    if missing:
        raise SystemExit(f"not R4 resource types: {', '.join(missing)}")
    complex_types: dict[str, dict[str, list[Any]]] = {}
    primitives: dict[str, list[str]] = {}
    queue = deque([*roots, *_ALWAYS])
    seen: set[str] = set()
    while queue:
        name = queue.popleft()
        if name in seen or name == "Resource":
            continue
        seen.add(name)
        sd = definitions.get(name)
        if sd is None:
            continue  # a backbone path: its elements came with its type
        if sd["kind"] == "primitive-type":
            primitives[name] = _primitive(sd, definitions)
            continue
        for parent, elements in _elements(sd).items():
            complex_types[parent] = elements
            for element in elements.values():
                queue.extend(t for t in element[2:] if t in definitions)
    return {
        "about": "R4 elements for the strict sandbox; generated by tools/r4_elements.py",
        "fhirVersion": "4.0.1",
        "source": source,
        "resourceTypes": roots,
        # Names only: a contained resource of one of these is a real R4 resource, not checked.
        "otherResourceTypes": sorted(
            name
            for name, sd in definitions.items()
            if sd["kind"] == "resource" and not sd.get("abstract") and name not in roots
        ),
        "primitives": dict(sorted(primitives.items())),
        "types": dict(sorted(complex_types.items())),
    }


def render(table: dict[str, Any]) -> str:
    """Compact JSON, one line per type, so a regenerated table reads well in a diff."""

    def dumps(value: Any) -> str:
        return json.dumps(value, separators=(",", ":"), ensure_ascii=False)

    lines = ["{"]
    for key, value in table.items():
        if key in ("primitives", "types"):
            lines.append(f"{dumps(key)}:{{")
            items = [f"{dumps(name)}:{dumps(body)}" for name, body in value.items()]
            lines.append(",\n".join(items))
            lines.append("},")
        else:
            lines.append(f"{dumps(key)}:{dumps(value)},")
    lines[-1] = lines[-1].rstrip(",")
    lines.append("}")
    return "\n".join(lines) + "\n"


def generate() -> str:
    """The table's text, as this tool would write it."""
    package_dir, source = fetch_definitions()
    return render(build_table(package_dir, stored_types(), source))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--check", action="store_true", help="only say whether the table is stale")
    args = parser.parse_args(argv)
    text = generate()
    if args.check:
        current = TABLE.read_text(encoding="utf-8") if TABLE.exists() else ""
        if current != text:
            print(f"{TABLE.relative_to(ROOT)} is stale: run tools/r4_elements.py", file=sys.stderr)
            return 1
        print(f"{TABLE.relative_to(ROOT)} is up to date")
        return 0
    TABLE.write_text(text, encoding="utf-8")
    table = json.loads(text)
    print(
        f"wrote {TABLE.relative_to(ROOT)}: {len(table['resourceTypes'])} resource types,"
        f" {len(table['types'])} types and backbones, {len(table['primitives'])} primitives,"
        f" {len(text.encode()):,} bytes"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
