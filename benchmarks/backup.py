"""Backups on the 10,000-document corpus: full backup, 100 edits, incremental
backup, restore, restore drill — times and sizes.

    .venv/bin/python -m benchmarks.backup [--work /tmp/backup-bench] [--edits 100]

Works on a COPY of ``var/bench`` (built by :mod:`benchmarks.corpus`); prints
the figures and writes ``benchmarks/results/backup-<time>.{md,json}``.
"""

import argparse
import json
import shutil
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import transaction
from pyramid.traversal import find_resource

from benchmarks.corpus import settings_for
from govportal.backup.drill import drill
from govportal.backup.restore import run_restore
from govportal.backup.run import run_backup
from govportal.bootstrap import close_app, load_app, site_session
from govportal.settings import SOURCE_ROOT

CORPUS = SOURCE_ROOT / "var" / "bench"
RESULTS = Path(__file__).parent / "results"


def du(path):
    out = subprocess.run(["du", "-sb", str(path)], capture_output=True, text=True, check=True)  # noqa: S603, S607
    return int(out.stdout.split()[0])


def write_ini(site):
    lines = ["[app:main]", "use = egg:govportal", "govportal.schedule.worker = off"]
    lines += [f"{k} = {v.replace('%', '%%')}" for k, v in settings_for(site).items()]
    lines.append(f"zodbconn.uri.audit = file://{site}/Audit.fs")
    path = site / "bench.ini"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def edit(ini, paths, count):
    """Retitle ``count`` documents, one transaction each (as editors do)."""
    app = load_app(str(ini))
    try:
        for i, path in enumerate(paths[:count]):
            with site_session(app.registry) as (zodb_root, _request):
                doc = find_resource(zodb_root["app_root"], path.strip("/"))
                doc.title = f"{doc.title}（修订{i}）"
    finally:
        transaction.abort()
        close_app(app)


def timed(fn, *args, **kw):
    started = time.monotonic()
    result = fn(*args, **kw)
    return result, round(time.monotonic() - started, 2)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", default="/tmp/backup-bench")
    parser.add_argument("--edits", type=int, default=100)
    args = parser.parse_args(argv)
    work = Path(args.work)
    if work.exists():
        shutil.rmtree(work)
    site = work / "site"
    shutil.copytree(CORPUS, site)
    for lock in site.glob("*.lock"):
        lock.unlink()
    ini = write_ini(site)
    dest = work / "backups"
    figures = {"corpus": {"Data.fs": (site / "Data.fs").stat().st_size, "site_bytes": du(site)}}
    (full_dir, full), seconds = timed(run_backup, ini, full=True, dest=dest)
    figures["full"] = {"seconds": seconds, "bytes": du(full_dir), "manifest_bytes": full["bytes"]}
    paths = (site / "doc-paths.txt").read_text().split()
    _none, seconds = timed(edit, ini, paths, args.edits)
    figures["edits"] = {"count": args.edits, "seconds": seconds}
    (incr_dir, incr), seconds = timed(run_backup, ini, dest=dest)
    figures["incremental"] = {"seconds": seconds, "bytes": du(incr_dir), "kind": incr["kind"]}
    result, seconds = timed(run_restore, ini, dest, work / "restored")
    figures["restore"] = {
        "seconds": seconds,
        "bytes": du(work / "restored"),
        "chain": result["chain"],
    }
    report, seconds = timed(drill, ini, dest, work / "drill")
    figures["drill"] = {
        "seconds": seconds,
        "restore_seconds": report["restore_seconds"],
        "documents": report["documents"],
        "attachments": report["attachments"],
        "audit_entries": report["audit_entries"],
        "differences": len(report["differences"]),
        "after_recovery_point": len(report["after_recovery_point"]),
    }
    text = json.dumps(figures, indent=1, ensure_ascii=False)
    print(text)
    RESULTS.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    (RESULTS / f"backup-{stamp}.json").write_text(text, encoding="utf-8")
    (RESULTS / f"backup-{stamp}.md").write_text(
        f"# Backup benchmark {stamp}\n\n```json\n{text}\n```\n"
    )
    return 0 if not report["differences"] else 1


if __name__ == "__main__":
    sys.exit(main())
