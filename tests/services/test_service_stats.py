"""The public 办事统计 page: per department for a month (default the last
complete month) and the year to date, numbers checked by hand, ratings
excluded by an upheld appeal left out, no personal data; axe-core in
Chromium at 1280 and 320 px and in 长者版."""

import re
import shutil
from datetime import UTC, date, datetime

import pytest

from govportal.services import clock

from ..browser.conftest import LiveServer, new_context
from ..browser.support import blocking, format_violations, run_axe, scroll_width
from ..conftest import close_app, make_settings
from .supervision_support import RESIDENT_ID, Today, make_case, session

TODAY = date(2026, 4, 2)  # the last complete month is March 2026
LOOKS = (("1280 px", 1280, False), ("320 px", 320, False), ("长者版", 1280, True))


def rated(case, level, day, excluded=False):
    rating = {
        "level": level,
        "comment": "",
        "at": datetime(day.year, day.month, day.day, 3, tzinfo=UTC),
    }
    if excluded:
        rating["excluded"] = True
    case.rating = rating


def build(app):
    with session(app) as (root, request):
        # February: accepted Mon 2 Feb, concluded Thu 5 Feb: 3 working days, on
        # time; its bad rating was excluded by an upheld appeal
        jy0 = make_case(
            root, request, "JY-0", accepted_on=date(2026, 2, 2), concluded_on=date(2026, 2, 5)
        )
        rated(jy0, 2, date(2026, 2, 10), excluded=True)
        # March, on time: accepted 2 March, concluded 6 March, 4 working days
        jy1 = make_case(
            root, request, "JY-1", accepted_on=date(2026, 3, 2), concluded_on=date(2026, 3, 6)
        )
        rated(jy1, 5, date(2026, 3, 12))
        # March, overdue: 2 promised days from 3 March, concluded 10 March: 5 used
        jy2 = make_case(
            root,
            request,
            "JY-2",
            accepted_on=date(2026, 3, 3),
            promised_days=2,
            concluded_on=date(2026, 3, 10),
        )
        rated(jy2, 1, date(2026, 3, 12))
        # 31 March 16:30 UTC is 1 April in China: an April case
        make_case(root, request, "JY-3", submitted_at=datetime(2026, 3, 31, 16, 30, tzinfo=UTC))
        # 卫健局: submitted 27 February, accepted 2 March, still running
        make_case(
            root,
            request,
            "WJ-1",
            site="wjj",
            accepted_on=date(2026, 3, 2),
            submitted_at=datetime(2026, 2, 27, 3, tzinfo=UTC),
        )


def cells(html, row_id):
    start = html.index(f'id="{row_id}"')
    row = html[start : html.index("</tr>", start)]
    return re.findall(r"<td>([^<]*)</td>", row)


def test_statistics_by_hand(wsgi_app, browser, monkeypatch):
    Today(monkeypatch, TODAY)
    build(wsgi_app)
    visitor = browser()
    page = visitor.get("/@@service-stats", status=200)
    text = page.text
    assert "2026年3月" in text and 'value="2026-03"' in text and "2026年1月至3月累计" in text
    # 收件, 受理, 办结, 按时办结率, 平均办理工作日, 评价数, 满意率
    assert cells(text, "monthly-jyj") == ["2", "2", "2", "50.0%", "4.5", "2", "50.0%"]
    assert cells(text, "monthly-wjj") == ["0", "1", "0", "—", "—", "0", "—"]
    assert cells(text, "monthly-total") == ["2", "3", "2", "50.0%", "4.5", "2", "50.0%"]
    # year to date: February's case counts, its excluded rating does not
    assert cells(text, "ytd-jyj") == ["3", "3", "3", "66.7%", "4.0", "2", "50.0%"]
    assert cells(text, "ytd-wjj") == ["1", "1", "0", "—", "—", "0", "—"]
    assert cells(text, "ytd-total") == ["4", "4", "3", "66.7%", "4.0", "2", "50.0%"]
    assert "<caption>" in text and 'scope="row"' in text and 'scope="col"' in text
    assert "张小明" not in text and RESIDENT_ID not in text and "13800138000" not in text
    # February alone: the excluded rating leaves no rating at all
    feb = visitor.get("/@@service-stats?month=2026-02", status=200).text
    assert cells(feb, "monthly-jyj") == ["1", "1", "1", "100.0%", "3.0", "0", "—"]
    assert cells(feb, "monthly-wjj") == ["1", "0", "0", "—", "—", "0", "—"]
    april = visitor.get("/@@service-stats?month=2026-04", status=200).text
    assert cells(april, "monthly-jyj") == ["1", "0", "0", "—", "—", "0", "—"]
    visitor.get("/@@service-stats?month=2026-13", status=400)
    visitor.get("/@@service-stats?month=March", status=400)
    # linked from the hall and the ratings page
    assert "/@@service-stats" in visitor.get("/@@services", status=200).text
    assert "/@@service-stats" in visitor.get("/@@ratings", status=200).text


def test_default_month_in_january_is_last_december(wsgi_app, browser, monkeypatch):
    Today(monkeypatch, date(2027, 1, 15))
    page = browser().get("/@@service-stats", status=200).text
    assert 'value="2026-12"' in page and "2026年1月至12月累计" in page


@pytest.fixture(scope="module")
def site(site_template, tmp_path_factory):
    from govportal import main

    directory = tmp_path_factory.mktemp("service-stats-a11y") / "site"
    shutil.copytree(site_template, directory)
    patch = pytest.MonkeyPatch()
    patch.setattr(clock, "today", lambda: TODAY)
    app = main({}, **make_settings(directory))
    build(app)
    server = LiveServer(app).start()
    try:
        yield server.url
    finally:
        server.stop()
        close_app(app)
        patch.undo()


@pytest.mark.parametrize(("look", "width", "elder"), LOOKS, ids=[look for look, *_ in LOOKS])
def test_axe(chromium, site, axe_source, look, width, elder):
    context = new_context(chromium, site, viewport={"width": width, "height": 900})
    context.set_default_timeout(45_000)
    if elder:
        context.add_cookies([{"name": "gp_mode", "value": "elder", "url": site + "/"}])
    page = context.new_page()
    found = []
    try:
        response = page.goto("/@@service-stats")
        assert response.status == 200
        violations = blocking(run_axe(page, axe_source))
        if violations:
            found.append(f"{look}:\n{format_violations(violations)}")
        wide = scroll_width(page)
        if wide > width:
            found.append(f"{look}: {wide} px wide in a {width} px window")
    finally:
        context.close()
    assert not found, "\n".join(found)
