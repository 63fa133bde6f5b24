"""``bedside sync --once`` and ``bedside enroll`` as IT runs them: real processes, plain output."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO


def _run(
    tmp_path: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    config = tmp_path / "bedside.toml"
    if not config.exists():
        config.write_text("")
    base = {k: v for k, v in os.environ.items() if not k.startswith("BEDSIDE_")}
    base["BEDSIDE_CONFIG"] = str(config)
    return subprocess.run(
        [sys.executable, "-m", "bedside", *args],
        capture_output=True,
        text=True,
        env={**base, **(env or {})},
        cwd=REPO,
        timeout=120,
    )


def test_with_nothing_configured_sync_says_so_and_points_to_the_demo_with_exit_code_2(
    tmp_path: Path,
) -> None:
    result = _run(tmp_path, "sync", "--once")
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Bedside is not set up on this device" in result.stdout
    assert "names no EHR (ehr.base_url)" in result.stdout
    assert "bedside demo" in result.stdout
    assert "docs/settings.md" in result.stdout
    assert "downloaded" not in result.stdout  # no silent sync of the sandbox


def test_a_named_settings_file_that_does_not_exist_stops_every_command_with_exit_code_2(
    tmp_path: Path,
) -> None:
    missing = tmp_path / "typo.toml"
    for command in (["sync", "--once"], ["run"], ["settings"], ["enroll"]):
        result = _run(tmp_path, *command, env={"BEDSIDE_CONFIG": str(missing)})
        assert result.returncode == 2, (command, result.stdout, result.stderr)
        assert f"The settings file {missing} does not exist" in result.stderr + result.stdout
    flagged = _run(tmp_path, "sync", "--once", "--config", str(missing))
    assert flagged.returncode == 2
    assert "does not exist" in flagged.stderr


def test_bedside_with_nothing_configured_says_so_in_one_sentence_instead_of_running_the_demo(
    tmp_path: Path,
) -> None:
    for command in ([], ["run"]):
        result = _run(tmp_path, *command, env={"QT_QPA_PLATFORM": "offscreen"})
        assert result.returncode == 2, result.stdout + result.stderr
        [sentence] = [line for line in result.stderr.splitlines() if line.startswith("bedside:")]
        assert "Bedside is not set up on this device" in sentence
        assert "`bedside demo`" in sentence
        assert "docs/settings.md" in sentence


def test_an_unreachable_ehr_is_reported_in_plain_words_with_exit_code_1(tmp_path: Path) -> None:
    demo = tmp_path / "tablet"
    empty_config = tmp_path / "empty.toml"
    empty_config.write_text("")
    env = {
        "BEDSIDE_EHR__BASE_URL": "http://127.0.0.1:9/",
        "BEDSIDE_EHR__CLIENT_ID": "tablet-1",
        "BEDSIDE_EHR__AUTH_METHOD": "client_secret_post",
        "BEDSIDE_DEVICE__SITE_ID": "site-a",
        "BEDSIDE_DEVICE__SCOPE": "ward",
        "BEDSIDE_DEVICE__LOCATION_ID": "ward-3",
    }
    enrolled = subprocess.run(
        [
            sys.executable,
            "-m",
            "bedside",
            "enroll",
            "--client-secret-stdin",
            "--demo-dir",
            str(demo),
        ],
        input="s3cret\n",
        capture_output=True,
        text=True,
        env={
            **{k: v for k, v in os.environ.items() if not k.startswith("BEDSIDE_")},
            **env,
            "BEDSIDE_CONFIG": str(empty_config),
        },
        cwd=REPO,
        timeout=60,
    )
    assert enrolled.returncode == 0, enrolled.stdout + enrolled.stderr
    result = _run(tmp_path, "sync", "--once", "--demo-dir", str(demo), env=env)
    assert result.returncode == 1
    assert "stopped: The EHR's sign-in service cannot be reached." in result.stdout
    assert "s3cret" not in result.stdout + result.stderr


def test_a_device_that_is_not_set_up_gets_exit_code_2_and_what_is_missing(tmp_path: Path) -> None:
    result = _run(
        tmp_path,
        "sync",
        "--once",
        "--demo-dir",
        str(tmp_path / "tablet"),
        env={
            "BEDSIDE_EHR__BASE_URL": "https://ehr.example.org/fhir",
            "BEDSIDE_EHR__CLIENT_ID": "tablet-1",
            "BEDSIDE_DEVICE__SITE_ID": "site-a",
            "BEDSIDE_DEVICE__SCOPE": "bed",
            "BEDSIDE_DEVICE__LOCATION_ID": "bed-12",
        },
    )
    assert result.returncode == 2
    assert "no signing key yet" in result.stdout
    assert "bedside enroll" in result.stdout


def test_enrolling_prints_the_same_public_key_every_time_and_never_the_private_half(
    tmp_path: Path,
) -> None:
    env = {"BEDSIDE_DEVICE__SITE_ID": "site-a", "BEDSIDE_EHR__CLIENT_ID": "tablet-1"}
    demo = str(tmp_path / "tablet")
    first = _run(tmp_path, "enroll", "--demo-dir", demo, env=env)
    second = _run(tmp_path, "enroll", "--demo-dir", demo, env=env)
    assert first.returncode == 0, first.stdout + first.stderr
    jwks = json.loads(first.stdout)
    [key] = jwks["keys"]
    assert key["kty"] == "EC"
    assert key["crv"] == "P-384"
    assert "d" not in key  # the private scalar stays in the key store
    assert first.stdout == second.stdout


def _bedside_enroll(demo: Path) -> list[str]:
    return [sys.executable, "-m", "bedside", "enroll", "--demo-dir", str(demo)]


def test_enrolling_keeps_the_directory_password_read_from_stdin_in_the_key_store(
    tmp_path: Path,
) -> None:
    from bedside.app.directory import bind_password_name
    from bedside.store import DemoKeyFile

    env = {"BEDSIDE_DEVICE__SITE_ID": "site-a", "BEDSIDE_EHR__CLIENT_ID": "tablet-1"}
    demo = tmp_path / "tablet"
    config = tmp_path / "bedside.toml"
    config.write_text("")
    base = {k: v for k, v in os.environ.items() if not k.startswith("BEDSIDE_")}
    result = subprocess.run(
        [*_bedside_enroll(demo), "--directory-password-stdin"],
        input=" pass with spaces \n",
        capture_output=True,
        text=True,
        env={**base, **env, "BEDSIDE_CONFIG": str(config)},
        cwd=REPO,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "service account's password is stored in the key store" in result.stdout
    assert "pass with spaces" not in result.stdout + result.stderr
    stored = DemoKeyFile(demo).get_key(bind_password_name("site-a"))
    assert stored == b" pass with spaces "
