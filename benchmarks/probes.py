"""Cost of the availability probes on a copy of the benchmark corpus.

    python -m benchmarks.probes [--source var/bench] [--directory /tmp/probes-bench]
                                [--rounds 5] [--days 400]

The corpus (``benchmarks/corpus.py``) is copied first (a FileStorage opens
in one process; ``var/bench`` is never changed) and served by waitress in
this process, as a real server would serve it; the in-process probe fetches
it through that address (``probe_base_url``).  Reported: URLs per round,
wall time of one due job round and of forced rounds, bytes one round adds
to ``Monitor.fs``; then, with ``--days`` of 5-minute history stored for
every probed page, the time of each site's overview line and dashboard
panel (warm) and of a round.
"""

import argparse
import json
import os
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

from waitress.server import create_server

from benchmarks.corpus import DEFAULT_DIRECTORY, settings_for
from benchmarks.corpuscopy import copy_corpus
from govportal import main as make_app
from govportal.bootstrap import close_app, site_session
from govportal.monitoring.probes import history
from govportal.monitoring.probes.fetch import Result
from govportal.monitoring.probes.job import probe_job
from govportal.monitoring.probes.panel import panel, summary
from govportal.monitoring.probes.rounds import sites
from govportal.monitoring.script import run_task
from govportal.schedule.runner import run_in_transaction
from govportal.sitetime import now_utc

PER_DAY = 288


def _timed(fn):
    started = time.perf_counter()
    fn()
    return round(time.perf_counter() - started, 3)


def _seed(app, days):
    now = now_utc()
    ok = Result("seeded", True, 200, 0.1, "")
    with site_session(app.registry) as (zroot, _request):
        found = history.book(zroot["app_root"])
        for site_path, path in list(found.series.keys()):
            for i in range(1, days * PER_DAY):
                history.record(found, site_path, path, now - timedelta(minutes=5 * i), ok)
        return len(found.series)


def run(args):
    target = Path(args.directory)
    copy_corpus(args.source, target)
    settings = dict(settings_for(target), **{"govportal.schedule.worker": "off"})
    app = make_app({}, **settings)
    server = create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    monitor = target / "Monitor.fs"
    report = {}
    try:
        app.registry.settings["govportal.monitoring.probe_base_url"] = (
            f"http://127.0.0.1:{server.effective_port}"
        )
        run_task(app.registry, "probe")  # warm the pages' caches
        before = os.path.getsize(monitor)
        report["job_round_s"] = _timed(
            lambda: run_in_transaction(app.registry, probe_job, "bench probes")
        )
        report["bytes_per_round"] = os.path.getsize(monitor) - before
        report["forced_round_s"] = [
            _timed(lambda: run_task(app.registry, "probe")) for _ in range(args.rounds)
        ]
        report["last_round"] = run_task(app.registry, "probe").splitlines()[0]
        report["series"] = _seed(app, args.days)
        report["history_days"] = args.days
        with site_session(app.registry, commit=False) as (zroot, request):
            found = sites(zroot["app_root"])
            for site in found:  # compile the template, warm the caches
                panel(site, request)
            report["sites"] = len(found)
            report["summary_all_sites_s"] = _timed(lambda: [summary(s, request) for s in found])
            report["panel_all_sites_s"] = _timed(lambda: [panel(s, request) for s in found])
        report["round_with_history_s"] = _timed(lambda: run_task(app.registry, "probe"))
        report["monitor_fs_bytes"] = os.path.getsize(monitor)
    finally:
        server.close()
        server.task_dispatcher.shutdown(timeout=5)
        close_app(app)
    print(json.dumps(report, ensure_ascii=False, indent=2))
    return report


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", default=str(DEFAULT_DIRECTORY))
    parser.add_argument("--directory", default="/tmp/probes-bench")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--days", type=int, default=400)
    run(parser.parse_args(argv))
    return 0


if __name__ == "__main__":
    sys.exit(main())
