"""axe-core (WCAG 2.1 A/AA) on the citizens' letter pages: the form, the
form refused with its errors, the answer with number and code, the tracking
page with the letter and with a wrong code, the public list and the
statistics — at 1280 px, at 320 px (no horizontal scrolling) and in 长者版."""

import re

import pytest

from tests.browser.axe_pages import VIEW_IDS, VIEWS, check_tour
from tests.browser.conftest import serve_copy

from .letter_helpers import FIELDS, solve

EXPECTED = {"form with errors": 400, "track not found": 404}


@pytest.fixture(scope="module")
def site(site_template, tmp_path_factory):
    yield from serve_copy(site_template, tmp_path_factory, "letters-axe")


def post(page, button):
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        page.get_by_role("button", name=button, exact=True).click()
    return answer.value.status


def visit(page):
    """Yield (name, status) after reaching each page of the way."""
    response = page.goto("/@@write?channel=consult")
    yield "form", response.status
    yield "form with errors", post(page, "提交信件")
    assert page.locator("[aria-invalid=true]").count() >= 4
    page.locator("#f-name").fill(FIELDS["name"])
    page.locator("#f-phone").fill(FIELDS["phone"])
    page.locator("#f-category").select_option(FIELDS["category"])
    page.locator("#f-subject").fill(FIELDS["subject"])
    page.locator("#f-body").fill(FIELDS["body"])
    page.get_by_label("同意公开", exact=True).check()
    label = page.locator("label[for=f-challenge_answer]").inner_text()
    question = re.search(r"验证问题：(.+？)", label).group(1)
    page.locator("#f-challenge_answer").fill(solve(question))
    yield "letter sent", post(page, "提交信件")
    number = page.locator("#letter-number").inner_text().strip()
    code = page.locator("#query-code").inner_text().strip()
    page.goto("/@@letter-track")
    page.locator("#f-number").fill(number)
    page.locator("#f-code").fill(code)
    yield "tracked", post(page, "查询")
    assert page.locator("#state").count() == 1
    page.locator("#f-code").fill("AAAA-BBBB-CCCC-DDDD-EEEE")
    yield "track not found", post(page, "查询")
    response = page.goto("/@@letters")
    assert page.locator(".letter-table tbody tr").count() > 0  # the demo's letters
    yield "public list", response.status
    page.locator(".letter-table tbody a").first.click()
    page.wait_for_url("**/@@letters/*")
    assert page.locator("#letter-reply").count() == 1
    yield "published letter", 200
    response = page.goto("/@@letter-stats")
    yield "statistics", response.status


@pytest.mark.parametrize("view, width, elder", VIEWS, ids=VIEW_IDS)
def test_no_serious_violations_and_no_horizontal_scroll(
    chromium, site, axe_source, view, width, elder
):
    check_tour(chromium, site, axe_source, view, width, elder, visit, EXPECTED)
