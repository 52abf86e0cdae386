"""Helpers of the media tests: uploads the way editor.js sends them."""

import secrets

from pyramid.traversal import find_resource
from webtest import Upload

from tests.conftest import csrf_token, read_root

JSON = {"Accept": "application/json"}
COLUMN = "/jyj/gzdt/"
OTHER_COLUMN = "/wjj/gzdt/"

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)
GIF = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,"
GIF += b"\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"


def new_id():
    return secrets.token_hex(16)


def token_of(client, path):
    return csrf_token(client.get(path, status=200).text)


def upload_image(
    client, url, data=PNG, filename="图.png", token=None, upload_id=None, status=200, **fields
):
    """POST an image as editor.js does (the CSRF token in the header)."""
    headers = dict(JSON)
    if token is not False:
        headers["X-CSRF-Token"] = token or client.csrf(url.rsplit("@@", 1)[0] + "@@ws-add")
    params = {"file": Upload(filename, data, "image/png"), **fields}
    if upload_id is not None:
        params["upload_id"] = upload_id
    return client.post(url, params, headers=headers, status=status)


def first_image(client, column=COLUMN, form_id=None, title="新稿件", **kw):
    """The first image of a new document's form: creates the draft."""
    form_id = form_id or new_id()
    token = kw.pop("token", None) or token_of(client, column + "@@ws-add")
    res = upload_image(
        client, column + "@@ws-image", token=token, form_id=form_id, title=title, **kw
    )
    return res, form_id


def path_of(url):
    from urllib.parse import urlsplit

    return urlsplit(url).path


def doc_facts(wsgi_app, path):
    def facts(root):
        doc = find_resource(root, path)
        return {
            "names": sorted(doc.keys()),
            "body": doc.body,
            "title": doc.title,
            "inline": sorted(a.__name__ for a in doc.attachments() if getattr(a, "inline", 0)),
        }

    return read_root(wsgi_app, facts)


def oid_of(wsgi_app, path):
    from substanced.util import get_oid

    return read_root(wsgi_app, lambda root: get_oid(find_resource(root, path)))
