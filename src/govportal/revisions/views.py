"""Minimal HTTP face of revisions and working copies (the workspace builds
its own pages on the same API).

- ``POST <document>/@@working-copy-checkout``: the document's working copy
  (created if needed); JSON ``{ok, url, edit_url}`` or a redirect to its
  property sheet in the SDI.
- ``GET <document>/@@revision-list``: the revisions (JSON or a page).
- ``GET <document>/@@revision-compare?a=1&b=3``: two revisions side by side;
  on a working copy without ``a``/``b``: the working copy against the live
  version.
- ``POST <document>/@@revision-restore`` (``number``): restore a revision.

Refusals raise :class:`~govportal.revisions.errors.RevisionRefused`, which
the workflow's exception view answers with a 4xx and a Chinese message.
"""

from pyramid.httpexceptions import HTTPSeeOther
from pyramid.view import view_config

from ..content.document import IDocument
from ..i18n import _, translate
from ..workflow.views import safe_return_url, wants_json
from .diff import compare_revisions, compare_working_copy, diff_macros
from .errors import RevisionRefused
from .restore import restore_revision
from .store import get_revision, get_revisions
from .workingcopy import IWorkingCopy, checkout, live_document

TEMPLATES = "govportal.revisions:templates/"


def _edit_url(request, resource):
    return request.sdiapi.mgmt_path(resource, "@@properties")


@view_config(
    context=IDocument,
    name="working-copy-checkout",
    request_method="POST",
    permission="checkout",
    renderer="json",
)
def checkout_view(context, request):
    working_copy = checkout(context, request)
    if wants_json(request):
        return {
            "ok": True,
            "url": request.resource_url(working_copy),
            "edit_url": _edit_url(request, working_copy),
        }
    return HTTPSeeOther(_edit_url(request, working_copy))


@view_config(
    context=IDocument,
    name="revision-list",
    request_method="GET",
    permission="view_history",
    renderer=TEMPLATES + "revisions.pt",
)
def revisions_view(context, request):
    revisions = [r.as_dict() for r in reversed(get_revisions(context))]
    if wants_json(request):
        request.override_renderer = "json"
        return {"title": context.title, "revisions": revisions}
    return {
        "title": context.title,
        "revisions": revisions,
        "can_restore": request.has_permission("edit", context)
        or request.has_permission("checkout", context),
    }


def _number(request, name):
    raw = request.GET.get(name, "")
    try:
        return int(raw)
    except (TypeError, ValueError):
        return None


@view_config(
    context=IDocument,
    name="revision-compare",
    request_method="GET",
    permission="view_history",
    renderer=TEMPLATES + "compare.pt",
)
def compare_view(context, request):
    if IWorkingCopy.providedBy(context) and "a" not in request.GET and "b" not in request.GET:
        if live_document(context) is None:
            raise RevisionRefused([_("wc-orphan", default="找不到该工作副本的线上版本。")], 404)
        comparison = compare_working_copy(context, request)
    else:
        a, b = _number(request, "a"), _number(request, "b")
        old, new = get_revision(context, a), get_revision(context, b)
        if old is None or new is None:
            raise RevisionRefused(
                [_("diff-bad-revisions", default="请选择该文稿已有的两个版本进行比较。")],
                status=400,
            )
        comparison = compare_revisions(context, old, new, request)
    if wants_json(request):
        request.override_renderer = "json"
        return {
            "changed": comparison.changed,
            "old_label": comparison.old_label,
            "new_label": comparison.new_label,
            "fields": [
                {
                    "name": f.name,
                    "title": translate(request, f.title),
                    "rows": [{"kind": r.kind, "left": r.left, "right": r.right} for r in f.rows],
                }
                for f in comparison.changed_fields
            ],
            "attachments": [
                {"kind": a.kind, "name": a.name} for a in comparison.changed_attachments
            ],
        }
    return {"title": context.title, "comparison": comparison, "diff_macros": diff_macros()}


@view_config(
    context=IDocument,
    name="revision-restore",
    request_method="POST",
    permission="view_history",
    renderer="json",
)
def restore_view(context, request):
    try:
        number = int(request.POST.get("number", ""))
    except (TypeError, ValueError):
        raise RevisionRefused(
            [_("restore-no-revision", default="该文稿没有此版本。")], status=400
        ) from None
    result = restore_revision(context, number, request)
    if wants_json(request):
        return {
            "ok": True,
            "working_copy": result.working_copy,
            "url": request.resource_url(result.target),
            "revision": result.revision.number if result.revision is not None else None,
        }
    request.session.flash(
        translate(
            request,
            _(
                "restore-done",
                default="已恢复第 ${number} 版的内容。",
                mapping={"number": result.restored_from},
            ),
        )
    )
    return HTTPSeeOther(
        safe_return_url(request, request.POST.get("came_from"))
        or request.resource_url(result.target, "@@revision-list")
    )
