"""``@@site-report`` (form, preview with sources) and its printable page in
a browser: axe-core finds nothing serious or critical, at 1280 px, at 320 px
(no horizontal scrolling) and in 长者版."""

import shutil

import pytest

import govportal
from tests.browser.axe_pages import VIEW_IDS, VIEWS, check_tour, sign_in
from tests.browser.conftest import LiveServer

from ..conftest import close_app, make_settings


@pytest.fixture(scope="module")
def site(site_template, tmp_path_factory):
    directory = tmp_path_factory.mktemp("sitereport-axe") / "site"
    shutil.copytree(site_template, directory)
    app = govportal.main({}, **make_settings(directory))
    server = LiveServer(app).start()
    try:
        yield server.url
    finally:
        server.stop()
        close_app(app)


def visit(page):
    sign_in(page, "jyj_reviewer")
    page.wait_for_load_state()
    response = page.goto("/jyj/@@site-report?year=2025")
    assert page.locator("#site-report").count() == 1
    yield "site report of a department", response.status
    response = page.goto("/jyj/@@site-report-print?year=2025")
    yield "printable site report", response.status


@pytest.mark.parametrize("view, width, elder", VIEWS, ids=VIEW_IDS)
def test_no_serious_violations_and_no_horizontal_scroll(
    chromium, site, axe_source, view, width, elder
):
    check_tour(chromium, site, axe_source, view, width, elder, visit)
