"""``@@selfcheck`` with three stored runs (history chart and table), in a
browser: axe-core finds nothing serious or critical, at 1280 px, at 320 px
(no horizontal scrolling) and in 长者版."""

import shutil
from datetime import timedelta

import pytest

import govportal
from govportal.schedule.runner import run_in_transaction
from govportal.selfcheck import history
from govportal.selfcheck.compute import check_all
from govportal.sitetime import now_utc
from tests.browser.axe_pages import VIEW_IDS, VIEWS, check_tour, sign_in
from tests.browser.conftest import LiveServer

from ..conftest import close_app, make_settings


def seed_runs(app, count=3):
    def job(root, request):
        results = check_all(root, request)
        for n in range(count):
            for result in results:
                result.score -= n  # distinct runs, a week apart
            history.record(root, results, "schedule", at=now_utc() - timedelta(days=7 * n))
        return True

    run_in_transaction(app.registry, job, "test")


@pytest.fixture(scope="module")
def site(site_template, tmp_path_factory):
    directory = tmp_path_factory.mktemp("selfcheck-axe") / "site"
    shutil.copytree(site_template, directory)
    app = govportal.main({}, **make_settings(directory))
    seed_runs(app)
    server = LiveServer(app).start()
    try:
        yield server.url
    finally:
        server.stop()
        close_app(app)


def visit(page):
    sign_in(page, "jyj_editor")
    page.wait_for_load_state()
    response = page.goto("/jyj/@@selfcheck")
    assert page.locator(".selfcheck-chart svg").count() == 1
    assert page.locator("table.selfcheck-history tbody tr").count() == 3
    yield "self-check of a department", response.status


@pytest.mark.parametrize("view, width, elder", VIEWS, ids=VIEW_IDS)
def test_no_serious_violations_and_no_horizontal_scroll(
    chromium, site, axe_source, view, width, elder
):
    check_tour(chromium, site, axe_source, view, width, elder, visit)
