"""Helpers of the lock, schedule and bulk tests (HTTP first; the database
only to set up users, to read what was committed, or to let time pass)."""

from datetime import UTC, datetime, timedelta

import transaction
from pyramid.traversal import find_resource

from govportal.bootstrap import site_session
from govportal.schedule import run_due
from govportal.workflow.history import DISPLAY_TZ
from tests.http import helpers
from tests.http.helpers import JSON, add_user  # noqa: F401 (add_user: used by the lock tests)

COLUMN = "/jyj/gzdt/"


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


def add_document(client, title, column=COLUMN, effective=None, expiry=None, status=303):
    """Create a document through the workspace form, with 定时发布时间 /
    定时下线时间 when given (China Standard Time); returns its path (or the
    response if ``status`` is not 303)."""
    return helpers.add_document(
        client,
        column,
        title,
        "<p>正文</p>",
        status=status,
        effective_date=effective,
        expiry_date=expiry,
    )


def post(client, path, view, status=200, **fields):
    """POST ``<path>/@@view`` asking for JSON, with the session's CSRF token."""
    fields.setdefault("csrf_token", client.csrf())
    return client.post(path.rstrip("/") + "/@@" + view, fields, headers=JSON, status=status)


def get_json(client, path, view, status=200):
    return client.get(path.rstrip("/") + "/@@" + view, headers=JSON, status=status)
