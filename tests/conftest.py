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
from tests import clock
from tests.browser.sessions import axe_source, chromium, playwright_instance  # noqa: F401

PASSWORD = "Test-passw0rd!"
#: the TOTP secret of every user who must sign in with a second factor
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def pytest_configure(config):
    """Every test process runs with ``TZ=UTC`` and the clock at 00:30 China
    time on 1 January (``tests/clock.py``; ``GOVPORTAL_TEST_CLOCK=real`` for
    the real clock)."""
    clock.start()


def pytest_unconfigure(config):
    clock.stop()


@pytest.fixture(autouse=True)
def _subprocess_tests_on_the_real_clock(request):
    """Tests marked ``storage`` or ``slow`` drive servers in subprocesses, which
    keep the real clock: they run on it too (``tests/clock.py``)."""
    if request.node.get_closest_marker("storage") or request.node.get_closest_marker("slow"):
        with clock.real():
            yield
    else:
        yield


def known_credentials(user, request):
    """Give ``user`` the known password (valid, no change forced) and, when
    a second factor is required, the known TOTP secret."""
    from govportal.accounts import requires_totp
    from govportal.accounts.state import utcnow

    user.set_password(PASSWORD)
    user.password_changed_at = utcnow()
    user.must_change_password = False
    if requires_totp(user, request):
        user.totp_secret = TOTP_SECRET


def totp_code(app, login):
    """A code for ``login``'s next unused time step (a code is accepted once)."""
    import time

    import pyotp

    totp = pyotp.TOTP(TOTP_SECRET)
    for _ in range(3):
        last = read_root(
            app, lambda root: getattr(root["principals"]["users"][login], "totp_last_step", -1)
        )
        current = totp.timecode(time.time())
        # the current step first: a code of the step before would be refused
        # if the clock crossed a step boundary before the server checked it
        step = max(current, (last if last is not None else -1) + 1)
        if step <= current + 1:
            return totp.generate_otp(step)
        time.sleep(totp.interval - time.time() % totp.interval + 0.1)
    raise AssertionError(f"no unused TOTP step for {login}")


def make_settings(directory, **extra):
    directory.mkdir(parents=True, exist_ok=True)
    settings = {
        "zodbconn.uri": f"file://{directory}/Data.fs?blobstorage_dir={directory}/blobs",
        # the audit trail's own database (govportal.audit)
        "zodbconn.uri.audit": f"file://{directory}/Audit.fs",
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


def build_template(directory, full=False):
    """Build the demo site (``full``: what ``govportal-demo`` builds, articles
    in every column) in a FileStorage under ``directory``, with the known
    passwords; returns ``directory``."""
    app = main({}, **make_settings(directory))
    try:
        with site_session(app.registry) as (zodb_root, request):
            root, _password = create_site(zodb_root, request)
            build_demo(root, request, full=full)
            for user in root["principals"]["users"].values():
                known_credentials(user, request)
    finally:
        transaction.abort()
        close_app(app)
    return directory


@pytest.fixture(scope="session")
def site_template(tmp_path_factory):
    """Directory holding a FileStorage with the demo site (known passwords)."""
    return build_template(tmp_path_factory.mktemp("site-template"))


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
    """A webtest client that signs in through our login form (``/@@login``,
    then ``/@@login-totp`` with :data:`TOTP_SECRET` where a code is asked)."""

    def __init__(self, wsgi_app):
        self.wsgi_app = wsgi_app
        self.app = webtest.TestApp(wsgi_app)

    def login(self, login, password=PASSWORD):
        res = self.app.get("/@@login")
        token = csrf_token(res.text)
        res = self.app.post(
            "/@@login", {"login": login, "password": password, "csrf_token": token}, status="*"
        )
        assert res.status_int == 302, f"login failed for {login}"
        if res.location.endswith("/@@login-totp"):
            token = csrf_token(self.app.get("/@@login-totp").text)
            code = totp_code(self.wsgi_app, login)
            res = self.app.post("/@@login-totp", {"code": code, "csrf_token": token}, status="*")
            assert res.status_int == 302, f"second factor refused for {login}"
        assert "/@@totp" not in res.location and "/@@password" not in res.location, res.location
        return self

    def csrf(self, path="/@@login"):
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
