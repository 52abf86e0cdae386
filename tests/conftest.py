"""Shared fixtures: a demo site built once per session, copied for each test.

``site_template`` builds the demo site (portal, five departments, users)
into a FileStorage once; ``app`` copies it, so each test starts from the same
state and may change it freely.  Every demo user's password is set to
:data:`PASSWORD` in the template so tests can sign in through the login form.
"""

import re
import shutil

import pytest
import transaction
import webtest

from govportal import main
from govportal.bootstrap import create_site, site_session
from govportal.demo import build_demo
from govportal.settings import SOURCE_ROOT

PASSWORD = "Test-passw0rd!"


def make_settings(directory, **extra):
    directory.mkdir(parents=True, exist_ok=True)
    settings = {
        "zodbconn.uri": f"file://{directory}/Data.fs?blobstorage_dir={directory}/blobs",
        "govportal.workflows_dir": str(SOURCE_ROOT / "workflows"),
        "govportal.skins_dir": str(SOURCE_ROOT / "skins"),
        "substanced.secret": "test-secret-" + directory.name,
        "substanced.uploads_tempdir": str(directory / "tmp"),
        "pyramid.reload_templates": "false",
        "govportal.mail.delivery": "memory",
        # deliberately not the test client's host: links that leave the
        # request must come from here, never from the Host header
        "govportal.public_url": "https://www.yingshan.gov.cn",
        # No background scheduler rounds in the middle of a test (they could
        # commit): tests call run_due / send_reminders, or turn the thread on.
        "govportal.schedule.worker": "off",
    }
    settings.update(extra)
    return settings


def read_root(app, fn):
    """``fn(root)`` in a fresh connection that sees what requests committed
    (its own transaction manager, aborted afterwards: it changes nothing)."""
    db = app.registry._zodb_databases[""]
    conn = db.open(transaction_manager=transaction.TransactionManager())
    try:
        return fn(conn.root()["app_root"])
    finally:
        conn.transaction_manager.abort()
        conn.close()


def close_app(app):
    """Stop the app's background indexer, then close its databases."""
    from govportal.bootstrap import close_app as close

    close(app)


@pytest.fixture(scope="session")
def site_template(tmp_path_factory):
    """Directory holding a FileStorage with the demo site (known passwords)."""
    directory = tmp_path_factory.mktemp("site-template")
    app = main({}, **make_settings(directory))
    try:
        with site_session(app.registry) as (zodb_root, request):
            root, _password = create_site(zodb_root, request)
            build_demo(root, request)
            for user in root["principals"]["users"].values():
                user.set_password(PASSWORD)
    finally:
        transaction.abort()
        close_app(app)
    return directory


@pytest.fixture
def app_settings(site_template, tmp_path):
    """Settings of a fresh copy of the demo site."""
    directory = tmp_path / "site"
    shutil.copytree(site_template, directory)
    return make_settings(directory)


@pytest.fixture
def wsgi_app(app_settings):
    app = main({}, **app_settings)
    yield app
    close_app(app)


@pytest.fixture
def testapp(wsgi_app):
    return webtest.TestApp(wsgi_app)


class Browser:
    """A webtest client that signs in through the SDI login form."""

    def __init__(self, wsgi_app):
        self.app = webtest.TestApp(wsgi_app)

    def login(self, login, password=PASSWORD):
        res = self.app.get("/manage/@@login", status=(200, 403))
        token = csrf_token(res.text)
        res = self.app.post(
            "/manage/@@login",
            {"login": login, "password": password, "csrf_token": token, "form.submitted": "1"},
        )
        assert res.status_int == 302, f"login failed for {login}"
        return self

    def csrf(self, path="/manage/@@login"):
        """The session's CSRF token (read from a page that renders it)."""
        res = self.app.get(path, status="*")
        return csrf_token(res.text)

    def __getattr__(self, name):
        return getattr(self.app, name)


def csrf_token(html):
    match = re.search(r'name="csrf_token"\s+(?:type="hidden"\s+)?value="([^"]+)"', html)
    if match is None:
        match = re.search(r'value="([^"]+)"\s+name="csrf_token"', html)
    if match is None:
        match = re.search(r'name="_csrf_token_"[^>]*value="([^"]+)"', html)
    assert match, "no CSRF token on the page"
    return match.group(1)


@pytest.fixture
def browser(wsgi_app):
    """Factory: ``browser('jyj_editor')`` is a client signed in as that user."""

    def make(login=None):
        b = Browser(wsgi_app)
        if login is not None:
            b.login(login)
        return b

    return make
