"""意见征集 in the workspace: an editor drafts a consultation (saved once),
edits it, uploads a file (type checked), a reviewer publishes it (four
eyes); after it closes the editor writes the adoption report from it
(prefilled with the comments), fills it in, and it is published: the two
pages link each other.  Another department's editor cannot write it."""

import re
from datetime import timedelta

from substanced.util import get_oid

from govportal import sitetime
from govportal.interaction.consultations.model import consultation_of, report_of

from ...conftest import read_root
from ..workspace_helpers import ws_transition
from .helpers import fill_form as _fill
from .helpers import post_comment
from .helpers import write_values as _write

COLUMN = "/hdjl/yjzj/"
TOKEN = re.compile(r'name="submission_token" value="([^"]*)"')


def test_draft_publish_comment_report(browser, wsgi_app):
    today = sitetime.today()
    editor = browser("portal_editor")
    form = editor.get(COLUMN + "@@ws-add-consultation").forms["ws-consultation"]
    _fill(
        form,
        "关于《营山县城区公交运营管理办法（征求意见稿）》公开征求意见",
        today,
        today + timedelta(days=10),
    )
    res = form.submit("save", status=303)
    path = res.location.replace("http://localhost", "").replace("/@@ws-item", "")
    # the same form again (a double click) stores nothing new
    form.submit("save", status=303)
    count = read_root(
        wsgi_app,
        lambda root: sum(1 for v in root["hdjl"]["yjzj"].values() if "公交运营" in (v.title or "")),
    )
    assert count == 1
    page = editor.get(path + "/@@ws-item")
    assert "草稿" in page.text and "征集中" in page.text

    # a file of the draft: a disguised one is refused
    edit = editor.get(path + "/@@ws-edit")
    upload = edit.forms["ws-consultation-upload"]
    upload["title"] = "起草说明"
    upload["upload"] = ("draft.pdf", b"MZ not a pdf")
    res = upload.submit(status=400)
    assert "不符" in res.text
    upload = editor.get(path + "/@@ws-edit").forms["ws-consultation-upload"]
    upload["title"] = "起草说明"
    upload["upload"] = ("draft.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    upload.submit(status=303)

    ws_transition(editor, path, "submit")
    ws_transition(browser("portal_reviewer"), path, "approve")
    public = browser().get(path)
    assert "征集中" in public.text and "起草说明" in public.text
    assert "<script>alert(1)</script>" not in public.text
    post_comment(browser().app, path=path)

    # closed yesterday: the editor writes the report
    _write(wsgi_app, path, closes_on=today - timedelta(days=1))
    page = editor.get(path + "/@@ws-item")
    assert 'id="add-report"' in page.text
    outsider = browser("jyj_editor")
    outsider.post(
        path + "/@@ws-add-report",
        {"csrf_token": outsider.csrf("/@@workspace"), "submission_token": "x"},
        status=403,
    )
    token = TOKEN.search(page.text).group(1)
    fields = {"csrf_token": editor.csrf(path + "/@@ws-item"), "submission_token": token}
    res = editor.post(path + "/@@ws-add-report", fields, status=303)
    report_path = res.location.replace("http://localhost", "").replace("/@@ws-item", "")
    editor.post(path + "/@@ws-add-report", fields, status=303)  # replay: one report
    item_page = editor.get(report_path + "/@@ws-item")
    assert "第 1 条意见的采纳情况" in item_page.text  # what publication lacks
    assert "13912345678" not in item_page.text  # the comment's text is masked

    edit = editor.get(report_path + "/@@ws-edit")
    form = edit.forms["report-form"]
    form["summary"] = "共收到意见 1 条，部分采纳。"
    form["decision-0"] = "partly"
    form["reason-0"] = ""
    form.submit(status=303)
    assert "理由" in editor.get(report_path + "/@@ws-item").text
    form = editor.get(report_path + "/@@ws-edit").forms["report-form"]
    form["reason-0"] = "评价办法另行制定。"
    form.submit(status=303)
    assert 'id="report-missing"' not in editor.get(report_path + "/@@ws-item").text
    ws_transition(editor, report_path, "submit")
    ws_transition(browser("portal_reviewer"), report_path, "approve")

    public = browser().get(path)
    assert 'id="report-link"' in public.text and report_path in public.text
    report = browser().get(report_path)
    assert path in report.text and "部分采纳 1 条" in report.text

    def check(root):
        node = root
        for part in path.strip("/").split("/"):
            node = node[part]
        report = report_of(node)
        assert report is not None and consultation_of(report) is node
        assert len(report.rows) == 1
        oid = get_oid(node)
        reports = [v for v in node.__parent__.values() if getattr(v, "consultation_oid", 0) == oid]
        assert reports == [report]

    read_root(wsgi_app, check)


def test_staff_list_and_picker(browser):
    editor = browser("portal_editor")
    page = editor.get("/@@ws-consultations")
    assert "住宅小区物业服务管理办法" in page.text and "居家和社区养老服务" in page.text
    assert 'value="/hdjl/yjzj/"' in page.text
    res = editor.get("/@@ws-new-consultation?column=/hdjl/yjzj", status=303)
    assert res.location.endswith("/hdjl/yjzj/@@ws-add-consultation")
    editor.get("/@@ws-new-consultation?column=/zcwj", status=400)
    outsider = browser("jyj_editor").get("/@@ws-consultations")
    assert "住宅小区物业服务管理办法" not in outsider.text
    browser().get("/@@ws-consultations", status=302)
