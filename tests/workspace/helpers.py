"""HTTP helpers of the workspace tests: forms filled the way a browser does."""

import re

from tests.conftest import csrf_token

#: The education bureau's 工作动态 column.
COLUMN = "/jyj/gzdt/"


def add_form(client, column=COLUMN, status=200):
    return client.get(column + "@@ws-add", status=status)


def fill(form, **fields):
    for name, value in fields.items():
        form[name] = value
    return form


def create(client, column=COLUMN, upload=None, **fields):
    """Create a document through the add form; returns its public path."""
    form = add_form(client, column).forms["ws-document"]
    fields.setdefault("title", "关于开展校园安全检查的通知")
    fields.setdefault("body", "<p>请各校于本周内完成自查。</p>")
    fill(form, **fields)
    if upload is not None:
        form["upload"] = upload
    res = form.submit("save", status=303)
    path = re.sub(r"^https?://[^/]+", "", res.location)
    assert path.endswith("/@@ws-item"), path
    return path[: -len("@@ws-item")]


def open_and_lock(client, path):
    """Open the edit form of ``path`` and press 开始编辑 (the POST to
    ``@@lock`` that the form's script makes): opening alone locks nothing."""
    page = client.get(path + "@@ws-edit")
    offer = [f for f in page.forms.values() if (f.action or "").endswith("@@lock")][0]
    offer.submit(status=303)
    return client.get(path + "@@ws-edit")


def transition(client, path, name, comment="", status=303):
    page = client.get(path + "@@ws-item")
    return client.post(
        path + "@@ws-transition",
        {"transition": name, "comment": comment, "csrf_token": csrf_token(page.text)},
        status=status,
    )
