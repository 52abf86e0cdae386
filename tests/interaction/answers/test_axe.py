"""智能问答 in a browser: the question box is a combobox whose suggestions
are reached with the keyboard; a citizen asks in his own words and gets the
right service guide; axe-core (WCAG 2.1 A/AA) finds nothing serious or
critical on the ask page (empty, answered, nothing found), an entry's page
and the editors' unanswered-questions page — at 1280 px, at 320 px (no
horizontal scrolling) and in 长者版."""

import pytest

from tests.browser.axe_pages import VIEW_IDS, VIEWS, check_tour, sign_in
from tests.browser.conftest import serve_copy


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
    # the editors' unanswered questions (named above, never visited before)
    sign_in(page, "portal_editor")
    page.wait_for_load_state()
    response = page.goto("/@@ask-gaps")
    assert "@@login" not in page.url
    yield "gaps", response.status


@pytest.mark.parametrize("view, width, elder", VIEWS, ids=VIEW_IDS)
def test_no_serious_violations_and_no_horizontal_scroll(
    chromium, site, axe_source, view, width, elder
):
    check_tour(chromium, site, axe_source, view, width, elder, visit)
