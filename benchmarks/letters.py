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
import re
import sys

from tests.interaction.letters.letter_helpers import FIELDS, QUESTION, solve

from benchmarks import uploads
from benchmarks.uploads import UploadClient, pdf
from benchmarks.writers import form_fields, markdown, path_of, replace

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
        path = path_of(action) or site + "/@@write"
        return uploads.post_timed(client, path, fields, files, ACK_MARK)

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


#: the per-address limits lifted for the run
LIMITS = ("govportal.interaction.write_rate", "govportal.interaction.track_rate")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    uploads.add_server_options(parser)
    parser.add_argument("--writers", type=int, default=16)
    parser.add_argument("--letters", type=int, default=25)
    args = parser.parse_args(argv)
    tag = uploads.new_tag()
    summary = uploads.run(args, Letter(), LIMITS, args.writers, args.letters, tag)
    args.writes = args.letters
    report = markdown([summary], args).replace(" writes, ", " letters each (PDF attached), ", 1)
    return uploads.save(Letter.name, report, args, summary)


if __name__ == "__main__":
    sys.exit(main())
