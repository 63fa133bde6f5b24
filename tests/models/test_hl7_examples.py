"""The proof: every official HL7 R4 example of a modelled type parses and round-trips unchanged."""

from __future__ import annotations

import io
import tarfile
from collections import Counter
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import httpx
import pytest

from bedside.models import RESOURCE_TYPES
from tests.models.hl7_examples import (
    TARBALL_URL,
    ExamplesUnavailableError,
    ensure_examples,
    first_difference,
    our_examples,
    round_trip,
    safe_extract,
)


@pytest.mark.network
def test_every_official_example_of_our_types_round_trips_unchanged(hl7_package: Path) -> None:
    results = [round_trip(path, rtype) for path, rtype in our_examples(hl7_package)]
    failures = [f"{r.path.name}: {r.problem}" for r in results if not r.passed]
    assert not failures, f"{len(failures)} of {len(results)} examples failed:\n" + "\n".join(
        failures
    )
    # Guards against a selection that silently found nothing for some type.
    per_type = Counter(r.resource_type for r in results)
    assert set(per_type) == set(RESOURCE_TYPES)
    assert sum(per_type.values()) > 300


@pytest.mark.network
def test_bundles_in_the_package_carry_resources_of_our_types(hl7_package: Path) -> None:
    inner: Counter[str] = Counter()
    for path, rtype in our_examples(hl7_package):
        if rtype == "Bundle" and path.stat().st_size < 1_000_000:
            inner += round_trip(path, rtype).inner
    assert inner["Patient"] > 0
    assert inner["Observation"] > 0


def test_first_difference_names_the_path_that_changed() -> None:
    before = {"entry": [{"resource": {"valueQuantity": {"value": 1}}}]}
    after = {"entry": [{"resource": {"valueQuantity": {"value": 1.5}}}]}
    assert first_difference(before, after) == (
        "entry[0].resource.valueQuantity.value: 1 became 1.5"
    )


def test_first_difference_tells_an_int_from_a_float() -> None:
    assert first_difference({"a": 1}, {"a": 1.0}) is not None


def test_first_difference_is_none_for_equal_json_in_another_key_order() -> None:
    assert first_difference({"a": 1, "b": [True]}, {"b": [True], "a": 1}) is None


def _tarball(tmp_path: Path, name: str) -> Path:
    path = tmp_path / "evil.tgz"
    with tarfile.open(path, "w:gz") as archive:
        data = b"{}"
        info = tarfile.TarInfo(name)
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
    return path


@pytest.mark.parametrize("name", ["../escape.json", "/abs/escape.json", "package/../../x.json"])
def test_extraction_refuses_paths_that_leave_the_cache(tmp_path: Path, name: str) -> None:
    with pytest.raises(ExamplesUnavailableError, match="unsafe path"):
        safe_extract(_tarball(tmp_path, name), tmp_path / "out")
    assert not (tmp_path / "escape.json").exists()


def test_extraction_keeps_only_files_under_package(tmp_path: Path) -> None:
    safe_extract(_tarball(tmp_path, "other/readme.json"), tmp_path / "out")
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").rglob("*"))


def _client(handler: Callable[[httpx.Request], httpx.Response]) -> httpx.Client:
    return httpx.Client(transport=httpx.MockTransport(handler))


def test_fetching_without_network_says_the_package_is_unavailable(tmp_path: Path) -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("no route to host", request=request)

    with (
        _client(refuse) as client,
        pytest.raises(ExamplesUnavailableError, match="cannot download"),
    ):
        ensure_examples(tmp_path / "cache", use_npm=False, client=client)
    assert not (tmp_path / "cache").exists()


def test_a_tarball_with_the_wrong_checksum_is_refused(tmp_path: Path) -> None:
    body = _tarball(tmp_path, "package/Patient-x.json").read_bytes()

    def serve(request: httpx.Request) -> httpx.Response:
        assert str(request.url) == TARBALL_URL
        return httpx.Response(200, content=body)

    with _client(serve) as client, pytest.raises(ExamplesUnavailableError, match="checksum"):
        ensure_examples(tmp_path / "cache", use_npm=False, client=client)
    assert not (tmp_path / "cache").exists()


def test_an_http_error_from_the_registry_is_reported(tmp_path: Path) -> None:
    with (
        _client(lambda request: httpx.Response(404)) as client,
        pytest.raises(ExamplesUnavailableError, match="404"),
    ):
        ensure_examples(tmp_path / "cache", use_npm=False, client=client)


def test_first_difference_says_which_side_lost_an_element() -> None:
    assert first_difference({"meta": {}}, {}) == "meta missing from the dump"
    assert first_difference({}, {"meta": {}}) == "meta missing from the original"


def test_first_difference_tells_1_5_from_1_50() -> None:
    assert first_difference({"a": Decimal("1.5")}, {"a": Decimal("1.50")}) is not None
