"""``@@annual-report`` through HTTP: who may use it, the form, the draft.

Applications of 2024–2026 are seeded into 教育局 (the records of
:mod:`.records`); the page, the printable page and the draft document must
show the hand-counted 2025 table.
"""

import re

import pytest
from pyramid.traversal import find_resource
from substanced.util import get_oid

from govportal.annualreport.store import get_record
from govportal.workflow import get_state
from tests.conftest import read_root
from tests.http.helpers import REFUSED, transition

from .helpers import column_oid, remove_column, report_fields, seed_applications
from .records import SEEDED

PAGE = "/jyj/@@annual-report?year=2025"
PRINT = "/jyj/@@annual-report-print?year=2025"
XLSX = "/jyj/@@annual-report.xlsx?year=2025"


@pytest.fixture
def seeded(wsgi_app):
    seed_applications(wsgi_app, "/jyj", SEEDED)
    return wsgi_app


@pytest.fixture
def report_column(wsgi_app):
    """教育局's 政府信息公开年报 column (every site has one)."""
    return column_oid(wsgi_app, "/jyj/xxgknb")


def cells(html, table_class):
    """The texts of the cells of the table with ``table_class``, row by row."""
    match = re.search(rf"<table\s+class=\"report-table {table_class}\">(.*?)</table>", html, re.S)
    assert match, f"no {table_class} table"
    rows = re.findall(r"<tr>(.*?)</tr>", match.group(1), re.S)
    return [
        [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<t[hd][^>]*>.*?</t[hd]>", r, re.S)]
        for r in rows
    ]


def stored_documents(wsgi_app, column_path):
    """Title, body, workflow state and last editor of every item in a column."""
    registry = wsgi_app.registry

    def read(root):
        column = find_resource(root, column_path)
        return [
            {
                "name": name,
                "title": doc.title,
                "body": doc.body,
                "state": get_state(doc, registry),
                "last_editor": doc.last_editor,
            }
            for name, doc in column.items()
        ]

    return read_root(wsgi_app, read)


def user_oid(wsgi_app, login):
    return read_root(wsgi_app, lambda root: get_oid(root["principals"]["users"][login]))


def saved(wsgi_app, path="/jyj", year=2025):
    def read(root):
        record = get_record(find_resource(root, path), year)
        return None if record is None else dict(record.values)

    return read_root(wsgi_app, read)


# -- who may use it ---------------------------------------------------------------


@pytest.mark.parametrize("url", [PAGE, PRINT, XLSX])
def test_anonymous_is_refused(testapp, url):
    res = testapp.get(url, status="*")
    assert res.status_int in REFUSED
    assert "2025年度政府信息公开工作年度报告" not in res.text


@pytest.mark.parametrize("login", ["wjj_reviewer", "jyj_editor", "auditor", "portal_reviewer"])
def test_others_are_refused_on_a_department(browser, login):
    client = browser(login)
    for url in (PAGE, PRINT, XLSX):
        res = client.get(url, status="*")
        assert res.status_int in REFUSED, (login, url, res.status)


def test_department_reviewer_is_refused_on_the_portal(browser):
    res = browser("jyj_reviewer").get("/@@annual-report?year=2025", status="*")
    assert res.status_int in REFUSED


def test_refused_post_changes_nothing(browser, wsgi_app):
    own = browser("jyj_reviewer").get(PAGE, status=200)
    other = browser("wjj_reviewer")
    token = other.csrf("/wjj/@@annual-report?year=2025")
    fields = report_fields(own.text)
    fields = [(k, token if k == "_csrf_token_" else v) for k, v in fields]
    res = other.post(PAGE, fields + [("save", "save")], status="*")
    assert res.status_int in REFUSED
    assert saved(wsgi_app) is None


def test_post_without_csrf_token_is_refused(browser, wsgi_app):
    client = browser("jyj_reviewer")
    page = client.get(PAGE, status=200)
    fields = [(k, v) for k, v in report_fields(page.text) if k != "_csrf_token_"]
    res = client.post(PAGE, fields + [("save", "save")], status=400)
    assert "页面已过期" in res.text
    assert saved(wsgi_app) is None


def test_site_admin_may_use_every_organ(browser):
    client = browser("admin")
    page = client.get(PAGE, status=200)
    assert "营山县教育局2025年度" in page.text
    # the staff chrome, outside the management interface; no inline style or script
    assert "ws-header" in page.text and "style=" not in page.text and "<style" not in page.text
    assert "onclick" not in client.get(PRINT, status=200).text
    assert "营山县人民政府2025年度" in client.get("/@@annual-report?year=2025").text


@pytest.mark.parametrize(
    "year", ["abc", "1999", "2999", "%EF%BC%92%EF%BC%90%EF%BC%92%EF%BC%95", "-1"]
)
def test_bad_year_is_a_400(browser, year):
    res = browser("jyj_reviewer").get(f"/jyj/@@annual-report?year={year}", status=400)
    assert "年份无效" in res.text


# -- the page -----------------------------------------------------------------------


def test_page_shows_the_counted_table_and_check(browser, seeded):
    res = browser("jyj_reviewer").get(PAGE, status=200)
    assert "营山县教育局2025年度政府信息公开工作年度报告" in res.text
    assert "各列均满足" in res.text
    rows = cells(res.text, "report-applications")
    assert rows[3] == ["一、本年新收政府信息公开申请数量", "9", "2", "1", "2", "1", "1", "16"]
    assert rows[4] == ["二、上年结转政府信息公开申请数量", "2", "1", "0", "0", "1", "0", "4"]
    assert rows[5] == ["三、本年度办理结果", "（一）予以公开", "3", "1", "0", "0", "0", "0", "4"]
    assert rows[-2] == ["（七）总计", "9", "2", "1", "1", "2", "1", "16"]
    assert rows[-1] == ["四、结转下年度继续办理", "2", "1", "0", "1", "0", "0", "4"]
    # the tab is offered to the organ's reviewer
    assert "政府信息公开年报" in res.text


def test_page_reports_inconsistent_data(browser, wsgi_app, seeded):
    from datetime import date

    from govportal.annualreport import ApplicationRecord

    bad = ApplicationRecord("org_other", date(2025, 6, 1), None, date(2025, 6, 3), "BAD")
    seed_applications(wsgi_app, "/jyj", [bad])
    res = browser("jyj_reviewer").get(PAGE, status=200)
    assert "校验未通过" in res.text
    assert "“其他”列" in res.text
    assert "没有记录办理结果" in res.text
    page = browser("jyj_reviewer").get(PRINT, status=200)
    assert 'id="check-failed"' in page.text


# -- the form -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"licensing": "-1"}, "不能为负数"),
        ({"penalty": "很多"}, "不是整数"),
        ({"fees": "十万"}, "不是有效的金额"),
        ({"fees": "1.23456"}, "最多四位小数"),
        ({"overview": "  "}, "请填写此项"),
        ({"review_total": "3"}, "行政复议的总计（3）应等于"),
        ({"column": "999999"}, "请选择本站的栏目"),
    ],
)
def test_form_errors_are_shown_and_nothing_is_saved(browser, wsgi_app, overrides, message):
    client = browser("jyj_reviewer")
    page = client.get(PAGE, status=200)
    res = client.post(PAGE, report_fields(page.text, **overrides) + [("save", "save")], status=400)
    assert message in res.text
    assert "填写内容有误" in res.text
    assert saved(wsgi_app) is None


def test_save_keeps_the_input(browser, wsgi_app):
    client = browser("jyj_reviewer")
    page = client.get(PAGE, status=200)
    res = client.post(PAGE, report_fields(page.text) + [("save", "save")], status=303)
    assert "@@annual-report?year=2025" in res.location
    values = saved(wsgi_app)
    assert values["licensing"] == 1520
    assert str(values["fees"]) == "12.5000"
    assert values["direct_pending"] == 1
    assert values["overview"].startswith("本年度，本局")
    page = client.get(PAGE, status=200)
    assert "已保存2025年度年报的填写内容" in page.text
    assert 'value="1520"' in page.text


def test_printable_page(browser, seeded):
    client = browser("jyj_reviewer")
    page = client.get(PAGE, status=200)
    client.post(PAGE, report_fields(page.text) + [("save", "save")], status=303)
    res = client.get(PRINT, status=200)
    text = res.text
    assert "<h1>营山县教育局2025年度政府信息公开工作年度报告</h1>" in text
    assert "annualreport-static/print.css" in text  # @page A4 and @media print, as a file
    css = client.get("/annualreport-static/print.css", status=200).text
    assert "@media print" in css and "@page" in css
    for heading in (
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ):
        assert f"<h2>{heading}</h2>" in text
    assert "<p>主动公开工作扎实推进。</p>" in text
    proactive = cells(text, "report-proactive")
    assert proactive[3] == ["行政规范性文件", "3", "1", "12"]
    assert ["行政许可", "1520"] in proactive
    assert ["行政事业性收费", "12.5"] in proactive
    litigation = cells(text, "report-litigation")
    assert litigation[3] == ["1", "1", "0", "0", "2", "0", "0", "0", "1", "1"] + ["0"] * 5
    applications = cells(text, "report-applications")
    assert applications[3][-1] == "16"
    assert 'rowspan="22"' in text  # 三、本年度办理结果 spans every result row
    assert 'id="check-failed"' not in text


def test_xlsx_download(browser, seeded):
    from io import BytesIO

    from openpyxl import load_workbook

    client = browser("jyj_reviewer")
    res = client.get(XLSX, status=200)
    assert res.content_type == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert "annual-report-jyj-2025.xlsx" in res.headers["Content-Disposition"]
    sheet = load_workbook(BytesIO(res.body)).active
    assert sheet["A1"].value == "营山县教育局2025年度政府信息公开工作年度报告"
    values = [c for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    assert "一、本年新收政府信息公开申请数量" in values


# -- the draft document -------------------------------------------------------------------


def test_generate_creates_a_draft_in_the_report_column(browser, wsgi_app, seeded, report_column):
    client = browser("jyj_reviewer")
    page = client.get(PAGE, status=200)
    assert re.search(rf'<option selected="selected" value="{report_column}">', page.text)
    res = client.post(
        PAGE,
        report_fields(page.text, column=str(report_column)) + [("generate", "generate")],
        status=303,
    )
    docs = stored_documents(wsgi_app, "/jyj/xxgknb")
    assert len(docs) == 1
    doc = docs[0]
    assert doc["title"] == "营山县教育局2025年度政府信息公开工作年度报告"
    assert doc["state"] == "draft"
    assert doc["last_editor"] == user_oid(wsgi_app, "jyj_reviewer")
    assert "<h2>三、收到和处理政府信息公开申请情况</h2>" in doc["body"]
    assert 'rowspan="22"' in doc["body"] and 'colspan="7"' in doc["body"]
    assert "<script" not in doc["body"]
    assert saved(wsgi_app)["licensing"] == 1520
    page = client.get(res.location, status=200)
    assert "已生成年报草稿" in page.text and 'id="annual-report-draft"' in page.text

    # generating again updates the same draft
    page = client.get(PAGE)
    client.post(
        PAGE,
        report_fields(page.text, column=str(report_column), licensing="1600")
        + [("generate", "generate")],
        status=303,
    )
    docs = stored_documents(wsgi_app, "/jyj/xxgknb")
    assert len(docs) == 1 and "1600" in docs[0]["body"]

    # the normal workflow: an editor submits, the generating reviewer may not approve
    path = f"/jyj/xxgknb/{doc['name']}/"
    editor = browser("jyj_editor")
    assert transition(editor, path, "submit").json["state"] == "review"
    refused = transition(client, path, "approve", status=400)
    assert "不能由本人审核通过" in " ".join(refused.json["errors"])

    # once submitted, the document is not overwritten
    page = client.get(PAGE)
    res = client.post(
        PAGE,
        report_fields(page.text, column=str(report_column), licensing="1700")
        + [("generate", "generate")],
        status=409,
    )
    assert "当前状态为“待审核”" in res.text
    docs = stored_documents(wsgi_app, "/jyj/xxgknb")
    assert "1700" not in docs[0]["body"] and docs[0]["state"] == "review"
    assert saved(wsgi_app)["licensing"] == 1600


def test_generate_needs_a_column_when_the_site_has_no_report_column(browser, wsgi_app):
    remove_column(wsgi_app, "/jyj", "xxgknb")
    client = browser("jyj_reviewer")
    page = client.get(PAGE, status=200)
    assert 'id="annual-report-no-column"' in page.text
    res = client.post(PAGE, report_fields(page.text) + [("generate", "generate")], status=400)
    assert "请选择存放年报草稿的栏目" in res.text
    assert stored_documents(wsgi_app, "/jyj/tzgg") == []
    assert saved(wsgi_app) is None

    column = read_root(wsgi_app, lambda root: get_oid(root["jyj"]["tzgg"]))
    client.post(
        PAGE, report_fields(page.text, column=str(column)) + [("generate", "generate")], status=303
    )
    docs = stored_documents(wsgi_app, "/jyj/tzgg")
    assert [d["state"] for d in docs] == ["draft"]


def test_another_departments_column_cannot_be_chosen(browser, wsgi_app):
    column = read_root(wsgi_app, lambda root: get_oid(root["wjj"]["tzgg"]))
    client = browser("jyj_reviewer")
    page = client.get(PAGE, status=200)
    res = client.post(
        PAGE, report_fields(page.text, column=str(column)) + [("generate", "generate")], status=400
    )
    assert "请选择本站的栏目" in res.text
    assert stored_documents(wsgi_app, "/wjj/tzgg") == []


def test_generate_is_refused_when_the_table_fails_its_check(
    browser, wsgi_app, seeded, report_column
):
    from datetime import date

    from govportal.annualreport import ApplicationRecord

    bad = ApplicationRecord("person", date(2025, 5, 1), "disclose", date(2025, 4, 1), "BAD")
    seed_applications(wsgi_app, "/jyj", [bad])
    client = browser("jyj_reviewer")
    page = client.get(PAGE, status=200)
    res = client.post(
        PAGE,
        report_fields(page.text, column=str(report_column)) + [("generate", "generate")],
        status=409,
    )
    assert "未生成年报草稿" in res.text
    assert "早于收到申请日期" in res.text
    assert stored_documents(wsgi_app, "/jyj/xxgknb") == []
    assert saved(wsgi_app) is None


def test_portal_report_goes_to_the_portal_column(browser, wsgi_app):
    column = column_oid(wsgi_app, "/xxgknb")
    client = browser("portal_reviewer")
    url = "/@@annual-report?year=2025"
    page = client.get(url, status=200)
    assert "营山县人民政府2025年度政府信息公开工作年度报告" in page.text
    client.post(
        url, report_fields(page.text, column=str(column)) + [("generate", "generate")], status=303
    )
    docs = stored_documents(wsgi_app, "/xxgknb")
    assert [(d["title"], d["state"]) for d in docs] == [
        ("营山县人民政府2025年度政府信息公开工作年度报告", "draft")
    ]
