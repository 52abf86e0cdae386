"""Revisions: one per save (media folded in), no form-internal fields in
diffs, working-copy comments kept on the live document, and retention —
revisions holding personal data that a reviewer approved masked are purged
(recorded in history and audit, not restorable), drafts may be capped."""

import pytest

from govportal import main
from govportal.revisions import get_revisions
from govportal.security.events import ActionRecorded
from govportal.workflow.history import get_history
from tests.conftest import close_app, csrf_token
from tests.http.helpers import (
    JSON,
    PDF_BYTES,
    add_attachment,
    add_document,
    remove_attachment,
    set_attachment_title,
    transition,
)

from .helpers import COLUMN, SECOND_REVIEWER, WS_NOTE, add_user, checkout, edit, read, wc_path
from .test_restore import restore

#: a resident ID number with a valid check character (GB 11643)
ID_NUMBER = "11010519491231002X"
PDF_BYTES_B = PDF_BYTES.replace(b"MediaBox[0 0 200 200]", b"MediaBox[0 0 210 210]")


@pytest.fixture
def editor(browser):
    return browser("jyj_editor")


@pytest.fixture
def reviewer(browser):
    return browser("jyj_reviewer")


@pytest.fixture
def reviewer2(wsgi_app, browser):
    add_user(wsgi_app, SECOND_REVIEWER)
    return browser(SECOND_REVIEWER)


def notes(wsgi_app, path):
    return read(wsgi_app, path, lambda doc: [r.note for r in get_revisions(doc)])


def numbers(wsgi_app, path):
    return read(wsgi_app, path, lambda doc: [r.number for r in get_revisions(doc)])


def history(wsgi_app, path):
    def steps(doc):
        return [(r.transition, r.actor_name, r.comment) for r in get_history(doc)]

    return read(wsgi_app, path, steps)


def bodies(wsgi_app, path):
    return read(
        wsgi_app, path, lambda doc: [(r.number, r.fields["body"]) for r in get_revisions(doc)]
    )


# -- one revision per save -------------------------------------------------------------


def test_media_changes_are_folded_into_the_next_save(wsgi_app, editor):
    path = add_document(editor, COLUMN, "附件多次修改的通知")
    first = add_attachment(editor, path, "甲.pdf", PDF_BYTES)  # with a save: revision 2
    second = add_attachment(editor, path, "乙.pdf", PDF_BYTES_B)  # with a save: revision 3
    assert notes(wsgi_app, path) == ["创建", WS_NOTE, WS_NOTE]
    # titles and removals between saves make no revision of their own
    set_attachment_title(wsgi_app, first, "甲件全文", login="jyj_editor")
    set_attachment_title(wsgi_app, second, "乙件全文", login="jyj_editor")
    remove_attachment(wsgi_app, second, login="jyj_editor")
    assert len(notes(wsgi_app, path)) == 3
    # the next save holds them all, and says how many
    edit(editor, path, title="附件多次修改的通知（定稿）")
    got = read(wsgi_app, path, lambda doc: [r.as_dict() for r in get_revisions(doc)])
    assert len(got) == 4 and got[-1]["note"] == WS_NOTE
    assert got[-1]["media_changes"] == 3
    assert [a["title"] for a in got[-1]["attachments"]] == ["甲件全文"]
    page = editor.get(path + "@@ws-item")
    assert "含 3 处附件变更" in page.text
    # media changed and not saved: the submission records them
    set_attachment_title(wsgi_app, first, "甲件（送审版）", login="jyj_editor")
    transition(editor, path, "submit")
    got = read(wsgi_app, path, lambda doc: [r.as_dict() for r in get_revisions(doc)])
    assert len(got) == 5 and got[-1]["note"] == "送审"
    assert got[-1]["attachments"][0]["title"] == "甲件（送审版）"


def test_csrf_token_is_no_field_of_a_revision_or_a_diff(wsgi_app, editor):
    path = add_document(editor, COLUMN, "对比不含表单字段")
    edit(editor, path, title="对比不含表单字段（二）")
    kept = read(wsgi_app, path, lambda doc: set(get_revisions(doc)[-1].fields))
    assert "_csrf_token_" not in kept
    for page in (
        editor.get(path + "@@ws-diff"),
        editor.get(path + "@@revision-compare?a=1&b=2"),
    ):
        assert "Csrf" not in page.text and "csrf_token_" not in page.text
        assert "未修改" in page.text  # the unchanged-fields list is there
    res = editor.get(path + "@@revision-compare?a=1&b=2", headers=JSON)
    assert [f["name"] for f in res.json["fields"]] == ["title"]


# -- working-copy comments ---------------------------------------------------------------


def test_working_copy_comments_are_kept_on_the_live_document(wsgi_app, editor, reviewer, reviewer2):
    path = add_document(editor, COLUMN, "线上通知", "<p>线上正文。</p>")
    transition(editor, path, "submit")
    transition(reviewer, path, "approve")
    checkout(editor, path)
    wc = wc_path(path)
    edit(editor, wc, body="<p>第一次修改。</p>")
    transition(editor, wc, "submit", "请审核修改后的第二段")
    transition(reviewer, wc, "reject", "第二段仍有错字")
    edit(editor, wc, body="<p>第二次修改。</p>")
    transition(editor, wc, "submit", "已改正错字")
    transition(reviewer2, wc, "approve", "同意替换")
    steps = history(wsgi_app, path)
    kept = [s for s in steps if s[0] == "working_copy_step"]
    assert kept == [
        ("working_copy_step", "jyj_editor", "送审：请审核修改后的第二段"),
        ("working_copy_step", "jyj_reviewer", "退回修改：第二段仍有错字"),
        ("working_copy_step", "jyj_editor", "送审：已改正错字"),
    ]
    assert steps[-1][0] == "merge_working_copy" and "同意替换" in steps[-1][2]
    page = editor.get(path + "@@ws-item")
    table = page.html.find(id="h-hist").find_next("table").text
    assert "工作副本审核记录" in table and "送审：请审核修改后的第二段" in table


# -- retention: masked personal data ------------------------------------------------------


def _mask(client, path):
    page = client.get(path + "@@ws-item")
    return client.post(path + "@@ws-mask", {"csrf_token": csrf_token(page.text)}, status=303)


def test_approving_a_mask_purges_the_revisions_that_held_the_data(
    wsgi_app, editor, reviewer, reviewer2
):
    audited = []
    wsgi_app.registry.registerHandler(audited.append, (ActionRecorded,))
    body = f"<p>申请人身份证号码：{ID_NUMBER}，请于三日内领取。</p>"
    path = add_document(editor, COLUMN, "含个人信息的通知", body)  # 1: holds the ID
    edit(editor, path, title="含个人信息的通知（修改）")  # 2: holds it too
    transition(editor, path, "submit")
    # approval is refused until the data is masked (or let through)
    assert transition(reviewer, path, "approve", status="*").status_int == 400
    _mask(reviewer, path)  # 3: masked (the reviewer keeps four eyes)
    assert len(numbers(wsgi_app, path)) == 3
    transition(reviewer2, path, "approve", "已遮盖身份证号码")
    kept = bodies(wsgi_app, path)
    assert [n for n, _b in kept] == [3, 4]  # 4: the published version
    assert all(ID_NUMBER not in b for _n, b in kept)
    # recorded in history (who, when, how many) ...
    (purge,) = [s for s in history(wsgi_app, path) if s[0] == "purge_revisions"]
    assert purge[1] == SECOND_REVIEWER and "2 个" in purge[2] and "第 1、2 版" in purge[2]
    page = editor.get(path + "@@ws-item")
    assert "清除含未遮盖个人信息的历史版本" in page.text
    # ... and in the audit trail
    (event,) = [e for e in audited if e.action == "revisions.purge"]
    assert event.details == {"count": 2, "revisions": "1,2"}
    assert event.target.endswith(path.rstrip("/").rsplit("/", 1)[-1])
    # the purged revisions can be neither restored nor compared
    restore(editor, path, 1, status=404)
    editor.get(path + "@@revision-compare?a=1&b=3", headers=JSON, status=400)
    page = editor.get(path + "@@ws-item")
    assert ID_NUMBER not in page.text


def test_no_mask_no_purge(wsgi_app, editor, reviewer):
    path = add_document(editor, COLUMN, "无个人信息的通知", "<p>普通正文。</p>")
    edit(editor, path, body="<p>普通正文（二）。</p>")
    transition(editor, path, "submit")
    transition(reviewer, path, "approve")
    assert numbers(wsgi_app, path) == [1, 2, 3]
    assert not [s for s in history(wsgi_app, path) if s[0] == "purge_revisions"]


def test_masked_working_copy_purges_the_live_documents_revisions(
    wsgi_app, editor, reviewer, reviewer2
):
    """Published with the data let through by a reviewer; masked later in a
    working copy: on approval the live document's earlier revisions go."""
    body = f"<p>联系人身份证号码：{ID_NUMBER}。</p>"
    path = add_document(editor, COLUMN, "放行后又遮盖的通知", body)
    transition(editor, path, "submit")
    page = reviewer.get(path + "@@ws-item")
    reviewer.post(
        path + "@@ws-override",
        {"reason": "经本人书面同意公开", "csrf_token": csrf_token(page.text)},
        status=303,
    )
    transition(reviewer2, path, "approve")
    assert numbers(wsgi_app, path) == [1, 2]
    checkout(editor, path)
    wc = wc_path(path)
    _mask(editor, wc)
    transition(editor, wc, "submit", "遮盖身份证号码")
    transition(reviewer, wc, "approve")
    kept = bodies(wsgi_app, path)
    assert [n for n, _b in kept] == [3]
    assert ID_NUMBER not in kept[0][1]
    (purge,) = [s for s in history(wsgi_app, path) if s[0] == "purge_revisions"]
    assert purge[1] == "jyj_reviewer" and "第 1、2 版" in purge[2]
    restore(editor, path, 2, status=404)


# -- retention: drafts capped ----------------------------------------------------------


@pytest.fixture
def capped_app(app_settings):
    settings = dict(app_settings)
    settings["govportal.revisions.draft_limit"] = "2"
    app = main({}, **settings)
    yield app
    close_app(app)


def test_draft_limit_keeps_the_newest_revisions_of_drafts_only(capped_app):
    from tests.conftest import Browser

    editor = Browser(capped_app).login("jyj_editor")
    path = add_document(editor, COLUMN, "草稿版本上限")
    for n in range(2, 6):
        edit(editor, path, title=f"草稿版本上限（{n}）")
    assert numbers(capped_app, path) == [4, 5]
    transition(editor, path, "submit")
    add_user(capped_app, SECOND_REVIEWER)
    reviewer = Browser(capped_app).login(SECOND_REVIEWER)
    transition(reviewer, path, "approve")
    # a published record: nothing more is dropped
    kept = numbers(capped_app, path)
    assert kept[:2] == [4, 5] and len(kept) == 3
