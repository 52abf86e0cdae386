"""The vault: approved attachment bytes, content-addressed and write-once.

A file is stored once under ``<vault>/<sha[:2]>/<sha>`` (written to a
temporary name, then linked into place: a concurrent writer of the same
bytes finds it there, nobody ever sees half a file, nothing is rewritten),
read-only.  The vault lives outside ZODB on purpose: an attacker who
rewrote a blob file could rewrite the blob's older revisions too, and a
pack removes those; the vault is a separate directory (another disk or a
read-mostly mount in production) that only the sweeper writes.

Where: ``govportal.monitoring.vault_dir``, else ``vault/`` beside a
``file://`` Data.fs, else beside the mail directory's ``var/``.
"""

import hashlib
import os
import tempfile
from pathlib import Path
from urllib.parse import urlparse

SETTING = "govportal.monitoring.vault_dir"


def vault_dir(registry):
    settings = registry.settings
    configured = (settings.get(SETTING) or "").strip()
    if configured:
        return Path(configured)
    uri = settings.get("zodbconn.uri", "")
    if uri.startswith("file://"):
        return Path(urlparse(uri).path).parent / "vault"
    mail = settings.get("govportal.mail.directory") or "var/mail"
    return Path(mail).parent / "vault"


def path_of(registry, sha256):
    return vault_dir(registry) / sha256[:2] / sha256


def put(registry, data):
    """Keep ``data``; returns its SHA-256 (hex).  Idempotent."""
    sha = hashlib.sha256(data).hexdigest()
    target = path_of(registry, sha)
    if target.exists():
        return sha
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=".in-")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, 0o444)
        try:
            os.link(temporary, target)
        except FileExistsError:
            pass
    finally:
        os.unlink(temporary)
    return sha


def get(registry, sha256):
    """The bytes kept under ``sha256``, or None when missing or damaged."""
    try:
        data = path_of(registry, sha256).read_bytes()
    except OSError:
        return None
    return data if hashlib.sha256(data).hexdigest() == sha256 else None


def size(registry):
    """Bytes in the vault (for the benchmark and the dashboard)."""
    total = 0
    for directory, _dirs, files in os.walk(vault_dir(registry)):
        total += sum(os.path.getsize(os.path.join(directory, f)) for f in files)
    return total
