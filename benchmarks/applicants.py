"""Concurrent applicants: online applications (办件) with uploads to one guide.

``make bench-applicants`` (or ``.venv/bin/python -m benchmarks.applicants
--help``) starts a fresh demo site with the real programs (as
``benchmarks/writers.py`` does: ``pserve`` on FileStorage, or two ``pserve``
processes over ZEO with ``--storage zeo``), then ``--applicants`` threads (50)
each submit ``--applications`` applications (10) to the same online guide
(:data:`GUIDE`, the demo's 企业开办“一件事”), all starting together.

One application is what a citizen's browser does: GET the guide's apply page
(its CSRF and one-time submission tokens), POST the form as
``multipart/form-data`` with the applicant's identity, the guide's fields and
a PDF for each required material, and read the answer: an acknowledged
application shows its 办件编号 and query code.  Each carries a unique marker
(in the 拟设企业名称 field).  After the run the servers are stopped and the
database is read directly: every acknowledged application must be stored
exactly once, with its uploaded materials.

The report gives acknowledged %, 4xx, 5xx, other failures, duplicates,
missing, p50/p95 latency of the POST and the retries the servers logged,
printed as Markdown and written to ``benchmarks/results/applicants-<time>.md``
(and ``.json``).  The exit status is 1 when anything was lost, duplicated or
answered 5xx.
"""

import argparse
import re
import sys

from benchmarks import uploads
from benchmarks.uploads import UploadClient, pdf
from benchmarks.writers import form_fields, markdown, path_of, replace

#: the online guide every applicant applies to (built by the small demo too)
GUIDE = "/zwfwj/bszn/qykb/"
APPLY_VIEW = "@@apply"
#: what an acknowledged application's answer shows (its query code)
ACK_MARK = re.compile(r'id="(?:case-code|query-code|tracking-code)"')
#: an applicant (a person; a valid GB 11643 number of the standard's example)
APPLICANT = {
    "applicant_type": "个人",
    "applicant_name": "张三",
    "applicant_id_number": "11010519491231002X",
    "applicant_phone": "13800138000",
    "applicant_email": "",
}
#: the guide's own fields, except the marker field and the files
VALUES = {
    "company_type": "有限责任公司",
    "premises": "四川省南充市营山县城南街道人和路1号",
    "scope": "日用百货、文具用品零售；家用电器销售。",
    "services": "员工参保登记",
    "open_date": "2027-03-01",
    "contact_phone": "0817-8225505",
}
MARKER_FIELD = "company_name"
FILE_FIELDS = ("identity", "premises_proof")


class Apply:
    """One online application to :data:`GUIDE` (the scenario of
    :func:`benchmarks.writers.run_writers`)."""

    name = "applicants"

    def __init__(self, passwords):
        pass

    def prepare(self, client):
        pass

    def write(self, client, marker):
        client = UploadClient(client.port, client.cookies, client.token)
        page = client.get(GUIDE + APPLY_VIEW)
        if page.status != 200:
            return page.status, 0.0
        action, fields = form_fields(page.text, action_ends=APPLY_VIEW)
        fields = [(n, v) for n, v in fields if n not in ("save", "action")]
        fields = replace(
            fields, **APPLICANT, **VALUES, **{MARKER_FIELD: f"营山县{marker}商贸有限公司"}
        )
        fields.append(("action", "submit"))
        data = pdf(marker)
        files = [(name, f"{name}.pdf", data, "application/pdf") for name in FILE_FIELDS]
        path = path_of(action) or GUIDE + APPLY_VIEW
        return uploads.post_timed(client, path, fields, files, ACK_MARK)

    @staticmethod
    def stored(app_root):
        """Markers of the stored cases of the guide (one entry per case whose
        every required material was stored)."""
        from govportal.services.cases import find_case_box
        from govportal.services.sites import sites

        found = []
        for site in sites(app_root):
            box = find_case_box(site)
            for case in box.values() if box is not None else ():
                name = (case.values or {}).get(MARKER_FIELD, "")
                match = re.search(r"bench-\w+-\d+-\d+", name)
                if not match:
                    continue
                fields = {getattr(f, "field", "") for f in case.materials.values()}
                if all(f in fields for f in FILE_FIELDS):
                    found.append(match.group(0))
        return found


#: the per-address limits lifted for the run
LIMITS = ("govportal.services.apply_rate", "govportal.services.track_rate")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    uploads.add_server_options(parser)
    parser.add_argument("--applicants", type=int, default=50)
    parser.add_argument("--applications", type=int, default=10)
    args = parser.parse_args(argv)
    tag = uploads.new_tag()
    summary = uploads.run(args, Apply({}), LIMITS, args.applicants, args.applications, tag)
    args.writers, args.writes = args.applicants, args.applications
    report = markdown([summary], args).replace(" writers × ", " applicants × ", 1)
    report = report.replace(" writes, ", " applications each (PDF uploads), ", 1)
    return uploads.save(Apply.name, report, args, summary)


if __name__ == "__main__":
    sys.exit(main())
