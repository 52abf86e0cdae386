"""Reflow at 320 CSS px and text resized to 200%: content stays visible and
the page never scrolls sideways (WCAG 1.4.4, 1.4.10)."""

import pytest

from .support import CLIPPED_JS, MODES, OFF_SCREEN_JS, PAGES, open_page, scroll_width, set_mode


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("name", list(PAGES))
def test_reflow_at_320_px_and_text_at_200_percent(page, context, live_server, name, mode):
    set_mode(context, live_server, mode)

    # a 320 CSS px wide window (a phone, or 1280 px zoomed to 400%)
    page.set_viewport_size({"width": 320, "height": 640})
    open_page(page, name)
    assert scroll_width(page) <= 320, f"{name} ({mode}) scrolls sideways at 320px"
    assert page.evaluate(OFF_SCREEN_JS, 320) == []
    assert page.evaluate(CLIPPED_JS) == []

    # 1280 px wide with the text size doubled (the browser's text-size setting)
    page.set_viewport_size({"width": 1280, "height": 800})
    base = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    page.evaluate(f"document.documentElement.style.fontSize = '{2 * base}px'")
    body = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert body >= 2 * base - 0.5, "body text does not follow the root font size"
    assert scroll_width(page) <= 1280, f"{name} ({mode}) scrolls sideways with 200% text"
    assert page.evaluate(OFF_SCREEN_JS, 1280) == []
    assert page.evaluate(CLIPPED_JS) == []
