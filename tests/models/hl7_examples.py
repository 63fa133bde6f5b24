"""Fetching, caching and round-tripping the official HL7 FHIR R4 example package.

Owns the download of ``hl7.fhir.r4.examples@4.0.1`` (``npm pack``, or the npm registry tarball
over HTTPS when npm is missing or fails), its checksum check, its safe extraction into the
gitignored ``.cache/`` of the repository, the selection of the examples by ``resourceType`` and
the round-trip comparison. Used by the tests and by ``bench/hl7_roundtrip.py``; network code
lives here on purpose, never in ``bedside.models``.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import tarfile
import tempfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import httpx

from bedside.models import RESOURCE_TYPES, FhirModelError, dump_resource, fhir_json, parse_resource

PACKAGE = "hl7.fhir.r4.examples"
VERSION = "4.0.1"
TARBALL_URL = f"https://registry.npmjs.org/{PACKAGE}/-/{PACKAGE}-{VERSION}.tgz"
# dist.shasum published by the npm registry for this exact tarball.
TARBALL_SHA1 = "537ea7db3f3c7b3575fe2eaa7808bad21261cca3"

REPO_ROOT = Path(__file__).resolve().parents[2]
CACHE_DIR = REPO_ROOT / ".cache" / f"{PACKAGE}-{VERSION}"
_INDEX = "resource-types.json"  # file name -> resourceType, written once after extraction


class ExamplesUnavailableError(RuntimeError):
    """The example package could not be fetched (typically: no network)."""


def _npm_pack(workdir: Path) -> Path | None:
    npm = shutil.which("npm")
    if npm is None:
        return None
    try:
        subprocess.run(
            [npm, "pack", f"{PACKAGE}@{VERSION}", "--silent"],
            cwd=workdir,
            check=True,
            capture_output=True,
            timeout=600,
        )
    except (subprocess.SubprocessError, OSError):
        return None
    tarballs = sorted(workdir.glob("*.tgz"))
    return tarballs[0] if tarballs else None


def _http_download(workdir: Path, client: httpx.Client) -> Path:
    target = workdir / f"{PACKAGE}-{VERSION}.tgz"
    try:
        with client.stream("GET", TARBALL_URL) as response, target.open("wb") as out:
            response.raise_for_status()
            for chunk in response.iter_bytes():
                out.write(chunk)
    except httpx.HTTPError as exc:
        raise ExamplesUnavailableError(f"cannot download {TARBALL_URL}: {exc}") from exc
    return target


def _sha1(path: Path) -> str:
    digest = hashlib.sha1()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def safe_extract(tarball: Path, dest: Path) -> None:
    """Extract regular files under ``package/`` only; refuse absolute paths and ``..``."""
    root = dest.resolve()
    with tarfile.open(tarball, "r:gz") as archive:
        for member in archive:
            if not member.isfile():
                continue  # no links, devices or directories from the archive itself
            parts = PurePosixPath(member.name).parts
            if PurePosixPath(member.name).is_absolute() or ".." in parts or not parts:
                raise ExamplesUnavailableError(f"unsafe path in tarball: {member.name!r}")
            if parts[0] != "package":
                continue
            target = (root / Path(*parts)).resolve()
            if not target.is_relative_to(root):
                raise ExamplesUnavailableError(f"unsafe path in tarball: {member.name!r}")
            source = archive.extractfile(member)
            if source is None:
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            with source, target.open("wb") as out:
                shutil.copyfileobj(source, out)


def _index(package_dir: Path) -> dict[str, str]:
    index: dict[str, str] = {}
    for path in sorted(package_dir.glob("*.json")):
        if path.name == "package.json":
            continue
        data = json.loads(path.read_bytes())
        if isinstance(data, dict) and isinstance(data.get("resourceType"), str):
            index[path.name] = data["resourceType"]
    return index


def ensure_examples(
    cache_dir: Path = CACHE_DIR, *, use_npm: bool = True, client: httpx.Client | None = None
) -> Path:
    """The extracted ``package/`` directory, downloading and caching it on first use.

    ``npm pack`` is tried first (when ``use_npm`` and npm is installed), then the registry's
    tarball URL over HTTPS with ``client`` (a default client when None).

    Raises:
        ExamplesUnavailableError: the package could not be fetched or failed its checksum.
    """
    package_dir = cache_dir / "package"
    if (cache_dir / _INDEX).is_file():
        return package_dir
    cache_dir.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=cache_dir.parent) as tmp:
        workdir = Path(tmp)
        tarball = _npm_pack(workdir) if use_npm else None
        if tarball is None:
            if client is None:
                with httpx.Client(follow_redirects=True, timeout=60.0) as default_client:
                    tarball = _http_download(workdir, default_client)
            else:
                tarball = _http_download(workdir, client)
        if _sha1(tarball) != TARBALL_SHA1:
            raise ExamplesUnavailableError(
                f"{tarball.name}: checksum does not match the registry's"
            )
        staging = workdir / "extracted"
        safe_extract(tarball, staging)
        (staging / _INDEX).write_text(json.dumps(_index(staging / "package"), indent=0))
        if cache_dir.exists():
            shutil.rmtree(cache_dir)
        staging.rename(cache_dir)
    return package_dir


def our_examples(package_dir: Path) -> Iterator[tuple[Path, str]]:
    """(file, resourceType) of every example whose top-level type the app models."""
    index: dict[str, str] = json.loads((package_dir.parent / _INDEX).read_text())
    for name, resource_type in sorted(index.items()):
        if resource_type in RESOURCE_TYPES:
            yield package_dir / name, resource_type


def first_difference(left: Any, right: Any, path: str = "") -> str | None:
    """Where two JSON values differ (``entry[3].resource.valueQuantity.value``), or None."""
    if isinstance(left, dict) and isinstance(right, dict):
        for key in sorted(left.keys() | right.keys()):
            if key not in left or key not in right:
                side = "original" if key not in left else "dump"
                return f"{path}.{key} missing from the {side}".lstrip(".")
            found = first_difference(left[key], right[key], f"{path}.{key}")
            if found:
                return found
        return None
    if isinstance(left, list) and isinstance(right, list):
        if len(left) != len(right):
            return f"{path or '<root>'}: {len(left)} items vs {len(right)}".lstrip(".")
        for i, (a, b) in enumerate(zip(left, right, strict=True)):
            found = first_difference(a, b, f"{path}[{i}]")
            if found:
                return found
        return None
    # str() too: Decimal("1.5") == Decimal("1.50"), but FHIR counts the written precision.
    if left != right or type(left) is not type(right) or str(left) != str(right):
        return f"{path.lstrip('.') or '<root>'}: {left!r:.60} became {right!r:.60}"
    return None


def contained_counts(resource: Any) -> Counter[str]:
    """Resources of modelled types inside a Bundle's entries and any ``contained`` list."""
    counts: Counter[str] = Counter()
    if not isinstance(resource, dict):
        return counts
    inner = [e.get("resource") for e in resource.get("entry") or () if isinstance(e, dict)]
    inner += list(resource.get("contained") or ())
    for item in inner:
        if isinstance(item, dict):
            if item.get("resourceType") in RESOURCE_TYPES:
                counts[item["resourceType"]] += 1
            counts += contained_counts(item)
    return counts


@dataclass
class RoundTrip:
    """The outcome of one example file."""

    path: Path
    resource_type: str
    problem: str | None = None
    inner: Counter[str] = field(default_factory=Counter)

    @property
    def passed(self) -> bool:
        return self.problem is None


def round_trip(path: Path, resource_type: str) -> RoundTrip:
    """Parse the file, dump it and compare with the original JSON (key order ignored)."""
    original = fhir_json.loads(path.read_bytes())
    result = RoundTrip(path, resource_type, inner=contained_counts(original))
    try:
        dumped = dump_resource(parse_resource(original))
    except FhirModelError as exc:
        result.problem = f"does not parse: {exc}"
        return result
    # Type-strict: ``==`` alone would let 1 become 1.0 or True (they compare equal in Python).
    difference = first_difference(original, dumped)
    if difference is not None:
        result.problem = f"changed: {difference}"
    return result
