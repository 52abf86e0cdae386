"""One full run of the broken-link crawler on a copy of the benchmark corpus.

    python -m benchmarks.links [--source var/bench] [--directory /tmp/links-bench]
                               [--links 3] [--external local|off]

The corpus (``benchmarks/corpus.py``, 10,000 published documents) is
copied first (a FileStorage opens in one process; ``var/bench`` is never
changed).  Unless ``--links 0``, each copied document gets links in its body
— a reference to another document, a path that does not exist, and (with
``--external local``) a link to a page of a local web server (one of 50
URLs, a tenth of them answering 404) — so that the run has something to
find.  Then one forced run (``Crawler.run``, no time bound) is timed and
the report gives wall time, pages, links, broken and suspect links, and
how many bytes the run wrote to ``Monitor.fs``.
"""

import argparse
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from pyramid.traversal import find_resource
from substanced.util import get_oid

from benchmarks.corpus import DEFAULT_DIRECTORY, PATHS_FILE, settings_for
from benchmarks.corpuscopy import copy_corpus
from govportal import main as make_app
from govportal.bootstrap import close_app, site_session

BATCH = 500
EXTERNAL_URLS = 50


class Pages(BaseHTTPRequestHandler):
    """``/page/N``: 404 when N is a multiple of 10, else 200."""

    def _answer(self):
        number = self.path.rsplit("/", 1)[-1]
        self.send_response(404 if number.isdigit() and int(number) % 10 == 0 else 200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_HEAD = do_GET = _answer

    def log_message(self, *args):
        pass


def add_links(app, paths, external_base):
    """Append three links to the body of each document in ``paths``."""
    for start in range(0, len(paths), BATCH):
        with site_session(app.registry) as (zroot, _request):
            root = zroot["app_root"]
            docs = [find_resource(root, p) for p in paths[start : start + BATCH]]
            for i, doc in enumerate(docs, start):
                other = find_resource(root, paths[(i + 1) % len(paths)])
                extra = (
                    f'<p><a href="/@@ref/{get_oid(other)}">相关文件</a>'
                    f' <a href="/old-site/page-{i}.html">旧链接</a>'
                )
                if external_base:
                    extra += f' <a href="{external_base}/page/{i % EXTERNAL_URLS}">外部</a>'
                doc.body = (doc.body or "") + extra + "</p>"


def run(args):
    from govportal.monitoring.links.crawl import Crawler

    target = Path(args.directory)
    copy_corpus(Path(args.source), target)
    server = None
    external_base = None
    if args.external == "local":
        server = ThreadingHTTPServer(("127.0.0.1", 0), Pages)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        external_base = f"http://127.0.0.1:{server.server_address[1]}"
    settings = dict(
        settings_for(target),
        **{
            "govportal.schedule.worker": "off",
            "govportal.monitoring.links_external": "true" if external_base else "false",
            "govportal.monitoring.links_allow_private": "true",
            "govportal.monitoring.links_rate": str(args.rate),
            "govportal.monitoring.links_timeout": "5",
        },
    )
    app = make_app({}, **settings)
    try:
        paths = [
            p.rstrip("/")
            for p in (target / PATHS_FILE).read_text(encoding="utf-8").split()
            if p.strip()
        ]
        if args.links:
            began = time.monotonic()
            add_links(app, paths, external_base)
            print(f"links added to {len(paths)} documents in {time.monotonic() - began:.1f} s")
        monitor = target / "Monitor.fs"
        before = monitor.stat().st_size
        began = time.monotonic()
        report = Crawler(app.registry, max_seconds=24 * 3600).run(force=True)
        wall = time.monotonic() - began
        after = monitor.stat().st_size
    finally:
        close_app(app)
        if server is not None:
            server.shutdown()
    result = {
        "wall_seconds": round(wall, 1),
        "pages": report.pages,
        "links": report.links,
        "pages_per_second": round(report.pages / wall, 1) if wall else None,
        "broken": sum(b for b, _s in report.counts.values()),
        "suspect": sum(s for _b, s in report.counts.values()),
        "monitor_bytes_written": after - before,
        "external": args.external,
        "rate_per_host": args.rate,
        "finished": report.finished,
    }
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return result


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", default=str(DEFAULT_DIRECTORY))
    parser.add_argument("--directory", default="/tmp/links-bench")
    parser.add_argument("--links", type=int, default=3, help="0: leave the bodies as they are")
    parser.add_argument("--external", choices=("local", "off"), default="local")
    parser.add_argument("--rate", type=float, default=200.0, help="requests per second per host")
    args = parser.parse_args(argv)
    run(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
