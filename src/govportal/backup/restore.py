"""``govportal-restore``: a backup restored into a new place, with its ``.ini``.

Never over the live files: the target directory must be new or empty, a
PostgreSQL database must not exist yet.  Restores the chosen backup (or,
given the backup root, the newest one taken at or before ``--at``), with the
full backup and incrementals its chain needs, checking every file against
the manifest's SHA-256 first.  Writes ``NEWDIR/govportal.ini``: the original
``.ini`` with ``%(here)s`` made absolute and the databases pointed at the
restored copies, ready for ``pserve`` or ``govportal-restore-drill``.
"""

import configparser
import json
import secrets
import time
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from . import filestorage, postgres
from .manifest import MANIFEST, chain_of, latest, read_manifest
from .run import audit_note
from .targets import ini_settings

RESTORED_INI = "govportal.ini"


class RestoreRefused(Exception):
    """The target is not a new place, or there is nothing to restore."""


def choose(source, at=None):
    """``(backup directory, backups root)`` for ``--from source``: a backup
    directory itself, or a root holding backups (its newest at or before
    ``at``)."""
    source = Path(source).resolve()
    if (source / MANIFEST).is_file():
        return source, source.parent
    found = latest(source, at)
    if found is None:
        when = f" at or before {at.isoformat()}" if at else ""
        raise RestoreRefused(f"no complete backup under {source}{when}")
    return found[0], source


def _file_uri(path, blob_dir, options):
    query = {k: v for k, v in options.items() if k not in ("blobstorage_dir", "read_only")}
    if blob_dir:
        query["blobstorage_dir"] = blob_dir
    return f"file://{path}" + ("?" + urlencode(query, safe="/") if query else "")


def _postgres_uri(entry, new_name, new_dir):
    uri = entry["uri"]
    parts = urlsplit(uri)
    if parts.scheme in ("postgres", "postgresql"):
        query = dict(parse_qsl(parts.query))
        if "blob_dir" in query:
            query["blob_dir"] = str(Path(new_dir) / f"blobcache-{entry['name'] or 'main'}")
        return urlunsplit(
            (parts.scheme, parts.netloc, "/" + new_name, urlencode(query, safe="/"), "")
        )
    dsn = entry["dsn"]
    netloc = f"{dsn.get('user', '')}@{dsn.get('host', '127.0.0.1')}:{dsn.get('port', '5432')}"
    query = {
        "keep_history": entry.get("keep_history") or "true",
        "blob_dir": str(Path(new_dir) / f"blobcache-{entry['name'] or 'main'}"),
        "shared_blob_dir": "false",
    }
    return f"postgres://{netloc}/{new_name}?{urlencode(query, safe='/')}"


def write_ini(ini_path, new_dir, uris):
    """``new_dir/govportal.ini``: ``ini_path`` with the databases at ``uris``."""
    ini_path = Path(ini_path).resolve()
    parser = configparser.RawConfigParser()
    parser.optionxform = str
    parser.read(ini_path, encoding="utf-8")
    for section in parser.sections():
        for key, value in parser.items(section):
            parser.set(section, key, value.replace("%(here)s", str(ini_path.parent)))
    for name, uri in uris.items():
        parser.set(
            "app:main", "zodbconn.uri" + (f".{name}" if name else ""), uri.replace("%", "%%")
        )
    target = Path(new_dir) / RESTORED_INI
    with open(target, "w", encoding="utf-8") as f:
        f.write(f"# Restored by govportal-restore from {ini_path}\n")
        parser.write(f)
    return target


def run_restore(ini_path, source, new_dir, at=None, pg_suffix=None):
    """Restore into ``new_dir``; returns a dict: backup, ini, uris,
    databases (restored PostgreSQL names), seconds."""
    started = time.monotonic()
    new_dir = Path(new_dir).resolve()
    if new_dir.exists() and any(new_dir.iterdir()):
        raise RestoreRefused(f"{new_dir} is not empty: restore only into a new place")
    backup_dir, root = choose(source, at)
    manifest = read_manifest(backup_dir)
    chain = chain_of(root, backup_dir)
    new_dir.mkdir(parents=True, exist_ok=True)
    suffix = pg_suffix or f"restored_{manifest['stamp'].lower()}_{secrets.token_hex(3)}"
    uris, pg_databases = {}, {}
    try:
        _restore_databases(manifest, chain, root, backup_dir, new_dir, suffix, uris, pg_databases)
    except BaseException:
        # never leave half a restore in PostgreSQL (the files stay in new_dir)
        for label, name in pg_databases.items():
            postgres.drop_database(_entry_dsn(manifest["databases"][label]), name)
        raise
    ini = write_ini(ini_path, new_dir, uris)
    result = {
        "backup": str(backup_dir),
        "stamp": manifest["stamp"],
        "kind": manifest["kind"],
        "chain": [p.name for p, _m in chain],
        "recovery": {
            k: {"tid": d.get("recovery_tid"), "time": d.get("recovery_time")}
            for k, d in manifest["databases"].items()
        },
        "ini": str(ini),
        "uris": uris,
        "pg_databases": pg_databases,
        "seconds": round(time.monotonic() - started, 3),
    }
    (new_dir / "restore.json").write_text(json.dumps(result, indent=1, ensure_ascii=False), "utf-8")
    audit_note(
        ini_settings(ini_path),
        "backup.restore",
        target=str(new_dir),
        details={"backup": backup_dir.name, "seconds": result["seconds"]},
    )
    return result


def _restore_databases(manifest, chain, root, backup_dir, new_dir, suffix, uris, pg_databases):
    """Restore each database of ``manifest``; fills ``uris`` ({name: new
    URI}) and ``pg_databases`` ({label: new PostgreSQL database})."""
    for label, entry in manifest["databases"].items():
        if entry["kind"] == "file":
            dirs = [p for p, m in chain if label in m["databases"]]
            path, blob_dir = filestorage.restore(label, entry, dirs, root, new_dir)
            options = (
                dict(parse_qsl(urlsplit(entry["uri"]).query))
                if entry["uri"].startswith("file:")
                else {}
            )
            uris[entry["name"]] = _file_uri(path, blob_dir, options)
        elif entry["kind"] == "postgres":
            dsn = _entry_dsn(entry)
            new_name = f"{entry['source']}_{suffix}"
            postgres.restore(entry, backup_dir, dsn, new_name)
            pg_databases[label] = new_name
            uris[entry["name"]] = _postgres_uri(dict(entry, dsn=dsn), new_name, new_dir)
        else:
            uris[entry["name"]] = "memory://"


def _entry_dsn(entry):
    """The source database's connection parameters: from its URI when that
    still resolves (with any password), else as the manifest recorded them
    (libpq then reads PGPASSWORD or ~/.pgpass)."""
    from .targets import UnsupportedStorage, target_for

    try:
        return target_for(entry["name"], entry["uri"]).dsn
    except (OSError, UnsupportedStorage):
        return dict(entry.get("dsn") or {})
