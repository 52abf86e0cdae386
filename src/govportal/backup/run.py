"""``govportal-backup``: one consistent backup of every database of a site.

Each database (content with its blobs, audit, monitor: :mod:`.targets`) is
backed up by its storage's own tool (:mod:`.filestorage`: repozo;
:mod:`.postgres`: pg_dump), each to its own recovery point: the databases
are independent (the audit and the monitor reference no content object), so
each point need only be consistent within its database.  The manifest
(:mod:`.manifest`) records every point, file, size and SHA-256.

A backup is full when asked (``--full``), when there is none yet, or when
the newest full one is ``govportal.backup.full_every_days`` old; otherwise
incremental on the newest backup.  Afterwards the newest
``govportal.backup.keep_full`` full backups are kept with their
incrementals, and the run is recorded in the audit trail (``backup.run``).
"""

import logging
import platform
import time
from datetime import timedelta
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from . import filestorage, postgres
from .manifest import (
    apply_retention,
    backups,
    chain_of,
    last_full_time,
    new_backup_dir,
    utc_now,
    write_manifest,
)
from .status import LATEST_BACKUP, write_latest
from .targets import UnsupportedStorage, ini_settings, targets, zeo_targets

log = logging.getLogger(__name__)


def backup_dir_setting(settings, ini_path):
    """``govportal.backup.dir``, else ``backups/`` beside a FileStorage
    ``Data.fs``, else ``var/backups`` beside the ``.ini``."""
    configured = (settings.get("govportal.backup.dir") or "").strip()
    if configured:
        return Path(configured)
    try:
        main = targets(settings)[0]
    except UnsupportedStorage:  # a ZEO client: the backup runs on the ZEO host
        main = None
    if main is not None and main.kind == "file":
        return Path(main.path).parent / "backups"
    return Path(ini_path).resolve().parent / "var" / "backups"


def _version(name):
    try:
        return version(name)
    except PackageNotFoundError:
        return ""


def tool_versions(kinds):
    tools = {
        "python": platform.python_version(),
        "ZODB": _version("ZODB"),
        "govportal": _version("govportal"),
    }
    if "file" in kinds:
        tools["repozo"] = "ZODB " + tools["ZODB"]
    if "postgres" in kinds:
        tools["RelStorage"] = _version("RelStorage")
        tools["pg_dump"] = postgres.tool_version()
    return tools


def wants_full(settings, dest, force_full):
    if force_full:
        return True
    last = last_full_time(dest)
    if last is None:
        return True
    days = float(settings.get("govportal.backup.full_every_days") or 7)
    return utc_now() - last >= timedelta(days=days)


def run_backup(ini_path, full=False, dest=None, zeo_conf=None):
    """Back up every database ``ini_path`` configures; returns
    ``(backup directory, manifest)``."""
    settings = ini_settings(ini_path)
    found = zeo_targets(zeo_conf) if zeo_conf else targets(settings)
    dest = Path(dest) if dest else backup_dir_setting(settings, ini_path)
    full = wants_full(settings, dest, full)
    chain = [] if full else chain_of(dest, backups(dest)[-1][0])
    started = time.monotonic()
    out = new_backup_dir(dest, full)
    manifest = {
        "format": 1,
        "kind": "full" if full else "incr",
        "stamp": out.name.split("-")[0],
        "started": utc_now().isoformat(),
        "ini": str(Path(ini_path).resolve()),
        "chain": [p.name for p, _m in chain],
        "databases": {},
    }
    for target in found:
        if target.kind == "file":
            entry = filestorage.backup(target, out, chain, full)
        elif target.kind == "postgres":
            entry = postgres.backup(target, out)
        else:
            entry = {"kind": target.kind, "skipped": "nothing to back up (in memory)"}
        entry["name"] = target.name
        entry["uri"] = target.uri
        manifest["databases"][target.label] = entry
    manifest["finished"] = utc_now().isoformat()
    manifest["seconds"] = round(time.monotonic() - started, 3)
    manifest["bytes"] = sum(
        f["size"] for d in manifest["databases"].values() for f in d.get("files", {}).values()
    ) + sum(
        b["size"]
        for d in manifest["databases"].values()
        for b in d.get("blobs", {}).values()
        if b["in"] == out.name
    )
    manifest["tools"] = tool_versions({t.kind for t in found})
    write_manifest(out, manifest)
    write_latest(
        dest,
        LATEST_BACKUP,
        {
            "path": str(out),
            "kind": manifest["kind"],
            "finished": manifest["finished"],
            "bytes": manifest["bytes"],
            "recovery": {k: d.get("recovery_time") for k, d in manifest["databases"].items()},
        },
    )
    keep = int(settings.get("govportal.backup.keep_full") or 4)
    removed = apply_retention(dest, keep)
    manifest["removed"] = [p.name for p in removed]
    changed = {
        k: d["blobs_changed"] for k, d in manifest["databases"].items() if d.get("blobs_changed")
    }
    audit_note(
        settings,
        "backup.run",
        target=str(out),
        result="failure" if changed else "success",
        details={
            "kind": manifest["kind"],
            "bytes": manifest["bytes"],
            "seconds": manifest["seconds"],
            "removed": len(removed),
            "blobs_changed": sum(len(v) for v in changed.values()),
        },
    )
    return out, manifest


def audit_note(settings, action, target="", result="success", details=None):
    """Append an entry to the site's audit trail from a script (no request).

    A FileStorage ``Audit.fs`` held by a running single-process server
    cannot be opened for writing by another process: then the entry is left
    in the backup directory's inbox for the server to record
    (:mod:`.inbox`).  Returns whether it was written now."""
    from zc.lockfile import LockError
    from ZODB.POSException import StorageError

    from ..audit import AUDIT_DB, AUDIT_FILE, open_audit_db
    from ..audit.recording import make_fields
    from ..audit.store import AuditLog
    from ..sidedb import configured_uri

    uri = configured_uri(settings, AUDIT_DB, AUDIT_FILE)
    if not uri or uri.startswith("memory:"):
        return False
    try:
        db = open_audit_db(uri)
    except (LockError, StorageError, OSError) as e:
        log.info("audit file held by the server (%s): %s left in its inbox", e, action)
        from .inbox import leave

        leave(settings, action, target, result, details)
        return False
    try:
        AuditLog(db).append(make_fields(None, action, target, result, details))
    finally:
        db.close()
    return True
