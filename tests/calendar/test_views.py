"""The 工作日历 page (/@@admin-calendar), through HTTP as an administrator
(and refused to editors)."""

import json
from datetime import date

from govportal.calendar import find_table, get_calendar

from ..conftest import Browser, csrf_token, read_root
from .conftest import letters

PAGE = "/@@admin-calendar"
EXPORT = "/@@admin-calendar.json"


def entry_fields(token, day, kind="off", note="", end="", button="add"):
    return [
        ("_charset_", "UTF-8"),
        ("__formid__", "calendar-entry"),
        ("_csrf_token_", token),
        ("day", day),
        ("end", end),
        ("kind", kind),
        ("note", note),
        (button, button),
    ]


def admin(app):
    return Browser(app).login("admin")


def table_of(app):
    def entries(root):
        table = find_table(root)
        return [] if table is None else [(e.day, e.workday, e.note) for e in table.entries()]

    return read_root(app, entries)


def test_admin_sees_years_uncertain_deadlines_and_the_form(calendar_app):
    b = admin(calendar_app)
    res = b.get(PAGE, status=200)
    assert "各年度节假日数据" in res.text
    assert "2004–2026" in res.text
    assert "2027年调休安排尚未录入，法定节假日已按《全国年节及纪念日放假办法》计入" in res.text
    assert "来信 a" in res.text and "2027-01-13" in res.text  # uncertain deadline
    assert 'name="_csrf_token_"' in res.text
    # the staff chrome, no inline script or style (CSP)
    assert "ws-header" in res.text and "style=" not in res.text and "<script>" not in res.text
    # the management interface is not needed (nor open to site administrators)
    b.get("/manage/@@workday_calendar", status=(403, 404))


def test_admin_adds_and_removes_entries_and_deadlines_follow(calendar_app):
    b = admin(calendar_app)
    token = csrf_token(b.get(PAGE).text)
    res = b.post(PAGE, entry_fields(token, "2027-01-04", "off", "元旦调休"), status=303)
    assert res.location.endswith("/@@admin-calendar")
    assert table_of(calendar_app) == [(date(2027, 1, 4), False, "元旦调休")]
    letter = read_root(calendar_app, lambda root: dict(letters(root)["a"]))
    # still flagged: one entry is not the year's whole notice
    assert (letter["due"], letter["uncertain_years"]) == (date(2027, 1, 14), (2027,))
    page = b.get(PAGE).text
    assert "已录入 2027-01-04（放假）" in page
    assert "已录入 1 条，尚未确认全年安排已录入完整" in page

    # a run of days: a plausible 2027 Spring Festival, then an adjusted Saturday
    b.post(PAGE, entry_fields(token, "2027-02-05", "off", "春节", end="2027-02-12"), status=303)
    b.post(PAGE, entry_fields(token, "2027-02-20", "work", "春节调休上班"), status=303)
    assert len(table_of(calendar_app)) == 10
    # the administrator declares the notice entered in full
    res = b.post(PAGE, {"csrf_token": token, "complete": "2027"}, status=303)
    page = b.get(PAGE).text
    assert "已确认2027年全年安排录入完整" in page
    assert "目前没有落在无数据年份的未办结期限" in page
    assert "管理员已录入全年安排（10 条）并确认完整" in page
    letter = read_root(calendar_app, lambda root: dict(letters(root)["a"]))
    assert (letter["due"], letter["uncertain_years"]) == (date(2027, 1, 14), ())

    data = json.loads(b.get(EXPORT, status=200).body)
    assert data["official"] == {"source": "chinesecalendar", "first_year": 2004, "last_year": 2026}
    assert data["overrides"][0]["date"] == "2027-01-04"
    assert data["overrides"][0]["note"] == "元旦调休" and data["overrides"][0]["by"] == "admin"
    assert data["overrides"][-1] == dict(data["overrides"][-1], date="2027-02-20", workday=True)
    assert {"year": 2027, "source": "override", "overrides": 10} in data["years"]
    assert data["complete_years"] == [2027]
    assert data["uncertain_deadlines"] == []

    res = b.post(PAGE, {"csrf_token": token, "remove": "2027-01-04"}, status=303)
    assert (date(2027, 1, 4), False, "元旦调休") not in table_of(calendar_app)
    assert "已删除 2027-01-04 的条目" in b.get(PAGE).text
    letter = read_root(calendar_app, lambda root: dict(letters(root)["a"]))
    assert (letter["due"], letter["uncertain_years"]) == (date(2027, 1, 13), ())

    # withdrawing the mark flags the year again
    b.post(PAGE, {"csrf_token": token, "incomplete": "2027"}, status=303)
    letter = read_root(calendar_app, lambda root: dict(letters(root)["a"]))
    assert letter["uncertain_years"] == (2027,)


def test_marking_a_year_is_refused_without_token_role_or_valid_year(calendar_app):
    b = admin(calendar_app)
    token = csrf_token(b.get(PAGE).text)
    b.post(PAGE, {"complete": "2027"}, status=400)  # no CSRF token
    b.post(PAGE, {"csrf_token": "forged", "complete": "2027"}, status=400)
    for bad in ("2026", "abc", "1999", "2100", ""):
        b.post(PAGE, {"csrf_token": token, "complete": bad}, status=400)
    editor = Browser(calendar_app).login("portal_editor")
    editor_token = csrf_token(editor.get("/@@workspace").text)
    editor.post(PAGE, {"csrf_token": editor_token, "complete": "2027"}, status=403)
    assert read_root(calendar_app, lambda root: get_calendar(root).complete_years) == ()
    letter = read_root(calendar_app, lambda root: dict(letters(root)["a"]))
    assert letter["uncertain_years"] == (2027,)


def test_export_lists_uncertain_deadlines(calendar_app):
    res = admin(calendar_app).get(EXPORT, status=200)
    assert res.content_type == "application/json"
    assert "attachment" in res.headers["Content-Disposition"]
    assert res.json["uncertain_deadlines"] == [
        {"title": "来信 a", "due": "2027-01-13", "years": [2027], "path": "/a", "kind": "测试来信"}
    ]


def test_bad_input_is_a_form_error_and_stores_nothing(calendar_app):
    b = admin(calendar_app)
    token = csrf_token(b.get(PAGE).text)
    cases = [
        (entry_fields(token, "2027-13-45"), "无效日期"),  # not a date
        (entry_fields(token, ""), "请填写日期"),  # no date
        (entry_fields(token, "1999-01-01"), "2000年至2099年"),
        (entry_fields(token, "2027-01-01", kind=""), "请选择"),
        (entry_fields(token, "2027-01-01", kind="maybe"), "请选择"),
        (entry_fields(token, "2027-01-01", note="长" * 101), "最大长度"),
        (entry_fields(token, "2027-02-13", end="2027-02-06"), "不能早于"),
        (entry_fields(token, "2027-01-01", end="2027-03-01"), "最多录入31天"),
    ]
    for fields, message in cases:
        res = b.post(PAGE, fields, status=200)
        assert "提交的内容有误" in res.text
        if message is not None:
            assert message in res.text, message
    assert table_of(calendar_app) == []
    assert read_root(calendar_app, lambda root: getattr(root, "test_recomputed", 0)) == 0


def test_tampered_requests_are_4xx_never_500(calendar_app):
    b = admin(calendar_app)
    token = csrf_token(b.get(PAGE).text)
    b.post(PAGE, {"csrf_token": token, "remove": "not-a-date"}, status=400)
    b.post(PAGE, {"csrf_token": token, "remove": ""}, status=400)
    b.post(PAGE, {"csrf_token": token}, status=400)  # no action
    # removing a date that has no entry is only a warning
    b.post(PAGE, {"csrf_token": token, "remove": "2027-01-01"}, status=303)
    assert "没有录入条目" in b.get(PAGE).text
    # no CSRF token, or a wrong one
    fields = [f for f in entry_fields(token, "2027-01-01") if f[0] != "_csrf_token_"]
    b.post(PAGE, fields, status=400)
    b.post(PAGE, entry_fields("forged", "2027-01-01"), status=400)
    assert table_of(calendar_app) == []


def test_editors_and_anonymous_are_refused(calendar_app):
    for login in ("portal_editor", "portal_reviewer", "jyj_editor"):
        b = Browser(calendar_app).login(login)
        b.get(PAGE, status=403)
        b.get(EXPORT, status=403)
        token = b.csrf()
        b.post(PAGE, entry_fields(token, "2027-01-01", "off", "元旦"), status=403)
        b.post(PAGE, {"csrf_token": token, "remove": "2027-01-01"}, status=403)
    anonymous = Browser(calendar_app)
    anonymous.get(PAGE, status=(403, 404))
    assert "2027" not in anonymous.get(EXPORT, status=(403, 404)).text
    assert table_of(calendar_app) == []


def test_sixteen_concurrent_year_marks_and_a_replay_change_it_once(calendar_app):
    import threading

    import webtest

    b = admin(calendar_app)
    token = csrf_token(b.get(PAGE).text)
    cookies = dict(b.app.cookies)
    barrier = threading.Barrier(16, timeout=60)
    statuses, errors = [], []
    lock = threading.Lock()

    def run():
        client = webtest.TestApp(calendar_app)
        for name, value in cookies.items():
            client.set_cookie(name, value)
        try:
            barrier.wait()
            res = client.post(PAGE, {"csrf_token": token, "complete": "2027"}, status="*")
            with lock:
                statuses.append(res.status_int)
        except Exception as e:  # noqa: BLE001 - reported below
            with lock:
                errors.append(repr(e))

    threads = [threading.Thread(target=run) for _ in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and statuses == [303] * 16
    assert read_root(calendar_app, lambda root: get_calendar(root).complete_years) == (2027,)
    # the replay (and every concurrent post after the first) changed nothing
    b.post(PAGE, {"csrf_token": token, "complete": "2027"}, status=303)
    assert "2027年的状态未变" in b.get(PAGE).text
    letter = read_root(calendar_app, lambda root: dict(letters(root)["a"]))
    assert letter["uncertain_years"] == ()
    assert read_root(calendar_app, lambda root: root.test_recomputed) == 1
