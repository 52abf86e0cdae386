"""撤回送审 and returned items, through HTTP.

The author withdraws a submission (review → draft) from the item page or
from 我的稿件; a colleague, a reviewer, another department's editor, a
forged or replayed POST, and 16 clients racing each other change nothing
more than one withdrawal does.  An item sent back with a reason is marked
in 我的稿件 and shows the reason at the top of its page.
"""

import threading

import transaction
import webtest
from pyramid.traversal import find_resource

from govportal.workflow import get_state
from govportal.workflow.history import get_history
from tests.conftest import csrf_token, read_root
from tests.http.helpers import add_user

from .helpers import create, transition


def _item(wsgi_app, path):
    transaction.begin()

    def read(root):
        item = find_resource(root, path)
        return get_state(item, wsgi_app.registry), [
            (r.transition, r.actor_name, r.comment) for r in get_history(item)
        ]

    return read_root(wsgi_app, read)


def _buttons(page):
    return [b.get("value") for b in page.html.select("section.ws-transitions button")]


def _submitted(editor, title="需要撤回的通知"):
    path = create(editor, title=title)
    transition(editor, path, "submit", "请审核")
    return path


def test_author_withdraws_from_the_item_page(wsgi_app, editor):
    path = _submitted(editor)
    page = editor.get(path + "@@ws-item")
    assert "withdraw" in _buttons(page)
    assert "撤回送审" in page.text
    transition(editor, path, "withdraw", "发现错别字，改后再送")
    state, history = _item(wsgi_app, path)
    assert state == "draft"
    assert history[-1] == ("withdraw", "jyj_editor", "发现错别字，改后再送")
    # back in the author's hands: editable, can be submitted again
    page = editor.get(path + "@@ws-item")
    assert "submit" in _buttons(page) and "withdraw" not in _buttons(page)
    assert "撤回送审" in page.html.find(id="h-hist").find_next("table").text
    # a withdrawal is no return by a reviewer: no reason box
    assert page.html.find(id="ws-returned") is None


def test_withdraw_button_in_my_items(wsgi_app, editor):
    path = _submitted(editor, title="从我的稿件撤回")
    page = editor.get("/@@workspace")
    values = [b.get("value") for b in page.html.select("#h-mine ~ form button")]
    assert "withdraw" in values
    res = editor.post(
        "/@@ws-bulk",
        {
            "csrf_token": csrf_token(page.text),
            "paths": path.rstrip("/") + "/",
            "transition": "withdraw",
            "comment": "",
        },
    )
    assert res.status_int == 200
    assert _item(wsgi_app, path)[0] == "draft"


def test_replayed_withdraw_changes_nothing_more(wsgi_app, editor):
    path = _submitted(editor, title="重放撤回")
    page = editor.get(path + "@@ws-item")
    post = {
        "transition": "withdraw",
        "comment": "",
        "expected_state": "review",
        "csrf_token": csrf_token(page.text),
    }
    editor.post(path + "@@ws-transition", post, status=303)
    res = editor.post(path + "@@ws-transition", post, status=409)
    assert "可能已被他人处理" in res.text
    state, history = _item(wsgi_app, path)
    assert state == "draft"
    assert [h[0] for h in history] == ["submit", "withdraw"]


def test_forged_withdraw_is_refused(wsgi_app, editor):
    path = _submitted(editor, title="伪造撤回")
    for token in (None, "forged-token"):
        data = {"transition": "withdraw", "comment": ""}
        if token:
            data["csrf_token"] = token
        res = editor.post(path + "@@ws-transition", data, status="*")
        assert 400 <= res.status_int < 500
    assert _item(wsgi_app, path) == ("review", [("submit", "jyj_editor", "请审核")])


def test_others_may_not_withdraw(wsgi_app, browser, editor, reviewer):
    path = _submitted(editor, title="他人不能撤回")
    # the department's reviewer: rejects with a reason instead
    page = reviewer.get(path + "@@ws-item")
    assert "withdraw" not in _buttons(page)
    res = transition(reviewer, path, "withdraw", status=403)
    assert "您没有权限执行“撤回送审”" in res.text
    # a colleague in the same department who had no hand in the item
    add_user(wsgi_app, "jyj_editor2", "教育局编辑")
    colleague = browser("jyj_editor2")
    page = colleague.get(path + "@@ws-item")
    assert "withdraw" not in _buttons(page)
    res = colleague.post(
        path + "@@ws-transition",
        {"transition": "withdraw", "comment": "", "csrf_token": csrf_token(page.text)},
        status=400,
    )
    assert "只有稿件的撰写人、最后修改人或送审人可以撤回送审" in res.text
    # another department's editor does not even see the item
    outsider = browser("wjj_editor")
    token = outsider.csrf("/@@workspace")
    outsider.post(
        path + "@@ws-transition",
        {"transition": "withdraw", "comment": "", "csrf_token": token},
        status=403,
    )
    assert _item(wsgi_app, path) == ("review", [("submit", "jyj_editor", "请审核")])


def test_sixteen_concurrent_withdrawals_make_one(wsgi_app, editor):
    path = _submitted(editor, title="并发撤回")
    page = editor.get(path + "@@ws-item")
    post = {
        "transition": "withdraw",
        "comment": "",
        "expected_state": "review",
        "csrf_token": csrf_token(page.text),
    }
    cookies = dict(editor.app.cookies)
    barrier = threading.Barrier(16, timeout=60)
    statuses, errors = [], []
    lock = threading.Lock()

    def run():
        client = webtest.TestApp(wsgi_app)
        for name, value in cookies.items():
            client.set_cookie(name, value)
        try:
            barrier.wait()
            res = client.post(path + "@@ws-transition", post, status="*")
            with lock:
                statuses.append(res.status_int)
        except Exception as e:  # noqa: BLE001 - reported below
            with lock:
                errors.append(repr(e))

    threads = [threading.Thread(target=run) for _ in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert errors == []
    assert sorted(statuses) == [303] + [409] * 15, statuses
    state, history = _item(wsgi_app, path)
    assert state == "draft"
    assert [h[0] for h in history] == ["submit", "withdraw"]


def test_rejected_item_is_marked_with_its_reason(wsgi_app, editor, reviewer):
    path = _submitted(editor, title="被退回的通知")
    transition(reviewer, path, "reject", "第三段的日期有误，请核实")
    page = editor.get("/@@workspace")
    row = [a for a in page.html.select("#h-mine ~ form a") if a.text == "被退回的通知"][0]
    cell = row.find_parent("td")
    assert "已退回修改" in cell.text
    assert "第三段的日期有误，请核实" in cell.text
    item = editor.get(path + "@@ws-item")
    box = item.html.find(id="ws-returned")
    assert box is not None
    assert "退回修改" in box.text and "jyj_reviewer" in box.text
    assert "第三段的日期有误，请核实" in box.text
    # at the top: before the transitions and the body
    text = item.text
    assert text.index('id="ws-returned"') < text.index('id="h-tr"') < text.index('id="h-body"')
    # once submitted again, the mark goes
    transition(editor, path, "submit", "已核实")
    page = editor.get("/@@workspace")
    assert "第三段的日期有误" not in page.text
    assert editor.get(path + "@@ws-item").html.find(id="ws-returned") is None
