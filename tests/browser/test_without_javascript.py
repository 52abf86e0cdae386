"""Scripts only enhance: with JavaScript off, pages read, reflow, navigate by
keyboard and switch to 长者版 all the same."""

import pytest

from .conftest import new_context
from .support import PAGES, scroll_width


@pytest.fixture
def bare_page(chromium, live_server):
    context = new_context(chromium, live_server, java_script_enabled=False)
    yield context.new_page()
    context.close()


def test_pages_work_without_javascript(bare_page, live_server):
    page = bare_page
    for name in ("portal", "document", "catalog", "search"):
        page.set_viewport_size({"width": 1280, "height": 800})
        response = page.goto(PAGES[name])
        assert response.status in (200, 404), name
        assert page.locator("main h1").first.is_visible(), name
        assert page.locator(".site-nav").is_visible(), name
        page.set_viewport_size({"width": 320, "height": 640})
        assert scroll_width(page) <= 320, name

    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(PAGES["document"])
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    nav = page.get_by_role("navigation", name="主导航")
    with page.expect_navigation():
        nav.get_by_role("link", name="长者版").click()
    assert page.url == live_server + PAGES["document"]
    assert page.evaluate("document.documentElement.className") == "mode-elder"
    with page.expect_navigation():
        nav.get_by_role("link", name="标准版").click()
    assert page.evaluate("document.documentElement.className") == ""
