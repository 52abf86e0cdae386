"""Items placed by reference in other containers show in their listings,
filtered by their own state (govportal.catalog.placements)."""

from pyramid.traversal import find_resource
from substanced.util import get_oid

from govportal.bootstrap import site_session
from govportal.catalog.placements import placements_of, reindex_placements
from govportal.public.listing import published_page

from ..public.helpers import publish_documents, transition_as


def _place(registry):
    registry.govportal_placement_sources = (lambda resource: getattr(resource, "_test_placed", ()),)


def _listing(wsgi_app, path, deep=False):
    with site_session(wsgi_app.registry) as (zodb_root, _request):
        container = find_resource(zodb_root["app_root"], path)
        items, total = published_page(container, deep=deep)
        return [i.title for i in items], total


def test_a_placed_item_lists_in_the_target_and_follows_its_own_state(wsgi_app):
    _place(wsgi_app.registry)
    (path,) = publish_documents(
        wsgi_app,
        _first_column(wsgi_app, "/jyj/"),
        [{"title": "教育局被引用的稿件", "name": "ref-1"}],
        editor="jyj_editor",
        reviewer="jyj_reviewer",
    )
    target = _first_column(wsgi_app, "/")
    with site_session(wsgi_app.registry) as (zodb_root, _request):
        root = zodb_root["app_root"]
        doc = find_resource(root, path)
        doc._test_placed = [get_oid(find_resource(root, target))]
        assert placements_of(doc, wsgi_app.registry) == doc._test_placed
        reindex_placements(doc)
    titles, _total = _listing(wsgi_app, target)
    assert "教育局被引用的稿件" in titles
    assert "教育局被引用的稿件" in _listing(wsgi_app, target, deep=True)[0]
    transition_as(wsgi_app, path, "jyj_reviewer", "retract", comment="内容需要更正")
    assert "教育局被引用的稿件" not in _listing(wsgi_app, target)[0]


def _first_column(wsgi_app, site_path):
    with site_session(wsgi_app.registry) as (zodb_root, request):
        site = find_resource(zodb_root["app_root"], site_path)
        for name, child in site.items():
            if request.registry.content.typeof(child) == "Column":
                return f"{site_path.rstrip('/')}/{name}/"
    raise AssertionError("no column")
