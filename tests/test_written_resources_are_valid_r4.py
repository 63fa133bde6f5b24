"""Every resource Bedside writes is valid FHIR R4, by a validator nobody on this project wrote.

The validator is Medplum's (``tests/r4``, through :mod:`tests.r4_validator`). The resources are
not written by hand here: the app's own services make them — a round of vital signs, a meal
choice changed and cancelled, a critical result acknowledged, sign-ins, locks and record openings
— against a real encrypted cache holding the synthetic ward, and what is checked is each outbox
row's payload, the JSON the uploader sends to the EHR as it is. The one resource the tablet sends
outside the outbox (the ``$verify-pin`` Parameters) is checked too, and so is the sandbox seed,
which plays the hospital's data. One node process serves the whole session, a batch at a time.

Bedside writes no nil-by-mouth order (the care team does; the meal service only refuses a choice
during one) and no MedicationAdministration yet: when a service starts building a new resource
type, :func:`test_every_resource_type_the_app_builds_is_validated_here` says so.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from argon2 import PasswordHasher

from bedside.app.workspace import EhrPinCheck
from bedside.sandbox.seed import SeedWard, StaffCredential, generate_ward
from bedside.services.meal_rules import SittingStateKind, parse_service_table
from bedside.services.meals import MealService
from bedside.services.news2 import Consciousness
from bedside.services.recording import Recorder
from bedside.services.results import ResultsService
from bedside.services.session import LockReason, SignInOutcome, StaffSessions
from bedside.services.vitals import VitalsEntry, VitalsService
from bedside.store import MemoryKeyStore, Store
from bedside.sync import OfflineError, PinRejectedError, UnknownBadgeError
from bedside.sync.staff import verify_pin_parameters
from tests.r4_validator import Issue, R4Validator, ValidatorError, errors

REPO = Path(__file__).resolve().parents[1]
PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 11, 24, 9, 30, tzinfo=UTC)  # a Tuesday, 10:30 in Paris
TODAY = date(2026, 11, 24)
TOMORROW = TODAY + timedelta(days=1)
MEAL_TIMES = parse_service_table(
    "breakfast=07:30-09:00 lunch=12:00-13:30 dinner=18:30-20:00",
    "breakfast=19:00-1d lunch=09:30 dinner=15:00",
)
CHEAP = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
WARD: SeedWard = generate_ward(seed=2026, now=NOW)

# What each case makes the app write (resource type and outbox operation of every row).
CASES: dict[str, list[tuple[str, str]]] = {
    "vitals: a full round on oxygen": [("Observation", "create")] * 7,
    "vitals: a round on room air, new confusion": [("Observation", "create")] * 3,
    "vitals: a partial round (pulse and blood pressure)": [("Observation", "create")] * 2,
    "meals: the patient's own choice": [("NutritionOrder", "create")],
    "meals: the patient changes their mind": [("NutritionOrder", "update")],
    "meals: the patient cancels": [("NutritionOrder", "update")],
    "meals: a nurse chooses on the patient's behalf after the cut-off": [
        ("NutritionOrder", "create")
    ],
    "results: a critical result acknowledged": [("Task", "create")],
    "audit: a wrong PIN for a badge this tablet has never seen": [("AuditEvent", "create")],
    "audit: an online sign-in": [("AuditEvent", "create")],
    "audit: a patient's record opened": [("AuditEvent", "create")],
    "audit: the screen locks when idle": [("AuditEvent", "create")],
    "audit: an offline sign-in": [("AuditEvent", "create")],
    "audit: another badge takes over (lock, then sign-in)": [("AuditEvent", "create")] * 2,
    "audit: a wrong PIN for a known badge": [("AuditEvent", "create")],
    "audit: the wrong PIN that locks the badge": [("AuditEvent", "create")],
    "audit: the nurse signs out": [("AuditEvent", "create")],
}
# Sent to the EHR outside the outbox: the PIN check's body (a made-up badge and PIN).
SENT = {
    "sign-in: $verify-pin with the site's badge system": verify_pin_parameters(
        "B000001", "000000", "urn:example:badges"
    ),
    "sign-in: $verify-pin with a bare badge": verify_pin_parameters("B000001", "000000", None),
}


@dataclass(frozen=True)
class Written:
    """One outbox row the app wrote: which case made it, and the JSON that goes to the EHR."""

    case: str
    resource_type: str
    operation: str
    payload: Mapping[str, Any]


# --- the validator itself -------------------------------------------------------------------------

HEART_RATE = {
    "resourceType": "Observation",
    "id": "heart-rate",
    "status": "final",
    "category": [
        {
            "coding": [
                {
                    "system": "http://terminology.hl7.org/CodeSystem/observation-category",
                    "code": "vital-signs",
                }
            ]
        }
    ],
    "code": {"coding": [{"system": "http://loinc.org", "code": "8867-4", "display": "Heart rate"}]},
    "subject": {"reference": "Patient/example"},
    "effectiveDateTime": "1999-07-02T09:30:10+01:00",
    "valueQuantity": {
        "value": Decimal("44"),
        "unit": "beats/minute",
        "system": "http://unitsofmeasure.org",
        "code": "/min",
    },
}
AUDIT_EVENT_WITH_IDENTIFIER = {
    "resourceType": "AuditEvent",
    "identifier": [{"system": "urn:example", "value": "1"}],
    "type": {"system": "http://dicom.nema.org/resources/ontology/DCM", "code": "110114"},
    "recorded": "2026-11-24T09:30:00.000Z",
    "agent": [{"who": {"display": "tablet"}, "requestor": False}],
    "source": {"observer": {"display": "tablet"}},
}


def test_the_validator_passes_a_valid_vital_sign(r4_validator: R4Validator) -> None:
    assert errors(r4_validator.validate(HEART_RATE)) == []


def test_the_validator_refuses_an_audit_event_with_an_identifier(r4_validator: R4Validator) -> None:
    issues = r4_validator.validate(AUDIT_EVENT_WITH_IDENTIFIER)
    assert Issue("error", 'Invalid additional property "identifier"', "AuditEvent.identifier") in (
        issues
    )


def test_the_validator_answers_a_batch_in_order_and_sees_wrong_types(
    r4_validator: R4Validator,
) -> None:
    wrong_value = {**HEART_RATE, "valueQuantity": {"value": "44"}}
    no_status = {k: v for k, v in HEART_RATE.items() if k != "status"}
    answers = r4_validator.validate_all([HEART_RATE, wrong_value, HEART_RATE, no_status])
    assert [bool(errors(issues)) for issues in answers] == [False, True, False, True]
    assert [i.message for i in answers[3]] == ["Missing required property"]


def _fake_validator(tmp_path: Path, script: str) -> Path:
    """A package whose validate.js is ``script`` (node runs it; no Medplum is loaded)."""
    (tmp_path / "node_modules" / "@medplum" / "core").mkdir(parents=True)
    (tmp_path / "validate.js").write_text(script, encoding="utf-8")
    return tmp_path


def test_a_hung_validator_fails_within_its_timeout_instead_of_hanging(
    tmp_path: Path, r4_validator: R4Validator
) -> None:
    hung = _fake_validator(
        tmp_path, "console.log(JSON.stringify({ready: true})); setInterval(() => {}, 1000);\n"
    )
    with R4Validator(package=hung, timeout_s=0.5) as validator:
        started = time.monotonic()
        with pytest.raises(ValidatorError, match="no answer from the validator within"):
            validator.validate(HEART_RATE)
        assert time.monotonic() - started < 5
        with pytest.raises(ValidatorError, match="not running"):  # killed, never misaligned
            validator.validate(HEART_RATE)


def test_a_crashed_validator_says_what_node_wrote(
    tmp_path: Path, r4_validator: R4Validator
) -> None:
    broken = _fake_validator(tmp_path, "throw new Error('definitions missing');\n")
    with pytest.raises(ValidatorError, match="definitions missing"):
        R4Validator(package=broken, start_timeout_s=10)


# --- what the app writes --------------------------------------------------------------------------


class _Directory:
    """The EHR's PIN check, answering with the seeded Practitioner of a seeded badge and PIN."""

    def __init__(self, ward: SeedWard) -> None:
        self._people = {r["id"]: r for r in ward.resources if r["resourceType"] == "Practitioner"}
        self._credentials = {c.badge: c for c in ward.staff_credentials}
        self.offline = False

    async def verify_pin(self, badge: str, pin: str) -> Mapping[str, Any]:
        if self.offline:
            raise OfflineError("the EHR cannot be reached")
        known = self._credentials.get(badge)
        if known is None:
            raise UnknownBadgeError("no such badge", status=404)
        if pin != known.pin:
            raise PinRejectedError("wrong PIN", status=403)
        return self._people[known.practitioner_id]


def _of(kind: str) -> list[dict[str, Any]]:
    return [r for r in WARD.resources if r["resourceType"] == kind]


def _nurses() -> list[StaffCredential]:
    return [c for c in WARD.staff_credentials if c.role == "nurse"]


def _admitted() -> list[tuple[str, str]]:
    """(patient id, encounter id) of every patient in a bed, by patient id."""
    return sorted(
        (e["subject"]["reference"].split("/")[1], e["id"])
        for e in _of("Encounter")
        if e["status"] == "in-progress"
    )


def _wrong(pin: str) -> str:
    return "1" + pin if not pin.startswith("1") else "2" + pin


async def _write_everything(cache: Path) -> list[Written]:
    """Drive the services as the screens do; every outbox row, labelled by the case that made it."""
    store = await Store.open(cache, MemoryKeyStore(), key_name="k")
    try:
        await store.put_server_resources(WARD.resources)
        written: list[Written] = []

        async def case(name: str, action: Callable[[], Any]) -> None:
            seen = {entry.seq for entry in await store.outbox()}
            await action()
            written.extend(
                Written(name, entry.resource_type, entry.operation, entry.payload or {})
                for entry in await store.outbox()
                if entry.seq not in seen
            )

        clock = lambda: NOW  # noqa: E731 - the ward's clock, pinned
        recorder = Recorder(store, "site-1", clock=clock)
        nurse, other_nurse = _nurses()[:2]
        performer = {"reference": f"Practitioner/{nurse.practitioner_id}", "display": nurse.name}
        (patient, encounter), *_ = _admitted()

        vitals = VitalsService(store, recorder, clock=clock, tz=PARIS)
        full = VitalsEntry(
            heart_rate=88,
            respiratory_rate=18,
            spo2=95,
            on_oxygen=True,
            oxygen_flow_l_min=Decimal("2.5"),
            systolic=128,
            diastolic=76,
            temperature=Decimal("37.8"),
            consciousness=Consciousness.ALERT,
            pain=3,
        )
        on_air = VitalsEntry(
            spo2=97,
            on_oxygen=False,
            temperature=Decimal("36.4"),
            consciousness=Consciousness.NEW_CONFUSION,
        )
        partial = VitalsEntry(heart_rate=72, systolic=118, diastolic=70)
        for name, entry in (
            ("vitals: a full round on oxygen", full),
            ("vitals: a round on room air, new confusion", on_air),
            ("vitals: a partial round (pulse and blood pressure)", partial),
        ):
            await case(
                name,
                lambda entry=entry: vitals.record(
                    entry,
                    patient_id=patient,
                    encounter_id=encounter,
                    performer=performer,
                    confirmed_unusual=True,
                ),
            )

        meals = MealService(store, recorder, times=MEAL_TIMES, clock=clock, tz=PARIS)
        diner, diner_encounter, lunch, dishes = await _someone_to_feed(meals)
        await case(
            "meals: the patient's own choice",
            lambda: meals.choose(diner, diner_encounter, lunch, dishes[0]),
        )
        await case(
            "meals: the patient changes their mind",
            lambda: meals.choose(diner, diner_encounter, lunch, dishes[1]),
        )
        await case("meals: the patient cancels", lambda: meals.cancel(diner, lunch))
        today = (await meals.plan(diner, first_day=TODAY, days=1, on_behalf=True)).sittings
        late = next(p for p in today if p.sitting.service == "lunch")
        assert late.state.kind is SittingStateKind.OPEN  # closed for the patient, not for staff
        await case(
            "meals: a nurse chooses on the patient's behalf after the cut-off",
            lambda: meals.choose(
                diner,
                diner_encounter,
                late.sitting,
                next(o.dish.url for o in late.options if o.choosable),
                on_behalf=True,
                staff_id=nurse.practitioner_id,
            ),
        )

        results = ResultsService(store, recorder, clock=clock, tz=PARIS)
        critical = next(
            o
            for o in _of("Observation")
            if any(c["code"] == "HH" for i in o.get("interpretation", ()) for c in i["coding"])
        )
        await case(
            "results: a critical result acknowledged",
            lambda: results.acknowledge(
                critical["id"], practitioner_id=nurse.practitioner_id, practitioner_name=nurse.name
            ),
        )

        directory = _Directory(WARD)
        sessions = StaffSessions(
            store,
            EhrPinCheck(directory),
            recorder,
            clock=clock,
            offline_window=timedelta(hours=12),
            max_attempts=3,
            lockout=timedelta(minutes=15),
            device_id="tablet-7",
            hasher=CHEAP,
            throttle_after=100,
        )

        async def sign_in(who: StaffCredential, pin: str, expected: SignInOutcome) -> None:
            result = await sessions.sign_in(who.badge, pin)
            assert result.outcome is expected, result

        await case(
            "audit: a wrong PIN for a badge this tablet has never seen",
            lambda: sign_in(nurse, _wrong(nurse.pin), SignInOutcome.WRONG_PIN),
        )
        await case(
            "audit: an online sign-in", lambda: sign_in(nurse, nurse.pin, SignInOutcome.SIGNED_IN)
        )
        await case("audit: a patient's record opened", lambda: sessions.chart_opened(patient))
        await case("audit: the screen locks when idle", lambda: sessions.lock(LockReason.IDLE))
        directory.offline = True
        await case(
            "audit: an offline sign-in", lambda: sign_in(nurse, nurse.pin, SignInOutcome.SIGNED_IN)
        )
        directory.offline = False
        await case(
            "audit: another badge takes over (lock, then sign-in)",
            lambda: sign_in(other_nurse, other_nurse.pin, SignInOutcome.SIGNED_IN),
        )
        await case(
            "audit: a wrong PIN for a known badge",
            lambda: sign_in(nurse, _wrong(nurse.pin), SignInOutcome.WRONG_PIN),
        )
        await sign_in(nurse, _wrong(nurse.pin), SignInOutcome.WRONG_PIN)  # the same once more
        await case(
            "audit: the wrong PIN that locks the badge",
            lambda: sign_in(nurse, _wrong(nurse.pin), SignInOutcome.LOCKED_OUT),
        )
        await case("audit: the nurse signs out", lambda: sessions.lock(LockReason.SIGN_OUT))
        return written
    finally:
        await store.close()


async def _someone_to_feed(meals: MealService) -> tuple[str, str, Any, list[str]]:
    """A patient, their encounter, tomorrow's lunch and two dishes they may choose for it."""
    for patient, encounter in _admitted():
        plan = await meals.plan(patient, first_day=TOMORROW, days=1)
        for item in plan.sittings:
            choosable = [o.dish.url for o in item.options if o.choosable]
            if (
                item.sitting.service == "lunch"
                and item.state.kind is SittingStateKind.OPEN
                and len(choosable) >= 2
            ):
                return patient, encounter, item.sitting, choosable
    raise AssertionError("no patient of the seeded ward may choose tomorrow's lunch")


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> list[Written]:
    cache = tmp_path_factory.mktemp("written") / "ward.bedside-cache"
    return asyncio.run(_write_everything(cache))


@pytest.fixture(scope="module")
def verdicts(
    written: list[Written], r4_validator: R4Validator
) -> dict[str, list[tuple[Written, list[Issue]]]]:
    """Each case's rows with what the validator says of them; all rows in one batch."""
    answers = r4_validator.validate_all([row.payload for row in written])
    by_case: dict[str, list[tuple[Written, list[Issue]]]] = {}
    for row, issues in zip(written, answers, strict=True):
        by_case.setdefault(row.case, []).append((row, issues))
    return by_case


def _report(found: list[tuple[str, Mapping[str, Any], list[Issue]]]) -> str:
    lines = []
    for what, resource, issues in found:
        lines.append(f"{what}: {resource.get('resourceType')}/{resource.get('id', '(no id)')}")
        lines.extend(f"    {issue}" for issue in issues)
    return "\n".join(lines)


def test_every_case_writes_what_the_app_writes_for_it(written: list[Written]) -> None:
    made: dict[str, list[tuple[str, str]]] = {}
    for row in written:
        made.setdefault(row.case, []).append((row.resource_type, row.operation))
    assert made == CASES


@pytest.mark.parametrize("case", list(CASES))
def test_what_the_app_writes_is_valid_r4(
    case: str, verdicts: dict[str, list[tuple[Written, list[Issue]]]]
) -> None:
    rows = verdicts[case]
    for row, issues in rows:
        if issues and not errors(issues):
            print(_report([(f"{case} (warnings)", row.payload, issues)]))  # shown with -rP
    invalid = [(case, row.payload, issues) for row, issues in rows if errors(issues)]
    if invalid:
        pytest.fail(f"not valid FHIR R4:\n{_report(invalid)}", pytrace=False)


@pytest.mark.parametrize("what", list(SENT))
def test_what_the_app_sends_outside_the_outbox_is_valid_r4(
    what: str, r4_validator: R4Validator
) -> None:
    issues = r4_validator.validate(SENT[what])
    if errors(issues):
        pytest.fail(f"not valid FHIR R4:\n{_report([(what, SENT[what], issues)])}", pytrace=False)


_BUILT = re.compile(r"""["']resourceType["']\s*:\s*["']([A-Z][A-Za-z]+)["']""")


def test_every_resource_type_the_app_builds_is_validated_here() -> None:
    """A new builder (a MedicationAdministration, a Communication…) needs a case above."""
    built = {
        kind
        for folder in ("bedside/services", "bedside/sync")
        for source in (REPO / folder).rglob("*.py")
        for kind in _BUILT.findall(source.read_text(encoding="utf-8"))
    }
    covered = {kind for rows in CASES.values() for kind, _ in rows}
    covered |= {str(resource["resourceType"]) for resource in SENT.values()}
    assert built <= covered, f"built by the app but not validated here: {sorted(built - covered)}"


# --- the sandbox seed (the hospital's data in the demo and the tests) -----------------------------

SEED_TYPES = sorted(WARD.counts())


@pytest.fixture(scope="module")
def seed_verdicts(r4_validator: R4Validator) -> dict[str, list[tuple[dict[str, Any], list[Issue]]]]:
    answers = r4_validator.validate_all(WARD.resources)
    by_type: dict[str, list[tuple[dict[str, Any], list[Issue]]]] = {}
    for resource, issues in zip(WARD.resources, answers, strict=True):
        by_type.setdefault(resource["resourceType"], []).append((resource, issues))
    return by_type


@pytest.mark.parametrize("resource_type", SEED_TYPES)
def test_the_sandbox_seed_is_valid_r4(
    resource_type: str, seed_verdicts: dict[str, list[tuple[dict[str, Any], list[Issue]]]]
) -> None:
    invalid = [(r, issues) for r, issues in seed_verdicts[resource_type] if errors(issues)]
    if invalid:
        counts = Counter(str(i) for _, issues in invalid for i in errors(issues))
        summary = "\n".join(f"  {n} × {issue}" for issue, n in counts.most_common())
        pytest.fail(
            f"{len(invalid)} of {len(seed_verdicts[resource_type])} seeded {resource_type} "
            f"resources are not valid FHIR R4:\n{summary}",
            pytrace=False,
        )
