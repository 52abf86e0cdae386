"""The workspace's page of a 权力清单 item (``<item>/@@ws-item``): its
elements and flow chart, what publication still lacks, the workflow buttons
(送审, 审核通过 with four eyes and ``guide_complete``, 退回, 撤回, 停用, 恢复),
the review history and the lock; ``<item>/@@ws-transition`` runs a button.

The same shape as the guides' page (:mod:`.views_guide_item`): transitions go
through the workflow engine, a refusal is shown on this page with the
guard's message and changes nothing; the lock views of
:mod:`govportal.locks` serve power items as they serve documents.
"""

import transaction
from pyramid.httpexceptions import HTTPSeeOther
from pyramid.view import view_config

from ..i18n import _, translate
from ..locks import current as current_lock
from ..workflow import get_workflow
from ..workflow.errors import TransitionRefused
from ..workspace import helpers
from ..workspace.dashboard import no_store
from ..workspace.queries import column_label
from ..workspace.returned import returned
from ..workspace.review import _history, _transitions
from .elements import missing_elements
from .flowchart import flowchart
from .power import IPowerItem, linked_guides
from .views_guide_item import LOCK_VIEWS
from .vocabulary import ITEM_TYPES, title_of

ITEM_PT = "govportal.services:templates/power_item.pt"


def element_rows(item, request):
    """``[(title, text)]``: the item's elements as the page shows them."""
    return [
        ("事项名称", item.title),
        (
            "事项类型",
            translate(request, title_of(ITEM_TYPES, item.power_type)) if item.power_type else "",
        ),
        ("事项编码", item.item_code),
        ("设定依据", item.basis),
        ("责任单位", item.unit),
        ("追责情形", item.accountability),
        ("相关办事指南", "、".join(g.title for g in linked_guides(item))),
    ]


def item_info(context, request, comment="", errors=()):
    workflow = get_workflow(context, request.registry)
    state = workflow.state_of(context)
    transitions = _transitions(workflow, context, request)
    lock = current_lock(context)
    return {
        "where": column_label(context.__parent__),
        "state": state,
        "state_title": workflow.state_title(state),
        "public": workflow.is_public(context),
        "lock_text": helpers.lock_text(request, context),
        "can_break": lock is not None
        and not lock.held_by(request.authenticated_userid)
        and request.has_permission("break_lock", context),
        "can_edit": request.has_permission("edit", context),
        "missing": [translate(request, m) for m in missing_elements(context, request.registry)],
        "transitions": transitions,
        "required_for": "、".join(t["title"] for t in transitions if t["comment"]),
        "comment": comment,
        "rows": element_rows(context, request),
        "chart": flowchart(context.flow, name="ws-flow", label=f"{context.title}运行流程图"),
        "history": _history(request, context),
        "returned": returned(context, request.registry),
        "ws_errors": list(errors),
    }


@view_config(context=IPowerItem, name="ws-item", permission="view_history", renderer=ITEM_PT)
def item_view(context, request):
    redirect = helpers.require_login(request)
    if redirect is not None:
        return redirect
    no_store(request)
    return item_info(context, request)


@view_config(
    context=IPowerItem,
    name="ws-transition",
    permission="view",
    request_method="POST",
    renderer=ITEM_PT,
)
def transition_view(context, request):
    """Run the pressed button's transition; a refusal re-shows the page with
    the messages (and the comment typed), changing nothing."""
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
        if e.status == 403 and not request.has_permission("view_history", context):
            raise
        messages = [translate(request, m) for m in e.messages]
        return item_info(context, request, comment=comment, errors=messages)
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
    return HTTPSeeOther(request.resource_url(context, "@@ws-item"))


def includeme(config):
    for view, name, method, permission in LOCK_VIEWS:
        config.add_view(
            view,
            context=IPowerItem,
            name=name,
            request_method=method,
            permission=permission,
            renderer="json",
        )
    config.scan(".views_power_item")
