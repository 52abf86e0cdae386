"""Workflow guards of scheduled publication and expiry.

``effective_now``
    on ``approve``: an item whose 定时发布时间 lies in the future is not
    published now; the reviewer is told to use 定时发布 (``schedule``).
``effective_future``
    on ``schedule``: only an item with a future 定时发布时间 can be scheduled.
``before_expiry``
    on ``approve`` and ``schedule``: an item whose 定时下线时间 has passed
    would be archived at once; the date must be changed first.
``effective_reached`` / ``expiry_reached``
    on ``publish_due`` / ``expire``: the date has come (by the scheduler's
    clock).
``scheduler_only``
    on ``publish_due`` and ``expire``: only the scheduler's system actor
    runs them, even if someone granted the ``system`` role to a user.
"""

from ..i18n import _
from .actor import is_system_request
from .dates import effective_date, expiry_date, has_passed, is_future, now_for, show


def effective_now(content, request, transition):
    value = effective_date(content)
    if is_future(value, now_for(request)):
        return _(
            "schedule-use-schedule",
            default="该稿件设定了定时发布时间（${when}），不能立即发布，请使用“审核通过，定时发布”。",
            mapping={"when": show(value)},
        )
    return None


def effective_future(content, request, transition):
    value = effective_date(content)
    if not is_future(value, now_for(request)):
        return _(
            "schedule-needs-future-date",
            default="定时发布须先设定晚于当前时间的定时发布时间。",
        )
    return None


def before_expiry(content, request, transition):
    value = expiry_date(content)
    if has_passed(value, now_for(request)):
        return _(
            "schedule-expiry-passed",
            default="定时下线时间（${when}）已过，请修改或清除后再审核。",
            mapping={"when": show(value)},
        )
    return None


def effective_reached(content, request, transition):
    if not has_passed(effective_date(content), now_for(request)):
        return _("schedule-not-due", default="尚未到定时发布时间。")
    return None


def expiry_reached(content, request, transition):
    if not has_passed(expiry_date(content), now_for(request)):
        return _("schedule-not-expired", default="尚未到定时下线时间。")
    return None


def scheduler_only(content, request, transition):
    if not is_system_request(request):
        return _("schedule-system-only", default="该操作只能由系统定时任务执行。")
    return None


GUARDS = {
    "effective_now": effective_now,
    "effective_future": effective_future,
    "before_expiry": before_expiry,
    "effective_reached": effective_reached,
    "expiry_reached": expiry_reached,
    "scheduler_only": scheduler_only,
}
