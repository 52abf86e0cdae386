"""Transitions as buttons, notifications by mail and bulk transitions."""

import transaction
from pyramid.traversal import find_resource
from pyramid_mailer import get_mailer

from govportal.workflow import get_state
from tests.conftest import csrf_token, read_root

from .helpers import create, open_and_lock, transition


def _state(wsgi_app, path):
    transaction.begin()
    return read_root(wsgi_app, lambda root: get_state(find_resource(root, path), wsgi_app.registry))


def _outbox(wsgi_app):
    return get_mailer(wsgi_app.registry).outbox


def test_reject_needs_a_comment_and_mails_the_editor(wsgi_app, editor, reviewer):
    path = create(editor, title="需要审核的通知")
    transition(editor, path, "submit", "请审核")
    assert _state(wsgi_app, path) == "review"
    [mail] = _outbox(wsgi_app)
    assert mail.recipients == ["jyj_reviewer@localhost"]
    assert mail.subject == "【待审核】需要审核的通知"
    # mails link to the configured public URL (govportal.siteurl), never the Host
    assert "https://www.yingshan.gov.cn" + path + "@@ws-item" in mail.body

    res = transition(reviewer, path, "reject", "", status=400)
    assert "执行“退回修改”必须填写意见" in res.html.find(class_="ws-errors").text
    assert _state(wsgi_app, path) == "review"
    assert len(_outbox(wsgi_app)) == 1

    transition(reviewer, path, "reject", "第二段数据有误，请核实")
    assert _state(wsgi_app, path) == "draft"
    mail = _outbox(wsgi_app)[-1]
    assert mail.recipients == ["jyj_editor@localhost"]
    assert mail.subject == "【被退回修改】需要审核的通知"
    assert "第二段数据有误，请核实" in mail.body
    page = editor.get(path + "@@ws-item")
    assert "第二段数据有误，请核实" in page.text  # the history shows the comment


def test_four_eyes_refusal_then_approval_mails_the_editor(wsgi_app, editor, reviewer):
    path = create(editor, title="四眼原则")
    transition(editor, path, "submit")
    # the reviewer edits the item, so may not approve it
    form = reviewer.get(path + "@@ws-edit").forms["ws-document"]
    form["title"] = "四眼原则（审核员修改）"
    form.submit("save", status=303)
    res = transition(reviewer, path, "approve", status=400)
    assert "不能由本人审核通过" in res.text
    assert _state(wsgi_app, path) == "review"

    other = create(editor, title="可以发布的通知")
    transition(editor, other, "submit")
    transition(reviewer, other, "approve", "同意")
    assert _state(wsgi_app, other) == "published"
    mail = _outbox(wsgi_app)[-1]
    assert mail.recipients == ["jyj_editor@localhost"]
    assert mail.subject == "【已审核通过并发布】可以发布的通知"
    assert "同意" in mail.body
    editor.get(other, status=200)  # public now


def test_opt_out_is_respected(wsgi_app, editor, reviewer):
    page = editor.get("/@@ws-notifications")
    res = editor.post(
        "/@@ws-notifications",
        {"csrf_token": csrf_token(page.text), "topics": "review_request", "submitted": "1"},
        status=303,
    )
    assert res.location.endswith("/@@ws-notifications")
    page = editor.get("/@@ws-notifications")
    assert page.html.find(id="topic-review_result").get("checked") is None
    path = create(editor, title="退订测试")
    transition(editor, path, "submit")
    transition(reviewer, path, "reject", "请补充")
    assert [m.recipients for m in _outbox(wsgi_app)] == [["jyj_reviewer@localhost"]]


def test_bulk_transitions_report_each_item(wsgi_app, editor, reviewer):
    paths = [create(editor, title=f"批量稿件{i}") for i in range(3)]
    page = editor.get("/@@workspace")
    res = editor.post(
        "/@@ws-bulk",
        {"csrf_token": csrf_token(page.text), "paths": paths[:2], "transition": "submit"},
    )
    rows = res.html.select("#ws-bulk-results tbody tr")
    assert [r.find_all("td")[1].text.strip() for r in rows] == ["成功", "成功"]
    assert [_state(wsgi_app, p) for p in paths] == ["review", "review", "draft"]

    page = reviewer.get("/@@workspace")
    token = csrf_token(page.text)
    # reject needs a comment: every item refused, none changed
    res = reviewer.post(
        "/@@ws-bulk",
        {"csrf_token": token, "paths": paths, "transition": "reject", "comment": ""},
        status=409,
    )
    rows = res.html.select("#ws-bulk-results tbody tr")
    assert len(rows) == 3 and all("未执行" in r.text for r in rows)
    assert "必须填写意见" in rows[0].text
    assert [_state(wsgi_app, p) for p in paths] == ["review", "review", "draft"]
    res = reviewer.post(
        "/@@ws-bulk",
        {"csrf_token": token, "paths": paths, "transition": "reject", "comment": "统一退回"},
    )
    assert "成功 2 件" in res.text.replace("<strong>", "").replace("</strong>", "")
    assert [_state(wsgi_app, p) for p in paths] == ["draft", "draft", "draft"]
    # nothing selected
    reviewer.post("/@@ws-bulk", {"csrf_token": token, "transition": "reject"}, status=400)


def test_scheduled_publication_is_shown_with_its_date(wsgi_app, testapp, editor, reviewer):
    path = create(editor, title="定时发布的通知", effective_date="2030-01-01T09:00")
    form = editor.get(path + "@@ws-edit").forms["ws-document"]
    assert form["effective_date"].value == "2030-01-01T09:00"  # China Standard Time
    transition(editor, path, "submit")
    transition(reviewer, path, "schedule", "同意定时发布")
    assert _state(wsgi_app, path) == "scheduled"
    assert _outbox(wsgi_app)[-1].subject == "【已审核通过，将定时发布】定时发布的通知"
    page = editor.get("/@@workspace")
    scheduled = page.html.find("h3", id="st-scheduled").find_next("table")
    assert "定时发布的通知" in scheduled.text
    assert "定时发布 2030-01-01 09:00" in scheduled.text
    testapp.get(path, status=404)  # not public before its time


def _second_editor(wsgi_app):
    """Another editor of 教育局 (the demo has one per department)."""
    from tests.http.helpers import add_user

    add_user(wsgi_app, "jyj_editor2", "教育局编辑")


def test_transition_on_a_locked_item_is_refused(wsgi_app, browser, editor):
    _second_editor(wsgi_app)
    path = create(editor, title="被锁定的稿件")
    colleague = browser("jyj_editor2")
    open_and_lock(colleague, path)  # the item is locked to them
    page = editor.get(path + "@@ws-item")
    assert "jyj_editor2 正在编辑" in page.html.find(class_="ws-lock").text
    res = transition(editor, path, "submit", status=(400, 409, 423))
    assert "jyj_editor2" in res.html.find(class_="ws-errors").text
    assert _state(wsgi_app, path) == "draft"
    # saving the form is refused as well, and changes nothing
    form = editor.get(path + "@@ws-edit").forms["ws-document"]
    form["title"] = "改不了"
    form.submit("save", status=423)
    transaction.begin()
    assert read_root(wsgi_app, lambda root: find_resource(root, path).title) == "被锁定的稿件"
