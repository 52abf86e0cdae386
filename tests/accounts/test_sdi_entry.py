"""Substance D's own login, logout and password views are no way in."""

import pytest

from ..conftest import PASSWORD, csrf_token
from .conftest import signed_in


@pytest.mark.parametrize("path", ["/manage/@@login", "/manage/login", "/manage/@@resetpassword"])
def test_sdi_views_redirect_to_our_login(client, path):
    res = client.get(path, status=302)
    assert "/@@login" in res.location and "/manage" not in res.location.split("?")[0]


def test_sdi_login_form_post_cannot_sign_in(client, bcrypt_calls):
    token = csrf_token(client.get("/@@login").text)
    res = client.post(
        "/manage/@@login",
        {"login": "sysadmin", "password": PASSWORD, "csrf_token": token, "form.submitted": "1"},
        status="*",
    )
    assert res.status_int == 302 and "auth_tkt" not in client.cookies
    assert bcrypt_calls == [] and not signed_in(client)


def test_sdi_reset_request_cannot_be_posted(client, wsgi_app):
    token = csrf_token(client.get("/@@login").text)
    res = client.post(
        "/manage/@@resetpassword",
        {"login": "jyj_editor", "csrf_token": token, "send": "send"},
        status="*",
    )
    assert res.status_int == 302
    from pyramid.request import Request
    from pyramid_mailer import get_mailer

    request = Request.blank("/")
    request.registry = wsgi_app.registry
    assert get_mailer(request).outbox == []


def test_sdi_password_reset_objects_are_no_way_in(client):
    res = client.get("/manage/principals/resets/anything", status="*")
    assert res.status_int in (302, 404) and "auth_tkt" not in client.cookies


def test_anonymous_sdi_goes_to_our_login(client):
    res = client.get("/manage/jyj", status=302)
    assert "/@@login" in res.location


def test_sdi_change_password_goes_to_our_form(browser):
    admin = browser("sysadmin")
    res = admin.get("/manage/principals/users/sysadmin/@@change_password", status=302)
    assert res.location.endswith("/@@password")


def test_the_workspace_sends_anonymous_users_to_our_login(client):
    res = client.get("/@@workspace", status=302)
    assert "/manage" not in res.location
    assert "/@@login" in res.location and "came_from=%2F%40%40workspace" in res.location
