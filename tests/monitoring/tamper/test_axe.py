"""The dashboard's 防篡改 panel in a browser, with an open tamper alarm and
its diff: axe-core (WCAG 2.1 A/AA) finds nothing serious or critical on the
site's ``@@monitoring`` page — at 1280 px, at 320 px (no horizontal
scrolling) and in 长者版."""

import pytest

from govportal.monitoring.tamper import fetch
from tests.browser.axe_pages import VIEW_IDS, VIEWS, check_tour, sign_in

from ..helpers import live_site
from .helpers import HACKED_BODY, FakedPath, hack_body, published_document, sweep_once


@pytest.fixture(scope="module")
def site(site_template, tmp_path_factory):
    with live_site(site_template, tmp_path_factory, "tamper-axe") as (app, url):
        path = published_document(app)
        app.registry.govportal_tamper_fetcher = fetch.HttpFetcher(url)
        sweep_once(app)

        hack_body(app, path, HACKED_BODY + "<p>" + "很长的一行篡改内容" * 20 + "</p>")
        # the page cannot be fetched for now: the alarm stays open
        app.registry.govportal_tamper_fetcher = FakedPath(
            app.registry.govportal_tamper_fetcher, path, (503, b"")
        )
        sweep_once(app)
        yield url


def visit(page):
    sign_in(page, "jyj_editor")
    page.wait_for_load_state()
    response = page.goto("/jyj/@@monitoring")
    assert page.locator(".tamper-panel .tamper-diff").count() == 1
    yield "site monitoring with a tamper alarm", response.status


@pytest.mark.parametrize("view, width, elder", VIEWS, ids=VIEW_IDS)
def test_no_serious_violations_and_no_horizontal_scroll(
    chromium, site, axe_source, view, width, elder
):
    check_tour(chromium, site, axe_source, view, width, elder, visit)
