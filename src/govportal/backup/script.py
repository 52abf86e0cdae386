"""``govportal-backup`` and ``govportal-restore``: the command lines.

``govportal-backup INI [--full] [--dest DIR] [--zeo-conf etc/zeo.conf]``
backs up every database of the site (:mod:`.run`); ``govportal-restore INI
--from BACKUP --to NEWDIR [--at TIME]`` restores one into a new place
(:mod:`.restore`).  Both print what they did; exit status 0 done, 1 failed,
2 bad usage.
"""

import argparse
import sys
from datetime import UTC, datetime

from .restore import RestoreRefused, run_restore
from .run import run_backup


def backup_main(argv=None, out=None):
    out = out or sys.stdout
    parser = argparse.ArgumentParser(description="Back up every database of a govportal site.")
    parser.add_argument("config", help="the site's .ini file")
    parser.add_argument(
        "--full", action="store_true", help="a full backup (default: incremental when due)"
    )
    parser.add_argument("--dest", help="backup directory (default: govportal.backup.dir)")
    parser.add_argument(
        "--zeo-conf",
        help="on the ZEO host: the server's zeo.conf, whose FileStorages are backed up",
    )
    args = parser.parse_args(argv)
    path, manifest = run_backup(args.config, args.full, args.dest, args.zeo_conf)
    kind = "完整" if manifest["kind"] == "full" else "增量"
    print(f"{kind}备份完成：{path}（{manifest['bytes']} 字节，{manifest['seconds']} 秒）", file=out)
    for label, entry in manifest["databases"].items():
        point = entry.get("recovery_time") or entry.get("skipped") or "（空库）"
        print(f"  {label}：恢复点 {point}", file=out)
        if entry.get("blobs_changed"):
            print(
                f"  警告：{len(entry['blobs_changed'])} 个附件文件被改动过，保留了先前的副本",
                file=out,
            )
    for name in manifest.get("removed", []):
        print(f"  按保留策略删除：{name}", file=out)
    return 1 if any(e.get("blobs_changed") for e in manifest["databases"].values()) else 0


def parse_time(text):
    """``--at``: ISO date/time; without a zone it is UTC."""
    when = datetime.fromisoformat(text)
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def restore_main(argv=None, out=None):
    out = out or sys.stdout
    parser = argparse.ArgumentParser(description="Restore a govportal backup into a new place.")
    parser.add_argument("config", help="the site's .ini file (the restored .ini is made from it)")
    parser.add_argument(
        "--from", dest="source", required=True, help="a backup, or the backup directory"
    )
    parser.add_argument("--to", dest="target", required=True, help="a new or empty directory")
    parser.add_argument("--at", help="newest backup at or before this time (ISO, UTC unless zoned)")
    parser.add_argument("--pg-suffix", help="PostgreSQL: restored database name = NAME_SUFFIX")
    args = parser.parse_args(argv)
    try:
        at = parse_time(args.at) if args.at else None
    except ValueError:
        print(f"时间格式不对：{args.at}（例：2026-12-07T15:00:00）", file=out)
        return 2
    try:
        result = run_restore(args.config, args.source, args.target, at, args.pg_suffix)
    except (RestoreRefused, FileExistsError) as e:
        print(f"拒绝恢复：{e}", file=out)
        return 1
    print(f"已恢复 {result['backup']}（{result['seconds']} 秒）", file=out)
    for label, point in result["recovery"].items():
        print(f"  {label}：恢复点 {point['time'] or '（空库）'}", file=out)
    for label, name in result["pg_databases"].items():
        print(f"  {label}：PostgreSQL 数据库 {name}", file=out)
    print(f"配置文件：{result['ini']}", file=out)
    return 0


if __name__ == "__main__":
    sys.exit(backup_main())
