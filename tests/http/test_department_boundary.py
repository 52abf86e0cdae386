"""Department boundaries over HTTP: editors and reviewers act in their own
department only; portal roles stop at department boundaries.

Every refusal must be 403 or 404 (never 200, never 500), and afterwards the
item must be exactly as before.
"""

import pytest

from .helpers import (
    JSON,
    PDF_BYTES,
    REFUSED,
    WS_FORM,
    add_attachment,
    add_document,
    attachment_fields,
    document_fields,
    fill,
    history,
    mgmt,
    sdi_transition,
    stored,
    transition,
)

WJJ_COLUMN = "/wjj/gzdt/"
JYJ_COLUMN = "/jyj/gzdt/"


@pytest.fixture
def wjj_draft(browser):
    """A draft of wjj_editor in /wjj/gzdt/."""
    return add_document(browser("wjj_editor"), WJJ_COLUMN, "卫健局草稿", "<p>卫健局内部稿件</p>")


@pytest.fixture
def wjj_in_review(browser, wjj_draft):
    transition(browser("wjj_editor"), wjj_draft, "submit", comment="请审核")
    return wjj_draft


@pytest.fixture
def jyj_draft(browser):
    return add_document(browser("jyj_editor"), JYJ_COLUMN, "教育局草稿", "<p>教育局内部稿件</p>")


@pytest.fixture
def jyj_in_review(browser, jyj_draft):
    transition(browser("jyj_editor"), jyj_draft, "submit")
    return jyj_draft


def assert_refused(res):
    assert res.status_int in REFUSED, f"expected 403/404, got {res.status}"


def snapshot(wsgi_app, browser, path, owner):
    """What must not change: stored state, title, body, history, and the
    history JSON as the item's own editor sees it."""
    return stored(wsgi_app, path), history(browser(owner), path)


# -- own department -----------------------------------------------------------


def test_editor_creates_and_submits_draft_in_own_department(browser, wsgi_app, testapp):
    editor = browser("jyj_editor")
    path = add_document(editor, JYJ_COLUMN, "教育局工作动态", "<p>今日召开工作会议。</p>")
    assert path.startswith(JYJ_COLUMN)

    info = history(editor, path)
    assert info["state"] == "draft"
    assert info["history"] == []
    assert [t["name"] for t in info["transitions"]] == ["submit"]
    page = editor.get(path, status=200)
    assert "教育局工作动态" in page.text
    assert "未公开" in page.text

    res = transition(editor, path, "submit", comment="请审核", expected_state="draft")
    assert res.json["ok"] is True
    assert res.json["state"] == "review"

    info = history(browser("jyj_reviewer"), path)
    assert info["state"] == "review"
    (record,) = info["history"]
    assert record["transition"] == "submit"
    assert record["actor_name"] == "jyj_editor"
    assert record["comment"] == "请审核"
    assert stored(wsgi_app, path)["state"] == "review"
    # still not public
    testapp.get(path, status=404)


def test_own_reviewer_approves_and_item_goes_public(browser, testapp, jyj_in_review):
    res = transition(browser("jyj_reviewer"), jyj_in_review, "approve", comment="同意")
    assert res.json["state"] == "published"
    assert "教育局草稿" in testapp.get(jyj_in_review, status=200).text


# -- jyj_editor against a wjj draft ---------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "{path}",
        "{path}@@history",
        "/manage{path}",
        "/manage{path}@@properties",
        "/manage{path}@@workflows",
        "/manage{path}@@contents",
        "/manage{path}@@add_attachment",
    ],
)
def test_other_department_editor_cannot_view_draft(browser, wjj_draft, url):
    editor = browser("jyj_editor")
    res = editor.get(url.format(path=wjj_draft), status="*")
    assert_refused(res)
    assert "卫健局内部稿件" not in res.text
    assert "卫健局草稿" not in res.text


def test_other_department_editor_cannot_view_draft_as_json(browser, wjj_draft):
    res = browser("jyj_editor").get(wjj_draft + "@@history", headers=JSON, status="*")
    assert_refused(res)
    assert "卫健局草稿" not in res.text


def test_other_department_editor_cannot_open_add_form(browser):
    editor = browser("jyj_editor")
    assert_refused(editor.get(mgmt(WJJ_COLUMN, "@@add_document"), status="*"))
    assert_refused(editor.get(mgmt(WJJ_COLUMN, "@@contents"), status="*"))
    assert_refused(editor.get(mgmt("/wjj/"), status="*"))


def _own_add_form(client, column, title):
    """The workspace add form of ``column`` as ``client`` reads it, filled in
    (its CSRF token is the session's own)."""
    res = client.get(column + "@@ws-add", status=200)
    return fill(res.forms[WS_FORM], title=title, body="<p>伪造</p>")


def test_other_department_editor_cannot_post_add_form(browser, wsgi_app):
    editor = browser("jyj_editor")
    before = stored(wsgi_app, WJJ_COLUMN)
    # A valid form and token of the editor's own session, sent to 卫健局.
    form = _own_add_form(editor, JYJ_COLUMN, "伪造的卫健局稿件")
    form.action = WJJ_COLUMN + "@@ws-add"
    assert_refused(form.submit("save", status="*"))
    # the SDI add form: closed to everyone but the system administrator
    token = editor.csrf()
    fields = document_fields(token, "伪造的卫健局稿件", "<p>伪造</p>")
    res = editor.post(mgmt(WJJ_COLUMN, "@@add_document"), fields, status="*")
    assert res.status_int == 403
    after = stored(wsgi_app, WJJ_COLUMN)
    assert after["names"] == before["names"]
    assert "伪造的卫健局稿件" not in after["titles"]
    # the form was good: in the editor's own column it works
    form = _own_add_form(editor, JYJ_COLUMN, "伪造的卫健局稿件")
    form.submit("save", status=303)
    assert "伪造的卫健局稿件" in stored(wsgi_app, JYJ_COLUMN)["titles"]


def test_other_department_editor_cannot_edit_properties(browser, wsgi_app, wjj_draft):
    editor = browser("jyj_editor")
    before = snapshot(wsgi_app, browser, wjj_draft, "wjj_editor")
    token = editor.csrf(mgmt(JYJ_COLUMN, "@@add_document"))
    fields = document_fields(token, "被篡改的标题", "<p>篡改</p>", button="save")
    res = editor.post(mgmt(wjj_draft, "@@properties"), fields, status="*")
    assert_refused(res)
    assert snapshot(wsgi_app, browser, wjj_draft, "wjj_editor") == before
    assert stored(wsgi_app, wjj_draft)["title"] == "卫健局草稿"


def test_other_department_editor_cannot_touch_attachments(browser, wsgi_app, wjj_draft):
    attachment = add_attachment(browser("wjj_editor"), wjj_draft, "内部.pdf", PDF_BYTES)
    editor = browser("jyj_editor")
    before = stored(wsgi_app, wjj_draft)
    for url in (attachment, mgmt(attachment), mgmt(attachment, "@@properties")):
        res = editor.get(url, status="*")
        assert_refused(res)
        assert PDF_BYTES not in res.body
    token = editor.csrf(mgmt(JYJ_COLUMN, "@@add_document"))
    res = editor.post(
        mgmt(wjj_draft, "@@add_attachment"),
        attachment_fields(token, "伪造.pdf", PDF_BYTES),
        content_type="multipart/form-data",
        status="*",
    )
    assert_refused(res)
    assert stored(wsgi_app, wjj_draft) == before


def test_other_department_editor_cannot_submit(browser, wsgi_app, wjj_draft):
    editor = browser("jyj_editor")
    before = snapshot(wsgi_app, browser, wjj_draft, "wjj_editor")
    assert_refused(transition(editor, wjj_draft, "submit", status="*"))
    assert_refused(sdi_transition(editor, wjj_draft, "submit"))
    # without JSON, the HTML form path too
    token = editor.csrf()
    res = editor.post(
        wjj_draft + "@@transition", {"transition": "submit", "csrf_token": token}, status="*"
    )
    assert_refused(res)
    assert snapshot(wsgi_app, browser, wjj_draft, "wjj_editor") == before
    assert before[1]["state"] == "draft"


@pytest.mark.parametrize("user", ["jyj_editor", "jyj_reviewer", "wjj_editor"])
def test_only_own_reviewer_can_approve(browser, wsgi_app, wjj_in_review, user):
    client = browser(user)
    before = snapshot(wsgi_app, browser, wjj_in_review, "wjj_editor")
    assert before[1]["state"] == "review"
    res = transition(client, wjj_in_review, "approve", comment="同意", status="*")
    assert_refused(res)
    if user == "wjj_editor":
        # the item's own editor may see it, so is told why in JSON
        assert res.status_int == 403
        assert res.json["ok"] is False
    res = sdi_transition(client, wjj_in_review, "approve", comment="同意")
    assert_refused(res)
    assert snapshot(wsgi_app, browser, wjj_in_review, "wjj_editor") == before
    # and the department's own reviewer still can
    res = transition(browser("wjj_reviewer"), wjj_in_review, "approve", comment="同意")
    assert res.json["state"] == "published"


def test_other_department_reviewer_cannot_reject(browser, wsgi_app, wjj_in_review):
    reviewer = browser("jyj_reviewer")
    before = snapshot(wsgi_app, browser, wjj_in_review, "wjj_editor")
    assert_refused(transition(reviewer, wjj_in_review, "reject", comment="退回", status="*"))
    assert_refused(sdi_transition(reviewer, wjj_in_review, "reject", comment="退回"))
    assert snapshot(wsgi_app, browser, wjj_in_review, "wjj_editor") == before


def test_other_department_reviewer_cannot_retract_or_archive(browser, wsgi_app, wjj_in_review):
    transition(browser("wjj_reviewer"), wjj_in_review, "approve")
    reviewer = browser("jyj_reviewer")
    before = snapshot(wsgi_app, browser, wjj_in_review, "wjj_editor")
    for name in ("retract", "archive"):
        assert_refused(transition(reviewer, wjj_in_review, name, comment="x", status="*"))
        assert_refused(sdi_transition(reviewer, wjj_in_review, name, comment="x"))
    assert snapshot(wsgi_app, browser, wjj_in_review, "wjj_editor") == before
    assert before[1]["state"] == "published"


# -- portal roles stop at department boundaries ---------------------------------


def test_portal_editor_cannot_add_in_department(browser, wsgi_app):
    editor = browser("portal_editor")
    before = stored(wsgi_app, JYJ_COLUMN)
    assert_refused(editor.get(JYJ_COLUMN + "@@ws-add", status="*"))
    assert editor.get(mgmt(JYJ_COLUMN, "@@add_document"), status="*").status_int == 403
    form = _own_add_form(editor, "/tzgg/", "门户编辑越界稿件")
    form.action = JYJ_COLUMN + "@@ws-add"
    assert_refused(form.submit("save", status="*"))
    assert stored(wsgi_app, JYJ_COLUMN) == before
    # while in a portal column the same form works
    form = _own_add_form(editor, "/tzgg/", "门户编辑越界稿件")
    form.submit("save", status=303)


def test_portal_editor_cannot_view_edit_or_submit_department_draft(browser, wsgi_app, jyj_draft):
    editor = browser("portal_editor")
    before = snapshot(wsgi_app, browser, jyj_draft, "jyj_editor")
    assert_refused(editor.get(jyj_draft, status="*"))
    assert_refused(editor.get(mgmt(jyj_draft, "@@properties"), status="*"))
    token = editor.csrf(mgmt("/tzgg/", "@@add_document"))
    fields = document_fields(token, "门户篡改", button="save")
    assert_refused(editor.post(mgmt(jyj_draft, "@@properties"), fields, status="*"))
    assert_refused(transition(editor, jyj_draft, "submit", status="*"))
    assert_refused(sdi_transition(editor, jyj_draft, "submit"))
    assert snapshot(wsgi_app, browser, jyj_draft, "jyj_editor") == before


def test_portal_reviewer_cannot_approve_department_item(browser, wsgi_app, jyj_in_review):
    reviewer = browser("portal_reviewer")
    before = snapshot(wsgi_app, browser, jyj_in_review, "jyj_editor")
    assert_refused(reviewer.get(jyj_in_review, status="*"))
    assert_refused(reviewer.get(jyj_in_review + "@@history", headers=JSON, status="*"))
    for name in ("approve", "reject"):
        assert_refused(transition(reviewer, jyj_in_review, name, comment="x", status="*"))
        assert_refused(sdi_transition(reviewer, jyj_in_review, name, comment="x"))
    assert snapshot(wsgi_app, browser, jyj_in_review, "jyj_editor") == before


def test_department_editor_cannot_act_in_portal_column(browser, wsgi_app):
    editor = browser("jyj_editor")
    before = stored(wsgi_app, "/tzgg/")
    assert_refused(editor.get(mgmt("/tzgg/", "@@add_document"), status="*"))
    token = editor.csrf(mgmt(JYJ_COLUMN, "@@add_document"))
    fields = document_fields(token, "部门编辑越界到门户")
    assert_refused(editor.post(mgmt("/tzgg/", "@@add_document"), fields, status="*"))
    assert stored(wsgi_app, "/tzgg/") == before


def test_department_reviewer_cannot_retract_portal_document(browser, wsgi_app):
    path = "/zcwj/yingshan-website-regulation-2019/"
    reviewer = browser("jyj_reviewer")
    before = stored(wsgi_app, path)
    assert_refused(transition(reviewer, path, "retract", comment="越权", status="*"))
    assert_refused(sdi_transition(reviewer, path, "retract", comment="越权"))
    assert stored(wsgi_app, path) == before
    assert before["state"] == "published"
