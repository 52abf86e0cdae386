"""Reviewing service guides through HTTP (先审后发): a guide with missing
elements cannot be published and the page names them; a complete one is
published; four eyes, comments, withdrawal, retraction, archiving and
restoring; the workspace lists; department boundaries.

The refusal for each single element is tested on the workflow itself in
tests/workflow/test_matrix_guide.py.
"""

from tests.conftest import csrf_token

from .guide_helpers import (
    COMPLETE,
    edit_guide,
    guide_attr,
    guide_state,
    new_guide,
    transition,
)


def _submitted(editor, values=None):
    path = new_guide(editor, values)
    transition(editor, path, "submit")
    return path


def test_incomplete_guide_is_not_published_and_the_page_names_what_is_missing(wsgi_app, browser):
    editor, reviewer = browser("jyj_editor"), browser("jyj_reviewer")
    values = dict(COMPLETE, basis="", materials=[], themes=[], hours="")
    path = _submitted(editor, values)
    page = reviewer.get(path + "@@ws-item")
    missing = page.html.find(id="guide-missing")
    assert missing is not None
    for title in ("设定依据", "申请材料", "服务主题", "办理时间"):
        assert title in missing.text
    res = transition(reviewer, path, "approve", status=400)
    alert = res.html.find(class_="ws-errors")
    assert "以下要素未填写，不能发布" in alert.text
    for title in ("设定依据", "申请材料", "服务主题", "办理时间"):
        assert title in alert.text
    assert "事项名称" not in alert.text and "收费标准" not in alert.text
    assert guide_state(wsgi_app, path) == "review"
    # the reviewer sends it back; the editor completes it; now it is published
    transition(reviewer, path, "reject", "请补充设定依据、材料、主题和办理时间")
    edit_guide(editor, path, COMPLETE)
    transition(editor, path, "submit")
    assert reviewer.get(path + "@@ws-item").html.find(id="guide-missing") is None
    transition(reviewer, path, "approve")
    assert guide_state(wsgi_app, path) == "published"


def test_complete_guide_is_published_through_the_review_queue(wsgi_app, browser):
    editor, reviewer = browser("jyj_editor"), browser("jyj_reviewer")
    path = _submitted(editor)
    # the draft's page as visitors will see it, for staff only
    preview = editor.get(path + "@@ws-item").html.find("a", string="预览（新窗口）")
    assert preview is not None and preview["href"].endswith(path)
    assert COMPLETE["title"] in editor.get(path).text
    browser().get(path, status=404)  # a draft does not exist for visitors
    # 我的稿件 and 待我审核 list it
    assert COMPLETE["title"] in editor.get("/@@workspace").text
    dashboard = reviewer.get("/@@workspace")
    queue = dashboard.html.find(id="ws-review-table")
    links = [a["href"] for a in queue.find_all("a")]
    assert any(h.endswith(path + "@@ws-item") for h in links), links
    transition(reviewer, path, "approve", "要素齐全")
    assert guide_state(wsgi_app, path) == "published"
    page = reviewer.get(path + "@@ws-item")
    assert "已发布" in page.text and "查看网站上的页面" in page.text
    history = page.html.find(id="h-hist").find_parent("section").text
    assert "送审" in history and "要素齐全" in history
    # published: the editor may no longer change it; visitors may see it
    editor.get(path + "@@ws-edit", status=403)
    browser().get(path, status=200)


def test_four_eyes_the_reviewer_who_edited_cannot_approve(wsgi_app, browser):
    editor, reviewer = browser("jyj_editor"), browser("jyj_reviewer")
    path = _submitted(editor)
    edit_guide(reviewer, path, dict(COMPLETE, fee="不收费（免费邮寄送达）"))
    res = transition(reviewer, path, "approve", status=400)
    assert "不能由本人审核通过" in res.text
    assert guide_state(wsgi_app, path) == "review"
    assert guide_attr(wsgi_app, path, "fee") == ("不收费（免费邮寄送达）",)


def test_comments_withdraw_retract_archive_restore(wsgi_app, browser):
    editor, reviewer = browser("jyj_editor"), browser("jyj_reviewer")
    path = _submitted(editor)
    res = transition(reviewer, path, "reject", "", status=400)
    assert "必须填写意见" in res.text
    transition(editor, path, "withdraw")
    assert guide_state(wsgi_app, path) == "draft"
    transition(editor, path, "submit")
    transition(reviewer, path, "approve")
    transition(reviewer, path, "archive", status=400)  # comment required
    transition(reviewer, path, "archive", "事项已取消")
    assert guide_state(wsgi_app, path) == "archived"
    transition(reviewer, path, "restore")
    transition(reviewer, path, "retract", "收费标准调整")
    assert guide_state(wsgi_app, path) == "draft"
    edit_guide(editor, path, dict(COMPLETE, fee="不收费"))


def test_other_departments_neither_see_nor_move_drafts(wsgi_app, browser):
    path = _submitted(browser("jyj_editor"))
    for login in ("wjj_editor", "wjj_reviewer"):
        outsider = browser(login)
        outsider.get(path + "@@ws-item", status=403)
        token = outsider.csrf("/@@workspace")
        outsider.post(
            path + "@@ws-transition",
            {"transition": "approve", "comment": "", "csrf_token": token},
            status=403,
        )
    assert guide_state(wsgi_app, path) == "review"


def test_expected_state_refuses_a_stale_button(wsgi_app, browser):
    editor, reviewer = browser("jyj_editor"), browser("jyj_reviewer")
    path = _submitted(editor)
    page = reviewer.get(path + "@@ws-item")
    transition(editor, path, "withdraw")
    res = reviewer.post(
        path + "@@ws-transition",
        {
            "transition": "approve",
            "comment": "",
            "expected_state": "review",
            "csrf_token": csrf_token(page.text),
        },
        status="*",
    )
    assert res.status_int in (403, 409)
    assert guide_state(wsgi_app, path) == "draft"


def test_property_sheet_round_trip():
    """The SDI's property sheet reads sets for the checkboxes and stores
    tuples in vocabulary order, rows as plain dicts."""
    from pyramid.testing import DummyRequest

    from govportal.services.guide import GuideSheet, ServiceGuide

    guide = ServiceGuide(title="旧名称", themes=("tax",))
    sheet = GuideSheet(guide, DummyRequest())
    values = sheet.get()
    assert values["themes"] == {"tax"} and values["title"] == "旧名称"
    values.update(
        title="新名称",
        themes={"utilities", "education"},
        co_departments={"wjj", "czj"},
        materials=[
            {
                "name": "申请表",
                "form": "",
                "count": 2,
                "required": True,
                "note": "",
                "template": "",
                "example": "",
            }
        ],
        process=[{"title": "受理", "description": "当场受理"}],
    )
    sheet.set(values)
    assert guide.title == "新名称"
    assert guide.themes == ("education", "utilities")
    assert guide.co_departments == ("czj", "wjj")
    assert guide.materials == (
        {
            "name": "申请表",
            "form": "original",
            "count": 2,
            "required": True,
            "note": "",
            "template": "",
            "example": "",
        },
    )
    assert guide.process == ({"title": "受理", "description": "当场受理"},)
