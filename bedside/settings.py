"""The settings registry: every machine-wide setting, its type, default, description and source.

Owns reading configuration — the machine-wide TOML file hospital IT deploys through MDM,
``BEDSIDE_<SECTION>__<NAME>`` environment variables, and overrides handed in by code (CLI
flags) — validating it, and remembering where each value came from. Precedence, highest first::

    overrides (code, CLI flags)  >  environment  >  the TOML file  >  defaults

It must not hold secrets: the client secret, the device's private key and the cache key live in
the operating system's key store (see :mod:`bedside.store`). It must not import the rest of the
app either; the composition root reads a :class:`Settings` and hands plain values to each layer.

Every problem — an unreadable file, invalid TOML, an unknown key, a wrong type — becomes one
:class:`SettingsError` whose message names the setting, where the value came from and what is
expected. Messages never repeat a value: a mistyped secret pasted into the wrong place must not
end up in a log.

The TOML file and the environment are read here with :mod:`tomllib` and a plain scan of the
environment rather than through pydantic-settings' sources, because those neither say which
source supplied which value nor accept an injected environment, and both are needed: the
registry shows the source of every value, and tests pass their own environment.
"""

from __future__ import annotations

import difflib
import ipaddress
import logging
import os
import sys
import tomllib
import types
import typing
import zoneinfo
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import Any, Literal

from pydantic import (
    AnyHttpUrl,
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic.fields import FieldInfo

from bedside.models.meal_times import parse_service_table

log = logging.getLogger(__name__)

ENV_PREFIX = "BEDSIDE_"
ENV_DELIMITER = "__"
CONFIG_ENV_VAR = "BEDSIDE_CONFIG"

# Site, ward and bed ids become FHIR ids, file names and sync-state keys: keep them plain.
ID_PATTERN = r"^[A-Za-z0-9\-\.]{1,64}$"
LOOPBACK_NAMES = frozenset({"localhost"})

# Unknown keys whose names look like credentials get a pointer to the key store.
_SECRET_HINTS = ("secret", "password", "passphrase", "private_key", "privatekey", "cache_key")


class SettingsError(Exception):
    """The configuration cannot be used; ``str(error)`` says what to fix, in plain words.

    :attr:`problems` holds one sentence per problem found (every problem is reported at once, so
    IT can fix an MDM profile in one pass).
    """

    def __init__(self, problems: list[str]) -> None:
        self.problems = tuple(problems)
        if len(problems) == 1:
            message = problems[0]
        else:
            message = f"{len(problems)} problems in Bedside's settings:\n" + "\n".join(
                f"- {problem}" for problem in problems
            )
        super().__init__(message)


def _is_loopback(host: str) -> bool:
    host = host.strip("[]").lower()
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _check_server_url(url: AnyHttpUrl | None, *, allow_query: bool) -> AnyHttpUrl | None:
    if url is None:
        return None
    if url.username is not None or url.password is not None:
        # Credentials in a URL would be a secret in the settings; they belong in the key store.
        raise ValueError("must not contain a user name or password (secrets go in the key store)")
    if url.fragment is not None:
        raise ValueError("must not contain a '#' fragment")
    if not allow_query and url.query is not None:
        raise ValueError("must not contain a '?' query")
    if url.scheme != "https" and not _is_loopback(url.host or ""):
        # Patient data and tokens travel over this connection; plain http is only tolerable
        # when it never leaves the machine (the sandbox, a local proxy).
        raise ValueError(
            "must be an https URL (http is allowed only to this machine: "
            "localhost, 127.0.0.1 or ::1)"
        )
    return url


def _absolute(path: Path | None) -> Path | None:
    if path is None:
        return None
    path = path.expanduser()
    if not path.is_absolute():
        # Relative to what? The working directory of a service differs from a shell's, and an
        # MDM profile has no directory of its own: ask for absolute paths instead of guessing.
        raise ValueError("must be an absolute path")
    return path


class _Section(BaseModel):
    # Frozen: settings are read once at start; nothing changes them behind the registry's back.
    # extra="forbid" is the last line of defence; the loader reports unknown keys more kindly.
    model_config = ConfigDict(frozen=True, extra="forbid")


class EhrSettings(_Section):
    """Which EHR this device talks to, and how it proves who it is (the proof is a secret)."""

    base_url: AnyHttpUrl | None = Field(
        default=None,
        description=(
            "FHIR R4 base URL of the hospital EHR. Empty: no EHR is configured and Bedside runs "
            "the demo on its embedded sandbox. https only (http only to localhost, 127.0.0.1, ::1)."
        ),
    )
    client_id: str | None = Field(
        default=None,
        min_length=1,
        description="OAuth client id under which IT registered this device with the EHR.",
    )
    auth_method: Literal["private_key_jwt", "client_secret_basic", "client_secret_post"] = Field(
        default="private_key_jwt",
        description=(
            "How the device proves who it is at the token endpoint: a JWT signed with the "
            "device's own key (SMART Backend Services), or a shared client secret sent with "
            "HTTP Basic or in the form. The key or secret itself lives in the OS key store."
        ),
    )
    scopes: str = Field(
        default="system/*.read system/*.write",
        min_length=1,
        description="OAuth scopes requested with every token, separated by spaces.",
    )
    token_endpoint: AnyHttpUrl | None = Field(
        default=None,
        description=(
            "Token endpoint URL; the device's secret or signed assertion goes only there. Empty: "
            "discovered from the EHR's .well-known/smart-configuration and used only when it is "
            "on the EHR's own origin (the scheme, host and port of ehr.base_url); set it when the "
            "sign-in service is on another server."
        ),
    )
    ca_bundle: Path | None = Field(
        default=None,
        description=(
            "Absolute path to a PEM file of extra CA certificates to trust for the EHR, on top "
            "of the operating system's certificate store. Must exist when set."
        ),
    )
    timeout_s: float = Field(
        default=20.0,
        ge=1,
        le=300,
        description="Seconds to wait for the EHR to answer one request.",
    )
    connect_timeout_s: float = Field(
        default=5.0,
        ge=0.5,
        le=60,
        description="Seconds to wait for a connection to the EHR before calling it offline.",
    )

    @field_validator("base_url")
    @classmethod
    def _base_url(cls, value: AnyHttpUrl | None) -> AnyHttpUrl | None:
        return _check_server_url(value, allow_query=False)

    @field_validator("token_endpoint")
    @classmethod
    def _token_endpoint(cls, value: AnyHttpUrl | None) -> AnyHttpUrl | None:
        return _check_server_url(value, allow_query=True)

    @field_validator("ca_bundle")
    @classmethod
    def _ca_bundle(cls, value: Path | None) -> Path | None:
        path = _absolute(value)
        if path is not None and not path.is_file():
            raise ValueError("must be an existing file (no file at that path)")
        return path


class DeviceSettings(_Section):
    """What this device is: its site, whether it serves a ward or a bed, and where its cache is."""

    site_id: str | None = Field(
        default=None,
        pattern=ID_PATTERN,
        description=(
            "Id of the hospital site; names the encrypted cache and its key in the key store."
        ),
    )
    scope: Literal["ward", "bed"] | None = Field(
        default=None,
        description=(
            "What the device serves: 'ward' (a nurses' tablet: every patient of the ward) or "
            "'bed' (a patient's tablet: that bed's patient only)."
        ),
    )
    location_id: str | None = Field(
        default=None,
        pattern=ID_PATTERN,
        description=(
            "FHIR Location id of the ward or of the bed this device serves (as device.scope says)."
        ),
    )
    hospital_number_system: str = Field(
        default="urn:oid:1.2.250.1.71.4.2.7",
        min_length=1,
        description=(
            "Identifier system of the hospital patient number printed on the wristband (IPP); "
            "the ward list shows the identifier with this system. Each hospital has its own."
        ),
    )
    time_zone: str | None = Field(
        default=None,
        description=(
            "IANA time zone of the site (e.g. Europe/Paris, Europe/Berlin): dose times, 'today' "
            "and every time shown are local to it. Empty: the device's own time zone."
        ),
    )
    data_dir: Path | None = Field(
        default=None,
        description=(
            "Absolute path of the directory holding the encrypted cache. Empty: the platform "
            "default ($XDG_DATA_HOME/bedside or ~/.local/share/bedside on Linux, "
            "%LOCALAPPDATA%\\Bedside on Windows, ~/Library/Application Support/Bedside on macOS)."
        ),
    )

    # The platform default as seen by load_settings (its environ may be a test's, not os.environ).
    _default_data_dir: Path | None = PrivateAttr(default=None)

    @field_validator("data_dir")
    @classmethod
    def _data_dir(cls, value: Path | None) -> Path | None:
        return _absolute(value)

    @field_validator("time_zone")
    @classmethod
    def _time_zone(cls, value: str | None) -> str | None:
        if not value:
            return None
        try:
            zoneinfo.ZoneInfo(value)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError("must be an IANA time zone name such as Europe/Paris") from exc
        return value

    def zone(self) -> tzinfo:
        """The site's time zone: ``time_zone`` when set, else the device's own."""
        if self.time_zone:
            return zoneinfo.ZoneInfo(self.time_zone)
        return datetime.now().astimezone().tzinfo or UTC

    def resolved_data_dir(self) -> Path:
        """``data_dir`` when set, else the platform's per-user data directory."""
        if self.data_dir is not None:
            return self.data_dir
        return self._default_data_dir or default_data_dir()


class SyncSettings(_Section):
    """When and how hard the device synchronises with the EHR."""

    pull_interval_s: int = Field(
        default=120,
        ge=10,
        le=3600,
        description="Seconds between two downloads of what changed on the EHR.",
    )
    push_delay_s: float = Field(
        default=1.0,
        ge=0,
        le=60,
        description="Seconds after a local write before the outbox is pushed to the EHR.",
    )
    reconcile_interval_s: int = Field(
        default=900,
        ge=60,
        le=86400,
        description=(
            "Seconds between two reconciliations of resource ids with the EHR, which is how "
            "deletions on the EHR are noticed."
        ),
    )
    offline_probe_s: int = Field(
        default=15,
        ge=1,
        le=600,
        description="Seconds between two checks for the network while the device is offline.",
    )
    retry_attempts: int = Field(
        default=4,
        ge=1,
        le=10,
        description="Attempts per request (the first included) before a sync step gives up.",
    )
    retry_max_wait_s: float = Field(
        default=30.0,
        ge=0,
        le=600,
        description=(
            "Longest back-off or Retry-After (seconds) honoured inside one sync; a longer wait "
            "ends the sync and schedules the next one instead."
        ),
    )
    page_size: int = Field(
        default=500,
        ge=10,
        le=1000,
        description="Resources asked for per search page (_count).",
    )


class StaffSettings(_Section):
    """Staff sign-in on the tablet: badge + PIN, the offline window, throttling and auto-lock."""

    signin: Literal["ehr", "directory"] = Field(
        default="ehr",
        description=(
            "Who checks a nurse's identity: 'ehr' (badge + PIN checked by the EHR's "
            "Practitioner/$verify-pin operation, used only when the EHR's CapabilityStatement "
            "declares it) or 'directory' (the hospital directory, see [directory]: the account's "
            "password at the first sign-in of a shift, then a PIN chosen for this tablet)."
        ),
    )
    idle_lock_s: int = Field(
        default=180,
        ge=30,
        le=1800,
        description=(
            "Seconds without a touch or a key before staff screens lock and hide patient data."
        ),
    )
    offline_signin_h: float = Field(
        default=12.0,
        ge=0,
        le=72,
        description=(
            "Hours after a nurse's last online sign-in on this tablet during which the same badge "
            "and PIN also work while the EHR cannot be reached. 0: online sign-in only."
        ),
    )
    pin_attempts: int = Field(
        default=5,
        ge=3,
        le=10,
        description="Wrong PINs in a row for one badge before that badge is locked out.",
    )
    lockout_min: int = Field(
        default=15,
        ge=1,
        le=240,
        description="Minutes a badge stays locked out on this tablet after too many wrong PINs.",
    )
    shift_h: float = Field(
        default=12.0,
        ge=1,
        le=24,
        description=(
            "Directory sign-in: hours a PIN chosen on this tablet keeps working after the password "
            "sign-in that set it (one shift); then the account's password is asked again."
        ),
    )
    pin_min_length: int = Field(
        default=6,
        ge=4,
        le=8,
        description=(
            "Directory sign-in: fewest digits of a PIN chosen on this tablet (at most 8; a PIN of "
            "one repeated digit or a straight run such as 123456 is refused)."
        ),
    )


# An LDAP attribute name (RFC 4512 descr): it goes into a search filter and an attribute list.
_LDAP_ATTRIBUTE = r"^[A-Za-z][A-Za-z0-9-]{0,63}$"


class DirectorySettings(_Section):
    """The hospital directory (Active Directory, OpenLDAP) for ``staff.signin = "directory"``."""

    url: str | None = Field(
        default=None,
        description=(
            "The directory server: ldaps://host[:port] (TLS from the start, port 636) or "
            "ldap://host[:port] (port 389, always upgraded with StartTLS before anything is sent; "
            "never plain). Empty: no directory is configured."
        ),
    )
    ca_bundle: Path | None = Field(
        default=None,
        description=(
            "Absolute path to a PEM file of extra CA certificates to trust for the directory, on "
            "top of the operating system's certificate store. Must exist when set."
        ),
    )
    base_dn: str | None = Field(
        default=None,
        min_length=1,
        description="Where staff accounts are searched, e.g. OU=Staff,DC=hospital,DC=example.",
    )
    badge_attribute: str = Field(
        default="employeeID",
        pattern=_LDAP_ATTRIBUTE,
        description="The account attribute holding the badge number the reader types.",
    )
    user_filter: str = Field(
        default="(objectClass=person)",
        min_length=3,
        description=(
            "LDAP filter an account must also match, in parentheses, e.g. to leave out disabled "
            "Active Directory accounts: "
            "(&(objectClass=user)(!(userAccountControl:1.2.840.113556.1.4.803:=2)))."
        ),
    )
    bind_dn: str | None = Field(
        default=None,
        min_length=1,
        description=(
            "Distinguished name of the read-only service account that looks badges up. Its "
            "password is in the OS key store (entry directory-bind-password:<device.site_id>) or "
            "in directory.bind_password_file. Empty: the lookup is anonymous."
        ),
    )
    bind_password_file: Path | None = Field(
        default=None,
        description=(
            "Absolute path of a file IT controls (readable by Bedside's user only) holding the "
            "service account's password. Empty: the password is read from the OS key store."
        ),
    )
    name_attribute: str = Field(
        default="displayName",
        pattern=_LDAP_ATTRIBUTE,
        description="The account attribute with the name shown in the header and audit events.",
    )
    role_attribute: str = Field(
        default="title",
        pattern=_LDAP_ATTRIBUTE,
        description="The account attribute with the staff member's role (job title).",
    )
    identifier_attribute: str = Field(
        default="employeeNumber",
        pattern=_LDAP_ATTRIBUTE,
        description=(
            "The account attribute holding the staff number the EHR's Practitioner records carry "
            "as an identifier; sign-in finds the Practitioner by it."
        ),
    )
    identifier_system: str | None = Field(
        default=None,
        min_length=1,
        description=(
            "FHIR identifier system of that staff number on the EHR's Practitioner records "
            "(e.g. urn:oid:…). Empty: the number is matched whatever its system."
        ),
    )
    timeout_s: float = Field(
        default=5.0,
        ge=1,
        le=60,
        description="Seconds to wait for the directory to connect or answer one request.",
    )

    @field_validator("url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        if not value:
            return None
        scheme, sep, rest = value.partition("://")
        if not sep or scheme.lower() not in ("ldap", "ldaps"):
            raise ValueError("must be an ldaps:// or ldap:// URL such as ldaps://dc1.example.org")
        host = rest.rstrip("/")
        if not host or "/" in host or "?" in host or "@" in host:
            # A user name in the URL would be a secret's neighbour; a DN or filter belongs in
            # base_dn and user_filter.
            raise ValueError("must be only ldaps://host or ldaps://host:port (no path or user)")
        return value

    @field_validator("ca_bundle", "bind_password_file")
    @classmethod
    def _existing_file(cls, value: Path | None) -> Path | None:
        path = _absolute(value)
        if path is not None and not path.is_file():
            raise ValueError("must be an existing file (no file at that path)")
        return path

    @field_validator("user_filter")
    @classmethod
    def _filter(cls, value: str) -> str:
        if not (value.startswith("(") and value.endswith(")")):
            raise ValueError("must be an LDAP filter in parentheses, such as (objectClass=person)")
        return value

    def missing(self) -> list[str]:
        """The settings directory sign-in cannot do without that are not set."""
        return [name for name in ("url", "base_dn") if getattr(self, name) is None]


# FHIR event-timing codes (``Timing.repeat.when``) at this site's usual times.
DEFAULT_WHEN_TIMES = (
    "WAKE=07:00 MORN=08:00 MORN.early=07:00 MORN.late=10:00 NOON=12:00 AFT=15:00 "
    "AFT.early=14:00 AFT.late=16:00 EVE=18:00 EVE.early=18:00 EVE.late=20:00 NIGHT=22:00 "
    "PHS=21:30 HS=22:00 C=08:00,12:00,18:00 CM=08:00 CD=12:00 CV=18:00 "
    "AC=07:30,11:30,17:30 ACM=07:30 ACD=11:30 ACV=17:30 "
    "PC=08:30,12:30,18:30 PCM=08:30 PCD=12:30 PCV=18:30"
)
# Doses per day without a time of day or a ``when`` code: the times they are given at.
DEFAULT_DAILY_TIMES = (
    "1=08:00 2=08:00,20:00 3=08:00,14:00,20:00 4=08:00,12:00,18:00,22:00 "
    "5=06:00,10:00,14:00,18:00,22:00 6=02:00,06:00,10:00,14:00,18:00,22:00"
)
_CLOCK_TIME = r"(?:[01]\d|2[0-3]):[0-5]\d"
_TIME_TABLE = rf"^\s*(?:[A-Za-z0-9.]+={_CLOCK_TIME}(?:,{_CLOCK_TIME})*\s*)+$"


def parse_time_table(text: str) -> dict[str, tuple[tuple[int, int], ...]]:
    """``"MORN=08:00 C=08:00,12:00"`` → ``{"MORN": ((8, 0),), "C": ((8, 0), (12, 0))}``."""
    table: dict[str, tuple[tuple[int, int], ...]] = {}
    for item in text.split():
        key, _, times = item.partition("=")
        table[key] = tuple(
            (int(hour), int(minute))
            for hour, minute in (clock.split(":") for clock in times.split(","))
        )
    return table


class MedicationSettings(_Section):
    """When scheduled doses fall at this site, and which medicines are time-critical."""

    when_times: str = Field(
        default=DEFAULT_WHEN_TIMES,
        pattern=_TIME_TABLE,
        description=(
            "Site times of the FHIR event-timing codes (Timing.repeat.when), as CODE=HH:MM "
            "pairs separated by spaces; a code that stands for several meals lists several "
            "times separated by commas."
        ),
    )
    daily_times: str = Field(
        default=DEFAULT_DAILY_TIMES,
        pattern=_TIME_TABLE,
        description=(
            "Times of the doses of an order that only says how many per day (N=HH:MM,…), "
            "for N from 1 upwards."
        ),
    )
    time_critical_atc: str = Field(
        default="A10A B01A N03 N04 L04",
        description=(
            "ATC code prefixes of time-critical medicines (given within 30 min of the scheduled "
            "time, ISMP), separated by spaces: by default insulins, anticoagulants, "
            "antiepileptics, antiparkinson drugs and immunosuppressants."
        ),
    )
    missed_after_min: int = Field(
        default=240,
        ge=30,
        le=1440,
        description=(
            "Minutes after its scheduled time when a dose not given counts as missed rather "
            "than late (earlier when the next dose of the same order falls due)."
        ),
    )


DEFAULT_MEAL_SERVING = "breakfast=07:30-09:00 lunch=12:00-13:30 dinner=18:30-20:00"
DEFAULT_MEAL_CUTOFFS = "breakfast=19:00-1d lunch=09:30 dinner=15:00"
_MEAL_TABLE = rf"^\s*(?:[a-z]+={_CLOCK_TIME}-{_CLOCK_TIME}\s*)+$"
_CUTOFF_TABLE = rf"^\s*(?:[a-z]+={_CLOCK_TIME}(?:-[1-7]d)?\s*)+$"


class MealSettings(_Section):
    """The site's meal services: when each is served and until when patients may choose."""

    serving: str = Field(
        default=DEFAULT_MEAL_SERVING,
        pattern=_MEAL_TABLE,
        description=(
            "Serving times of breakfast, lunch and dinner as service=HH:MM-HH:MM pairs separated "
            "by spaces (local time of the site); the patient's schedule shows them."
        ),
    )
    cutoffs: str = Field(
        default=DEFAULT_MEAL_CUTOFFS,
        pattern=_CUTOFF_TABLE,
        description=(
            "Latest time a patient may choose or change each service's dish, as service=HH:MM; "
            "add -1d for the day before (breakfast=19:00-1d). Nurses may still order later."
        ),
    )

    @model_validator(mode="after")
    def _tables_agree(self) -> MealSettings:
        parse_service_table(self.serving, self.cutoffs)  # ValueError says what is wrong
        return self


class PatientSettings(_Section):
    """Patient mode on a bed tablet."""

    idle_home_s: int = Field(
        default=90,
        ge=15,
        le=1800,
        description="Seconds without a touch before patient mode returns to its home screen.",
    )


class LogSettings(_Section):
    """How much Bedside logs, and where. Logs never carry patient data."""

    level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = Field(
        default="INFO",
        description="Least severe level that is logged.",
    )
    dir: Path | None = Field(
        default=None,
        description="Absolute path of a directory for log files. Empty: log to stderr only.",
    )
    max_file_mb: int = Field(
        default=10,
        ge=1,
        le=1024,
        description=(
            "Size in MiB at which the log file (bedside.log in log.dir) is rotated: renamed "
            "bedside.log.1, the older ones shifted, and a new file started."
        ),
    )
    files: int = Field(
        default=5,
        ge=2,
        le=100,
        description=(
            "Log files kept in log.dir, the current one included; the oldest is deleted at "
            "rotation. Disk used is at most log.max_file_mb × log.files."
        ),
    )

    @field_validator("dir")
    @classmethod
    def _dir(cls, value: Path | None) -> Path | None:
        return _absolute(value)


@dataclass(frozen=True)
class SettingInfo:
    """One row of the registry, as ``bedside settings`` prints it."""

    name: str  # dotted, e.g. "ehr.base_url"
    env_var: str  # e.g. "BEDSIDE_EHR__BASE_URL"
    type: str  # readable, e.g. "number, 1–300"
    default: Any
    value: Any
    description: str
    source: str  # "default", "file …", "env …" or "override"


class Settings(BaseModel):
    """Every setting, by section; build it with :func:`load_settings`."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    ehr: EhrSettings = Field(default_factory=EhrSettings, description="The hospital EHR.")
    device: DeviceSettings = Field(default_factory=DeviceSettings, description="This device.")
    sync: SyncSettings = Field(default_factory=SyncSettings, description="Synchronisation.")
    staff: StaffSettings = Field(default_factory=StaffSettings, description="Staff sign-in.")
    directory: DirectorySettings = Field(
        default_factory=DirectorySettings, description="The hospital directory (staff sign-in)."
    )
    medication: MedicationSettings = Field(
        default_factory=MedicationSettings, description="Medication timing."
    )
    meals: MealSettings = Field(default_factory=MealSettings, description="Meal services.")
    patient: PatientSettings = Field(default_factory=PatientSettings, description="Patient mode.")
    log: LogSettings = Field(default_factory=LogSettings, description="Logging.")

    _sources: dict[str, str] = PrivateAttr(default_factory=dict)
    _config_file: Path | None = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _enrolled_device_is_complete(self) -> Settings:
        if self.ehr.base_url is None:
            return self
        required = {
            "ehr.client_id": self.ehr.client_id,
            "device.site_id": self.device.site_id,
            "device.scope": self.device.scope,
            "device.location_id": self.device.location_id,
        }
        missing = [name for name, value in required.items() if value is None]
        if missing:
            listed = ", ".join(f"{name} ({env_var(name)})" for name in missing)
            raise ValueError(
                f"an EHR is configured (ehr.base_url), so these settings are required too: {listed}"
            )
        return self

    @property
    def is_demo(self) -> bool:
        """True when no EHR is configured: the app runs the demo on the embedded sandbox."""
        return self.ehr.base_url is None

    @property
    def config_file(self) -> Path | None:
        """The TOML file the settings were read from, or None when there was none."""
        return self._config_file

    def resolved_data_dir(self) -> Path:
        """``device.data_dir`` when set, else the platform's per-user data directory."""
        return self.device.resolved_data_dir()

    def value(self, name: str) -> Any:
        """The current value of the setting ``name`` ("section.setting")."""
        section, field = _split_name(name)
        return getattr(getattr(self, section), field)

    def source(self, name: str) -> str:
        """Where the value of ``name`` came from: "default", "file PATH", "env VAR", "override"."""
        section, field = _split_name(name)
        recorded = self._sources.get(name)
        if recorded is not None:
            return recorded
        # Built directly rather than through load_settings: a value given by code is an override.
        return "override" if field in getattr(self, section).model_fields_set else "default"

    def describe(self) -> list[SettingInfo]:
        """The registry: every setting with its type, default, value, description and source."""
        rows = []
        for name, info in _registry().items():
            rows.append(
                SettingInfo(
                    name=name,
                    env_var=env_var(name),
                    type=_type_text(info),
                    default=info.get_default(call_default_factory=True),
                    value=self.value(name),
                    description=info.description or "",
                    source=self.source(name),
                )
            )
        return rows


def _sections() -> dict[str, type[_Section]]:
    sections: dict[str, type[_Section]] = {}
    for name, info in Settings.model_fields.items():
        section = info.annotation
        if not (isinstance(section, type) and issubclass(section, _Section)):
            raise TypeError(f"Settings.{name} must be a settings section")  # pragma: no cover
        sections[name] = section
    return sections


def _registry() -> dict[str, FieldInfo]:
    """Every setting by dotted name, in declaration order."""
    return {
        f"{section}.{field}": info
        for section, model in _sections().items()
        for field, info in model.model_fields.items()
    }


def _split_name(name: str) -> tuple[str, str]:
    if name not in _registry():
        raise KeyError(f"no setting named {name!r}")
    section, _, field = name.partition(".")
    return section, field


def env_var(name: str) -> str:
    """The environment variable for the dotted setting ``name``, e.g. BEDSIDE_EHR__BASE_URL."""
    section, _, field = name.partition(".")
    return f"{ENV_PREFIX}{section.upper()}{ENV_DELIMITER}{field.upper()}"


# ---------------------------------------------------------------------------------------------
# Where files live


def _platform(platform: str | None) -> str:
    return sys.platform if platform is None else platform


def default_config_file(
    *, platform: str | None = None, environ: Mapping[str, str] | None = None
) -> Path:
    """The machine-wide settings file this platform looks for when BEDSIDE_CONFIG is not set."""
    environ = os.environ if environ is None else environ
    platform = _platform(platform)
    if platform == "win32":
        return Path(environ.get("PROGRAMDATA") or r"C:\ProgramData") / "Bedside" / "bedside.toml"
    if platform == "darwin":
        return Path("/Library/Application Support/Bedside/bedside.toml")
    return Path("/etc/bedside/bedside.toml")


def default_data_dir(
    *, platform: str | None = None, environ: Mapping[str, str] | None = None
) -> Path:
    """The per-user directory for the encrypted cache when ``device.data_dir`` is not set."""
    environ = os.environ if environ is None else environ
    platform = _platform(platform)
    home = Path(environ["HOME"]) if environ.get("HOME") else Path.home()
    if platform == "win32":
        local = environ.get("LOCALAPPDATA")
        if local:
            return Path(local) / "Bedside"
        profile = environ.get("USERPROFILE")
        return (Path(profile) if profile else Path.home()) / "AppData" / "Local" / "Bedside"
    if platform == "darwin":
        return home / "Library" / "Application Support" / "Bedside"
    xdg = environ.get("XDG_DATA_HOME")
    # The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
    if xdg and Path(xdg).is_absolute():
        return Path(xdg) / "bedside"
    return home / ".local" / "share" / "bedside"


# ---------------------------------------------------------------------------------------------
# Reading the sources


@dataclass
class _Value:
    value: Any
    source: str  # as Settings.source() reports it
    where: str  # as an error message names it


def _closest(word: str, choices: list[str]) -> str:
    match = difflib.get_close_matches(word, choices, n=1)
    return f" (did you mean {match[0]!r}?)" if match else ""


def _secret_hint(key: str) -> str:
    if any(hint in key.lower() for hint in _SECRET_HINTS):
        return "; secrets are never settings: they belong in the operating system's key store"
    return ""


def _read_file(path: Path, *, named: bool, problems: list[str]) -> dict[str, Any] | None:
    try:
        with path.open("rb") as file:
            return tomllib.load(file)
    except FileNotFoundError:
        # No machine-wide file means defaults (nothing configured: the app says so). A file
        # someone named that is missing is a mistake to fix, never a reason to run unconfigured.
        if named:
            problems.append(
                f"The settings file {path} does not exist (named by --config or {CONFIG_ENV_VAR})."
            )
        return None
    except IsADirectoryError:
        problems.append(f"The settings file {path} is a directory, not a file.")
    except PermissionError:
        problems.append(f"The settings file {path} cannot be read (permission denied).")
    except tomllib.TOMLDecodeError as exc:
        # tomllib's messages give a position and the kind of mistake, never the file's text.
        problems.append(f"The settings file {path} is not valid TOML: {exc}.")
    except UnicodeDecodeError:
        problems.append(f"The settings file {path} is not UTF-8 text, as TOML requires.")
    except OSError as exc:
        problems.append(f"The settings file {path} cannot be read ({exc.strerror or exc}).")
    return None


def _from_file(data: dict[str, Any], path: Path, problems: list[str]) -> dict[str, _Value]:
    sections = _sections()
    found: dict[str, _Value] = {}
    for section, table in data.items():
        if section not in sections:
            problems.append(
                f"The settings file {path} has an unknown section [{section}]"
                f"{_closest(section, list(sections))}; the sections are "
                f"{', '.join(f'[{name}]' for name in sections)}."
            )
            continue
        if not isinstance(table, dict):
            problems.append(
                f"The settings file {path} sets {section} to a single value; "
                f"[{section}] must be a section holding settings."
            )
            continue
        fields = list(sections[section].model_fields)
        for key, value in table.items():
            if key not in fields:
                problems.append(
                    f"The settings file {path} has an unknown setting {key!r} in [{section}]"
                    f"{_closest(key, fields)}{_secret_hint(key)}."
                )
                continue
            found[f"{section}.{key}"] = _Value(
                value, source=f"file {path}", where=f"file {path}, key {key} in [{section}]"
            )
    return found


def _unwrap_optional(annotation: Any) -> tuple[Any, bool]:
    """``X | None`` → (X, True); anything else → (itself, False)."""
    # ``Literal[...] | None`` is a typing.Union, ``str | None`` a types.UnionType.
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        rest = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        if len(rest) == 1:
            return rest[0], True
    return annotation, False


def _nullable(name: str) -> bool:
    return _unwrap_optional(_registry()[name].annotation)[1]


def _from_env(environ: Mapping[str, str], problems: list[str]) -> dict[str, _Value]:
    sections = _sections()
    found: dict[str, _Value] = {}
    for key in sorted(environ):
        upper = key.upper()
        if not upper.startswith(ENV_PREFIX):
            continue
        rest = upper[len(ENV_PREFIX) :]
        if ENV_DELIMITER not in rest:
            # BEDSIDE_CONFIG, BEDSIDE_SANDBOX_SECRET… are not settings. A single underscore
            # after a section name, though, is a typo that would otherwise be ignored silently.
            section = next((s for s in sections if rest.startswith(f"{s.upper()}_")), None)
            if section is not None:
                guess = f"{ENV_PREFIX}{section.upper()}{ENV_DELIMITER}{rest[len(section) + 1 :]}"
                problems.append(
                    f"The environment variable {key} is not a Bedside setting: settings take two "
                    f"underscores after the section, like {guess}."
                )
            continue
        section, _, field = rest.partition(ENV_DELIMITER)
        section, field = section.lower(), field.lower()
        if section not in sections:
            problems.append(
                f"The environment variable {key} names an unknown settings section {section!r}"
                f"{_closest(section, list(sections))}; the sections are "
                f"{', '.join(sections)}."
            )
            continue
        fields = list(sections[section].model_fields)
        if field not in fields:
            problems.append(
                f"The environment variable {key} names an unknown setting {field!r} in "
                f"section {section}{_closest(field, fields)}{_secret_hint(field)}."
            )
            continue
        name = f"{section}.{field}"
        if name in found:
            problems.append(
                f"The setting {name} is set by two environment variables "
                f"({found[name].source.removeprefix('env ')} and {key}); keep one."
            )
            continue
        raw = environ[key]
        # An empty variable clears an optional setting (back to "not set"), e.g. to undo a file.
        value = None if raw == "" and _nullable(name) else raw
        found[name] = _Value(value, source=f"env {key}", where=f"environment variable {key}")
    return found


def _from_overrides(overrides: Mapping[str, Any], problems: list[str]) -> dict[str, _Value]:
    names = list(_registry())
    found: dict[str, _Value] = {}
    for name, value in overrides.items():
        if name not in names:
            problems.append(f"The override {name!r} is not a setting{_closest(name, names)}.")
            continue
        found[name] = _Value(value, source="override", where="override")
    return found


# ---------------------------------------------------------------------------------------------
# Turning validation errors into sentences


def _bounds(info: FieldInfo) -> tuple[Any, Any]:
    low = high = None
    for item in info.metadata:
        low = getattr(item, "ge", low)
        high = getattr(item, "le", high)
    return low, high


def _pattern(info: FieldInfo) -> str | None:
    for item in info.metadata:
        pattern = getattr(item, "pattern", None)
        if pattern is not None:
            return str(pattern)
    return None


def _number(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _type_text(info: FieldInfo) -> str:
    """The type of a setting in words, e.g. "number, 1–300" or "one of: ward, bed (optional)"."""
    annotation, optional = _unwrap_optional(info.annotation)
    low, high = _bounds(info)
    if typing.get_origin(annotation) is Literal:
        text = "one of: " + ", ".join(str(choice) for choice in typing.get_args(annotation))
    elif annotation is AnyHttpUrl:
        text = "URL"
    elif annotation is Path:
        text = "path"
    elif annotation is int:
        text = "whole number"
    elif annotation is float:
        text = "number"
    else:
        text = "id: 1–64 letters, digits, '-' or '.'" if _pattern(info) == ID_PATTERN else "text"
    if low is not None and high is not None:
        text += f", {_number(low)}–{_number(high)}"
    return f"{text} (optional)" if optional else text


def _expected(info: FieldInfo) -> str:
    annotation, _ = _unwrap_optional(info.annotation)
    low, high = _bounds(info)
    span = f" from {_number(low)} to {_number(high)}" if low is not None else ""
    if typing.get_origin(annotation) is Literal:
        *first, last = (repr(choice) for choice in typing.get_args(annotation))
        return f"one of {', '.join(first)} or {last}"
    if annotation is AnyHttpUrl:
        return "an http(s) URL such as https://ehr.example.org/fhir"
    if annotation is Path:
        return "a path"
    if annotation is int:
        return f"a whole number{span}"
    if annotation is float:
        return f"a number{span}"
    if _pattern(info) == ID_PATTERN:
        return "an id of 1 to 64 letters, digits, '-' or '.'"
    if any(getattr(item, "min_length", 0) for item in info.metadata):
        return "text that is not empty"
    return "text"


def _problem(error: Any, values: Mapping[str, _Value]) -> str:
    """One validation error as a sentence: setting, source, what is expected. Never the value."""
    loc = tuple(str(part) for part in error["loc"])
    if len(loc) < 2:
        message = str(error["ctx"]["error"]) if error["type"] == "value_error" else error["msg"]
        return message[:1].upper() + message[1:] + "."
    name = f"{loc[0]}.{loc[1]}"
    given = values.get(name)
    where = given.where if given is not None else "default"
    if error["type"] == "value_error":
        what = str(error["ctx"]["error"])  # our validators' messages all start with "must"
    else:
        what = f"must be {_expected(_registry()[name])}"
    return f"The setting {name} ({where}) {what}."


# ---------------------------------------------------------------------------------------------
# Loading


def load_settings(
    *,
    config_file: Path | None = None,
    environ: Mapping[str, str] | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> Settings:
    """Read the settings: overrides > environment > the TOML file > defaults.

    ``config_file`` (or else the ``BEDSIDE_CONFIG`` variable, or else the platform's machine-wide
    file, see :func:`default_config_file`) is the TOML file; a missing machine-wide file means
    defaults; a missing file that was named is an error. ``environ`` defaults to ``os.environ``.
    ``overrides`` maps dotted names ("ehr.base_url") to values, applied as given (``None``
    included): leave out the flags that were not given. Raises :class:`SettingsError` listing
    every problem found.
    """
    environ = os.environ if environ is None else environ
    problems: list[str] = []

    named = config_file is not None or bool(environ.get(CONFIG_ENV_VAR))
    if config_file is None:
        from_env = environ.get(CONFIG_ENV_VAR)
        config_file = Path(from_env) if from_env else default_config_file(environ=environ)
    data = _read_file(config_file, named=named, problems=problems)

    values: dict[str, _Value] = {}
    if data is not None:
        values.update(_from_file(data, config_file, problems))
    values.update(_from_env(environ, problems))
    values.update(_from_overrides(overrides or {}, problems))

    nested: dict[str, dict[str, Any]] = {}
    for name, given in values.items():
        section, _, field = name.partition(".")
        nested.setdefault(section, {})[field] = given.value
    try:
        settings = Settings.model_validate(nested)
    except ValidationError as exc:
        problems.extend(_problem(error, values) for error in exc.errors(include_input=False))
        raise SettingsError(problems) from None
    if problems:
        raise SettingsError(problems)

    settings._sources = {name: given.source for name, given in values.items()}
    settings._config_file = config_file if data is not None else None
    settings.device._default_data_dir = default_data_dir(environ=environ)
    return settings


__all__ = [
    "CONFIG_ENV_VAR",
    "DeviceSettings",
    "DirectorySettings",
    "EhrSettings",
    "LogSettings",
    "MedicationSettings",
    "SettingInfo",
    "Settings",
    "SettingsError",
    "StaffSettings",
    "SyncSettings",
    "default_config_file",
    "default_data_dir",
    "env_var",
    "load_settings",
    "parse_time_table",
]
