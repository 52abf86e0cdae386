"""智能问答 in a browser: the question box is a combobox whose suggestions
are reached with the keyboard; a citizen asks in his own words and gets the
right service guide; axe-core (WCAG 2.1 A/AA) finds nothing serious or
critical on the ask page (empty, answered, nothing found), an entry's page
and the editors' unanswered-questions page — at 1280 px, at 320 px (no
horizontal scrolling) and in 长者版."""

import pytest

from tests.browser.conftest import new_context, serve_copy
from tests.browser.support import blocking, format_violations, run_axe, scroll_width

VIEWS = (("1280", 1280, False), ("320", 320, False), ("elder", 1280, True))


@pytest.fixture(scope="module")
def site(site_template, tmp_path_factory):
    yield from serve_copy(site_template, tmp_path_factory, "answers-axe")


def visit(page):
    response = page.goto("/@@ask")
    yield "ask", response.status
    box = page.get_by_role("combobox", name="您的问题")
    box.fill("社保")
    page.locator("#ask-suggest [role=option]").first.wait_for()
    assert box.get_attribute("aria-expanded") == "true"
    yield "suggestions", 200
    box.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == "ask-opt-0"
    with page.expect_navigation():
        box.press("Enter")
    assert "社保卡丢了怎么补办" in page.locator("#ask-result").inner_text()
    yield "answered", 200
    response = page.goto("/@@ask?q=" + "我家孩子今年上小学，怎么报名？")
    guides = page.locator("#ask-guides").inner_text()
    assert "义务教育阶段适龄儿童少年入学登记" in guides
    yield "own words", response.status
    response = page.goto("/@@ask?q=火星移民签证怎么办理")
    assert page.get_by_role("link", name="转为咨询").count() == 1
    yield "nothing found", response.status
    response = page.goto("/rsj/hdjl/zswd/sbkbb/")
    yield "entry", response.status


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
            assert status == 200, (name, status)
            violations = blocking(run_axe(page, axe_source))
            if violations:
                problems.append(f"{name} ({view}):\n{format_violations(violations)}")
            if width == 320 and scroll_width(page) > 320:
                problems.append(f"{name}: {scroll_width(page)} px wide at 320 px")
    finally:
        context.close()
    assert not errors, errors
    assert not problems, "\n".join(problems)
