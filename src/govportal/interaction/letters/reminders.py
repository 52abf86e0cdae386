"""Deadline warnings about letters, to the handling site's staff.

A periodic job (``config.add_periodic_job``, every scheduler round of every
serving process) mails, once per letter and kind:

* ``near`` — an open letter with ``govportal.interaction.near_days`` working
  days left or fewer before the date that counts (:mod:`.clock`);
* ``overdue`` — its date has passed, or the initial verification is late;
* ``long`` — still unanswered 3 months after receipt (checklist B18).

A warning is keyed by its kind and the due date (``near:2026-02-03``), so a
promise or an extension that moves the date allows a new one, and running
the job again mails nothing twice (``letter.reminders``).  The job commits
only when it sent something.
"""

from ..hub.deadlines import NEAR, OVERDUE
from . import clock
from .model import site_of
from .notify import organ_title, tell_staff
from .queries import LONG_UNANSWERED_DAYS, long_unanswered, open_letters, warned

LONG = "long"


def _key(kind, letter):
    return f"{kind}:{letter.due.isoformat() if letter.due else ''}"


def due_warnings(root, registry, on=None):
    """``[(letter, kind)]`` not yet sent: kind ``near``, ``overdue`` or ``long``."""
    on = on or clock.today()
    found = []
    sites = {id(site_of(letter)): site_of(letter) for letter in open_letters(root, registry)}
    for site in sites.values():
        for letter, level in warned(site, registry, on):
            kind = OVERDUE if level == OVERDUE else NEAR
            if _key(kind, letter) not in letter.reminders:
                found.append((letter, kind))
        for letter in long_unanswered(site, registry, on):
            if LONG not in letter.reminders:
                found.append((letter, LONG))
    return found


def _message(letter, kind, registry):
    site = organ_title(site_of(letter))
    due = letter.due.isoformat() if letter.due else ""
    if kind == OVERDUE:
        if clock.verification_missing(letter):
            return (
                f"信件 {letter.number} 未按期告知初步核实情况",
                f"{site}的信件 {letter.number} 应于 {letter.verify_due.isoformat()} 前"
                "告知初步核实情况和承诺办结日期，已逾期，请立即办理。",
            )
        return (
            f"信件 {letter.number} 已超过办理期限",
            f"{site}的信件 {letter.number} 办理期限为 {due}，已逾期，请立即办理。",
        )
    if kind == NEAR:
        return (
            f"信件 {letter.number} 即将到期",
            f"{site}的信件 {letter.number} 办理期限为 {due}，剩余不超过"
            f"{clock.near_days(registry)}个工作日，请抓紧办理。",
        )
    return (
        f"信件 {letter.number} 超过三个月未办结",
        f"{site}的信件 {letter.number} 收信于 {letter.received_on.isoformat()}，"
        f"超过{LONG_UNANSWERED_DAYS}天仍未答复，请尽快办结并说明原因。",
    )


def send_reminders(root, request, on=None):
    """Mail each site's handlers about its warned letters; returns
    ``[(number, kind)]`` (the periodic job commits when it is not empty)."""
    sent = []
    for letter, kind in due_warnings(root, request.registry, on):
        subject, body = _message(letter, kind, request.registry)
        tell_staff(request, site_of(letter), subject, body, letter)
        key = LONG if kind == LONG else _key(kind, letter)
        letter.reminders = (*letter.reminders, key)
        sent.append((letter.number, kind))
    return sent


def includeme(config):
    config.add_periodic_job("govportal letters: deadline reminders", send_reminders)
