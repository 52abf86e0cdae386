"""Backup directories and their manifests; chains and retention.

Each backup is a directory ``DIR/<UTC stamp>-full`` or ``DIR/<UTC
stamp>-incr`` (stamp ``20261207T150312Z``) holding what the backup wrote and
``manifest.json``: what was backed up, when (UTC), the recovery point of
each database (its last transaction id and time), every file with its size
and SHA-256, and the versions of the tools used.  A directory without a
manifest is an unfinished backup and is ignored (and removed by retention).

A *chain* is a full backup and the incrementals after it up to the next
full one: restoring an incremental needs its whole chain.
"""

import hashlib
import json
import shutil
import time
from datetime import UTC, datetime
from pathlib import Path

MANIFEST = "manifest.json"
STAMP_FORMAT = "%Y%m%dT%H%M%SZ"
CHUNK = 1 << 20


def sha256_file(path):
    """SHA-256 (hex) of the file at ``path``."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def utc_now():
    return datetime.now(UTC)


def stamp_of(when):
    return when.astimezone(UTC).strftime(STAMP_FORMAT)


def parse_stamp(text):
    return datetime.strptime(text, STAMP_FORMAT).replace(tzinfo=UTC)


def new_backup_dir(dest, full):
    """Create ``dest/<stamp>-full|incr`` (waiting for the next second when a
    backup of this second exists: repozo names its files by the second)."""
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    while True:
        stamp = stamp_of(utc_now())
        if not any(dest.glob(stamp + "-*")):
            break
        time.sleep(0.2)
    path = dest / f"{stamp}-{'full' if full else 'incr'}"
    path.mkdir()
    return path


def write_manifest(directory, manifest):
    """Write ``manifest.json`` last and atomically: its presence marks the
    backup complete."""
    tmp = Path(directory) / (MANIFEST + ".tmp")
    tmp.write_text(json.dumps(manifest, indent=1, sort_keys=True, ensure_ascii=False), "utf-8")
    tmp.replace(Path(directory) / MANIFEST)


def read_manifest(directory):
    return json.loads((Path(directory) / MANIFEST).read_text("utf-8"))


def backups(dest):
    """Complete backups under ``dest``, oldest first: ``[(path, manifest)]``."""
    dest = Path(dest)
    if not dest.is_dir():
        return []
    found = []
    for path in sorted(dest.iterdir()):
        if path.is_dir() and (path / MANIFEST).is_file():
            found.append((path, read_manifest(path)))
    return found


def chain_of(dest, backup_dir):
    """The backups a restore of ``backup_dir`` needs, oldest first: the
    last full backup at or before it and the incrementals up to it."""
    backup_dir = Path(backup_dir).resolve()
    chain = []
    for path, manifest in backups(dest):
        if manifest["kind"] == "full":
            chain = []
        chain.append((path, manifest))
        if path.resolve() == backup_dir:
            if chain[0][1]["kind"] != "full":
                raise ValueError(f"{backup_dir}: no full backup before this incremental")
            return chain
    raise ValueError(f"{backup_dir}: not a complete backup under {dest}")


def latest(dest, at=None):
    """The newest complete backup (whose recovery time is at or before
    ``at``, an aware datetime, if given), or None."""
    chosen = None
    for path, manifest in backups(dest):
        if at is not None and parse_stamp(manifest["stamp"]) > at:
            continue
        chosen = (path, manifest)
    return chosen


def last_full_time(dest):
    """When the newest full backup was taken (aware datetime) or None."""
    fulls = [m for _p, m in backups(dest) if m["kind"] == "full"]
    return parse_stamp(fulls[-1]["stamp"]) if fulls else None


def apply_retention(dest, keep_full):
    """Keep the newest ``keep_full`` full backups with their incrementals;
    remove older backups and unfinished directories older than a day.
    Returns the removed paths."""
    dest = Path(dest)
    complete = backups(dest)
    fulls = [p for p, m in complete if m["kind"] == "full"]
    removed = []
    if len(fulls) > keep_full > 0:
        oldest_kept = fulls[-keep_full]
        for path, _m in complete:
            if path.name < oldest_kept.name:
                shutil.rmtree(path)
                removed.append(path)
    done = {p for p, _m in complete}
    for path in dest.iterdir() if dest.is_dir() else ():
        if path.is_dir() and path not in done and path.name[:1].isdigit():
            if time.time() - path.stat().st_mtime > 86400:
                shutil.rmtree(path)
                removed.append(path)
    return removed
