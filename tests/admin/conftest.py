"""Fixtures of the 管理 tests: the three administrators (三员) and clients
signed in as each role.

The demo template may not hold accounts for the 三员 yet; :func:`trio`
creates ``sysadmin``, ``secadmin`` and ``auditadmin`` in the test's copy of
the site, each with its duty role granted at the portal root (as
``govportal-init`` would), and the known password and second factor.
"""

import pytest
from substanced.util import get_oid

from govportal.bootstrap import site_session
from govportal.security.localroles import grant_roles
from tests.conftest import PASSWORD, read_root

#: login -> duty role of the three administrators
TRIO = {"sysadmin": "system_admin", "secadmin": "security_admin", "auditadmin": "audit_admin"}

#: role -> a login holding it (the demo users, and the trio)
LOGINS = {
    "editor": "jyj_editor",
    "reviewer": "jyj_reviewer",
    "auditor": "auditor",
    "site_admin": "admin",
    "system_admin": "sysadmin",
    "security_admin": "secadmin",
    "audit_admin": "auditadmin",
}
ROLES = ("anonymous",) + tuple(LOGINS)


def _credentials(user, request):
    try:
        from tests.conftest import known_credentials
    except ImportError:  # before sign-in moved to /@@login
        user.set_password(PASSWORD)
        return
    known_credentials(user, request)


def add_trio(app):
    """Create the 三员 accounts that the template lacks (idempotent)."""
    with site_session(app.registry) as (zodb_root, request):
        root = zodb_root["app_root"]
        principals = root["principals"]
        for login, role in TRIO.items():
            if login in principals["users"]:
                continue  # govportal-init created it (in its duty group)
            user = principals.add_user(login, PASSWORD, f"{login}@localhost", registry=app.registry)
            grant_roles(root, get_oid(user), role)
            _credentials(user, request)


@pytest.fixture
def trio(wsgi_app):
    """The site with the 三员 accounts; returns :data:`LOGINS`."""
    add_trio(wsgi_app)
    return dict(LOGINS)


@pytest.fixture
def client(browser, trio):
    """Factory: ``client('system_admin')`` is signed in as that role's login
    (``'anonymous'``: not signed in)."""

    def make(role):
        return browser(None if role == "anonymous" else LOGINS[role])

    return make


@pytest.fixture
def sysadmin(client):
    return client("system_admin")


@pytest.fixture
def secadmin(client):
    return client("security_admin")


def user_oid(app, login):
    return read_root(app, lambda root: get_oid(root["principals"]["users"][login]))


def place_oid(app, path):
    """The oid of the place at ``path`` (``""`` is the root, ``"jyj/gzdt"`` a column)."""

    def find(root):
        node = root
        for name in [p for p in path.split("/") if p]:
            node = node[name]
        return get_oid(node)

    return read_root(app, find)


def add_plain_user(app, login, **profile):
    """A user with the known password and no role anywhere; returns its oid."""
    with site_session(app.registry) as (zodb_root, request):
        root = zodb_root["app_root"]
        user = root["principals"].add_user(
            login, PASSWORD, f"{login}@localhost", registry=app.registry
        )
        for name, value in profile.items():
            setattr(user, name, value)
        _credentials(user, request)
        oid = get_oid(user)
    return oid
