"""Periods in site time with TZ=UTC, and the weights file checked at start-up."""

from datetime import UTC, date, datetime

import pytest
import yaml

import govportal
from govportal.scorecards import weights
from govportal.scorecards.cards import plain
from govportal.scorecards.periods import MONTH, WEEK, last_periods, parse, period_of_instant
from tests.conftest import close_app


def test_sunday_2330_utc_is_mondays_week_in_shanghai():
    sunday = datetime(2026, 3, 1, 23, 30, tzinfo=UTC)
    assert sunday.weekday() == 6
    week = period_of_instant(WEEK, sunday)
    assert week.start == date(2026, 3, 2) and week.end == date(2026, 3, 8)
    assert week.key == "2026-W10"
    # 15:59 UTC is still Sunday (23:59 in Shanghai): the week before
    assert period_of_instant(WEEK, datetime(2026, 3, 1, 15, 59, tzinfo=UTC)).end == date(2026, 3, 1)
    # a naive instant means UTC
    assert period_of_instant(WEEK, datetime(2026, 3, 1, 16, 0)).start == date(2026, 3, 2)


def test_month_boundaries_in_site_time():
    month = period_of_instant(MONTH, datetime(2026, 1, 31, 16, 30, tzinfo=UTC))
    assert (month.start, month.end, month.key) == (date(2026, 2, 1), date(2026, 2, 28), "2026-02")
    assert plain(month.label) == "2026年2月"
    assert plain(parse("week", "2026-03-04").label) == "2026年第10周（03-02至03-08）"
    december = parse("month", "2026-12-31")
    assert december.end == date(2026, 12, 31) and december.following().key == "2027-01"


def test_iso_weeks_across_the_year_and_last_periods():
    week = parse("week", "2027-01-01")  # a Friday in ISO week 2026-W53
    assert week.key == "2026-W53" and week.start == date(2026, 12, 28)
    trend = last_periods(parse("month", "2026-03-10"), 12)
    assert [p.key for p in trend][:2] == ["2025-04", "2025-05"] and trend[-1].key == "2026-03"
    with pytest.raises(ValueError):
        parse("year", None)
    with pytest.raises(ValueError):
        parse("week", "2026-02-30")


def _good():
    with open(weights.DEFAULT_FILE, encoding="utf-8") as stream:
        return yaml.safe_load(stream)


def test_the_shipped_file_is_valid():
    found = weights.parse(_good())
    assert found["syndication"].enabled is True and found["syndication"].kind == "ratio"
    assert found["published"].target == {"week": 5.0, "month": 20.0}


@pytest.mark.parametrize(
    "spoil",
    [
        lambda d: d["figures"].pop("letters_on_time"),
        lambda d: d["figures"].__setitem__("invented", {"kind": "ratio", "weight": 1}),
        lambda d: d["figures"]["published"].__setitem__("weight", -1),
        lambda d: d["figures"]["published"].__setitem__("weight", "ten"),
        lambda d: d["figures"]["published"].__setitem__("kind", "ratio"),
        lambda d: d["figures"]["published"].__setitem__("target", {"week": 5}),
        lambda d: d["figures"]["broken_links"].__setitem__("tolerance", 0),
        lambda d: d["figures"]["syndication"].__setitem__("enabled", "no"),
        lambda d: d["figures"]["cases_on_time"].__setitem__("colour", "red"),
        lambda d: [f.__setitem__("weight", 0) for f in d["figures"].values()],
        lambda d: d.pop("figures"),
    ],
)
def test_bad_weights_are_refused(spoil):
    data = _good()
    spoil(data)
    with pytest.raises(weights.WeightsError):
        weights.parse(data)


def test_a_bad_file_stops_the_start(app_settings, tmp_path):
    bad = tmp_path / "weights.yaml"
    bad.write_text("figures: {published: {kind: count, weight: 1}}\n", encoding="utf-8")
    with pytest.raises(weights.WeightsError):
        app = govportal.main({}, **dict(app_settings, **{weights.SETTING: str(bad)}))
        close_app(app)
    with pytest.raises(weights.WeightsError):
        weights.load(tmp_path / "missing.yaml")
    bad.write_text("figures: [\n", encoding="utf-8")
    with pytest.raises(weights.WeightsError):
        weights.load(bad)
