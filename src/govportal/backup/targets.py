"""Which databases an ``.ini`` configures, and where their data lives.

A site has three ZODB databases (:mod:`govportal.sidedb`): the content
database ``""`` (with its blobs), the audit trail ``audit`` and the
operations monitor ``monitor``.  Each is one of

* ``file``: a FileStorage (``file://…/Data.fs?blobstorage_dir=…``), backed
  up with ``repozo`` plus a copy of the blob directory;
* ``postgres``: a RelStorage database on PostgreSQL (``postgres://`` URI or a
  ``zconfig://`` file with a ``<relstorage>`` section), backed up with
  ``pg_dump -Fc`` (blobs are rows of the database with
  ``shared_blob_dir=false``, so the dump holds them);
* ``memory``: nothing to back up (tests, throw-away sites).

ZEO clients (``zconfig://`` with ``<clientstorage>``) name no file: the
backup runs on the ZEO host with ``--zeo-conf etc/zeo.conf``, whose
``<filestorage>`` sections give the server's files (:func:`zeo_targets`).
"""

import configparser
import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

from .. import sidedb
from ..settings import DEFAULTS

#: (database name, side-database file name) of every database of a site
DATABASES = (("", "Data.fs"), ("audit", "Audit.fs"), ("monitor", "Monitor.fs"))


class UnsupportedStorage(Exception):
    """The configured storage cannot be backed up by this program."""


@dataclass
class Target:
    """One database to back up or restore."""

    name: str  # "" (content), "audit", "monitor"
    kind: str  # file, postgres, memory
    uri: str
    path: str = ""  # FileStorage file
    blob_dir: str = ""  # FileStorage blob directory
    dsn: dict = field(default_factory=dict)  # PostgreSQL: dbname, user, host, port
    options: dict = field(default_factory=dict)  # the URI's query

    @property
    def label(self):
        """Name used for files and reports (``main`` for the content DB)."""
        return self.name or "main"


def ini_settings(ini_path):
    """The ``[app:main]`` settings of ``ini_path`` (``%(here)s`` resolved)
    over the application's defaults."""
    ini_path = Path(ini_path).resolve()
    parser = configparser.ConfigParser(defaults={"here": str(ini_path.parent)})
    parser.read(ini_path, encoding="utf-8")
    settings = dict(DEFAULTS)
    settings.update({k: v for k, v in parser.items("app:main") if k != "here"})
    return settings


def _file_target(name, uri):
    parts = urlsplit(uri)
    options = dict(parse_qsl(parts.query))
    return Target(
        name=name,
        kind="file",
        uri=uri,
        path=parts.path,
        blob_dir=options.get("blobstorage_dir", ""),
        options=options,
    )


def _postgres_target(name, uri):
    parts = urlsplit(uri)
    dsn = {
        "dbname": parts.path.lstrip("/"),
        "user": parts.username or "",
        "host": parts.hostname or "",
        "port": str(parts.port or ""),
    }
    if parts.password:
        dsn["password"] = parts.password
    options = dict(parse_qsl(parts.query))
    if options.get("shared_blob_dir", "false").lower() in ("true", "1", "yes"):
        raise UnsupportedStorage(
            f"{uri}: shared_blob_dir=true keeps blobs outside PostgreSQL; "
            "use shared_blob_dir=false (etc/relstorage.ini)"
        )
    return Target(name=name, kind="postgres", uri=uri, dsn=dsn, options=options)


def _zconfig_target(name, uri):
    text = Path(urlsplit(uri).path).read_text(encoding="utf-8")
    if "<relstorage" in text:
        import re

        match = re.search(r"^\s*dsn\s+(.+)$", text, re.M)
        dsn = dict(item.split("=", 1) for item in match.group(1).split()) if match else {}
        history = re.search(r"^\s*keep-history\s+(\w+)", text, re.M)
        options = {"keep_history": history.group(1) if history else "true"}
        return Target(name=name, kind="postgres", uri=uri, dsn=dsn, options=options)
    if "<clientstorage" in text:
        raise UnsupportedStorage(
            f"{uri} is a ZEO client: run govportal-backup on the ZEO host with "
            "--zeo-conf etc/zeo.conf (the server's files are backed up with repozo)"
        )
    raise UnsupportedStorage(f"{uri}: no storage this program knows how to back up")


def target_for(name, uri):
    """The :class:`Target` of database ``name`` at ``uri``."""
    scheme = urlsplit(uri).scheme
    if scheme == "file":
        return _file_target(name, uri)
    if scheme in ("postgres", "postgresql"):
        return _postgres_target(name, uri)
    if scheme == "memory":
        return Target(name=name, kind="memory", uri=uri)
    if scheme == "zconfig":
        return _zconfig_target(name, uri)
    raise UnsupportedStorage(f"{uri}: no storage this program knows how to back up")


def targets(settings):
    """The :class:`Target` of every database ``settings`` configure."""
    found = []
    for name, filename in DATABASES:
        if name:
            uri = sidedb.configured_uri(settings, name, filename)
        else:
            uri = (settings.get("zodbconn.uri") or "").strip()
        if not uri:
            raise UnsupportedStorage(f"no URI for database {name or 'main'!r}")
        found.append(target_for(name, uri))
    return found


def zeo_targets(zeo_conf):
    """Targets of the FileStorages a ZEO server serves (``zeo.conf``): the
    storage named ``1`` is the content database, ``audit`` the audit trail,
    ``monitor`` the monitor.  Relative paths are resolved against the
    working directory, as ``runzeo`` does."""
    from ZEO.runzeo import ZEOOptions

    options = ZEOOptions()
    try:
        options.realize(["-C", str(zeo_conf)])
    except SystemExit:  # zdaemon printed why and wants to exit
        raise UnsupportedStorage(f"{zeo_conf}: not a usable ZEO server configuration") from None
    found = []
    for storage in options.storages:
        name = "" if storage.name == "1" else storage.name
        path = os.path.abspath(storage.config.path)
        blob_dir = getattr(storage.config, "blob_dir", None) or ""
        uri = f"file://{path}" + (
            f"?blobstorage_dir={os.path.abspath(blob_dir)}" if blob_dir else ""
        )
        found.append(_file_target(name, uri))
    return found
