"""Department scorecards on the 10,000-document corpus.

    cp -r var/bench /tmp/scorecards-bench
    python -m benchmarks.scorecards /tmp/scorecards-bench

Times, in a fresh connection (cold object cache) and again (warm): reading
every site's dated facts (:func:`govportal.scorecards.events.collect` —
what each ``@@scorecards`` page and the monitoring overview's line cost),
the cards of the last 12 months from them, and one snapshot
(:func:`govportal.scorecards.snapshots.take`).  Nothing is written.
"""

import sys
import time

from benchmarks.corpuscopy import corpus_app, session
from govportal.content import site_group
from govportal.scorecards.cards import cards_for
from govportal.scorecards.events import collect
from govportal.scorecards.periods import MONTH, last_periods, parse
from govportal.scorecards.snapshots import snapshot_of, take
from govportal.scorecards.views import title_of
from govportal.scorecards.weights import weights_of


def run(directory):
    with corpus_app(directory) as app:
        reg = app.registry
        for label in ("cold", "warm"):
            with session(reg, cold=label == "cold") as (root, _request):
                sites = site_group(root)
                t = time.perf_counter()
                ev = collect(root, reg, sites)
                t1 = time.perf_counter() - t
                period = parse(MONTH, None, reg)
                t = time.perf_counter()
                for p in last_periods(period, 12):
                    cards_for(sites, ev, snapshot_of(root, p), p, weights_of(reg), title_of)
                t2 = time.perf_counter() - t
                t = time.perf_counter()
                take(root, reg, sites)
                t3 = time.perf_counter() - t
                published = sum(len(e.published) for e in ev.values())
                print(
                    f"{label}: collect {t1:.2f}s, 12 months of cards {t2:.3f}s, "
                    f"snapshot take {t3:.2f}s; sites {len(sites)}, published {published}"
                )


if __name__ == "__main__":
    run(sys.argv[1])
