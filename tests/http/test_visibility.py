"""What anonymous visitors see: only public states, listed ones in listings.

Drafts and items in review answer 404 (not 403: their existence is not
revealed), published items 200, archived items 200 with a notice but absent
from every listing.  Attachments follow their document.
"""

from urllib.parse import urlsplit

import pytest

from .helpers import (
    JSON,
    PDF_BYTES,
    REFUSED,
    add_attachment,
    add_document,
    mgmt,
    publish,
    transition,
)

COLUMN = "/jyj/gzdt/"
DEPARTMENT = "/jyj/"
TITLE = "教育局秋季开学工作通知"
BODY = "<p>各中小学校：秋季学期将于九月一日开学。</p>"
REGULATION = "/zcwj/yingshan-website-regulation-2019/"
REGULATION_TITLE = "营山县政府网站管理办法"


@pytest.fixture
def draft(editor):
    """A jyj draft with a PDF attachment uploaded while in draft: (doc, attachment)."""
    doc = add_document(editor, COLUMN, TITLE, BODY)
    attachment = add_attachment(editor, doc, "开学通知.pdf", PDF_BYTES, title="开学通知全文")
    return doc, attachment


@pytest.fixture
def in_review(editor, draft):
    transition(editor, draft[0], "submit")
    return draft


@pytest.fixture
def published(reviewer, in_review):
    res = transition(reviewer, in_review[0], "approve", comment="同意发布")
    assert res.json["state"] == "published"
    return in_review


@pytest.fixture
def archived(reviewer, published):
    res = transition(reviewer, published[0], "archive")
    assert res.json["state"] == "archived"
    return published


def assert_hidden(testapp, doc, attachment):
    """Anonymous: 404 for the page, the attachment and the history, and no title leaks."""
    for url in (doc, attachment, doc + "@@history"):
        res = testapp.get(url, status="*")
        assert res.status_int == 404, f"{url}: {res.status}"
        assert TITLE not in res.text
        assert "开学通知" not in res.text
        assert PDF_BYTES not in res.body
    res = testapp.get(doc + "@@history", headers=JSON, status="*")
    assert res.status_int == 404
    # the management URL does not reveal it either: anonymous visitors are
    # sent to sign in, exactly as for a URL that names nothing
    res = testapp.get(mgmt(doc), status="*")
    nothing = testapp.get(mgmt("/jyj/gzdt/no-such-item/"), status="*")
    assert res.status_int in (302, *REFUSED)
    assert res.status_int == nothing.status_int
    if res.status_int == 302:  # the sign-in form, whatever the URL names
        assert urlsplit(res.location).path == urlsplit(nothing.location).path == "/@@login"
    assert TITLE not in res.text


def assert_not_listed(testapp, doc, *listings):
    name = doc.rstrip("/").rsplit("/", 1)[-1]
    for url in listings:
        res = testapp.get(url, status=200)
        assert TITLE not in res.text, url
        assert name not in res.text, url


def assert_listed(testapp, doc, *listings):
    name = doc.rstrip("/").rsplit("/", 1)[-1]
    for url in listings:
        res = testapp.get(url, status=200)
        assert TITLE in res.text, url
        assert name in res.text, url


def test_draft_is_404_for_anonymous(testapp, draft):
    assert_hidden(testapp, *draft)
    assert_not_listed(testapp, draft[0], COLUMN, DEPARTMENT, "/")


def test_draft_is_visible_to_its_editor(editor, draft):
    doc, attachment = draft
    page = editor.get(doc, status=200)
    assert TITLE in page.text
    assert "未公开" in page.text
    assert "开学通知全文" in page.text
    assert editor.get(attachment, status=200).body == PDF_BYTES


def test_item_in_review_is_404_for_anonymous(testapp, in_review):
    assert_hidden(testapp, *in_review)
    assert_not_listed(testapp, in_review[0], COLUMN, DEPARTMENT, "/")


def test_published_item_is_public_and_listed(testapp, published):
    doc, attachment = published
    page = testapp.get(doc, status=200)
    assert TITLE in page.text
    assert "各中小学校" in page.text
    assert "已归档" not in page.text
    assert "未公开" not in page.text
    assert "开学通知全文" in page.text
    assert_listed(testapp, doc, COLUMN, DEPARTMENT)


def test_attachment_of_published_document_downloads_anonymously(testapp, published):
    doc, attachment = published
    assert attachment.startswith(doc)
    assert attachment.endswith(".pdf")
    res = testapp.get(attachment, status=200)
    assert res.body == PDF_BYTES
    assert res.content_type == "application/pdf"
    assert res.headers["Content-Disposition"].startswith("attachment;")
    # the page links to it
    assert attachment.rsplit("/", 1)[-1] in testapp.get(doc).text


def test_history_of_published_item_is_not_public(testapp, published):
    doc, _attachment = published
    res = testapp.get(doc + "@@history", headers=JSON, status="*")
    assert res.status_int == 404
    assert "jyj_editor" not in res.text


def test_archived_item_readable_with_notice_but_not_listed(testapp, archived):
    doc, attachment = archived
    page = testapp.get(doc, status=200)
    assert "已归档" in page.text
    assert TITLE in page.text
    assert testapp.get(attachment, status=200).body == PDF_BYTES
    assert_not_listed(testapp, doc, COLUMN, DEPARTMENT, "/")


def test_restored_item_is_listed_again(testapp, reviewer, archived):
    doc, _attachment = archived
    res = transition(reviewer, doc, "restore")
    assert res.json["state"] == "published"
    assert "已归档" not in testapp.get(doc, status=200).text
    assert_listed(testapp, doc, COLUMN, DEPARTMENT)


def test_retracted_item_is_404_and_unlisted(testapp, reviewer, published):
    doc, attachment = published
    res = transition(reviewer, doc, "retract", comment="内容有误，撤回修改")
    assert res.json["state"] == "draft"
    assert_hidden(testapp, doc, attachment)
    assert_not_listed(testapp, doc, COLUMN, DEPARTMENT)


def test_portal_document_on_home_page_until_archived(testapp, browser):
    assert REGULATION_TITLE in testapp.get("/", status=200).text
    assert REGULATION_TITLE in testapp.get("/zcwj/", status=200).text
    res = transition(browser("portal_reviewer"), REGULATION, "archive")
    assert res.json["state"] == "archived"
    page = testapp.get(REGULATION, status=200)
    assert "已归档" in page.text
    assert REGULATION_TITLE not in testapp.get("/", status=200).text
    assert REGULATION_TITLE not in testapp.get("/zcwj/", status=200).text


def test_new_portal_document_appears_on_home_page(testapp, browser):
    title = "关于做好防汛工作的通知"
    assert title not in testapp.get("/").text
    doc = add_document(browser("portal_editor"), "/tzgg/", title)
    testapp.get(doc, status=404)
    assert title not in testapp.get("/").text
    transition(browser("portal_editor"), doc, "submit")
    testapp.get(doc, status=404)
    transition(browser("portal_reviewer"), doc, "approve")
    assert title in testapp.get(doc, status=200).text
    assert title in testapp.get("/").text
    assert title in testapp.get("/tzgg/").text


def test_department_document_stays_off_portal_home(testapp, browser):
    title = "卫健局义诊活动"
    doc = publish(browser("wjj_editor"), browser("wjj_reviewer"), "/wjj/gzdt/", title)
    assert title in testapp.get(doc, status=200).text
    assert title in testapp.get("/wjj/").text
    assert title not in testapp.get("/").text
    assert title not in testapp.get("/jyj/").text


def test_closed_column_hides_its_documents(testapp, browser, published):
    doc, attachment = published
    admin = browser("admin")
    res = transition(admin, COLUMN, "close", comment="栏目停止更新")
    assert res.json["state"] == "closed"
    for url in (COLUMN, doc, attachment):
        assert testapp.get(url, status="*").status_int == 404, url
    department = testapp.get(DEPARTMENT, status=200)
    assert "工作动态" not in department.text
    assert_not_listed(testapp, doc, DEPARTMENT)
    # reopened, all is back
    transition(admin, COLUMN, "reopen")
    assert "工作动态" in testapp.get(DEPARTMENT, status=200).text
    assert_listed(testapp, doc, COLUMN, DEPARTMENT)
