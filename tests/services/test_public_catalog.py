"""The services catalog: made and filled at site set-up (an existing site
gets it on govportal-init), kept current on edits and transitions."""

import transaction
from pyramid.traversal import find_resource
from substanced.event import ObjectModified

from govportal.bootstrap import request_as, site_session
from govportal.services import catalog
from govportal.workflow import get_workflow

from .apply_helpers import make_guide


def hall_titles(testapp, **query):
    res = testapp.get("/@@services", query)
    return [a.text for a in res.html.select("li.guide > a")]


def test_an_existing_site_gets_the_catalog_with_its_guides(testapp, wsgi_app):
    before = hall_titles(testapp)
    assert before  # the demo's guides
    with site_session(wsgi_app.registry) as (zodb_root, _request):
        del zodb_root["app_root"]["catalogs"][catalog.SERVICES_CATALOG]
    assert hall_titles(testapp) == []  # no catalog: an empty hall, not an error
    with site_session(wsgi_app.registry) as (zodb_root, request):
        catalog.ensure_guide_catalog(zodb_root["app_root"], request.registry)
        catalog.ensure_guide_catalog(zodb_root["app_root"], request.registry)  # idempotent
    assert hall_titles(testapp) == before


def test_edits_and_transitions_reach_the_hall(testapp, wsgi_app):
    path = make_guide(wsgi_app, title="甲 可调整事项")
    assert "甲 可调整事项" in hall_titles(testapp, theme="education")
    with site_session(wsgi_app.registry) as (zodb_root, request):
        guide = find_resource(zodb_root["app_root"], path)
        guide.themes = ("housing",)
        request.registry.subscribers((ObjectModified(guide), guide), None)
    assert "甲 可调整事项" not in hall_titles(testapp, theme="education")
    assert "甲 可调整事项" in hall_titles(testapp, theme="housing")
    with site_session(wsgi_app.registry) as (zodb_root, request):
        root = zodb_root["app_root"]
        guide = find_resource(root, path)
        reviewer = root["principals"]["users"]["jyj_reviewer"]
        from substanced.util import get_oid

        get_workflow(guide, request.registry).transition(
            guide, request_as(request, get_oid(reviewer)), "archive", comment="停止办理"
        )
    assert "甲 可调整事项" not in hall_titles(testapp)
    assert transaction
