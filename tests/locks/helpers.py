"""Helpers of the lock, schedule and bulk tests (HTTP first; the database
only to set up users, to read what was committed, or to let time pass)."""

from datetime import UTC, datetime, timedelta

import transaction
from pyramid.traversal import find_resource

from govportal.bootstrap import site_session
from govportal.schedule import run_due
from govportal.workflow.history import DISPLAY_TZ
from tests.conftest import PASSWORD, csrf_token
from tests.http.helpers import JSON, doc_path_from_location, document_fields, mgmt

COLUMN = "/jyj/gzdt/"


def add_user(wsgi_app, login, group):
    """A demo-like user in ``group`` (e.g. 教育局编辑), password PASSWORD."""
    with site_session(wsgi_app.registry) as (zodb_root, request):
        principals = zodb_root["app_root"]["principals"]
        user = principals.add_user(login, PASSWORD, f"{login}@localhost", registry=request.registry)
        principals["groups"][group].memberids.connect([user])


def in_db(wsgi_app, fn):
    """``fn(root)`` in a fresh connection; committed (for test set-up)."""
    with site_session(wsgi_app.registry) as (zodb_root, _request):
        return fn(zodb_root["app_root"])


def read(wsgi_app, path, fn):
    """``fn(item)`` for the item at ``path``, read-only in a fresh connection."""
    db = wsgi_app.registry._zodb_databases[""]
    conn = db.open(transaction_manager=transaction.TransactionManager())
    try:
        return fn(find_resource(conn.root()["app_root"], path))
    finally:
        conn.transaction_manager.abort()
        conn.close()


def run_scheduler(wsgi_app, now):
    """Run due scheduled work as of ``now`` and commit; the outcomes."""
    with site_session(wsgi_app.registry) as (zodb_root, request):
        return run_due(zodb_root["app_root"], request, now)


def local_now():
    return datetime.now(UTC).astimezone(DISPLAY_TZ).replace(second=0, microsecond=0)


def in_days(days, hour=9):
    """A whole minute ``days`` from now, China Standard Time."""
    return (local_now() + timedelta(days=days)).replace(hour=hour, minute=30)


def _datetime_fields(name, value):
    date, time = (value.strftime("%Y-%m-%d"), value.strftime("%H:%M")) if value else ("", "")
    return [
        ("__start__", f"{name}:mapping"),
        ("date", date),
        ("time", time),
        ("__end__", f"{name}:mapping"),
    ]


def add_document(client, title, column=COLUMN, effective=None, expiry=None, status=302):
    """Create a document through the SDI add form, with 定时发布时间 /
    定时下线时间 when given; returns its path (or the response if not 302)."""
    res = client.get(mgmt(column, "@@add_document"), status=200)
    token = csrf_token(res.text)
    fields = document_fields(token, title, "<p>正文</p>")
    button = fields.pop()
    fields += _datetime_fields("effective_date", effective)
    fields += _datetime_fields("expiry_date", expiry)
    fields.append(button)
    res = client.post(mgmt(column, "@@add_document"), fields, status="*")
    if status != 302:
        assert res.status_int == status, res.status
        return res
    assert res.status_int == 302, f"adding failed: {res.status}\n{res.text[:3000]}"
    return doc_path_from_location(res.location)


def post(client, path, view, status=200, **fields):
    """POST ``<path>/@@view`` asking for JSON, with the session's CSRF token."""
    fields.setdefault("csrf_token", client.csrf())
    return client.post(path.rstrip("/") + "/@@" + view, fields, headers=JSON, status=status)


def get_json(client, path, view, status=200):
    return client.get(path.rstrip("/") + "/@@" + view, headers=JSON, status=status)
