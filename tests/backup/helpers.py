"""Helpers of the backup tests: a site's .ini, its state, a changed document."""

import io
from pathlib import Path

from govportal.backup.drill import _restored_state
from govportal.bootstrap import close_app, load_app, site_session


def write_ini(directory, settings, **extra):
    """An .ini for ``settings`` (what govportal-backup and friends read)."""
    path = Path(directory) / "site.ini"
    lines = ["[app:main]", "use = egg:govportal"]
    for key, value in {**settings, **extra}.items():
        lines.append(f"{key} = {str(value).replace('%', '%%')}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def state_of(ini):
    """The drill's view of the site configured by ``ini`` (its snapshot)."""
    app = load_app(str(ini))
    try:
        return _restored_state(app)
    finally:
        close_app(app)


def with_attachment(state):
    """A published document that has an attachment: (oid, entry)."""
    for oid, doc in sorted(state["documents"].items()):
        if doc["attachments"]:
            return oid, doc
    raise AssertionError("no published document with an attachment")


def change_document(ini, path, title, data):
    """Retitle the document at ``path`` and replace its first attachment's bytes."""
    from pyramid.traversal import find_resource

    app = load_app(str(ini))
    try:
        with site_session(app.registry) as (zodb_root, _request):
            doc = find_resource(zodb_root["app_root"], path)
            doc.title = title
            att = doc.attachments()[0]
            att.replace(io.BytesIO(data), att.filename)
    finally:
        close_app(app)


def read_document(ini, path):
    """(title, first attachment's bytes) of the document at ``path``."""
    from pyramid.traversal import find_resource

    app = load_app(str(ini))
    try:
        with site_session(app.registry, commit=False) as (zodb_root, _request):
            doc = find_resource(zodb_root["app_root"], path)
            with doc.attachments()[0].blob.open("r") as f:
                return doc.title, f.read()
    finally:
        close_app(app)
