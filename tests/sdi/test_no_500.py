"""No SDI view answers 500: every view Substance D (and govportal)
registered in the management interface, for the system administrator, with
a GET and with a bare CSRF-valid POST, on resources of every kind it applies
to.  Views are found by introspection (category ``sdi views``), so a view
added later is walked too."""

from pyramid.traversal import resource_path
from zope.interface.interfaces import IInterface

from tests.conftest import read_root

from .conftest import published_doc  # noqa: F401 - fixture

#: how many resources of the site each view is tried on
PER_VIEW = 1


def sdi_views(registry):
    """``(name, context, request_methods, request_param)`` of every SDI view."""
    found = []
    introspector = registry.introspector
    for intr in introspector.get_category("sdi views"):
        for view in intr["related"]:
            if view.category_name != "views":
                continue
            context = view["context"]
            if isinstance(context, type) and issubclass(context, BaseException):
                continue  # exception views: not reachable by URL
            methods = view["request_methods"]
            if isinstance(methods, str):
                methods = (methods,)
            found.append((view["name"] or "", context, methods, view["request_param"]))
    return found


def _applies(context, resource):
    if context is None:
        return True
    if IInterface.providedBy(context):
        return context.providedBy(resource)
    return isinstance(resource, context)


def _resources(root):
    """Resources of every kind: the portal, services, principals, content."""
    seen = []

    def walk(node, depth):
        seen.append(node)
        if depth == 0 or not hasattr(node, "values"):
            return
        for i, child in enumerate(node.values()):
            if i >= 4:
                break
            walk(child, depth - 1)

    walk(root, 4)
    return seen


def _targets(wsgi_app):
    views = sdi_views(wsgi_app.registry)

    def plan(root):
        resources = _resources(root)
        targets = set()
        for name, context, methods, param in views:
            matches = [r for r in resources if _applies(context, r)][:PER_VIEW]
            for resource in matches:
                path = resource_path(resource).rstrip("/") + "/"
                targets.add((path, name, methods, param))
        return sorted(targets, key=str)

    return read_root(wsgi_app, plan)


def test_every_sdi_view_answers_below_500(sysadmin, wsgi_app, published_doc):  # noqa: F811
    targets = _targets(wsgi_app)
    assert len(targets) > 40, len(targets)
    token = sysadmin.csrf()
    failures = []
    for path, name, methods, param in targets:
        url = "/manage" + path + ("@@" + name if name else "")
        query = {param.split("=")[0]: "1"} if param else {}
        if methods is None or "GET" in methods:
            res = sysadmin.get(url, query, status="*")
            if res.status_int >= 500:
                failures.append(("GET", url, query, res.status))
        if methods is None or "POST" in methods:
            fields = dict(query, csrf_token=token, _csrf_token_=token)
            res = sysadmin.post(url, fields, status="*")
            if res.status_int >= 500:
                failures.append(("POST", url, query, res.status))
    assert not failures, "\n".join(map(str, failures))
