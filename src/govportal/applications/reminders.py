"""Deadline warnings: mail a site's handlers about near-due and overdue applications.

Every serving process runs :func:`send_reminders` on each scheduler round
(``config.add_periodic_job``, see :mod:`govportal.schedule.worker`); where
the scheduler thread is off, ``govportal-application-reminders CONFIG.ini``
runs it once (from cron, e.g. daily at 08:00).  An application whose
clock runs is *near due* with :data:`~.clock.NEAR_DUE_DAYS` working days
left or fewer, and *overdue* after its due date.  Each warning is sent once
per kind and due date (an extension or a pause that moves the date allows a
new one), so running the script twice a day mails nothing twice.
"""

import argparse
import sys

from ..bootstrap import close_app, load_app, site_session
from ..calendar import get_calendar
from . import clock
from .model import site_of
from .notify import mail_handlers, site_title, staff_url
from .queries import _state, open_applications


def due_warnings(root, registry, on=None):
    """``[(application, kind)]`` with kind ``near`` or ``overdue``, not yet sent."""
    on = on or clock.today()
    calendar = get_calendar(root)
    found = []
    for application in open_applications(root, registry):
        state = _state(application, registry)
        status = clock.clock_status(application, calendar, state, on)
        kind = "overdue" if status["overdue"] else "near" if status["near"] else None
        if kind is None:
            continue
        if f"{kind}:{application.due.isoformat()}" in application.reminders:
            continue
        found.append((application, kind))
    return found


def send_reminders(root, request, on=None):
    """Mail the handlers of each site about its near-due and overdue
    applications (one mail per application and warning); returns the
    ``[(site, application name, kind)]`` warned about."""
    sent = []
    for application, kind in due_warnings(root, request.registry, on):
        site = site_of(application)
        due = application.due.isoformat()
        if kind == "overdue":
            subject = f"【依申请公开】申请 {application.__name__} 已超过答复期限"
            body = (
                f"{site_title(site)}的政府信息公开申请 {application.__name__} "
                f"答复期限为 {due}，已逾期，请立即办理。\n"
            )
        else:
            subject = f"【依申请公开】申请 {application.__name__} 即将到期"
            body = (
                f"{site_title(site)}的政府信息公开申请 {application.__name__} "
                f"答复期限为 {due}，剩余不超过{clock.NEAR_DUE_DAYS}个工作日，请抓紧办理。\n"
            )
        body += f"办理页面：{staff_url(request, site, application)}\n"
        mail_handlers(request, site, subject, body)
        application.reminders = tuple(application.reminders) + (f"{kind}:{due}",)
        sent.append((site, application.__name__, kind))
    return sent


def main(argv=None, out=sys.stdout):
    parser = argparse.ArgumentParser(
        description="Mail handlers about near-due and overdue applications for disclosure."
    )
    parser.add_argument("config", help="the .ini file, e.g. production.ini")
    args = parser.parse_args(argv)
    app = load_app(args.config)
    try:
        with site_session(app.registry) as (zodb_root, request):
            root = zodb_root["app_root"]
            request.root = root
            sent = send_reminders(root, request)
    finally:
        close_app(app)
    print(f"已发送依申请公开期限提醒 {len(sent)} 件。", file=out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
