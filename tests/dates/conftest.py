"""The night the server's date and China's differ: 00:30 China time on 1 January.

Every test here runs at :data:`NIGHT` (the clock ticking from there) on a host
whose zone is UTC, where ``date.today()`` still says 31 December of the year
before: a date taken from the server's clock instead of the site's zone shows
as the wrong day and the wrong year.
"""

import time
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

CHINA = ZoneInfo("Asia/Shanghai")
NIGHT = datetime(2026, 1, 1, 0, 30, tzinfo=CHINA)
#: the site's date at NIGHT, and the server's (UTC) date
CHINA_DAY = date(2026, 1, 1)
UTC_DAY = date(2025, 12, 31)


@pytest.fixture
def new_year_night(monkeypatch):
    """The host in UTC and the clock at 00:30 China time on 1 January 2026."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    try:
        # a timestamp, not the aware datetime: time-machine would change TZ
        with time_machine.travel(NIGHT.timestamp(), tick=True):
            # the trap is set: the server's own date is the day before
            assert date.today() == UTC_DAY
            yield NIGHT
    finally:
        monkeypatch.undo()
        time.tzset()
