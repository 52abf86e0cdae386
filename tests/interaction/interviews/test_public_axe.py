"""axe-core (WCAG 2.1 A/AA) on the public 在线访谈 and 互动交流 pages: the
portal's 互动交流 column, a department's 互动交流 page, the interviews'
column, the past interview (transcript, photos, answers), the announced one
with its question form and the form refused — at 1280 px, at 320 px (no
horizontal scrolling) and in 长者版; the page's polling script runs without
errors."""

import pytest

from tests.browser.axe_pages import VIEW_IDS, VIEWS, check_tour
from tests.browser.conftest import serve_copy

from .helpers import COMING, PAST

EXPECTED = {"question refused": 400}


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


@pytest.mark.parametrize("view, width, elder", VIEWS, ids=VIEW_IDS)
def test_no_serious_violations_and_no_horizontal_scroll(
    chromium, site, axe_source, view, width, elder
):
    check_tour(chromium, site, axe_source, view, width, elder, visit, EXPECTED)
