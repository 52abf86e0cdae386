"""Helpers of the interview tests: the demo's two interviews, forms read and
posted over HTTP, and changes made in a site session of the test's app."""

import re
from contextlib import contextmanager

from substanced.util import get_oid

from govportal.bootstrap import request_as, site_session
from govportal.interaction.contributions.model import find_box

from ...conftest import csrf_token

PAST = "/hdjl/zxft/zxft-2026-jiaoyu"
COMING = "/hdjl/zxft/zxft-2026-yiliao"
TOKEN = re.compile(r'name="submission_token" value="([^"]*)"')


def wsgi_of(app):
    while not hasattr(app, "registry"):
        app = app.app
    return app


def form_fields(html):
    return {"csrf_token": csrf_token(html), "submission_token": TOKEN.search(html).group(1)}


def post_question(app, path=COMING, status=303, text="乡镇卫生院能做胃镜检查吗？", **extra):
    page = app.get(path)
    fields = dict(form_fields(page.text), text=text, name="刘先生", phone="13800138000")
    fields.update(extra)
    return app.post(path + "/@@question", fields, status=status)


@contextmanager
def session(app, login=None):
    """``(root, request)`` of the app's database, committed at the end;
    ``login``: the request is that user's."""
    with site_session(wsgi_of(app).registry) as (zodb_root, request):
        root = zodb_root["app_root"]
        if login is not None:
            request = request_as(request, get_oid(root["principals"]["users"][login]))
        yield root, request


def resource(root, path):
    node = root
    for part in path.strip("/").split("/"):
        node = node[part]
    return node


def questions_of(root, path):
    box = find_box(resource(root, path))
    return list(box.values()) if box is not None else []
