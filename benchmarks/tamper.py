"""Tamper detection on a copy of the benchmark corpus: baseline, then one sweep.

    python -m benchmarks.tamper [--source var/bench] [--directory /tmp/tamper-bench]
                                [--attachments 1000] [--threads 4]

The corpus (``benchmarks/corpus.py``, 10,000 published documents) is copied
first (a FileStorage opens in one process; ``var/bench`` is never changed);
``--attachments N`` gives N of the copied documents a PDF attachment (each
different, ~40 KB) so that the vault and the download checks have work.
The copy is served by waitress (``--threads``) on a free local port, which
the sweeps fetch from, as they would fetch the public URL.

Timed: the first sweep (every document baselined: an in-process render of
its region, attachments hashed into the vault) and the second (every
document checked: the page fetched over HTTP through the render cache, a
fresh render, the fields against the approved revision, each attachment
downloaded and hashed).  Reported: wall times, pages/s, vault size and the
growth of ``Monitor.fs``.
"""

import argparse
import io
import json
import os
import shutil
import sys
import time
from pathlib import Path

from pyramid.traversal import find_resource
from waitress.server import create_server

from benchmarks.corpus import DEFAULT_DIRECTORY, PATHS_FILE, settings_for
from govportal import main as make_app
from govportal.bootstrap import close_app, site_session
from govportal.monitoring.tamper import fetch, vault
from govportal.monitoring.tamper.tasks import sweep_task
from govportal.schedule.runner import run_in_transaction

BATCH = 250


def copy_corpus(source, target):
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("*.lock", "*.tmp"))


def pdf(number, size=40_000):
    filler = (f"营山县政府信息公开附件 {number} " * (size // 30)).encode()
    return b"%PDF-1.4\n% " + filler[:size] + b"\n%%EOF\n"


def add_attachments(app, paths):
    from govportal.content.attachment import Attachment

    for start in range(0, len(paths), BATCH):
        with site_session(app.registry) as (zroot, _request):
            root = zroot["app_root"]
            for number, path in enumerate(paths[start : start + BATCH], start=start):
                document = find_resource(root, path)
                if "bench.pdf" not in document:
                    document["bench.pdf"] = Attachment(io.BytesIO(pdf(number)), "附件.pdf")


def timed_sweep(app):
    started = time.monotonic()
    [report] = run_in_transaction(
        app.registry, lambda root, request: [sweep_task(root, request, [])], "bench sweep"
    )
    return time.monotonic() - started, report


def run(args):
    directory = Path(args.directory)
    copy_corpus(Path(args.source), directory)
    paths = (directory / PATHS_FILE).read_text(encoding="utf-8").split()
    settings = dict(
        settings_for(directory),
        **{
            "govportal.monitoring.vault_dir": str(directory / "vault"),
            # only the timed sweeps: no scheduler rounds (probes, crawler) beside them
            "govportal.schedule.worker": "off",
        },
    )
    app = make_app({}, **settings)
    monitor = directory / "Monitor.fs"
    try:
        step = max(1, len(paths) // max(1, args.attachments)) if args.attachments else 0
        if step:
            add_attachments(app, paths[::step][: args.attachments])
        server = create_server(app, host="127.0.0.1", port=0, threads=args.threads)
        import threading

        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        app.registry.govportal_tamper_fetcher = fetch.HttpFetcher(
            f"http://127.0.0.1:{server.effective_port}", timeout=60
        )
        size0 = monitor.stat().st_size if monitor.exists() else 0
        first, report1 = timed_sweep(app)
        size1 = monitor.stat().st_size
        second, report2 = timed_sweep(app)
        size2 = monitor.stat().st_size
        server.close()
        pages = len(paths)
        result = {
            "documents": pages,
            "attachments": args.attachments,
            "baseline_seconds": round(first, 1),
            "baseline_pages_per_s": round(pages / first, 1),
            "sweep_seconds": round(second, 1),
            "sweep_pages_per_s": round(pages / second, 1),
            "vault_bytes": vault.size(app.registry),
            "monitor_fs_growth_baseline": size1 - size0,
            "monitor_fs_growth_sweep": size2 - size1,
            "report_baseline": report1,
            "report_sweep": report2,
            "cpus": os.cpu_count(),
        }
    finally:
        close_app(app)
    return result


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", default=str(DEFAULT_DIRECTORY))
    parser.add_argument("--directory", default="/tmp/tamper-bench")
    parser.add_argument("--attachments", type=int, default=1000)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args(argv)
    print(json.dumps(run(args), ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
