"""``POST /@@bulk-transition``: one transition on a list of items.

Fields: ``paths`` (repeated, or one per line; site paths such as
``/jyj/gzdt/abc/``), ``transition``, ``comment``, optional ``came_from``.
CSRF-checked like every POST; the view needs ``view`` on the portal and each
item is held to all its own checks (:mod:`govportal.workflow.bulk`).  More
than ``govportal.bulk.max_items`` paths (default 200), none, or no transition
is refused with 400 and nothing is done.

Answers JSON (``ok``, ``done``, ``failed``, ``results``) when the client asks
for it, otherwise a redirect (``came_from`` inside the site, else the
referring page of this site, else the portal) with a summary flash message.
"""

from pyramid.httpexceptions import HTTPSeeOther
from pyramid.traversal import find_resource
from pyramid.view import view_config
from substanced.interfaces import IRoot

from ..i18n import _, translate
from . import get_workflow
from .bulk import BulkResult, bulk_transition, summary
from .views import answer_refusal, safe_return_url, wants_json

DEFAULT_MAX_ITEMS = 200


class BadBulkRequest(Exception):
    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def requested_paths(request):
    """The distinct, non-empty paths the form names, in order."""
    paths = []
    for value in request.POST.getall("paths"):
        for line in str(value).splitlines():
            line = line.strip()
            if line and line not in paths:
                paths.append(line)
    return paths


def resolve(root, path):
    """The item at site ``path`` or None (no views, no escaping the site)."""
    names = [n for n in path.split("?")[0].split("/") if n]
    if not names or any(n.startswith("@@") or n in (".", "..") for n in names):
        return None
    try:
        return find_resource(root, "/" + "/".join(names))
    except KeyError:
        return None


def _not_found(request, path):
    message = translate(request, _("bulk-not-found", default="找不到该稿件。"))
    return BulkResult(path=path, title="", ok=False, errors=[message])


def _check(request, paths, transition):
    limit = int(request.registry.settings.get("govportal.bulk.max_items", DEFAULT_MAX_ITEMS))
    if not transition:
        raise BadBulkRequest(_("bulk-no-transition", default="请选择要执行的流程操作。"))
    if not paths:
        raise BadBulkRequest(_("bulk-no-items", default="请至少选择一篇稿件。"))
    if len(paths) > limit:
        raise BadBulkRequest(
            _(
                "bulk-too-many",
                default="一次最多处理 ${limit} 篇稿件，本次选择了 ${count} 篇，请分批操作。",
                mapping={"limit": limit, "count": len(paths)},
            )
        )


def _title_of(request, items, transition):
    for item in items:
        workflow = get_workflow(item, request.registry)
        if workflow is not None:
            return workflow.transition_title(transition)
    return transition


@view_config(
    context=IRoot,
    name="bulk-transition",
    request_method="POST",
    permission="view",
    renderer="json",
)
def bulk_transition_view(context, request):
    paths = requested_paths(request)
    transition = request.POST.get("transition", "").strip()
    comment = request.POST.get("comment", "")
    _check(request, paths, transition)
    items = [resolve(context, path) for path in paths]
    distinct = list({id(item): item for item in items if item is not None}.values())
    outcomes = bulk_transition(request, distinct, transition, comment)
    by_item = {id(item): r for item, r in zip(distinct, outcomes, strict=True)}
    results = [
        by_item[id(item)] if item is not None else _not_found(request, path)
        for path, item in zip(paths, items, strict=True)
    ]
    done, failed = summary(results)
    if wants_json(request):
        return {
            "ok": failed == 0,
            "done": done,
            "failed": failed,
            "results": [r.as_dict() for r in results],
        }
    action = _title_of(request, distinct, transition)
    request.session.flash(
        translate(
            request,
            _(
                "bulk-summary",
                default="批量“${action}”：完成 ${done} 篇，未执行 ${failed} 篇。",
                mapping={"action": action, "done": done, "failed": failed},
            ),
        )
    )
    for r in results:
        if not r.ok:
            request.session.flash(f"{r.title or r.path}：{'；'.join(r.errors)}")
    target = safe_return_url(request, request.POST.get("came_from")) or safe_return_url(
        request, request.referer
    )
    return HTTPSeeOther(target or request.resource_url(context))


def bad_request_view(exc, request):
    return answer_refusal(request, 400, [exc.message])


def includeme(config):
    config.add_view(
        bad_request_view,
        context=BadBulkRequest,
        renderer="json",
        permission="__no_permission_required__",
    )
    config.scan(".bulk_views")
