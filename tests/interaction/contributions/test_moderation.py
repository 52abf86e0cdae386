"""The moderation page ``<item>/@@moderate``: who may moderate (the item's
own site only), bulk show/hide through the workflow (reasons required for
hiding, all or nothing), replays change nothing."""

import re

from govportal.interaction.contributions.model import find_box
from govportal.workflow import get_workflow
from govportal.workflow.history import get_history

from ...conftest import read_root
from ..consultations.helpers import OPEN, post_comment

TOKEN = re.compile(r'name="submission_token" value="([^"]*)"')


def _item(root, path=OPEN):
    node = root
    for part in path.strip("/").split("/"):
        node = node[part]
    return node


def _states(wsgi_app, numbers):
    def read(root):
        box = find_box(_item(root))
        return {
            n: get_workflow(box.get(n), wsgi_app.registry).state_of(box.get(n)) for n in numbers
        }

    return read_root(wsgi_app, read)


def _new_comments(browser, count=2):
    citizen = browser()
    numbers = []
    for i in range(count):
        done = post_comment(citizen.app, text=f"第{i}条意见：建议增加停车位。")
        numbers.append(re.search(r"编号 (\d{6})", done.text).group(1))
    return numbers


def _form(client):
    page = client.get(OPEN + "/@@moderate")
    return {
        "csrf_token": client.csrf(OPEN + "/@@moderate"),
        "submission_token": TOKEN.search(page.text).group(1),
    }


def test_anonymous_goes_to_login(testapp):
    res = testapp.get(OPEN + "/@@moderate", status=302)
    assert "/@@login" in res.location


def test_other_departments_cannot_moderate(browser, wsgi_app):
    numbers = _new_comments(browser, 1)
    outsider = browser("jyj_editor")
    outsider.get(OPEN + "/@@moderate", status=403)
    fields = {"csrf_token": outsider.csrf("/@@workspace"), "number": numbers, "action": "show"}
    outsider.post(OPEN + "/@@moderate", fields, status=403)
    assert _states(wsgi_app, numbers) == {numbers[0]: "pending"}


def test_bulk_show_then_withdraw_with_reason(browser, wsgi_app):
    numbers = _new_comments(browser, 2)
    editor = browser("portal_editor")
    page = editor.get(OPEN + "/@@moderate")
    assert all(f'id="c-{n}"' in page.text for n in numbers)
    assert "13800138000" in page.text  # the writer's phone, for the moderator
    fields = dict(_form(editor), number=numbers, action="show")
    editor.post(OPEN + "/@@moderate", fields, status=303)
    # the same post again: answered from the ledger, nothing runs twice
    editor.post(OPEN + "/@@moderate", fields, status=303)
    assert _states(wsgi_app, numbers) == {n: "shown" for n in numbers}
    # withdrawing needs a reason: refused, nothing changes
    fields = dict(_form(editor), number=numbers, action="withdraw_shown")
    res = editor.post(OPEN + "/@@moderate", fields, status=400)
    assert "必须填写意见" in res.text
    assert _states(wsgi_app, numbers) == {n: "shown" for n in numbers}
    fields = dict(_form(editor), number=numbers, action="withdraw_shown", reason="含不实信息")
    editor.post(OPEN + "/@@moderate", fields, status=303)
    assert _states(wsgi_app, numbers) == {n: "hidden" for n in numbers}

    def check(root):
        c = find_box(_item(root)).get(numbers[0])
        assert [r.transition for r in get_history(c)] == ["show", "withdraw_shown"]
        assert c.moderation["reason"] == "含不实信息"
        assert "13800138000" not in c.public_text

    read_root(wsgi_app, check)


def test_all_or_nothing(browser, wsgi_app):
    numbers = _new_comments(browser, 2)
    editor = browser("portal_editor")
    editor.post(
        OPEN + "/@@moderate", dict(_form(editor), number=numbers[:1], action="show"), status=303
    )
    # one is shown already: "show" on both is refused for it, and the other stays pending
    res = editor.post(
        OPEN + "/@@moderate", dict(_form(editor), number=numbers, action="show"), status=409
    )
    assert 'id="moderate-errors"' in res.text
    assert _states(wsgi_app, numbers) == {numbers[0]: "shown", numbers[1]: "pending"}


def test_reviewer_moderates(browser, wsgi_app):
    numbers = _new_comments(browser, 1)
    reviewer = browser("portal_reviewer")
    reviewer.post(
        OPEN + "/@@moderate",
        dict(_form(reviewer), number=numbers, action="hide", reason="广告"),
        status=303,
    )
    assert _states(wsgi_app, numbers) == {numbers[0]: "hidden"}


def test_jyj_editor_cannot_moderate_a_rsj_consultation(browser, wsgi_app):
    import transaction

    from govportal.interaction.contributions.model import Contribution

    db = wsgi_app.registry._zodb_databases[""]
    conn = db.open(transaction_manager=transaction.TransactionManager())
    try:
        root = conn.root()["app_root"]
        rsj = root["rsj"]
        rsj["yjzj-rsj"] = wsgi_app.registry.content.create("Consultation")
        item = rsj["yjzj-rsj"]
        item.title = "人社局意见征集"
        box = find_box(item, create=True)
        c = box.add(Contribution("comment", "意见", {"phone": "13800138000"}), "000001")
        get_workflow(c, wsgi_app.registry).initialize(c, None)
        conn.transaction_manager.commit()
    finally:
        conn.close()
    path = "/rsj/yjzj-rsj/@@moderate"
    outsider = browser("jyj_editor")
    outsider.get(path, status=403)
    fields = {"csrf_token": outsider.csrf("/@@workspace"), "number": "000001", "action": "show"}
    outsider.post(path, fields, status=403)
    # the department's own editor moderates it
    assert 'id="c-000001"' in browser("rsj_editor").get(path).text

    def state(root):
        c = find_box(root["rsj"]["yjzj-rsj"]).get("000001")
        return get_workflow(c, wsgi_app.registry).state_of(c)

    assert read_root(wsgi_app, state) == "pending"
