"""The moderation page of an item's contributions: ``<item>/@@moderate``
(consultations and interviews; :func:`add_moderation_view` registers it for
another kind).

GET lists the contributions the user may see (``view_letter`` on each
contribution: its workflow state's ACL, granted to the staff of the item's
own site), pending first, with the writer's contact data to holders of
``view_writer``.  POST (CSRF, one-time token) runs one moderation action
(显示 / 不予显示 / 撤下 / 重新显示) on the ticked contributions, each checked
for ``moderate`` by the workflow engine; all or nothing: one refusal changes
none and the page shows why.  A user who could not moderate a new
contribution of this item gets 403.
"""

from pyramid.httpexceptions import HTTPForbidden, HTTPSeeOther

from ...i18n import _, translate
from ...submissions import FIELD as SUBMISSION_FIELD
from ...submissions import issue, once
from ...workflow import TransitionRefused, get_workflow
from ...workspace import helpers
from ...workspace.dashboard import no_store
from . import actions
from .model import Contribution, ContributionBox, find_box

MODERATE_PT = "govportal.interaction.contributions:templates/moderate.pt"
#: the one-time submission kind of the moderation form
MODERATE_KIND = "contribution-moderate"


def may_moderate(item, request):
    """Whether the user could moderate a new contribution of ``item`` (a
    transient probe in the initial state, with that state's ACL)."""
    box = find_box(item) or ContributionBox(item)
    probe = Contribution("comment", "")
    probe.__parent__ = box
    get_workflow(probe, request.registry).initialize(probe, request)
    return request.has_permission("moderate", probe)


def _row(request, workflow, c):
    state = workflow.state_of(c)
    moderation = c.moderation or {}
    return {
        "number": c.__name__,
        "kind": c.kind,
        "state": state,
        "state_title": workflow.state_title(state),
        "text": c.text,
        "public_text": actions.public_text(c),
        "writer": c.writer if request.has_permission("view_writer", c) else None,
        "submitted": helpers.local(c.submitted_at),
        "reason": moderation.get("reason", ""),
        "can_moderate": request.has_permission("moderate", c),
    }


def page(item, request, errors=(), status=200):
    registry = request.registry
    request.response.status_int = status
    no_store(request)
    seen = [c for c in actions.all_of(item) if request.has_permission("view_letter", c)]
    pending = {c.__name__ for c in actions.pending(item, registry)}
    seen.sort(key=lambda c: (c.__name__ not in pending, c.submitted_at))
    rows = [_row(request, get_workflow(c, registry), c) for c in seen]
    return {
        "item": item,
        "rows": rows,
        "counts": actions.counts(item, registry),
        "errors": [translate(request, e) for e in errors],
        "csrf_token": request.session.get_csrf_token(),
        "submission_field": SUBMISSION_FIELD,
        "submission_token": issue(request, MODERATE_KIND),
        "moderations": [
            ("show", "审核通过，公开显示"),
            ("hide", "不予显示"),
            ("withdraw_shown", "撤下"),
            ("reshow", "重新显示"),
        ],
    }


def moderate_view(context, request):
    redirect = helpers.require_login(request)
    if redirect is not None:
        return redirect
    if not may_moderate(context, request):
        raise HTTPForbidden()
    if request.method != "POST":
        return page(context, request)
    action = request.POST.get("action", "")
    reason = request.POST.get("reason", "")
    numbers = request.POST.getall("number")
    box = find_box(context)
    chosen = [box.get(n) for n in numbers] if box is not None else []
    if action not in actions.MODERATIONS:
        return _refused(context, request, [_("moderate-no-action", default="请选择审核操作。")])
    if not chosen or any(c is None for c in chosen):
        return _refused(context, request, [_("moderate-none", default="请勾选要审核的留言。")])

    def create(submission):
        for c in chosen:
            actions.moderate(request, c, action, reason)
        return {"count": len(chosen)}

    try:
        outcome = once(request, MODERATE_KIND, create)
    except TransitionRefused as e:
        return _refused(context, request, e.messages, e.status)
    request.session.flash(
        translate(
            request,
            _(
                "moderate-done",
                default="已处理 ${count} 条留言。",
                mapping={"count": outcome.result["count"]},
            ),
        )
    )
    return HTTPSeeOther(request.resource_url(context, "@@moderate"))


def _refused(item, request, messages, status=400):
    request.tm.doom()
    return page(item, request, errors=messages, status=status)


def add_moderation_view(config, iface):
    """Register ``@@moderate`` for the content of ``iface``."""
    config.add_view(
        moderate_view,
        context=iface,
        name="moderate",
        permission="view",
        request_method=("GET", "POST"),
        renderer=MODERATE_PT,
    )
