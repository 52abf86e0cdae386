"""C1: documents published more than 20 working days after their 形成日期,
or still unpublished, with due days counted on the working-day calendar
(hand-computed across the 2026 Mid-Autumn and National Day holidays)."""

from datetime import UTC, date, datetime

import pytest
from pyramid.traversal import find_resource

from govportal.bootstrap import site_session
from govportal.calendar import get_calendar, uncertain_deadlines
from govportal.disclosure import timeliness
from govportal.disclosure.timeliness import check_document, timeliness_issues
from govportal.workflow.history import DISPLAY_TZ
from tests.http.helpers import add_document
from tests.public.helpers import publish_documents

from .forms import attribute

# 2026: 中秋 25–27 Sep and 国庆 1–7 Oct are off; Sun 20 Sep and Sat 10 Oct are
# working days.  From Mon 21 Sep the 20th working day is Mon 26 Oct (on
# weekdays alone it would be Mon 19 Oct); from Wed 30 Sep it is Tue 3 Nov.


def set_first_publication(app, path, day):
    """Pretend the document at ``path`` was approved on ``day``."""
    with site_session(app.registry) as (zodb_root, _request):
        doc = find_resource(zodb_root["app_root"], path)
        for record in doc.__workflow_history__:
            if record.to_state == "published":
                local = datetime(day.year, day.month, day.day, 10, 0, tzinfo=DISPLAY_TZ)
                record.when = local.astimezone(UTC)  # stored in UTC, like the engine
        doc.publish_date = day


@pytest.fixture
def cases(wsgi_app, browser):
    """Documents of 教育局, 卫健局 and the portal; returns their paths by letter."""
    jyj = {"editor": "jyj_editor", "reviewer": "jyj_reviewer"}
    a, b, e = publish_documents(
        wsgi_app,
        "/jyj/gzdt/",
        [
            {"name": "a", "title": "甲：按期发布", "made_date": date(2026, 9, 21)},
            {"name": "b", "title": "乙：超期一天", "made_date": date(2026, 9, 21)},
            {"name": "e", "title": "戊：早已发布", "made_date": date(2026, 9, 1)},
        ],
        **jyj,
    )
    set_first_publication(wsgi_app, a, date(2026, 10, 26))
    set_first_publication(wsgi_app, b, date(2026, 10, 27))
    set_first_publication(wsgi_app, e, date(2026, 9, 10))
    editor = browser("jyj_editor")
    c = add_document(editor, "/jyj/gzdt/", "丙：尚未发布", made_date="2026-09-30")
    d = add_document(editor, "/jyj/gzdt/", "丁：未填形成日期")
    (w,) = publish_documents(
        wsgi_app,
        "/wjj/gzdt/",
        [{"name": "w", "title": "卫：超期很久", "made_date": date(2026, 8, 3)}],
        editor="wjj_editor",
        reviewer="wjj_reviewer",
    )
    set_first_publication(wsgi_app, w, date(2026, 9, 30))
    p = add_document(browser("portal_editor"), "/tzgg/", "门：尚未发布", made_date="2026-09-21")
    return {"a": a, "b": b, "c": c, "d": d, "e": e, "w": w, "p": p}


def summary(issues):
    return [
        (i.document.title[0], i.status, i.due, i.published_on, i.workdays, i.overdue_workdays)
        for i in issues
    ]


def test_the_list_on_hand_computed_working_days(wsgi_app, cases):
    assert attribute(wsgi_app, cases["c"], "made_date") == date(2026, 9, 30)  # through the form
    late_b = ("乙", "late", date(2026, 10, 26), date(2026, 10, 27), 21, 1)
    # 3 Aug–30 Sep: 20 working days to Mon 31 Aug, then 22 more (Sun 20 Sep counts)
    late_w = ("卫", "late", date(2026, 8, 31), date(2026, 9, 30), 42, 22)
    with site_session(wsgi_app.registry, commit=False) as (zodb_root, request):
        root = zodb_root["app_root"]
        jyj = root["jyj"]
        # on its due day 丙 is still in time
        assert summary(timeliness_issues(jyj, today=date(2026, 11, 3))) == [late_b]
        unpublished_c = ("丙", "unpublished", date(2026, 11, 3), None, 21, 1)
        assert summary(timeliness_issues(jyj, today=date(2026, 11, 4))) == [late_b, unpublished_c]
        # 门 (made 21 Sep): due 26 Oct, on 4 Nov 27 working days have passed
        unpublished_p = ("门", "unpublished", date(2026, 10, 26), None, 27, 7)
        everything = timeliness_issues(root, today=date(2026, 11, 4))
        assert summary(everything) == [late_w, unpublished_p, late_b, unpublished_c]
        assert not any(i.uncertain for i in everything)
        assert summary(timeliness_issues(root, today=date(2026, 11, 4), deep=False)) == [
            unpublished_p
        ]
        assert summary(timeliness_issues(root["wjj"], today=date(2026, 11, 4))) == [late_w]
        assert everything[0].as_dict()["path"] == cases["w"].rstrip("/")


def test_a_due_day_in_a_year_without_holiday_data_is_flagged(wsgi_app, cases):
    with site_session(wsgi_app.registry, commit=False) as (zodb_root, request):
        root = zodb_root["app_root"]
        doc = find_resource(root, cases["d"])
        doc.made_date = date(2026, 12, 20)  # due in January 2027: no official data
        issue = check_document(doc, get_calendar(root), date(2027, 3, 1))
        assert issue.status == "unpublished" and issue.uncertain
        assert check_document(doc, get_calendar(root), date(2027, 1, 5)) is None
        # listed among the deadlines to verify on the 工作日历 page
        listed = uncertain_deadlines(root, get_calendar(root), request.registry)
        assert [(d.kind, d.title, d.years) for d in listed] == [
            ("主动公开时效", "丁：未填形成日期", (2027,))
        ]


def rows(res):
    return [
        tr.select("td")[0].get_text(strip=True) for tr in res.html.select("#timeliness tbody tr")
    ]


def test_departments_see_their_own_list_and_administrators_all(browser, cases, monkeypatch):
    # the page counts to the site's today: make it 4 November 2026, when 丙 is
    # overdue (whatever the clock: the suite runs on 1 January)
    monkeypatch.setattr(timeliness, "today_in_china", lambda: date(2026, 11, 4))
    for login in ("jyj_editor", "jyj_reviewer"):
        res = browser(login).get("/jyj/@@timeliness", status=200)
        assert sorted(rows(res)) == ["丙：尚未发布", "乙：超期一天"]  # order: by today's date
        assert "超期发布" in res.text and "超期未发布" in res.text and "营山县教育局" in res.text
    browser("wjj_editor").get("/jyj/@@timeliness", status=(403, 404))
    browser("jyj_editor").get("/@@timeliness", status=(403, 404))
    admin = browser("admin").get("/@@timeliness", status=200)
    assert sorted(rows(admin)) == ["丙：尚未发布", "乙：超期一天", "卫：超期很久", "门：尚未发布"]
    assert rows(browser("portal_reviewer").get("/@@timeliness")) == ["门：尚未发布"]
    anonymous = browser().get("/@@timeliness", status=(403, 404))
    assert "卫：超期很久" not in anonymous.text
    # the auditor reads every list; the 三员 hold no content role
    assert rows(browser("auditor").get("/@@timeliness"))
    assert "style=" not in admin.text and "ws-header" in admin.text
