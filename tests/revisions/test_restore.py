"""Restoring an old revision: directly on a draft, through a working copy on
a published document; refusals change nothing."""

import pytest

from govportal.revisions import get_revisions, get_working_copy
from tests.http.helpers import (
    JSON,
    PDF_BYTES,
    add_attachment,
    add_document,
    replace_attachment_file,
    transition,
)

from .helpers import COLUMN, SECOND_REVIEWER, add_user, edit, read, session_as, wc_path
from .test_revisions import PDF_BYTES_2


@pytest.fixture
def editor(browser):
    return browser("jyj_editor")


@pytest.fixture
def reviewer(browser):
    return browser("jyj_reviewer")


def restore(client, path, number, status=200):
    return client.post(
        path.rstrip("/") + "/@@revision-restore",
        {"number": number, "csrf_token": client.csrf()},
        headers=JSON,
        status=status,
    )


def state(wsgi_app, path):
    def facts(doc):
        wc = get_working_copy(doc)
        return {
            "title": doc.title,
            "body": doc.body,
            "attachments": sorted((a.filename, a.title) for a in doc.attachments()),
            "revisions": len(get_revisions(doc)),
            "wc": None if wc is None else (wc.title, wc.body, len(wc.attachments())),
        }

    return read(wsgi_app, path, facts)


def test_restore_on_a_draft_is_a_new_revision(wsgi_app, testapp, editor):
    path = add_document(editor, COLUMN, "原始标题", "<p>原始正文。</p>")
    add_attachment(editor, path, "原件.pdf", PDF_BYTES)  # revision 2
    edit(editor, path, title="改过的标题", body="<p>改过的正文。</p>")  # revision 3
    with session_as(wsgi_app, "jyj_editor") as (root, _request):
        doc = root["jyj"]["gzdt"][path.strip("/").rsplit("/", 1)[-1]]
        for name in [a.__name__ for a in doc.attachments()]:
            doc.remove(name)  # folded into the next revision (a draft)
    before = state(wsgi_app, path)
    assert before["attachments"] == [] and before["revisions"] == 3

    res = restore(editor, path, 2)
    assert res.json["ok"] and not res.json["working_copy"] and res.json["revision"] == 4
    after = state(wsgi_app, path)
    assert after["title"] == "原始标题" and after["body"] == "<p>原始正文。</p>"
    assert after["attachments"] == [("原件.pdf", "原件.pdf")]
    assert after["wc"] is None
    notes = read(wsgi_app, path, lambda d: [r.note for r in get_revisions(d)])
    assert notes[-1] == "恢复第 2 版"
    # the restored attachment is a new file with the old bytes
    names = read(wsgi_app, path, lambda d: [a.__name__ for a in d.attachments()])
    assert editor.get(path + names[0], status=200).body == PDF_BYTES
    # restoring the current content again records nothing
    assert restore(editor, path, 4).json["revision"] is None


def test_restore_on_a_published_document_goes_through_a_working_copy(
    wsgi_app, testapp, browser, editor, reviewer
):
    add_user(wsgi_app, SECOND_REVIEWER)
    path = add_document(editor, COLUMN, "第一版通知", "<p>第一版内容。</p>")
    transition(editor, path, "submit")
    transition(reviewer, path, "approve")
    transition(reviewer, path, "retract", comment="需要修改")
    edit(editor, path, title="第二版通知", body="<p>第二版内容。</p>")
    transition(editor, path, "submit")
    transition(reviewer, path, "approve")
    first = read(wsgi_app, path, lambda d: get_revisions(d)[0].number)
    before = state(wsgi_app, path)
    assert before["title"] == "第二版通知"

    res = restore(editor, path, first)
    assert res.json["working_copy"] and res.json["url"].endswith("/working-copy/")
    after = state(wsgi_app, path)
    assert after["wc"] == ("第一版通知", "<p>第一版内容。</p>", 0)
    # the live page is unchanged until the working copy is approved
    assert {k: after[k] for k in ("title", "body", "revisions")} == {
        k: before[k] for k in ("title", "body", "revisions")
    }
    assert "第二版内容" in testapp.get(path, status=200).text
    transition(editor, wc_path(path), "submit")
    # the working copy in review: no further restore
    res = restore(editor, path, first, status="*")
    assert res.status_int == 409 and "审核中" in res.json["errors"][0]
    transition(browser(SECOND_REVIEWER), wc_path(path), "approve")
    page = testapp.get(path, status=200)
    assert "第一版内容" in page.text and "第二版内容" not in page.text


def test_restore_refusals_change_nothing(wsgi_app, testapp, browser, editor, reviewer):
    path = add_document(editor, COLUMN, "不许恢复的稿件", "<p>正文。</p>")
    edit(editor, path, title="不许恢复的稿件（二）")
    before = state(wsgi_app, path)
    res = restore(editor, path, 99, status="*")
    assert res.status_int == 404 and "没有此版本" in res.json["errors"][0]
    res = restore(editor, path, "abc", status="*")
    assert res.status_int == 400
    # a reviewer has no edit right on a draft; another department sees nothing
    res = restore(reviewer, path, 1, status="*")
    assert res.status_int == 403 and res.json["errors"]
    res = restore(browser("wjj_editor"), path, 1, status="*")
    assert res.status_int in (403, 404)
    res = testapp.post(path + "@@revision-restore", {"number": 1}, status="*")
    assert res.status_int in (400, 403, 404)
    # without a CSRF token
    res = editor.post(path + "@@revision-restore", {"number": 1}, headers=JSON, status="*")
    assert res.status_int == 400
    assert state(wsgi_app, path) == before


def test_replacing_a_file_keeps_earlier_revisions_restorable(wsgi_app, editor):
    """Replacing an attachment's file gives it a new blob: a
    revision that had the old bytes restores exactly those bytes."""
    path = add_document(editor, COLUMN, "附件被替换的稿件")
    attachment = add_attachment(editor, path, "表格.pdf", PDF_BYTES)
    edit(editor, path, title="附件被替换的稿件（二）")
    # no staff UI for replacing a file yet: done in the database
    replace_attachment_file(wsgi_app, attachment, "表格.pdf", PDF_BYTES_2, login="jyj_editor")

    def file_bytes(doc):
        (only,) = doc.attachments()
        with only.blob.open("r") as f:
            return f.read()

    assert read(wsgi_app, path, file_bytes) == PDF_BYTES_2
    assert restore(editor, path, 2).json["ok"]
    assert read(wsgi_app, path, file_bytes) == PDF_BYTES
    assert read(wsgi_app, path, lambda doc: doc.title) == "附件被替换的稿件"
