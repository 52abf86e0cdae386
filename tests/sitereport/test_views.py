"""``@@site-report`` through HTTP: access, the form, overrides, the draft, XLSX."""

import io

import pytest
from openpyxl import load_workbook
from pyramid.traversal import find_resource

from govportal.sitereport.store import get_record
from govportal.workflow import get_state
from tests.conftest import read_root
from tests.http.helpers import REFUSED, transition

from .helpers import form_fields

PAGE = "/jyj/@@site-report?year=2025"
PRINT = "/jyj/@@site-report-print?year=2025"
XLSX = "/jyj/@@site-report.xlsx?year=2025"
TITLE = "营山县教育局网站2025年政府网站工作年度报表"


def saved(wsgi_app, path="/jyj", year=2025):
    def read(root):
        record = get_record(find_resource(root, path), year)
        return None if record is None else (dict(record.values), dict(record.overrides))

    return read_root(wsgi_app, read)


def documents(wsgi_app, column="/jyj/xxgknb"):
    registry = wsgi_app.registry

    def read(root):
        return [
            (name, doc.title, doc.body, get_state(doc, registry))
            for name, doc in find_resource(root, column).items()
            if name.startswith("wzndbb-")
        ]

    return read_root(wsgi_app, read)


def column_oid(wsgi_app, path="/jyj/xxgknb"):
    from substanced.util import get_oid

    return read_root(wsgi_app, lambda root: str(get_oid(find_resource(root, path))))


@pytest.mark.parametrize("url", [PAGE, PRINT, XLSX])
def test_anonymous_is_refused(testapp, url):
    res = testapp.get(url, status="*")
    assert res.status_int in REFUSED
    assert TITLE not in res.text


@pytest.mark.parametrize("login", ["wjj_reviewer", "wjj_editor", "jyj_editor"])
def test_others_are_refused(browser, login):
    client = browser(login)
    for url in (PAGE, PRINT, XLSX):
        assert client.get(url, status="*").status_int in REFUSED, (login, url)


def test_other_departments_post_and_forged_post_are_refused(browser, wsgi_app):
    own = browser("jyj_reviewer")
    page = own.get(PAGE, status=200)
    other = browser("wjj_reviewer")
    res = other.post(PAGE, form_fields(page.text, weibo_name="x") + [("save", "save")], status="*")
    assert res.status_int in REFUSED
    forged = [(k, v) for k, v in form_fields(page.text, weibo_name="x") if k != "_csrf_token_"]
    res = own.post(PAGE, forged + [("save", "save")], status=400)
    assert saved(wsgi_app) is None


def test_page_shows_figures_with_sources(browser):
    res = browser("jyj_reviewer").get(PAGE, status=200)
    assert TITLE in res.text
    assert "来源：本站已发布文件" in res.text
    assert "ws-header" in res.text and "<style" not in res.text
    assert res.headers["Cache-Control"].startswith("private")


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"page_views": "-1"}, "不能为负数"),
        ({"page_views": "很多"}, "不是整数"),
        ({"letters_avg_days__override": "1.25", "letters_avg_days__reason": "核对"}, "天数"),
        ({"pub_total__override": "12"}, "须填写修改理由"),
        ({"pub_total__reason": "核对"}, "未填写修改后的数值"),
        ({"sec_officer": "也许"}, "请选择“是”或“否”"),
        ({"weibo_name": "蜀" * 201}, "内容过长"),
    ],
)
def test_form_errors_in_chinese_and_nothing_saved(browser, wsgi_app, values, message):
    client = browser("jyj_reviewer")
    page = client.get(PAGE, status=200)
    res = client.post(PAGE, form_fields(page.text, **values) + [("save", "save")], status=400)
    assert message in res.text and "填写内容有误" in res.text
    assert saved(wsgi_app) is None


def test_save_with_override_and_reason(browser, wsgi_app):
    client = browser("jyj_reviewer")
    page = client.get(PAGE, status=200)
    values = {
        "weibo_name": "营山教育微博0",
        "page_views": "123456",
        "sec_officer": "是",
        "pub_total__override": "88",
        "pub_total__reason": "含纸质公开信息",
    }
    res = client.post(PAGE, form_fields(page.text, **values) + [("save", "save")], status=303)
    entered, overrides = saved(wsgi_app)
    assert entered == {
        "weibo_name": "营山教育微博0",
        "page_views": 123456,
        "sec_officer": "是",
    }
    assert overrides == {"pub_total": {"value": 88, "reason": "含纸质公开信息"}}
    page = client.get(res.location, status=200)
    assert "已人工修改，理由：含纸质公开信息" in page.text
    assert 'value="88"' in page.text


def test_generate_once_replay_and_publish_through_workflow(browser, wsgi_app):
    reviewer = browser("admin")  # the site administrator generates it
    page = reviewer.get(PAGE, status=200)
    fields = form_fields(page.text, column=column_oid(wsgi_app), weibo_name="营山教育微博1")
    reviewer.post(PAGE, fields + [("generate", "generate")], status=303)
    reviewer.post(PAGE, fields + [("generate", "generate")], status=303)  # replay
    docs = documents(wsgi_app)
    assert len(docs) == 1
    name, title, body, state = docs[0]
    assert title == TITLE and "营山教育微博1" in body and "来源" not in body
    path = f"/jyj/xxgknb/{name}"
    editor = browser("jyj_editor")
    assert transition(editor, path, "submit").json["state"] != state
    # four eyes: whoever generated it (its last editor) may not approve it
    refused = transition(reviewer, path, "approve", status="*")
    assert refused.status_int in (400, 403)
    transition(browser("jyj_reviewer"), path, "approve")
    assert documents(wsgi_app)[0][3] not in (state, "review")
    # a published report is never overwritten
    res = reviewer.post(PAGE, fields + [("generate", "generate")], status=409)
    assert "不能覆盖" in res.text
    assert len(documents(wsgi_app)) == 1


def test_generate_needs_a_column(browser, wsgi_app):
    client = browser("jyj_reviewer")
    page = client.get(PAGE, status=200)
    res = client.post(PAGE, form_fields(page.text) + [("generate", "generate")], status=400)
    assert "请选择存放报表草稿的栏目" in res.text
    assert documents(wsgi_app) == []


def test_xlsx_matches_the_report(browser, wsgi_app):
    client = browser("jyj_reviewer")
    page = client.get(PAGE, status=200)
    values = {
        "weibo_name": "营山教育微博2",
        "pub_total__override": "7",
        "pub_total__reason": "核对",
    }
    client.post(PAGE, form_fields(page.text, **values) + [("save", "save")], status=303)
    res = client.get(XLSX, status=200)
    assert res.content_type.endswith("spreadsheetml.sheet")
    sheet = load_workbook(io.BytesIO(res.body)).active
    rows = {r[1]: r[2] for r in sheet.iter_rows(min_row=4, values_only=True) if r[1]}
    assert sheet["A1"].value == TITLE
    assert rows["微博：名称"] == "营山教育微博2"
    assert rows["信息发布总数（单位：条）"] == 7
    assert rows["首页网址"].startswith("https://www.yingshan.gov.cn/jyj")
    assert "A4:A11" in {str(r) for r in sheet.merged_cells.ranges}  # 网站基本信息, 8 rows
    printed = client.get(PRINT, status=200).text
    assert TITLE in printed and "营山教育微博2" in printed and "onclick" not in printed


def test_admin_home_links_the_report_for_those_who_may_open_it(browser):
    assert "/jyj/@@site-report" in browser("jyj_reviewer").get("/@@admin", status="*").text
    res = browser("jyj_editor").get("/@@admin", status="*")
    assert "@@site-report" not in res.text
