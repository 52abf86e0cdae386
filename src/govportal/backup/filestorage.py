"""Back up and restore one FileStorage: ``repozo`` plus its blobs.

**The file.**  ``repozo -B -z`` (ZODB's own tool) opens the FileStorage
read-only (no lock: it runs beside the server), takes the position just after
the last complete transaction and copies the file up to there: a full copy,
or the bytes added since the last backup of the chain (an incremental; repozo
itself falls back to a full copy when the file was packed since).  What it
copies is exactly the database as of that last transaction, the *recovery
point*, whatever commits meanwhile.

repozo keeps one repository directory per file; here each backup directory
holds only what that backup wrote (``<db>/``), and repozo runs in a staging
directory linking the chain's earlier files (its ``.dat`` list, which repozo
appends to, is copied, never linked; repozo starts only once the current
second names none of them, else it would write through a link).

**The blobs.**  A blob file is written under the commit lock *before* its
transaction record is committed, and is never changed afterwards (a new
revision is a new file).  So every blob the recovery point references exists
when repozo has finished, and copying the blob directory afterwards covers
the recovery point; files of later transactions come along and are never
referenced by the restored file (harmless).  An incremental copies only files
it does not hold yet (same path, size and mtime as in the previous manifest);
a file whose content changed in place was tampered with: the backup keeps the
earlier copy and says so in the manifest (``blobs_changed``).  Copies, not
hard links: a hard link shares the live inode and would follow tampering.
Do not pack while a backup runs (a pack removes superseded blob files).
"""

import os
import shutil
import struct
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from ZODB.TimeStamp import TimeStamp

from .manifest import sha256_file

BLOB_SKIP = ("tmp",)


def repozo_command():
    """How to run repozo with this Python (after the second of the chain's
    newest file has passed: :mod:`.repozo_fresh`)."""
    return [sys.executable, "-m", "govportal.backup.repozo_fresh"]


def tid_time(tid):
    """The UTC time of transaction id ``tid`` (8 bytes) as ISO text."""
    stamp = TimeStamp(tid)
    return datetime.fromtimestamp(stamp.timeTime(), UTC).isoformat()


def tid_before(path, endpos):
    """The id of the transaction ending at ``endpos`` of FileStorage
    ``path`` (its record ends with its own length), or None for an empty
    file."""
    if endpos <= 4:
        return None
    with open(path, "rb") as f:
        f.seek(endpos - 8)
        (tlen,) = struct.unpack(">Q", f.read(8))
        f.seek(endpos - 8 - tlen)
        return f.read(8)


def _last_dat_line(repo):
    dats = sorted(Path(repo).glob("*.dat"))
    if not dats:
        return None
    lines = dats[-1].read_text().split()
    return int(lines[-2])  # endpos of the last line


def _stage(chain_dirs, label, staging):
    staging.mkdir(parents=True)
    for directory in chain_dirs:
        for path in sorted((Path(directory) / label).glob("*")):
            target = staging / path.name
            if target.exists() or target.is_symlink():
                target.unlink()
            if path.suffix == ".dat":
                shutil.copy2(path, target)
            else:
                target.symlink_to(path.resolve())


def _files_entry(directory, base):
    return {
        str(p.relative_to(base)): {"size": p.stat().st_size, "sha256": sha256_file(p)}
        for p in sorted(Path(directory).rglob("*"))
        if p.is_file()
    }


def backup(target, out_dir, chain, full):
    """Back up ``target`` into ``out_dir/<label>/`` (``chain``: the earlier
    backups of the chain as ``[(path, manifest)]``).  Returns the
    database's manifest entry."""
    out_dir = Path(out_dir)
    label = target.label
    staging = out_dir / f".staging-{label}"
    _stage([] if full else [p for p, _m in chain], label, staging)
    cmd = [*repozo_command(), "-B", "-z", "-r", str(staging), "-f", target.path]
    if full:
        cmd.append("-F")
    subprocess.run(cmd, check=True, capture_output=True, text=True)  # noqa: S603 (no shell)
    mine = out_dir / label
    mine.mkdir()
    for path in staging.iterdir():
        if not path.is_symlink():
            path.rename(mine / path.name)
    shutil.rmtree(staging)
    endpos = _last_dat_line(mine)
    tid = tid_before(target.path, endpos) if endpos else None
    entry = {
        "kind": "file",
        "source": target.path,
        "tool": "repozo -B -z" + (" -F" if full else ""),
        "bytes_at_recovery_point": endpos,
        "recovery_tid": tid.hex() if tid else None,
        "recovery_time": tid_time(tid) if tid else None,
        "files": _files_entry(mine, out_dir),
    }
    if target.blob_dir:
        previous = chain[-1][1]["databases"][label].get("blobs", {}) if chain and not full else {}
        entry.update(copy_blobs(target.blob_dir, out_dir, label, previous))
    return entry


def copy_blobs(blob_dir, out_dir, label, previous):
    """Copy the blob files not held by the chain yet; returns the manifest
    part: ``blobs`` ({relative path: size, mtime_ns, sha256, in}),
    ``blobs_changed`` and the counts."""
    blob_dir = Path(blob_dir)
    store = Path(out_dir) / f"{label}-blobs"
    blobs, changed, copied = {}, [], 0
    for root, dirs, files in os.walk(blob_dir):
        dirs[:] = sorted(d for d in dirs if not (root == str(blob_dir) and d in BLOB_SKIP))
        for name in sorted(files):
            src = Path(root) / name
            rel = str(src.relative_to(blob_dir))
            try:
                stat = src.stat()
            except FileNotFoundError:  # an aborted transaction's file
                continue
            known = previous.get(rel)
            if known and known["size"] == stat.st_size and known["mtime_ns"] == stat.st_mtime_ns:
                blobs[rel] = known
                continue
            dst = store / rel
            dst.parent.mkdir(parents=True, exist_ok=True)
            try:
                shutil.copy2(src, dst)
            except FileNotFoundError:
                continue
            digest = sha256_file(dst)
            if known and known["sha256"] != digest:
                changed.append(rel)  # changed in place: keep the earlier copy
                dst.unlink()
                blobs[rel] = known
                continue
            blobs[rel] = {
                "size": dst.stat().st_size,
                "mtime_ns": stat.st_mtime_ns,
                "sha256": digest,
                "in": Path(out_dir).name,
            }
            copied += 1
    return {
        "blobs": blobs,
        "blobs_changed": changed,
        "blob_count": len(blobs),
        "blob_bytes": sum(b["size"] for b in blobs.values()),
        "blobs_copied": copied,
    }


def verify_files(backup_dir, entry):
    """Paths of the backup's files whose size or SHA-256 differ from the
    manifest (a damaged backup)."""
    bad = []
    for rel, info in entry.get("files", {}).items():
        path = Path(backup_dir) / rel
        if not path.is_file() or sha256_file(path) != info["sha256"]:
            bad.append(str(path))
    return bad


def restore(label, entry, chain_dirs, dest_root, new_dir):
    """Restore database ``label`` as of the last backup of ``chain_dirs``
    into ``new_dir`` (``<file name>`` and ``blobs-<label>/``).  Returns
    ``(path, blob_dir or "")``."""
    new_dir = Path(new_dir)
    for directory in chain_dirs:
        entry_d = _manifest_entry(directory, label)
        bad = verify_files(directory, entry_d) if entry_d else []
        if bad:
            raise ValueError("backup files damaged (SHA-256 differs): " + ", ".join(bad))
    staging = new_dir / f".staging-{label}"
    _stage(chain_dirs, label, staging)
    path = new_dir / (Path(entry["source"]).name or f"{label}.fs")
    cmd = [*repozo_command(), "-R", "-r", str(staging), "-o", str(path)]
    subprocess.run(cmd, check=True, capture_output=True, text=True)  # noqa: S603 (no shell)
    shutil.rmtree(staging)
    blob_dir = ""
    if "blobs" in entry:
        blob_dir = new_dir / f"blobs-{label}"
        restore_blobs(entry["blobs"], dest_root, label, blob_dir)
    return path, str(blob_dir)


def _manifest_entry(directory, label):
    from .manifest import read_manifest

    return read_manifest(directory)["databases"].get(label)


def restore_blobs(blobs, dest_root, label, blob_dir):
    """Copy every blob file the manifest lists, checking its SHA-256."""
    blob_dir = Path(blob_dir)
    blob_dir.mkdir(mode=0o700, parents=True)
    for rel, info in blobs.items():
        src = Path(dest_root) / info["in"] / f"{label}-blobs" / rel
        dst = blob_dir / rel
        dst.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        shutil.copyfile(src, dst)
        if sha256_file(dst) != info["sha256"]:
            raise ValueError(f"blob {src}: SHA-256 differs from the manifest")
