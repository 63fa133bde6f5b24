"""The size of a ward: its double and single rooms, how many beds that makes, how many are in use.

Kept apart from ``locations`` because the generation context carries the layout and
``locations`` needs the context.
"""

from __future__ import annotations

from dataclasses import dataclass

ROOMS_DOUBLE = 12
ROOMS_SINGLE = 6
BEDS_PER_WARD = ROOMS_DOUBLE * 2 + ROOMS_SINGLE
FREE_BEDS_PER_WARD = 2  # a ward is never quite full: free beds must show on the board


@dataclass(frozen=True)
class WardLayout:
    """How many double and single rooms a ward has, and so how many beds and patients."""

    doubles: int = ROOMS_DOUBLE
    singles: int = ROOMS_SINGLE

    @classmethod
    def for_beds(cls, beds: int) -> WardLayout:
        """``beds`` beds: 6 single rooms (7 when ``beds`` is odd), the rest in doubles."""
        if beds < ROOMS_SINGLE + 2:
            raise ValueError(f"a ward has at least {ROOMS_SINGLE + 2} beds")
        singles = ROOMS_SINGLE + (beds - ROOMS_SINGLE) % 2
        return cls(doubles=(beds - singles) // 2, singles=singles)

    @property
    def beds(self) -> int:
        return self.doubles * 2 + self.singles

    @property
    def occupied(self) -> int:
        return self.beds - FREE_BEDS_PER_WARD
