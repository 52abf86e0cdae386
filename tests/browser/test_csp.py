"""The Content-Security-Policy in Chromium: no violation is reported on a
public page, its print view, or the workspace's document form — where
TinyMCE must still start (from editor.js, not an inline script) and the
edit lock is taken by the form's script with a POST."""

import re

import pytest

from ..conftest import PASSWORD
from .conftest import new_context, serve_copy
from .support import DOCUMENT_COLUMN, DOCUMENT_NAME

#: Records every CSP violation the page reports, before any page script runs.
WATCH = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' +
                    (e.sourceFile || '') + ':' + (e.lineNumber || 0));
});
"""
EDITOR_READY = "() => window.tinymce && tinymce.activeEditor && tinymce.activeEditor.initialized"


@pytest.fixture(scope="module")
def site(site_template, tmp_path_factory):
    yield from serve_copy(site_template, tmp_path_factory, "csp")


class Watched:
    """A browser page that collects CSP violations and console refusals."""

    def __init__(self, chromium, base_url):
        self.context = new_context(chromium, base_url)
        self.context.set_default_timeout(15_000)
        self.context.add_init_script(WATCH)
        self.context.add_init_script("window.print = function () { window.__printed = true; };")
        self.page = self.context.new_page()
        self.console = []
        self.errors = []
        self.page.on(
            "console",
            lambda m: (
                self.console.append(m.text)
                if "Content Security Policy" in m.text or "Refused to" in m.text
                else None
            ),
        )
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def violations(self):
        found = self.page.evaluate("window.__csp || []")
        return found + self.console + self.errors

    def visit(self, path):
        response = self.page.goto(path)
        self.page.wait_for_load_state("load")
        return response

    def login(self, login):
        self.visit("/@@workspace")
        self.page.fill("input[name=login]", login)
        self.page.fill("input[name=password]", PASSWORD)
        self.page.press("input[name=password]", "Enter")
        self.page.wait_for_url(re.compile(r".*/@@workspace$"))

    def close(self):
        self.context.close()


def test_public_pages_report_no_csp_violation(chromium, site):
    watched = Watched(chromium, site)
    try:
        for path in ("/", "/jyj/", "/@@catalog", "/search?q=%E9%80%9A%E7%9F%A5"):
            response = watched.visit(path)
            assert response.status == 200, path
            assert "script-src 'self'" in response.headers["content-security-policy"]
            assert watched.violations() == [], path
    finally:
        watched.close()


def test_print_view_prints_without_inline_script(chromium, live_server):
    watched = Watched(chromium, live_server)
    try:
        response = watched.visit(DOCUMENT_COLUMN + DOCUMENT_NAME + "/")
        assert response.status == 200
        assert watched.violations() == []
        watched.visit(DOCUMENT_COLUMN + DOCUMENT_NAME + "/print")
        watched.page.wait_for_function("() => window.__printed === true")
        assert watched.violations() == []
    finally:
        watched.close()


def test_the_browser_refuses_injected_inline_script(chromium, site):
    """The watch works: an inline script added to a public page is refused
    and reported (what an XSS that slipped through would meet)."""
    watched = Watched(chromium, site)
    try:
        watched.visit("/")
        try:
            watched.page.add_script_tag(content="window.__injected = 1;")
        except Exception:  # noqa: S110 - Playwright may report the refusal
            pass
        assert watched.page.evaluate("window.__injected") is None
        assert any("script-src" in v for v in watched.violations())
    finally:
        watched.close()


def test_workspace_form_reports_no_csp_violation_and_tinymce_starts(chromium, site):
    watched = Watched(chromium, site)
    try:
        watched.login("jyj_editor")
        assert watched.violations() == []
        response = watched.visit("/jyj/gzdt/@@ws-add")
        csp = response.headers["content-security-policy"]
        assert "frame-ancestors 'none'" in csp and "script-src 'self';" in csp
        page = watched.page
        page.wait_for_function(EDITOR_READY)
        page.fill("input[name=title]", "内容安全策略下的新稿件")
        page.evaluate("() => tinymce.activeEditor.setContent('<p>正文一段。</p>')")
        page.get_by_role("button", name="保存", exact=True).click()
        page.wait_for_url(re.compile(r".*/@@ws-item$"))
        assert watched.violations() == []

        # the edit form: opening it (a GET) locks nothing; its script posts @@lock
        page.get_by_role("link", name="修改稿件").click()
        page.wait_for_url(re.compile(r".*/@@ws-edit$"))
        page.wait_for_function(EDITOR_READY)
        page.wait_for_selector(".ws-lock-js")
        assert "已锁定" in page.locator(".ws-lock-js").inner_text()
        assert watched.violations() == []
    finally:
        watched.close()


def test_framing_a_staff_page_is_refused(chromium, site):
    """A page of another origin framing the workspace gets nothing."""
    watched = Watched(chromium, site)
    try:
        watched.login("jyj_editor")
        page = watched.page
        page.goto("about:blank")
        page.set_content(f'<iframe id="f" src="{site}/@@workspace"></iframe>')
        page.wait_for_timeout(1500)
        frame = page.frame_locator("#f")
        assert frame.locator("text=我的工作台").count() == 0
    finally:
        watched.close()
