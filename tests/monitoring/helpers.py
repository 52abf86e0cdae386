"""Helpers shared by the monitoring tests: a copy of the site served by a
live server for the browser (axe) tests, and the site administrator signed
in (password, then the one-time code) on the clients of the concurrency
tests."""

import contextlib
import shutil

import govportal
from tests.browser.conftest import LiveServer
from tests.concurrency.writers import patient_clients
from tests.conftest import PASSWORD, close_app, csrf_token, make_settings, totp_code


@contextlib.contextmanager
def live_site(site_template, tmp_path_factory, name, **settings):
    """A fresh copy of the site template with ``settings``, served on a
    free port: ``(app, base_url)``; stopped and closed afterwards."""
    directory = tmp_path_factory.mktemp(name) / "site"
    shutil.copytree(site_template, directory)
    app = govportal.main({}, **dict(make_settings(directory), **settings))
    server = LiveServer(app).start()
    try:
        yield app, server.url
    finally:
        server.stop()
        close_app(app)


def sign_in_admin(client, app):
    """Sign ``client`` in as the administrator (password, then the code);
    its ``token`` is then the dashboard's CSRF token."""
    page = client.get("/@@login")
    fields = {"login": "admin", "password": PASSWORD, "csrf_token": csrf_token(page.text)}
    res = client.post("/@@login", fields)
    assert res.status == 302, res
    if res.headers["Location"].endswith("/@@login-totp"):
        token = csrf_token(client.get("/@@login-totp").text)
        res = client.post("/@@login-totp", {"code": totp_code(app, "admin"), "csrf_token": token})
        assert res.status == 302, res
    page = client.get("/@@monitoring")
    assert page.status == 200, page
    client.token = csrf_token(page.text)
    return client


def admin_clients(app, port, monkeypatch):
    """The concurrency tests' patient clients, all in one administrator's
    session (signed in once)."""
    first, *others = patient_clients(port, monkeypatch)
    sign_in_admin(first, app)
    for other in others:
        other.cookies, other.token = dict(first.cookies), first.token
    return [first, *others]
