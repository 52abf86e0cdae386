"""The national self-check on the benchmark corpus: every site, cold and warm.

    cp -r var/bench /tmp/selfcheck-bench
    python -m benchmarks.selfcheck --directory /tmp/selfcheck-bench [--rounds 3]

Opens a copy of the corpus (``benchmarks.corpus``: 10,000 published
documents; a FileStorage opens in one process only, so never ``var/bench``
itself) and times :func:`govportal.selfcheck.compute.check_all` — the
monitor's freshness pass, the public items' stored check reports (B1), the
published guides (B6, B14), probes, links and letters for every site — in a
fresh connection (cold object cache) and again in the same one (warm), and
the recording of the run in the history (aborted).  Prints one line per
measurement and each site's score.
"""

import argparse
import sys

from benchmarks.corpuscopy import corpus_app, report, session, timed
from govportal.selfcheck import history
from govportal.selfcheck.compute import check_all


def run(directory, rounds):
    cold, warm, stored = [], [], []
    with corpus_app(directory) as app:
        for _ in range(rounds):
            with session(app.registry) as (root, request):
                seconds, results = timed(lambda root=root, r=request: check_all(root, r))
                cold.append(seconds)
                seconds, results = timed(lambda root=root, r=request: check_all(root, r))
                warm.append(seconds)
                seconds, _ = timed(lambda root=root, s=results: history.record(root, s, "bench"))
                stored.append(seconds)
    for result in results:
        vetoes = ",".join(i.item for i in result.vetoes) or "-"
        print(f"{result.site_path}: {result.score} points, veto {vetoes}")
    report(
        (
            ("check_all, cold cache", cold),
            ("check_all, warm cache", warm),
            ("history.record", stored),
        )
    )
    return 0


def main_(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--directory", required=True)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    return run(args.directory, args.rounds)


if __name__ == "__main__":
    sys.exit(main_())
