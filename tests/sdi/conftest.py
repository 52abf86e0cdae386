"""Fixtures of the SDI tests: the 三员 accounts, clients signed in as any
role, a published document with an attachment, and the audit records
(``ActionRecorded``) the application announced."""

from contextlib import contextmanager

import pytest
import transaction
from pyramid.threadlocal import manager
from substanced.util import get_oid

from govportal.bootstrap import request_as, site_session
from govportal.security.events import ActionRecorded
from govportal.security.localroles import effective_roles, grant_roles
from tests.conftest import known_credentials
from tests.http.helpers import JSON, add_attachment, publish, transition

#: one user per role (demo users; the 三员 are created if the template lacks them)
ROLE_USERS = {
    "anonymous": None,
    "editor": "jyj_editor",
    "reviewer": "jyj_reviewer",
    "auditor": "auditor",
    "site_admin": "admin",
    "system_admin": "sysadmin",
    "security_admin": "secadmin",
    "audit_admin": "auditadmin",
}
ADMIN_ROLES = {
    "sysadmin": "system_admin",
    "secadmin": "security_admin",
    "auditadmin": "audit_admin",
}

GATE_TEXT = "管理界面仅供系统管理员使用"
PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n"
    b"0000000052 00000 n \n0000000101 00000 n \n"
    b"trailer<</Size 4/Root 1 0 R>>\nstartxref\n165\n%%EOF\n"
)


def ensure_administrators(wsgi_app):
    """The 三员 with their role at the root (created when absent)."""
    with site_session(wsgi_app.registry) as (zodb_root, request):
        root = zodb_root["app_root"]
        principals = root["principals"]
        for login, role in ADMIN_ROLES.items():
            user = principals["users"].get(login)
            if user is None:
                user = principals.add_user(
                    login, "x" * 20, f"{login}@localhost", registry=wsgi_app.registry
                )
                known_credentials(user, request)
            if role not in effective_roles(root, [get_oid(user)]):
                grant_roles(root, get_oid(user), role)
    transaction.begin()


@pytest.fixture
def as_role(wsgi_app, browser):
    """Factory: ``as_role('system_admin')`` is a client signed in with that role."""
    ensure_administrators(wsgi_app)

    def make(role):
        return browser(ROLE_USERS[role])

    return make


@pytest.fixture
def sysadmin(as_role):
    return as_role("system_admin")


@pytest.fixture
def actions(wsgi_app):
    """The ``ActionRecorded`` events announced while the test runs."""
    seen = []
    wsgi_app.registry.registerHandler(seen.append, (ActionRecorded,))
    yield seen
    wsgi_app.registry.unregisterHandler(seen.append, (ActionRecorded,))


@pytest.fixture
def published_doc(browser):
    """A published document of 教育局 with one attachment: (path, attachment path)."""
    editor, reviewer = browser("jyj_editor"), browser("jyj_reviewer")
    from tests.http.helpers import add_document

    doc = add_document(editor, "/jyj/gzdt/", "已发布的通知")
    attachment = add_attachment(editor, doc, "通知.pdf", PDF_BYTES)
    transition(editor, doc, "submit")
    transition(reviewer, doc, "approve")
    return doc, attachment


def sdi_post(client, path, fields, status="*"):
    """POST ``fields`` to the SDI URL ``path`` with the session's CSRF token
    (as Substance D's forms and Pyramid's check both expect)."""
    token = client.csrf()
    data = dict(fields, csrf_token=token, _csrf_token_=token)
    return client.post(path, data, status=status)


__all__ = ["JSON", "publish", "sdi_post"]


@contextmanager
def acting_as(wsgi_app, login, commit=True):
    """``(root, request)`` of a request signed in as ``login`` and made the
    current one, as any view's would be: what a future path (an API, a
    script run in a request) would do.  Commits at the end if ``commit``."""
    with site_session(wsgi_app.registry, commit=commit) as (zodb_root, request):
        root = zodb_root["app_root"]
        user = root["principals"]["users"][login]
        acting = request_as(request, get_oid(user))
        manager.push({"registry": wsgi_app.registry, "request": acting})
        try:
            yield root, acting
        finally:
            manager.pop()
    transaction.begin()


def find(root, path):
    node = root
    for name in [n for n in path.strip("/").split("/") if n]:
        node = node[name]
    return node
