"""axe-core (WCAG 2.1 A/AA) in Chromium on the users, roles and security
pages of 管理, at 1280 px and on a 320 px phone: no serious or critical
violation, no horizontal scrolling.

The pages come from the signed-in webtest clients of the other tests: the
browser's requests are answered by routing them to the client (so no
sign-in through the browser is needed); the CSP is bypassed only so that
axe can be injected.
"""

import pytest

from tests.conftest import csrf_token

from .conftest import place_oid, user_oid

pytest.importorskip("playwright")

from tests.browser.conftest import AXE_JS  # noqa: E402
from tests.browser.support import blocking, format_violations, run_axe, scroll_width  # noqa: E402

BASE = "http://localhost"


def check(chromium, client, html_pages, width):
    """Open each (path, html) in Chromium, answering every request from
    ``client``; return the problems found."""
    context = chromium.new_context(
        base_url=BASE,
        locale="zh-CN",
        viewport={"width": width, "height": 800},
        bypass_csp=True,
    )

    def answer(route):
        path = route.request.url[len(BASE) :]
        for wanted, html in html_pages:
            if path == wanted and html is not None:
                return route.fulfill(status=200, content_type="text/html", body=html)
        res = client.get(path, status="*")
        route.fulfill(status=res.status_int, content_type=res.content_type, body=res.body)

    context.route(BASE + "/**", answer)
    page = context.new_page()
    axe = AXE_JS.read_text(encoding="utf-8")
    problems = []
    try:
        for path, _html in html_pages:
            page.goto(BASE + path)
            violations = blocking(run_axe(page, axe))
            if violations:
                problems.append(f"{path} at {width}px:\n{format_violations(violations)}")
            if scroll_width(page) > width:
                problems.append(f"{path} scrolls sideways at {width}px")
    finally:
        context.close()
    return problems


def pages_of_system_admin(sysadmin, app):
    oid = user_oid(app, "jyj_editor")
    token = csrf_token(sysadmin.get("/@@admin-users-new").text)
    fields = {"_csrf_token_": token, "csrf_token": token, "save": "save"}
    invalid = sysadmin.post(
        "/@@admin-users-new", dict(fields, login="x", email="bad"), status=400
    ).text
    link = sysadmin.post(f"/@@admin-user/{oid}/reset-link", {"csrf_token": token}).text
    return [
        ("/@@admin", None),
        ("/@@admin-users", None),
        ("/@@admin-users-new", None),
        ("/@@admin-users-new?invalid", invalid),
        (f"/@@admin-user/{oid}", None),
        (f"/@@admin-user/{oid}?link", link),
    ]


def pages_of_security_admin(app):
    oid = user_oid(app, "jyj_editor")
    return [
        ("/@@admin", None),
        ("/@@admin-roles?q=jyj", None),
        (f"/@@admin-roles/user/{oid}", None),
        (f"/@@admin-roles/place/{place_oid(app, 'jyj/gzdt')}", None),
        ("/@@admin-security", None),
        (f"/@@admin-security/{oid}", None),
    ]


@pytest.mark.parametrize("width", [1280, 320])
def test_pages_are_accessible(chromium, client, wsgi_app, width):
    sysadmin = client("system_admin")
    secadmin = client("security_admin")
    problems = check(chromium, sysadmin, pages_of_system_admin(sysadmin, wsgi_app), width)
    problems += check(chromium, secadmin, pages_of_security_admin(wsgi_app), width)
    problems += check(chromium, client("reviewer"), [("/@@admin", None)], width)
    assert not problems, "\n".join(problems)
