"""The item page of the workspace (审核与发布): state, transitions as
buttons with a comment box, the pre-publication check report with the
findings highlighted in the text, masking and overrides, revisions, lock.

Transitions run through the workflow engine (``workflow.transition``), so
required comments, guards (four eyes, locks, checks) and history apply as
everywhere; a refusal is shown on this page, nothing changes.
"""

import transaction
from pyramid.httpexceptions import HTTPSeeOther
from pyramid.renderers import render
from pyramid.view import view_config

from ..content import IDocument
from ..i18n import _, translate
from ..public.links import route_external_links
from ..workflow import get_workflow
from ..workflow.errors import TransitionRefused
from ..workflow.history import action_title, get_history
from . import helpers, integration
from .dashboard import TEMPLATES, no_store
from .queries import column_label
from .returned import returned
from .withdraw import GUARD_NAME as OWN_GUARD

ITEM_PT = TEMPLATES + "item.pt"
REPORT_PT = TEMPLATES + "report.pt"
REVISIONS_PT = TEMPLATES + "revisions.pt"


def _offered(workflow, item, request, name):
    """Whether the item page offers transition ``name`` to the user: they
    hold its permission and, for a withdrawal, the item is theirs (a
    colleague's submission is not offered; the guard would refuse it)."""
    tdef = workflow.definition.transitions[name]
    if not request.has_permission(tdef.permission, item):
        return False
    if OWN_GUARD in tdef.guards:
        return not workflow.guards[OWN_GUARD](item, request, tdef)
    return True


def _transitions(workflow, item, request):
    return [
        {
            "name": t["name"],
            "title": workflow.transition_title(t["name"]),
            "comment": workflow.definition.transitions[t["name"]].comment_required,
        }
        for t in workflow.get_transitions(item, request)
        if _offered(workflow, item, request, t["name"])
    ]


#: titles of history records that are not workflow transitions
RECORD_TITLES = {
    "break_lock": _("ws-record-break-lock", default="解除锁定"),
    "mask_personal_data": _("ws-record-mask", default="遮盖个人信息"),
    "override_checks": _("ws-record-override", default="审核员放行检查问题"),
}


def _record_title(request, workflow, name):
    if name in RECORD_TITLES:
        return translate(request, RECORD_TITLES[name])
    actions = integration.optional("govportal.revisions.workingcopy", "HISTORY_ACTIONS") or {}
    if name in actions:
        return translate(request, actions[name])
    # titles registered with config.add_history_action (removed or moved
    # attachments, govportal.overrides.containment ...)
    return action_title(request, workflow, name)


def _history(request, item):
    workflow = get_workflow(item, request.registry)
    rows = []
    for r in reversed(get_history(item)):
        title = _record_title(request, workflow, r.transition)
        rows.append(
            {
                "when": helpers.local(r.when),
                "actor": r.actor_name,
                "title": title,
                "comment": r.comment,
            }
        )
    return rows


def _report(request, item):
    """``(report, report_html, body_html)`` of a fresh run of the checks, the
    body with the findings marked; ``(None, "", body)`` without checks."""
    report = integration.run_checks(item, request)
    if report is None:
        return None, "", item.body or ""
    highlight = integration.optional("govportal.checks", "highlight")
    body = item.body or ""
    if highlight is not None:
        body = highlight(body, [f for f in report.findings if f.where == "body"])
    html = render(
        REPORT_PT,
        {
            "report": report,
            "blocking": {id(f) for f in report.blocking},
            "can_mask": request.has_permission("edit", item)
            and any(f.personal for f in report.findings),
            "can_override": bool(report.blocking_personal)
            and (request.has_permission("approve", item)),
            "context": item,
        },
        request=request,
    )
    return report, html, body


def item_info(context, request, comment="", errors=()):
    """The item page's values.  The review history, reviewers' comments,
    revisions and check report are shown only with ``view_history`` on the
    item (as ``@@history`` requires): ``view`` alone reaches published items
    of every department."""
    workflow = get_workflow(context, request.registry)
    state = workflow.state_of(context)
    live = helpers.live_of(context)
    is_wc = live is not context
    lock = integration.lock_of(context)
    may_see_history = bool(request.has_permission("view_history", context))
    if may_see_history:
        _report_obj, report_html, body = _report(request, context)
    else:
        report_html, body = "", context.body or ""
    working_copy = integration.working_copy_of(context) if not is_wc else None
    required = [t["title"] for t in _transitions(workflow, context, request) if t["comment"]]
    revisions = integration.revisions_of(context) if may_see_history else []
    return {
        "where": column_label(live.__parent__),
        "state": state,
        "state_title": workflow.state_title(state),
        "dates": helpers.dates(context),
        "is_wc": is_wc,
        "live": live,
        "public": get_workflow(live, request.registry).is_public(live),
        "public_item": live,
        "lock_text": helpers.lock_text(request, context),
        "can_break": lock is not None
        and not lock.held_by(request.authenticated_userid)
        and request.has_permission("break_lock", context),
        "can_edit": request.has_permission("edit", context),
        "can_checkout": not is_wc
        and integration.can_checkout()
        and (
            request.has_permission("checkout", context)
            or (working_copy is not None and request.has_permission("view", working_copy))
        ),
        "working_copy": working_copy,
        "has_diff": bool(revisions) or is_wc,
        "transitions": _transitions(workflow, context, request),
        "required_for": "、".join(required),
        "comment": comment,
        "report_html": report_html or "",
        "body_html": route_external_links(body, request),
        "attachments": context.attachments() if hasattr(context, "attachments") else [],
        "revisions": _revisions_html(request, context, revisions),
        "history": _history(request, context) if may_see_history else [],
        "ws_errors": list(errors),
        "returned": returned(context, request.registry),
    }


def _revisions_html(request, item, revisions):
    if not revisions:
        return ""
    return render(
        REVISIONS_PT,
        {
            "context": item,
            "revisions": list(reversed(revisions)),
            "local": helpers.local,
            "can_restore": request.has_permission("edit", item)
            or request.has_permission("checkout", item),
        },
        request=request,
    )


# view_history, like @@history: the page shows the review history, the
# reviewers' comments, the revisions and the check report.
@view_config(context=IDocument, name="ws-item", permission="view_history", renderer=ITEM_PT)
def item_view(context, request):
    redirect = helpers.require_login(request)
    if redirect is not None:
        return redirect
    no_store(request)
    return item_info(context, request)


@view_config(
    context=IDocument,
    name="ws-transition",
    permission="view",
    request_method="POST",
    renderer=ITEM_PT,
)
def transition_view(context, request):
    """Run the transition of the pressed button; a refusal re-shows the item
    page with the messages (and the comment typed), changing nothing."""
    live = helpers.live_of(context)

    def target():
        # an approved working copy is merged into its live document and removed
        return context if getattr(context, "__parent__", None) is not None else live

    return run_transition(context, request, item_info, target)


def run_transition(context, request, page_info, target=None, hide_forbidden=False):
    """Run the pressed button's transition and go to the ``@@ws-item`` page
    of ``target()`` (default ``context``); a refusal re-shows the page of
    ``page_info`` with the messages (and the comment typed), changing
    nothing.  With ``hide_forbidden`` a 403 is raised to a user without
    ``view_history`` (who may not see the page)."""
    workflow = get_workflow(context, request.registry)
    name = request.POST.get("transition", "")
    comment = request.POST.get("comment", "")
    try:
        record = workflow.transition(
            context,
            request,
            name,
            comment=comment,
            expected_state=request.POST.get("expected_state") or None,
        )
    except TransitionRefused as e:
        transaction.doom()
        request.response.status_int = e.status
        no_store(request)
        if (
            hide_forbidden
            and e.status == 403
            and not request.has_permission("view_history", context)
        ):
            raise
        messages = [translate(request, m) for m in e.messages]
        return page_info(context, request, comment=comment, errors=messages)
    request.session.flash(
        translate(
            request,
            _(
                "workflow-done",
                default="已执行“${action}”，当前状态：${state}。",
                mapping={
                    "action": workflow.transition_title(name),
                    "state": workflow.state_title(record.to_state),
                },
            ),
        )
    )
    where = target() if target is not None else context
    return HTTPSeeOther(request.resource_url(where, "@@ws-item"))
