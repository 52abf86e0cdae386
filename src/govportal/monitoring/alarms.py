"""Alarms of the operations monitor (告警): raised once, mailed once, kept.

A part of the monitor that sees something wrong calls :func:`raise_alarm`
with a *kind* (``availability``, ``stale``, ``links``, ``tamper`` …) and a
*key* naming the thing (a site path, a column path, a document oid).  While
an alarm of that kind and key is open, raising it again only counts the
sighting: nobody is mailed twice about one problem.  When the part sees the
problem gone it calls :func:`clear_alarm`; the next occurrence alarms again.

Who hears of it: the 值班 addresses of ``govportal.monitoring.ops_emails``,
the people passed as ``staff`` (e.g. a department's editors and reviewers:
:func:`site_staff`), by mail when the transaction commits; for ``level``
``veto`` (a single-veto line of the national inspection is crossed) also
the 值班 phones of ``govportal.monitoring.ops_phones`` by SMS
(:mod:`govportal.notify.sms`).  Every alarm raised or cleared is an audit
entry (``monitoring.alarm``, ``monitoring.alarm_cleared``).

Alarms live in the monitor database (:mod:`.store`, section ``alarms``):
open ones by ``kind:key``, closed ones by the time they closed (kept
``CLOSED_DAYS`` days, pruned when an alarm closes).
"""

from datetime import timedelta

from BTrees.LOBTree import LOBTree
from BTrees.OOBTree import OOBTree
from persistent import Persistent
from pyramid.settings import aslist
from pyramid.traversal import resource_path

from ..i18n import translate
from ..mail import send, send_to_users
from ..notify.sms import send_sms
from ..security.events import record_action
from ..security.people import users_with_roles
from ..sitetime import now_utc
from ..workflow import facts
from .store import section

#: the permission whose holders on a site are that site's monitoring staff
VIEW_PERMISSION = "view_monitoring"
#: the notification topic users can switch off (their 通知设置)
MAIL_TOPIC = "monitoring"
#: days a closed alarm is kept in the list of past alarms
CLOSED_DAYS = 400
LEVELS = ("warning", "veto")


class Alarm(Persistent):
    """One alarm: what, where, since when, how often seen, and its evidence."""

    def __init__(self, kind, key, subject, body, level, site_path, evidence, at):
        self.kind = kind
        self.key = key
        self.subject = subject
        self.body = body
        self.level = level
        self.site_path = site_path
        self.evidence = dict(evidence or {})
        self.opened = at
        self.last_seen = at
        self.sightings = 1
        self.closed = None
        self.close_note = ""

    @property
    def is_open(self):
        return self.closed is None


class AlarmBook(Persistent):
    def __init__(self):
        self.open = OOBTree()
        self.closed = LOBTree()


def _book(root):
    return section(root, "alarms", AlarmBook)


def _ident(kind, key):
    return f"{kind}:{key}"


def site_staff(site, registry, permission=VIEW_PERMISSION):
    """The active users holding, on ``site`` itself, a role the site workflow
    grants ``permission`` (a department's editors and reviewers)."""
    content_type = registry.content.typeof(site)
    return users_with_roles(site, facts.roles_granted(registry, permission, content_type), registry)


def ops_emails(registry):
    return aslist(registry.settings.get("govportal.monitoring.ops_emails", ""))


def ops_phones(registry):
    return aslist(registry.settings.get("govportal.monitoring.ops_phones", ""))


def raise_alarm(
    root, request, kind, key, subject, body, *, site=None, level="warning", evidence=None, staff=()
):
    """Open alarm ``kind``/``key`` and tell people — unless it is open already,
    when the sighting is only counted.  Returns the new :class:`Alarm`, or
    None when it was already open.

    ``subject`` and ``body`` may be translation strings (translated with
    ``request``); ``evidence`` is a dict of plain values kept with the alarm
    (shown on the dashboard); ``staff`` are user objects mailed besides the
    值班 addresses; ``level`` ``veto`` also sends SMS to the 值班 phones.
    """
    if level not in LEVELS:
        raise ValueError(f"alarm level must be one of {LEVELS}, not {level!r}")
    book = _book(root)
    ident = _ident(kind, key)
    now = now_utc()
    alarm = book.open.get(ident)
    if alarm is not None:
        alarm.last_seen = now
        alarm.sightings += 1
        if level == "veto" and alarm.level != "veto":
            alarm.level = "veto"  # worse than when opened: say so once more
        else:
            return None
    subject = translate(request, subject)
    body = translate(request, body)
    site_path = resource_path(site) if site is not None else ""
    if alarm is None:
        alarm = Alarm(kind, key, subject, body, level, site_path, evidence, now)
        book.open[ident] = alarm
    _tell(request, alarm, staff)
    record_action(
        request,
        "monitoring.alarm",
        target=site_path or key,
        result="failure",
        details={"kind": kind, "key": str(key), "level": alarm.level, "subject": subject},
    )
    return alarm


def _tell(request, alarm, staff):
    registry = request.registry
    subject = f"【网站运行监测】{alarm.subject}"
    to_ops = ops_emails(registry)
    if to_ops:
        send(request, to_ops, subject, alarm.body)
    if staff:
        send_to_users(request, staff, subject, alarm.body, MAIL_TOPIC)
    if alarm.level == "veto":
        for phone in ops_phones(registry):
            send_sms(request, phone, subject)


def clear_alarm(root, request, kind, key, note=""):
    """Close the open alarm ``kind``/``key`` (the problem is gone); returns it,
    or None when none was open."""
    book = _book(root)
    alarm = book.open.pop(_ident(kind, key), None)
    if alarm is None:
        return None
    now = now_utc()
    alarm.closed = now
    alarm.close_note = translate(request, note) if note else ""
    stamp = int(now.timestamp() * 1_000_000)
    while stamp in book.closed:
        stamp += 1
    book.closed[stamp] = alarm
    horizon = int((now - timedelta(days=CLOSED_DAYS)).timestamp() * 1_000_000)
    for old in list(book.closed.keys(max=horizon)):
        del book.closed[old]
    record_action(
        request,
        "monitoring.alarm_cleared",
        target=alarm.site_path or str(key),
        details={"kind": kind, "key": str(key)},
    )
    return alarm


def open_alarms(root, site=None, kind=None):
    """Open alarms (of ``site``, a resource, and of ``kind`` when given), newest first."""
    book = section(root, "alarms", AlarmBook, create=False)
    if book is None:
        return []
    path = resource_path(site) if site is not None else None
    found = [
        a
        for a in book.open.values()
        if (kind is None or a.kind == kind) and (path is None or a.site_path == path)
    ]
    return sorted(found, key=lambda a: a.opened, reverse=True)


def is_open(root, kind, key):
    book = section(root, "alarms", AlarmBook, create=False)
    return book is not None and _ident(kind, key) in book.open


def closed_alarms(root, limit=100):
    """The most recently closed alarms, newest first."""
    book = section(root, "alarms", AlarmBook, create=False)
    if book is None:
        return []
    keys = list(book.closed.keys())[-limit:]
    return [book.closed[k] for k in reversed(keys)]
