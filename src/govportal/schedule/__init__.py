"""Scheduled publication (定时发布) and expiry (定时下线) of documents.

Documents carry two optional dates (``DocumentSchema``): ``effective_date``
(定时发布时间) and ``expiry_date`` (定时下线时间, after the former).

* A reviewer cannot ``approve`` an item whose 定时发布时间 is in the future
  (guard ``effective_now``); they use ``schedule`` (审核通过，定时发布), under
  the same conditions as approval (four eyes, checks), which moves it to
  ``scheduled`` (待定时发布, not public).  ``unschedule`` (reviewer, comment
  required) takes it back to ``review``.
* When the time comes the scheduler runs ``publish_due`` (its history record
  names the approval; 发布日期 becomes the scheduled day; the 索引号 is issued
  as on any publication) and, when 定时下线时间 passes, ``expire``
  (published → archived).  Restoring an item the scheduler archived (or whose
  定时下线时间 has passed) clears that date, or it would be archived again at once.
* The scheduler acts as a system actor (:mod:`.actor`: how it is authorised),
  in a background thread per process (:mod:`.worker`), or once from cron
  (``govportal-schedule CONFIG.ini``, :mod:`.script`).  :func:`run_due`
  (:mod:`.runner`) does the work in the caller's transaction.

Settings: ``govportal.schedule.worker`` (``thread`` or ``off``),
``govportal.schedule.interval`` (seconds, default 30).
"""

from pyramid.events import NewRequest
from pyramid.exceptions import ConfigurationError
from substanced.util import find_catalogs, get_oid

from ..workflow.events import IContentTransitioned
from ..workflow.history import get_history
from .actor import SYSTEM_PRINCIPAL, SYSTEM_ROLE, SchedulerRequest  # noqa: F401
from .dates import EXPIRY, expiry_date, has_passed, utcnow
from .guards import GUARDS
from .runner import Outcome, run_due, run_once  # noqa: F401
from .worker import MODES, ScheduleWorker, add_periodic_job


def get_worker(registry):
    return getattr(registry, "govportal_scheduler", None)


def start_worker(event):
    """``NewRequest``: a process that serves requests starts its scheduler."""
    worker = get_worker(event.request.registry)
    if worker is not None and not worker.running:
        worker.start()


def clear_passed_expiry(event):
    """A reviewer who restores an item the scheduler archived (or whose
    定时下线时间 has passed) wants it online: clear the date, or the scheduler
    would archive it again at once."""
    content = event.content
    if event.record.transition != "restore" or expiry_date(content) is None:
        return
    earlier = get_history(content)[:-1]
    expired_by_schedule = bool(earlier) and earlier[-1].transition == "expire"
    if expired_by_schedule or has_passed(expiry_date(content), utcnow()):
        setattr(content, EXPIRY, None)
        oid = get_oid(content, None)
        for catalog in find_catalogs(content) if oid is not None else ():
            catalog.reindex_resource(content, oid=oid)


def includeme(config):
    settings = config.registry.settings
    mode = settings.get("govportal.schedule.worker", "thread").strip()
    if mode not in MODES:
        raise ConfigurationError(
            f"govportal.schedule.worker must be one of {', '.join(MODES)}, not {mode!r}"
        )
    interval = float(settings.get("govportal.schedule.interval", 30))
    if interval <= 0:
        raise ConfigurationError("govportal.schedule.interval must be a positive number")
    config.registry.govportal_scheduler = ScheduleWorker(config.registry, mode, interval)
    config.add_directive("add_periodic_job", add_periodic_job)
    for name, guard in GUARDS.items():
        config.add_workflow_guard(name, guard)
    config.add_subscriber(clear_passed_expiry, IContentTransitioned)
    if mode == "thread":
        config.add_subscriber(start_worker, NewRequest)
