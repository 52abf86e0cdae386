"""电子监察: warnings at the configured thresholds (once each), the supervision
page (all departments, no personal data, nobody else), monthly statistics
checked by hand, the XLSX export."""

import io
from datetime import UTC, date, datetime

import pytest
from openpyxl import load_workbook
from pyramid_mailer import get_mailer

from govportal.services import supervision

from ..conftest import read_root
from .supervision_support import (
    RESIDENT_ID,
    Today,
    add_supervisor,
    make_case,
    paused_state,
    session,
)

# March 2026 has no holiday: a case accepted on Monday 2 March with 5
# promised working days counts 3, 4, 5, 6 and 9 March: due Monday 9 March.
ACCEPTED = date(2026, 3, 2)


@pytest.fixture
def outbox(wsgi_app):
    return get_mailer(wsgi_app.registry).outbox


DUE = date(2026, 3, 9)


def warnings_on(app, day, monkeypatch):
    Today(monkeypatch, day)
    with session(app) as (root, request):
        return supervision.send_warnings(root, request)


def handler_mails(outbox, number):
    return [m for m in outbox if number in m.subject and "jyj_editor@localhost" in m.recipients]


def test_yellow_at_threshold_then_red_after_due_each_once(wsgi_app, outbox, monkeypatch):
    with session(wsgi_app) as (root, request):
        case = make_case(root, request, "JY-1", accepted_on=ACCEPTED)
        assert case.due == DUE
        make_case(root, request, "JY-2", accepted_on=ACCEPTED, state=paused_state(request.registry))
        add_supervisor(root, request)
    # 3 March: 1 used, 4 left: nothing
    assert warnings_on(wsgi_app, date(2026, 3, 3), monkeypatch) == []
    assert outbox == []
    # 4 March: 2 used, 3 left (= govportal.services.yellow_days): yellow, once
    sent = warnings_on(wsgi_app, date(2026, 3, 4), monkeypatch)
    assert ("jyj", "JY-1", "yellow") in sent
    mails = handler_mails(outbox, "JY-1")
    assert len(mails) == 1 and "黄牌" in mails[0].subject
    assert "jyj_reviewer@localhost" in mails[0].recipients
    assert "wjj_editor@localhost" not in mails[0].recipients
    assert "剩余3个工作日" in mails[0].body
    assert "https://www.yingshan.gov.cn/jyj/@@cases/JY-1" in mails[0].body
    assert RESIDENT_ID not in mails[0].body and "张小明" not in mails[0].body
    # the digest to the holders of supervise (电子监察员; site.yaml's [ALL] of
    # the site administrator includes it), once that day
    digests = [m for m in outbox if "dzjc@localhost" in m.recipients]
    assert len(digests) == 1
    assert "黄牌1件" in digests[0].subject
    assert warnings_on(wsgi_app, date(2026, 3, 4), monkeypatch) == []
    # 9 March (due day, 0 left): still yellow, already warned
    assert warnings_on(wsgi_app, date(2026, 3, 9), monkeypatch) == [("digest", date(2026, 3, 9), 1)]
    assert len(handler_mails(outbox, "JY-1")) == 1
    # 10 March: overdue, red, once
    sent = warnings_on(wsgi_app, date(2026, 3, 10), monkeypatch)
    assert ("jyj", "JY-1", "red") in sent
    assert warnings_on(wsgi_app, date(2026, 3, 10), monkeypatch) == []
    mails = handler_mails(outbox, "JY-1")
    assert [("红牌" in m.subject) for m in mails] == [False, True]
    # the paused case was never warned about
    assert handler_mails(outbox, "JY-2") == []
    reminders = read_root(
        wsgi_app, lambda root: root["jyj"].govportal_service_cases.get("JY-1").reminders
    )
    assert reminders == ("warn-yellow:2026-03-09", "warn-red:2026-03-09")


def test_threshold_follows_the_setting(app_settings, monkeypatch):
    from govportal import main

    from ..conftest import close_app

    app = main({}, **dict(app_settings, **{"govportal.services.yellow_days": "1"}))
    try:
        with session(app) as (root, request):
            make_case(root, request, "JY-9", accepted_on=ACCEPTED)
        assert warnings_on(app, date(2026, 3, 5), monkeypatch) == []  # 2 left
        sent = warnings_on(app, date(2026, 3, 6), monkeypatch)  # 1 left
        assert ("jyj", "JY-9", "yellow") in sent
    finally:
        close_app(app)


def test_supervisor_sees_every_department_without_personal_data(wsgi_app, browser, monkeypatch):
    Today(monkeypatch, date(2026, 3, 10))
    with session(wsgi_app) as (root, request):
        make_case(root, request, "JY-1", accepted_on=ACCEPTED)  # red
        make_case(root, request, "WJ-1", site="wjj", accepted_on=date(2026, 3, 5))  # 5 - 3 = 2
        make_case(root, request, "WJ-2", site="wjj")  # awaiting intake
        make_case(root, request, "WJ-3", site="wjj", accepted_on=ACCEPTED, concluded_on=DUE)
        add_supervisor(root, request)
    page = browser("dzjc").get("/@@supervision", status=200)
    assert 'id="case-jyj-JY-1" class="level-red"' in page.text
    assert 'id="case-wjj-WJ-1" class="level-yellow"' in page.text
    assert 'id="case-wjj-WJ-2" class="level-ok"' in page.text
    assert "WJ-3" not in page.text  # concluded: not open
    assert "张小明" not in page.text and RESIDENT_ID not in page.text
    assert "13800138000" not in page.text
    # by department: 教育局 one red, 卫健局 one yellow of two open
    assert "<td>1</td><td>0</td><td>1</td>" in _row(page.text, "dept-jyj")
    assert "<td>2</td><td>1</td><td>0</td>" in _row(page.text, "dept-wjj")
    # filters
    only = browser("dzjc").get("/@@supervision?lead=wjj&level=yellow", status=200)
    assert "WJ-1" in only.text and "JY-1" not in _section(only.text)
    # nobody else
    for login in ("jyj_editor", "jyj_reviewer", "auditor"):
        browser(login).get("/@@supervision", status=403)
        browser(login).get("/@@supervision-export", status=403)
    anonymous = browser().get("/@@supervision", status="*")
    assert anonymous.status_int in (302, 403, 404)


def _row(html, ident):
    start = html.index(f'id="{ident}"')
    return html[start : html.index("</tr>", start)]


def _section(html):
    start = html.index('id="open-cases"')
    return html[start : html.index("</table>", start)]


def month_cases(app):
    with session(app) as (root, request):
        # on time: due 9 March, concluded 6 March, 4 working days used (3-6 March)
        make_case(root, request, "JY-1", accepted_on=ACCEPTED, concluded_on=date(2026, 3, 6))
        # overdue: accepted 3 March, 2 days (due 5 March), concluded 10 March: 5 used
        make_case(
            root,
            request,
            "JY-2",
            accepted_on=date(2026, 3, 3),
            promised_days=2,
            concluded_on=date(2026, 3, 10),
        )
        # submitted 31 March 16:30 UTC = 1 April 00:30 in China: an April case
        make_case(root, request, "JY-3", submitted_at=datetime(2026, 3, 31, 16, 30, tzinfo=UTC))
        # 卫健局: submitted in February, accepted 2 March, still running
        make_case(
            root,
            request,
            "WJ-1",
            site="wjj",
            accepted_on=ACCEPTED,
            submitted_at=datetime(2026, 2, 27, 3, tzinfo=UTC),
        )
        add_supervisor(root, request)


def test_monthly_statistics_by_hand(wsgi_app, browser, monkeypatch):
    Today(monkeypatch, date(2026, 4, 2))
    month_cases(wsgi_app)

    with session(wsgi_app) as (root, request):
        rows = {r["lead"]: r for r in supervision.monthly_stats(root, request.registry, 2026, 3)}
    assert set(rows) == {"jyj", "wjj", None}
    jyj = rows["jyj"]
    assert (jyj["received"], jyj["accepted"], jyj["concluded"]) == (2, 2, 2)
    assert (jyj["on_time"], jyj["overdue"], jyj["average_days"]) == (1, 1, 4.5)
    assert jyj["on_time_rate"] == 50.0
    wjj = rows["wjj"]
    assert (wjj["received"], wjj["accepted"], wjj["concluded"], wjj["average_days"]) == (
        0,
        1,
        0,
        None,
    )
    total = rows[None]
    assert (total["received"], total["accepted"], total["concluded"]) == (2, 3, 2)
    assert total["average_days"] == 4.5
    with session(wsgi_app) as (root, request):
        april = {r["lead"]: r for r in supervision.monthly_stats(root, request.registry, 2026, 4)}
    assert april["jyj"]["received"] == 1 and april[None]["concluded"] == 0
    page = browser("dzjc").get("/@@supervision?month=2026-03", status=200)
    assert "<td>2</td><td>2</td><td>2</td>" in _row(page.text, "stats-jyj")
    assert "50.0%" in _row(page.text, "stats-jyj") and "4.5" in _row(page.text, "stats-jyj")
    browser("dzjc").get("/@@supervision?month=2026-13", status=400)
    browser("dzjc").get("/@@supervision-export?month=March", status=400)


def test_export_workbook(wsgi_app, browser, monkeypatch):
    Today(monkeypatch, date(2026, 3, 10))
    month_cases(wsgi_app)
    res = browser("dzjc").get("/@@supervision-export?month=2026-03", status=200)
    assert res.content_type.endswith("spreadsheetml.sheet")
    assert "supervision-2026-03.xlsx" in res.headers["Content-Disposition"]
    book = load_workbook(io.BytesIO(res.body))
    warnings = list(book["预警"].values)
    assert warnings[0][0] == "预警"
    numbers = {row[2]: row for row in warnings[1:]}
    assert set(numbers) == {"WJ-1", "JY-3"}
    assert numbers["WJ-1"][0] == "红牌超期" and numbers["WJ-1"][8] == 6  # 3-10 March
    assert numbers["WJ-1"][9] == -1
    stats = list(book["月度统计"].values)
    assert stats[0][0] == "2026-03 办件统计"
    by_title = {row[0]: row for row in stats[2:]}
    assert by_title["教育局"][1:6] == (2, 2, 2, 1, 1)
    assert by_title["合计"][7] == 4.5
    assert not any(RESIDENT_ID in str(v) for row in warnings for v in row)


def test_admin_home_links_supervision_and_rectifications(wsgi_app, browser):
    with session(wsgi_app) as (root, request):
        add_supervisor(root, request)
    supervisor = browser("dzjc").get("/@@admin", status=200)
    assert 'href="http://localhost/@@supervision"' in supervisor.text
    editor = browser("jyj_editor").get("/@@admin", status=200)
    assert 'href="http://localhost/jyj/@@rectifications"' in editor.text
    assert "@@supervision" not in editor.text
    assert "/wjj/@@rectifications" not in editor.text
