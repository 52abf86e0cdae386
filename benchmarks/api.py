"""The JSON read API on the 10,000-document corpus, in process (WebTest).

    cp -r var/bench /tmp/api-bench
    TZ=UTC .venv/bin/python -m benchmarks.api --directory /tmp/api-bench

Times anonymous GETs (rate limit lifted) of: the site-wide document listing
(first page and a deep page), a column listing, a filtered listing (topic +
date range), one document's detail, the column tree, and — for comparison —
the column's public HTML page (render cache off for it: each request is a
miss, as the API always is).  Prints p50/p95 in milliseconds.
"""

import argparse
import statistics
import time
from urllib.parse import quote

import webtest

from benchmarks.corpus import settings_for
from govportal import main
from govportal.bootstrap import close_app


def timed(client, path, rounds, headers=None):
    client.get(path, headers=headers or {})  # warm the connection cache
    samples = []
    for _i in range(rounds):
        start = time.perf_counter()
        client.get(path, headers=headers or {})
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1]


def run(directory, rounds):
    settings = dict(
        settings_for(directory),
        **{
            "govportal.api.anonymous_rate": "1000000/60",
            "govportal.cache.max_entries": "0",
            "govportal.public_url": "https://www.yingshan.gov.cn",
        },
    )
    app = main({}, **settings)
    try:
        client = webtest.TestApp(app)
        first = client.get("/api/v1/documents?size=1").json
        total = first["total"]
        doc = next(i for i in client.get("/api/v1/documents?size=50").json["items"] if i["api_url"])
        column = doc["column"]
        deep = min(total // 100, 10_000)
        topic = quote("教育")
        cases = [
            ("documents, page 1 (size 20)", "/api/v1/documents"),
            ("documents, page 1 (size 100)", "/api/v1/documents?size=100"),
            (f"documents, page {deep} (size 100)", f"/api/v1/documents?size=100&page={deep}"),
            ("column listing (size 100)", f"/api/v1/documents?size=100&column={column}"),
            (
                "topic + date range (size 100)",
                f"/api/v1/documents?size=100&topic={topic}&from=2020-01-01&to=2026-12-31",
            ),
            ("one document", doc["api_url"].split("yingshan.gov.cn", 1)[1]),
            ("column tree (portal)", "/api/v1/sites/portal/columns"),
            ("column HTML page (no cache)", column + "/"),
        ]
        print(f"corpus: {total} listed items; {rounds} requests per case")
        print("| request | p50 ms | p95 ms |\n|---|---:|---:|")
        for name, path in cases:
            p50, p95 = timed(client, path, rounds)
            print(f"| {name} | {p50:.1f} | {p95:.1f} |")
    finally:
        close_app(app)


def cli(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--directory", required=True, help="a COPY of var/bench")
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args(argv)
    run(args.directory, args.rounds)


if __name__ == "__main__":
    cli()
