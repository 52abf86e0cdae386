"""axe-core (WCAG 2.1 A/AA) on the public 意见征集 pages: the open
consultation with its comment form, the form refused with errors next to
its fields, the closed one, its adoption report and the listing — at
1280 px, at 320 px (no horizontal scrolling) and in 长者版."""

import pytest

from tests.browser.conftest import new_context, serve_copy
from tests.browser.support import blocking, format_violations, run_axe, scroll_width

from .helpers import CLOSED, OPEN, REPORT

VIEWS = (("1280", 1280, False), ("320", 320, False), ("elder", 1280, True))


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
