"""The operations monitor's own database (``monitor``, :mod:`govportal.sidedb`).

What the monitor learns — probe results, link-check results, tamper
baselines, alarms, the last run of each job — changes every few minutes and
is never shown to citizens, so it lives in a side database (``Monitor.fs``
next to a ``file://`` Data.fs, ``zodbconn.uri.monitor`` otherwise): its
writes never touch the content database, whose last transaction id the
render cache watches.

The database's root holds one :class:`MonitorRoot` at
``root()["govportal_monitor"]``: a mapping of *sections*, one per part of the
monitor (``probes``, ``links``, ``tamper``, ``alarms`` …), each created on
first use by :func:`section` with the factory its owner passes.

Reach it from any persistent object of the content database (the app root
in a request or a scheduler job): ``section(root, "links", LinkResults)``.
The monitor's connection belongs to the same multi-database and the same
transaction as the content's, so what a job writes to both commits or
aborts together.
"""

from persistent.mapping import PersistentMapping

from .. import sidedb

MONITOR_DB = "monitor"
MONITOR_FILE = "Monitor.fs"
ROOT_KEY = "govportal_monitor"


class MonitorRoot(PersistentMapping):
    """Sections of the monitor by name."""


def monitor_db(registry):
    """The monitor's database (opened once at start-up)."""
    return sidedb.side_db(registry, MONITOR_DB, MONITOR_FILE, "OPERATIONS MONITOR DATA")


def monitor_connection(obj):
    """The monitor database's connection in the multi-database of ``obj``'s
    connection (``obj``: any persistent object of the content database that
    was loaded through a connection, such as the app root)."""
    jar = obj._p_jar
    if jar is None:
        raise ValueError("monitor_connection needs an object loaded from the content database")
    return jar.get_connection(MONITOR_DB)


def monitor_root(obj, create=True):
    """The :class:`MonitorRoot` (created if missing and ``create``)."""
    zroot = monitor_connection(obj).root()
    found = zroot.get(ROOT_KEY)
    if found is None and create:
        found = zroot[ROOT_KEY] = MonitorRoot()
    return found


def section(obj, name, factory, create=True):
    """Section ``name`` of the monitor, made by ``factory()`` on first use
    (or None when absent and not ``create``: readers should not write)."""
    root = monitor_root(obj, create=create)
    if root is None:
        return None
    found = root.get(name)
    if found is None and create:
        found = root[name] = factory()
    return found


def includeme(config):
    # open it now, in the content database's multi-database, so that every
    # connection reaches it and scripts fail at start-up if it cannot open
    config.registry.govportal_monitor_db = monitor_db(config.registry)
