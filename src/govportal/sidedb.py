"""Side databases: ZODB databases of their own beside the content database.

What is not content — the audit trail (``audit``), the operations monitor's
probes, link results and baselines (``monitor``) — lives in a database of
its own, so that packing or undoing the content never touches it and its
frequent writes never change the content database's last transaction (which
the render cache watches, :mod:`govportal.cache`).

Each side database ``NAME`` is configured as pyramid_zodbconn's named
database ``zodbconn.uri.NAME``.  When that is not set, :func:`derived_uri`
puts it next to a ``file://`` content database (``Audit.fs``,
``Monitor.fs``) or in memory next to an in-memory one; a shared storage (ZEO,
RelStorage) needs the URI set explicitly (``etc/README.md``).

Every side database joins the content database's multi-database (the same
``databases`` mapping), so a connection of either reaches the other with
``conn.get_connection(NAME)`` and one transaction commits both (two-phase
commit).
"""

import logging
from urllib.parse import urlsplit

from ZODB import DB
from zodburi import resolve_uri

log = logging.getLogger(__name__)


def uri_setting(name):
    """The setting naming side database ``name``'s URI (``zodbconn.uri.NAME``)."""
    return "zodbconn.uri." + name


def derived_uri(settings, filename):
    """The URI of a side database stored in ``filename`` when its setting is
    absent: ``filename`` next to a ``file://`` content database, ``memory://``
    next to an in-memory one, else None (a shared storage needs an explicit
    URI)."""
    primary = (settings.get("zodbconn.uri") or "").strip()
    if not primary or primary.startswith("memory:"):
        return "memory://"
    if primary.startswith("file://"):
        path = urlsplit(primary).path
        directory = path.rsplit("/", 1)[0]
        return f"file://{directory}/{filename}"
    return None


def configured_uri(settings, name, filename):
    """``zodbconn.uri.NAME`` if set, else :func:`derived_uri`."""
    return (settings.get(uri_setting(name)) or "").strip() or derived_uri(settings, filename)


def open_side_db(uri, name, databases=None, read_only=False):
    """Open side database ``name`` at ``uri`` (joining ``databases`` if given)."""
    if read_only and uri.startswith("file://"):
        # a read-only FileStorage takes no lock: scripts read while the
        # server holds the file
        uri += ("&" if "?" in uri else "?") + "read_only=1"
    factory, dbkw = resolve_uri(uri)
    dbkw["database_name"] = name
    if databases is not None:
        dbkw["databases"] = databases
    return DB(factory(), **dbkw)


def side_db(registry, name, filename, what):
    """Side database ``name`` of the application: pyramid_zodbconn's named
    database if configured, else one opened from :func:`derived_uri` in the
    same multi-database.  ``what`` names it in the error logged when a shared
    storage has no URI for it (it is then kept in memory only)."""
    settings = registry.settings
    databases = getattr(registry, "_zodb_databases", None)
    if databases is not None and name in databases:
        return databases[name]
    uri = derived_uri(settings, filename)
    if uri is None:
        setting = uri_setting(name)
        log.error(
            "%s NOT PERSISTENT: zodbconn.uri is a shared storage but %s is not set; "
            "it is kept in memory only and lost at exit.  Set %s to a ZEO storage "
            "or a separate RelStorage database of its own (etc/README.md).",
            what,
            setting,
            setting,
        )
        uri = "memory://"
    if databases is None:
        databases = registry._zodb_databases = {}
    return open_side_db(uri, name, databases)
