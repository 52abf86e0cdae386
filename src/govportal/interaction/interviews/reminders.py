"""Mails about questions left open after an interview, to its site's staff.

A periodic job (``config.add_periodic_job``) mails the users who moderate
the interview's questions (roles granted ``moderate`` on contributions on
the interview's site) once per interview, level and due date: ``near`` from
:func:`.actions.near_after` working days after the end, ``overdue`` after
the due date.  Sent warnings are kept on the interview
(``answer_reminders``), so running the job again mails nothing twice; the
job commits only when it sent something.  Links use the site's public URL.
"""

from substanced.util import find_catalog

from ... import sitetime
from ...mail import send_to_users
from ...security.people import users_with_roles
from ...siteurl import public_resource_url
from ...workflow import facts
from ...workspace.queries import site_of
from ..hub.deadlines import NEAR, OVERDUE
from . import actions

#: the notification topic of 互动交流 mails (see govportal.mail.wants)
TOPIC = "interaction"
MODERATOR_PERMISSION = "moderate"


def _all_interviews(root):
    system = find_catalog(root, "system")
    if system is None:
        return []
    return [i for i in system["content_type"].eq("Interview").execute() if i is not None]


def due_warnings(root, registry, today=None):
    """``[(interview, level, key)]`` not yet mailed."""
    today = today or sitetime.today(registry)
    found = []
    for interview in _all_interviews(root):
        level = actions.answers_level(interview, registry, today)
        if level not in (NEAR, OVERDUE):
            continue
        owing = actions.open_questions(interview, registry)
        key = f"{level}:{actions.answers_due(interview, registry).isoformat()}"
        if owing and key not in getattr(interview, "answer_reminders", ()):
            found.append((interview, level, key))
    return found


def _message(interview, level, registry, count):
    due = actions.answers_due(interview, registry).isoformat()
    if level == OVERDUE:
        subject = f"在线访谈提问答复已超期：{interview.title}"
        state = "已超过答复期限"
    else:
        subject = f"在线访谈提问即将到期：{interview.title}"
        state = "即将到期"
    body = (
        f"在线访谈“{interview.title}”尚有 {count} 个网友提问未答复，"
        f"应于 {due} 前答复（访谈结束后 {actions.answer_days(registry)} 个工作日内），"
        f"{state}，请尽快答复。\n\n"
        f"答复页面：{public_resource_url(registry, interview, '@@live')}\n"
    )
    return f"【互动交流】{subject}", body


def send_reminders(root, request, today=None):
    """Mail each interview's moderators; returns ``[(name, level)]``."""
    registry = request.registry
    roles = facts.roles_granted(registry, MODERATOR_PERMISSION, "Contribution")
    sent = []
    for interview, level, key in due_warnings(root, registry, today):
        count = len(actions.open_questions(interview, registry))
        subject, body = _message(interview, level, registry, count)
        users = users_with_roles(site_of(interview), roles, registry)
        send_to_users(request, users, subject, body, TOPIC)
        interview.answer_reminders = (*getattr(interview, "answer_reminders", ()), key)
        sent.append((interview.__name__, level))
    return sent


def includeme(config):
    config.add_periodic_job("govportal interviews: answer reminders", send_reminders)
