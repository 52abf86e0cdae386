"""Fixtures of the accounts tests: sign-in by HTTP, counted bcrypt checks,
recorded waits instead of real ones, recorded actions."""

import re

import bcrypt
import pytest
import transaction
import webtest

from govportal.accounts import lockout
from govportal.security.events import ActionRecorded

from ..conftest import PASSWORD, csrf_token


@pytest.fixture
def client(wsgi_app):
    return webtest.TestApp(wsgi_app)


def post_login(client, login, password=PASSWORD, status="*", **extra):
    """POST the login form as a browser would; returns the answer."""
    token = csrf_token(client.get("/@@login").text)
    fields = {"login": login, "password": password, "csrf_token": token, **extra}
    return client.post("/@@login", fields, status=status)


def write_root(app, fn):
    """``fn(root)`` in a connection of its own, committed."""
    db = app.registry._zodb_databases[""]
    manager = transaction.TransactionManager()
    conn = db.open(transaction_manager=manager)
    try:
        manager.begin()
        result = fn(conn.root()["app_root"])
        manager.commit()
        return result
    finally:
        conn.close()


def auth_cookie(client):
    return client.cookies.get("auth_tkt")


def signed_in(client):
    """True when the client's ticket is accepted (the workspace answers)."""
    res = client.get("/@@workspace", status="*")
    return res.status_int == 200


@pytest.fixture
def waits(monkeypatch):
    """The equal-delay waits, recorded instead of slept."""
    recorded = []
    monkeypatch.setattr(lockout, "sleep", recorded.append)
    return recorded


@pytest.fixture
def bcrypt_calls(monkeypatch):
    """Every bcrypt password check, counted (they still run)."""
    calls = []
    real = bcrypt.checkpw

    def counting(password, hashed):
        calls.append(1)
        return real(password, hashed)

    monkeypatch.setattr(bcrypt, "checkpw", counting)
    return calls


@pytest.fixture
def actions(wsgi_app):
    """Every ActionRecorded during the test: [(action, target, result, actor)]."""
    seen = []

    def note(event):
        seen.append((event.action, event.target, event.result, event.actor))

    wsgi_app.registry.registerHandler(note, (ActionRecorded,))
    yield seen
    wsgi_app.registry.unregisterHandler(note, (ActionRecorded,))


def error_text(res):
    match = re.search(r'class="ws-errors"[^>]*>(.*?)</div>', res.text, re.S)
    return re.sub(r"<[^>]+>", "", match.group(1)).strip() if match else ""
