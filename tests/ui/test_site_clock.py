"""Every time shown is the site's: a dose at 10:00 reads 10:00 whatever the device's own zone."""

from __future__ import annotations

import os
import time as process_time
from collections.abc import Iterator
from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest
from pytestqt.qtbot import QtBot

from bedside.ui import i18n
from bedside.ui.chart.words import clock_text


@pytest.fixture
def device_in_utc_site_in_paris() -> Iterator[None]:
    """A tablet whose operating system runs on UTC, for a ward in Paris."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    process_time.tzset()
    i18n.set_display_zone(ZoneInfo("Europe/Paris"))
    try:
        yield
    finally:
        i18n.set_display_zone(None)
        if before is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = before
        process_time.tzset()


@pytest.mark.usefixtures("device_in_utc_site_in_paris")
def test_a_dose_time_of_day_is_shown_as_written_not_shifted_by_the_devices_zone(
    qtbot: QtBot,
) -> None:
    assert clock_text(time(10, 0)) == i18n.wall_clock_text(time(10, 0))
    assert "10" in clock_text(time(10, 0))
    assert "11" not in clock_text(time(10, 0))


@pytest.mark.usefixtures("device_in_utc_site_in_paris")
def test_a_moment_is_shown_on_the_sites_clock(qtbot: QtBot) -> None:
    # 09:00 UTC in winter is 10:00 in Paris.
    assert i18n.time_text(datetime(2026, 12, 7, 9, 0, tzinfo=UTC)) == i18n.wall_clock_text(
        time(10, 0)
    )
