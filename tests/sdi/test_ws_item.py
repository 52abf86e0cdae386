"""The workspace item page shows the review history, reviewers' comments,
revisions and check report only to those who may read the history."""

import pytest

from tests.http.helpers import add_document, transition

SECRET = "内部意见：第三段措辞需斟酌"


@pytest.fixture
def published(browser):
    editor, reviewer = browser("jyj_editor"), browser("jyj_reviewer")
    doc = add_document(editor, "/jyj/gzdt/", "教育局公开通知")
    transition(editor, doc, "submit", comment="请审核")
    transition(reviewer, doc, "approve", comment=SECRET)
    return doc


@pytest.mark.parametrize("login", ["wjj_editor", "wjj_reviewer", "portal_editor"])
def test_foreign_department_user_sees_no_history(browser, published, login):
    client = browser(login)
    assert "教育局公开通知" in client.get(published, status=200).text  # public
    res = client.get(published + "@@ws-item", status="*")
    assert res.status_int == 403
    assert SECRET not in res.text and "审核记录" not in res.text
    # a transition attempt re-shows the page without the history either
    res = client.post(
        published + "@@ws-transition",
        {"transition": "retract", "comment": "x", "csrf_token": client.csrf()},
        status="*",
    )
    assert 400 <= res.status_int < 500
    assert SECRET not in res.text


def test_own_department_sees_history(browser, published):
    res = browser("jyj_editor").get(published + "@@ws-item", status=200)
    assert SECRET in res.text and "审核记录" in res.text
