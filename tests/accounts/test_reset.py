"""One-time reset links: public URL (never the Host header), single use,
expiring, under the password policy."""

from datetime import timedelta
from urllib.parse import urlsplit

from govportal.accounts import issue_reset_link
from govportal.accounts.state import utcnow

from ..conftest import PASSWORD, csrf_token, read_root
from .conftest import error_text, post_login, write_root

NEW = "Qz7-lantern-orbit"


def _issue(wsgi_app, login="jyj_editor", host="evil.example"):
    from pyramid.request import Request

    request = Request.blank("/", headers={"Host": host}, base_url=f"http://{host}")
    request.registry = wsgi_app.registry
    return write_root(
        wsgi_app, lambda root: issue_reset_link(root["principals"]["users"][login], request)
    )


def _path(link):
    parts = urlsplit(link)
    return parts.path + "?" + parts.query


def use(client, link, password=NEW, status="*"):
    page = client.get(_path(link), status="*")
    if page.status_int != 200:
        return page
    token = page.html.find("input", attrs={"name": "token"})["value"]
    return client.post(
        "/@@reset-password",
        {
            "token": token,
            "new_password": password,
            "confirm_password": password,
            "csrf_token": csrf_token(page.text),
        },
        status=status,
    )


def test_link_uses_the_public_url_even_with_a_forged_host(wsgi_app, actions):
    link = _issue(wsgi_app, host="attacker.example")
    assert link.startswith("https://www.yingshan.gov.cn/@@reset-password?token=")
    assert "attacker" not in link
    assert "password.reset_link" in [a[0] for a in actions]
    assert all("token" not in str(a) or a[0] != "password.reset_link" for a in actions)


def test_only_the_hash_is_stored(wsgi_app):
    import hashlib

    link = _issue(wsgi_app)
    token = link.split("token=")[1]
    stored = read_root(
        wsgi_app, lambda root: root["principals"]["users"]["jyj_editor"].reset_token_hash
    )
    assert stored == hashlib.sha256(token.encode()).hexdigest() and token not in stored


def test_link_sets_a_password_once(client, wsgi_app, actions):
    link = _issue(wsgi_app)
    page = client.get(_path(link))
    assert page.headers["Referrer-Policy"] == "no-referrer" and 'name="new_password"' in page.text
    res = use(client, link, status=302)
    assert res.location.endswith("/@@login")
    assert post_login(client, "jyj_editor", NEW).status_int == 302
    assert "password.reset" in [a[0] for a in actions]
    # single use
    assert client.get(_path(link), status=404)
    assert use(client, link).status_int == 404


def test_link_refuses_weak_passwords(client, wsgi_app):
    link = _issue(wsgi_app)
    res = use(client, link, password="short")
    assert res.status_int == 400 and "至少需要" in error_text(res)
    res = use(client, link, password=PASSWORD)  # the current one
    assert res.status_int == 400 and "最近 5 次" in error_text(res)


def test_link_expires(client, wsgi_app):
    link = _issue(wsgi_app)

    def age(root):
        root["principals"]["users"]["jyj_editor"].reset_token_expires = utcnow() - timedelta(
            seconds=1
        )

    write_root(wsgi_app, age)
    assert client.get(_path(link), status=404)


def test_a_new_link_replaces_the_old_one(client, wsgi_app):
    first = _issue(wsgi_app)
    _issue(wsgi_app)
    assert client.get(_path(first), status=404)


def test_wrong_token_posted_is_refused(client):
    token = csrf_token(client.get("/@@login").text)
    res = client.post(
        "/@@reset-password",
        {"token": "forged", "new_password": NEW, "confirm_password": NEW, "csrf_token": token},
        status=400,
    )
    assert "无效" in res.text
