"""Who sees the crawler's findings: the site's monitoring staff on
``<site>/@@monitoring-links`` and in the dashboard panel; each editor on
``/@@ws-links`` and the workspace front page, for the items they edit;
never another department's editor, never an anonymous visitor."""

import pytest

from govportal.monitoring.links.crawl import Crawler
from govportal.monitoring.panels import panels, summaries

from ...conftest import Browser
from .helpers import links_app, publish


@pytest.fixture
def app(app_settings):
    with links_app(app_settings) as app:
        publish(app, '<p><a href="/jyj/no-such-column/">坏链接</a></p>', "dead")
        publish(
            app, '<p><a href="/wjj/missing-too/">卫健坏链接</a></p>', "wdead", column="/wjj/gzdt"
        )
        Crawler(app.registry).run(force=True)
        yield app


def _browser(app, login=None):
    b = Browser(app)
    return b.login(login) if login else b


def test_site_page_for_its_staff_only(app):
    res = _browser(app, "jyj_editor").get("/jyj/@@monitoring-links")
    assert "/jyj/no-such-column/" in res.text and "jyj_editor" in res.text
    assert "卫健坏链接" not in res.text and "/wjj/missing-too/" not in res.text
    assert "no-store" in res.headers["Cache-Control"]
    _browser(app, "wjj_editor").get("/jyj/@@monitoring-links", status=403)
    res = _browser(app).get("/jyj/@@monitoring-links", status="*")
    assert res.status_int in (302, 403, 404) and "no-such-column" not in res.text
    admin = _browser(app, "admin").get("/jyj/@@monitoring-links")
    assert "/jyj/no-such-column/" in admin.text


def test_workspace_shows_my_broken_links(app):
    jyj = _browser(app, "jyj_editor")
    home = jyj.get("/@@workspace")
    assert 'id="ws-broken-links"' in home.text and "1 个失效链接" in home.text
    mine = jyj.get("/@@ws-links")
    assert "/jyj/no-such-column/" in mine.text and "测试稿件dead" in mine.text
    assert "missing-too" not in mine.text
    assert "no-store" in mine.headers["Cache-Control"]

    wjj = _browser(app, "wjj_editor").get("/@@ws-links")
    assert "missing-too" in wjj.text and "no-such-column" not in wjj.text
    # a reviewer edited nothing: nothing to show, no notice on the front page
    other = _browser(app, "jyj_reviewer")
    assert "no-such-column" not in other.get("/@@ws-links").text
    assert 'id="ws-broken-links"' not in other.get("/@@workspace").text
    anonymous = _browser(app).get("/@@ws-links", status=302)
    assert "/@@login" in anonymous.location


def test_panel_and_summary_are_registered(app):
    from govportal.bootstrap import site_session

    assert "links" in dict(panels(app.registry)) and "links" in dict(summaries(app.registry))
    with site_session(app.registry, commit=False) as (zroot, request):
        request.root = root = zroot["app_root"]
        html = dict(panels(app.registry))["links"](root["jyj"], request)
        assert 'id="mon-links-broken"' in html and "/jyj/no-such-column/" in html
        status = dict(summaries(app.registry))["links"](root["jyj"], request)
        assert status.level == "warning" and status.facts == {"broken": 1, "suspect": 0}
        clean = dict(summaries(app.registry))["links"](root, request)
        assert clean.level == "ok" and clean.facts["broken"] == 0
