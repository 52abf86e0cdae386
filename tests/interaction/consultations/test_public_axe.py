"""axe-core (WCAG 2.1 A/AA) on the public 意见征集 pages: the open
consultation with its comment form, the form refused with errors next to
its fields, the closed one, its adoption report and the listing — at
1280 px, at 320 px (no horizontal scrolling) and in 长者版."""

import pytest

from tests.browser.axe_pages import VIEW_IDS, VIEWS, check_tour
from tests.browser.conftest import serve_copy

from .helpers import CLOSED, OPEN, REPORT

EXPECTED = {"form with errors": 400}


@pytest.fixture(scope="module")
def site(site_template, tmp_path_factory):
    yield from serve_copy(site_template, tmp_path_factory, "consultations-axe")


def visit(page):
    """Yield (name, status) after reaching each page of the way."""
    response = page.goto(OPEN)
    yield "open consultation", response.status
    page.locator("#f-phone").fill("123")
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        page.locator("form.c-form").get_by_role("button", name="提交意见").click()
    assert page.locator("[aria-invalid=true]").count() >= 2
    yield "form with errors", answer.value.status
    response = page.goto(CLOSED)
    yield "closed consultation", response.status
    response = page.goto(REPORT)
    yield "adoption report", response.status
    response = page.goto("/@@consultations")
    yield "listing", response.status


@pytest.mark.parametrize("view, width, elder", VIEWS, ids=VIEW_IDS)
def test_no_serious_violations_and_no_horizontal_scroll(
    chromium, site, axe_source, view, width, elder
):
    check_tour(chromium, site, axe_source, view, width, elder, visit, EXPECTED)
