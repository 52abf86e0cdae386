"""Every save of a document keeps a revision (who, when, what); saves that
change nothing keep none."""

import hashlib
from datetime import date

import pytest

from govportal.content.document import DocumentSchema
from govportal.revisions import get_revision, get_revisions, latest_revision, record_revision
from tests.http.helpers import (
    JSON,
    PDF_BYTES,
    add_attachment,
    add_document,
    replace_attachment_file,
    transition,
)

from .helpers import COLUMN, WS_NOTE, edit, read, session_as

#: A second valid PDF (different bytes).
PDF_BYTES_2 = PDF_BYTES.replace(b"MediaBox[0 0 200 200]", b"MediaBox[0 0 300 300]")


@pytest.fixture
def editor(browser):
    return browser("jyj_editor")


def revisions(wsgi_app, path):
    return read(wsgi_app, path, lambda doc: [r.as_dict() for r in get_revisions(doc)])


def test_creation_is_revision_one_and_every_save_adds_one(wsgi_app, editor):
    path = add_document(editor, COLUMN, "第一稿标题", "<p>第一稿正文。</p>")
    (first,) = revisions(wsgi_app, path)
    assert first["number"] == 1 and first["user_name"] == "jyj_editor"
    assert first["note"] == "创建" and first["title"] == "第一稿标题"

    edit(editor, path, title="第二稿标题")
    edit(editor, path, body="<p>第三稿正文。</p>")
    got = revisions(wsgi_app, path)
    assert [r["number"] for r in got] == [1, 2, 3]
    assert [r["title"] for r in got] == ["第一稿标题", "第二稿标题", "第二稿标题"]
    assert all(r["user_name"] == "jyj_editor" and r["note"] == WS_NOTE for r in got[1:])
    assert got[0]["when"] <= got[1]["when"] <= got[2]["when"]

    def bodies(doc):
        return [get_revision(doc, n).fields["body"] for n in (1, 2, 3)]

    assert read(wsgi_app, path, bodies) == [
        "<p>第一稿正文。</p>",
        "<p>第一稿正文。</p>",
        "<p>第三稿正文。</p>",
    ]


def test_a_save_that_changes_nothing_keeps_no_revision(wsgi_app, editor):
    path = add_document(editor, COLUMN, "不变的标题", "<p>不变的正文。</p>")
    edit(editor, path)  # the form saved as it was
    edit(editor, path, title="不变的标题")
    assert len(revisions(wsgi_app, path)) == 1


def test_attachments_are_recorded_with_their_digest(wsgi_app, editor):
    path = add_document(editor, COLUMN, "带附件的通知")
    attachment = add_attachment(editor, path, "通知.pdf", PDF_BYTES)
    got = revisions(wsgi_app, path)
    # the upload came with a save of the form: one revision for both
    assert [r["note"] for r in got] == ["创建", WS_NOTE]
    (record,) = got[-1]["attachments"]
    assert record == {
        "name": attachment.rsplit("/", 1)[-1],
        "title": "通知.pdf",  # the workspace names an upload after its file
        "filename": "通知.pdf",
        "mimetype": "application/pdf",
        "size": len(PDF_BYTES),
        "sha256": hashlib.sha256(PDF_BYTES).hexdigest(),
    }
    # replacing the file is a new revision with the new digest (no staff UI
    # for replacing a file yet: the step is done in the database)
    replace_attachment_file(wsgi_app, attachment, "通知.pdf", PDF_BYTES_2, login="jyj_editor")
    # a draft: the change is folded into the next save's revision
    assert len(revisions(wsgi_app, path)) == 2
    edit(editor, path, title="带附件的通知（替换附件）")
    got = revisions(wsgi_app, path)
    assert got[-1]["note"] == WS_NOTE and got[-1]["media_changes"] == 1
    assert got[-1]["attachments"][0]["sha256"] == hashlib.sha256(PDF_BYTES_2).hexdigest()
    # the earlier revision still says what it was
    assert got[-2]["attachments"][0]["sha256"] == hashlib.sha256(PDF_BYTES).hexdigest()


def test_snapshot_holds_every_field_of_the_schema(wsgi_app, editor):
    """Fields other packages add to DocumentSchema are kept without change here."""
    path = add_document(editor, COLUMN, "字段齐全的稿件", doc_number="营教〔2026〕1号")

    def fields(doc):
        return get_revisions(doc)[-1].fields

    kept = read(wsgi_app, path, fields)
    # every field, but not the form's CSRF token ("Csrf Token")
    assert set(kept) == {node.name for node in DocumentSchema().children} - {"_csrf_token_"}
    assert kept["doc_number"] == "营教〔2026〕1号" and kept["validity"] == "valid"


def test_publication_records_the_published_version(wsgi_app, editor, browser):
    path = add_document(editor, COLUMN, "待发布的稿件")
    transition(editor, path, "submit")
    transition(browser("jyj_reviewer"), path, "approve")
    got = revisions(wsgi_app, path)
    assert got[-1]["note"] == "审核通过并发布" and got[-1]["user_name"] == "jyj_reviewer"
    published_on = read(wsgi_app, path, lambda doc: latest_revision(doc).fields["publish_date"])
    assert isinstance(published_on, date)


def test_record_revision_api(wsgi_app):
    with session_as(wsgi_app, "jyj_editor") as (root, request):
        doc = request.registry.content.create("Document", title="接口创建")
        root["jyj"]["gzdt"]["api-doc"] = doc
        assert [r.note for r in get_revisions(doc)] == ["创建"]
        assert record_revision(doc, request, "工作台保存") is None  # nothing changed
        doc.title = "接口修改"
        revision = record_revision(doc, request, "工作台保存")
        assert revision.number == 2 and revision.note == "工作台保存"
        assert revision.userid == request.authenticated_userid
        assert revision.user_name == "jyj_editor"
        assert revision.fields["title"] == "接口修改"
        assert get_revision(doc, 1).fields["title"] == "接口创建"
        assert get_revision(doc, 3) is None and get_revision(doc, "x") is None


def test_revision_list_is_for_staff_only(wsgi_app, testapp, editor, browser):
    path = add_document(editor, COLUMN, "修改记录页面")
    edit(editor, path, title="修改记录页面（二）")
    res = editor.get(path + "@@revision-list", headers=JSON, status=200)
    assert [r["number"] for r in res.json["revisions"]] == [2, 1]
    page = browser("jyj_reviewer").get(path + "@@revision-list", status=200)
    assert "第 2 版" in page.text and "修改记录页面（二）" in page.text
    assert testapp.get(path + "@@revision-list", status="*").status_int == 404
    res = browser("wjj_editor").get(path + "@@revision-list", status="*")
    assert res.status_int in (403, 404)
