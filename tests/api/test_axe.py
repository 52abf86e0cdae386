"""axe-core on /@@api-tokens (Chromium), signed in as the site administrator:
the empty page, then the page after creating a token (the token shown once
and the list) — at 1280 px and 320 px (no horizontal scrolling): nothing
serious or critical."""

import shutil

import pytest

from govportal import main
from tests.browser.axe_pages import signed_in_context
from tests.browser.conftest import LiveServer
from tests.browser.support import blocking, format_violations, run_axe, scroll_width
from tests.conftest import close_app, make_settings


@pytest.fixture(scope="module")
def site(site_template, tmp_path_factory):
    directory = tmp_path_factory.mktemp("api-axe") / "site"
    shutil.copytree(site_template, directory)
    app = main({}, **make_settings(directory))
    server = LiveServer(app).start()
    yield app, server.url
    server.stop()
    close_app(app)


def signed_in(chromium, site, login, width):
    app, url = site
    return signed_in_context(chromium, app, url, login, {"width": width, "height": 900})


def check(page, what, width, axe_source, found):
    violations = blocking(run_axe(page, axe_source))
    if violations:
        found.append(f"{what}:\n{format_violations(violations)}")
    if width == 320 and scroll_width(page) > 320:
        found.append(f"{what}: {scroll_width(page)} px wide at 320 px")


@pytest.mark.parametrize("width", [1280, 320])
def test_api_tokens_page(chromium, site, axe_source, width):
    context, page = signed_in(chromium, site, "admin", width)
    found = []
    try:
        response = page.goto("/@@api-tokens")
        assert response.status == 200
        check(page, "tokens page", width, axe_source, found)
        page.fill("#token-name", f"市门户 {width}")
        page.fill("#token-partner", "南充市人民政府门户网站")
        page.check("input[name=sites][value=jyj]")
        page.check("input[name=kinds][value=documents]")
        page.get_by_role("button", name="创建令牌").click()
        page.wait_for_load_state()
        assert page.input_value("#created-token").startswith("gpapi_")
        check(page, "after creating a token", width, axe_source, found)
    finally:
        context.close()
    assert not found, "\n".join(found)
