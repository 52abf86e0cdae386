"""Server-side ticket versions: a copied ticket stops working after logout,
a password change, disabling the account and a revocation (role change)."""

import webtest

from govportal.accounts import disable, revoke_sessions

from ..conftest import PASSWORD, csrf_token
from .conftest import post_login, signed_in, write_root

NEW_PASSWORD = "Qz7-lantern-orbit"


def stolen_copy(client, wsgi_app):
    """Another client holding a copy of ``client``'s cookies."""
    thief = webtest.TestApp(wsgi_app)
    for name, value in client.cookies.items():
        thief.set_cookie(name, value)
    return thief


def _request(app):
    from pyramid.request import Request

    request = Request.blank("/")
    request.registry = app.registry
    return request


def test_ticket_replay_after_logout_is_refused(client, wsgi_app, actions):
    post_login(client, "jyj_editor", status=302)
    thief = stolen_copy(client, wsgi_app)
    assert signed_in(thief)
    token = csrf_token(client.get("/@@login").text)
    res = client.post("/@@logout", {"csrf_token": token}, status=302)
    assert res.location.endswith("/@@login")
    assert not signed_in(client) and not signed_in(thief)
    assert "logout" in [a[0] for a in actions]


def test_logout_only_by_post_with_csrf(client):
    post_login(client, "jyj_editor", status=302)
    res = client.get("/@@logout")
    assert "退出登录" in res.text and signed_in(client)
    client.post("/@@logout", {}, status=400)
    assert signed_in(client)
    client.get("/manage/@@logout", status=302)
    assert signed_in(client)


def test_ticket_replay_after_password_change_is_refused(client, wsgi_app, actions):
    post_login(client, "jyj_editor", status=302)
    thief = stolen_copy(client, wsgi_app)
    token = csrf_token(client.get("/@@password").text)
    res = client.post(
        "/@@password",
        {
            "current_password": PASSWORD,
            "new_password": NEW_PASSWORD,
            "confirm_password": NEW_PASSWORD,
            "csrf_token": token,
        },
        status=302,
    )
    assert res.location.endswith("/@@workspace")
    assert signed_in(client)  # the one who changed it got a new ticket
    assert not signed_in(thief)
    assert "password.change" in [a[0] for a in actions]
    # the new password works, the old one does not
    fresh = webtest.TestApp(wsgi_app)
    assert post_login(fresh, "jyj_editor", PASSWORD).status_int == 401
    assert post_login(fresh, "jyj_editor", NEW_PASSWORD).status_int == 302


def test_ticket_replay_after_disable_is_refused(client, wsgi_app, actions):
    post_login(client, "jyj_editor", status=302)
    thief = stolen_copy(client, wsgi_app)
    write_root(
        wsgi_app,
        lambda root: disable(root["principals"]["users"]["jyj_editor"], _request(wsgi_app)),
    )
    assert not signed_in(client) and not signed_in(thief)
    assert "account.disable" in [a[0] for a in actions]
    assert post_login(webtest.TestApp(wsgi_app), "jyj_editor").status_int == 401


def test_revoke_sessions_on_role_change(client, wsgi_app, actions):
    post_login(client, "jyj_editor", status=302)
    write_root(
        wsgi_app,
        lambda root: revoke_sessions(
            root["principals"]["users"]["jyj_editor"], _request(wsgi_app), "roles"
        ),
    )
    assert not signed_in(client)
    assert ("session.revoke", "jyj_editor", "success", None) in actions


def test_ticket_without_version_is_refused(wsgi_app):
    from pyramid.request import Request
    from pyramid.security import remember
    from substanced.util import get_oid

    from ..conftest import read_root

    oid = read_root(wsgi_app, lambda root: get_oid(root["principals"]["users"]["jyj_editor"]))
    request = Request.blank("/")
    request.registry = wsgi_app.registry
    headers = remember(request, oid)  # as Substance D's own login did
    client = webtest.TestApp(wsgi_app)
    cookie = [v for k, v in headers if k == "Set-Cookie"][0].split(";")[0].split("=", 1)
    client.set_cookie(cookie[0], cookie[1].strip('"'))
    assert not signed_in(client)
