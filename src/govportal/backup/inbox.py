"""Audit entries of scripts that could not open the audit database.

With one application process on a FileStorage, the server holds
``Audit.fs`` (its lock): ``govportal-backup``, ``govportal-restore`` and
``govportal-restore-drill`` cannot append to it.  They leave each entry as a
JSON file in ``audit-inbox/`` of the backup directory
(``govportal.backup.dir``, default ``backups/`` beside ``Data.fs``), and the
server's scheduler records it (:func:`inbox_job`, every round): the entry
then carries the script's own time in ``details["at"]``.  Under ZEO or
RelStorage the scripts write to the audit database directly.
"""

import json
import logging
import os
import secrets

import transaction

from ..security.events import record_action
from .manifest import stamp_of, utc_now

log = logging.getLogger(__name__)

INBOX = "audit-inbox"
CLAIMED = ".claimed"


def inbox_dir(settings):
    """The inbox of the site's settings (a FileStorage site only), or None."""
    from .run import backup_dir_setting
    from .targets import UnsupportedStorage

    try:
        return backup_dir_setting(settings, ".") / INBOX
    except UnsupportedStorage:
        return None


def leave(settings, action, target, result, details):
    """Leave one entry in the inbox for the server to record."""
    directory = inbox_dir(settings)
    if directory is None:
        return None
    directory.mkdir(parents=True, exist_ok=True)
    when = utc_now()
    entry = {
        "action": action,
        "target": target,
        "result": result,
        "details": dict(details or {}, at=when.isoformat()),
    }
    name = f"{stamp_of(when)}-{secrets.token_hex(4)}.json"
    tmp = directory / (name + ".tmp")
    tmp.write_text(json.dumps(entry, ensure_ascii=False), "utf-8")
    tmp.replace(directory / name)
    return directory / name


def inbox_job(root, request):
    """The periodic job: record the inbox's entries in this transaction;
    their files go once it committed (back to the inbox if it aborted)."""
    directory = inbox_dir(request.registry.settings)
    if directory is None or not directory.is_dir():
        return False
    claimed = []
    for path in sorted(directory.glob("*.json")):
        mine = path.with_name(path.name + CLAIMED + str(os.getpid()))
        try:
            path.rename(mine)  # atomic: one process takes each entry
        except FileNotFoundError:
            continue
        try:
            entry = json.loads(mine.read_text("utf-8"))
        except ValueError:
            log.error("unreadable audit inbox entry %s left aside", mine)
            continue
        record_action(
            None,
            entry["action"],
            registry=request.registry,
            target=entry.get("target", ""),
            result=entry.get("result", "success"),
            details=entry.get("details", {}),
        )
        claimed.append((mine, path))
    if not claimed:
        return False

    def after_commit(committed):
        for mine, path in claimed:
            if committed:
                mine.unlink(missing_ok=True)
            else:
                mine.rename(path)

    transaction.get().addAfterCommitHook(after_commit)
    return True
