"""Concurrent writers: drafts in one column and ``@@apply``, on three storages.

``make bench-writers`` (or ``.venv/bin/python -m benchmarks.writers --help``)
starts a fresh demo site on each storage with the real programs
(``govportal-init``, ``govportal-demo``, ``pserve``, ``runzeo``):

- ``file``: FileStorage, one ``pserve`` process;
- ``zeo``: two ``pserve`` processes, clients of one ZEO server;
- ``relstorage``: two ``pserve`` processes on RelStorage, in a new PostgreSQL
  database (127.0.0.1:5432, trust; dropped afterwards).

Then ``--writers`` threads (16) each make ``--writes`` writes (25), spread
round-robin over the processes: a **draft** is the workspace's new-document
form of one column (``@@ws-add``, fetched first for its CSRF and submission
tokens, posted, the redirect followed as a browser does), signed in as the
portal editor; an **apply** is the citizens' ``@@apply`` form.  Every write
carries a unique marker in its title (or description).  After the run the
processes are stopped and the database is read directly: every acknowledged
write (a 303, or the answer showing a tracking code) must be stored exactly once.

The report gives, per run: acknowledged %, 4xx, 5xx, other failures,
duplicates, missing, p50/p95 latency of the POST, and the retries the
servers logged (``govportal.retry`` at DEBUG) with the most frequent
conflicting objects.  It is printed as Markdown and written to
``benchmarks/results/writers-<time>.md`` (and ``.json``).
"""

import argparse
import collections
import contextlib
import json
import re
import secrets
import statistics
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from tests.storage.helpers import (
    PG_HOST,
    PG_PORT,
    PG_USER,
    AppCluster,
    Client,
    Process,
    copy_config,
    free_port,
    fresh_pg_database,
    program,
    wait_for_port,
)

RESULTS = Path(__file__).parent / "results"
#: the column the drafts go to (the portal editor may write there)
COLUMN = "/yw/"
EDITOR = "portal_editor"
#: the outcome of a write that the server confirmed
ACKNOWLEDGED = "acknowledged"
PASSWORD = "Bench-passw0rd!" + secrets.token_hex(4)
SHIPPED_ZEO_ADDRESS = "127.0.0.1:8100"
RETRY_LINE = re.compile(
    r"\[govportal\.retry\.backoff\] retry (\d+) of \S+ \S+ after (.*?); pausing"
)

LOGGING = """
[loggers]
keys = root, retry

[logger_retry]
level = DEBUG
handlers =
qualname = govportal.retry
"""


# -- sites -----------------------------------------------------------------


def _tune_ini(cluster, threads):
    """Benchmark settings on top of the storage tests' .ini: the shipped
    retry defaults (no ``retry.attempts`` line), ``threads`` waitress threads
    per process, and retries logged at DEBUG."""
    text = cluster.ini.read_text(encoding="utf-8")
    text = re.sub(r"^retry\.attempts = .*\n", "", text, flags=re.M)
    text = text.replace("threads = 2", f"threads = {threads}")
    # every writer comes from 127.0.0.1: no per-address limit on @@apply; the
    # editor's password is set by bootstrap() (maybe under a test's frozen
    # clock): it must not count as expired by the servers' real clock
    text = text.replace(
        "[app:main]\n",
        "[app:main]\ngovportal.applications.apply_rate = 100000/60\n"
        "govportal.accounts.password_max_age_days = 0\n",
    )
    text = text.replace("[loggers]\nkeys = root\n", LOGGING)
    cluster.ini.write_text(text, encoding="utf-8")


@contextlib.contextmanager
def file_site(directory, threads):
    data = directory / "var"
    data.mkdir(parents=True)
    uri = f"file://{data}/Data.fs?blobstorage_dir={data}/blobs"
    cluster = AppCluster(directory, uri, names=("a",))
    _tune_ini(cluster, threads)
    try:
        yield cluster, lambda: _open_db(uri)
    finally:
        cluster.stop()


@contextlib.contextmanager
def zeo_site(directory, threads):
    server_dir = directory / "zeo"
    (server_dir / "var").mkdir(parents=True)
    port = free_port()
    address = f"127.0.0.1:{port}"
    conf = copy_config("zeo.conf", server_dir, {SHIPPED_ZEO_ADDRESS: address})
    server = Process([program("runzeo"), "-C", conf], server_dir / "runzeo.log", server_dir)
    app_dir = directory / "app"
    app_dir.mkdir()
    try:
        wait_for_port(server, port)
        client_conf = copy_config("zeo-client.conf", app_dir, {SHIPPED_ZEO_ADDRESS: address})
        cluster = AppCluster(app_dir, f"zconfig://{client_conf}")
        _tune_ini(cluster, threads)
        try:
            yield cluster, lambda: _open_db(f"zconfig://{client_conf}")
        finally:
            cluster.stop()
    finally:
        server.stop()


@contextlib.contextmanager
def relstorage_site(directory, threads):
    with fresh_pg_database("govportal_bench") as name:
        blobs = directory / "blobs"
        uri = (
            f"postgres://{PG_USER}@{PG_HOST}:{PG_PORT}/{name}"
            f"?keep_history=false&shared_blob_dir=false&blob_dir={blobs}&cache_local_mb=20"
        )
        cluster = AppCluster(directory, uri)
        _tune_ini(cluster, threads)
        try:
            yield cluster, lambda: _open_db(uri.replace(str(blobs), str(directory / "blobs-check")))
        finally:
            cluster.stop()


SITES = {"file": file_site, "zeo": zeo_site, "relstorage": relstorage_site}


def _open_db(uri):
    from ZODB import DB
    from zodburi import resolve_uri

    factory, dbkw = resolve_uri(uri)
    return DB(factory(), **dbkw)


def bootstrap(cluster):
    """Create the site and the demo content (in this process, before the
    servers start); give the portal editor a known password.  Returns
    ``{login: password}``."""
    from govportal.accounts.state import utcnow
    from govportal.bootstrap import close_app, create_site, load_app, site_session
    from govportal.demo import build_demo

    app = load_app(str(cluster.ini))
    try:
        with site_session(app.registry) as (zodb_root, request):
            root, _password = create_site(zodb_root, request)
            build_demo(root, request)
            user = root["principals"]["users"][EDITOR]
            user.set_password(PASSWORD)
            user.password_changed_at = utcnow()
            user.must_change_password = False
    finally:
        close_app(app)
    return {EDITOR: PASSWORD}


# -- forms -----------------------------------------------------------------


def form_fields(html, form_id=None, action_ends=None):
    """``(action, [(name, value), ...])`` of a form on the page: its inputs'
    current values, the first or selected option of each select, checked
    boxes; no file inputs and no buttons."""
    soup = BeautifulSoup(html, "html.parser")
    forms = soup.find_all("form")
    form = None
    for candidate in forms:
        if form_id and candidate.get("id") == form_id:
            form = candidate
        elif action_ends and (candidate.get("action") or "").endswith(action_ends):
            form = candidate
        if form is not None:
            break
    if form is None:
        raise LookupError(f"no form {form_id or action_ends!r} on the page")
    fields = []
    for tag in form.find_all(["input", "select", "textarea"]):
        name = tag.get("name")
        if not name:
            continue
        if tag.name == "textarea":
            fields.append((name, tag.text))
        elif tag.name == "select":
            options = tag.find_all("option")
            chosen = [o for o in options if o.has_attr("selected")] or options[:1]
            fields.extend((name, o.get("value", o.text)) for o in chosen)
        else:
            kind = (tag.get("type") or "text").lower()
            if kind in ("file", "submit", "button", "image", "reset"):
                continue
            if kind in ("checkbox", "radio") and not tag.has_attr("checked"):
                continue
            fields.append((name, tag.get("value", "")))
    return form.get("action") or "", fields


def replace(fields, **values):
    """``fields`` with the first occurrence of each named field set."""
    out, done = [], set()
    for name, value in fields:
        if name in values and name not in done:
            out.append((name, values[name]))
            done.add(name)
        else:
            out.append((name, value))
    out.extend((k, v) for k, v in values.items() if k not in done)
    return out


def path_of(url):
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


# -- scenarios -------------------------------------------------------------


class Draft:
    """A new document in :data:`COLUMN` through the workspace form."""

    name = "drafts"

    def __init__(self, passwords):
        self.password = passwords[EDITOR]

    def prepare(self, client):
        client.login(EDITOR, self.password)

    def write(self, client, marker):
        page = client.get(COLUMN + "@@ws-add")
        if page.status != 200:
            return page.status, 0.0
        action, fields = form_fields(page.text, form_id="ws-document")
        fields = replace(fields, title=f"并发稿件 {marker}", body=f"<p>正文 {marker}</p>")
        fields.append(("save", "save"))
        start = time.perf_counter()
        response = client.post(path_of(action), fields)
        elapsed = time.perf_counter() - start
        if response.status in (302, 303):
            # a browser follows the redirect (and so pops the flash message)
            client.get(path_of(response.headers["Location"]))
            return ACKNOWLEDGED, elapsed
        return response.status, elapsed

    @staticmethod
    def stored(app_root):
        """Markers of the documents in the column (one entry per document)."""
        column = _traverse(app_root, COLUMN)
        found = []
        for item in column.values():
            match = re.search(r"bench-\S+", getattr(item, "title", "") or "")
            if match:
                found.append(match.group(0))
        return found


class Apply:
    """A citizen's application through the portal's ``@@apply`` form; the
    answer (200) shows the application's number and tracking code."""

    name = "apply"

    def __init__(self, passwords):
        pass

    def prepare(self, client):
        pass

    def write(self, client, marker):
        page = client.get("/@@apply")
        if page.status != 200:
            return page.status, 0.0
        action, fields = form_fields(page.text, action_ends="@@apply")
        values = dict(APPLY_VALUES, description=f"申请公开 {marker} 的相关文件。")
        fields = replace(fields, **values)
        start = time.perf_counter()
        response = client.post(path_of(action) or "/@@apply", fields)
        elapsed = time.perf_counter() - start
        if response.status == 200 and 'id="tracking-code"' in response.text:
            return ACKNOWLEDGED, elapsed
        if response.status in (302, 303):
            page = client.get(path_of(response.headers["Location"]))
            if 'id="tracking-code"' in page.text:
                return ACKNOWLEDGED, elapsed
        return response.status, elapsed

    @staticmethod
    def stored(app_root):
        from govportal.applications.model import find_box

        found = []
        for site in [app_root, *app_root.values()]:
            box = find_box(site)
            if box is None:
                continue
            for application in box.values():
                text = (application.request or {}).get("description", "")
                found.extend(re.findall(r"bench-\w+-\d+-\d+", text)[:1])
        return found


#: a valid 依申请公开 application by a person (the fields of ``@@apply``)
APPLY_VALUES = {
    "applicant_kind": "person",
    "name": "张三",
    "id_type": "resident_id",
    "id_number": "11010519491231002X",
    "phone": "13800138000",
    "email": "zhangsan@example.com",
    "address": "四川省南充市营山县朗池镇1号",
    "purpose": "学习研究",
    "delivery_form": "electronic",
    "delivery_channel": "email",
}

SCENARIOS = {"drafts": Draft, "apply": Apply}


def _traverse(root, path):
    node = root
    for part in path.strip("/").split("/"):
        node = node[part]
    return node


def _walk(node, depth=0):
    yield node
    if depth > 6 or not hasattr(node, "values"):
        return
    try:
        children = list(node.values())
    except Exception:  # not a container after all
        return
    for child in children:
        if hasattr(child, "__parent__"):
            yield from _walk(child, depth + 1)


# -- the run ---------------------------------------------------------------


def run_writers(cluster, scenario, writers, writes, tag):
    """Every writer signs in (if the scenario needs it), then all start
    together; returns the per-write outcomes."""
    ports = list(cluster.ports.values())
    clients = [Client(ports[w % len(ports)]) for w in range(writers)]
    for client in clients:
        scenario.prepare(client)
    # One write per process first, not counted: a cold process compiles its
    # templates on first use, and Chameleon compiling one template in several
    # threads at once can fail (CPython's "AST constructor recursion depth
    # mismatch"), which is not what this benchmark measures.
    for port in ports:
        scenario.write(clients[0].on(port), f"bench-warm{tag}-{port}")
    outcomes = []
    lock = threading.Lock()
    barrier = threading.Barrier(writers)

    def writer(w):
        client = clients[w]
        barrier.wait()
        for i in range(writes):
            marker = f"bench-{tag}-{w}-{i}"
            on = client.on(ports[(w + i) % len(ports)])
            try:
                status, elapsed = scenario.write(on, marker)
            except Exception as e:  # a dropped connection, a timeout
                status, elapsed = f"error: {type(e).__name__}", 0.0
            with lock:
                outcomes.append({"marker": marker, "status": status, "seconds": elapsed})

    threads = [threading.Thread(target=writer, args=(w,)) for w in range(writers)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return outcomes, time.perf_counter() - started


ERROR_LINE = re.compile(r"^(\w[\w.]*(?:Error|Exception|Conflict)\w*)\b")


def retries_logged(cluster, since):
    """``(total, Counter of conflicts, Counter of errors)`` from the
    processes' logs after byte offsets ``since``: the retries
    ``govportal.retry`` logged, and the exceptions ending the tracebacks of
    failed requests."""
    total, conflicts, errors = 0, collections.Counter(), collections.Counter()
    deepest = 0
    for name, offset in since.items():
        log = cluster.directory / f"pserve-{name}.log"
        with open(log, "rb") as f:
            f.seek(offset)
            for line in f.read().decode("utf-8", "replace").splitlines():
                match = RETRY_LINE.search(line)
                if match:
                    total += 1
                    conflicts[match.group(2)] += 1
                    deepest = max(deepest, int(match.group(1)))
                    continue
                match = ERROR_LINE.match(line)
                if match:
                    errors[match.group(1)] += 1
    return total, conflicts, errors, deepest


def log_offsets(cluster):
    offsets = {}
    for name in cluster.ports:
        log = cluster.directory / f"pserve-{name}.log"
        offsets[name] = log.stat().st_size if log.exists() else 0
    return offsets


def summarise(storage, scenario, outcomes, wall, stored, retries, conflicts, processes):
    acknowledged = [o for o in outcomes if o["status"] == ACKNOWLEDGED]
    statuses = [o["status"] for o in outcomes]
    n4xx = sum(1 for s in statuses if isinstance(s, int) and 400 <= s < 500)
    n5xx = sum(1 for s in statuses if isinstance(s, int) and s >= 500)
    other = len(outcomes) - len(acknowledged) - n4xx - n5xx
    counts = collections.Counter(stored)
    acked = {o["marker"] for o in acknowledged}
    duplicates = sum(n - 1 for n in counts.values() if n > 1)
    missing = sum(1 for m in acked if counts[m] == 0)
    unacknowledged_stored = sum(1 for m in counts if m not in acked)
    latencies = sorted(o["seconds"] for o in acknowledged) or [0.0]
    p95 = latencies[min(len(latencies) - 1, int(round(0.95 * (len(latencies) - 1))))]
    return {
        "storage": storage,
        "processes": processes,
        "scenario": scenario,
        "writes": len(outcomes),
        "acknowledged": len(acknowledged),
        "acknowledged_pct": 100.0 * len(acknowledged) / max(1, len(outcomes)),
        "4xx": n4xx,
        "5xx": n5xx,
        "other_failures": other,
        "duplicates": duplicates,
        "missing": missing,
        "stored_unacknowledged": unacknowledged_stored,
        "p50_ms": 1000 * statistics.median(latencies),
        "p95_ms": 1000 * p95,
        "wall_s": wall,
        "retries": retries,
        "top_conflicts": conflicts.most_common(8),
        "statuses": dict(collections.Counter(map(str, statuses))),
    }


@contextlib.contextmanager
def _workdir(storage, keep):
    if keep:
        path = Path(tempfile.mkdtemp(prefix=f"bench-writers-{storage}-"))
        print(f"keeping {path}", file=sys.stderr)
        yield str(path)
    else:
        with tempfile.TemporaryDirectory(prefix=f"bench-writers-{storage}-") as tmp:
            yield tmp


def run_storage(storage, scenarios, args, tag):
    results = []
    with _workdir(storage, args.keep) as tmp:
        with SITES[storage](Path(tmp), args.threads) as (cluster, open_db):
            passwords = bootstrap(cluster)
            cluster.start()
            for name in scenarios:
                scenario = SCENARIOS[name](passwords)
                offsets = log_offsets(cluster)
                run_tag = f"{tag}{name[0]}"
                outcomes, wall = run_writers(cluster, scenario, args.writers, args.writes, run_tag)
                # let the servers write their last log lines
                time.sleep(0.5)
                retries, conflicts, errors, deepest = retries_logged(cluster, offsets)
                results.append((name, run_tag, outcomes, wall, retries, conflicts, errors, deepest))
            processes = len(cluster.ports)
            cluster.stop()
            db = open_db()
            try:
                conn = db.open()
                app_root = conn.root()["app_root"]
                summaries = []
                for name, run_tag, outcomes, wall, retries, conflicts, errors, deepest in results:
                    stored = [
                        m
                        for m in SCENARIOS[name].stored(app_root)
                        if m.startswith(f"bench-{run_tag}-")
                    ]
                    summary = summarise(
                        storage, name, outcomes, wall, stored, retries, conflicts, processes
                    )
                    summary["errors_logged"] = dict(errors)
                    summary["most_retries_of_one_request"] = deepest
                    summaries.append(summary)
                conn.close()
            finally:
                db.close()
    return summaries


def markdown(summaries, args):
    lines = [
        f"{args.writers} writers × {args.writes} writes, {args.threads} waitress threads per "
        f"process, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        "",
        "| storage | processes | writes | acknowledged | 4xx | 5xx | other | duplicates | missing "
        "| p50 ms | p95 ms | retries (most for one request) |",
        "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for s in summaries:
        lines.append(
            f"| {s['storage']} | {s['processes']} | {s['scenario']} "
            f"| {s['acknowledged_pct']:.1f} % ({s['acknowledged']}/{s['writes']}) "
            f"| {s['4xx']} | {s['5xx']} | {s['other_failures']} | {s['duplicates']} "
            f"| {s['missing']} | {s['p50_ms']:.0f} | {s['p95_ms']:.0f} "
            f"| {s['retries']} ({s.get('most_retries_of_one_request', 0)}) |"
        )
    lines.append("")
    for s in summaries:
        if s.get("errors_logged"):
            errors = ", ".join(f"{n} × {e}" for e, n in s["errors_logged"].items())
            lines.append(f"Errors logged by {s['storage']}/{s['scenario']}: {errors}")
            lines.append("")
        if s["top_conflicts"]:
            lines.append(f"Retries of {s['storage']}/{s['scenario']} by conflict:")
            lines.extend(f"- {n} × {what}" for what, n in s["top_conflicts"])
            lines.append("")
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--storage", nargs="+", choices=list(SITES), default=list(SITES))
    parser.add_argument(
        "--scenario", nargs="+", choices=list(SCENARIOS), default=["drafts", "apply"]
    )
    parser.add_argument("--writers", type=int, default=16)
    parser.add_argument("--writes", type=int, default=25)
    parser.add_argument(
        "--threads", type=int, default=4, help="waitress threads per process (4 as shipped)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the sites' directories")
    args = parser.parse_args(argv)
    tag = f"{int(time.time()) % 100000:x}"
    summaries = []
    for storage in args.storage:
        summaries.extend(run_storage(storage, args.scenario, args, tag))
    report = markdown(summaries, args)
    print(report)
    RESULTS.mkdir(exist_ok=True)
    stamp = f"{datetime.now(UTC):%Y%m%d-%H%M%S}"
    (RESULTS / f"writers-{stamp}.md").write_text(report + "\n", encoding="utf-8")
    (RESULTS / f"writers-{stamp}.json").write_text(
        json.dumps({"args": vars(args), "summaries": summaries}, indent=2, ensure_ascii=False),
        encoding="utf-8",
    )
    failed = any(s["5xx"] or s["missing"] or s["duplicates"] for s in summaries)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
