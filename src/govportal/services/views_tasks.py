"""A co-handling department's pages (并联审批会签).

* ``GET <site>/@@tasks`` — the department's inbox: every case it was asked
  to co-sign, its own tasks open first.
* ``GET <site>/@@tasks/<lead>/<number>`` — the case as the department's
  staff may see it (applicant and materials with ``view_applicant``, which
  the ``co_handler`` role holds on the case) and, while the department's
  task is open, the forms 同意 (opinion optional) and 不同意 (reason
  required).  ``<lead>`` is the lead site's name, ``-`` for the portal.
* ``POST`` the same address (field ``step``: ``sign`` or ``refuse``) runs
  :func:`.actions.sign_task` / :func:`.actions.refuse_task` on the
  department's own open task; the guard ``task_department_member`` makes
  sure no other department signs it.  Refusals keep nothing (403/409/400).
* ``GET .../file/<name>`` — a material of the case.

Who sees the inbox: the principals the co-handling grant is given to — those
holding a department-group role on the department itself
(:func:`.cases.department_principals`).  Others get 403.
"""

from pyramid.httpexceptions import HTTPForbidden, HTTPNotFound
from pyramid.renderers import get_renderer
from pyramid.view import view_config
from substanced.interfaces import IRoot

from .. import sitetime
from ..content import IDepartment
from ..i18n import _, translate
from ..workflow import get_workflow
from ..workflow.errors import TransitionRefused
from . import actions
from .case_info import case_info, department_title, file_response
from .case_steps import precheck, refuse, text
from .cases import department_principals, task_inbox
from .sites import site_key
from .views_cases import done, no_store, refused

TEMPLATES = "govportal.services:templates/"
PORTAL_KEY = "-"
TASK_STEPS = ("sign", "refuse")


def may_see_inbox(request, site):
    if request.authenticated_userid is None:
        return False
    principals = set(request.effective_principals)
    return bool(principals & set(department_principals(site, request.registry)))


def lead_segment(case):
    return case.lead or PORTAL_KEY


def own_tasks(case, site):
    """The department's tasks of ``case``, latest round first."""
    name = site_key(site)
    tasks = [t for t in case.tasks.values() if t.department == name]
    return sorted(tasks, key=lambda t: -t.round)


def inbox(context, request):
    rows = []
    for case in list((task_inbox(context) or {}).values()):
        if not request.has_permission("view_case", case):
            continue
        for task in own_tasks(case, context)[:1]:
            workflow = get_workflow(task, request.registry)
            case_wf = get_workflow(case, request.registry)
            rows.append(
                {
                    "number": case.__name__,
                    "guide": case.guide_title,
                    "lead": department_title(case, case.lead),
                    "round": task.round,
                    "created": sitetime.local_date(task.created_at),
                    "open": task.outcome is None,
                    "task_state": workflow.state_title(workflow.state_of(task)),
                    "case_state": case_wf.state_title(case_wf.state_of(case)),
                    "due": case.due,
                    "url": request.resource_url(
                        context, "@@tasks", lead_segment(case), case.__name__
                    ),
                }
            )
    rows.sort(key=lambda r: (not r["open"], r["due"] is None, r["due"] or r["created"]))
    request.override_renderer = TEMPLATES + "tasks.pt"
    return {"rows": rows}


def task_page(context, request, case, errors=()):
    base = request.resource_url(context, "@@tasks", lead_segment(case), case.__name__)
    info = case_info(request, case, base=base)
    task = next(iter(own_tasks(case, context)), None)
    steps, task_state = [], ""
    if task is not None:
        workflow = get_workflow(task, request.registry)
        task_state = workflow.state_title(workflow.state_of(task))
        steps = [t["name"] for t in workflow.get_transitions(task, request)]
        steps = [name for name in TASK_STEPS if name in steps]
    request.override_renderer = TEMPLATES + "task.pt"
    return dict(
        info,
        task=task,
        task_steps=steps,
        task_state_title=task_state,
        errors=[translate(request, e) for e in errors],
        csrf_token=request.session.get_csrf_token(),
        action=base,
        back_url=request.resource_url(context, "@@tasks"),
        back_title=translate(request, _("返回会签任务列表")),
        case_macros=get_renderer(TEMPLATES + "case.pt").implementation().macros,
    )


def run_task_step(request, case, site):
    name = request.POST.get("step", "")
    if name not in TASK_STEPS:
        refuse(_("workflow-unknown-transition", default="不存在此流程操作。"))
    task = next(iter(own_tasks(case, site)), None)
    if task is None:
        raise TransitionRefused(
            [_("services-task-none", default="本部门在该办件中没有会签任务。")], 403
        )
    precheck(request, task, name)
    if name == "sign":
        actions.sign_task(
            request, task, text(request.POST, "comment", _("会签意见"), required=False)
        )
    else:
        actions.refuse_task(request, task, text(request.POST, "comment", _("不同意的理由")))
    return task, name


@view_config(context=IRoot, name="tasks", permission="view", renderer=TEMPLATES + "tasks.pt")
@view_config(context=IDepartment, name="tasks", permission="view", renderer=TEMPLATES + "tasks.pt")
def tasks_view(context, request):
    no_store(request)
    if not may_see_inbox(request, context):
        raise HTTPForbidden()
    if not request.subpath:
        if request.method != "GET":
            raise HTTPNotFound()
        return inbox(context, request)
    if len(request.subpath) < 2:
        raise HTTPNotFound()
    lead, number = request.subpath[0], request.subpath[1]
    key = f"{'' if lead == PORTAL_KEY else lead}/{number}"
    case = (task_inbox(context) or {}).get(key)
    if case is None:
        raise HTTPNotFound()
    if not request.has_permission("view_case", case):
        raise HTTPForbidden()
    rest = list(request.subpath[2:])
    if rest:
        if request.method != "GET" or len(rest) != 2 or rest[0] != "file":
            raise HTTPNotFound()
        return file_response(request, case, rest[1])
    if request.method == "POST":
        url = request.resource_url(context, "@@tasks", lead, number)
        try:
            task, name = run_task_step(request, case, context)
        except TransitionRefused as e:
            return refused(request, e, lambda m: task_page(context, request, case, errors=m))
        return done(request, task, name, url)
    return task_page(context, request, case)


def includeme(config):
    config.scan(".views_tasks")
