"""The generation context: the ward clock, deterministic ids and random streams, the output list.

Determinism rules live here and nowhere else:

- ids are ``uuid5`` of a namespace and ``"<seed>|<stable key>"`` — never ``uuid4()``;
- random numbers come from ``random.Random`` streams seeded by ``"<seed>|<stream name>"`` (string
  seeds hash with SHA-512, so they do not depend on ``PYTHONHASHSEED``), one stream per patient or
  catalogue, so adding a resource somewhere does not reshuffle everything else;
- every time derives from the *ward day* — the local date of ``now`` in Europe/Paris — and the
  *ward hour* (``now`` truncated to the hour), so the same (seed, scale, hour) gives byte-identical
  output. Recorded history (vitals) runs up to the ward hour, so a demo started in the afternoon
  shows the morning's observations rather than looking overdue; nothing recorded is dated after
  it, only what is scheduled (appointments, meal services, the nil-by-mouth window).
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bedside.sandbox.seed.codes import JSON, SANDBOX, TIME_ZONE
from bedside.sandbox.seed.layout import WardLayout

_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, f"{SANDBOX}/seed")


@dataclass
class SeedContext:
    """Shared state of one ``generate_ward`` call."""

    seed: int
    day: date  # the ward day (local date of ``now``)
    history_days: int
    hour: int = 0  # the ward hour: local hour of ``now``; recorded history ends there
    layout: WardLayout = field(default_factory=WardLayout)  # rooms and beds of every ward
    tz: ZoneInfo = field(default_factory=lambda: ZoneInfo(TIME_ZONE))
    resources: list[JSON] = field(default_factory=list)

    @classmethod
    def create(
        cls,
        seed: int,
        now: datetime | None,
        history_days: int,
        layout: WardLayout | None = None,
    ) -> SeedContext:
        """Context for ``now`` (naive datetimes are taken as UTC; ``None`` is the current time)."""
        if now is None:
            now = datetime.now(UTC)
        elif now.tzinfo is None:
            now = now.replace(tzinfo=UTC)
        tz = ZoneInfo(TIME_ZONE)
        local = now.astimezone(tz)
        return cls(
            seed=seed,
            day=local.date(),
            history_days=history_days,
            hour=local.hour,
            layout=layout or WardLayout(),
            tz=tz,
        )

    # --- identity and randomness -------------------------------------------------------------
    def id(self, key: str) -> str:
        """The resource id for a stable key (a UUID string, 36 characters)."""
        return str(uuid.uuid5(_NAMESPACE, f"{self.seed}|{key}"))

    def rng(self, stream: str) -> random.Random:
        """An independent, reproducible random stream."""
        return random.Random(f"{self.seed}|{stream}")

    # --- clock -------------------------------------------------------------------------------
    @property
    def day_start(self) -> datetime:
        """Local midnight at the start of the ward day: the end of the recorded history."""
        return self.at(0, 0, 0)

    @property
    def history_end(self) -> datetime:
        """The ward hour: the newest moment anything recorded (vitals) may carry."""
        return self.at(0, self.hour, 0)

    def at(self, day_offset: int, hour: int, minute: int = 0) -> datetime:
        """Local wall-clock time ``day_offset`` days from the ward day (DST-safe)."""
        d = self.day + timedelta(days=day_offset)
        return datetime.combine(d, time(hour, minute), tzinfo=self.tz)

    def local_date(self, day_offset: int) -> date:
        return self.day + timedelta(days=day_offset)

    def instant(self, moment: datetime) -> str:
        """A FHIR instant/dateTime with seconds and the local offset."""
        return moment.astimezone(self.tz).isoformat(timespec="seconds")

    # --- output ------------------------------------------------------------------------------
    def add(self, resource: JSON) -> JSON:
        """Append a resource (callers add referenced resources before referencing ones)."""
        self.resources.append(resource)
        return resource
