"""A backup taken while 16 writers commit is consistent: the restored copy
opens and holds exactly the live site as of the recovery point (compared
with a historical connection at that transaction)."""

import io
import json
import threading

import transaction
from pyramid.threadlocal import manager
from ZODB.utils import p64, u64

import govportal
from govportal.backup.drill import main as drill_main
from govportal.backup.restore import run_restore
from govportal.backup.run import run_backup
from govportal.backup.snapshot import documents

from ..concurrency.writers import WRITERS
from ..conftest import close_app
from .helpers import state_of, write_ini


def _writer(db, stop, index, done):
    """Retitle a published document and replace its attachment, over and over."""
    tm = transaction.TransactionManager()
    conn = db.open(transaction_manager=tm)
    try:
        while not stop.is_set():
            try:
                tm.begin()
                docs = list(conn.root()["app_root"]["tzgg"].values())
                doc = docs[index % len(docs)]
                doc.title = f"写入者{index}第{done[index]}次"
                for att in doc.attachments():
                    att.replace(io.BytesIO(b"%PDF-1.4\n" + str(done[index]).encode()), att.filename)
                tm.commit()
                done[index] += 1
            except Exception:  # a conflict: try again
                tm.abort()
    finally:
        conn.close()


def test_backup_while_16_writers_commit(app_settings, tmp_path):
    ini = write_ini(tmp_path, app_settings)
    app = govportal.main({}, **app_settings)
    stop = threading.Event()
    done = [0] * WRITERS
    db = app.registry._zodb_databases[""]
    threads = [threading.Thread(target=_writer, args=(db, stop, i, done)) for i in range(WRITERS)]
    try:
        for t in threads:
            t.start()
        backup_dir, manifest = run_backup(ini, full=True, dest=tmp_path / "backups")
        _incr_dir, incr = run_backup(ini, dest=tmp_path / "backups")
    finally:
        stop.set()
        for t in threads:
            t.join(timeout=120)
    try:
        assert sum(done) > 0
        # the state of the live site at the incremental's recovery point
        tid = bytes.fromhex(incr["databases"]["main"]["recovery_tid"])
        conn = db.open(before=p64(u64(tid) + 1))
        manager.push({"registry": app.registry, "request": None})
        try:
            at_point = documents(conn.root()["app_root"])
        finally:
            manager.pop()
            conn.close()
        # the drill, beside the open site: the recovery point, no difference
        reports = tmp_path / "reports"
        assert (
            drill_main(
                [str(ini), "--from", str(tmp_path / "backups"), "--report-dir", str(reports)]
            )
            == 0
        )
        report = json.loads(next(reports.glob("*.json")).read_text())
        assert report["recovery_point"]["main"]["tid"] == tid.hex()
        assert report["differences"] == []
    finally:
        close_app(app)
    result = run_restore(ini, tmp_path / "backups", tmp_path / "restored")
    restored = state_of(result["ini"])
    assert restored["counts"]["main"]["last_tid"] >= tid.hex()
    assert restored["documents"] == at_point
    assert manifest["databases"]["main"]["recovery_tid"] < incr["databases"]["main"]["recovery_tid"]
