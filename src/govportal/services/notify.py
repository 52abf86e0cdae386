"""Mail and text messages about cases (办件).

The applicant hears of every public step (number, status, the public query
page ``<lead site>/@@case-track``), by mail when an address was given and by
SMS to a mainland mobile number (:func:`govportal.notify.sms.send_sms`).  No
message carries the query code except the one sent on submission, and none
carries personal data beyond what the applicant wrote.

Handlers hear of new cases, materials supplied and co-handling returns (the
lead site's users holding a role granted ``handle_case`` in the case
workflow); co-handling departments of their new tasks (the users of the
department's groups).  Staff mails go through
:func:`govportal.mail.send_to_users` under :data:`TOPIC` (a user may switch
them off).  Everything is sent when the transaction commits.
"""

import logging

from pyramid.traversal import find_root

from ..mail import send, send_to_users
from ..security.people import users_with_roles
from ..siteurl import public_resource_url
from ..workflow import facts
from .cases import CASE_TYPE, lead_site
from .sites import site_named, site_title

log = logging.getLogger(__name__)

#: The notification topic of case mails (see govportal.mail.wants).
TOPIC = "services"
#: The permission whose holders on the lead site handle its cases.
HANDLER_PERMISSION = "handle_case"
#: The public query page (views_track) and the staff pages (views_cases, views_tasks).
TRACK_VIEW = "@@case-track"
CASES_VIEW = "@@cases"
TASKS_VIEW = "@@tasks"
#: The lead segment of a task URL for a case the portal leads (views_tasks).
PORTAL_SEGMENT = "-"


def _sms(request, phone, text):
    try:
        from ..notify.sms import send_sms
    except ImportError:  # pragma: no cover - the SMS interface is optional
        log.warning("govportal.notify.sms is missing: no text message sent")
        return False
    return send_sms(request, phone, text)


def organ_title(site):
    return site_title(site) or getattr(find_root(site), "legal_name", "") or "本机关"


def track_url(request, case):
    return public_resource_url(request.registry, lead_site(case), TRACK_VIEW)


def case_url(request, case):
    """The lead's staff page of ``case``."""
    return public_resource_url(request.registry, lead_site(case), CASES_VIEW, case.__name__)


def task_url(request, case, department):
    return public_resource_url(
        request.registry, department, TASKS_VIEW, case.lead or PORTAL_SEGMENT, case.__name__
    )


def state_title(request, case):
    from ..workflow import get_workflow

    workflow = get_workflow(case, request.registry)
    return workflow.state_title(workflow.state_of(case))


def tell_applicant(request, case, what, detail="", code=None):
    """Tell the applicant that ``what`` happened to their case (mail + SMS).

    ``detail`` is added to the mail; ``code`` (the query code, only on
    submission) to both.  Returns the channels used.
    """
    applicant = case.applicant or {}
    organ = organ_title(lead_site(case))
    status = state_title(request, case)
    url = track_url(request, case)
    used = []
    email = applicant.get("email")
    if email:
        lines = [
            f"您申请办理的“{case.guide_title}”（办件编号 {case.__name__}）{what}。",
            f"当前状态：{status}",
        ]
        if detail:
            lines += ["", detail.strip()]
        if code:
            lines += ["", f"查询码：{code}（请妥善保存，凭办件编号和查询码查询办理进度）"]
        lines += ["", f"办理进度查询：{url}"]
        send(request, [email], f"【{organ}】办件{case.__name__}：{what}", "\n".join(lines) + "\n")
        used.append("mail")
    phone = applicant.get("phone")
    if phone:
        text = (
            f"【{organ}】您的办件{case.__name__}（{case.guide_title}）{what}，当前状态：{status}。"
        )
        if code:
            text += f"查询码{code}。"
        text += f"查询：{url}"
        if _sms(request, phone, text):
            used.append("sms")
    return used


def lead_handlers(case, registry):
    """Users holding a handler role on the lead site of ``case``."""
    roles = facts.roles_granted(registry, HANDLER_PERMISSION, CASE_TYPE)
    return users_with_roles(lead_site(case), roles, registry)


def department_staff(department, registry):
    """Users of ``department``'s groups (its editors and reviewers)."""
    roles = tuple(registry.govportal_vocabulary.department_group_roles)
    return users_with_roles(department, roles, registry)


def tell_handlers(request, case, subject, body):
    """Mail the lead's handlers; returns the addresses mailed."""
    users = lead_handlers(case, request.registry)
    text = f"{body.strip()}\n\n办件页面：{case_url(request, case)}\n"
    return send_to_users(request, users, f"【办事服务】{subject}", text, TOPIC)


def tell_co_department(request, case, department_name):
    """Mail a co-handling department's staff about their new task."""
    department = site_named(find_root(case), department_name)
    if department is None:
        return []
    users = department_staff(department, request.registry)
    lead = organ_title(lead_site(case))
    body = (
        f"{lead}牵头办理的“{case.guide_title}”（办件编号 {case.__name__}）"
        f"需要贵部门并联审批会签（第{case.rounds}轮），请及时办理。\n\n"
        f"会签页面：{task_url(request, case, department)}\n"
    )
    return send_to_users(
        request, users, f"【并联审批】{case.guide_title} {case.__name__} 待会签", body, TOPIC
    )
