"""axe-core on the monitoring dashboard (Chromium): the county overview and a
site's page, signed in as admin and as a department editor, at 1280 px and
at 320 px (no horizontal scrolling): nothing serious or critical."""

import pytest

from tests.browser.axe_pages import signed_in_context
from tests.browser.support import blocking, format_violations, run_axe, scroll_width

from ..helpers import live_site

PAGES = {
    "admin": ("/@@monitoring", "/@@monitoring-site", "/czj/@@monitoring", "/jyj/@@monitoring"),
    "jyj_editor": ("/jyj/@@monitoring",),
}


@pytest.fixture(scope="module")
def site(site_template, tmp_path_factory):
    with live_site(site_template, tmp_path_factory, "freshness-axe") as found:
        yield found


def signed_in(chromium, site, login, width):
    app, url = site
    return signed_in_context(chromium, app, url, login, {"width": width, "height": 900})


@pytest.mark.parametrize("width", [1280, 320])
@pytest.mark.parametrize("login", sorted(PAGES))
def test_dashboard_pages(chromium, site, axe_source, login, width):
    context, page = signed_in(chromium, site, login, width)
    found = []
    try:
        for path in PAGES[login]:
            response = page.goto(path)
            assert response.status == 200, path
            violations = blocking(run_axe(page, axe_source))
            if violations:
                found.append(f"{path}:\n{format_violations(violations)}")
            if width == 320 and scroll_width(page) > 320:
                found.append(f"{path}: {scroll_width(page)} px wide at 320 px")
        if login == "admin":
            page.goto("/@@monitoring")
            page.get_by_role("button", name="立即运行：栏目更新检查").click()
            page.wait_for_load_state()
            assert "已运行“栏目更新检查”" in page.inner_text("main")
            violations = blocking(run_axe(page, axe_source))
            if violations:
                found.append(f"after a run:\n{format_violations(violations)}")
    finally:
        context.close()
    assert not found, "\n".join(found)
