"""The shipped ZEO and RelStorage configurations share one audit chain.

ZEO: ``etc/zeo.conf`` runs for real (``runzeo``, storage ``1`` and ``audit``);
two databases opened from ``etc/zeo-audit-client.conf`` stand for two
application processes (each its own ZEO client and its own lock) and append
concurrently: every conflict is re-chained, the chain has no gap.
"""

import threading

import pytest
import ZODB.config

from govportal.audit.store import AuditLog
from tests.storage.helpers import Process, copy_config, free_port, program, wait_for_port

from .conftest import fields

pytestmark = pytest.mark.storage

SHIPPED_ADDRESS = "127.0.0.1:8100"


@pytest.fixture
def zeo(tmp_path):
    (tmp_path / "var").mkdir()
    port = free_port()
    conf = copy_config("zeo.conf", tmp_path, {SHIPPED_ADDRESS: f"127.0.0.1:{port}"})
    server = Process([program("runzeo"), "-C", conf], tmp_path / "runzeo.log", tmp_path)
    try:
        wait_for_port(server, port)
        yield tmp_path, f"127.0.0.1:{port}"
    finally:
        server.stop()


def test_two_processes_append_to_one_chain(zeo):
    directory, address = zeo
    client_conf = copy_config("zeo-audit-client.conf", directory, {SHIPPED_ADDRESS: address})
    dbs = [ZODB.config.databaseFromURL(str(client_conf)) for _ in range(2)]
    try:
        logs = [AuditLog(db) for db in dbs]
        errors = []

        def writer(log, n):
            try:
                for i in range(15):
                    log.append(fields(n * 100 + i))
            except Exception as e:  # pragma: no cover - reported below
                errors.append(e)

        threads = [threading.Thread(target=writer, args=(logs[n % 2], n)) for n in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert not errors
        for log in logs:  # both processes see the same, intact chain
            report = log.verify()
            assert report.ok, report.lines()
            assert (report.first_seq, report.last_seq) == (1, 120)
    finally:
        for db in dbs:
            db.close()
    # the entries are in the server's audit storage, not in the content's
    assert (directory / "var" / "Audit.fs").stat().st_size > 10_000


def test_relstorage_audit_database_shared_by_two_processes():
    """etc/relstorage.ini's ``zodbconn.uri.audit``, pointed at a fresh
    database of the local PostgreSQL."""
    from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

    from govportal.audit import open_audit_db
    from tests.storage.helpers import ETC, PG_HOST, PG_PORT, PG_USER, app_setting, fresh_pg_database

    uri = app_setting(ETC / "relstorage.ini", "zodbconn.uri.audit")
    parts = urlsplit(uri)
    assert parts.scheme == "postgres" and parts.path == "/govportal_audit"
    assert app_setting(ETC / "relstorage.ini", "zodbconn.uri").split("?")[0].endswith("/govportal")
    query = dict(parse_qsl(parts.query))
    assert query["keep_history"] == "false"
    with fresh_pg_database("govportal_audit_test") as name:
        netloc = f"{PG_USER}@{PG_HOST}:{PG_PORT}"
        uri = urlunsplit((parts.scheme, netloc, "/" + name, urlencode(query), ""))
        dbs = [open_audit_db(uri) for _ in range(2)]
        try:
            logs = [AuditLog(db) for db in dbs]
            threads = [
                threading.Thread(
                    target=lambda n=n: [logs[n % 2].append(fields(n * 100 + i)) for i in range(10)]
                )
                for n in range(6)
            ]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            for log in logs:
                report = log.verify()
                assert report.ok, report.lines()
                assert report.last_seq == 60
        finally:
            for db in dbs:
                db.close()
