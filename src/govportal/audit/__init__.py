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
from urllib.parse import urlsplit

from pyramid.exceptions import ConfigurationError
from pyramid.settings import asbool, aslist
from ZODB import DB
from zodburi import resolve_uri
from zope.interface import Interface

from .store import AuditLog

log = logging.getLogger(__name__)

AUDIT_DB = "audit"
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
    """The audit database URI when ``zodbconn.uri.audit`` is not set:
    ``Audit.fs`` next to a ``file://`` content database, ``memory://`` next to
    an in-memory one, else None (a shared storage needs an explicit URI)."""
    primary = (settings.get("zodbconn.uri") or "").strip()
    if not primary or primary.startswith("memory:"):
        return "memory://"
    if primary.startswith("file://"):
        path = urlsplit(primary).path
        directory = path.rsplit("/", 1)[0]
        return f"file://{directory}/Audit.fs"
    return None


def open_audit_db(uri, databases=None, read_only=False):
    """Open the audit database at ``uri`` (joining ``databases`` if given)."""
    if read_only and uri.startswith("file://"):
        # a read-only FileStorage takes no lock: verify and export run while
        # the server holds the file
        uri += ("&" if "?" in uri else "?") + "read_only=1"
    factory, dbkw = resolve_uri(uri)
    dbkw["database_name"] = AUDIT_DB
    if databases is not None:
        dbkw["databases"] = databases
    return DB(factory(), **dbkw)


def audit_db(registry):
    """The audit database: pyramid_zodbconn's named database ``audit`` if
    configured, else one opened from :func:`derived_uri`."""
    settings = registry.settings
    databases = getattr(registry, "_zodb_databases", None)
    if databases is not None and AUDIT_DB in databases:
        return databases[AUDIT_DB]
    uri = derived_uri(settings)
    if uri is None:
        log.error(
            "AUDIT LOG NOT PERSISTENT: zodbconn.uri is a shared storage but %s is not set; "
            "audit entries are kept in memory only and lost at exit.  Set %s to a second "
            "ZEO storage or a separate RelStorage database (etc/README.md).",
            URI_SETTING,
            URI_SETTING,
        )
        uri = "memory://"
    if databases is None:
        databases = registry._zodb_databases = {}
    return open_audit_db(uri, databases)


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
