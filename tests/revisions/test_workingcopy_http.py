"""Working copies through HTTP: editing a published document changes the
live page only when a second reviewer approves the working copy."""

import pytest

from govportal.revisions import get_revisions
from govportal.workflow.history import get_history
from tests.http.helpers import (
    JSON,
    PDF_BYTES,
    REFUSED,
    add_attachment,
    add_document,
    mgmt,
    transition,
)
from tests.search.conftest import results

from .helpers import (
    COLUMN,
    SECOND_REVIEWER,
    add_user,
    checkout,
    edit,
    has_working_copy,
    read,
    wc_path,
)

OLD_TITLE = "教育局寒假安全提示"
OLD_BODY = "<p>寒假期间请注意交通安全。请注意用火安全。</p>"
NEW_TITLE = "教育局寒假安全提示（更新）"
NEW_BODY = "<p>寒假期间请注意交通安全。请注意防溺水安全。</p>"


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


@pytest.fixture
def published(editor, reviewer):
    """A published jyj document with a PDF attachment: (path, attachment path)."""
    path = add_document(editor, COLUMN, OLD_TITLE, OLD_BODY)
    attachment = add_attachment(editor, path, "安全提示.pdf", PDF_BYTES, title="安全提示全文")
    transition(editor, path, "submit")
    assert transition(reviewer, path, "approve").json["state"] == "published"
    return path, attachment


def live_facts(wsgi_app, path):
    def facts(doc):
        return {
            "title": doc.title,
            "body": doc.body,
            "publish_date": doc.publish_date,
            "index_number": doc.index_number,
            "revisions": len(get_revisions(doc)),
            "history": len(get_history(doc)),
            "attachments": sorted(a.filename for a in doc.attachments()),
        }

    return read(wsgi_app, path, facts)


def search(testapp, q):
    return [p for p, _t in results(testapp.get("/search", {"q": q}, status=200))]


def test_public_page_changes_only_when_a_second_reviewer_approves(
    testapp, wsgi_app, editor, reviewer, reviewer2, published
):
    path, attachment = published
    before = live_facts(wsgi_app, path)
    assert before["index_number"] and before["publish_date"]

    # the editor holds no edit right on the published item, only checkout:
    # the workspace form is refused (opening and saving it), the SDI too
    assert editor.get(path + "@@ws-edit", status="*").status_int in REFUSED
    fields = {"title": "直接修改线上版本", "save": "save", "csrf_token": editor.csrf()}
    assert editor.post(path + "@@ws-edit", fields, status="*").status_int in REFUSED
    assert editor.get(mgmt(path, "@@properties"), status="*").status_int == 403
    assert live_facts(wsgi_app, path) == before
    res = checkout(editor, path)
    assert res.json["ok"] and res.json["url"].endswith("/working-copy/")
    wc = wc_path(path)
    # checking out changes nothing on the live document (its published
    # version is already its last revision); its history says who did it
    assert live_facts(wsgi_app, path) == dict(before, history=before["history"] + 1)
    # checking out again returns the same copy
    assert checkout(editor, path).json["url"] == res.json["url"]

    # the copy holds the live content and a copy of the attachment
    page = editor.get(wc, status=200)
    assert OLD_TITLE in page.text and "安全提示全文" in page.text
    edit(editor, wc, title=NEW_TITLE, body=NEW_BODY)
    add_attachment(editor, wc, "补充说明.pdf", PDF_BYTES, title="补充说明")

    # nothing changed for visitors
    page = testapp.get(path, status=200)
    assert OLD_TITLE in page.text and "用火安全" in page.text and "防溺水" not in page.text
    assert "补充说明" not in page.text
    assert live_facts(wsgi_app, path) == dict(before, history=before["history"] + 1)

    # review: the editor cannot approve, a reviewer who edited cannot either
    transition(editor, wc, "submit")
    res = transition(editor, wc, "approve", status="*")
    assert res.status_int == 403
    edit(reviewer, wc, author="审核员补充")
    res = transition(reviewer, wc, "approve", status="*")
    assert res.status_int == 400 and "最后修改人" in res.json["errors"][0]
    # rejecting needs a comment
    res = transition(reviewer2, wc, "reject", comment="  ", status="*")
    assert res.status_int == 400 and "意见" in res.json["errors"][0]
    assert testapp.get(path, status=200).text.count("防溺水") == 0

    # a second reviewer approves: the live page shows the new version
    res = transition(reviewer2, wc, "approve", comment="同意更新")
    assert res.json["state"] == "merged"
    assert not has_working_copy(wsgi_app, path)
    page = testapp.get(path, status=200)
    assert NEW_TITLE in page.text and "防溺水" in page.text and "用火安全" not in page.text
    assert "补充说明" in page.text and "安全提示全文" in page.text
    assert testapp.get(wc, status="*").status_int == 404

    after = live_facts(wsgi_app, path)
    assert after["title"] == NEW_TITLE and after["body"] == NEW_BODY
    # 发布日期 and 索引号 stay; one revision and one history record more
    assert after["publish_date"] == before["publish_date"]
    assert after["index_number"] == before["index_number"]
    assert after["revisions"] == before["revisions"] + 1
    # checkout, the copy's 送审 (its steps are kept on merge), merge
    assert after["history"] == before["history"] + 3
    assert after["attachments"] == ["安全提示.pdf", "补充说明.pdf"]
    # the unchanged attachment keeps its address and bytes
    assert testapp.get(attachment, status=200).body == PDF_BYTES

    history = reviewer.get(path + "@@history", headers=JSON).json
    assert history["state"] == "published"
    checked, submitted, last = history["history"][-3:]
    assert checked["actor_name"] == "jyj_editor" and checked["transition_title"] == "创建工作副本"
    assert submitted["actor_name"] == "jyj_editor"
    assert submitted["transition_title"] == "工作副本审核记录"
    assert submitted["comment"] == "送审"
    assert last["actor_name"] == SECOND_REVIEWER
    assert last["transition_title"] == "工作副本审核通过，替换线上版本"
    assert last["from_state"] == last["to_state"] == "published"
    assert "工作副本审核通过，替换线上版本" in last["comment"] and "同意更新" in last["comment"]

    def last_revision(doc):
        revision = get_revisions(doc)[-1]
        return revision.note, revision.user_name, revision.extra.get("approved_by_name")

    note, author, approver = read(wsgi_app, path, last_revision)
    assert "工作副本审核通过" in note
    assert author == "jyj_reviewer"  # the copy's last editor
    assert approver == SECOND_REVIEWER

    # the search index follows the live version
    assert search(testapp, "防溺水") == [path]
    assert search(testapp, "用火安全") == []


def test_editor_can_discard_a_working_copy(testapp, wsgi_app, editor, published):
    path, _attachment = published
    before = live_facts(wsgi_app, path)
    checkout(editor, path)
    edit(editor, wc_path(path), title="不会发布的标题")
    res = transition(editor, wc_path(path), "discard")
    assert res.json["state"] == "discarded"
    assert not has_working_copy(wsgi_app, path)
    after = live_facts(wsgi_app, path)
    assert after == dict(before, history=before["history"] + 2)
    records = editor.get(path + "@@history", headers=JSON).json["history"][-2:]
    assert [r["transition_title"] for r in records] == ["创建工作副本", "放弃工作副本"]
    assert all(r["actor_name"] == "jyj_editor" for r in records)
    # a new working copy can be made afterwards
    assert checkout(editor, path).json["ok"]


def test_checkout_refusals(testapp, wsgi_app, editor, reviewer, browser, published):
    path, _attachment = published
    # a reviewer, an editor of another department, a visitor: no checkout
    for client in (reviewer, browser("wjj_editor")):
        res = checkout(client, path, status="*")
        assert res.status_int in REFUSED
    res = testapp.post(path + "@@working-copy-checkout", {}, headers=JSON, status="*")
    assert res.status_int in (400, 403, 404)
    # without a CSRF token
    res = editor.post(path + "@@working-copy-checkout", {}, headers=JSON, status="*")
    assert res.status_int == 400
    assert not has_working_copy(wsgi_app, path)
    # a draft is edited directly
    draft = add_document(editor, COLUMN, "一份草稿")
    res = checkout(editor, draft, status="*")
    assert res.status_int in REFUSED
    assert not has_working_copy(wsgi_app, draft)


def test_working_copy_is_never_public(testapp, wsgi_app, editor, reviewer, published):
    """Not its page, its attachments, its history; not in listings, search,
    feeds, the sitemap or the catalogue — in draft and in review."""
    path, _attachment = published
    checkout(editor, path)
    wc = wc_path(path)
    secret = "工作副本秘密标题"
    edit(editor, wc, title=secret, body="<p>只在工作副本里的独特正文内容。</p>")
    wc_attachment = add_attachment(editor, wc, "草稿附件.pdf", PDF_BYTES, title="草稿附件")
    for state in ("draft", "review"):
        if state == "review":
            transition(editor, wc, "submit")
        for url in (wc, wc_attachment, wc + "@@history", wc + "print", wc + "@@revision-list"):
            res = testapp.get(url, status="*")
            assert res.status_int == 404, (state, url, res.status)
            assert secret not in res.text
        for url in (
            "/",
            "/jyj/",
            COLUMN,
            COLUMN + "rss.xml",
            "/sitemap.xml",
            "/@@sitemap",
            "/@@catalog",
            "/jyj/@@catalog",
            path,
        ):
            res = testapp.get(url, status="*")
            assert res.status_int == 200, url
            assert secret not in res.text and "working-copy" not in res.text, (state, url)
            assert "草稿附件" not in res.text, (state, url)
        assert search(testapp, "独特正文") == []
        assert search(testapp, secret) == []
        # editors and reviewers of another department do not see it either
        # (the search page is public; the copy is simply not in the index)
    # the live document is still found, once
    assert search(testapp, "用火安全") == [path]


def test_merge_runs_after_every_other_transition_subscriber(wsgi_app):
    """Notifications, catalogs and checks see an approved working copy in
    place: the merge (which removes it) is the last subscriber called."""
    from govportal.revisions import record_on_transition, working_copy_ended
    from govportal.revisions.retention import purge_after_approval
    from govportal.workflow.events import IContentTransitioned

    handlers = [
        r.handler
        for r in wsgi_app.registry.registeredHandlers()
        if list(r.required) == [IContentTransitioned]
    ]
    assert len(handlers) > 2
    assert handlers[-3:] == [record_on_transition, purge_after_approval, working_copy_ended]
