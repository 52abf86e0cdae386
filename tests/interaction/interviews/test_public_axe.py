"""axe-core (WCAG 2.1 A/AA) on the public 在线访谈 and 互动交流 pages: the
portal's 互动交流 column, a department's 互动交流 page, the interviews'
column, the past interview (transcript, photos, answers), the announced one
with its question form and the form refused — at 1280 px, at 320 px (no
horizontal scrolling) and in 长者版; the page's polling script runs without
errors."""

import pytest

from tests.browser.conftest import new_context, serve_copy
from tests.browser.support import blocking, format_violations, run_axe, scroll_width

from .helpers import COMING, PAST

VIEWS = (("1280", 1280, False), ("320", 320, False), ("elder", 1280, True))


@pytest.fixture(scope="module")
def site(site_template, tmp_path_factory):
    yield from serve_copy(site_template, tmp_path_factory, "interviews-axe")


def visit(page):
    for name, path in (
        ("hub column", "/hdjl"),
        ("department hub", "/jyj/@@interaction"),
        ("interviews column", "/hdjl/zxft"),
        ("past interview", PAST),
        ("announced interview", COMING),
    ):
        response = page.goto(path)
        yield name, response.status
    page.locator("#ask-text").fill("   ")
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        page.get_by_role("button", name="提交提问").click()
    yield "question refused", answer.value.status


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
            assert status == (400 if name == "question refused" else 200), (name, status)
            violations = blocking(run_axe(page, axe_source))
            if violations:
                problems.append(f"{name} ({view}):\n{format_violations(violations)}")
            if width == 320 and scroll_width(page) > 320:
                problems.append(f"{name}: {scroll_width(page)} px wide at 320 px")
    finally:
        context.close()
    assert not errors, errors
    assert not problems, "\n".join(problems)
