"""Keyboard-only use: the skip link comes first and works, every focusable
element shows where the focus is, and Tab walks the page in order."""

import pytest

from .support import (
    FOCUS_STYLE_JS,
    MISSING_FOCUS_INDICATORS_JS,
    MODES,
    PAGES,
    TABBABLES_JS,
    open_page,
    set_mode,
)

IN_VIEWPORT_JS = """el => {
  const r = el.getBoundingClientRect();
  const s = getComputedStyle(el);
  const first = el.getClientRects()[0];  // a link may wrap onto two lines
  const hit = document.elementFromPoint(first.left + first.width / 2, first.top + first.height / 2);
  return r.width >= 8 && r.height >= 8 && r.left >= 0 && r.top >= 0
    && r.right <= innerWidth + 1 && r.bottom <= innerHeight + 1
    && s.visibility !== 'hidden' && parseFloat(s.opacity) > 0.9
    && (hit === el || el.contains(hit));
}"""

#: In-page: is the focused element the first tabbable one from main's start on?
NEXT_AFTER_MAIN_START_JS = (
    """() => {
  const main = document.getElementById('main');
  const next = ("""
    + TABBABLES_JS
    + """)().find(el => main.contains(el)
      || (main.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING));
  return document.activeElement === next;
}"""
)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("name", list(PAGES))
def test_skip_link_and_focus_indicators(page, context, live_server, name, mode):
    """Tab from page load focuses the skip link, which shows and moves the
    focus to main; then every focusable element shows a focus indicator."""
    set_mode(context, live_server, mode)
    open_page(page, name)
    page.keyboard.press("Tab")
    focused = page.evaluate_handle("document.activeElement")
    assert page.evaluate("el => el.classList.contains('skip-link')", focused), name
    assert page.evaluate("el => el.getAttribute('href')", focused) == "#main"
    assert page.evaluate(IN_VIEWPORT_JS, focused), f"{name}: skip link not visible when focused"
    assert page.evaluate("el => el.textContent.trim()", focused) == "跳到主要内容"
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'main'")
    # the next Tab goes on from the start of the main content
    page.keyboard.press("Tab")
    assert page.evaluate(NEXT_AFTER_MAIN_START_JS), name

    # focus came from the keyboard, so script focus now counts as :focus-visible
    result = page.evaluate(MISSING_FOCUS_INDICATORS_JS)
    assert result["count"] > 5
    assert result["missing"] == [], f"{name} ({mode}): no visible focus indicator on\n" + (
        "\n".join(result["missing"])
    )


@pytest.mark.parametrize("name", ["document", "portal"])
def test_tab_walks_every_focusable_element_in_order(page, name):
    """Real Tab presses reach every tabbable element once, in DOM order; each
    one is scrolled into view and shows a focus indicator."""
    open_page(page, name)
    expected = page.evaluate(
        f"() => ({TABBABLES_JS})().map((el, i) => (el.dataset.tabIndex = i, i))"
    )
    seen = []
    for _ in range(len(expected) + 2):
        page.keyboard.press("Tab")
        index = page.evaluate("document.activeElement.dataset.tabIndex ?? null")
        if index is None or (seen and int(index) == seen[0]):
            break
        focused = page.evaluate_handle("document.activeElement")
        assert page.evaluate(IN_VIEWPORT_JS, focused), f"element {index} is not in view"
        style = page.evaluate(FOCUS_STYLE_JS, focused)
        assert style["outline"] != "none" or style["boxShadow"] != "none", index
        seen.append(int(index))
    assert seen == expected


def test_header_search_works_from_the_keyboard(page):
    open_page(page, "portal")
    page.keyboard.press("Tab")  # skip link
    page.keyboard.press("Tab")  # site name
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "site-search-q"
    page.keyboard.type("招生")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/search?q=" in page.url
