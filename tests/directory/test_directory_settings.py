"""The [directory] settings and staff.signin: what is accepted, and the sentence for what is not."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bedside.settings import Settings, SettingsError, load_settings


def load(tmp_path: Path, text: str) -> Settings:
    path = tmp_path / "bedside.toml"
    path.write_text(text)
    return load_settings(config_file=path, environ={})


def test_ehr_sign_in_is_the_default_and_no_directory_is_configured(tmp_path: Path) -> None:
    settings = load(tmp_path, "")
    assert settings.staff.signin == "ehr"
    assert settings.directory.url is None
    assert settings.directory.missing() == ["url", "base_dn"]
    assert (settings.staff.shift_h, settings.staff.pin_min_length) == (12.0, 6)


def test_a_directory_over_ldaps_or_starttls_is_accepted(tmp_path: Path) -> None:
    for url in ("ldaps://dc1.hospital.example", "ldap://dc1.hospital.example:389"):
        settings = load(
            tmp_path,
            f'[staff]\nsignin = "directory"\n[directory]\nurl = "{url}"\n'
            'base_dn = "OU=Staff,DC=hospital,DC=example"\n',
        )
        assert settings.directory.url == url
        assert settings.directory.missing() == []


@pytest.mark.parametrize(
    "url",
    [
        "https://dc9.hospital.test",
        "dc9.hospital.test",
        "ldaps://",
        "ldaps://admin@dc9.hospital.test",
        "ldaps://dc9.hospital.test/OU=Staff",
    ],
)
def test_a_directory_url_that_is_not_ldaps_or_ldap_host_is_refused_in_words(
    tmp_path: Path, url: str
) -> None:
    with pytest.raises(SettingsError) as caught:
        load(tmp_path, f'[directory]\nurl = "{url}"\n')
    message = str(caught.value)
    assert "directory.url" in message
    assert "ldaps://" in message
    if url != "ldaps://":  # (that one is also the expected scheme, so it is in the sentence)
        assert url not in message  # the value itself is never repeated


def test_a_password_in_the_directory_section_is_refused_with_a_pointer_to_the_key_store(
    tmp_path: Path,
) -> None:
    with pytest.raises(SettingsError) as caught:
        load(tmp_path, '[directory]\nbind_password = "hunter2"\n')
    assert "key store" in str(caught.value)
    assert "hunter2" not in str(caught.value)


def test_attribute_names_and_the_filter_must_look_like_ldap(tmp_path: Path) -> None:
    with pytest.raises(SettingsError) as caught:
        load(
            tmp_path,
            '[directory]\nbadge_attribute = "employeeID)(uid=*"\n'
            'user_filter = "objectClass=person"\n',
        )
    assert "directory.badge_attribute" in str(caught.value)
    assert "directory.user_filter" in str(caught.value)


def test_the_bind_password_file_and_the_ca_bundle_must_exist(tmp_path: Path) -> None:
    with pytest.raises(SettingsError) as caught:
        load(
            tmp_path,
            f'[directory]\nca_bundle = "{tmp_path}/none.pem"\n'
            f'bind_password_file = "{tmp_path}/none.txt"\n',
        )
    assert "directory.ca_bundle" in str(caught.value)
    assert "directory.bind_password_file" in str(caught.value)


def test_a_sign_in_method_that_does_not_exist_lists_the_two_there_are(tmp_path: Path) -> None:
    with pytest.raises(SettingsError) as caught:
        load(tmp_path, '[staff]\nsignin = "oidc"\n')
    assert "'ehr' or 'directory'" in str(caught.value)


def test_the_example_in_the_it_guide_is_valid_directory_sign_in(tmp_path: Path) -> None:
    guide = (Path(__file__).parents[2] / "docs" / "it-guide.md").read_text(encoding="utf-8")
    (example,) = re.findall(r"```toml\n(.*?)```", guide, flags=re.DOTALL)
    password = tmp_path / "directory-password"
    password.write_text("synthetic\n")
    example = example.replace("/etc/bedside/directory-password", str(password))
    settings = load(tmp_path, example)
    assert settings.staff.signin == "directory"
    assert settings.directory.missing() == []
    assert settings.directory.bind_password_file == password
