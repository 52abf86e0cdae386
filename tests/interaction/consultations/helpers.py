"""Helpers of the consultation tests: the demo's two consultations, the
comment form read and posted over HTTP."""

import re

from ...conftest import csrf_token

OPEN = "/hdjl/yjzj/yjzj-2026-zhuxiao"
CLOSED = "/hdjl/yjzj/yjzj-2026-laonian"
REPORT = "/hdjl/yjzj/yjzj-2026-laonian-cnqk"

FIELDS = {
    "name": "陈女士",
    "phone": "13800138000",
    "email": "",
    "text": "建议第三条增加物业服务质量评价办法，每年公布一次。联系我：13912345678。",
    "consent": "yes",
}
TOKEN = re.compile(r'name="submission_token" value="([^"]*)"')


def form_fields(html):
    return {
        "csrf_token": csrf_token(html),
        "submission_token": TOKEN.search(html).group(1),
    }


def post_comment(app, path=OPEN, status=200, extra_environ=None, **changes):
    """GET the page, POST a comment (``changes`` over :data:`FIELDS`)."""
    page = app.get(path, extra_environ=extra_environ)
    fields = dict(form_fields(page.text), **FIELDS)
    fields.update(changes)
    fields = {k: v for k, v in fields.items() if v is not None}
    return app.post(path + "/@@comment", fields, status=status, extra_environ=extra_environ)
