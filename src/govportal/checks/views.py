"""HTTP face of the checks (JSON for the workspace, forms for plain browsers).

- ``GET <item>/@@checks`` (``view_history``): a fresh report, the body with
  findings highlighted, the blocking message and the overrides;
- ``POST <item>/@@checks-mask`` (``edit``): mask personal data in the title
  and body (G7);
- ``POST <item>/@@checks-override`` (the guarded transition's permission,
  checked by :func:`~govportal.checks.overrides.override`): fields ``reason``
  and ``key`` (repeated; none: every blocking personal-data finding).

POSTs are CSRF-checked (Pyramid's default).  A refusal answers 4xx with a
Chinese message; an HTML form post is redirected to ``came_from`` (inside
this site) or the item's history, with a flash message.
"""

from pyramid.httpexceptions import HTTPNotFound
from pyramid.view import view_config

from ..i18n import _, translate
from ..workflow.views import answer_done, answer_refusal
from .errors import ChecksRefused
from .markup import highlight
from .masking import mask_document
from .overrides import get_overrides, override
from .run import blocking_message, run_checks, store_report


def _checkable(context):
    if not hasattr(context, "body"):
        raise HTTPNotFound()


def refusal_view(exc, request):
    """A refused mask or override: its status and messages."""
    return answer_refusal(request, exc.status, exc.messages)


@view_config(
    name="checks",
    request_method="GET",
    permission="view_history",
    workflowed=True,
    renderer="json",
)
def checks_view(context, request):
    _checkable(context)
    report = run_checks(context, request)
    message = blocking_message(report, request)
    return {
        "ok": True,
        "report": report.summary(),
        "blocking_message": translate(request, message) if message else None,
        "highlighted": highlight(context.body or "", report.findings),
        "overrides": [r.as_dict() for r in get_overrides(context)],
    }


@view_config(
    name="checks-mask",
    request_method="POST",
    permission="edit",
    workflowed=True,
    renderer="json",
)
def mask_view(context, request):
    _checkable(context)
    count = mask_document(context, request)
    report = run_checks(context, request)
    store_report(context, report)
    message = _("checks-masked", default="已遮盖个人信息${count}处。", mapping={"count": count})
    return answer_done(context, request, message, {"masked": count, "report": report.summary()})


@view_config(
    name="checks-override",
    request_method="POST",
    permission="view",
    workflowed=True,
    renderer="json",
)
def override_view(context, request):
    _checkable(context)
    keys = request.POST.getall("key") or None
    record = override(context, request, request.POST.get("reason", ""), keys)
    report = run_checks(context, request)
    store_report(context, report)
    message = _("checks-overridden", default="已记录放行理由。")
    return answer_done(
        context, request, message, {"override": record.as_dict(), "report": report.summary()}
    )


def includeme(config):
    config.add_view(
        refusal_view,
        context=ChecksRefused,
        renderer="json",
        permission="__no_permission_required__",
    )
    config.scan(".views")
