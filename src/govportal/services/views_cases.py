"""The lead site's staff pages for cases (办件).

* ``GET <site>/@@cases`` — the queue, filtered by state, guide, warning level
  (黄牌 near due, 红牌 overdue) and number; each row gives the number, the
  guide, the submission date, the state, the due date, the working days used
  and left (:mod:`.clock`) and the co-handling progress.
* ``GET <site>/@@cases/<number>`` — one case: clock, form, materials, tasks,
  returns, result, history, and a form for each step the user may run now.
* ``POST <site>/@@cases/<number>`` (field ``step``) — runs that step through
  :mod:`.actions` (CSRF-checked by the site's default); a refusal keeps
  nothing and re-renders the page with the engine's Chinese messages and its
  status (403, 409, or 400 for bad input).  A replayed step meets the case
  in its new state and is refused without change.
* ``GET <site>/@@cases/<number>/file/<name>`` — one material
  (``view_applicant`` on the case); ``.../certificate`` — the certificate.

Who sees the queue is read from ``workflows/servicecase.yaml``: anyone whose
roles *on the site* hold ``view_case`` in some state (its editors and
reviewers, the site administrator, and the global 电子监察员 and auditors).
Co-handling departments hold their role on each case only, so they reach
cases through their own inbox (:mod:`.views_tasks`), never this queue.  Each
case is then shown only with ``view_case`` on the case itself, and its
applicant, form values and materials only with ``view_applicant``.
"""

from pyramid.httpexceptions import HTTPForbidden, HTTPNotFound, HTTPSeeOther
from pyramid.view import view_config
from substanced.interfaces import IRoot

from .. import sitetime
from ..cache import dont_cache
from ..calendar import get_calendar
from ..content import IDepartment
from ..i18n import _, translate
from ..security.localroles import effective_roles
from ..workflow import facts, get_workflow
from ..workflow.errors import TransitionRefused
from ..workflow.views import wants_json
from . import clock
from .case_info import case_info, file_response
from .case_steps import STEPS, run_step
from .cases import CASE_TYPE, find_case_box, tasks_of_round
from .certificate import certificate_response
from .guards import AGREE

TEMPLATES = "govportal.services:templates/"
#: the permission that shows the queue (granted in ``workflows/servicecase.yaml``)
QUEUE_PERMISSION = "view_case"
WARNINGS = ((clock.YELLOW, _("黄牌（临近期限）")), (clock.RED, _("红牌（已超期）")))
#: rows shown at most (filters narrow the rest)
MAX_ROWS = 300


def may_see_cases(request, site):
    """True if the user's roles on ``site`` see cases in some state."""
    registry = request.registry
    if request.authenticated_userid is None:
        return False
    if CASE_TYPE not in registry.govportal_workflow_bindings:
        return False
    seeing = facts.roles_granted(registry, QUEUE_PERMISSION, CASE_TYPE)
    roles = effective_roles(
        site, request.effective_principals, registry.govportal_vocabulary.global_roles
    )
    return any(role in seeing for role in roles)


def co_progress(case, registry):
    """``(agreed, total)`` of the latest co-handling round, or None."""
    if not case.rounds:
        return None
    tasks = tasks_of_round(case)
    return sum(1 for t in tasks if t.outcome == AGREE), len(tasks)


def queue_row(request, case, today, workflow, calendar):
    state = workflow.state_of(case)
    return {
        "number": case.__name__,
        "guide": case.guide_title,
        "guide_path": case.guide_path,
        "submitted": sitetime.local_date(case.submitted_at),
        "state": state,
        "state_title": workflow.state_title(state),
        "due": case.due,
        "used": clock.workdays_used(case, today, calendar) if case.accepted_on else None,
        "left": clock.workdays_left(case, today, calendar) if case.accepted_on else None,
        "warning": clock.warning_level(case, today, registry=request.registry, calendar=calendar),
        "progress": co_progress(case, request.registry),
        "url": request.resource_url(request.context, "@@cases", case.__name__),
    }


def queue(context, request):
    box = find_case_box(context)
    today = clock.today()
    calendar = get_calendar(context)
    params = request.GET
    state = params.get("state", "")
    guide = params.get("guide", "")
    warning = params.get("warning", "")
    number = params.get("number", "").strip().upper()
    rows, guides = [], {}
    closed = set(facts.clock_states(request.registry, CASE_TYPE, "closed"))
    for case in box.values() if box is not None else ():
        if not request.has_permission(QUEUE_PERMISSION, case):
            continue
        guides[case.guide_path] = case.guide_title
        if number and number not in case.__name__.upper():
            continue
        if guide and case.guide_path != guide:
            continue
        workflow = get_workflow(case, request.registry)
        if state and workflow.state_of(case) != state:
            continue
        row = queue_row(request, case, today, workflow, calendar)
        if warning and row["warning"] != warning:
            continue
        row["closed"] = row["state"] in closed
        rows.append(row)
    rows.sort(key=lambda r: (r["closed"], r["due"] is None, r["due"] or r["submitted"]))
    request.override_renderer = TEMPLATES + "cases.pt"
    titles = facts.state_titles(request.registry, CASE_TYPE)
    return {
        "rows": rows[:MAX_ROWS],
        "more": max(0, len(rows) - MAX_ROWS),
        "today": today,
        "states": list(titles.items()),
        "guides": sorted(guides.items(), key=lambda item: item[1]),
        "warnings": [(code, translate(request, title)) for code, title in WARNINGS],
        "chosen": {"state": state, "guide": guide, "warning": warning, "number": number},
        "action": request.resource_url(context, "@@cases"),
    }


def detail(context, request, case, errors=()):
    info = case_info(request, case, offered=STEPS)
    request.override_renderer = TEMPLATES + "case.pt"
    return dict(
        info,
        errors=[translate(request, e) for e in errors],
        csrf_token=request.session.get_csrf_token(),
        action=request.resource_url(context, "@@cases", case.__name__),
        back_url=request.resource_url(context, "@@cases"),
        back_title=translate(request, _("返回办件列表")),
    )


def refused(request, error, again):
    """Answer a refused step: nothing kept, the messages and the status."""
    request.tm.doom()
    request.response.status_int = error.status
    if wants_json(request):
        request.override_renderer = "json"
        return {"ok": False, "errors": [translate(request, m) for m in error.messages]}
    return again(error.messages)


def done(request, case, name, url):
    workflow = get_workflow(case, request.registry)
    if wants_json(request):
        request.override_renderer = "json"
        return {"ok": True, "state": workflow.state_of(case)}
    message = _(
        "services-step-done",
        default="已执行“${action}”。",
        mapping={"action": workflow.transition_title(name)},
    )
    request.session.flash(translate(request, message))
    return HTTPSeeOther(url)


def no_store(request):
    dont_cache(request)
    request.response.headers["Cache-Control"] = "private, no-store"


@view_config(context=IRoot, name="cases", permission="view", renderer=TEMPLATES + "cases.pt")
@view_config(context=IDepartment, name="cases", permission="view", renderer=TEMPLATES + "cases.pt")
def cases_view(context, request):
    no_store(request)
    if not may_see_cases(request, context):
        raise HTTPForbidden()
    if not request.subpath:
        if request.method != "GET":
            raise HTTPNotFound()
        return queue(context, request)
    box = find_case_box(context)
    case = box.get(request.subpath[0]) if box is not None else None
    if case is None:
        raise HTTPNotFound()
    if not request.has_permission(QUEUE_PERMISSION, case):
        raise HTTPForbidden()
    rest = request.subpath[1:]
    if rest:
        return case_resource(request, case, rest)
    if request.method == "POST":
        url = request.resource_url(context, "@@cases", case.__name__)
        try:
            name = run_step(request, case)
        except TransitionRefused as e:
            return refused(request, e, lambda m: detail(context, request, case, errors=m))
        return done(request, case, name, url)
    return detail(context, request, case)


def case_resource(request, case, rest):
    """``file/<name>`` (a material or the result file) or ``certificate`` (the PDF)."""
    if request.method != "GET":
        raise HTTPNotFound()
    if len(rest) == 2 and rest[0] == "file":
        return file_response(request, case, rest[1])
    if list(rest) == ["certificate"]:
        if not (case.certificate or {}).get("code_hash"):
            raise HTTPNotFound()
        if not request.has_permission("view_applicant", case):
            raise HTTPForbidden()
        return certificate_response(request, case)
    raise HTTPNotFound()


def includeme(config):
    config.scan(".views_cases")
