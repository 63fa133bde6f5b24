"""The settings registry: defaults, the TOML file, the environment, overrides, and clear errors.

Every test passes its own environment (a dict) and its own file; nothing touches os.environ.
"""

from __future__ import annotations

import re
from pathlib import Path

import pydantic
import pytest

import bedside.settings as settings_module
from bedside.settings import (
    Settings,
    SettingsError,
    default_config_file,
    default_data_dir,
    load_settings,
    parse_time_table,
)

REPO = Path(__file__).resolve().parents[1]

WARD_TABLET = """
[ehr]
base_url = "https://ehr.chu-nord.example/fhir/r4"
client_id = "bedside-3west-01"
timeout_s = 45

[device]
site_id = "chu-nord"
scope = "ward"
location_id = "ward-3west"

[sync]
pull_interval_s = 300
"""


def write(tmp_path: Path, text: str, name: str = "bedside.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def error_of(**kwargs: object) -> str:
    with pytest.raises(SettingsError) as caught:
        load_settings(**kwargs)  # type: ignore[arg-type]
    return str(caught.value)


@pytest.fixture
def no_machine_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the platform's machine-wide file at a path that does not exist."""
    absent = tmp_path / "etc" / "bedside.toml"
    monkeypatch.setattr(settings_module, "default_config_file", lambda **_: absent)
    return absent


@pytest.fixture
def ward_file(tmp_path: Path) -> Path:
    return write(tmp_path, WARD_TABLET)


# --- where values come from -----------------------------------------------------------------


def test_without_a_file_or_environment_every_setting_has_its_default(no_machine_file: Path) -> None:
    settings = load_settings(environ={})
    assert settings.is_demo
    assert settings.config_file is None
    assert settings.ehr.base_url is None
    assert settings.ehr.auth_method == "private_key_jwt"
    assert settings.ehr.scopes == "system/*.read system/*.write"
    assert settings.ehr.timeout_s == 20
    assert settings.ehr.connect_timeout_s == 5
    assert settings.sync.pull_interval_s == 120
    assert settings.sync.push_delay_s == 1.0
    assert settings.sync.reconcile_interval_s == 900
    assert settings.sync.offline_probe_s == 15
    assert settings.sync.retry_attempts == 4
    assert settings.sync.retry_max_wait_s == 30
    assert settings.sync.page_size == 500
    assert settings.log.level == "INFO"
    assert {row.source for row in settings.describe()} == {"default"}


def test_values_in_the_file_are_used_and_their_source_names_the_file(ward_file: Path) -> None:
    settings = load_settings(config_file=ward_file, environ={})
    assert not settings.is_demo
    assert str(settings.ehr.base_url) == "https://ehr.chu-nord.example/fhir/r4"
    assert settings.ehr.timeout_s == 45
    assert settings.device.scope == "ward"
    assert settings.device.location_id == "ward-3west"
    assert settings.sync.pull_interval_s == 300
    assert settings.config_file == ward_file
    assert settings.source("ehr.timeout_s") == f"file {ward_file}"
    assert settings.source("sync.page_size") == "default"


def test_bedside_config_names_the_file_to_read(ward_file: Path) -> None:
    settings = load_settings(environ={"BEDSIDE_CONFIG": str(ward_file)})
    assert settings.device.site_id == "chu-nord"
    assert settings.source("device.site_id") == f"file {ward_file}"


def test_an_environment_variable_beats_the_file(ward_file: Path) -> None:
    settings = load_settings(config_file=ward_file, environ={"BEDSIDE_EHR__TIMEOUT_S": "60"})
    assert settings.ehr.timeout_s == 60
    assert settings.source("ehr.timeout_s") == "env BEDSIDE_EHR__TIMEOUT_S"
    assert settings.source("ehr.client_id") == f"file {ward_file}"


def test_an_override_beats_the_environment(ward_file: Path) -> None:
    settings = load_settings(
        config_file=ward_file,
        environ={"BEDSIDE_EHR__TIMEOUT_S": "60"},
        overrides={"ehr.timeout_s": 90, "log.level": "DEBUG"},
    )
    assert settings.ehr.timeout_s == 90
    assert settings.log.level == "DEBUG"
    assert settings.source("ehr.timeout_s") == "override"


def test_source_tells_default_file_environment_and_override_apart(ward_file: Path) -> None:
    settings = load_settings(
        config_file=ward_file,
        environ={"BEDSIDE_SYNC__PAGE_SIZE": "200"},
        overrides={"log.level": "WARNING"},
    )
    assert settings.source("sync.retry_attempts") == "default"
    assert settings.source("ehr.base_url") == f"file {ward_file}"
    assert settings.source("sync.page_size") == "env BEDSIDE_SYNC__PAGE_SIZE"
    assert settings.source("log.level") == "override"
    with pytest.raises(KeyError, match=r"ehr\.nope"):
        settings.source("ehr.nope")


def test_an_empty_environment_variable_clears_an_optional_setting_from_the_file(
    ward_file: Path,
) -> None:
    settings = load_settings(
        config_file=ward_file,
        environ={
            "BEDSIDE_EHR__BASE_URL": "",
            "BEDSIDE_EHR__CLIENT_ID": "",
            "BEDSIDE_DEVICE__SCOPE": "",
        },
    )
    assert settings.is_demo
    assert settings.device.scope is None
    assert settings.source("ehr.base_url") == "env BEDSIDE_EHR__BASE_URL"


def test_environment_variable_names_are_not_case_sensitive(no_machine_file: Path) -> None:
    settings = load_settings(environ={"bedside_log__level": "ERROR"})
    assert settings.log.level == "ERROR"
    assert settings.source("log.level") == "env bedside_log__level"


def test_other_bedside_variables_that_are_not_settings_are_left_alone(
    no_machine_file: Path,
) -> None:
    settings = load_settings(
        environ={"BEDSIDE_SANDBOX_SECRET": "s3cret", "BEDSIDE_SANDBOX_ADMIN_TOKEN": "t"}
    )
    assert settings.is_demo


def test_settings_cannot_be_changed_once_loaded(no_machine_file: Path) -> None:
    settings = load_settings(environ={})
    with pytest.raises(pydantic.ValidationError):
        settings.sync.page_size = 20  # type: ignore[misc]


def test_settings_built_directly_report_given_values_as_overrides() -> None:
    settings = Settings(sync=settings_module.SyncSettings(page_size=50))
    assert settings.source("sync.page_size") == "override"
    assert settings.source("sync.pull_interval_s") == "default"


# --- errors ---------------------------------------------------------------------------------


def test_a_missing_machine_wide_file_means_defaults(no_machine_file: Path) -> None:
    settings = load_settings(environ={})
    assert settings.is_demo
    assert settings.config_file is None


@pytest.mark.parametrize("how", ["environment", "argument"])
def test_a_named_settings_file_that_does_not_exist_is_an_error_not_a_warning(
    tmp_path: Path, how: str
) -> None:
    missing = tmp_path / "nope.toml"
    named = (
        {"environ": {"BEDSIDE_CONFIG": str(missing)}}
        if how == "environment"
        else {"config_file": missing, "environ": {}}
    )
    with pytest.raises(SettingsError) as caught:
        load_settings(**named)  # type: ignore[arg-type]
    assert f"The settings file {missing} does not exist" in str(caught.value)


def test_a_directory_instead_of_a_file_is_an_error(tmp_path: Path) -> None:
    assert "is a directory" in error_of(config_file=tmp_path, environ={})


def test_invalid_toml_is_an_error_with_its_position(tmp_path: Path) -> None:
    path = write(tmp_path, "[ehr]\nbase_url = https://oops\n")
    message = error_of(config_file=path, environ={})
    assert message.startswith(f"The settings file {path} is not valid TOML")
    assert "line 2" in message
    assert "Traceback" not in message


def test_a_file_that_is_not_utf8_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "bedside.toml"
    path.write_bytes(b'[log]\nlevel = "\xff"\n')
    assert "not UTF-8" in error_of(config_file=path, environ={})


def test_an_unknown_key_in_the_file_is_an_error_naming_it(tmp_path: Path) -> None:
    path = write(tmp_path, '[ehr]\nbase_ulr = "https://ehr.example.org/fhir"\n')
    message = error_of(config_file=path, environ={})
    assert message == (
        f"The settings file {path} has an unknown setting 'base_ulr' in [ehr] "
        "(did you mean 'base_url'?)."
    )


def test_an_unknown_section_in_the_file_is_an_error_naming_it(tmp_path: Path) -> None:
    path = write(tmp_path, "[synk]\npage_size = 100\n")
    message = error_of(config_file=path, environ={})
    assert "unknown section [synk] (did you mean 'sync'?)" in message


def test_a_setting_outside_any_section_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, 'ehr = "https://ehr.example.org"\n')
    assert "[ehr] must be a section" in error_of(config_file=path, environ={})


def test_a_secret_in_the_file_is_refused_with_a_pointer_to_the_key_store(tmp_path: Path) -> None:
    path = write(tmp_path, '[ehr]\nclient_secret = "hunter2-very-secret"\n')
    message = error_of(config_file=path, environ={})
    assert "'client_secret'" in message
    assert "key store" in message
    assert "hunter2" not in message


def test_a_bad_type_in_the_environment_is_an_error_naming_the_variable(
    no_machine_file: Path,
) -> None:
    message = error_of(environ={"BEDSIDE_SYNC__PULL_INTERVAL_S": "two minutes"})
    assert message == (
        "The setting sync.pull_interval_s (environment variable BEDSIDE_SYNC__PULL_INTERVAL_S) "
        "must be a whole number from 10 to 3600."
    )


def test_a_value_out_of_range_in_the_file_names_the_file_and_the_key(tmp_path: Path) -> None:
    path = write(tmp_path, "[ehr]\nconnect_timeout_s = 0.1\n")
    assert error_of(config_file=path, environ={}) == (
        f"The setting ehr.connect_timeout_s (file {path}, key connect_timeout_s in [ehr]) "
        "must be a number from 0.5 to 60."
    )


def test_a_value_outside_a_choice_lists_the_choices(no_machine_file: Path) -> None:
    message = error_of(environ={"BEDSIDE_DEVICE__SCOPE": "room"})
    assert message.endswith("must be one of 'ward' or 'bed'.")


def test_an_unknown_environment_setting_is_an_error_naming_the_variable(
    no_machine_file: Path,
) -> None:
    message = error_of(environ={"BEDSIDE_LOG__LEVLE": "DEBUG"})
    assert "BEDSIDE_LOG__LEVLE" in message
    assert "(did you mean 'level'?)" in message


def test_a_single_underscore_after_the_section_is_caught_as_a_typo(no_machine_file: Path) -> None:
    message = error_of(environ={"BEDSIDE_EHR_BASE_URL": "https://ehr.example.org/fhir"})
    assert "BEDSIDE_EHR_BASE_URL is not a Bedside setting" in message
    assert "BEDSIDE_EHR__BASE_URL" in message


def test_an_unknown_override_is_an_error(no_machine_file: Path) -> None:
    assert "'sync.page' is not a setting" in error_of(environ={}, overrides={"sync.page": 10})


def test_error_messages_never_repeat_the_value(tmp_path: Path) -> None:
    path = write(tmp_path, '[device]\nsite_id = "Marie Dupont 1952"\n')
    message = error_of(
        config_file=path,
        environ={"BEDSIDE_EHR__TIMEOUT_S": "Jean-Paul Martin"},
        overrides={"device.location_id": "bed of Anne Müller"},
    )
    for value in ("Marie", "Jean-Paul", "Anne"):
        assert value not in message


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    path = write(tmp_path, "[ehr]\ntimeout_s = 0\nnope = 1\n")
    with pytest.raises(SettingsError) as caught:
        load_settings(config_file=path, environ={"BEDSIDE_SYNC__PAGE_SIZE": "5"})
    assert len(caught.value.problems) == 3
    assert str(caught.value).startswith("3 problems in Bedside's settings:\n- ")


def test_a_settings_error_does_not_chain_the_pydantic_error(no_machine_file: Path) -> None:
    with pytest.raises(SettingsError) as caught:
        load_settings(environ={"BEDSIDE_SYNC__PAGE_SIZE": "many"})
    assert caught.value.__cause__ is None
    assert caught.value.__suppress_context__


# --- the EHR connection ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["http://ehr.example.org/fhir", "http://10.0.0.5/fhir", "http://localhost.evil.example/"]
)
def test_http_to_a_host_other_than_this_machine_is_refused(no_machine_file: Path, url: str) -> None:
    message = error_of(environ={"BEDSIDE_EHR__BASE_URL": url})
    assert "ehr.base_url (environment variable BEDSIDE_EHR__BASE_URL)" in message
    assert "must be an https URL" in message


@pytest.mark.parametrize(
    "url", ["http://localhost:8080/fhir", "http://127.0.0.1:8080/fhir", "http://[::1]:8080/fhir"]
)
def test_http_to_this_machine_is_allowed(no_machine_file: Path, url: str) -> None:
    settings = load_settings(
        environ={},
        overrides={
            "ehr.base_url": url,
            "ehr.client_id": "dev",
            "device.site_id": "dev",
            "device.scope": "bed",
            "device.location_id": "bed-1",
        },
    )
    assert str(settings.ehr.base_url) == url


def test_http_to_this_machine_is_allowed_for_the_token_endpoint_too(
    no_machine_file: Path,
) -> None:
    settings = load_settings(environ={"BEDSIDE_EHR__TOKEN_ENDPOINT": "http://127.0.0.1:9/token"})
    assert settings.ehr.token_endpoint is not None
    assert "must be an https URL" in error_of(
        environ={"BEDSIDE_EHR__TOKEN_ENDPOINT": "http://auth.example.org/token"}
    )


def test_a_url_carrying_credentials_is_refused(no_machine_file: Path) -> None:
    message = error_of(environ={"BEDSIDE_EHR__BASE_URL": "https://tablet:pa55@ehr.example.org/"})
    assert "must not contain a user name or password" in message
    assert "pa55" not in message


def test_a_url_that_is_not_a_url_is_refused(no_machine_file: Path) -> None:
    message = error_of(environ={"BEDSIDE_EHR__BASE_URL": "ehr.example.org"})
    assert message.endswith("must be an http(s) URL such as https://ehr.example.org/fhir.")


def test_an_ehr_without_the_device_identity_lists_what_is_missing(no_machine_file: Path) -> None:
    message = error_of(
        environ={
            "BEDSIDE_EHR__BASE_URL": "https://ehr.example.org/fhir",
            "BEDSIDE_DEVICE__SCOPE": "ward",
        }
    )
    assert message == (
        "An EHR is configured (ehr.base_url), so these settings are required too: "
        "ehr.client_id (BEDSIDE_EHR__CLIENT_ID), device.site_id (BEDSIDE_DEVICE__SITE_ID), "
        "device.location_id (BEDSIDE_DEVICE__LOCATION_ID)."
    )


def test_ids_must_be_plain(no_machine_file: Path) -> None:
    message = error_of(environ={"BEDSIDE_DEVICE__SITE_ID": "chu nord/../x"})
    assert "must be an id of 1 to 64 letters, digits, '-' or '.'" in message


def test_the_ca_bundle_must_exist(no_machine_file: Path, tmp_path: Path) -> None:
    message = error_of(environ={"BEDSIDE_EHR__CA_BUNDLE": str(tmp_path / "missing.pem")})
    assert "ehr.ca_bundle (environment variable BEDSIDE_EHR__CA_BUNDLE)" in message
    assert "must be an existing file" in message
    bundle = tmp_path / "site-ca.pem"
    bundle.write_text("-----BEGIN CERTIFICATE-----\n")
    assert load_settings(environ={"BEDSIDE_EHR__CA_BUNDLE": str(bundle)}).ehr.ca_bundle == bundle


def test_paths_must_be_absolute(no_machine_file: Path) -> None:
    message = error_of(environ={"BEDSIDE_LOG__DIR": "logs"})
    assert message.endswith("must be an absolute path.")


# --- where files live -----------------------------------------------------------------------


def test_the_machine_wide_file_has_a_place_on_each_platform() -> None:
    assert default_config_file(platform="linux", environ={}) == Path("/etc/bedside/bedside.toml")
    assert default_config_file(platform="freebsd14", environ={}) == Path(
        "/etc/bedside/bedside.toml"
    )
    assert default_config_file(platform="darwin", environ={}) == Path(
        "/Library/Application Support/Bedside/bedside.toml"
    )
    windows = default_config_file(platform="win32", environ={"PROGRAMDATA": r"D:\ProgramData"})
    assert windows == Path(r"D:\ProgramData") / "Bedside" / "bedside.toml"


def test_the_data_directory_has_a_default_on_each_platform() -> None:
    home = {"HOME": "/home/nurse"}
    assert default_data_dir(platform="linux", environ=home) == Path(
        "/home/nurse/.local/share/bedside"
    )
    assert default_data_dir(
        platform="linux", environ={**home, "XDG_DATA_HOME": "/data/nurse"}
    ) == Path("/data/nurse/bedside")
    # A relative XDG_DATA_HOME is invalid by the XDG spec and is ignored.
    assert default_data_dir(platform="linux", environ={**home, "XDG_DATA_HOME": "rel"}) == Path(
        "/home/nurse/.local/share/bedside"
    )
    assert default_data_dir(platform="darwin", environ=home) == Path(
        "/home/nurse/Library/Application Support/Bedside"
    )
    assert default_data_dir(platform="win32", environ={"LOCALAPPDATA": r"C:\L"}) == (
        Path(r"C:\L") / "Bedside"
    )


def test_the_resolved_data_directory_is_the_setting_or_the_platform_default(
    no_machine_file: Path, tmp_path: Path
) -> None:
    environ = {"HOME": "/home/nurse", "XDG_DATA_HOME": str(tmp_path / "xdg")}
    default = load_settings(environ=environ)
    assert default.device.resolved_data_dir() == tmp_path / "xdg" / "bedside"
    assert default.resolved_data_dir() == tmp_path / "xdg" / "bedside"
    chosen = load_settings(environ={**environ, "BEDSIDE_DEVICE__DATA_DIR": str(tmp_path / "c")})
    assert chosen.device.resolved_data_dir() == tmp_path / "c"
    assert chosen.resolved_data_dir() == tmp_path / "c"


# --- the registry ---------------------------------------------------------------------------


def test_describe_lists_every_setting_with_a_description_type_and_variable(
    no_machine_file: Path,
) -> None:
    rows = load_settings(environ={"BEDSIDE_SYNC__PAGE_SIZE": "100"}).describe()
    names = [row.name for row in rows]
    expected_sections = {
        "ehr": Settings.model_fields["ehr"],
        "device": Settings.model_fields["device"],
        "sync": Settings.model_fields["sync"],
        "staff": Settings.model_fields["staff"],
        "directory": Settings.model_fields["directory"],
        "medication": Settings.model_fields["medication"],
        "meals": Settings.model_fields["meals"],
        "patient": Settings.model_fields["patient"],
        "log": Settings.model_fields["log"],
    }
    every = [
        f"{section}.{field}"
        for section, info in expected_sections.items()
        for field in info.annotation.model_fields  # type: ignore[union-attr]
    ]
    assert names == every
    assert len(names) == 51
    for row in rows:
        assert len(row.description) > 20, row.name
        assert row.type, row.name
        assert re.fullmatch(r"BEDSIDE_[A-Z]+__[A-Z_]+", row.env_var), row.name
    page = next(row for row in rows if row.name == "sync.page_size")
    assert (page.type, page.default, page.value, page.source) == (
        "whole number, 10–1000",
        500,
        100,
        "env BEDSIDE_SYNC__PAGE_SIZE",
    )
    scope = next(row for row in rows if row.name == "device.scope")
    assert scope.type == "one of: ward, bed (optional)"


def test_the_settings_document_lists_every_setting_and_its_variable(
    no_machine_file: Path,
) -> None:
    document = (REPO / "docs" / "settings.md").read_text(encoding="utf-8")
    for row in load_settings(environ={}).describe():
        assert f"`{row.name}`" in document, row.name
        assert f"`{row.env_var}`" in document, row.env_var


@pytest.mark.parametrize("example", ["ward", "bed"])
def test_the_example_files_in_the_settings_document_are_valid(tmp_path: Path, example: str) -> None:
    document = (REPO / "docs" / "settings.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```toml\n(.*?)```", document, flags=re.DOTALL)
    (text,) = [block for block in blocks if f'scope = "{example}"' in block]
    settings = load_settings(config_file=write(tmp_path, text), environ={})
    assert settings.device.scope == example
    assert not settings.is_demo


def test_a_medication_time_table_that_is_not_code_equals_times_is_refused(
    no_machine_file: Path,
) -> None:
    with pytest.raises(SettingsError, match=r"medication\.when_times"):
        load_settings(environ={"BEDSIDE_MEDICATION__WHEN_TIMES": "MORN 8h"})
    settings = load_settings(environ={"BEDSIDE_MEDICATION__WHEN_TIMES": "MORN=07:45 C=08:00,12:15"})
    assert parse_time_table(settings.medication.when_times) == {
        "MORN": ((7, 45),),
        "C": ((8, 0), (12, 15)),
    }


def test_a_time_zone_that_is_not_an_iana_name_is_refused(no_machine_file: Path) -> None:
    with pytest.raises(SettingsError, match=r"device\.time_zone"):
        load_settings(environ={"BEDSIDE_DEVICE__TIME_ZONE": "Paris/Rive-Gauche"})


def test_the_site_time_zone_is_the_one_configured(no_machine_file: Path) -> None:
    settings = load_settings(environ={"BEDSIDE_DEVICE__TIME_ZONE": "Europe/Berlin"})
    assert str(settings.device.zone()) == "Europe/Berlin"
