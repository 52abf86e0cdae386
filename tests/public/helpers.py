"""Build published content quickly, through the real workflow (no HTTP)."""

from datetime import date

from pyramid.traversal import find_resource
from substanced.util import get_oid

from govportal.bootstrap import request_as, site_session
from govportal.workflow import get_workflow


def publish_documents(
    wsgi_app, column_path, specs, editor="portal_editor", reviewer="portal_reviewer"
):
    """Create documents from ``specs`` (dicts of fields, ``name`` optional) in
    the column at ``column_path`` and publish them: the editor submits, the
    reviewer approves.  Returns the public paths."""
    paths = []
    with site_session(wsgi_app.registry) as (zodb_root, request):
        root = zodb_root["app_root"]
        users = root["principals"]["users"]
        as_editor = request_as(request, get_oid(users[editor]))
        as_reviewer = request_as(request, get_oid(users[reviewer]))
        column = find_resource(root, column_path)
        for i, spec in enumerate(specs):
            spec = dict(spec)
            name = spec.pop("name", f"doc-{i:05d}")
            spec.setdefault("publish_date", date(2026, 1, 1))
            spec["last_editor"] = get_oid(users[editor])
            doc = request.registry.content.create("Document", **spec)
            column[name] = doc
            workflow = get_workflow(doc, request.registry)
            workflow.transition(doc, as_editor, "submit")
            workflow.transition(doc, as_reviewer, "approve")
            paths.append(f"{column_path.rstrip('/')}/{name}/")
    return paths


def transition_as(wsgi_app, path, login, name, comment=""):
    with site_session(wsgi_app.registry) as (zodb_root, request):
        root = zodb_root["app_root"]
        doc = find_resource(root, path)
        user = root["principals"]["users"][login]
        get_workflow(doc, request.registry).transition(
            doc, request_as(request, get_oid(user)), name, comment=comment
        )
