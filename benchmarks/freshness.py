"""Update monitoring on the benchmark corpus: one full computation for all sites.

    cp -r var/bench /tmp/freshness-bench
    python -m benchmarks.freshness --directory /tmp/freshness-bench [--rounds 5]

Opens a copy of the corpus (``benchmarks.corpus``; a FileStorage opens in
one process only, so never ``var/bench`` itself while others use it) and
times :func:`govportal.monitoring.freshness.compute.compute_all` — every
site's home page, columns, letters and applications — in a fresh
connection (cold object cache) and again in the same one (warm), and the
alarm check that the periodic job runs (computation plus raising and
clearing alarms, aborted).  Prints one line per measurement and the counts
judged.
"""

import argparse
import sys

from benchmarks.corpuscopy import corpus_app, report, session, timed
from govportal.monitoring.freshness.alerts import check
from govportal.monitoring.freshness.compute import compute_all, published_dates


def run(directory, rounds):
    cold, warm, checks = [], [], []
    with corpus_app(directory) as app:
        registry = app.registry
        for _ in range(rounds):
            with session(registry) as (root, request):
                seconds, reports = timed(lambda root=root: compute_all(root, registry))
                cold.append(seconds)
                seconds, _ = timed(lambda root=root: compute_all(root, registry))
                warm.append(seconds)
                seconds, _ = timed(lambda root=root, r=request: check(root, r))
                checks.append(seconds)
                published = len(published_dates(root, registry))
    columns = sum(len(r.columns) for r in reports)
    print(f"sites {len(reports)}, columns {columns}, published items {published}")
    report(
        (
            ("compute_all, cold cache", cold),
            ("compute_all, warm cache", warm),
            ("check (compute + alarms)", checks),
        )
    )
    return 0


def main_(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--directory", required=True)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    return run(args.directory, args.rounds)


if __name__ == "__main__":
    sys.exit(main_())
