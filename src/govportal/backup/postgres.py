"""Back up and restore one RelStorage database on PostgreSQL: ``pg_dump -Fc``.

Why ``pg_dump`` rather than ``zodbconvert`` to a FileStorage: the dump is
PostgreSQL's own consistent snapshot of every table (objects, blobs — stored
as rows with ``shared_blob_dir=false`` — and RelStorage's bookkeeping), taken
while the site serves, restored with ``pg_restore`` into a new database that
RelStorage opens as it is; ``zodbconvert`` would copy object by object
through ZODB (much slower) and give back a different kind of storage.

The recovery point is exact: one connection opens a REPEATABLE READ
transaction, exports its snapshot, reads the last transaction id there, and
``pg_dump --snapshot`` dumps that very snapshot.
"""

import os
import shutil
import subprocess
from pathlib import Path

from ZODB.utils import p64

from .filestorage import tid_time
from .manifest import sha256_file


def connect(dsn, dbname=None):
    import psycopg2

    params = {k: v for k, v in dsn.items() if v}
    if dbname:
        params["dbname"] = dbname
    return psycopg2.connect(**params)


def pg_env(dsn):
    env = dict(os.environ)
    for key, var in (("host", "PGHOST"), ("port", "PGPORT"), ("user", "PGUSER")):
        if dsn.get(key):
            env[var] = dsn[key]
    if dsn.get("password"):
        env["PGPASSWORD"] = dsn["password"]
    return env


def last_tid(cursor):
    """The last committed transaction id (8 bytes) seen by ``cursor``."""
    cursor.execute("SELECT to_regclass('transaction') IS NOT NULL")
    history = cursor.fetchone()[0]
    table = "transaction" if history else "object_state"
    cursor.execute(f"SELECT max(tid) FROM {table}")  # noqa: S608 (fixed names)
    value = cursor.fetchone()[0]
    return p64(value) if value else None


def program(name):
    """Full path of a PostgreSQL client program (``pg_dump``, ``pg_restore``)."""
    found = shutil.which(name)
    if found is None:
        raise FileNotFoundError(f"{name} not found on PATH (install the PostgreSQL client)")
    return found


def tool_version():
    out = subprocess.run(  # noqa: S603 (fixed arguments)
        [program("pg_dump"), "--version"], capture_output=True, text=True, check=False
    )
    return out.stdout.strip()


def backup(target, out_dir):
    """Dump ``target``'s database to ``out_dir/<label>/<dbname>.dump``;
    returns the database's manifest entry."""
    mine = Path(out_dir) / target.label
    mine.mkdir()
    path = mine / f"{target.dsn['dbname']}.dump"
    conn = connect(target.dsn)
    try:
        conn.set_session(isolation_level="REPEATABLE READ", readonly=True)
        with conn.cursor() as cursor:
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            tid = last_tid(cursor)
            subprocess.run(  # noqa: S603 (our paths and names, no shell)
                [
                    program("pg_dump"),
                    "-Fc",
                    f"--snapshot={snapshot}",
                    "-f",
                    str(path),
                    target.dsn["dbname"],
                ],
                check=True,
                capture_output=True,
                env=pg_env(target.dsn),
            )
    finally:
        conn.rollback()
        conn.close()
    return {
        "kind": "postgres",
        "source": target.dsn["dbname"],
        "tool": "pg_dump -Fc --snapshot",
        # where it came from, for the restored .ini (never the password)
        "dsn": {k: v for k, v in target.dsn.items() if k != "password"},
        "keep_history": target.options.get("keep_history", "true"),
        "recovery_tid": tid.hex() if tid else None,
        "recovery_time": tid_time(tid) if tid else None,
        "files": {
            str(path.relative_to(out_dir)): {
                "size": path.stat().st_size,
                "sha256": sha256_file(path),
            }
        },
    }


def _on_server(dsn, statement, args=None):
    """Run one statement on the server's ``postgres`` database in
    autocommit (CREATE and DROP DATABASE cannot run in a transaction);
    its first row, if any."""
    conn = connect(dsn, "postgres")
    conn.autocommit = True
    try:
        with conn.cursor() as cursor:
            cursor.execute(statement, args)
            return cursor.fetchone() if cursor.description else None
    finally:
        conn.close()


def database_exists(dsn, name):
    found = _on_server(dsn, "SELECT 1 FROM pg_database WHERE datname = %s", (name,))
    return found is not None


def create_database(dsn, name):
    from psycopg2 import sql

    _on_server(dsn, sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def drop_database(dsn, name):
    from psycopg2 import sql

    statement = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
    _on_server(dsn, statement)


def restore(entry, backup_dir, dsn, new_name):
    """Restore the dump of ``entry`` into the NEW database ``new_name``
    (refused when it exists)."""
    if database_exists(dsn, new_name):
        raise FileExistsError(f"database {new_name} exists: restore only into a new one")
    (rel, info) = next(iter(entry["files"].items()))
    path = Path(backup_dir) / rel
    if sha256_file(path) != info["sha256"]:
        raise ValueError(f"{path}: SHA-256 differs from the manifest (damaged backup)")
    create_database(dsn, new_name)
    try:
        subprocess.run(  # noqa: S603 (our paths and names, no shell)
            [program("pg_restore"), "--no-owner", "-d", new_name, str(path)],
            check=True,
            capture_output=True,
            env=pg_env(dsn),
        )
    except BaseException:
        drop_database(dsn, new_name)
        raise
