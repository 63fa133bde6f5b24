"""Fixtures of the directory tests: one real slapd for the whole session, started on loopback.

slapd comes from Debian's ``slapd`` package (``./run`` installs it). Without it the tests are
skipped on a developer's machine and fail in CI (``CI`` set), where it must be there.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.directory.slapd import Slapd, running_slapd, slapd_binary


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in {"", "0", "false", "no"}


@pytest.fixture(scope="session")
def slapd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Slapd]:
    if slapd_binary() is None:
        if _in_ci():
            pytest.fail("slapd is missing: ./run installs Debian's slapd and ldap-utils packages")
        pytest.skip("slapd is not installed (apt-get install slapd ldap-utils)")
    root: Path = tmp_path_factory.mktemp("slapd")
    with running_slapd(root) as server:
        yield server
