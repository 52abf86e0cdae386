"""Revisions, diffs and working copies through the workspace."""

import transaction
from pyramid.traversal import find_resource
from pyramid_mailer import get_mailer

from tests.conftest import PASSWORD, csrf_token, read_root

from .helpers import create, transition


def _title(wsgi_app, path):
    transaction.begin()
    return read_root(wsgi_app, lambda root: find_resource(root, path).title)


def _save(client, path, **fields):
    form = client.get(path + "@@ws-edit").forms["ws-document"]
    for name, value in fields.items():
        form[name] = value
    return form.submit("save", status=303)


def test_diff_of_two_revisions_and_restore(wsgi_app, editor):
    path = create(editor, title="第一稿标题")
    _save(editor, path, title="第二稿标题")
    page = editor.get(path + "@@ws-item")
    assert "第 2 版" in page.text
    diff = editor.get(path + "@@ws-diff", {"a": "1", "b": "2"})
    assert "第一稿标题" in diff.html.find(class_="ws-diff").text
    assert "第二稿标题" in diff.html.find(class_="ws-diff").text
    editor.post(path + "@@ws-restore", {"revision": "1", "csrf_token": csrf_token(page.text)})
    assert _title(wsgi_app, path) == "第一稿标题"
    editor.post(
        path + "@@ws-restore", {"revision": "99", "csrf_token": csrf_token(page.text)}
    ).follow()
    assert _title(wsgi_app, path) == "第一稿标题"


def test_published_item_changes_only_when_the_working_copy_is_approved(
    wsgi_app, testapp, editor, reviewer
):
    path = create(editor, title="线上标题", body="<p>线上正文</p>")
    transition(editor, path, "submit")
    transition(reviewer, path, "approve")
    editor.get(path + "@@ws-edit", status=403)  # published: no direct edit
    page = editor.get(path + "@@ws-item")
    form = [f for f in page.forms.values() if f.action.endswith("@@ws-checkout")][0]
    res = form.submit(status=302)
    wc = res.location.replace("http://localhost", "").replace("@@ws-edit", "")
    _save(editor, wc, title="修改后的标题")
    transition(editor, wc, "submit")
    assert "线上标题" in testapp.get(path).text
    outbox = get_mailer(wsgi_app.registry).outbox
    assert outbox[-1].subject == "【待审核】修改后的标题"

    diff = reviewer.get(wc + "@@ws-diff").html.find(class_="ws-diff")
    assert "修改后的标题" in diff.text and "线上标题" in diff.text
    transition(reviewer, wc, "approve")
    assert "修改后的标题" in testapp.get(path).text
    assert outbox[-1].recipients == ["jyj_editor@localhost"]
    assert "https://www.yingshan.gov.cn" + path + "@@ws-item" in outbox[-1].body


def test_signing_in_leads_editors_to_the_workspace(browser):
    client = browser()
    res = client.get("/@@login")
    res = client.post(
        "/@@login",
        {"login": "jyj_editor", "password": PASSWORD, "csrf_token": csrf_token(res.text)},
        status=302,
    )
    assert res.location == "http://localhost/@@workspace"
    assert "我的工作台" in res.follow().text
