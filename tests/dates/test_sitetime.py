"""govportal.sitetime: the site's zone, the configured one, and stored naive times."""

from datetime import UTC, date, datetime

import pytest
from pyramid import testing

from govportal import sitetime
from govportal.workflow.history import DISPLAY_TZ, TransitionRecord

from .conftest import CHINA_DAY, NIGHT, UTC_DAY


@pytest.fixture
def site(request):
    """A registry with ``govportal.timezone`` set to the parameter (None: unset)."""
    zone = getattr(request, "param", None)
    settings = {} if zone is None else {sitetime.SETTING: zone}
    config = testing.setUp(settings=settings)
    yield config.registry
    testing.tearDown()


def test_today_and_year_are_chinas_at_half_past_midnight(new_year_night, site):
    assert date.today() == UTC_DAY
    assert sitetime.today() == CHINA_DAY
    assert sitetime.now().year == 2026
    assert sitetime.now_utc().date() == UTC_DAY
    assert sitetime.now_utc().tzinfo is UTC


def test_history_times_are_shown_in_the_site_zone(site):
    record = TransitionRecord("approve", "review", "published", "u", "审核人", when=NIGHT)
    assert record.local_when.strftime("%Y-%m-%d %H:%M") == "2026-01-01 00:30"
    assert record.as_dict()["local_when"] == "2026-01-01 00:30"
    assert record.as_dict()["when"] == "2025-12-31T16:30:00+00:00"


@pytest.mark.parametrize("site", ["UTC"], indirect=True)
def test_a_configured_zone_is_followed_everywhere(new_year_night, site):
    assert sitetime.today() == UTC_DAY
    record = TransitionRecord("approve", "review", "published", "u", "审核人", when=NIGHT)
    assert record.local_when.strftime("%Y-%m-%d %H:%M") == "2025-12-31 16:30"
    # module constants that convert for display follow the setting too
    assert NIGHT.astimezone(DISPLAY_TZ).strftime("%H:%M") == "16:30"


def test_stored_naive_times_are_utc(site):
    naive = datetime(2025, 12, 31, 16, 30)
    assert sitetime.local(naive).strftime("%Y-%m-%d %H:%M") == "2026-01-01 00:30"
    assert sitetime.local_date(naive) == CHINA_DAY
    # a date is already a site date
    assert sitetime.local_date(CHINA_DAY) == CHINA_DAY


def test_the_site_zone_converts_both_ways(site):
    local = datetime(2026, 1, 1, 0, 30, tzinfo=sitetime.SITE_ZONE)
    assert local.astimezone(UTC) == NIGHT
    assert local.utcoffset().total_seconds() == 8 * 3600
    assert datetime(2025, 12, 31, 16, 30, tzinfo=UTC).astimezone(DISPLAY_TZ) == NIGHT
