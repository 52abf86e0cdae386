"""``govportal-restore-drill INI``: prove the newest backup restores.

Restores the newest backup (:mod:`.restore`) into a scratch directory (and
scratch PostgreSQL databases), loads the application from the ``.ini`` the
restore wrote, and compares it with the live site (:mod:`.snapshot`): object
counts per database, every published document (fields, rendered text,
attachment blobs by SHA-256) and every audit entry.  The live site is opened
read-only (a read-only FileStorage takes no lock, so this runs beside the
server; ZEO and RelStorage are opened as one more client).

Reports the recovery point (the backup's last transaction time against the
live site's now), the restore time, and the differences: none is expected
for what the backup holds; what changed on the live site after the recovery
point is listed as such, not as an error.  Writes the report as JSON and
text (``--report-dir``, default ``drills/`` in the backup directory),
records ``backup.drill`` in the audit trail, and exits 0 (no difference) or
1 (differences, or the restore failed).
"""

import argparse
import json
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from pyramid.threadlocal import manager

from .. import sidedb
from ..bootstrap import close_app, load_app
from . import postgres
from .manifest import stamp_of, utc_now
from .restore import run_restore
from .run import audit_note, backup_dir_setting
from .snapshot import compare, snapshot
from .status import LATEST_DRILL, write_latest
from .targets import DATABASES, UnsupportedStorage, ini_settings, targets

SHOWN = 50


def _open_live(settings):
    """The live site's databases, read-only where the storage allows (a
    FileStorage; a ZEO or RelStorage client only reads here)."""
    dbs = {}
    for name, filename in DATABASES:
        uri = sidedb.configured_uri(settings, name, filename) if name else settings["zodbconn.uri"]
        if uri.startswith("memory:"):
            continue
        read_only = uri.startswith("file:")
        dbs[name or "main"] = sidedb.open_side_db(uri.strip(), name, read_only=read_only)
    return dbs


def _site_state(registry, dbs, main_conn, audit_conn):
    manager.push({"registry": registry, "request": None})
    try:
        return snapshot(main_conn.root()["app_root"], dbs, audit_conn)
    finally:
        manager.pop()


def _restored_state(app):
    registry = app.registry
    dbs = {(name or "main"): db for name, db in registry._zodb_databases.items()}
    conn = dbs["main"].open()
    try:
        audit = conn.get_connection("audit") if "audit" in dbs else None
        return _site_state(registry, dbs, conn, audit)
    finally:
        conn.transaction_manager.abort()
        conn.close()


def _live_state(registry, settings):
    dbs = _open_live(settings)
    conns = {label: db.open() for label, db in dbs.items()}
    try:
        return _site_state(registry, dbs, conns["main"], conns.get("audit"))
    finally:
        for conn in conns.values():
            conn.transaction_manager.abort()
            conn.close()
        for db in dbs.values():
            db.close()


def drill(ini_path, source=None, scratch=None, keep=False):
    """Run a drill; returns the report (a dict)."""
    settings = ini_settings(ini_path)
    source = Path(source) if source else backup_dir_setting(settings, ini_path)
    base = Path(scratch) if scratch else Path(tempfile.mkdtemp(prefix="govportal-drill-"))
    started = time.monotonic()
    restored = run_restore(
        ini_path, source, base / "site", pg_suffix=f"drill_{stamp_of(utc_now()).lower()}"
    )
    restore_seconds = round(time.monotonic() - started, 3)
    app = load_app(restored["ini"])
    try:
        mine = _restored_state(app)
        theirs = _live_state(app.registry, settings)
    finally:
        close_app(app)
        pg = _first_pg_dsn(settings)
        for name in restored["pg_databases"].values():
            postgres.drop_database(pg, name)
        if not keep:
            shutil.rmtree(base, ignore_errors=True)
    tids = {label: point["tid"] for label, point in restored["recovery"].items()}
    result = compare(mine, theirs, tids)
    now = datetime.now(UTC)
    main_time = restored["recovery"].get("main", {}).get("time")
    lag = (now - datetime.fromisoformat(main_time)).total_seconds() if main_time else None
    return {
        "backup": restored["backup"],
        "chain": restored["chain"],
        "recovery_point": restored["recovery"],
        "live_now": now.isoformat(),
        "lag_seconds": round(lag, 1) if lag is not None else None,
        "restore_seconds": restore_seconds,
        "drill_seconds": round(time.monotonic() - started, 3),
        "documents": len(mine["documents"]),
        "attachments": sum(len(d["attachments"]) for d in mine["documents"].values()),
        "audit_entries": len(mine["audit"]["entries"]),
        "scratch": str(base) if keep else None,
        "ok": not result["differences"],
        **result,
    }


def _first_pg_dsn(settings):
    try:
        found = targets(settings)
    except UnsupportedStorage:  # a ZEO client
        return {}
    return next((t.dsn for t in found if t.kind == "postgres"), {})


def report_text(report):
    """The report for people (Chinese)."""
    lines = [
        f"恢复演练：{'通过' if report['ok'] else '发现差异'}",
        f"备份：{report['backup']}（链：{'、'.join(report['chain'])}）",
    ]
    for label, point in report["recovery_point"].items():
        lines.append(f"恢复点 {label}：{point['time'] or '（空库）'}（事务 {point['tid'] or '-'}）")
    lines.append(f"线上当前时间：{report['live_now']}；恢复点落后 {report['lag_seconds']} 秒")
    lines.append(
        f"恢复用时：{report['restore_seconds']} 秒；演练总用时：{report['drill_seconds']} 秒"
    )
    lines.append(
        f"已比对：公开文件 {report['documents']} 篇，附件 {report['attachments']} 个，"
        f"审计记录 {report['audit_entries']} 条"
    )
    for label, pair in report["counts"].items():
        restored, live = pair["restored"].get("objects"), pair["live"].get("objects")
        lines.append(f"对象数 {label}：恢复 {restored}，线上 {live}")
    lines.append(f"差异：{len(report['differences'])}")
    lines += [f"  {d['what']} {d['key']}：{d['detail']}" for d in report["differences"][:SHOWN]]
    lines.append(f"恢复点之后的变化（非错误）：{len(report['after_recovery_point'])}")
    lines += [
        f"  {d['what']} {d['key']}：{d['detail']}" for d in report["after_recovery_point"][:SHOWN]
    ]
    return "\n".join(lines) + "\n"


def write_report(report, directory):
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    name = "drill-" + stamp_of(utc_now())
    (directory / f"{name}.json").write_text(
        json.dumps(report, indent=1, ensure_ascii=False), "utf-8"
    )
    (directory / f"{name}.txt").write_text(report_text(report), "utf-8")
    return directory / f"{name}.json"


def main(argv=None, out=None):
    out = out or sys.stdout
    parser = argparse.ArgumentParser(
        description="Restore the newest backup and compare it with the live site."
    )
    parser.add_argument("config", help="the site's .ini file")
    parser.add_argument(
        "--from", dest="source", help="backup directory (default: govportal.backup.dir)"
    )
    parser.add_argument("--scratch", help="where to restore (default: a new temporary directory)")
    parser.add_argument("--keep", action="store_true", help="keep the restored copy")
    parser.add_argument("--report-dir", help="where to write the report (default: BACKUPS/drills)")
    args = parser.parse_args(argv)
    settings = ini_settings(args.config)
    source = Path(args.source) if args.source else backup_dir_setting(settings, args.config)
    try:
        report = drill(args.config, source, args.scratch, args.keep)
    except Exception as e:  # a failed restore is the drill's finding
        audit_note(
            settings,
            "backup.drill",
            target=str(source),
            result="failure",
            details={"error": str(e)},
        )
        failed = {"backup": str(source), "live_now": utc_now().isoformat(), "lag_seconds": None}
        write_latest(
            source, LATEST_DRILL, dict(failed, restore_seconds=None, ok=False, error=str(e))
        )
        print(f"恢复演练失败：{e}", file=out)
        return 1
    path = write_report(report, args.report_dir or source / "drills")
    summary = {k: report[k] for k in ("backup", "live_now", "lag_seconds", "restore_seconds", "ok")}
    write_latest(source, LATEST_DRILL, dict(summary, differences=len(report["differences"])))
    audit_note(
        settings,
        "backup.drill",
        target=report["backup"],
        result="success" if report["ok"] else "failure",
        details={"differences": len(report["differences"]), "lag_seconds": report["lag_seconds"]},
    )
    print(report_text(report) + f"报告：{path}", file=out)
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
