"""意见征集 public pages: status, the comment form (stored once, checked,
refused when closed), comments shown only after moderation and masked,
hidden mode, the adoption report linked both ways, the listing."""

import re

from govportal.interaction.consultations.model import report_of
from govportal.interaction.contributions import actions
from govportal.interaction.contributions.model import find_box

from ...conftest import read_root
from .helpers import CLOSED, FIELDS, OPEN, REPORT, form_fields, post_comment


def _item(root, path):
    node = root
    for part in path.strip("/").split("/"):
        node = node[part]
    return node


def _count(wsgi_app, path=OPEN):
    return read_root(wsgi_app, lambda root: len(find_box(_item(root, path))))


def test_open_consultation_page(testapp):
    page = testapp.get(OPEN)
    assert "征集中" in page.text and 'action="http://localhost' in page.text
    assert "提交意见" in page.text and 'id="comments"' in page.text
    # the demo's shown comments, never the writer's data
    assert "建议明确物业费调整的程序" in page.text
    assert "13981712345" not in page.text and "张先生" not in page.text
    # the pending one is not shown
    assert "电梯维保" not in page.text
    assert "no-store" in page.headers["Cache-Control"]


def test_comment_is_stored_once_and_pending(testapp, wsgi_app):
    before = _count(wsgi_app)
    page = testapp.get(OPEN)
    fields = dict(form_fields(page.text), **FIELDS)
    done = testapp.post(OPEN + "/@@comment", fields)
    assert "您的意见已提交" in done.text
    number = re.search(r"编号 (\d{6})", done.text).group(1)
    again = testapp.post(OPEN + "/@@comment", fields)  # replay: nothing stored
    assert f"编号 {number}" in again.text
    assert _count(wsgi_app) == before + 1
    # pending: not on the public page
    assert "物业服务质量评价办法" not in testapp.get(OPEN).text

    def check(root):
        c = find_box(_item(root, OPEN)).get(number)
        assert c.writer == {"name": "陈女士", "phone": "13800138000", "email": ""}
        assert c.kind == "comment" and c.__acl__[-1][0] == "Deny"

    read_root(wsgi_app, check)


def test_bad_input_stores_nothing(testapp, wsgi_app):
    before = _count(wsgi_app)
    res = post_comment(testapp, status=400, phone="12345", text="", consent=None)
    assert "意见未提交" in res.text
    for field in ("err-phone", "err-text", "err-consent"):
        assert f'id="{field}"' in res.text
    assert 'aria-invalid="true"' in res.text
    res = post_comment(testapp, status=400, text="长" * 2001)
    assert "不能超过 2000 字" in res.text
    res = post_comment(testapp, status=400, homepage="http://spam.example")
    assert "提交未被接受" in res.text
    assert _count(wsgi_app) == before


def test_token_required(testapp, wsgi_app):
    before = _count(wsgi_app)
    page = testapp.get(OPEN)
    fields = dict(form_fields(page.text), **FIELDS)
    fields["submission_token"] = ""
    testapp.post(OPEN + "/@@comment", fields, status=400)
    assert _count(wsgi_app) == before


def test_closed_consultation_refuses_comments(testapp, wsgi_app):
    page = testapp.get(CLOSED)
    assert "已结束" in page.text and "不再接收意见" in page.text
    assert 'action="http://localhost' + CLOSED + '/@@comment"' not in page.text
    before = _count(wsgi_app, CLOSED)
    # a form kept open from before the closing day
    fields = dict(form_fields(testapp.get(OPEN).text), **FIELDS)
    res = testapp.post(CLOSED + "/@@comment", fields, status=400)
    assert "意见征集已于" in res.text
    assert _count(wsgi_app, CLOSED) == before


def test_rate_limit(wsgi_app, testapp):
    wsgi_app.registry.settings["govportal.interaction.contribution_rate"] = "2/600"
    env = {"REMOTE_ADDR": "203.0.113.9"}
    post_comment(testapp, extra_environ=env)
    post_comment(testapp, extra_environ=env)
    res = post_comment(testapp, status=429, extra_environ=env)
    assert "提交过于频繁" in res.text
    # another address is not limited
    post_comment(testapp, extra_environ={"REMOTE_ADDR": "203.0.113.10"})


def test_shown_comment_is_masked(browser, wsgi_app):
    citizen = browser()
    done = post_comment(citizen.app)
    number = re.search(r"编号 (\d{6})", done.text).group(1)
    editor = browser("portal_editor")
    page = editor.get(OPEN + "/@@moderate")
    assert "13912345678" in page.text  # the moderator reads the original
    fields = {
        "csrf_token": editor.csrf(OPEN + "/@@moderate"),
        "submission_token": re.search(r'name="submission_token" value="([^"]*)"', page.text).group(
            1
        ),
        "number": number,
        "action": "show",
    }
    editor.post(OPEN + "/@@moderate", fields, status=303)
    public = citizen.get(OPEN).text
    assert "物业服务质量评价办法" in public
    assert "13912345678" not in public  # masked by govportal.checks.personal
    assert "陈女士" not in public and "13800138000" not in public


def test_hidden_mode_shows_none(testapp, wsgi_app):
    import transaction

    db = wsgi_app.registry._zodb_databases[""]
    conn = db.open()
    try:
        item = _item(conn.root()["app_root"], OPEN)
        item.show_comments = "hidden"
        transaction.commit()
    finally:
        conn.close()
    page = testapp.get(OPEN)
    assert 'id="comments-hidden"' in page.text and 'id="comments"' not in page.text
    assert "建议明确物业费调整的程序" not in page.text
    done = post_comment(testapp)
    assert "不公开显示" in done.text


def test_report_linked_both_ways(testapp, wsgi_app):
    page = testapp.get(CLOSED)
    assert 'id="report-link"' in page.text and REPORT in page.text
    report = testapp.get(REPORT)
    assert 'id="consultation-link"' in report.text and CLOSED in report.text
    assert "共收到意见 3 条，其中采纳 1 条，部分采纳 1 条，未采纳 1 条" in report.text

    def check(root):
        item = _item(root, CLOSED)
        assert report_of(item) is _item(root, REPORT)

    read_root(wsgi_app, check)


def test_listing(testapp):
    page = testapp.get("/@@consultations")
    text = page.text
    assert text.index("住宅小区物业服务管理办法") < text.index("居家和社区养老服务")
    assert "采纳情况已公布" in text


def test_column_lists_consultations(testapp):
    page = testapp.get("/hdjl/yjzj/")
    assert "住宅小区物业服务管理办法" in page.text


def test_counts_helper(wsgi_app):
    def check(root):
        counts = actions.counts(_item(root, OPEN), wsgi_app.registry)
        assert counts == {"total": 3, "pending": 1, "shown": 2, "hidden": 0}

    read_root(wsgi_app, check)


def test_shown_comments_are_paged(testapp, monkeypatch):
    monkeypatch.setattr("govportal.interaction.consultations.views_public.COMMENTS_PER_PAGE", 1)
    first = testapp.get(OPEN)
    assert "第 1 页 / 共 2 页" in first.text
    assert "建议明确物业费调整的程序" in first.text and "业主微信群" not in first.text
    second = testapp.get(OPEN + "?page=2")
    assert "业主微信群" in second.text and "建议明确物业费调整的程序" not in second.text
