"""Removals, renames, moves and copies: the rules hold on every path.

Through HTTP (the SDI's folder contents, as the only user who reaches it)
and at the event level (a request signed in as someone else, as any future
path would run): records are never deleted, changing a child is an edit of
its parent, copies of workflow content are refused.
"""

import pytest

from govportal.overrides import ContentRefused
from govportal.workflow.guards import get_last_editor
from tests.conftest import read_root
from tests.http.helpers import JSON, add_attachment, add_document, stored, transition

from .conftest import PDF_BYTES, acting_as, find, sdi_post

REGULATION = "/zcwj/yingshan-website-regulation-2019/"


def names(wsgi_app, path):
    return stored(wsgi_app, path)["names"]


# -- records: published and archived documents are never deleted --------------


def test_system_admin_cannot_delete_a_published_document(sysadmin, wsgi_app, actions):
    before = names(wsgi_app, "/zcwj/")
    res = sdi_post(
        sysadmin,
        "/manage/zcwj/@@contents",
        {"form.delete": "delete", "item-modify": "yingshan-website-regulation-2019"},
    )
    assert res.status_int == 409, res.status
    assert "档案" in res.text and "不能删除" in res.text
    assert names(wsgi_app, "/zcwj/") == before
    assert not [a for a in actions if a.action == "content.delete"]


@pytest.mark.parametrize(
    "container, name", [("/manage/", "zcwj"), ("/manage/jyj/", "gzdt"), ("/manage/", "jyj")]
)
def test_containers_holding_records_cannot_be_deleted(
    sysadmin, wsgi_app, published_doc, container, name
):
    before = names(wsgi_app, container[len("/manage") :])
    res = sdi_post(
        sysadmin, container + "@@contents", {"form.delete": "delete", "item-modify": name}
    )
    assert res.status_int == 409, res.status
    assert "已发布或已归档" in res.text
    assert names(wsgi_app, container[len("/manage") :]) == before


@pytest.mark.parametrize("login", ["admin", "sysadmin", "jyj_reviewer"])
def test_nobody_deletes_a_published_document_on_any_path(as_role, wsgi_app, login):
    with pytest.raises(ContentRefused) as e:
        with acting_as(wsgi_app, login) as (root, _request):
            root["zcwj"].remove("yingshan-website-regulation-2019")
    assert e.value.status == 409
    assert "yingshan-website-regulation-2019" in names(wsgi_app, "/zcwj/")


def test_an_archived_document_is_a_record_too(browser, wsgi_app, published_doc):
    doc, _attachment = published_doc
    transition(browser("jyj_reviewer"), doc, "archive")
    with pytest.raises(ContentRefused):
        with acting_as(wsgi_app, "admin") as (root, _request):
            node = find(root, doc)
            node.__parent__.remove(node.__name__)
    assert stored(wsgi_app, doc) is not None


def test_a_draft_may_be_deleted_by_a_site_admin(browser, wsgi_app, actions):
    doc = add_document(browser("jyj_editor"), "/jyj/gzdt/", "草稿可以删除")
    with acting_as(wsgi_app, "admin") as (root, _request):
        node = find(root, doc)
        node.__parent__.remove(node.__name__)
    assert stored(wsgi_app, doc) is None
    (deleted,) = [a for a in actions if a.action == "content.delete"]
    assert deleted.target.rstrip("/") == doc.rstrip("/")
    history = read_root(
        wsgi_app, lambda r: [h.transition for h in r["jyj"]["gzdt"].__workflow_history__]
    )
    assert history[-1] == "child_removed"


# -- changing a child is an edit of its parent --------------------------------------


def test_attachment_of_a_published_document_cannot_be_pulled_out(sysadmin, wsgi_app, published_doc):
    doc, attachment = published_doc
    att_name = attachment.rsplit("/", 1)[-1]
    # the SDI: content is not the system administrator's
    res = sdi_post(
        sysadmin, "/manage" + doc + "@@contents", {"form.move": "move", "item-modify": att_name}
    )
    assert res.status_int == 403
    # any other path: nobody may edit a published document
    for login in ("jyj_editor", "jyj_reviewer", "admin", "sysadmin"):
        with pytest.raises(ContentRefused) as e:
            with acting_as(wsgi_app, login) as (root, _request):
                find(root, doc).move(att_name, root["jyj"]["gzdt"])
        assert e.value.status == 403
        with pytest.raises(ContentRefused):
            with acting_as(wsgi_app, login) as (root, _request):
                find(root, doc).rename(att_name, "renamed.pdf")
        with pytest.raises(ContentRefused):
            with acting_as(wsgi_app, login) as (root, _request):
                find(root, doc).remove(att_name)
    assert att_name in names(wsgi_app, doc)


@pytest.mark.parametrize("how", ["remove", "rename", "move"])
def test_reviewer_who_changes_attachments_cannot_approve_alone(browser, wsgi_app, how):
    """四眼原则: a reviewer who removes, renames or moves an attachment of a
    document in review becomes its last editor and may not approve it."""
    editor, reviewer = browser("jyj_editor"), browser("jyj_reviewer")
    doc = add_document(editor, "/jyj/gzdt/", "待审核稿件")
    attachment = add_attachment(editor, doc, "附件.pdf", PDF_BYTES)
    other = add_document(editor, "/jyj/gzdt/", "另一篇草稿")
    transition(editor, doc, "submit")
    transition(editor, other, "submit")
    att_name = attachment.rsplit("/", 1)[-1]
    # through the SDI: the reviewer does not get in
    res = sdi_post(
        reviewer, "/manage" + doc + "@@contents", {"form.delete": "d", "item-modify": att_name}
    )
    assert res.status_int == 403
    # on any other path the change is an edit by the reviewer
    with acting_as(wsgi_app, "jyj_reviewer") as (root, request):
        node = find(root, doc)
        if how == "remove":
            node.remove(att_name)
        elif how == "rename":
            node.rename(att_name, "renamed.pdf")
        else:
            node.move(att_name, find(root, other))
        reviewer_id = request.authenticated_userid
    assert read_root(wsgi_app, lambda r: get_last_editor(find(r, doc))) == reviewer_id
    if how == "move":
        assert read_root(wsgi_app, lambda r: get_last_editor(find(r, other))) == reviewer_id
    res = transition(reviewer, doc, "approve", status="*")
    assert res.status_int == 400 and "最后修改人" in res.json["errors"][0]
    info = reviewer.get(doc + "@@history", headers=JSON).json
    assert info["state"] == "review"
    assert info["history"][-1]["transition"].startswith("child_")
    revisions = read_root(wsgi_app, lambda r: len(find(r, doc).__revisions__))
    # created, then submitted with the attachment folded in (one revision a
    # save, govportal.revisions), the reviewer's change recorded since
    assert revisions >= 2


def test_editor_cannot_change_attachments_in_review(browser, wsgi_app):
    editor = browser("jyj_editor")
    doc = add_document(editor, "/jyj/gzdt/", "送审后不能改附件")
    attachment = add_attachment(editor, doc, "附件.pdf", PDF_BYTES)
    transition(editor, doc, "submit")
    with pytest.raises(ContentRefused):
        with acting_as(wsgi_app, "jyj_editor") as (root, _request):
            find(root, doc).remove(attachment.rsplit("/", 1)[-1])
    assert len(names(wsgi_app, doc)) == 1


def test_moving_needs_the_right_to_change_the_target(browser, wsgi_app):
    """A 教育局 editor's draft attachment cannot be moved into a 卫健局 draft."""
    doc = add_document(browser("jyj_editor"), "/jyj/gzdt/", "教育局草稿")
    attachment = add_attachment(browser("jyj_editor"), doc, "附件.pdf", PDF_BYTES)
    target = add_document(browser("wjj_editor"), "/wjj/gzdt/", "卫健局草稿")
    with pytest.raises(ContentRefused):
        with acting_as(wsgi_app, "jyj_editor") as (root, _request):
            find(root, doc).move(attachment.rsplit("/", 1)[-1], find(root, target))
    assert names(wsgi_app, target) == []


# -- copies of workflow content ---------------------------------------------------


def test_duplicating_a_published_document_is_refused(sysadmin, wsgi_app):
    before = names(wsgi_app, "/zcwj/")
    res = sdi_post(
        sysadmin,
        "/manage/zcwj/@@contents",
        {"form.duplicate": "duplicate", "item-modify": "yingshan-website-regulation-2019"},
    )
    assert res.status_int == 403 and "不能复制" in res.text
    assert names(wsgi_app, "/zcwj/") == before


def test_copying_a_published_document_elsewhere_is_refused(sysadmin, wsgi_app):
    before = names(wsgi_app, "/tzgg/")
    res = sdi_post(
        sysadmin,
        "/manage/zcwj/@@contents",
        {"form.copy": "copy", "item-modify": "yingshan-website-regulation-2019"},
    )
    assert res.status_int in (302, 303)
    res = sdi_post(sysadmin, "/manage/tzgg/@@contents", {"form.copy_finish": "copy"})
    # refused by our rule (403), or by Substance D (not addable: a flash)
    assert res.status_int in (302, 403)
    assert names(wsgi_app, "/tzgg/") == before


def test_copying_columns_and_departments_is_refused(sysadmin, wsgi_app):
    before = names(wsgi_app, "/")
    for item in ("jyj", "tzgg"):
        res = sdi_post(
            sysadmin, "/manage/@@contents", {"form.duplicate": "duplicate", "item-modify": item}
        )
        assert res.status_int == 403, item
    assert names(wsgi_app, "/") == before


def test_working_copy_attachment_change_makes_the_reviewer_its_editor(
    browser, wsgi_app, published_doc
):
    """The same on a working copy, whose approval replaces the live page."""
    doc, attachment = published_doc
    editor, reviewer = browser("jyj_editor"), browser("jyj_reviewer")
    editor.post(doc + "@@ws-checkout", {"csrf_token": editor.csrf()}, status="*")
    wc = doc + "working-copy/"
    assert stored(wsgi_app, wc) is not None
    transition(editor, wc, "submit")
    att_name = attachment.rsplit("/", 1)[-1]
    with acting_as(wsgi_app, "jyj_reviewer") as (root, _request):
        find(root, wc).remove(att_name)
    res = transition(reviewer, wc, "approve", status="*")
    assert res.status_int == 400 and "最后修改人" in res.json["errors"][0]
    assert att_name in names(wsgi_app, doc)  # the live page keeps its attachment
