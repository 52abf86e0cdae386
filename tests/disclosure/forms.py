"""The workspace document form (``@@ws-add``, ``@@ws-edit``) with the
catalogue fields of govportal.disclosure (形成日期, 替代文件, 解读的文件)."""

from pyramid.traversal import find_resource
from substanced.util import get_oid

from tests.conftest import read_root
from tests.http.helpers import WS_FORM, edit_form, fill, item_path_from_location


def _values(title, fields):
    values = {"title": title}
    values.update({k: ("" if v is None else v) for k, v in fields.items()})
    return values


def post_document(client, column, title, status="*", body="<p>正文</p>", **fields):
    """Fill and save the workspace add form of ``column`` (public path);
    returns the response (303 created, 400 refused with the form's errors)."""
    res = client.get(column.rstrip("/") + "/@@ws-add", status=200)
    form = fill(res.forms[WS_FORM], body=body, **_values(title, fields))
    return form.submit("save", status=status)


def add_document(client, column, title, **fields):
    """Add a document through the workspace form; returns its public path."""
    res = post_document(client, column, title, **fields)
    assert res.status_int == 303, f"adding failed: {res.status}\n{form_errors(res)}"
    return item_path_from_location(res.location)


def post_properties(client, path, title, status="*", **fields):
    """Save the workspace edit form of the document at ``path`` with
    ``title`` and ``fields``; returns the response (303 saved, 400 refused)."""
    form = fill(edit_form(client, path), **_values(title, fields))
    return form.submit("save", status=status)


def form_errors(res):
    """The error messages deform (and the workspace) show on a re-rendered form."""
    found = res.html.select(".invalid-feedback, .errorMsg, .alert-danger, .error-msg")
    return [e.get_text(strip=True) for e in found]


def oid_of(app, path):
    return read_root(app, lambda root: get_oid(find_resource(root, path)))


def attribute(app, path, name):
    return read_root(app, lambda root: getattr(find_resource(root, path), name))


def names_in(app, path):
    return read_root(app, lambda root: sorted(find_resource(root, path).keys()))
