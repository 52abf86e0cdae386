"""An offer stands only while its item is one the public site shows at its
own URL and still the offering department's: an item since retracted,
archived, deleted or moved to another department is not accepted (409, a
message, nothing written), the queue does not name it to those who may no
longer view it, and an accepted item leaves the portal column (and the home
page) when its column is closed or it is moved away — and comes back when
that is undone."""

from pyramid.traversal import find_resource

from govportal.bootstrap import site_session
from tests.public.helpers import transition_as

from .helpers import column_titles, decide, offer, offers, only_key, publish

TITLE = "教育局开展防溺水专项行动"


def move(wsgi_app, path, destination):
    """Move the item at ``path`` into ``destination`` (as the SDI's move does)."""
    with site_session(wsgi_app.registry) as (zodb_root, _request):
        root = zodb_root["app_root"]
        item = find_resource(root, path)
        item.__parent__.move(item.__name__, find_resource(root, destination))


def delete(wsgi_app, path):
    with site_session(wsgi_app.registry) as (zodb_root, _request):
        item = find_resource(zodb_root["app_root"], path)
        item.__parent__.remove(item.__name__)


def offered(wsgi_app, browser):
    path = publish(wsgi_app, TITLE)
    offer(browser("jyj_editor"), path)
    return path, only_key(wsgi_app)


def accepted(wsgi_app, browser, testapp):
    path, key = offered(wsgi_app, browser)
    decide(browser("portal_reviewer"), key, "accept")
    assert TITLE in column_titles(testapp)
    return path, key


def test_a_retracted_item_is_not_accepted_and_not_named(wsgi_app, browser):
    path, key = offered(wsgi_app, browser)
    transition_as(wsgi_app, path, "jyj_reviewer", "retract", comment="数据有误")
    reviewer = browser("portal_reviewer")
    queue = reviewer.get("/@@syndication-review").text
    assert TITLE not in queue and "稿件已撤回或不再公开" in queue
    assert 'value="accept"' not in queue
    res = decide(reviewer, key, "accept", status=409)
    assert "已撤回、归档或不再公开" in res.text and TITLE not in res.text
    assert offers(wsgi_app) == [(key, "offered", ["offer"])]
    res = decide(reviewer, key, "return", reason="原稿已撤回").follow()
    assert TITLE not in res.text
    assert offers(wsgi_app) == [(key, "returned", ["offer", "return"])]


def test_an_archived_item_is_not_accepted(wsgi_app, browser):
    path, key = offered(wsgi_app, browser)
    transition_as(wsgi_app, path, "jyj_reviewer", "archive", comment="过期")
    res = decide(browser("portal_reviewer"), key, "accept", status=409)
    assert "已撤回、归档或不再公开" in res.text
    assert offers(wsgi_app) == [(key, "offered", ["offer"])]


def test_a_deleted_item_is_refused_not_a_server_error(wsgi_app, browser):
    path, key = offered(wsgi_app, browser)
    transition_as(wsgi_app, path, "jyj_reviewer", "retract", comment="删除前撤回")
    delete(wsgi_app, path)
    reviewer = browser("portal_reviewer")
    for step in ("accept", "return"):
        res = decide(reviewer, key, step, reason="稿件已删除", status=409)
        assert "报送的稿件已被删除" in res.text
    assert offers(wsgi_app) == [(key, "offered", ["offer"])]


def test_an_item_moved_to_another_department_is_not_accepted(wsgi_app, browser):
    path, key = offered(wsgi_app, browser)
    move(wsgi_app, path, "/wjj/gzdt/")
    res = decide(browser("portal_reviewer"), key, "accept", status=409)
    assert "已移到其他网站" in res.text
    assert offers(wsgi_app) == [(key, "offered", ["offer"])]


def test_a_moved_item_leaves_the_portal_and_comes_back(wsgi_app, testapp, browser):
    path, _key = accepted(wsgi_app, browser, testapp)
    move(wsgi_app, path, "/wjj/gzdt/")
    assert TITLE not in column_titles(testapp)
    move(wsgi_app, "/wjj/gzdt/syn-1/", "/jyj/gzdt/")
    assert TITLE in column_titles(testapp)


def test_a_closed_column_hides_its_placed_items_too(wsgi_app, testapp, browser):
    path, _key = accepted(wsgi_app, browser, testapp)
    transition_as(wsgi_app, "/jyj/gzdt/", "admin", "close", comment="栏目停用")
    assert testapp.get(path, status=404)
    assert TITLE not in column_titles(testapp)
    assert TITLE not in testapp.get("/").text
    transition_as(wsgi_app, "/jyj/gzdt/", "admin", "reopen")
    assert TITLE in column_titles(testapp)
    assert TITLE in testapp.get("/").text
