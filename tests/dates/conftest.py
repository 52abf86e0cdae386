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
#: how long after NIGHT the server's date is still the day before (seconds);
#: an hour's margin is kept
SMALL_HOURS = 6.5 * 3600


@pytest.fixture
def new_year_night(monkeypatch):
    """The host in UTC and the clock at 00:30 China time on 1 January 2026."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    # The suite's clock (tests/clock.py) starts at NIGHT: stay on it while it
    # is still the small hours of 1 January rather than go back in time (the
    # demo site's database was written a little after NIGHT).
    night, now = NIGHT.timestamp(), time.time()
    destination = now if night <= now < night + SMALL_HOURS else night
    try:
        # a timestamp, not the aware datetime: time-machine would change TZ
        with time_machine.travel(destination, tick=True):
            # the trap is set: the server's own date is the day before
            assert date.today() == UTC_DAY
            yield NIGHT
    finally:
        monkeypatch.undo()
        time.tzset()
