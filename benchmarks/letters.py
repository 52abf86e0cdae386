"""Concurrent letter writers: the public letter form (``@@write``) with an attachment.

``make bench-letters`` (or ``.venv/bin/python -m benchmarks.letters
--help``) starts a fresh demo site with the real programs (as
``benchmarks/applicants.py`` does: ``pserve`` on FileStorage, or two
``pserve`` processes over ZEO with ``--storage zeo``), then ``--writers``
threads (16) each write ``--letters`` letters (25), all starting together,
spread over the portal and two departments.

One letter is what a citizen's browser does: GET ``<site>/@@write`` (its
CSRF, submission and challenge tokens), answer the challenge, POST the form
as ``multipart/form-data`` with a PDF attached, and read the answer: an
acknowledged letter shows its 信件编号 and 查询码.  Each subject carries a
unique marker.  After the run the servers are stopped and the database read
directly: every acknowledged letter must be stored exactly once.

The report (acknowledged %, 4xx, 5xx, other failures, duplicates, missing,
p50/p95 latency of the POST, retries the servers logged) is printed as
Markdown and written to ``benchmarks/results/letters-<time>.md`` (and
``.json``).  The exit status is 1 when anything was lost, duplicated or
answered 5xx.
"""

import argparse
import json
import re
import secrets
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from tests.interaction.letters.letter_helpers import FIELDS, QUESTION, solve

from benchmarks.applicants import UploadClient, bootstrap_site, pdf
from benchmarks.writers import (
    ACKNOWLEDGED,
    SITES,
    _workdir,
    form_fields,
    log_offsets,
    markdown,
    path_of,
    replace,
    retries_logged,
    run_writers,
    summarise,
)

RESULTS = Path(__file__).parent / "results"
#: the sites written to, in turn
SITE_PATHS = ("", "/jyj", "/rsj")
ACK_MARK = re.compile(r'id="query-code"')
MARKER = re.compile(r"bench-\w+-\d+-\d+")


class Letter:
    """One letter (the scenario of :func:`benchmarks.writers.run_writers`)."""

    name = "letters"

    def prepare(self, client):
        pass

    def write(self, client, marker):
        client = UploadClient(client.port, client.cookies, client.token)
        site = SITE_PATHS[sum(map(ord, marker)) % len(SITE_PATHS)]
        page = client.get(site + "/@@write")
        if page.status != 200:
            return page.status, 0.0
        action, fields = form_fields(page.text, action_ends="@@write")
        values = dict(FIELDS, subject=f"基准测试来信 {marker}")
        values["challenge_answer"] = solve(QUESTION.search(page.text).group(1))
        fields = replace(fields, **values)
        files = [("attachments", "letter.pdf", pdf(marker), "application/pdf")]
        start = time.perf_counter()
        response = client.post_multipart(path_of(action) or site + "/@@write", fields, files)
        elapsed = time.perf_counter() - start
        if response.status == 200 and ACK_MARK.search(response.text):
            return ACKNOWLEDGED, elapsed
        return response.status, elapsed

    @staticmethod
    def stored(app_root):
        """Markers of the stored letters with their attachment."""
        from govportal.content import site_group
        from govportal.interaction.letters.model import find_box

        found = []
        for site in site_group(app_root):
            box = find_box(site)
            for letter in box.values() if box is not None else ():
                match = MARKER.search(letter.subject or "")
                if match and len(letter.attachments) == 1:
                    found.append(match.group(0))
        return found


def tune_for_letters(cluster):
    """Every writer comes from 127.0.0.1: lift the per-address limits."""
    text = cluster.ini.read_text(encoding="utf-8")
    text = text.replace(
        "[app:main]\n",
        "[app:main]\ngovportal.interaction.write_rate = 1000000/60\n"
        "govportal.interaction.track_rate = 1000000/60\n",
    )
    cluster.ini.write_text(text, encoding="utf-8")


def run(args, tag):
    with _workdir(args.storage, args.keep) as tmp:
        with SITES[args.storage](Path(tmp), args.threads) as (cluster, open_db):
            tune_for_letters(cluster)
            bootstrap_site(cluster)
            cluster.start()
            scenario = Letter()
            offsets = log_offsets(cluster)
            outcomes, wall = run_writers(cluster, scenario, args.writers, args.letters, tag)
            time.sleep(0.5)
            retries, conflicts, errors, deepest = retries_logged(cluster, offsets)
            processes = len(cluster.ports)
            cluster.stop()
            db = open_db()
            try:
                conn = db.open()
                stored = [
                    m
                    for m in Letter.stored(conn.root()["app_root"])
                    if m.startswith(f"bench-{tag}-")
                ]
                conn.close()
            finally:
                db.close()
    summary = summarise(
        args.storage, Letter.name, outcomes, wall, stored, retries, conflicts, processes
    )
    summary["errors_logged"] = dict(errors)
    summary["most_retries_of_one_request"] = deepest
    return summary


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--storage", choices=["file", "zeo"], default="file")
    parser.add_argument("--writers", type=int, default=16)
    parser.add_argument("--letters", type=int, default=25)
    parser.add_argument(
        "--threads", type=int, default=4, help="waitress threads per process (4 as shipped)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the site's directory")
    args = parser.parse_args(argv)
    tag = f"{int(time.time()) % 100000:x}{secrets.token_hex(1)}"
    summary = run(args, tag)
    args.writes = args.letters
    report = markdown([summary], args).replace(" writes, ", " letters each (PDF attached), ", 1)
    print(report)
    RESULTS.mkdir(exist_ok=True)
    stamp = f"{datetime.now(UTC):%Y%m%d-%H%M%S}"
    (RESULTS / f"letters-{stamp}.md").write_text(report + "\n", encoding="utf-8")
    (RESULTS / f"letters-{stamp}.json").write_text(
        json.dumps({"args": vars(args), "summary": summary}, indent=2, ensure_ascii=False),
        encoding="utf-8",
    )
    failed = summary["5xx"] or summary["missing"] or summary["duplicates"]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
