"""axe-core (WCAG 2.1 A/AA) on the public service pages the browser tour
does not reach: the hall with filters, a department's 办事指南 list, the
form refused with errors next to its fields, a wrong resume code and a wrong
query code — at 1280 px, at 320 px (no horizontal scrolling) and in 长者版."""

import pytest

from tests.browser.axe_pages import VIEW_IDS, VIEWS, check_tour
from tests.browser.conftest import serve_copy

GUIDE = "/jyj/bszn/sljtrx/"
EXPECTED = {"form with errors": 400, "resume not found": 404, "track not found": 404}


@pytest.fixture(scope="module")
def site(site_template, tmp_path_factory):
    yield from serve_copy(site_template, tmp_path_factory, "services-axe")


def visit(page):
    """Yield (name, status) after reaching each page of the way."""
    response = page.goto("/@@services?theme=education&user_type=person")
    yield "hall", response.status
    response = page.goto("/jyj/bszn/")
    yield "department list", response.status
    response = page.goto(GUIDE)
    yield "guide", response.status
    page.goto(GUIDE + "@@apply")
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        page.locator("form.service-apply").get_by_role("button", name="提交申请").click()
    assert page.locator("[aria-invalid=true]").count() > 3
    yield "form with errors", answer.value.status
    page.locator("#f-resume").fill("AAAA-BBBB-CCCC-DDDD-EEEE")
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        page.get_by_role("button", name="继续填写", exact=True).click()
    yield "resume not found", answer.value.status
    page.goto("/@@case-track")
    page.locator("#f-code").fill("AAAA-BBBB-CCCC-DDDD-EEEE")
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        page.locator("form.track-form").get_by_role("button", name="查询").click()
    yield "track not found", answer.value.status


@pytest.mark.parametrize("view, width, elder", VIEWS, ids=VIEW_IDS)
def test_no_serious_violations_and_no_horizontal_scroll(
    chromium, site, axe_source, view, width, elder
):
    check_tour(chromium, site, axe_source, view, width, elder, visit, EXPECTED)
