"""Staff pages: a site's queue of applications and each application's page.

* ``GET <site>/@@applications`` — the queue with the statutory clock:
  receipt date, due date, working days left; overdue and near-due rows are
  highlighted, deadlines in years without holiday data flagged.
* ``GET <site>/@@applications/<number>`` — one application: request, clock,
  decision, history, and a form for each step the user may take.  The
  applicant's personal data appear only with ``view_applicant``.
* ``POST <site>/@@applications/<number>`` (field ``step``) — runs a step of
  :mod:`.actions`; a refusal re-renders the page with the message and a 4xx.

The management interface (SDI) of the portal and of each department shows a
tab 依申请公开 to those who may see the queue; it leads to the queue.

Who may see the queue is read from ``workflows/application.yaml``: anyone
whose roles on the site are granted ``view_application`` in some state.
Everyone else gets the site's refusal (404 for anonymous visitors, 403 for
signed-in users).
"""

from pyramid.httpexceptions import HTTPForbidden, HTTPNotFound, HTTPSeeOther
from pyramid.view import view_config
from substanced.interfaces import IRoot
from substanced.util import find_objectmap

from ..cache import dont_cache
from ..calendar import get_calendar
from ..content import IDepartment
from ..i18n import _, translate
from ..security.localroles import effective_roles
from ..workflow import facts, get_workflow
from ..workflow.errors import TransitionRefused
from ..workflow.history import get_history
from ..workflow.views import wants_json
from . import clock
from .actions import STEPS, parse_date
from .model import find_box
from .vocabulary import (
    APPLICANT_TYPES,
    DELIVERY_CHANNELS,
    DELIVERY_FORMS,
    ID_TYPES,
    OUTCOME_GROUPS,
    OUTCOME_TITLES,
    title_of,
)

TEMPLATES = "govportal.applications:templates/"
#: the permission that shows the queue (granted in ``workflows/application.yaml``)
QUEUE_PERMISSION = "view_application"


def may_see_queue(request, site):
    """True if the user's roles on ``site`` see applications in some state."""
    registry = request.registry
    if "Application" not in registry.govportal_workflow_bindings:
        return False
    if request.authenticated_userid is None:
        return False
    seeing = facts.roles_granted(registry, QUEUE_PERMISSION, "Application")
    roles = effective_roles(
        site, request.effective_principals, registry.govportal_vocabulary.global_roles
    )
    return any(role in seeing for role in roles)


def _actor_name(request, userid):
    if userid is None:
        return ""
    try:
        user = find_objectmap(request.context).object_for(int(userid))
    except (TypeError, ValueError):
        return str(userid)
    return getattr(user, "__name__", None) or str(userid)


def _row(application, request, calendar, workflow):
    state = workflow.state_of(application)
    info = clock.clock_status(application, calendar, state)
    return {
        "number": application.__name__,
        "title": application.title,
        "applicant_type": title_of(APPLICANT_TYPES, application.applicant_type),
        "state": state,
        "state_title": workflow.state_title(state),
        "submitted_on": application.submitted_on,
        "registered_on": application.registered_on,
        "clock": info,
        "url": request.resource_url(request.context, "@@applications", application.__name__),
        "outcome": OUTCOME_TITLES.get(application.decision["code"]) if application.decision else "",
    }


def queue(context, request):
    box = find_box(context)
    applications = box.values() if box is not None else []
    calendar = get_calendar(context)
    rows = []
    for application in applications:
        if not request.has_permission("view_application", application):
            continue
        rows.append(
            _row(application, request, calendar, get_workflow(application, request.registry))
        )
    open_rows = [r for r in rows if not r["clock"]["closed"]]
    open_rows.sort(
        key=lambda r: (r["clock"]["due"] is None, r["clock"]["due"] or r["submitted_on"])
    )
    closed_rows = [r for r in rows if r["clock"]["closed"]]
    closed_rows.reverse()
    request.override_renderer = TEMPLATES + "queue.pt"
    return {
        "open_rows": open_rows,
        "closed_rows": closed_rows,
        "today": clock.today(),
        "near_days": clock.NEAR_DUE_DAYS,
    }


def detail(context, request, application, errors=()):
    workflow = get_workflow(application, request.registry)
    state = workflow.state_of(application)
    calendar = get_calendar(context)
    applicant = None
    if request.has_permission("view_applicant", application):
        a = application.applicant
        applicant = dict(
            a,
            type_title=title_of(APPLICANT_TYPES, a.get("type")),
            id_type_title=title_of(ID_TYPES, a.get("id_type")),
        )
    history = []
    for record in get_history(application):
        history.append(
            {
                "when": record.local_when.strftime("%Y-%m-%d %H:%M"),
                "actor": record.actor_name,
                "transition": workflow.transition_title(record.transition),
                "to": workflow.state_title(record.to_state),
                "comment": record.comment,
            }
        )
    steps = [t["name"] for t in workflow.get_transitions(application, request)]
    sought = application.request
    request.override_renderer = TEMPLATES + "application.pt"
    return {
        "app": application,
        "state": state,
        "state_title": workflow.state_title(state),
        "clock": clock.clock_status(application, calendar, state),
        "applicant": applicant,
        "sought": dict(
            sought,
            form_title=title_of(DELIVERY_FORMS, sought.get("delivery_form")),
            channel_title=title_of(DELIVERY_CHANNELS, sought.get("delivery_channel")),
        ),
        "history": history,
        "steps": steps,
        "step_titles": {name: workflow.transition_title(name) for name in steps},
        "outcome_groups": OUTCOME_GROUPS,
        "outcome_title": OUTCOME_TITLES.get(application.decision["code"])
        if application.decision
        else "",
        "extension_by": _actor_name(request, (application.extension_request or {}).get("by")),
        "errors": [translate(request, e) for e in errors],
        "csrf_token": request.session.get_csrf_token(),
        "action": request.resource_url(context, "@@applications", application.__name__),
        "queue_url": request.resource_url(context, "@@applications"),
        "today": clock.today(),
    }


def run_step(context, request, application):
    name = request.POST.get("step", "")
    step = STEPS.get(name)
    if step is None:
        raise TransitionRefused(
            [_("workflow-unknown-transition", default="不存在此流程操作。")], 400
        )
    post = request.POST
    comment = post.get("comment", "")
    if name == "request_supplement":
        step(application, request, comment, parse_date(post.get("date"), "补正期限"))
    elif name == "consult":
        step(application, request, comment, parse_date(post.get("date"), "第三方收到日期"))
    elif name == "consult_received":
        received = parse_date(post.get("date"), "第三方收到日期")
        if received is None:
            raise TransitionRefused([_("applications-date-required", default="请填写日期。")], 400)
        step(application, request, received)
    elif name == "register":
        step(application, request, parse_date(post.get("date"), "收到申请日期"))
    elif name == "complete_supplement":
        step(application, request, comment, parse_date(post.get("date"), "收到补正日期"))
    elif name == "request_extension":
        step(application, request, post.get("days", ""), comment)
    elif name == "answer":
        step(
            application,
            request,
            post.get("outcome", ""),
            post.get("text", ""),
            parse_date(post.get("date"), "答复日期"),
        )
    else:
        step(application, request, comment)
    return name


@view_config(context=IRoot, name="applications", permission="view", renderer=TEMPLATES + "queue.pt")
@view_config(
    context=IDepartment, name="applications", permission="view", renderer=TEMPLATES + "queue.pt"
)
def applications_view(context, request):
    dont_cache(request)
    request.response.headers["Cache-Control"] = "private, no-store"
    if not may_see_queue(request, context):
        raise HTTPForbidden()
    if not request.subpath:
        if request.method != "GET":
            raise HTTPNotFound()
        return queue(context, request)
    box = find_box(context)
    application = box.get(request.subpath[0]) if box is not None else None
    if application is None or len(request.subpath) > 1:
        raise HTTPNotFound()
    if not request.has_permission("view_application", application):
        raise HTTPForbidden()
    if request.method == "POST":
        try:
            name = run_step(context, request, application)
        except TransitionRefused as e:
            request.tm.doom()  # nothing of a refused step is kept
            request.response.status_int = e.status
            if wants_json(request):
                request.override_renderer = "json"
                return {"ok": False, "errors": [translate(request, m) for m in e.messages]}
            return detail(context, request, application, errors=e.messages)
        workflow = get_workflow(application, request.registry)
        if wants_json(request):
            request.override_renderer = "json"
            return {"ok": True, "state": workflow.state_of(application)}
        request.session.flash(
            translate(
                request,
                _(
                    "applications-step-done",
                    default="已执行“${action}”。",
                    mapping={"action": workflow.transition_title(name)},
                ),
            )
        )
        return HTTPSeeOther(request.resource_url(context, "@@applications", application.__name__))
    return detail(context, request, application)


def includeme(config):
    # The queue is reached at <site>/@@applications (linked from /@@admin);
    # the management interface is the system administrator's only, so it no
    # longer carries an 依申请公开 tab.
    config.scan(".views_staff")
