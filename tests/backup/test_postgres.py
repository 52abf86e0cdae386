"""RelStorage on PostgreSQL: backup (pg_dump) → restore (pg_restore into new
databases) → drill, identical.  Needs PostgreSQL at 127.0.0.1:5432 (user
postgres, trust; GOVPORTAL_TEST_PG* override); the tests skip, saying why,
only when it cannot be reached.  Every database is created per test and
dropped afterwards."""

import contextlib
import json
import secrets

import pytest
from zodburi import resolve_uri

from govportal.backup import postgres
from govportal.backup.drill import main as drill_main
from govportal.backup.restore import run_restore
from govportal.backup.run import run_backup

from ..storage.helpers import PG_HOST, PG_PORT, PG_USER
from .helpers import state_of, write_ini

DSN = {"host": PG_HOST, "port": str(PG_PORT), "user": PG_USER}


def _reachable():
    try:
        postgres.connect(DSN, "postgres").close()
    except Exception as e:
        return str(e).strip()
    return None


pytestmark = pytest.mark.skipif(
    bool(_reachable()),
    reason=f"PostgreSQL not reachable at {PG_HOST}:{PG_PORT} as {PG_USER}: {_reachable()}",
)


def pg_uri(name, blob_dir=None):
    uri = f"postgres://{PG_USER}@{PG_HOST}:{PG_PORT}/{name}?keep_history=false"
    if blob_dir:
        uri += f"&blob_dir={blob_dir}&shared_blob_dir=false"
    return uri


def copy_into(file_uri, pg):
    """Copy every transaction of a FileStorage into a RelStorage database."""
    factory, _kw = resolve_uri(file_uri)
    source = factory()
    dfactory, _kw = resolve_uri(pg)
    dest = dfactory()
    try:
        dest.copyTransactionsFrom(source)
    finally:
        source.close()
        dest.close()


@pytest.fixture
def pg_site(app_settings, tmp_path):
    """The test site copied into three new PostgreSQL databases; their .ini.
    Drops them (and any restored ones) afterwards."""
    prefix = f"govportal_bk_{secrets.token_hex(4)}"
    names = {"": prefix, "audit": prefix + "_audit", "monitor": prefix + "_monitor"}
    for name in names.values():
        postgres.create_database(DSN, name)
    created = list(names.values())
    try:
        directory = tmp_path / "site"
        settings = dict(app_settings)
        copy_into(settings["zodbconn.uri"], pg_uri(names[""], tmp_path / "copy-cache"))
        copy_into(settings["zodbconn.uri.audit"], pg_uri(names["audit"]))
        copy_into(f"file://{directory}/Monitor.fs", pg_uri(names["monitor"]))
        settings["zodbconn.uri"] = pg_uri(names[""], tmp_path / "blobcache")
        settings["zodbconn.uri.audit"] = pg_uri(names["audit"])
        settings["zodbconn.uri.monitor"] = pg_uri(names["monitor"])
        yield write_ini(tmp_path, settings), created
    finally:
        for name in created + _restored(prefix):
            postgres.drop_database(DSN, name)


def _restored(prefix):
    conn = postgres.connect(DSN, "postgres")
    with contextlib.closing(conn), conn.cursor() as cursor:
        cursor.execute("SELECT datname FROM pg_database WHERE datname LIKE %s", (prefix + "%",))
        return [row[0] for row in cursor.fetchall()]


def test_backup_restore_drill_identical(pg_site, tmp_path, capsys):
    ini, created = pg_site
    live = state_of(ini)
    assert any(doc["attachments"] for doc in live["documents"].values())
    dest = tmp_path / "backups"
    backup_dir, manifest = run_backup(ini, full=True, dest=dest)
    main = manifest["databases"]["main"]
    assert main["kind"] == "postgres" and main["recovery_tid"] == live["counts"]["main"]["last_tid"]
    assert all((backup_dir / rel).is_file() for rel in main["files"])

    result = run_restore(ini, backup_dir, tmp_path / "restored", pg_suffix="r1")
    assert result["pg_databases"]["main"] == created[0] + "_r1"
    restored = state_of(result["ini"])
    assert restored["documents"] == live["documents"]
    assert restored["audit"]["entries"] == live["audit"]["entries"]
    # a second restore under the same names is refused: never over a database
    with pytest.raises(FileExistsError):
        run_restore(ini, backup_dir, tmp_path / "again", pg_suffix="r1")

    reports = tmp_path / "reports"
    status = drill_main([str(ini), "--from", str(dest), "--report-dir", str(reports)])
    assert status == 0, capsys.readouterr().out
    report = json.loads(next(reports.glob("*.json")).read_text())
    assert report["ok"] and report["documents"] == len(live["documents"])
    assert report["recovery_point"]["main"]["tid"] == main["recovery_tid"]
    # the drill dropped its scratch databases
    assert not [n for n in _restored(created[0]) if "_drill_" in n]


def test_a_zconfig_relstorage_database_restores_with_its_blobs(pg_site, tmp_path):
    """The content database given as a ZConfig file (etc/relstorage.conf's form)."""
    ini, created = pg_site
    conf = tmp_path / "relstorage.conf"
    conf.write_text(
        "%import relstorage\n<zodb>\n<relstorage>\n  keep-history false\n"
        f"  blob-dir {tmp_path / 'zcache'}\n  shared-blob-dir false\n  <postgresql>\n"
        f"    dsn dbname={created[0]} user={PG_USER} host={PG_HOST} port={PG_PORT}\n"
        "  </postgresql>\n</relstorage>\n</zodb>\n",
        encoding="utf-8",
    )
    text = ini.read_text(encoding="utf-8").splitlines()
    text = [
        f"zodbconn.uri = zconfig://{conf}" if line.startswith("zodbconn.uri =") else line
        for line in text
    ]
    ini.write_text("\n".join(text) + "\n", encoding="utf-8")
    live = state_of(ini)
    backup_dir, manifest = run_backup(ini, full=True, dest=tmp_path / "backups")
    assert manifest["databases"]["main"]["keep_history"] == "false"
    result = run_restore(ini, backup_dir, tmp_path / "restored", pg_suffix="z1")
    assert result["uris"][""].startswith("postgres://") and "blob_dir=" in result["uris"][""]
    assert state_of(result["ini"])["documents"] == live["documents"]
