"""Packing on a schedule: the content database, every ``pack_every_days``.

A periodic job of the scheduler (:mod:`govportal.schedule.worker`) that
every ``govportal.backup.pack_every_days`` (0: never) packs the content
database, keeping ``govportal.backup.pack_keep_days`` of history (undo and
historical views reach that far back), and the monitor database the same
way.  FileStorage and ZEO keep history: ``db.pack(days=…)`` drops older
revisions and unreachable objects (and their blob files); on history-free
RelStorage the same call is a garbage collection (``zodbpack`` semantics).

**One process packs.**  The next pack time is stored in the monitor
database (section ``backup``); the job that finds it due moves it forward
and commits before packing (in an after-commit hook, in a thread of its
own, so the scheduler keeps running): a second process doing the same at
once conflicts on that section and, retried, finds it no longer due.

**The audit database is never packed here.**  Its entries are only
appended (and purged after the retention period, recorded in the chain);
what a pack would drop is superseded B-tree buckets, never an entry, but
keeping its history costs little and keeps every state of the log
reachable until an administrator packs it by hand after a backup
(``etc/README.md``).
"""

import logging
import threading
import time

import transaction
from persistent import Persistent

from ..monitoring.store import MONITOR_DB, section

log = logging.getLogger(__name__)

SECTION = "backup"
DAY = 86400.0


class BackupState(Persistent):
    """The scheduled pack's state in the monitor database."""

    next_pack = 0.0
    last_pack = None  # {"started", "seconds", "databases", "error"}


def _days(settings, name, default):
    try:
        return float(settings.get(name) or default)
    except ValueError:
        return float(default)


def pack_databases(dbs, keep_days):
    """Pack each database of ``dbs`` ({label: DB}) keeping ``keep_days``;
    returns what was done (for the record and the log)."""
    started = time.time()
    done = {"started": started, "databases": [], "error": ""}
    for label, db in dbs.items():
        try:
            db.pack(days=keep_days)
            done["databases"].append(label)
        except Exception as e:
            log.exception("packing database %s failed", label)
            done["error"] = f"{label}: {e}"
    done["seconds"] = round(time.time() - started, 3)
    log.info(
        "packed %s (kept %s days) in %s s", ", ".join(done["databases"]), keep_days, done["seconds"]
    )
    return done


def pack_job(root, request):
    """The periodic job: claim the pack when due, pack after the commit."""
    registry = request.registry
    settings = registry.settings
    every = _days(settings, "govportal.backup.pack_every_days", 7)
    if every <= 0:
        return False
    state = section(root, SECTION, BackupState)
    finished = registry.__dict__.get("govportal_pack_done")
    if finished is not None:
        state.last_pack = finished

        def forget(committed):
            # only once recorded: a round that conflicts and is retried
            # must still find the result
            if committed and registry.__dict__.get("govportal_pack_done") is finished:
                registry.__dict__.pop("govportal_pack_done", None)

        transaction.get().addAfterCommitHook(forget)
    now = time.time()
    if not state.next_pack:
        state.next_pack = now + every * DAY  # first pack one period after start
        return True
    if state.next_pack > now:
        return finished is not None
    state.next_pack = now + every * DAY
    keep = _days(settings, "govportal.backup.pack_keep_days", 7)
    jar = root._p_jar
    dbs = {"main": jar.db(), "monitor": jar.get_connection(MONITOR_DB).db()}

    def after_commit(committed):
        if not committed:
            return

        def run():
            registry.govportal_pack_done = pack_databases(dbs, keep)

        threading.Thread(target=run, name="govportal-pack", daemon=True).start()

    transaction.get().addAfterCommitHook(after_commit)
    return True
