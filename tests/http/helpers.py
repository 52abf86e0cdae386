"""Shared helpers for the HTTP tests: workspace forms, workflow endpoints,
checks (and the SDI forms, which only the system administrator reaches).

Every helper talks to the application through HTTP (a webtest client,
usually a :class:`tests.conftest.Browser` signed in as some user), the way a
browser or a script would.  The few steps that no staff page offers yet are
done in the database by helpers that say so (``no staff UI for this yet``).
"""

import io
import re
from datetime import date, datetime
from urllib.parse import urlsplit

import transaction
from pyramid.threadlocal import manager
from pyramid.traversal import find_resource
from substanced.event import ObjectModified
from substanced.util import get_oid
from webtest import TestApp, Upload
from webtest.forms import Select

from govportal.bootstrap import request_as, site_session
from tests.conftest import PASSWORD, csrf_token, known_credentials, read_root  # noqa: F401

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


#: the workspace's document form (``@@ws-add``, ``@@ws-edit``)
WS_FORM = "ws-document"


def form_value(value):
    """A Python value as the workspace form's inputs take it: dates as
    ``YYYY-MM-DD``, date-times as ``YYYY-MM-DDTHH:MM`` (China Standard Time,
    the zone the form shows), None as empty."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%dT%H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def fill(form, **fields):
    """Set ``fields`` on a webtest form; a select takes any value given (so
    tests can send values the page does not offer)."""
    for name, value in fields.items():
        value = form_value(value)
        field = form[name]
        if isinstance(field, Select) and value not in [o[0] for o in field.options]:
            field.force_value(value)
        else:
            form[name] = value
    return form


def add_document(client, column, title, body="<p>正文</p>", status=303, **extra):
    """Create a document in ``column`` (public path) through the workspace form.

    Reads the form (and its CSRF token) as ``client`` would, posts it and
    returns the new document's public path, e.g. ``/jyj/gzdt/20240101-abc123/``.
    ``extra`` names further fields of the form (``source``, ``written_date``,
    ``effective_date`` …; dates may be :class:`date`/:class:`datetime`).
    With another ``status`` than 303, returns the response instead.
    """
    res = client.get(column.rstrip("/") + "/@@ws-add", status=200)
    form = fill(res.forms[WS_FORM], title=title, body=body, **extra)
    res = form.submit("save", status="*")
    if status != 303:
        assert res.status_int == status, f"{res.status}\n{res.text[:2000]}"
        return res
    assert res.status_int == 303, f"adding a document failed: {res.status}\n{res.text[:2000]}"
    return item_path_from_location(res.location)


def edit_form(client, path):
    """The workspace edit form of ``path`` (``@@ws-edit``), opened as a
    browser does: the GET changes nothing, then the form's script takes the
    edit lock by a POST to ``@@lock`` (its 开始编辑 button without script)."""
    res = client.get(path.rstrip("/") + "/@@ws-edit", status=200)
    offers = [f for f in res.forms.values() if (f.action or "").endswith("@@lock")]
    if offers:
        offers[0].submit(status="*")
    return res.forms[WS_FORM]


def edit_document(client, path, status=303, **fields):
    """Change ``fields`` of the document at ``path`` through ``@@ws-edit``
    (open the form, change, save) and return the response of the save,
    which must have ``status`` (303: saved; 400 invalid; 409 stale;
    423 locked by someone else).  ``upload=Upload(...)`` adds an attachment."""
    form = fill(edit_form(client, path), **fields)
    res = form.submit("save", status="*")
    assert res.status_int == status, f"{res.status}\n{res.text[:2000]}"
    return res


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
    """Upload an attachment to ``doc``; returns its public path (no trailing slash).

    The workspace form names an attachment after its file; a ``title`` is
    set afterwards with :func:`set_attachment_title` (no staff UI for this yet).
    """
    app = client.app if isinstance(client.app, TestApp) else client
    before = set((stored(app.app, doc) or {}).get("names", ()))
    res = post_attachment(client, doc, filename, content, title)
    assert res.status_int == 303, f"upload failed: {res.status}\n{res.text[:2000]}"
    added = sorted(set(stored(app.app, doc)["names"]) - before)
    assert len(added) == 1, added
    path = doc.rstrip("/") + "/" + added[0]
    if title:
        set_attachment_title(app.app, path, title)
    return path


# -- steps no staff page offers yet (done in the database) -------------------


def as_user(wsgi_app, login, fn):
    """``fn(root, request)`` in a committed database session whose current
    request is signed in as ``login`` (None: nobody), so subscribers (last
    editor, revisions, history) see that user as a request would."""
    with site_session(wsgi_app.registry) as (zodb_root, base):
        root = zodb_root["app_root"]
        request = base
        if login is not None:
            request = request_as(base, get_oid(root["principals"]["users"][login]))
        manager.push({"registry": wsgi_app.registry, "request": request})
        try:
            return fn(root, request)
        finally:
            manager.pop()


def _last_editor_login(wsgi_app, path):
    """The login of the last editor of the document holding ``path``."""
    from govportal.workflow.guards import get_last_editor

    def find(root):
        node = find_resource(root, path)
        while node is not None and get_last_editor(node) is None:
            node = node.__parent__
        userid = get_last_editor(node) if node is not None else None
        for user in root["principals"]["users"].values():
            if get_oid(user) == userid:
                return user.__name__
        return None

    return read_root(wsgi_app, find)


def replace_attachment_file(wsgi_app, path, filename, content, login=None):
    """Replace the file of the attachment at ``path`` as ``login`` would.

    No staff UI for this yet: the workspace adds attachments but cannot
    replace one's file (the SDI sheet 替换文件 is the system administrator's
    only).  Does what that sheet did: :meth:`Attachment.replace` (a new
    blob, checked like an upload) and ``ObjectModified``.  ``login``
    defaults to the document's last editor.
    """
    login = login or _last_editor_login(wsgi_app, path)

    def replace(root, request):
        attachment = find_resource(root, path)
        attachment.replace(io.BytesIO(content), filename)
        request.registry.subscribers((ObjectModified(attachment), attachment), None)

    as_user(wsgi_app, login, replace)


def set_attachment_title(wsgi_app, path, title, login=None):
    """Give the attachment at ``path`` a title (附件名称) as ``login`` would.

    No staff UI for this yet: the workspace upload names the attachment
    after its file (the SDI sheet 附件信息 is the system administrator's
    only).  ``login`` defaults to the document's last editor (the uploader).
    """
    login = login or _last_editor_login(wsgi_app, path)

    def retitle(root, request):
        attachment = find_resource(root, path)
        attachment.title = title
        request.registry.subscribers((ObjectModified(attachment), attachment), None)

    as_user(wsgi_app, login, retitle)


def remove_attachment(wsgi_app, path, login=None):
    """Remove the attachment at ``path`` as ``login`` would.

    No staff UI for this yet: the workspace cannot remove an attachment
    (the SDI's 目录内容 is the system administrator's only).  ``login``
    defaults to the document's last editor.
    """
    login = login or _last_editor_login(wsgi_app, path)

    def remove(root, _request):
        attachment = find_resource(root, path)
        del attachment.__parent__[attachment.__name__]

    as_user(wsgi_app, login, remove)


def add_user(wsgi_app, login, *groups):
    """Create ``login`` in ``groups`` (group names, e.g. 教育局审核) with the
    tests' known credentials (:data:`tests.conftest.PASSWORD`, a password
    that needs no change, a TOTP secret where one is required), committed.
    Does nothing if the user exists."""
    with site_session(wsgi_app.registry) as (zodb_root, request):
        principals = zodb_root["app_root"]["principals"]
        if login in principals["users"]:
            return
        user = principals.add_user(login, PASSWORD, f"{login}@localhost", registry=request.registry)
        for group in groups:
            principals["groups"][group].memberids.connect([user])
        known_credentials(user, request)


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


# -- 管理 (site administration outside the SDI) ---------------------------------


def admin_settings(client, path="/", status=303, **fields):
    """Save 站点设置 (``/@@admin-settings``) or a department's settings
    (``/<department>/@@admin-settings``) with ``fields`` changed, as
    ``client``; returns the response, which must have ``status`` (303 saved,
    400 invalid)."""
    res = client.get(path.rstrip("/") + "/@@admin-settings", status=200)
    form = fill(res.forms["settings"], **fields)
    res = form.submit("save", status="*")
    assert res.status_int == status, f"{res.status}\n{res.text[:2000]}"
    return res


def move_column(client, container, name, direction):
    """Move column ``name`` of ``container`` (public path) one place
    ``direction`` (up/down) through ``@@admin-column-move``; the JSON answer."""
    fields = {"name": name, "direction": direction, "csrf_token": client.csrf()}
    url = container.rstrip("/") + "/@@admin-column-move"
    return client.post(url, fields, headers=JSON, status=200).json


def admin_client(wsgi_app, login="admin"):
    """A client signed in as ``login``, kept for the app: an administrator
    signs in with a second factor, and each code is accepted once, so the
    helpers below sign in once per test rather than once per call."""
    from tests.conftest import Browser

    clients = wsgi_app.__dict__.setdefault("_test_admin_clients", {})
    if login not in clients:
        clients[login] = Browser(wsgi_app).login(login)
    return clients[login]


def _admin_page(wsgi_app, login, url):
    """GET the 管理 page ``url`` as ``login`` (signing in again when the
    kept session has ended); returns (client, response)."""
    client = admin_client(wsgi_app, login)
    res = client.get(url, status="*")
    if res.status_int in (302, 303) and "/@@login" in res.location:
        wsgi_app.__dict__["_test_admin_clients"].pop(login, None)
        client = admin_client(wsgi_app, login)
        res = client.get(url, status="*")
    assert res.status_int == 200, f"{url}: {res.status}"
    return client, res


def set_column_settings(wsgi_app, path, login="admin", status=303, **fields):
    """Change a column's settings (栏目设置: title, description, kind,
    position) through ``<column>/@@admin-column-edit`` as ``login``;
    returns the response, which must have ``status`` (303 saved, 400
    refused)."""
    url = path.rstrip("/") + "/@@admin-column-edit"
    _client, res = _admin_page(wsgi_app, login, url)
    res = fill(res.forms["column-edit"], **fields).submit("save", status="*")
    assert res.status_int == status, f"{res.status}\n{res.text[:2000]}"
    return res


def set_portal_logo(wsgi_app, filename, data, login="admin"):
    """Upload the portal's emblem (网站标志) through ``/@@admin-logo`` as
    ``login``; returns the response.  A refused file raises ValueError
    with the page's Chinese message (a TranslationString, as the upload
    check gives it)."""
    from pyramid.i18n import TranslationString

    _client, res = _admin_page(wsgi_app, login, "/@@admin-logo")
    form = res.forms["logo"]
    form["upload"] = Upload(filename, data)
    res = form.submit("save", headers=JSON, status="*")
    if res.status_int == 400:
        raise ValueError(TranslationString("；".join(res.json["errors"])))
    assert res.status_int == 200 and res.json["ok"], f"{res.status}\n{res.text[:2000]}"
    return res


def remove_portal_logo(wsgi_app, login="admin"):
    """Go back to the skin's emblem (``/@@admin-logo``, 删除); the JSON answer."""
    client, _res = _admin_page(wsgi_app, login, "/@@admin-logo")
    fields = {"remove": "remove", "csrf_token": client.csrf("/@@admin-logo")}
    return client.post("/@@admin-logo", fields, headers=JSON, status=200).json


def _sheet_page(path, sheet_class):
    """(URL, form id) of the 管理 page that edits ``sheet_class`` at ``path``."""
    from govportal.content.containers import ColumnSheet, DepartmentSheet
    from govportal.content.portal import PortalSettingsSheet
    from govportal.disclosure.sitesettings import IndexNumberSettingsSheet

    base = path.rstrip("/")
    pages = {
        IndexNumberSettingsSheet: ("/@@admin-indexnumber", "indexnumber"),
        ColumnSheet: (base + "/@@admin-column-edit", "column-edit"),
        DepartmentSheet: (base + "/@@admin-settings", "settings"),
        PortalSettingsSheet: ("/@@admin-settings", "settings"),
    }
    return pages[sheet_class]


def save_sheet(wsgi_app, path, sheet_class, login="admin", status=200, **values):
    """Save ``values`` of the property sheet ``sheet_class`` of the resource
    at ``path`` through the 管理 page that edits it (``/@@admin-indexnumber``,
    ``@@admin-column-edit``, ``@@admin-settings``), as ``login``, asking
    for JSON.  Returns the JSON answer, which must have ``status`` (200
    saved: ``{"ok": true, "changed": [...]}``; 400 refused: ``{"ok": false,
    "errors": [...]}`` with the sheet's Chinese messages)."""
    url, formid = _sheet_page(path, sheet_class)
    _client, res = _admin_page(wsgi_app, login, url)
    form = fill(res.forms[formid], **values)
    res = form.submit("save", headers=JSON, status="*")
    assert res.status_int == status, f"{res.status}\n{res.text[:2000]}"
    return res.json
