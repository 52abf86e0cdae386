"""Helpers of the case-engine tests: a session on a copy of the demo site,
requests signed in as its users, a guide, a dated today, mail and SMS."""

import hashlib
import itertools
from datetime import date

import pytest
from pyramid.request import Request, apply_request_extensions
from pyramid_mailer import get_mailer
from substanced.util import get_oid

from govportal.bootstrap import request_as, site_session
from govportal.security.localroles import grant_roles
from govportal.services import clock
from tests.conftest import PASSWORD

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
APPLICANT = {
    "type": "person",
    "name": "张三",
    "id_number": "11010519491231002X",
    "phone": "13800138000",
    "email": "zhangsan@example.com",
}
SUPERVISOR = "supervisor1"
_keys = itertools.count(1)


class Token:
    """What actions.submit needs of a submission token: a ledger key and
    derived bytes (the real Submission has the same two)."""

    def __init__(self, key=None):
        self.key = key or f"test-token-{next(_keys)}"

    def derive(self, purpose, length=32):
        return hashlib.sha256(f"{self.key}|{purpose}".encode()).digest()[:length]


class SMS:
    def __init__(self):
        self.sent = []

    def send(self, phone, text):
        self.sent.append((phone, text))


class World:
    """An open session on the demo site: users' requests, guides, today."""

    def __init__(self, zodb_root, request, monkeypatch):
        self.root = zodb_root["app_root"]
        self.base = request
        self.registry = request.registry
        self.monkeypatch = monkeypatch
        self._requests = {}
        self._guides = itertools.count(1)
        self.sms = SMS()
        monkeypatch.setattr("govportal.notify.sms.get_sender", lambda registry: self.sms)
        self.set_today(date(2026, 9, 25))

    # -- time ------------------------------------------------------------
    def set_today(self, day):
        self.today = day
        self.monkeypatch.setattr(clock, "today", lambda: self.today)

    # -- people ----------------------------------------------------------
    @property
    def users(self):
        return self.root["principals"]["users"]

    def add_user(self, login, groups=(), roles=()):
        if login not in self.users:
            user = self.root["principals"].add_user(
                login, PASSWORD, f"{login}@localhost", registry=self.registry
            )
            for name in groups:
                self.root["principals"]["groups"][name].memberids.connect([user])
            if roles:
                grant_roles(self.root, get_oid(user), *roles)
        return self.users[login]

    def supervisor(self):
        self.add_user(SUPERVISOR, roles=("supervisor",))
        return self.as_(SUPERVISOR)

    def as_(self, login=None):
        """A request signed in as ``login`` (anonymous for None)."""
        if login not in self._requests:
            if login is None:
                request = Request.blank("/")
                request.registry = self.registry
                apply_request_extensions(request)
                request._primary_zodb_conn = self.base._primary_zodb_conn
                request.root = request.context = self.root
            else:
                request = request_as(self.base, get_oid(self.users[login]))
            self._requests[login] = request
        return self._requests[login]

    # -- content ---------------------------------------------------------
    def guide(self, site="jyj", co=("wjj", "rsj"), promised=5, legal=20, **kw):
        """A service guide stored in ``site`` (no column needed by the engine)."""
        name = f"guide-{next(self._guides)}"
        values = dict(
            title="民办学校办学许可",
            item_type="licence",
            co_departments=tuple(co),
            promised_days=promised,
            legal_days=legal,
            online_mode="here",
            result_name="民办学校办学许可证",
            certificate=True,
            form_fields=(
                {"name": "school", "label": "学校名称", "kind": "text", "required": True},
                {"name": "licence", "label": "场地证明", "kind": "file", "required": True},
            ),
        )
        values.update(kw)
        container = self.root[site] if site else self.root
        container[name] = self.registry.content.create("ServiceGuide", **values)
        return container[name]

    def outbox(self):
        return get_mailer(self.registry).outbox


def pdf(name="材料.pdf"):
    return (name, PDF, "application/pdf")


@pytest.fixture
def world(wsgi_app, monkeypatch):
    with site_session(wsgi_app.registry, commit=False) as (zodb_root, request):
        yield World(zodb_root, request, monkeypatch)
