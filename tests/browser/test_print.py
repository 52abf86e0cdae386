"""The print view prints on load; print.css leaves out the site's navigation."""

from .support import DOCUMENT

HIDDEN_WHEN_PRINTING = (
    ".skip-link",
    ".site-nav",
    ".site-search",
    ".crumbs",
    ".site-footer a",
    ".page-tools",
)


def test_print_view_prints_the_document_without_navigation(page):
    page.goto(DOCUMENT + "print")
    page.wait_for_function("() => window.__printed === true")
    page.emulate_media(media="print")
    for selector in HIDDEN_WHEN_PRINTING:
        for element in page.locator(selector).all():
            assert not element.is_visible(), selector
    for selector in ("article h1", ".disclosure-meta", ".body", ".attachments", ".site-name"):
        assert page.locator(selector).first.is_visible(), selector


def test_document_page_prints_without_tools(page):
    page.goto(DOCUMENT)
    assert page.locator(".page-tools").is_visible()
    assert not page.evaluate("window.__printed === true")
    page.emulate_media(media="print")
    assert not page.locator(".page-tools").is_visible()
    assert not page.locator(".site-nav").is_visible()
    assert page.locator("article .body").is_visible()
