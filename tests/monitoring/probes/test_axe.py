"""The dashboard page of a site with the availability panel filled in, in a
browser: axe-core (WCAG 2.1 A/AA) finds nothing serious or critical, at
1280 px, at 320 px (no horizontal scrolling: the chart shrinks) and in 长者版."""

import pytest

from tests.browser.axe_pages import VIEW_IDS, VIEWS, check_tour, sign_in

from ..helpers import live_site
from .conftest import seed


@pytest.fixture(scope="module")
def site(site_template, tmp_path_factory):
    with live_site(site_template, tmp_path_factory, "probes-axe") as (app, url):
        seed(app, "/jyj", "", [True] * 200 + [False] * 9 + [True] * 3)
        seed(app, "/jyj", "/@@search", [True] * 100 + [False] * 4)
        yield url


def visit(page):
    sign_in(page, "jyj_editor")
    page.wait_for_load_state()
    response = page.goto("/jyj/@@monitoring")
    assert page.locator("#availability svg").count() == 1
    assert page.locator("#availability table").count() == 3
    yield "site dashboard with availability", response.status


@pytest.mark.parametrize("view, width, elder", VIEWS, ids=VIEW_IDS)
def test_no_serious_violations_and_no_horizontal_scroll(
    chromium, site, axe_source, view, width, elder
):
    check_tour(chromium, site, axe_source, view, width, elder, visit)
