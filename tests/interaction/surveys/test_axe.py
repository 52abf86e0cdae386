"""axe-core (WCAG 2.1 A/AA) on the survey pages: the open survey's form, the
form refused with its errors, the thanks, the results of the closed survey
(tables and SVG charts) and the site's list — at 1280 px, at 320 px (no
horizontal scrolling) and in 长者版."""

import pytest

from tests.browser.conftest import new_context, serve_copy
from tests.browser.support import blocking, format_violations, run_axe, scroll_width

from .survey_helpers import CLOSED, OPEN

VIEWS = (("1280", 1280, False), ("320", 320, False), ("elder", 1280, True))


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


@pytest.mark.parametrize("view, width, elder", VIEWS, ids=[v[0] for v in VIEWS])
def test_no_serious_violations_and_no_horizontal_scroll(
    chromium, site, axe_source, view, width, elder
):
    context = new_context(chromium, site, viewport={"width": width, "height": 900})
    context.set_default_timeout(15_000)
    if elder:
        context.add_cookies([{"name": "gp_mode", "value": "elder", "url": site + "/"}])
    page = context.new_page()
    errors, problems = [], []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        for name, status in visit(page):
            assert status == (400 if name == "form with errors" else 200), (name, status)
            violations = blocking(run_axe(page, axe_source))
            if violations:
                problems.append(f"{name} ({view}):\n{format_violations(violations)}")
            if width == 320 and scroll_width(page) > 320:
                problems.append(f"{name}: {scroll_width(page)} px wide at 320 px")
    finally:
        context.close()
    assert not errors, errors
    assert not problems, "\n".join(problems)
