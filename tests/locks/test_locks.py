"""Editing locks through HTTP: acquired, shown, refused to others, expired,
broken by a reviewer (recorded), and holding back others' transitions."""

import re
from datetime import timedelta

import pytest

from govportal.locks import current
from tests.http.helpers import history, stored, transition

from .helpers import add_document, get_json, in_db, post

CHINESE = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def draft(editor):
    return add_document(editor, "锁定测试稿件")


def lock_of(client, path):
    return get_json(client, path, "lock").json


def test_lock_is_acquired_and_shown_to_others(editor, editor2, reviewer, draft):
    res = post(editor, draft, "lock")
    assert res.json["ok"] and res.json["mine"] and res.json["lock"]["holder"] == "jyj_editor"
    until = res.json["lock"]["local_expires"]
    assert re.fullmatch(r"\d\d:\d\d", until)
    assert until in res.json["message"]
    for other in (editor2, reviewer):
        shown = lock_of(other, draft)
        assert shown["locked"] and not shown["mine"]
        assert shown["lock"]["holder"] == "jyj_editor"
        assert shown["lock"]["local_expires"] == until
    # refreshing one's own lock is allowed
    assert post(editor, draft, "lock").json["mine"]


def test_lock_refused_to_someone_else(editor, editor2, draft):
    until = post(editor, draft, "lock").json["lock"]["local_expires"]
    res = post(editor2, draft, "lock", status=409)
    assert res.json["ok"] is False
    message = res.json["errors"][0]
    assert message == (
        f"该稿件正由 jyj_editor 编辑（锁定至 {until}），请稍后再试或请审核员解除锁定。"
    )
    assert lock_of(editor, draft)["lock"]["holder"] == "jyj_editor"
    # an HTML client gets the refusal page, not a 500
    res = editor2.post(draft + "@@lock", {"csrf_token": editor2.csrf()}, status=409)
    assert "锁定至" in res.text


def test_transition_on_item_locked_by_someone_else_is_refused(wsgi_app, editor, editor2, draft):
    until = post(editor, draft, "lock").json["lock"]["local_expires"]
    before = stored(wsgi_app, draft)
    res = transition(editor2, draft, "submit", status=400)
    assert res.json["errors"] == [
        f"该稿件正由 jyj_editor 编辑（锁定至 {until}），请稍后再试或请审核员解除锁定。"
    ]
    assert stored(wsgi_app, draft) == before  # nothing changed: state, history
    assert lock_of(editor, draft)["lock"]["holder"] == "jyj_editor"


def test_holders_own_transition_releases_the_lock(editor, reviewer, draft):
    post(editor, draft, "lock")
    assert transition(editor, draft, "submit").json["state"] == "review"
    assert lock_of(reviewer, draft)["locked"] is False
    # in review the reviewer may edit, so may lock it
    post(reviewer, draft, "lock")
    assert lock_of(editor, draft)["lock"]["holder"] == "jyj_reviewer"


def test_reviewer_lock_holds_back_second_reviewer(wsgi_app, editor, reviewer, reviewer2, draft):
    transition(editor, draft, "submit")
    post(reviewer, draft, "lock")
    before = stored(wsgi_app, draft)
    res = transition(reviewer2, draft, "approve", status=400)
    assert "该稿件正由 jyj_reviewer 编辑" in res.json["errors"][0]
    assert stored(wsgi_app, draft) == before
    post(reviewer, draft, "unlock")
    assert transition(reviewer2, draft, "approve").json["state"] == "published"


def test_expired_lock_does_not_count(wsgi_app, editor, editor2, draft):
    post(editor, draft, "lock")

    def age(root):  # let 31 minutes pass for the lock
        from pyramid.traversal import find_resource

        lock = current(find_resource(root, draft)).lock
        lock.last_refresh -= timedelta(minutes=31)

    in_db(wsgi_app, age)
    assert lock_of(editor2, draft)["locked"] is False
    assert transition(editor2, draft, "submit").json["state"] == "review"


def test_unlock_own_lock_only(editor, editor2, draft):
    post(editor, draft, "lock")
    res = post(editor2, draft, "unlock", status=409)
    assert "jyj_editor" in res.json["errors"][0]
    assert lock_of(editor, draft)["locked"]
    res = post(editor, draft, "unlock")
    assert res.json["message"] == "已解除锁定。" and res.json["locked"] is False
    assert post(editor, draft, "unlock").json["message"] == "该稿件当前未被锁定。"


def test_reviewer_breaks_lock_and_history_records_it(editor, editor2, reviewer, draft):
    until = post(editor, draft, "lock").json["lock"]["local_expires"]
    res = post(reviewer, draft, "break-lock", status=400)  # no reason
    assert res.json["errors"] == ["解除锁定必须填写原因。"]
    assert lock_of(reviewer, draft)["locked"]
    res = post(reviewer, draft, "break-lock", reason="编辑已下班，需修改错别字")
    assert res.json["ok"] and res.json["locked"] is False
    assert "jyj_editor" in res.json["message"]
    (record,) = history(editor, draft)["history"]
    assert record["transition"] == "break_lock"
    assert record["actor_name"] == "jyj_reviewer"
    assert record["from_state"] == record["to_state"] == "draft"
    assert "jyj_editor" in record["comment"] and until in record["comment"]
    assert "编辑已下班，需修改错别字" in record["comment"]
    # now someone else may lock it
    assert post(editor2, draft, "lock").json["mine"]


def test_editors_and_outsiders_cannot_break_locks(browser, editor, editor2, draft):
    post(editor, draft, "lock")
    res = post(editor2, draft, "break-lock", status=403, reason="想要修改")
    assert res.json["errors"] == ["只有本部门审核员或站点管理员可以解除锁定。"]
    outsider = browser("wjj_reviewer")  # 卫健局 reviewer: cannot even see the draft
    res = post(outsider, draft, "break-lock", status="*", reason="x")
    assert res.status_int in (403, 404)
    assert lock_of(editor, draft)["lock"]["holder"] == "jyj_editor"


def test_site_admin_may_break_a_lock(wsgi_app, editor, draft):
    post(editor, draft, "lock")

    def break_as_admin(root):
        from pyramid.traversal import find_resource

        from govportal.bootstrap import request_as
        from govportal.locks import break_lock

        admins = root["principals"]["groups"]["admins"]
        admin_oid = next(iter(admins.memberids))
        request = request_as(_current_request(), admin_oid)
        return break_lock(find_resource(root, draft), request, "管理员清理").holder_name

    assert in_db(wsgi_app, break_as_admin) == "jyj_editor"
    assert stored(wsgi_app, draft)["history"] == 1


def _current_request():
    from pyramid.threadlocal import get_current_request

    return get_current_request()


def test_lock_needs_edit_permission_and_csrf(editor, reviewer, draft):
    # a reviewer cannot edit a draft, so cannot lock it
    res = reviewer.post(
        draft + "@@lock",
        {"csrf_token": reviewer.csrf()},
        headers={"Accept": "application/json"},
        status="*",
    )
    assert res.status_int in (403, 404)
    res = editor.post(draft + "@@lock", {}, headers={"Accept": "application/json"}, status="*")
    assert res.status_int == 400 and CHINESE.search(res.json["errors"][0])
    assert lock_of(editor, draft)["locked"] is False


def test_html_clients_are_redirected_with_a_message(editor, draft):
    res = editor.post(
        draft + "@@lock", {"csrf_token": editor.csrf(), "came_from": "/jyj/gzdt/"}, status=303
    )
    assert res.location.endswith("/jyj/gzdt/")
    res = editor.post(draft + "@@unlock", {"csrf_token": editor.csrf()}, status=303)
    assert res.location.endswith(draft + "@@history")
