"""One way to check a list of pages with axe-core (WCAG 2.1 A/AA) at
1280 px, at 320 px (no horizontal scrolling) and in 长者版: the public
tours (`check_tour`) and the staff pages (`open_context`, `sign_in`,
`problems`)."""

from tests.browser.conftest import new_context
from tests.browser.support import blocking, format_violations, run_axe, scroll_width
from tests.conftest import PASSWORD, totp_code

VIEWS = (("1280", 1280, False), ("320", 320, False), ("elder", 1280, True))
VIEW_IDS = [view for view, *_ in VIEWS]


def open_context(chromium, base_url, width, elder, timeout=15_000):
    """A browser context `width` px wide, in 长者版 if `elder`."""
    context = new_context(chromium, base_url, viewport={"width": width, "height": 900})
    context.set_default_timeout(timeout)
    if elder:
        context.add_cookies([{"name": "gp_mode", "value": "elder", "url": base_url + "/"}])
    return context


def sign_in(page, login):
    """Send the login form the workspace leads to (the caller waits)."""
    page.goto("/@@workspace")
    page.fill("input[name=login]", login)
    page.fill("input[name=password]", PASSWORD)
    page.click("input[name='form.submitted']")


def signed_in_context(chromium, app, base_url, login, viewport, timeout=15_000):
    """A context signed in as `login` through the login form (and the second
    factor where it is asked); the CSP is bypassed because axe-core is
    injected as an inline script (the pages run under the strict policy in
    every other test).  Returns (context, page)."""
    context = new_context(chromium, base_url, viewport=viewport, bypass_csp=True)
    context.set_default_timeout(timeout)
    page = context.new_page()
    page.goto("/@@login")
    page.fill("input[name=login]", login)
    page.fill("input[name=password]", PASSWORD)
    page.press("input[name=password]", "Enter")
    page.wait_for_load_state()
    if page.url.endswith("/@@login-totp"):
        page.fill("input[name=code]", totp_code(app, login))
        page.press("input[name=code]", "Enter")
        page.wait_for_load_state()
    return context, page


def problems(page, what, width, axe_source):
    """The serious axe violations of the page and its overflow of `width`."""
    found = []
    violations = blocking(run_axe(page, axe_source))
    if violations:
        found.append(f"{what} {page.url}:\n{format_violations(violations)}")
    wide = scroll_width(page)
    if wide > width:
        found.append(f"{what} {page.url}: {wide} px wide in a {width} px window")
    return found


def check_tour(chromium, site, axe_source, view, width, elder, visit, expected=None):
    """Walk `visit(page)` — it yields (name, status) on each page of the
    way — and check each page: the status (200 unless `expected` names
    another), no serious axe violation, no sideways scrolling at 320 px and
    no script error on the way."""
    expected = expected or {}
    context = open_context(chromium, site, width, elder)
    page = context.new_page()
    errors, found = [], []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        for name, status in visit(page):
            assert status == expected.get(name, 200), (name, status)
            violations = blocking(run_axe(page, axe_source))
            if violations:
                found.append(f"{name} ({view}):\n{format_violations(violations)}")
            if width == 320 and scroll_width(page) > 320:
                found.append(f"{name}: {scroll_width(page)} px wide at 320 px")
    finally:
        context.close()
    assert not errors, errors
    assert not found, "\n".join(found)
