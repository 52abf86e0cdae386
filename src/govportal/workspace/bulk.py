"""批量操作 from the workspace lists: the checked items, one transition,
one comment; the result of every item is shown on its own row.

The work is :func:`govportal.workflow.bulk.bulk_transition`'s (each item in
its own savepoint, with its own history record; a refused item is left
exactly as it was).
"""

from pyramid.httpexceptions import HTTPBadRequest
from pyramid.traversal import find_resource
from pyramid.view import view_config
from substanced.interfaces import IRoot

from ..i18n import _, translate
from ..workflow.views import safe_return_url
from . import helpers, integration
from .dashboard import TEMPLATES, no_store

MAX_ITEMS = 200


class _Row:
    def __init__(self, result, url):
        self.title = result.title
        self.ok = result.ok
        self.state_title = result.state_title
        self.errors = list(result.errors)
        self.url = url


def _paths(request):
    paths = []
    for value in request.POST.getall("paths"):
        value = str(value).strip()
        if value and value not in paths:
            paths.append(value)
    return paths


def _bad(request, message):
    raise HTTPBadRequest(translate(request, message))


@view_config(
    context=IRoot,
    name="ws-bulk",
    permission="view",
    request_method="POST",
    renderer=TEMPLATES + "bulk.pt",
)
def bulk_view(context, request):
    redirect = helpers.require_login(request)
    if redirect is not None:
        return redirect
    no_store(request)
    paths = _paths(request)
    name = request.POST.get("transition", "")
    if not paths:
        _bad(request, _("ws-bulk-none", default="请先勾选要操作的稿件。"))
    if len(paths) > MAX_ITEMS:
        _bad(
            request,
            _("ws-bulk-many", default="一次最多操作 ${n} 件。", mapping={"n": MAX_ITEMS}),
        )
    if not name:
        _bad(request, _("ws-bulk-no-action", default="请选择要执行的操作。"))
    items, missing = [], []
    for path in paths:
        try:
            items.append(find_resource(context, path))
        except KeyError:
            missing.append(path)
    bulk = integration.bulk_transition()
    results = bulk(request, items, name, request.POST.get("comment", ""))
    rows = []
    for item, result in zip(items, results, strict=False):
        url = (
            request.resource_url(item, "@@ws-item") if request.has_permission("view", item) else ""
        )
        rows.append(_Row(result, url))
    for _path in missing:
        rows.append(
            _Row(
                _Missing(translate(request, _("ws-bulk-missing", default="稿件不存在或已删除。"))),
                "",
            )
        )
    done = sum(1 for r in rows if r.ok)
    if done == 0:
        request.response.status_int = 409
    return {
        "results": rows,
        "done": done,
        "failed": len(rows) - done,
        "action": _transition_title(request, items, name),
        "back": safe_return_url(request, request.POST.get("came_from"))
        or request.application_url + "/@@workspace",
    }


class _Missing:
    def __init__(self, message):
        self.title = "—"
        self.ok = False
        self.state_title = ""
        self.errors = [message]


def _transition_title(request, items, name):
    from ..workflow import get_workflow

    for item in items:
        workflow = get_workflow(item, request.registry)
        if workflow is not None and name in workflow.definition.transitions:
            return workflow.transition_title(name)
    return name
