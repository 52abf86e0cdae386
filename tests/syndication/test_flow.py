"""Offer → accept / return → the portal column shows the department's own
record by reference; replays make no second record."""

from tests.conftest import csrf_token

from .helpers import (
    HEADLINES,
    column_titles,
    decide,
    offer,
    offers,
    only_key,
    publish,
)

TITLE = "教育局开展校园安全大检查"


def test_offer_accept_shows_the_item_in_the_portal_column(wsgi_app, testapp, browser):
    path = publish(wsgi_app, TITLE)
    assert TITLE not in column_titles(testapp)  # the render cache holds this page
    editor = browser("jyj_editor")
    form = editor.get(path + "@@syndicate")
    assert "门户网站 · 部门动态" in form.text and "门户网站 · 政务要闻" in form.text
    assert "/jyj/tzgg" not in form.text  # never the department's own columns
    res = offer(editor, path, note="请门户采用").follow()
    assert "已报送到“部门动态”" in res.text
    ((key, state, steps),) = offers(wsgi_app)
    assert (state, steps) == ("offered", ["offer"])
    assert TITLE not in column_titles(testapp)  # pending: not shown

    reviewer = browser("portal_reviewer")
    queue = reviewer.get("/@@syndication-review")
    assert TITLE in queue.text and "请门户采用" in queue.text
    res = decide(reviewer, key, "accept").follow()
    assert "采用" in res.text
    page = column_titles(testapp)
    assert TITLE in page
    assert path in page  # the department's canonical URL: one record, no copy
    # the editor's list shows the decision
    mine = editor.get("/@@syndication")
    assert "已采用" in mine.text and "portal_reviewer" in mine.text


def test_return_needs_a_reason_and_the_editor_sees_it(wsgi_app, testapp, browser):
    path = publish(wsgi_app, TITLE)
    editor, reviewer = browser("jyj_editor"), browser("portal_reviewer")
    offer(editor, path, target=HEADLINES)
    key = only_key(wsgi_app)
    res = decide(reviewer, key, "return", reason="   ", status=400)
    assert "请填写退回的理由" in res.text
    assert offers(wsgi_app)[0][1] == "offered"  # nothing half-written
    decide(reviewer, key, "return", reason="内容与要闻定位不符，建议报送部门动态")
    assert offers(wsgi_app)[0][1] == "returned"
    mine = editor.get("/@@syndication").text
    assert "已退回" in mine and "内容与要闻定位不符" in mine
    assert TITLE not in column_titles(testapp, HEADLINES)
    # a returned offer may be offered again: the same record
    offer(editor, path, target=HEADLINES)
    assert offers(wsgi_app) == [(key, "offered", ["offer", "return", "reoffer"])]


def test_replayed_offer_and_decision_make_no_second_record(wsgi_app, browser):
    path = publish(wsgi_app, TITLE)
    editor, reviewer = browser("jyj_editor"), browser("portal_reviewer")
    token = csrf_token(editor.get(path + "@@syndicate").text)
    offer(editor, path, token=token)
    res = offer(editor, path, token=token).follow()
    assert "无需重复报送" in res.text
    key = only_key(wsgi_app)
    assert offers(wsgi_app) == [(key, "offered", ["offer"])]
    token = csrf_token(reviewer.get("/@@syndication-review").text)
    decide(reviewer, key, "accept", token=token)
    res = decide(reviewer, key, "accept", token=token, status=409)
    assert "已是“已采用”状态" in res.text and "portal_reviewer" in res.text
    # an accepted item offered again stays one record
    offer(editor, path)
    assert offers(wsgi_app) == [(key, "accepted", ["offer", "accept"])]


def test_mail_goes_to_the_portal_reviewers_and_back_to_the_editor(wsgi_app, browser):
    from pyramid_mailer import get_mailer

    outbox = get_mailer(wsgi_app.registry).outbox
    path = publish(wsgi_app, TITLE)
    editor, reviewer = browser("jyj_editor"), browser("portal_reviewer")
    del outbox[:]
    editor.extra_environ = {**editor.extra_environ, "HTTP_HOST": "evil.example"}
    offer(editor, path)
    [message] = [m for m in outbox if "【信息报送】" in m.subject]
    assert "portal_reviewer@localhost" in message.recipients
    assert "jyj_editor@localhost" not in message.recipients
    assert "https://www.yingshan.gov.cn/@@syndication-review" in message.body
    assert "evil.example" not in message.body
    del outbox[:]
    decide(reviewer, only_key(wsgi_app), "return", reason="请补充图片")
    [message] = outbox
    assert message.recipients == ["jyj_editor@localhost"]
    assert "已退回" in message.subject and "请补充图片" in message.body


def test_workspace_links(wsgi_app, browser):
    path = publish(wsgi_app, TITLE)
    editor = browser("jyj_editor")
    assert "@@syndicate" in editor.get(path + "@@ws-item").text
    assert "/@@syndication-review" not in editor.get("/@@workspace").text
    assert "/@@syndication" in editor.get("/@@workspace").text
    assert "@@syndicate" not in browser("jyj_reviewer").get(path + "@@ws-item").text
    page = browser("portal_reviewer").get("/@@workspace").text
    assert "/@@syndication-review" in page and "/@@syndication-stats" in page


def test_steps_reach_the_audit_trail_once(wsgi_app, browser):
    from tests.audit.conftest import all_entries

    path = publish(wsgi_app, TITLE)
    editor, reviewer = browser("jyj_editor"), browser("portal_reviewer")
    offer(editor, path)
    offer(editor, path)  # a replay: no second entry
    key = only_key(wsgi_app)
    token = csrf_token(reviewer.get("/@@syndication-review").text)
    decide(reviewer, key, "accept", token=token)
    decide(reviewer, key, "accept", token=token, status=409)  # refused: nothing written
    entries = [e for e in all_entries(wsgi_app) if e["action"] == "syndication"]
    assert [(e["details"]["step"], e["details"]["state"]) for e in entries] == [
        ("offer", "offered"),
        ("accept", "accepted"),
    ]
    assert entries[0]["target"] == path.rstrip("/") and entries[1]["details"]["column"] == "/bmdt"
