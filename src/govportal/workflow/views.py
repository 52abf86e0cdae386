"""HTTP face of the workflow engine.

- ``POST <item>/@@transition`` (fields ``transition``, ``comment``,
  ``expected_state``) runs a transition; JSON when the client asks for it.
- ``GET <item>/@@history`` returns the item's transition history.
- Refused transitions — from these views or the SDI's workflow tab — answer
  with a 4xx and a Chinese message instead of Substance D's 500.
"""

from pyramid.httpexceptions import HTTPSeeOther
from pyramid.view import view_config
from substanced.workflow import WorkflowError

from ..i18n import _, translate
from . import get_workflow
from .errors import TransitionRefused
from .history import action_title, get_history


def wants_json(request):
    accept = request.headers.get("Accept", "")
    return request.is_xhr or ("application/json" in accept and "text/html" not in accept)


def answer_refusal(request, status, messages):
    """A refused action's answer: ``status`` with the (translated) messages,
    as JSON for scripts or the refusal page for people.  Exception views of
    every package that refuses actions (workflow, checks, locks, bulk) end
    here; they are registered with ``renderer="json"``."""
    texts = [translate(request, m) for m in messages]
    request.response.status_int = status
    if wants_json(request):
        request.response.content_type = "application/json"
        return {"ok": False, "errors": texts}
    request.override_renderer = "refused.skin"
    return {"messages": texts, "back": request.referer}


def answer_done(context, request, message, info):
    """A completed action's answer: ``info`` with ``ok`` as JSON for scripts;
    for people, ``message`` flashed and a redirect to the form's
    ``came_from`` (inside the site) or the item's history."""
    if wants_json(request):
        return dict(info, ok=True)
    request.session.flash(translate(request, message))
    return HTTPSeeOther(
        safe_return_url(request, request.POST.get("came_from"))
        or request.resource_url(context, "@@history")
    )


def refusal_view(exc, request):
    """Map a refused (or any Substance D) workflow error to a 4xx answer."""
    if isinstance(exc, TransitionRefused):
        return answer_refusal(request, exc.status, exc.messages)
    # a bare WorkflowError from code we do not control
    return answer_refusal(request, 409, [_("workflow-error", default="无法执行该流程操作。")])


def _render(request, info):
    if wants_json(request):
        request.override_renderer = "json"
    return info


@view_config(
    name="transition",
    request_method="POST",
    permission="view",
    workflowed=True,
    renderer="json",
)
def transition_view(context, request):
    workflow = get_workflow(context, request.registry)
    name = request.POST.get("transition", "")
    record = workflow.transition(
        context,
        request,
        name,
        comment=request.POST.get("comment", ""),
        expected_state=request.POST.get("expected_state") or None,
    )
    message = _(
        "workflow-done",
        default="已执行“${action}”，当前状态：${state}。",
        mapping={
            "action": workflow.transition_title(name),
            "state": workflow.state_title(record.to_state),
        },
    )
    return answer_done(
        context, request, message, {"state": record.to_state, "record": record.as_dict()}
    )


def safe_return_url(request, url):
    """``url`` if it points into this site, else None (no open redirects)."""
    if not url:
        return None
    base = request.application_url.rstrip("/") + "/"
    if url.startswith("/") and not url.startswith("//"):
        return request.application_url + url
    return url if url.startswith(base) else None


@view_config(
    name="history",
    request_method="GET",
    permission="view_history",
    workflowed=True,
    renderer="history.skin",
)
def history_view(context, request):
    workflow = get_workflow(context, request.registry)
    records = [r.as_dict() for r in get_history(context)]
    for r in records:
        r["from_title"] = workflow.state_title(r["from_state"])
        r["to_title"] = workflow.state_title(r["to_state"])
        r["transition_title"] = action_title(request, workflow, r["transition"])
    state = workflow.state_of(context)
    transitions = [
        {"name": t["name"], "title": t["title"], "comment": t["comment"]}
        for t in workflow.get_transitions(context, request)
    ]
    info = {
        "title": getattr(context, "title", context.__name__),
        "state": state,
        "state_title": workflow.state_title(state),
        "history": records,
        "transitions": transitions,
    }
    return _render(request, info)


def includeme(config):
    config.add_view(
        refusal_view,
        context=WorkflowError,
        renderer="json",
        permission="__no_permission_required__",
    )
    # Substance D's workflow tab has no comment box and shows machine names;
    # ours adds the comment field, Chinese titles and the item's history.
    config.override_asset(
        to_override="substanced.workflow:templates/workflow.pt",
        override_with="govportal.workflow:templates/sdi_workflow.pt",
    )
    config.scan(".views")
