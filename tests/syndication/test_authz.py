"""Who may do what: a department's editor offers its own published items
only; the target site's reviewers decide; anonymous users, other roles,
foreign departments, forged POSTs and unknown ids are refused, nothing
written."""

import pytest

from tests.public.helpers import transition_as

from .helpers import decide, offer, offers, only_key, publish

TITLE = "教育局权限测试稿件"


@pytest.fixture
def item(wsgi_app):
    return publish(wsgi_app, TITLE)


@pytest.fixture
def offered(wsgi_app, browser, item):
    offer(browser("jyj_editor"), item)
    return only_key(wsgi_app)


def test_only_the_own_departments_editor_offers(wsgi_app, testapp, browser, item):
    for login in ("wjj_editor", "jyj_reviewer", "portal_editor", "portal_reviewer", "auditor"):
        client = browser(login)
        client.get(item + "@@syndicate", status=403)
        token = client.csrf("/@@workspace")
        offer(client, item, token=token, status=403)
    assert testapp.get(item + "@@syndicate", status="*").status_int in (403, 404)
    assert offers(wsgi_app) == []


def test_unpublished_and_retracted_items_cannot_be_offered(wsgi_app, browser, item):
    editor = browser("jyj_editor")
    token = editor.csrf(item + "@@syndicate")
    transition_as(wsgi_app, item, "jyj_reviewer", "retract", comment="需要更正")
    editor.get(item + "@@syndicate", status=403)
    offer(editor, item, token=token, status=403)
    assert offers(wsgi_app) == []


@pytest.mark.parametrize(
    "target, message",
    [
        ("/jyj/tzgg/", "不能报送到本网站自己的栏目"),
        ("/zcwj/", "请选择接受报送的栏目"),  # a policy column takes no offers
        ("/no-such-column/", "请选择接受报送的栏目"),
        ("", "请选择接受报送的栏目"),
    ],
)
def test_bad_targets_are_refused_with_a_message(wsgi_app, browser, item, target, message):
    res = offer(browser("jyj_editor"), item, target=target, status=400)
    assert message in res.text
    assert offers(wsgi_app) == []


def test_forged_posts_without_csrf_are_refused(wsgi_app, browser, item, offered):
    editor, reviewer = browser("jyj_editor"), browser("portal_reviewer")
    editor.post(item + "@@syndicate", {"target": "/yw/"}, status=400)
    reviewer.post("/@@syndication-decide", {"offer": offered, "step": "accept"}, status=400)
    reviewer.post(
        "/@@syndication-decide",
        {"offer": offered, "step": "accept", "csrf_token": "forged"},
        status=400,
    )
    assert offers(wsgi_app) == [(offered, "offered", ["offer"])]


def test_only_the_target_sites_reviewers_decide(wsgi_app, testapp, browser, offered):
    for login in ("jyj_editor", "jyj_reviewer", "wjj_reviewer", "portal_editor", "auditor"):
        client = browser(login)
        assert offered not in client.get("/@@syndication-review").text
        token = client.csrf("/@@workspace")
        decide(client, offered, "accept", token=token, status=403)
    anonymous = testapp.post(
        "/@@syndication-decide", {"offer": offered, "step": "accept"}, status="*"
    )
    assert anonymous.status_int in (400, 403)
    assert offers(wsgi_app) == [(offered, "offered", ["offer"])]


def test_unknown_offers_and_steps(wsgi_app, browser, offered):
    reviewer = browser("portal_reviewer")
    token = reviewer.csrf("/@@syndication-review")
    for key in ("1_2", "abc", "", "1_2_3", offered + "9"):
        decide(reviewer, key, "accept", token=token, status=404)
    for step in ("reoffer", "nothing", ""):
        res = decide(reviewer, offered, step, token=token, status=400)
        assert "请选择采用、退回或撤下" in res.text
    decide(reviewer, offered, "retire", token=token, status=409)  # not accepted yet
    assert offers(wsgi_app) == [(offered, "offered", ["offer"])]


def test_statistics_for_the_county_office_only(testapp, browser, offered):
    for login in ("portal_reviewer", "auditor", "admin"):
        if login == "admin":
            continue  # signs in with a second factor: see the browser tests
        assert "各部门信息报送情况" in browser(login).get("/@@syndication-stats").text
    for login in ("jyj_reviewer", "jyj_editor", "portal_editor"):
        browser(login).get("/@@syndication-stats", status=403)
    res = testapp.get("/@@syndication-stats", status=302)
    assert "@@login" in res.location


def test_lists_show_each_department_its_own_offers(browser, offered):
    assert TITLE in browser("jyj_editor").get("/@@syndication").text
    assert TITLE in browser("jyj_reviewer").get("/@@syndication").text
    assert TITLE not in browser("wjj_editor").get("/@@syndication").text
    assert TITLE in browser("portal_reviewer").get("/@@syndication-review").text
