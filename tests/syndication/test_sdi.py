"""What the SDI does beside the flow: an accepted item cannot be copied
(the records rule refuses it, so no copy carries its placement); only the
target site's reviewers retire a reference."""

import pytest
from pyramid.traversal import find_resource

from govportal.bootstrap import site_session
from govportal.overrides.answers import ContentRefused

from .helpers import column_titles, decide, offer, offers, only_key, publish

TITLE = "教育局举办教师技能大赛"


def test_an_accepted_item_is_not_copied(wsgi_app, testapp, browser):
    path = publish(wsgi_app, TITLE)
    offer(browser("jyj_editor"), path)
    key = only_key(wsgi_app)
    decide(browser("portal_reviewer"), key, "accept")
    with site_session(wsgi_app.registry) as (zodb_root, _request):
        root = zodb_root["app_root"]
        item = find_resource(root, path)
        with pytest.raises(ContentRefused):
            item.__parent__.copy(item.__name__, find_resource(root, "/jyj/tzgg/"), "syn-copy")
    page = column_titles(testapp)
    assert path in page and "/jyj/tzgg/syn-copy/" not in page
    assert offers(wsgi_app) == [(key, "accepted", ["offer", "accept"])]


def test_only_the_target_sites_reviewers_retire(wsgi_app, testapp, browser):
    path = publish(wsgi_app, TITLE)
    offer(browser("jyj_editor"), path)
    key = only_key(wsgi_app)
    decide(browser("portal_reviewer"), key, "accept")
    for login in ("jyj_reviewer", "wjj_reviewer", "jyj_editor", "portal_editor"):
        client = browser(login)
        decide(client, key, "retire", token=client.csrf("/@@workspace"), status=403)
    assert offers(wsgi_app) == [(key, "accepted", ["offer", "accept"])]
    assert TITLE in column_titles(testapp)
