"""The audit trail (等保 F8, F9): append-only, hash-chained, in its own database.

Storage: a ZODB database of its own, the named database ``audit`` of
pyramid_zodbconn (``zodbconn.uri.audit``; ``file://…/var/Audit.fs`` for one
process, a second ZEO storage or a separate RelStorage database when several
processes share the site — see ``etc/README.md``).  Why a separate database
rather than a folder in the content database or a PostgreSQL table:

- **out of undo's reach**: Substance D's Undo tab (and ``db.undo``) work on
  the content database's transactions; an audit entry is never in one of
  them, so undoing a retract cannot take its audit entries with it, and
  audit writes never make a content transaction "undoable" or not;
- **out of pack's reach**: packing the content database (weekly, it is
  big) never touches the audit; the audit database holds no garbage to
  pack (entries are only appended, and purged by ``govportal-audit purge``
  after the retention period);
- **backed up and kept separately**: one file or storage, copied or shipped
  to another host on its own schedule; ``govportal-audit export`` writes CSV;
- **no conflicts with content**: entries are written in the audit's own
  transaction (:mod:`.store`), so concurrent editors never conflict because
  of the audit, and reading the log never loads content objects;
- **same machinery everywhere**: ZODB works the same embedded, under ZEO and
  under RelStorage, where a PostgreSQL table would need its own schema,
  driver and a second way of deploying the single-process site.

:mod:`.chain` seals each entry with the SHA-256 of its canonical JSON and
its predecessor's hash; ``govportal-audit verify`` (:mod:`.script`) detects
any altered, removed or reordered entry.  :mod:`.subscribers` listen to
``record_action`` and the workflow and removal events (:mod:`.recording`
decides when each entry is written).  ``/@@audit`` (:mod:`.views`) is for the
审计管理员 only (``view_audit``; exports ``export_audit``).
"""

import logging
import time
from functools import partial

from pyramid.exceptions import ConfigurationError
from pyramid.settings import asbool, aslist
from zope.interface import Interface

from .. import sidedb
from .store import AuditLog

log = logging.getLogger(__name__)

AUDIT_DB = "audit"
AUDIT_FILE = "Audit.fs"
URI_SETTING = "zodbconn.uri." + AUDIT_DB
#: 等保 level 3 requires audit records to be kept at least six months.
MIN_RETENTION_DAYS = 180
#: seconds between two purges by the scheduler thread of one process
PURGE_EVERY = 24 * 3600


def get_audit_log(registry):
    """The process's :class:`~.store.AuditLog`."""
    return registry.govportal_audit


def retention_days(settings):
    """``govportal.audit.retention_days`` (at least 180, or ConfigurationError)."""
    raw = settings.get("govportal.audit.retention_days", "365")
    try:
        days = int(raw)
    except (TypeError, ValueError):
        raise ConfigurationError(f"govportal.audit.retention_days: not a number: {raw!r}") from None
    if days < MIN_RETENTION_DAYS:
        raise ConfigurationError(
            f"govportal.audit.retention_days = {days}: audit records must be kept at least "
            f"{MIN_RETENTION_DAYS} days (等保 level 3); refusing to start"
        )
    return days


def derived_uri(settings):
    """The audit database URI when ``zodbconn.uri.audit`` is not set
    (:func:`govportal.sidedb.derived_uri`: ``Audit.fs``)."""
    return sidedb.derived_uri(settings, AUDIT_FILE)


def open_audit_db(uri, databases=None, read_only=False):
    """Open the audit database at ``uri`` (joining ``databases`` if given)."""
    return sidedb.open_side_db(uri, AUDIT_DB, databases, read_only)


def audit_db(registry):
    """The audit database: pyramid_zodbconn's named database ``audit`` if
    configured, else one opened from :func:`derived_uri`."""
    return sidedb.side_db(registry, AUDIT_DB, AUDIT_FILE, "AUDIT LOG")


def includeme(config):
    from substanced.event import IObjectWillBeRemoved

    from ..security.events import ActionRecorded
    from ..workflow.events import IContentTransitioned
    from . import subscribers

    registry = config.registry
    settings = registry.settings
    days = retention_days(settings)
    registry.govportal_audit = AuditLog(audit_db(registry))
    registry.govportal_audit_proxies = frozenset(
        aslist(settings.get("govportal.audit.trusted_proxies", ""))
    )
    config.add_subscriber(partial(subscribers.action_recorded, registry=registry), ActionRecorded)
    config.add_subscriber(
        partial(subscribers.content_transitioned, registry=registry), IContentTransitioned
    )
    config.add_subscriber(
        # Substance D notifies object events with (event, object, container).
        partial(subscribers.object_will_be_removed, registry=registry),
        [IObjectWillBeRemoved, Interface, Interface],
    )
    if asbool(settings.get("govportal.audit.auto_purge", "true")):
        from ..schedule.worker import add_periodic_job

        add_periodic_job(config, "audit.purge", purge_job(registry.govportal_audit, days))
    config.include(".views")


def purge_job(audit_log, days, every=PURGE_EVERY):
    """A periodic job (the scheduler thread) that purges entries older than
    ``days`` once every ``every`` seconds in this process."""
    due = [0.0]

    def job(root, request):
        now = time.monotonic()
        if now < due[0]:
            return False
        due[0] = now + every
        try:
            removed = audit_log.purge(days)
        except Exception:
            log.exception("purging the audit log failed")
            return False
        if removed:
            log.info("audit log: removed %d entries older than %d days", removed, days)
        return False  # nothing to commit in the content database

    return job
