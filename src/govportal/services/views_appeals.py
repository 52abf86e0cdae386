"""好差评 appeal pages (:mod:`.appeals`).

* ``POST <site>/@@rectification-appeal`` (``case``, ``reason``; CSRF-checked
  by the site's default) — the department's appeal from its
  ``@@rectifications`` page: 403 without ``rectify`` on that case (another
  department), 409 when already appealed or answered, 400 without a reason
  (the rectifications page again, the message tied to the field).
* ``GET /@@supervision-appeals`` (``supervise`` on the root) — every appeal,
  pending first; ``POST`` (``lead``, ``case``, ``decision``, ``reason``)
  decides one: 409 on a replay, 400 without a reason for 申诉不成立.
"""

from pyramid.httpexceptions import HTTPForbidden
from pyramid.view import view_config
from substanced.interfaces import IRoot

from ..content import IDepartment
from ..i18n import _
from . import appeals, clock, ratings
from .rating_forms import case_in, private, refused_or_done
from .sites import site_named
from .views_ratings import _page, may_rectify_here

TEMPLATE = "govportal.services:templates/appeals.pt"
RECTIFY_PT = "govportal.services:templates/ratings_rectify.pt"


@view_config(
    context=IRoot,
    name="rectification-appeal",
    permission="view",
    request_method="POST",
    renderer=RECTIFY_PT,
)
@view_config(
    context=IDepartment,
    name="rectification-appeal",
    permission="view",
    request_method="POST",
    renderer=RECTIFY_PT,
)
def file_appeal_view(context, request):
    private(request)
    if not may_rectify_here(request, context):
        raise HTTPForbidden()
    number = request.POST.get("case", "")
    case = case_in(context, number)
    if not request.has_permission(ratings.RECTIFY, case):
        raise HTTPForbidden()
    reason = request.POST.get("reason", "")
    return refused_or_done(
        request,
        lambda: appeals.file_appeal(request, case, reason),
        lambda message: _page(
            context,
            request,
            appeal_errors={number: message},
            appeal_values={number: reason},
        ),
        _(
            "services-appeal-filed",
            default="已就办件 ${number} 的差评提出申诉，请等待电子监察核实。",
            mapping={"number": number},
        ),
        request.resource_url(context, "@@rectifications"),
    )


def _appeals_page(context, request, errors=None, values=None):
    rows = appeals.appeals(context)
    for row in rows:
        row["key"] = f"{row['lead']}/{row['number']}"
        row["id"] = f"{row['lead'] or 'portal'}-{row['number']}"
    return {
        "rows": rows,
        "decisions": tuple(appeals.DECISIONS.items()),
        "errors": errors or {},
        "values": values or {},
        "csrf_token": request.session.get_csrf_token(),
        "action": request.resource_url(context, "@@supervision-appeals"),
        "today": clock.today(),
    }


@view_config(context=IRoot, name="supervision-appeals", permission="supervise", renderer=TEMPLATE)
def supervision_appeals_view(context, request):
    private(request)
    if request.method != "POST":
        return _appeals_page(context, request)
    lead = request.POST.get("lead", "")
    number = request.POST.get("case", "")
    case = case_in(site_named(context, lead), number)
    decision = request.POST.get("decision", "")
    reason = request.POST.get("reason", "")
    key = f"{lead}/{number}"
    return refused_or_done(
        request,
        lambda: appeals.decide(request, case, decision, reason),
        lambda message: _appeals_page(
            context,
            request,
            errors={key: message},
            values={key: {"decision": decision, "reason": reason}},
        ),
        _(
            "services-appeal-saved",
            default="已处理办件 ${number} 的差评申诉。",
            mapping={"number": number},
        ),
        request.resource_url(context, "@@supervision-appeals"),
    )


def includeme(config):
    config.scan(".views_appeals")
