"""Removing a topic column (or a whole topic) drops its picks: no item keeps
a placement in a column that no longer exists; the items' own pages,
listings and the API go on as before."""

from pyramid.traversal import find_resource

from govportal.bootstrap import site_session
from govportal.topics.picks import picked_into
from tests.conftest import read_root


def _picks(app, path):
    return read_root(app, lambda root: tuple(picked_into(find_resource(root, path))))


def _remove(app, path, name):
    with site_session(app.registry) as (zodb_root, _request):
        del find_resource(zodb_root["app_root"], path)[name]


def test_removing_a_column_or_topic_drops_its_picks(topics_site, wsgi_app, testapp):
    assert _picks(wsgi_app, "/jyj/tzgg/notice-0/") != ()
    _remove(wsgi_app, "/yhyshj/", "zccs")
    assert _picks(wsgi_app, "/jyj/tzgg/notice-0/") == ()
    assert "/jyj/tzgg/notice-0/" in testapp.get("/jyj/tzgg/").text
    assert "/jyj/tzgg/notice-0/" in testapp.get("/api/v1/documents", {"size": 100}).text
    testapp.get("/yhyshj/", status=200)
    archived_pick = read_root(
        wsgi_app,
        lambda root: [doc.__name__ for doc in root["wjj"]["gzdt"].values() if picked_into(doc)],
    )
    assert archived_pick
    _remove(wsgi_app, "/", "fxjz2025")
    for name in archived_pick:
        assert _picks(wsgi_app, f"/wjj/gzdt/{name}/") == ()
    testapp.get("/@@zhuanti", status=200)
    testapp.get("/wjj/gzdt/", status=200)
