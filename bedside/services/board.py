"""The ward board: every bed in bed order with what a nurse must see at a glance.

Owns how the board's rows are put together from the other services — the census (beds, patients,
stays), the banner data (allergies, diet, nil by mouth), the latest NEWS2, due and late doses,
unacknowledged critical results — and the board's own rules: the "same name" warning, "my
patients" and the alert order. Every batch call asks for all the ward's patients at once, so the
board costs a handful of store queries whatever the number of beds.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from bedside.services.chart import AllergyStatus, Banner, ChartService, DietSummary
from bedside.services.clock import Clock, system_clock
from bedside.services.medications import DoseCounts, MedicationService
from bedside.services.news2 import RiskBand
from bedside.services.results import ResultsService
from bedside.services.vitals import LatestNews2, VitalsService
from bedside.services.ward import BedRow, WardCensusService

# Alert ranks, most urgent first: what "alerts first" sorts by.
_BAND_RANK = {RiskBand.HIGH: 1, RiskBand.MEDIUM: 2, RiskBand.LOW_MEDIUM: 3}


@dataclass(frozen=True)
class BoardRow:
    """One bed of the board; a free bed has no patient and nothing else."""

    bed: BedRow
    banner: Banner | None = None
    news2: LatestNews2 | None = None
    doses: DoseCounts | None = None
    critical_unacknowledged: int = 0
    same_name: bool = False
    mine: bool = False

    @property
    def occupied(self) -> bool:
        return self.bed.occupied

    @property
    def patient_id(self) -> str | None:
        return self.bed.patient_id

    @property
    def allergy_status(self) -> AllergyStatus | None:
        return self.banner.allergy_status if self.banner else None

    @property
    def diet(self) -> DietSummary | None:
        return self.banner.diet if self.banner else None

    def days_in(self, today: date) -> int | None:
        """Days since admission: 0 on the day of admission."""
        admitted = self.bed.admitted_on
        return None if admitted is None else max((today - admitted).days, 0)

    @property
    def alert_rank(self) -> int:
        """0 = nothing to see; 1 the most urgent (unacknowledged critical result)."""
        if self.critical_unacknowledged:
            return 1
        if self.news2 is not None and self.news2.score.band in _BAND_RANK:
            return 1 + _BAND_RANK[self.news2.score.band]
        if self.doses is not None and (self.doses.late or self.doses.missed):
            return 5
        if self.doses is not None and self.doses.due:
            return 6
        return 0


@dataclass(frozen=True)
class Board:
    """The ward board as read from the cache."""

    ward_id: str
    ward_name: str
    rows: tuple[BoardRow, ...]
    data_as_of: datetime | None
    today: date

    @property
    def occupied(self) -> int:
        return sum(1 for row in self.rows if row.occupied)


def fold_name(name: str) -> str:
    """A family name for comparison: case and accents do not make two names different."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).strip()


def same_family_names(banners: Iterable[Banner]) -> set[str]:
    """Patients whose family name another patient on the ward shares."""
    listed = [(b.patient_id, fold_name(b.family_name)) for b in banners if b.family_name]
    counts = Counter(name for _, name in listed)
    return {patient_id for patient_id, name in listed if counts[name] > 1}


def _instant(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


class BoardService:
    """Builds :class:`Board` views for one ward."""

    def __init__(
        self,
        census: WardCensusService,
        chart: ChartService,
        vitals: VitalsService,
        medications: MedicationService,
        results: ResultsService,
        *,
        clock: Clock = system_clock,
        tz: tzinfo,
    ) -> None:
        self._tz = tz
        self._census = census
        self._chart = chart
        self._vitals = vitals
        self._medications = medications
        self._results = results
        self._clock = clock

    async def board(self, ward_id: str, *, practitioner_id: str | None = None) -> Board:
        census = await self._census.census(ward_id)
        patient_ids = [bed.patient_id for bed in census.beds if bed.patient_id]
        banners = await self._chart.banners(patient_ids)
        news2 = await self._vitals.latest_news2(patient_ids)
        doses = await self._medications.dose_counts(patient_ids)
        critical = await self._results.unacknowledged_critical(patient_ids)
        same_name = same_family_names(banners.values())
        rows = []
        for bed in census.beds:
            pid = bed.patient_id
            if pid is None or bed.conflict:
                rows.append(BoardRow(bed=bed))
                continue
            rows.append(
                BoardRow(
                    bed=bed,
                    banner=banners.get(pid),
                    news2=news2.get(pid),
                    doses=doses.get(pid),
                    critical_unacknowledged=critical.get(pid, 0),
                    same_name=pid in same_name,
                    mine=practitioner_id is not None and practitioner_id in bed.participant_ids,
                )
            )
        return Board(
            ward_id=ward_id,
            ward_name=census.ward_name,
            rows=tuple(rows),
            data_as_of=_instant(census.data_as_of),
            today=self._clock().astimezone(self._tz).date(),
        )
