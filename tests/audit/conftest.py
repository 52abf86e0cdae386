"""Fixtures of the audit tests: a bare audit log, and users holding each of
the 三员 roles (created here until the demo template has them)."""

import pytest
import transaction
from pyramid.threadlocal import manager
from substanced.util import get_oid
from ZODB import DB
from ZODB.FileStorage import FileStorage

from govportal.audit.store import AuditLog, _root
from govportal.bootstrap import site_session
from govportal.security.localroles import grant_roles
from tests.conftest import PASSWORD

try:
    from tests.conftest import known_credentials
except ImportError:  # the accounts' sign-in is not in yet
    known_credentials = None

#: login -> global role granted at the root (besides the demo users)
STAFF = {
    "t_sysadmin": "system_admin",
    "t_secadmin": "security_admin",
    "t_auditadmin": "audit_admin",
}


@pytest.fixture
def audit_db(tmp_path):
    db = DB(FileStorage(str(tmp_path / "Audit.fs")))
    yield db
    db.close()


@pytest.fixture
def audit_log(audit_db):
    return AuditLog(audit_db)


def fields(i=0, **kw):
    values = {
        "actor": f"user{i}",
        "actor_id": str(1000 + i),
        "address": "10.0.0.1",
        "action": "account.update",
        "target": f"/principals/users/user{i}",
        "result": "success",
        "details": {"n": i, "名称": "测试"},
    }
    values.update(kw)
    return values


def tamper(db, fn):
    """``fn(audit_root)`` in a connection of its own, committed: what someone
    with write access to the database file could do."""
    tm = transaction.TransactionManager()
    conn = db.open(transaction_manager=tm)
    try:
        tm.begin()
        fn(_root(conn))
        tm.commit()
    finally:
        conn.close()


def all_entries(app):
    """Every entry of the app's audit log (dicts, oldest first)."""
    with app.registry.govportal_audit.reading() as root:
        if root is None:
            return []
        return [e.as_dict() for e in root.entries.values()]


def add_staff(app, login, role):
    """Create user ``login`` (password PASSWORD) holding ``role`` at the root."""
    with site_session(app.registry) as (zodb_root, request):
        manager.push({"registry": app.registry, "request": request})
        try:
            root = zodb_root["app_root"]
            principals = root["principals"]
            user = principals.add_user(login, PASSWORD, f"{login}@localhost", registry=app.registry)
            grant_roles(root, get_oid(user), role)
            if known_credentials is not None:  # password policy, second factor
                known_credentials(user, request)
        finally:
            manager.pop()


@pytest.fixture
def staff(wsgi_app):
    """The 三员 test users (see :data:`STAFF`) in the site."""
    for login, role in STAFF.items():
        add_staff(wsgi_app, login, role)
    return STAFF
