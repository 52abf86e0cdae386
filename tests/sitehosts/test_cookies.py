"""The sign-in ticket and the session are host-only cookies: with the portal
on a bare domain (``yingshan.gov.cn``) a browser never sends them to a
department's own host (``jyj.yingshan.gov.cn``), and a department host never
sets them."""

import re

import pytest
import webtest

from tests.conftest import PASSWORD, csrf_token

from .helpers import JYJ, on, set_domain

BARE = "yingshan.gov.cn"


def cookie_headers(res):
    return [v for k, v in res.headerlist if k.lower() == "set-cookie"]


@pytest.fixture
def bare_portal(wsgi_app):
    set_domain(wsgi_app, "jyj", JYJ)
    return webtest.TestApp(wsgi_app, extra_environ={"HTTP_HOST": BARE})


def sign_in(app, login="admin"):
    token = csrf_token(app.get("/@@login").text)
    return app.post("/@@login", {"login": login, "password": PASSWORD, "csrf_token": token})


def test_sign_in_on_a_bare_portal_domain_sets_host_only_cookies(bare_portal):
    res = sign_in(bare_portal, "portal_editor")
    assert res.status_int == 302
    headers = cookie_headers(res)
    assert any(h.startswith("auth_tkt=") for h in headers)
    for header in headers:
        assert not re.search(r";\s*domain=", header, re.I), header
    # signed in on the portal's host: the workspace opens
    if "/@@login-totp" not in res.location:
        assert bare_portal.get("/@@workspace").status_int == 200


def test_a_signed_in_browser_keeps_working_on_the_portal_host(browser):
    admin = browser("admin")
    assert admin.get("/@@workspace").status_int == 200
    for header in cookie_headers(admin.get("/@@workspace")):
        assert "domain=" not in header.lower()


@pytest.mark.parametrize("path", ["/", "/@@login", "/@@workspace", "/@@mode?set=elder", "/manage/"])
def test_a_department_host_never_sets_the_ticket_or_session(bare_portal, path):
    res = bare_portal.get(path, status="*", **on(JYJ))
    assert res.status_int in (200, 302, 303), res.status
    names = {h.split("=", 1)[0] for h in cookie_headers(res)}
    assert not names & {"auth_tkt", "session"}, names


def test_sign_out_also_expires_domain_tickets_of_earlier_versions(bare_portal):
    sign_in(bare_portal, "portal_editor")
    token = csrf_token(bare_portal.get("/@@workspace").text)
    res = bare_portal.post("/@@logout", {"csrf_token": token}, status=302)
    expired = [h for h in cookie_headers(res) if h.startswith("auth_tkt=;")]
    domains = sorted(
        (re.search(r";\s*domain=([^;]+)", h, re.I) or [None, ""])[1].lower() for h in expired
    )
    assert domains == ["", "." + BARE, BARE], expired
    assert bare_portal.get("/@@workspace", status="*").status_int in (302, 403)
