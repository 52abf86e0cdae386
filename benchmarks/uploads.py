"""What the upload benchmarks (:mod:`benchmarks.applicants`,
:mod:`benchmarks.letters`) share: a client posting ``multipart/form-data``
with small PDFs, the site with the small demo, lifting the per-address
limits (every writer comes from 127.0.0.1), the run of a scenario of
:func:`benchmarks.writers.run_writers` with the database read afterwards,
and the report written to ``benchmarks/results/<name>-<time>.md`` (and
``.json``)."""

import http.client
import json
import secrets
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

from tests.storage.helpers import HTTP_TIMEOUT, Client

from benchmarks.writers import (
    ACKNOWLEDGED,
    SITES,
    _workdir,
    log_offsets,
    path_of,
    retries_logged,
    run_writers,
    summarise,
)

RESULTS = Path(__file__).parent / "results"


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


def post_timed(client, path, fields, files, ack_mark):
    """POST the multipart form (an :class:`UploadClient`); ``(outcome,
    seconds)``: :data:`~benchmarks.writers.ACKNOWLEDGED` when the answer (or
    the page it redirects to) shows ``ack_mark``, else the status."""
    start = time.perf_counter()
    response = client.post_multipart(path, fields, files)
    elapsed = time.perf_counter() - start
    if response.status in (302, 303):
        response = client.get(path_of(response.headers["Location"]))
    if response.status == 200 and ack_mark.search(response.text):
        return ACKNOWLEDGED, elapsed
    return response.status, elapsed


def lift_limits(cluster, settings):
    """Every writer comes from 127.0.0.1: set each of ``settings`` (the
    per-address limits) to 1000000/60 in the cluster's ini."""
    text = cluster.ini.read_text(encoding="utf-8")
    lifted = "".join(f"{name} = 1000000/60\n" for name in settings)
    text = text.replace("[app:main]\n", "[app:main]\n" + lifted)
    cluster.ini.write_text(text, encoding="utf-8")


def new_tag():
    """The run's tag, in every marker of its writes."""
    return f"{int(time.time()) % 100000:x}{secrets.token_hex(1)}"


def run(args, scenario, limits, writers, writes, tag):
    """Run ``scenario`` (``writers`` threads × ``writes``) on a fresh site
    with the small demo and ``limits`` lifted; the summary of what was
    acknowledged and what the database holds afterwards."""
    with _workdir(args.storage, args.keep) as tmp:
        with SITES[args.storage](Path(tmp), args.threads) as (cluster, open_db):
            lift_limits(cluster, limits)
            bootstrap_site(cluster)
            cluster.start()
            offsets = log_offsets(cluster)
            outcomes, wall = run_writers(cluster, scenario, writers, writes, tag)
            time.sleep(0.5)
            retries, conflicts, errors, deepest = retries_logged(cluster, offsets)
            processes = len(cluster.ports)
            cluster.stop()
            db = open_db()
            try:
                conn = db.open()
                stored = [
                    m
                    for m in scenario.stored(conn.root()["app_root"])
                    if m.startswith(f"bench-{tag}-")
                ]
                conn.close()
            finally:
                db.close()
    summary = summarise(
        args.storage, scenario.name, outcomes, wall, stored, retries, conflicts, processes
    )
    summary["errors_logged"] = dict(errors)
    summary["most_retries_of_one_request"] = deepest
    return summary


def add_server_options(parser):
    parser.add_argument("--storage", choices=["file", "zeo"], default="file")
    parser.add_argument(
        "--threads", type=int, default=4, help="waitress threads per process (4 as shipped)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the site's directory")


def save(name, report, args, summary):
    """Print and write the report; the exit status (1 when anything was
    lost, duplicated or answered with a 5xx)."""
    print(report)
    RESULTS.mkdir(exist_ok=True)
    stamp = f"{datetime.now(UTC):%Y%m%d-%H%M%S}"
    (RESULTS / f"{name}-{stamp}.md").write_text(report + "\n", encoding="utf-8")
    (RESULTS / f"{name}-{stamp}.json").write_text(
        json.dumps({"args": vars(args), "summary": summary}, indent=2, ensure_ascii=False),
        encoding="utf-8",
    )
    failed = summary["5xx"] or summary["missing"] or summary["duplicates"]
    return 1 if failed else 0
