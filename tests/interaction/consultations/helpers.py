"""Helpers of the consultation tests: the demo's two consultations, the
comment form read and posted over HTTP, the workspace form filled, values
written straight in the database."""

import re

import transaction

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


def fill_form(form, title, opens_on, closes_on):
    """Fill the workspace's consultation form (a webtest form)."""
    form["title"] = title
    form["summary"] = "县交通运输局起草，征求社会意见。"
    form["body"] = "<p>第一条 为规范城区公交运营。</p><script>alert(1)</script>"
    form.set("date", opens_on.isoformat(), index=0)
    form.set("date", closes_on.isoformat(), index=1)
    form["contact"] = "县交通运输局 0817-8220000"
    radio = next(
        name for name, fields in form.fields.items() if type(fields[0]).__name__ == "Radio"
    )
    form[radio] = "moderated"


def write_values(wsgi_app, path, **values):
    """Set ``values`` on the item at ``path`` straight in the database."""
    db = wsgi_app.registry._zodb_databases[""]
    conn = db.open(transaction_manager=transaction.TransactionManager())
    try:
        node = conn.root()["app_root"]
        for part in path.strip("/").split("/"):
            node = node[part]
        for name, value in values.items():
            setattr(node, name, value)
        conn.transaction_manager.commit()
    finally:
        conn.close()
