"""The sign-in pages in Chromium: sign in with a second factor, enrol it
with the QR page, be locked out, change the password; axe-core finds no
serious or critical problem on any of them (desktop and phone)."""

import re
import shutil

import pyotp
import pytest

from govportal import main
from govportal.accounts import reset_totp

from ..browser.conftest import LiveServer, new_context
from ..browser.support import blocking, format_violations, run_axe
from ..conftest import PASSWORD, TOTP_SECRET, close_app, make_settings
from .conftest import write_root


@pytest.fixture(scope="module")
def site(site_template, tmp_path_factory):
    directory = tmp_path_factory.mktemp("accounts-browser") / "site"
    shutil.copytree(site_template, directory)
    app = main({}, **make_settings(directory))
    server = LiveServer(app).start()
    yield app, server.url
    server.stop()
    close_app(app)


@pytest.fixture(params=["desktop", "phone"])
def page(request, chromium, site):
    viewport = {"width": 390, "height": 844} if request.param == "phone" else None
    options = {"viewport": viewport} if viewport else {}
    context = new_context(chromium, site[1], bypass_csp=True, **options)
    context.set_default_timeout(15_000)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == [], errors


def accessible(page, axe_source, what):
    violations = blocking(run_axe(page, axe_source))
    assert not violations, f"{what}:\n{format_violations(violations)}"


def sign_in(page, login, password=PASSWORD):
    page.goto("/@@login")
    page.fill("input[name=login]", login)
    page.fill("input[name=password]", password)
    page.click("input[name='form.submitted']")
    page.wait_for_load_state()


def test_administrator_signs_in_with_a_code(page, site, axe_source):
    page.goto("/@@login")
    accessible(page, axe_source, "login")
    sign_in(page, "auditadmin")
    page.wait_for_url(re.compile(r".*/@@login-totp$"))
    assert page.get_by_label("6 位动态验证码").is_visible()
    accessible(page, axe_source, "login-totp")
    totp = pyotp.TOTP(TOTP_SECRET)
    import time

    page.fill(
        "input[name=code]", totp.at(time.time() + (30 if page.viewport_size["width"] < 500 else 0))
    )
    page.get_by_role("button", name="验证并登录").click()
    page.wait_for_url(re.compile(r".*/@@workspace$"))


def test_enrolment_page(page, site, axe_source):
    app, _url = site
    login = "secadmin" if page.viewport_size["width"] > 500 else "sysadmin"

    def drop(root):
        from pyramid.request import Request

        request = Request.blank("/")
        request.registry = app.registry
        reset_totp(root["principals"]["users"][login], request)

    write_root(app, drop)
    sign_in(page, login)
    page.wait_for_url(re.compile(r".*/@@totp$"))
    assert page.locator("svg").count() == 1
    accessible(page, axe_source, "totp enrolment")
    secret = page.locator("code.acc-secret").inner_text().replace(" ", "")
    page.fill("input[name=code]", pyotp.TOTP(secret).now())
    page.get_by_role("button", name="确认设置").click()
    page.wait_for_url(re.compile(r".*/(manage.*|@@workspace)$"))


def test_lockout_message(page, site, axe_source):
    login = "czj_editor" if page.viewport_size["width"] > 500 else "czj_reviewer"
    for _ in range(5):
        sign_in(page, login, "Wrong-passw0rd!")
    sign_in(page, login)
    assert "账号已被锁定" in page.locator("[role=alert]").inner_text()
    accessible(page, axe_source, "login refused")


def test_password_and_account_pages(page, site, axe_source):
    login = "rsj_editor" if page.viewport_size["width"] > 500 else "rsj_reviewer"
    sign_in(page, login)
    page.wait_for_url(re.compile(r".*/@@workspace$"))
    page.goto("/@@password")
    accessible(page, axe_source, "password")
    page.fill("input[name=current_password]", PASSWORD)
    page.fill("input[name=new_password]", "short")
    page.fill("input[name=confirm_password]", "short")
    page.get_by_role("button", name="保存新密码").click()
    page.wait_for_load_state()
    assert "至少需要" in page.locator("[role=alert]").inner_text()
    accessible(page, axe_source, "password refused")
    page.goto("/@@account")
    accessible(page, axe_source, "account")
    page.get_by_role("button", name="退出登录").click()
    page.wait_for_url(re.compile(r".*/@@login$"))
