"""Helpers of the checks tests: documents with attachments, made in the database."""

import io

from pyramid.traversal import find_resource

from govportal.bootstrap import site_session

COLUMN = "/jyj/gzdt"


def make_document(wsgi_app, name, body="<p>正文</p>", files=(), title="测试文稿"):
    """Create a draft document ``name`` in 教育局 工作动态 with attachments
    ``files`` (``(filename, bytes)`` pairs), commit, return its path."""
    with site_session(wsgi_app.registry) as (zodb_root, request):
        column = find_resource(zodb_root["app_root"], COLUMN)
        content = request.registry.content
        doc = content.create("Document", title=title, body=body)
        column[name] = doc
        for number, (filename, data) in enumerate(files, start=1):
            doc[f"file{number}"] = content.create("Attachment", io.BytesIO(data), filename=filename)
    return f"{COLUMN}/{name}/"


def in_session(wsgi_app, path, fn, commit=False):
    """``fn(document, request)`` in a session on the document at ``path``."""
    with site_session(wsgi_app.registry, commit=commit) as (zodb_root, request):
        return fn(find_resource(zodb_root["app_root"], path), request)
