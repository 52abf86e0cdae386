"""Bulk transitions through HTTP (``POST /@@bulk-transition``): each item
fully transitions — its own history record — or not at all, and every
refusal is reported with its Chinese reason."""

import pytest

from tests.http.helpers import JSON, edit_document, stored, transition
from tests.locks.helpers import add_document, add_user, post

COLUMN = "/jyj/gzdt/"


@pytest.fixture
def app_settings(app_settings):
    return dict(app_settings, **{"govportal.schedule.worker": "off"})


@pytest.fixture
def clients(wsgi_app, browser):
    add_user(wsgi_app, "jyj_reviewer2", "教育局审核")
    return {
        login: browser(login)
        for login in ("jyj_editor", "jyj_reviewer", "jyj_reviewer2", "wjj_editor")
    }


def bulk(client, paths, name, comment="", status=200, headers=JSON, **extra):
    fields = [("csrf_token", client.csrf()), ("transition", name), ("comment", comment)]
    fields += [("paths", p) for p in paths]
    fields += list(extra.items())
    return client.post("/@@bulk-transition", fields, headers=headers, status=status)


def test_mixed_list_some_done_some_reported(wsgi_app, clients):
    editor, reviewer, reviewer2 = (
        clients["jyj_editor"],
        clients["jyj_reviewer"],
        clients["jyj_reviewer2"],
    )
    ok1 = add_document(editor, "批量审核一")
    ok2 = add_document(editor, "批量审核二")
    draft = add_document(editor, "仍是草稿")  # wrong state for approve
    other = add_document(clients["wjj_editor"], "卫健局稿件", column="/wjj/gzdt/")
    edited = add_document(editor, "审核员二修改过")  # four eyes
    locked = add_document(editor, "被锁定的稿件")  # locked by another reviewer
    for doc in (ok1, ok2, edited, locked):
        transition(editor, doc, "submit")
    transition(clients["wjj_editor"], other, "submit")
    edit_document(reviewer2, edited, title="审核员二修改过（改）")
    post(reviewer, locked, "lock")
    paths = [ok1, draft, other, edited, locked, ok2, "/jyj/gzdt/no-such-item/"]
    before = {p: stored(wsgi_app, p) for p in paths}

    res = bulk(reviewer2, paths, "approve", comment="同意发布")
    assert res.json["ok"] is False
    assert (res.json["done"], res.json["failed"]) == (2, 5)
    results = {r["path"].rstrip("/") + "/": r for r in res.json["results"]}
    assert [r["ok"] for r in res.json["results"]] == [True, False, False, False, False, True, False]

    # done: each published with its own record
    for doc in (ok1, ok2):
        assert results[doc]["state"] == "published" and results[doc]["state_title"] == "已发布"
        after = stored(wsgi_app, doc)
        assert after["state"] == "published" and after["history"] == before[doc]["history"] + 1
        last = reviewer.get(doc + "@@history", headers=JSON).json["history"][-1]
        assert (last["transition"], last["actor_name"], last["comment"]) == (
            "approve",
            "jyj_reviewer2",
            "同意发布",
        )
    # refused: unchanged, with the reason
    assert results[draft]["errors"] == ["当前状态为“草稿”，不能执行“审核通过并发布”。"]
    assert results[other]["errors"] == ["找不到该稿件。"] and results[other]["title"] == ""
    assert any("最后修改人" in e for e in results[edited]["errors"])
    assert any("该稿件正由 jyj_reviewer 编辑" in e for e in results[locked]["errors"])
    assert results["/jyj/gzdt/no-such-item/"]["errors"] == ["找不到该稿件。"]
    for doc in (draft, other, edited, locked):
        assert stored(wsgi_app, doc) == before[doc], doc


def test_bulk_submit_as_editor(wsgi_app, clients):
    editor = clients["jyj_editor"]
    docs = [add_document(editor, f"批量送审{i}") for i in range(3)]
    res = bulk(editor, docs + docs[:1], "submit")  # a duplicate path counts once
    assert (res.json["ok"], res.json["done"], res.json["failed"]) == (True, 3, 0)
    for doc in docs:
        after = stored(wsgi_app, doc)
        assert after["state"] == "review" and after["history"] == 1


def test_other_department_editor_cannot_touch_items(wsgi_app, clients):
    doc = add_document(clients["jyj_editor"], "教育局草稿")
    res = bulk(clients["wjj_editor"], [doc], "submit")
    assert res.json["done"] == 0 and res.json["results"][0]["errors"] == ["找不到该稿件。"]
    assert stored(wsgi_app, doc)["state"] == "draft"


def test_comment_required_is_checked_per_item(wsgi_app, clients):
    editor, reviewer = clients["jyj_editor"], clients["jyj_reviewer"]
    doc = add_document(editor, "待退回稿件")
    transition(editor, doc, "submit")
    res = bulk(reviewer, [doc], "reject")
    assert res.json["results"][0]["errors"] == ["执行“退回修改”必须填写意见。"]
    assert stored(wsgi_app, doc)["state"] == "review"
    assert bulk(reviewer, [doc], "reject", comment="请补充").json["done"] == 1


def test_bad_requests_are_refused_and_nothing_done(wsgi_app, clients):
    editor = clients["jyj_editor"]
    doc = add_document(editor, "不应被送审")
    too_many = [doc] + [f"/jyj/gzdt/x{i}/" for i in range(200)]
    res = bulk(editor, too_many, "submit", status=400)
    assert res.json["errors"] == ["一次最多处理 200 篇稿件，本次选择了 201 篇，请分批操作。"]
    res = bulk(editor, [], "submit", status=400)
    assert res.json["errors"] == ["请至少选择一篇稿件。"]
    res = bulk(editor, [doc], "", status=400)
    assert res.json["errors"] == ["请选择要执行的流程操作。"]
    res = editor.post(
        "/@@bulk-transition", {"paths": doc, "transition": "submit"}, headers=JSON, status=400
    )
    assert "刷新页面" in res.json["errors"][0]  # no CSRF token
    assert stored(wsgi_app, doc)["state"] == "draft"


def test_html_client_gets_a_summary_and_a_redirect(wsgi_app, clients):
    editor = clients["jyj_editor"]
    doc = add_document(editor, "页面批量送审")
    res = bulk(editor, [doc, "/nowhere/"], "submit", headers={}, status=303, came_from=COLUMN)
    assert res.location.endswith(COLUMN)
    assert stored(wsgi_app, doc)["state"] == "review"
    page = editor.get("/@@workspace", status=200).text  # shows the flash messages
    assert "批量“送审”：完成 1 篇，未执行 1 篇。" in page
    assert "/nowhere/：找不到该稿件。" in page


def test_anonymous_cannot_run_bulk_transitions(testapp, wsgi_app, clients):
    doc = add_document(clients["jyj_editor"], "匿名不可操作")
    res = testapp.post("/@@bulk-transition", {"paths": doc, "transition": "submit"}, status="*")
    assert res.status_int in (400, 403, 404)
    assert stored(wsgi_app, doc)["state"] == "draft"


def test_item_refused_after_it_moved_is_rolled_back_whole(site):
    """A refusal raised after the state changed (by a subscriber of the
    transition event) undoes that item's step entirely — state, ACL,
    history, catalog — and leaves the other items' steps in place."""
    from substanced.util import find_catalog, get_acl

    from govportal.workflow.bulk import bulk_transition
    from govportal.workflow.errors import TransitionRefused
    from govportal.workflow.events import IContentTransitioned
    from govportal.workflow.history import get_history

    column = site.root["jyj"]["gzdt"]
    docs = [site.new_document(column, title=f"回滚{i}", last_editor="jyj_editor") for i in range(3)]
    victim = docs[1]
    acl = get_acl(victim)

    def refuse_victim(event):
        if event.content is victim:
            raise TransitionRefused(["后续检查未通过。"], status=400)

    site.registry.registerHandler(refuse_victim, (IContentTransitioned,))
    try:
        results = bulk_transition(site.request("jyj_editor"), docs, "submit")
    finally:
        assert site.registry.unregisterHandler(refuse_victim, (IContentTransitioned,))
    assert [r.ok for r in results] == [True, False, True]
    assert results[1].errors == ["后续检查未通过。"] and results[1].state == "draft"
    assert site.state(victim) == "draft" and get_acl(victim) == acl
    assert get_history(victim) == ()
    catalog = find_catalog(victim, "govportal")
    assert victim.__oid__ in set(catalog["state"].eq("draft").execute().ids)
    for doc in (docs[0], docs[2]):
        assert site.state(doc) == "review" and len(get_history(doc)) == 1
        assert doc.__oid__ in set(catalog["state"].eq("review").execute().ids)
