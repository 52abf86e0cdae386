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
import http.client
import json
import re
import secrets
import sys
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

from tests.storage.helpers import HTTP_TIMEOUT, Client

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


def pdf(marker):
    """A small valid PDF naming ``marker`` (the demo's PDF writer)."""
    from govportal.demo.files import pdf_bytes

    return pdf_bytes(f"Material of {marker}", ["Uploaded by the applicants benchmark."])


def multipart(fields, files):
    """``(body, content type)`` of a multipart/form-data request."""
    boundary = f"----govportal{uuid.uuid4().hex}"
    out = []
    for name, value in fields:
        out.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
            + str(value).encode("utf-8")
            + b"\r\n"
        )
    for name, filename, data, mimetype in files:
        out.append(
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: {mimetype}\r\n\r\n'
            ).encode()
            + data
            + b"\r\n"
        )
    out.append(f"--{boundary}--\r\n".encode())
    return b"".join(out), f"multipart/form-data; boundary={boundary}"


class UploadClient(Client):
    """The storage tests' client, plus multipart POSTs."""

    def on(self, port):
        return UploadClient(port, self.cookies, self.token)

    def post_multipart(self, path, fields, files):
        body, content_type = multipart(fields, files)
        headers = {"Content-Type": content_type}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=HTTP_TIMEOUT)
        try:
            conn.request("POST", path, body=body, headers=headers)
            raw = conn.getresponse()
            from tests.storage.helpers import Response

            response = Response(raw.status, raw.headers, raw.read())
        finally:
            conn.close()
        for header in response.headers.get_all("Set-Cookie") or ():
            self._store_cookie(header)
        return response


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
        start = time.perf_counter()
        response = client.post_multipart(path_of(action) or GUIDE + APPLY_VIEW, fields, files)
        elapsed = time.perf_counter() - start
        if response.status == 200 and ACK_MARK.search(response.text):
            return ACKNOWLEDGED, elapsed
        if response.status in (302, 303):
            answer = client.get(path_of(response.headers["Location"]))
            if answer.status == 200 and ACK_MARK.search(answer.text):
                return ACKNOWLEDGED, elapsed
            return answer.status, elapsed
        return response.status, elapsed

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


def bootstrap_site(cluster):
    """Create the site and the small demo (its online guides included)."""
    from govportal.bootstrap import close_app, create_site, load_app, site_session
    from govportal.demo import build_demo

    app = load_app(str(cluster.ini))
    try:
        with site_session(app.registry) as (zodb_root, request):
            root, _password = create_site(zodb_root, request)
            build_demo(root, request)
    finally:
        close_app(app)


def tune_for_applicants(cluster):
    """Every applicant comes from 127.0.0.1: lift the per-address limits of
    the online application and the query pages."""
    text = cluster.ini.read_text(encoding="utf-8")
    text = text.replace(
        "[app:main]\n",
        "[app:main]\ngovportal.services.apply_rate = 1000000/60\n"
        "govportal.services.track_rate = 1000000/60\n",
    )
    cluster.ini.write_text(text, encoding="utf-8")


def run(args, tag):
    with _workdir(args.storage, args.keep) as tmp:
        with SITES[args.storage](Path(tmp), args.threads) as (cluster, open_db):
            tune_for_applicants(cluster)
            bootstrap_site(cluster)
            cluster.start()
            scenario = Apply({})
            offsets = log_offsets(cluster)
            outcomes, wall = run_writers(cluster, scenario, args.applicants, args.applications, tag)
            time.sleep(0.5)
            retries, conflicts, errors, deepest = retries_logged(cluster, offsets)
            processes = len(cluster.ports)
            cluster.stop()
            db = open_db()
            try:
                conn = db.open()
                stored = [
                    m
                    for m in Apply.stored(conn.root()["app_root"])
                    if m.startswith(f"bench-{tag}-")
                ]
                conn.close()
            finally:
                db.close()
    summary = summarise(
        args.storage, Apply.name, outcomes, wall, stored, retries, conflicts, processes
    )
    summary["errors_logged"] = dict(errors)
    summary["most_retries_of_one_request"] = deepest
    return summary


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--storage", choices=["file", "zeo"], default="file")
    parser.add_argument("--applicants", type=int, default=50)
    parser.add_argument("--applications", type=int, default=10)
    parser.add_argument(
        "--threads", type=int, default=4, help="waitress threads per process (4 as shipped)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the site's directory")
    args = parser.parse_args(argv)
    tag = f"{int(time.time()) % 100000:x}{secrets.token_hex(1)}"
    summary = run(args, tag)
    args.writers, args.writes = args.applicants, args.applications
    report = markdown([summary], args).replace(" writers × ", " applicants × ", 1)
    report = report.replace(" writes, ", " applications each (PDF uploads), ", 1)
    print(report)
    RESULTS.mkdir(exist_ok=True)
    stamp = f"{datetime.now(UTC):%Y%m%d-%H%M%S}"
    (RESULTS / f"applicants-{stamp}.md").write_text(report + "\n", encoding="utf-8")
    (RESULTS / f"applicants-{stamp}.json").write_text(
        json.dumps({"args": vars(args), "summary": summary}, indent=2, ensure_ascii=False),
        encoding="utf-8",
    )
    failed = summary["5xx"] or summary["missing"] or summary["duplicates"]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
