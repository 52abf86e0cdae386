"""Second factor: required for administrators, enrolment with a QR code,
a code is used once, failed codes count as failed sign-ins."""

import time

import pyotp
import pytest

from govportal.accounts import is_locked, requires_totp, reset_totp

from ..conftest import TOTP_SECRET, csrf_token, read_root, totp_code
from .conftest import error_text, post_login, signed_in, write_root


def send_code(client, code, path="/@@login-totp", status="*"):
    token = csrf_token(client.get(path).text)
    return client.post(path, {"code": code, "csrf_token": token}, status=status)


def _request(app):
    from pyramid.request import Request

    request = Request.blank("/")
    request.registry = app.registry
    return request


@pytest.mark.parametrize("login", ["admin", "sysadmin", "secadmin", "auditadmin"])
def test_administrators_must_give_a_code(client, wsgi_app, login):
    res = post_login(client, login, status=302)
    assert res.location.endswith("/@@login-totp")
    # the password alone gave no ticket
    assert "auth_tkt" not in client.cookies and not signed_in(client)
    res = send_code(client, totp_code(wsgi_app, login), status=302)
    assert "auth_tkt" in client.cookies


def test_editors_do_not_need_a_code(client, wsgi_app):
    assert not read_root(
        wsgi_app,
        lambda root: requires_totp(root["principals"]["users"]["jyj_editor"], _request(wsgi_app)),
    )
    assert post_login(client, "jyj_editor").location.endswith("/@@workspace")


def test_system_administrator_lands_in_the_sdi(client, wsgi_app):
    post_login(client, "sysadmin", status=302)
    res = send_code(client, totp_code(wsgi_app, "sysadmin"), status=302)
    assert res.location.endswith("/manage")


def test_a_code_is_accepted_once(client, wsgi_app, actions):
    code = totp_code(wsgi_app, "admin")
    post_login(client, "admin", status=302)
    send_code(client, code, status=302)
    other = client.__class__(wsgi_app)
    post_login(other, "admin", status=302)
    res = send_code(other, code)
    assert res.status_int == 401 and "已使用过" in error_text(res)
    assert "auth_tkt" not in other.cookies
    assert "totp.failure" in [a[0] for a in actions]


def test_failed_codes_count_as_failed_sign_ins(client, wsgi_app, waits):
    post_login(client, "admin", status=302)
    for _ in range(5):
        send_code(client, "000000")
    assert is_locked("admin", wsgi_app.registry) is not None
    res = send_code(client, totp_code(wsgi_app, "admin"), status=302)
    assert res.location.endswith("/@@login") and "auth_tkt" not in client.cookies


def test_pending_sign_in_expires(client, wsgi_app, monkeypatch):
    post_login(client, "admin", status=302)
    real = time.time()
    from govportal.accounts import signin

    monkeypatch.setattr(signin.time, "time", lambda: real + 301)
    res = client.get("/@@login-totp", status=302)
    assert res.location.endswith("/@@login")


def test_administrator_without_a_second_factor_enrols_before_anything(client, wsgi_app, actions):
    write_root(
        wsgi_app,
        lambda root: reset_totp(root["principals"]["users"]["secadmin"], _request(wsgi_app)),
    )
    res = post_login(client, "secadmin", status=302)
    assert res.location.endswith("/@@totp") and not signed_in(client)
    page = client.get("/@@totp")
    assert "<svg" in page.text and "身份验证器二维码" in page.text
    body = page.text.split("</head>")[1]
    assert "<script" not in body and " style=" not in body and " onload=" not in body
    secret = page.html.find("code", class_="acc-secret").text.replace(" ", "")
    res = send_code(
        client, "123456" if pyotp.TOTP(secret).now() != "123456" else "654321", "/@@totp"
    )
    assert res.status_int == 401 and not signed_in(client)
    res = send_code(client, pyotp.TOTP(secret).now(), "/@@totp", status=302)
    assert "auth_tkt" in client.cookies
    stored = read_root(wsgi_app, lambda root: root["principals"]["users"]["secadmin"].totp_secret)
    assert stored == secret
    assert "totp.enrol" in [a[0] for a in actions] and "totp.reset" in [a[0] for a in actions]


def test_enrolment_page_without_a_pending_sign_in_goes_to_login(client):
    assert client.get("/@@totp", status=302).location.endswith("/@@login")


def test_editor_may_enrol_from_the_account_page(client, wsgi_app):
    post_login(client, "jyj_editor", status=302)
    assert "设置动态验证码" in client.get("/@@account").text
    page = client.get("/@@totp")
    secret = page.html.find("code", class_="acc-secret").text.replace(" ", "")
    res = send_code(client, pyotp.TOTP(secret).now(), "/@@totp", status=302)
    assert res.location.endswith("/@@account")
    # from now on the editor signs in with a code too
    fresh = client.__class__(wsgi_app)
    assert post_login(fresh, "jyj_editor").location.endswith("/@@login-totp")


def test_known_secret_of_the_test_site(wsgi_app):
    secret = read_root(wsgi_app, lambda root: root["principals"]["users"]["admin"].totp_secret)
    assert secret == TOTP_SECRET
