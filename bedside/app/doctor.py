"""``bedside doctor``: can this tablet work with its EHR? One line per check, in plain words.

For hospital IT at the tablet or over SSH. It reads the settings and the device's credentials,
opens the cache, asks the EHR for its CapabilityStatement (which also proves the tablet's token is
accepted), measures it against what Bedside needs (:mod:`bedside.sync.requirements`) and reports
the cache's last sync and any search the EHR cut short. It never prints patient data, and it
changes nothing: no sync, no upload.

Exit code: 0 when the tablet can do its work, 1 when something it needs is missing or failing,
2 when the device is not set up.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

from bedside.app.commands import EXIT_FAILED, EXIT_NOT_SET_UP, EXIT_OK, not_configured_sentence
from bedside.app.device import EnrollmentError, key_store
from bedside.app.tablet import open_tablet
from bedside.settings import Settings, SettingsError
from bedside.store import KeyStore, StoreError
from bedside.sync import SyncError
from bedside.sync.download import incomplete_fact
from bedside.sync.engine import LAST_SYNC_FACT
from bedside.sync.requirements import Finding, blocking, check_ehr, ehr_needs
from bedside.sync.tls import TlsConfigError

OK, WARN, FAIL = "ok  ", "warn", "FAIL"


def _line(mark: str, text: str) -> str:
    return f"[{mark}] {text}"


def describe_findings(findings: list[Finding]) -> list[str]:
    """The requirement check in lines: a summary, then every need that is not plainly met."""
    ok = sum(1 for f in findings if f.verdict == "ok")
    lines = [
        _line(
            OK if not blocking(findings) else FAIL,
            f"EHR capabilities: {ok} of {len(findings)} needs declared in its CapabilityStatement",
        )
    ]
    assumed: dict[str, int] = {}
    for finding in findings:
        need = finding.need
        if finding.verdict == "not declared":
            assumed[need.name] = assumed.get(need.name, 0) + 1
        elif finding.verdict == "missing":
            mark = FAIL if need.essential else WARN
            lines.append(
                _line(
                    mark,
                    f"{need.label}: missing — used to {need.why}; without it {need.if_missing}",
                )
            )
    if assumed:
        listed = ", ".join(f"{name} ({count} types)" for name, count in sorted(assumed.items()))
        lines.append(
            _line(
                OK,
                f"not declared, assumed as every FHIR server supports them: {listed}",
            )
        )
    return lines


async def diagnose(settings: Settings, keys: KeyStore, data_dir: Path) -> tuple[int, list[str]]:
    """Every check, as (exit code, lines)."""
    lines: list[str] = []
    async with open_tablet(settings, keys, data_dir) as tablet:
        device = tablet.device
        lines.append(
            _line(
                OK,
                f"device {device.client_id} of site {device.site_id}, "
                f"{device.scope.kind} {device.scope.location_id}",
            )
        )
        lines.append(_line(OK, f"cache opened ({data_dir})"))
        try:
            abilities = await tablet.engine.abilities()
        except SyncError as exc:
            lines.append(_line(FAIL, f"EHR {settings.ehr.base_url}: {exc}"))
            return EXIT_FAILED, lines
        version = abilities.fhir_version or "unknown"
        lines.append(
            _line(
                OK if version.startswith("4.0") else FAIL,
                f"EHR {settings.ehr.base_url} answers with this tablet's credentials "
                f"(FHIR {version}; Bedside needs 4.0.x)",
            )
        )
        findings = check_ehr(abilities, ehr_needs(signin_by_ehr=settings.staff.signin == "ehr"))
        lines += describe_findings(findings)
        last_sync = await tablet.store.device_fact(LAST_SYNC_FACT)
        lines.append(
            _line(OK, f"last sync that finished: {last_sync} (the EHR's time)")
            if last_sync
            else _line(WARN, "this tablet has not synced yet")
        )
        cut_short = await tablet.store.device_fact(incomplete_fact(device.scope.key))
        if cut_short:
            lines.append(
                _line(
                    WARN,
                    f"the EHR cut its last answer short for: {cut_short.replace(',', ', ')} "
                    "(the tablet asks again at every sync; check the EHR's page size limits)",
                )
            )
        failed = not version.startswith("4.0") or bool(blocking(findings))
        return (EXIT_FAILED if failed else EXIT_OK), lines


def run_doctor(
    settings_loader: Callable[[], Settings],
    *,
    demo_dir: Path | None,
    out: Callable[[str], None] = print,
) -> int:
    """The ``bedside doctor`` command; returns its exit code (see the module docstring)."""
    try:
        settings = settings_loader()
        if settings.is_demo:
            out(f"bedside doctor: {not_configured_sentence(settings)}")
            return EXIT_NOT_SET_UP
        keys = key_store(demo_dir)
        data_dir = demo_dir or settings.device.resolved_data_dir()
        code, lines = asyncio.run(diagnose(settings, keys, data_dir))
    except (SettingsError, EnrollmentError, StoreError, TlsConfigError) as exc:
        out(f"bedside doctor: {exc}")
        return EXIT_NOT_SET_UP
    for line in lines:
        out(line)
    return code
