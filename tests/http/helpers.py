"""Shared helpers for the HTTP tests: SDI forms, workflow endpoints, checks.

Every helper talks to the application through HTTP only (a webtest client,
usually a :class:`tests.conftest.Browser` signed in as some user), the way a
browser or a script would.
"""

import re
from urllib.parse import urlsplit

import transaction
from webtest import TestApp, Upload

from tests.conftest import csrf_token

JSON = {"Accept": "application/json"}

#: A real (tiny, valid) one-page PDF.
PDF_BYTES = (
    b"%PDF-1.4\n"
    b"1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n"
    b"0000000052 00000 n \n0000000101 00000 n \n"
    b"trailer<</Size 4/Root 1 0 R>>\nstartxref\n165\n%%EOF\n"
)

#: The statuses a refusal may have: forbidden or not found, never 200 or 500.
REFUSED = (403, 404)


def mgmt(path, view=""):
    """The SDI URL of a public ``path`` (``/jyj/gzdt/x/`` -> ``/manage/jyj/gzdt/x/``)."""
    return "/manage" + path.rstrip("/") + "/" + view


def doc_path_from_location(location):
    """Public path of an item from the SDI redirect after adding it."""
    path = urlsplit(location).path
    assert path.startswith("/manage/"), location
    path = path[len("/manage") :]
    path = re.sub(r"@@[^/]*$", "", path)
    return path if path.endswith("/") else path + "/"


# -- documents ---------------------------------------------------------------


def document_fields(token, title, body="", button="add", **extra):
    """The fields of the SDI add/edit document form, in the deform order.

    ``token`` is the session's CSRF token (sent as deform's ``_csrf_token_``
    and as Pyramid's ``csrf_token``).  Dates are deform mappings; ``button``
    is ``add`` for the add form and ``save`` for the property sheet.
    """
    values = {
        "source": "",
        "author": "",
        "index_number": "",
        "topic": "",
        "publisher": "",
        "written_date": "",
        "publish_date": "",
        "doc_number": "",
        "validity": "valid",
    }
    values.update(extra)
    return [
        ("_charset_", "UTF-8"),
        ("__formid__", "deform"),
        ("_csrf_token_", token),
        ("csrf_token", token),
        ("title", title),
        ("body", body),
        ("source", values["source"]),
        ("author", values["author"]),
        ("index_number", values["index_number"]),
        ("topic", values["topic"]),
        ("publisher", values["publisher"]),
        ("__start__", "written_date:mapping"),
        ("date", values["written_date"]),
        ("__end__", "written_date:mapping"),
        ("__start__", "publish_date:mapping"),
        ("date", values["publish_date"]),
        ("__end__", "publish_date:mapping"),
        ("doc_number", values["doc_number"]),
        ("validity", values["validity"]),
        (button, button),
    ]


def add_document(client, column, title, body="<p>正文</p>", **extra):
    """Create a document in ``column`` (public path) through the workspace form.

    Reads the form (and its CSRF token) as ``client`` would, posts it and
    returns the new document's public path, e.g. ``/jyj/gzdt/20240101-abc123/``.
    ``extra`` names further fields of the form (``source``, ``written_date`` …).
    """
    res = client.get(column.rstrip("/") + "/@@ws-add", status=200)
    form = res.forms["ws-document"]
    form["title"] = title
    form["body"] = body
    for name, value in extra.items():
        form[name] = value
    res = form.submit("save", status="*")
    assert res.status_int == 303, f"adding a document failed: {res.status}\n{res.text[:2000]}"
    return item_path_from_location(res.location)


def item_path_from_location(location):
    """Public path of an item from a workspace redirect (``…/@@ws-item``)."""
    path = urlsplit(location).path
    path = re.sub(r"@@[^/]*$", "", path)
    return path if path.endswith("/") else path + "/"


# -- workflow ----------------------------------------------------------------


def transition(client, path, name, comment="", expected_state=None, token=None, status=200):
    """POST ``<path>/@@transition`` asking for JSON; returns the response."""
    if token is None:
        token = client.csrf() if hasattr(client, "csrf") else ""
    fields = {"transition": name, "comment": comment, "csrf_token": token}
    if expected_state is not None:
        fields["expected_state"] = expected_state
    return client.post(path.rstrip("/") + "/@@transition", fields, headers=JSON, status=status)


def sdi_transition(client, path, name, comment="", token=None, status="*"):
    """POST the SDI workflow tab (``/manage/<path>/@@workflows``)."""
    if token is None:
        token = client.csrf()
    fields = {
        "wfid": "main",
        "transition": name,
        "comment": comment,
        "csrf_token": token,
        "submit": "执行",
    }
    return client.post(mgmt(path, "@@workflows"), fields, status=status)


def history(client, path):
    """The ``@@history`` JSON of ``path`` as ``client`` (who must may see it)."""
    res = client.get(path.rstrip("/") + "/@@history", headers=JSON, status=200)
    return res.json


def state_of(client, path):
    return history(client, path)["state"]


def publish(editor, reviewer, column, title, body="<p>正文</p>", **extra):
    """Create a document as ``editor``, submit it and approve it as ``reviewer``."""
    path = add_document(editor, column, title, body, **extra)
    transition(editor, path, "submit")
    transition(reviewer, path, "approve")
    return path


# -- attachments -------------------------------------------------------------


def attachment_fields(token, filename, content, title=""):
    """The fields of the SDI add-attachment form (a deform file upload mapping)."""
    return [
        ("_charset_", "UTF-8"),
        ("__formid__", "deform"),
        ("_csrf_token_", token),
        ("csrf_token", token),
        ("title", title),
        ("__start__", "file:mapping"),
        ("upload", Upload(filename, content)),
        ("__end__", "file:mapping"),
        ("add", "add"),
    ]


def post_attachment(client, doc, filename, content, title="", status="*"):
    """Upload a file to ``doc`` through the workspace edit form; returns the
    response of the save."""
    res = client.get(doc.rstrip("/") + "/@@ws-edit", status=200)
    form = res.forms["ws-document"]
    form["upload"] = Upload(filename, content)
    return form.submit("save", status=status)


def add_attachment(client, doc, filename, content, title=""):
    """Upload an attachment to ``doc``; returns its public path (no trailing slash)."""
    app = client.app if isinstance(client.app, TestApp) else client
    before = set((stored(app.app, doc) or {}).get("names", ()))
    res = post_attachment(client, doc, filename, content, title)
    assert res.status_int == 303, f"upload failed: {res.status}\n{res.text[:2000]}"
    added = sorted(set(stored(app.app, doc)["names"]) - before)
    assert len(added) == 1, added
    return doc.rstrip("/") + "/" + added[0]


# -- looking into the database (read-only, after the requests committed) -----


def stored(wsgi_app, path):
    """A dict describing what the database holds at public ``path``, or None.

    Reads through a fresh connection with its own transaction manager, so it
    sees what the requests committed and cannot change anything.
    """
    db = wsgi_app.registry._zodb_databases[""]
    conn = db.open(transaction_manager=transaction.TransactionManager())
    try:
        node = conn.root()["app_root"]
        for name in [n for n in path.strip("/").split("/") if n]:
            if name not in node:
                return None
            node = node[name]
        return {
            "names": sorted(node.keys()) if hasattr(node, "keys") else [],
            "titles": sorted(getattr(v, "title", "") for v in node.values())
            if hasattr(node, "values")
            else [],
            "title": getattr(node, "title", None),
            "body": getattr(node, "body", None),
            "domain": getattr(node, "domain", None),
            "state": (getattr(node, "__workflow_state__", None) or {}).get("main"),
            "history": len(getattr(node, "__workflow_history__", ()) or ()),
        }
    finally:
        conn.transaction_manager.abort()
        conn.close()
