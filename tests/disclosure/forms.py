"""The SDI document form with the catalogue fields of govportal.disclosure."""

from pyramid.traversal import find_resource
from substanced.util import get_oid

from tests.conftest import csrf_token, read_root
from tests.http.helpers import doc_path_from_location, document_fields, mgmt


def date_field(name, value):
    return [("__start__", f"{name}:mapping"), ("date", value), ("__end__", f"{name}:mapping")]


def catalogue_fields(
    token, title, button="add", made_date="", replaced_by="", interprets="", **extra
):
    """:func:`tests.http.helpers.document_fields` plus 形成日期, 替代文件 and 解读的文件."""
    fields = document_fields(token, title, "<p>正文</p>", button=button, **extra)
    more = date_field("made_date", made_date) + [
        ("replaced_by", str(replaced_by)),
        ("interprets", str(interprets)),
    ]
    return fields[:-1] + more + fields[-1:]


def post_document(client, column, title, status="*", **fields):
    """POST the add form of ``column`` (public path); returns the response."""
    res = client.get(mgmt(column, "@@add_document"), status=200)
    token = csrf_token(res.text)
    return client.post(
        mgmt(column, "@@add_document"), catalogue_fields(token, title, **fields), status=status
    )


def add_document(client, column, title, **fields):
    """Add a document through the form; returns its public path."""
    res = post_document(client, column, title, **fields)
    assert res.status_int == 302, f"adding failed: {res.status}\n{form_errors(res)}"
    return doc_path_from_location(res.location)


def post_properties(client, path, title, status="*", **fields):
    """POST the property sheet (基本信息) of the document at ``path``."""
    res = client.get(mgmt(path, "@@properties"), status=200)
    token = csrf_token(res.text)
    return client.post(
        mgmt(path, "@@properties"),
        catalogue_fields(token, title, button="save", **fields),
        status=status,
    )


def form_errors(res):
    """The error messages deform shows on a re-rendered form."""
    found = res.html.select(".invalid-feedback, .errorMsg, .alert-danger")
    return [e.get_text(strip=True) for e in found]


def oid_of(app, path):
    return read_root(app, lambda root: get_oid(find_resource(root, path)))


def attribute(app, path, name):
    return read_root(app, lambda root: getattr(find_resource(root, path), name))


def names_in(app, path):
    return read_root(app, lambda root: sorted(find_resource(root, path).keys()))
