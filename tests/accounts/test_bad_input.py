"""Whatever a client sends to the sign-in pages: a 4xx, never a 500, and no
sign-in."""

import pytest
from webob import Request

from ..conftest import csrf_token
from .conftest import signed_in

PATHS = ["/@@login", "/@@login-totp", "/@@totp", "/@@password", "/@@reset-password", "/@@logout"]


def raw(wsgi_app, path, method="GET", body=None, cookies=""):
    req = Request.blank(path, method=method)
    if cookies:
        req.headers["Cookie"] = cookies
    if body is not None:
        req.content_type = "application/x-www-form-urlencoded"
        req.body = body
    return req.get_response(wsgi_app)


@pytest.mark.parametrize(
    "query",
    [
        "came_from=%ff",
        "came_from=javascript:alert(1)",
        "came_from=//evil.example",
        "token=%ff",
        "x=" + "a" * 5000,
    ],
)
def test_odd_queries_never_500(wsgi_app, query):
    for path in PATHS:
        res = raw(wsgi_app, f"{path}?{query}")
        assert res.status_int < 500, (path, query, res.status)
        assert "javascript:" not in res.text and "evil.example" not in res.text


def test_odd_bodies_never_500_and_never_sign_in(client, wsgi_app, waits):
    token = csrf_token(client.get("/@@login").text)
    cookies = "; ".join(f"{c.name}={c.value}" for c in client.cookiejar)
    bodies = [
        b"login=%ff&password=x&csrf_token=" + token.encode(),
        b"login=jyj_editor&password=" + b"x" * 100_000 + b"&csrf_token=" + token.encode(),
        b"login=&password=&csrf_token=" + token.encode(),
        b"login=jyj_editor&login=admin&password=a&password=b&csrf_token=" + token.encode(),
        b"code=%ff&csrf_token=" + token.encode(),
        b"\xff\xfe" * 50,
        b"token=" + b"A" * 300 + b"&new_password=x&csrf_token=" + token.encode(),
    ]
    for path in PATHS:
        for body in bodies:
            res = raw(wsgi_app, path, "POST", body, cookies)
            assert res.status_int < 500, (path, body[:40], res.status)
            assert "auth_tkt=" not in res.headers.get(
                "Set-Cookie", ""
            ) or "Max-Age=0" in res.headers.get("Set-Cookie", "")
    assert not signed_in(client)
