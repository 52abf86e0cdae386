"""What a topic gathers stays within what the public may see: an item of a
closed column (or inside a topic the public may not see) is neither picked
nor shown by a pick or a saved query, nor in the query preview."""

import pytest
from pyramid.traversal import find_resource

from govportal.topics.picks import picked_into
from tests.conftest import read_root
from tests.public.helpers import transition_as

from .helpers import oid_of


@pytest.fixture
def editor(browser, topics_site):
    return browser("portal_editor")


def _close(app, path):
    transition_as(app, path, "admin", "close", comment="停更")


def test_items_of_a_closed_column_leave_the_topic(editor, wsgi_app, testapp):
    assert "/jyj/tzgg/notice-0/" in testapp.get("/yhyshj/zccs/").text
    assert "/czj/gzdt/czj-0/" in testapp.get("/yhyshj/bmdt/").text
    _close(wsgi_app, "/jyj/tzgg/")
    _close(wsgi_app, "/czj/gzdt/")
    for path in ("/yhyshj/", "/yhyshj/zccs/", "/yhyshj/zccs/rss.xml", "/yhyshj/bmdt/rss.xml"):
        text = testapp.get(path).text
        assert "/jyj/tzgg/notice-0/" not in text and "/czj/gzdt/czj-0/" not in text, path
    api = testapp.get("/api/v1/documents", {"column": "/yhyshj/zccs"}).text
    assert "/jyj/tzgg/notice-0/" not in api
    assert "/wjj/gzdt/wjj-0/" in api
    # the staff preview of a query matches only what the public would see
    token = editor.csrf("/yhyshj/bmdt/@@topic-column")
    res = editor.post(
        "/yhyshj/bmdt/@@topic-query",
        {"departments": ["czj", "rsj"], "kinds": "news", "preview": "1", "csrf_token": token},
    )
    assert "/rsj/gzdt/rsj-0/" in res.text
    assert "/czj/gzdt/czj-0/" not in res.text


def test_an_item_of_a_closed_column_cannot_be_picked(editor, wsgi_app):
    _close(wsgi_app, "/jyj/gzdt/")
    oid = oid_of(wsgi_app, "/jyj/gzdt/jyj-0/")
    token = editor.csrf("/yhyshj/zccs/@@topic-column")
    editor.post(
        "/yhyshj/zccs/@@topic-pick",
        {"item": str(oid), "action": "pick", "csrf_token": token},
        status=409,
    )
    assert read_root(wsgi_app, lambda r: picked_into(find_resource(r, "/jyj/gzdt/jyj-0/"))) == ()
    found = editor.get("/yhyshj/zccs/@@topic-column", {"department": "jyj"}).text
    assert "jyj工作动态0" not in found
