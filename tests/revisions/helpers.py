"""Helpers of the revision and working-copy tests."""

from contextlib import contextmanager

from pyramid.threadlocal import manager
from pyramid.traversal import find_resource
from substanced.util import get_oid

from govportal.bootstrap import request_as, site_session
from govportal.revisions import get_working_copy
from tests.conftest import read_root
from tests.http import helpers
from tests.http.helpers import JSON

COLUMN = "/jyj/gzdt/"
#: a second reviewer of 教育局 (four eyes needs two), see :func:`add_user`
SECOND_REVIEWER = "jyj_reviewer2"
#: the note of a revision saved through the workspace form
WS_NOTE = "在编辑工作台保存"


def add_user(wsgi_app, login, group="教育局审核"):
    """Create ``login`` in ``group`` with the tests' known credentials."""
    helpers.add_user(wsgi_app, login, group)


@contextmanager
def session_as(wsgi_app, login, commit=True):
    """``(root, request)``: a database session whose current request is
    signed in as ``login`` (subscribers see that user), committed at the end."""
    with site_session(wsgi_app.registry, commit=commit) as (zodb_root, base):
        root = zodb_root["app_root"]
        request = base
        if login is not None:
            request = request_as(base, get_oid(root["principals"]["users"][login]))
        manager.push({"registry": wsgi_app.registry, "request": request})
        try:
            yield root, request
        finally:
            manager.pop()


def read(wsgi_app, path, fn):
    """``fn(resource)`` for the resource at public ``path``, read after commit."""
    return read_root(wsgi_app, lambda root: fn(find_resource(root, path)))


def wc_path(path):
    return path.rstrip("/") + "/working-copy/"


def has_working_copy(wsgi_app, path):
    return read(wsgi_app, path, lambda doc: get_working_copy(doc) is not None)


def checkout(client, path, status=200):
    """POST ``@@working-copy-checkout`` as ``client`` (JSON)."""
    return client.post(
        path.rstrip("/") + "/@@working-copy-checkout",
        {"csrf_token": client.csrf()},
        headers=JSON,
        status=status,
    )


def edit(client, path, **fields):
    """Save the workspace edit form (``@@ws-edit``) of ``path`` with
    ``fields`` changed, as ``client`` (the save must succeed)."""
    return helpers.edit_document(client, path, **fields)
