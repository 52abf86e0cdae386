"""The dashboard's availability panel and overview line: rates against the
3 % and 5 % lines, a server-rendered SVG chart, days in site time, recent
failures; read-only."""

from datetime import timedelta

from govportal.bootstrap import site_session
from govportal.monitoring.panels import panels, summaries, tasks
from govportal.monitoring.probes.panel import chart, pages, panel, summary
from govportal.monitoring.probes.stats import Day, per_day, rolling_week, week_start
from govportal.sitetime import now_utc, site_zone

from .conftest import seed


def test_registered(app):
    assert "availability" in dict(panels(app.registry))
    assert "availability" in dict(summaries(app.registry))
    assert "probe" in tasks(app.registry)


def test_panel_and_summary(app):
    seed(app, "/jyj", "", [True] * 95 + [False] * 2 + [True] * 3)
    seed(app, "/jyj", "/@@search", [True] * 10)
    with site_session(app.registry, commit=False) as (zroot, request):
        site = zroot["app_root"]["jyj"]
        html = panel(site, request)
        status = summary(site, request)
        portal = summary(zroot["app_root"], request)
    assert "<svg" in html and "告警 3%" in html and "否决 5%" in html
    assert "首页近7天失败率 <strong>2.00%</strong>" in html
    assert "@@search" in html and "HTTP 503" in html  # the recent failures
    assert 'scope="col"' in html
    assert status.label == "可用性" and status.value == "2.00%" and status.level == "ok"
    assert status.facts["probes"] == 100 and status.facts["failures"] == 2
    assert status.url.endswith("/jyj/@@monitoring#availability")
    assert portal.value == "暂无探测"


def test_levels_on_the_summary(app):
    seed(app, "/wjj", "", [True] * 46 + [False] * 2 + [True] * 2)  # 4 %
    seed(app, "/rsj", "", [False] * 3 + [True] * 47 + [False] * 3)  # 3 in a row
    with site_session(app.registry, commit=False) as (zroot, request):
        root = zroot["app_root"]
        assert summary(root["wjj"], request).level == "warning"
        rsj = summary(root["rsj"], request)
    assert rsj.level == "veto" and "连续失败 3 次" in rsj.detail  # 6 of 53: 11 %


def test_days_and_weeks_in_site_time(app):
    """The test clock stands at 00:30 China time on 1 January (UTC: 31 December):
    a probe ten minutes ago belongs to 1 January, one an hour ago to 31 December."""
    now = now_utc()
    zone = site_zone(app.registry)
    seed(app, "/czj", "", [False], start=now - timedelta(minutes=10))
    seed(app, "/czj", "", [True], start=now - timedelta(hours=1))
    with site_session(app.registry, commit=False) as (zroot, _request):
        [page] = pages(zroot["app_root"]["czj"], app.registry, now)
    today, yesterday = page.days[-1], page.days[-2]
    assert today.day.isoformat().endswith("-01-01") and today.failures == 1
    assert yesterday.day.isoformat().endswith("-12-31") and yesterday.probes == 1
    monday = week_start(now, zone).astimezone(zone)
    assert monday.weekday() == 0 and (monday.hour, monday.minute) == (0, 0)
    assert page.this_week.probes + page.last_week.probes == 2
    assert len(per_day([], now, zone)) == 7 and rolling_week([], now, 300).rate is None


def test_chart_geometry(app):
    from govportal.monitoring.probes.config import ProbeConfig

    conf = ProbeConfig.from_settings(app.registry.settings)
    days = [Day(now_utc().date(), 100, n) for n in (0, 4, 6)]
    drawn = chart(days, conf)
    assert [b["level"] for b in drawn["bars"]] == ["ok", "warning", "veto"]
    assert drawn["veto_y"] < drawn["alarm_y"] < drawn["base"]
    assert drawn["bars"][0]["h"] == 0 and drawn["bars"][2]["h"] > drawn["bars"][1]["h"]
