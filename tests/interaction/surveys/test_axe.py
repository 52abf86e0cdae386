"""axe-core (WCAG 2.1 A/AA) on the survey pages: the open survey's form, the
form refused with its errors, the thanks, the results of the closed survey
(tables and SVG charts) and the site's list — at 1280 px, at 320 px (no
horizontal scrolling) and in 长者版."""

import pytest

from tests.browser.axe_pages import VIEW_IDS, VIEWS, check_tour
from tests.browser.conftest import serve_copy

from .survey_helpers import CLOSED, OPEN

EXPECTED = {"form with errors": 400}


@pytest.fixture(scope="module")
def site(site_template, tmp_path_factory):
    yield from serve_copy(site_template, tmp_path_factory, "surveys-axe")


def visit(page):
    """Yield (name, status) after reaching each page of the way."""
    response = page.goto(OPEN)
    yield "survey", response.status
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        page.locator("form.survey-form").get_by_role("button", name="提交答卷").click()
    assert page.locator("[aria-invalid=true]").count() >= 3
    yield "form with errors", answer.value.status
    page.locator("#f-use-1").check()
    page.locator("#f-places-2").check()
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        page.locator("form.survey-form").get_by_role("button", name="提交答卷").click()
    yield "thanks", answer.value.status
    response = page.goto(CLOSED + "@@results")
    yield "results", response.status
    response = page.goto("/@@surveys")
    yield "list", response.status


@pytest.mark.parametrize("view, width, elder", VIEWS, ids=VIEW_IDS)
def test_no_serious_violations_and_no_horizontal_scroll(
    chromium, site, axe_source, view, width, elder
):
    check_tour(chromium, site, axe_source, view, width, elder, visit, EXPECTED)
