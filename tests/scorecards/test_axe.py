"""``@@scorecards`` (county dashboard, department card) with a snapshot taken,
in a browser: axe-core finds nothing serious or critical, at 1280 px, at
320 px (no horizontal scrolling) and in 长者版."""

import shutil

import pytest

import govportal
from govportal.schedule.runner import run_in_transaction
from govportal.scorecards.snapshots import snapshot_job
from tests.browser.axe_pages import VIEW_IDS, VIEWS, check_tour, sign_in
from tests.browser.conftest import LiveServer

from ..conftest import close_app, make_settings


@pytest.fixture(scope="module")
def site(site_template, tmp_path_factory):
    directory = tmp_path_factory.mktemp("scorecards-axe") / "site"
    shutil.copytree(site_template, directory)
    app = govportal.main({}, **make_settings(directory))
    run_in_transaction(app.registry, snapshot_job, "test")
    server = LiveServer(app).start()
    try:
        yield server.url
    finally:
        server.stop()
        close_app(app)


def visit(page):
    sign_in(page, "portal_editor")
    page.wait_for_load_state()
    response = page.goto("/@@scorecards?period=month")
    assert page.locator(".scorecards-chart svg").count() == 1
    assert page.locator("table.scorecards-table tbody tr").count() >= 1
    yield "scorecards of the site group", response.status
    response = page.goto("/@@scorecards-site")
    assert page.locator("table.scorecard-trend tbody tr").count() == 12
    yield "scorecard of the portal", response.status


@pytest.mark.parametrize("view, width, elder", VIEWS, ids=VIEW_IDS)
def test_no_serious_violations_and_no_horizontal_scroll(
    chromium, site, axe_source, view, width, elder
):
    check_tour(chromium, site, axe_source, view, width, elder, visit)
