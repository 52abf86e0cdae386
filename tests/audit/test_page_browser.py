"""The audit page in Chromium: axe-clean (WCAG 2.1 A/AA) on a desktop and on
a phone, no horizontal scrolling at 320 px, no script errors."""

import shutil

import pytest

from govportal import main
from govportal.bootstrap import site_session
from govportal.security.events import record_action
from tests.browser.conftest import AXE_JS, LiveServer, new_context
from tests.browser.support import blocking, format_violations, run_axe, scroll_width
from tests.conftest import Browser, close_app, make_settings

from .conftest import add_staff

LOGIN = "t_auditadmin"


@pytest.fixture(scope="module")
def audit_site(site_template, tmp_path_factory):
    """A served copy of the demo site with an audit administrator and a few
    entries of every result; yields (base url, cookies of a signed-in client)."""
    directory = tmp_path_factory.mktemp("audit-browser") / "site"
    shutil.copytree(site_template, directory)
    app = main({}, **make_settings(directory))
    add_staff(app, LOGIN, "audit_admin")
    with site_session(app.registry) as (_root, request):
        request.environ["REMOTE_ADDR"] = "203.0.113.5"
        record_action(request, "login.failure", actor="某用户", result="failure")
        record_action(
            request,
            "sdi.refused",
            actor="jyj_editor",
            result="refused",
            target="/manage/jyj",
            details={"页面": "@@contents" * 20},
        )
        record_action(
            request, "settings.change", target="password_min_length", details={"from": 10, "to": 12}
        )
    client = Browser(app).login(LOGIN)
    cookies = [(c.name, c.value) for c in client.app.cookiejar]
    server = LiveServer(app).start()
    yield server.url, cookies
    server.stop()
    close_app(app)


@pytest.mark.parametrize("width", [1280, 320])
def test_audit_page_is_accessible(chromium, audit_site, width):
    base_url, cookies = audit_site
    # bypass_csp: axe-core is injected as an inline script, which the
    # page's CSP (rightly) refuses; the page itself has no inline script.
    context = new_context(
        chromium, base_url, viewport={"width": width, "height": 800}, bypass_csp=True
    )
    context.add_cookies([{"name": n, "value": v, "url": base_url + "/"} for n, v in cookies])
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto("/@@audit")
        assert page.locator("h1").inner_text() == "审计日志"
        assert page.locator("table.audit-table tbody tr").count() >= 3
        violations = blocking(run_axe(page, AXE_JS.read_text(encoding="utf-8")))
        assert not violations, format_violations(violations)
        assert scroll_width(page) <= width
        page.select_option("#audit-action", "login.failure")
        page.click("button[type=submit]:has-text('查询')")
        page.wait_for_url("**/@@audit?*action=login.failure*")
        assert page.locator("table.audit-table tbody tr").count() == 1
        assert "登录失败" in page.locator("table.audit-table").inner_text()
        if width == 1280:  # the export of the current filter, as a download
            with page.expect_download() as download:
                page.click("button:has-text('按当前条件导出 CSV')")
            path = download.value.path()
            assert download.value.suggested_filename.endswith(".csv")
            text = open(path, encoding="utf-8-sig").read()
            assert text.startswith("序号,时间（北京时间）")
            assert text.count("login.failure") == 1 and "sdi.refused" not in text
            with page.expect_download() as download:
                page.click("button:has-text('按当前条件导出 Excel')")
            assert download.value.suggested_filename.endswith(".xlsx")
    finally:
        context.close()
    assert errors == []
