"""axe-core (WCAG 2.1 A/AA) on the public service pages the browser tour
does not reach: the hall with filters, a department's 办事指南 list, the
form refused with errors next to its fields, a wrong resume code and a wrong
query code — at 1280 px, at 320 px (no horizontal scrolling) and in 长者版."""

import pytest

from tests.browser.conftest import new_context, serve_copy
from tests.browser.support import blocking, format_violations, run_axe, scroll_width

GUIDE = "/jyj/bszn/sljtrx/"
VIEWS = (("1280", 1280, False), ("320", 320, False), ("elder", 1280, True))


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
        expected = {
            "form with errors": 400,
            "resume not found": 404,
            "track not found": 404,
        }
        for name, status in visit(page):
            assert status == expected.get(name, 200), (name, status)
            violations = blocking(run_axe(page, axe_source))
            if violations:
                problems.append(f"{name} ({view}):\n{format_violations(violations)}")
            if width == 320 and scroll_width(page) > 320:
                problems.append(f"{name}: {scroll_width(page)} px wide at 320 px")
    finally:
        context.close()
    assert not errors, errors
    assert not problems, "\n".join(problems)
