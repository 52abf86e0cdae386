"""Workflow guards named in ``workflows/servicecase.yaml`` and ``casetask.yaml``.

A guard answers a Chinese message to refuse a transition, or None.  Task
outcomes are data on the task (``task.outcome``: ``agree``, ``disagree`` or
``cancelled``, set by :mod:`.actions`), so no guard names a workflow state.
"""

from pyramid.traversal import find_root

from ..i18n import _
from . import clock
from .cases import department_principals, tasks_of_round
from .sites import site_named

AGREE, DISAGREE, CANCELLED = "agree", "disagree", "cancelled"


def supplement_once(content, request, transition):
    """网上预审只一次性告知 (第十七条: 一次性告知所需补正的全部材料)."""
    if getattr(content, "supplement", None):
        return _("services-supplement-once", default="已一次性告知过补齐材料，不能再次要求。")
    return None


def supplement_overdue(content, request, transition):
    """Refusing for want of materials only after the applicant's deadline."""
    due = (getattr(content, "supplement", None) or {}).get("respond_by")
    if due is None or clock.today() <= due:
        return _("services-supplement-not-overdue", default="补齐材料期限尚未届满。")
    return None


def has_co_departments(content, request, transition):
    if not getattr(content, "co_departments", ()):
        return _("services-no-co-departments", default="该事项没有需要并联审批的协办部门。")
    return None


def _latest(content):
    return {t.department: t for t in tasks_of_round(content)}


def all_tasks_signed(content, request, transition):
    """Every co-handling department agreed in the latest round (或无需会签)."""
    co = tuple(getattr(content, "co_departments", ()))
    if not co:
        return None
    latest = _latest(content) if getattr(content, "rounds", 0) else {}
    pending = [d for d in co if getattr(latest.get(d), "outcome", None) != AGREE]
    if pending:
        return _(
            "services-tasks-pending",
            default="尚有协办部门未同意（${departments}），不能办结。",
            mapping={"departments": "、".join(_department_title(content, d) for d in pending)},
        )
    return None


def task_refused(content, request, transition):
    if not any(t.outcome == DISAGREE for t in tasks_of_round(content)):
        return _("services-no-task-refused", default="没有协办部门不同意，不能退回。")
    return None


def task_department_member(content, request, transition):
    """A department signs only its own task."""
    principals = set(getattr(request, "effective_principals", ()) or ())
    site = site_named(find_root(content), content.department)
    if site is None:
        return _("services-task-no-department", default="协办部门不存在。")
    registry = request.registry
    if not principals & set(department_principals(site, registry)):
        return _("services-task-not-yours", default="只能由协办部门本部门人员会签本部门的任务。")
    return None


def _department_title(context, name):
    site = site_named(find_root(context), name)
    if site is None:
        return name
    return getattr(site, "short_title", "") or site.title


GUARDS = {
    "case_supplement_once": supplement_once,
    "case_supplement_overdue": supplement_overdue,
    "case_has_co_departments": has_co_departments,
    "case_all_tasks_signed": all_tasks_signed,
    "case_task_refused": task_refused,
    "task_department_member": task_department_member,
}
