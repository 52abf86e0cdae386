"""The broken-link pages in a browser: axe-core (WCAG 2.1 A/AA) finds nothing
serious or critical on the workspace front page with its notice, the
editor's ``@@ws-links`` and the site's ``@@monitoring-links`` — at 1280 px,
at 320 px (no horizontal scrolling) and in 长者版."""

from unittest import mock

import pytest

from govportal.monitoring.links.crawl import Crawler
from govportal.monitoring.links.external import HttpChecker
from tests.browser.axe_pages import VIEW_IDS, VIEWS, check_tour, sign_in

from ..helpers import live_site
from .helpers import SETTINGS, offline, publish


@pytest.fixture(scope="module")
def site(site_template, tmp_path_factory):
    with live_site(site_template, tmp_path_factory, "links-axe", **SETTINGS) as (app, url):
        publish(app, '<p><a href="/jyj/no-such-page/">一个很长的失效链接地址示例</a></p>', "dead")
        publish(app, '<p><a href="https://127.0.0.1:1/slow-and-gone">可疑</a></p>', "odd")
        with mock.patch.object(HttpChecker, "check", offline(HttpChecker.check)):
            Crawler(app.registry).run(force=True)
        yield url


def visit(page):
    sign_in(page, "jyj_editor")
    page.wait_for_load_state()
    response = page.goto("/@@workspace")
    assert page.locator("#ws-broken-links").count() == 1
    yield "workspace", response.status
    response = page.goto("/@@ws-links")
    assert "no-such-page" in page.content()
    yield "my broken links", response.status
    response = page.goto("/jyj/@@monitoring-links")
    assert page.locator("#mon-links-broken").count() == 1
    assert page.locator("#mon-links-suspect").count() == 1
    yield "site broken links", response.status


@pytest.mark.parametrize("view, width, elder", VIEWS, ids=VIEW_IDS)
def test_no_serious_violations_and_no_horizontal_scroll(
    chromium, site, axe_source, view, width, elder
):
    check_tour(chromium, site, axe_source, view, width, elder, visit)
