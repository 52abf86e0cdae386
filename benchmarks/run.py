"""``make bench``: load-test the served demo site next to a waitress ceiling.

    make bench                       # or: .venv/bin/python -m benchmarks.run
    .venv/bin/python -m benchmarks.run --rounds 5 --duration 10 --threads 8

1. Builds (or reuses) the corpus under ``var/bench/``: the demo site plus
   10,000 published documents (:mod:`benchmarks.corpus`).
2. Serves it with ``pserve`` (waitress, ``--threads`` threads) on a loopback
   port, and next to it the *ceiling*: waitress with the same settings
   serving a fixed body of the document page's size (:mod:`benchmarks.ceiling`).
3. Runs ``wrk`` (16 connections, short bounded runs) in interleaved rounds —
   ceiling, home page, column page, document page — so that every figure is
   compared with a ceiling run just before it, then the first render
   of documents (distinct documents, each requested once, so every answer
   is a cache miss), then a search if the site has ``/search``, then the
   *re-render* of one document by a server with the render cache off (what
   a miss costs after a commit emptied the cache).
4. Prints a table (medians over the rounds) and writes it, with every raw
   wrk figure, to ``benchmarks/results/`` (git-ignored).

Targets (issue 3): the cached document page at >= 70 % of the ceiling with
p99 <= 15 ms at 16 connections; a first render at >= 30 % of the ceiling.
The figures depend on the machine and on what else runs on it.
"""

import argparse
import contextlib
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

from . import corpus

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
BIN = Path(sys.executable).parent

INI = """\
# Written by benchmarks/run.py for one benchmark run.
[app:main]
use = egg:govportal
pyramid.reload_templates = false
zodbconn.uri = {uri}
govportal.secret_file = {directory}/secret.key
govportal.workflows_dir = {source}/workflows
govportal.skins_dir = {source}/skins
substanced.uploads_tempdir = {directory}/tmp
govportal.search.check_at_start = false
retry.attempts = 3
govportal.cache.enabled = {cache}

[server:main]
use = egg:waitress#main
listen = 127.0.0.1:{port}
threads = {threads}

[loggers]
keys = root, waitress

[handlers]
keys = console

[formatters]
keys = generic

[logger_root]
level = WARNING
handlers = console

[logger_waitress]
level = ERROR
handlers =
qualname = waitress

[handler_console]
class = StreamHandler
args = (sys.stderr,)
level = NOTSET
formatter = generic

[formatter_generic]
format = %(asctime)s %(levelname)-5.5s [%(name)s] %(message)s
"""

SEARCH_QUERY = "营商环境"


# -- processes -------------------------------------------------------------


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A background server process, stopped at the end."""

    def __init__(self, name, args, log_path, port):
        self.name = name
        self.port = port
        self.log_path = log_path
        env = dict(os.environ, PYTHONWARNINGS="ignore")
        self._log = open(log_path, "ab")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(
            [str(a) for a in args],
            stdout=self._log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env=env,
            start_new_session=True,
        )

    def wait(self, timeout=120):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit(f"{self.name} exited; see {self.log_path}")
            with contextlib.suppress(OSError):
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            time.sleep(0.1)
        raise SystemExit(f"{self.name} did not listen on port {self.port}; see {self.log_path}")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        self._log.close()


def get(port, path, headers=None):
    """(status, headers, body) of one GET."""
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


# -- wrk -------------------------------------------------------------------

UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _ms(text):
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip())
    if not match:
        raise ValueError(f"unexpected wrk latency {text!r}")
    return float(match.group(1)) * UNITS[match.group(2)]


def parse_wrk(output):
    result = {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "non_2xx": 0,
        "socket_errors": "",
    }
    for pct in ("50", "99"):
        result[f"p{pct}_ms"] = _ms(re.search(rf"^\s+{pct}%\s+(\S+)", output, re.M).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if non2xx:
        result["non_2xx"] = int(non2xx.group(1))
    errors = re.search(r"Socket errors: (.*)", output)
    if errors:
        result["socket_errors"] = errors.group(1).strip()
    cache = re.search(r"CACHE hits=(\d+) misses=(\d+) other=(\d+) wrapped=(\d+)", output)
    if cache:
        result["cache"] = dict(
            zip(("hits", "misses", "other", "wrapped"), map(int, cache.groups()), strict=True)
        )
    return result


def wrk(args, url, duration, script=None, script_args=()):
    command = [
        "wrk",
        f"-t{args.wrk_threads}",
        f"-c{args.connections}",
        f"-d{duration}s",
        "--latency",
        "--timeout",
        "10s",
    ]
    if script:
        command += ["-s", str(script)]
    command.append(url)
    if script_args:
        command += ["--", *map(str, script_args)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=duration + 60)
    if done.returncode != 0:
        raise SystemExit(f"wrk failed: {' '.join(command)}\n{done.stdout}\n{done.stderr}")
    result = parse_wrk(done.stdout)
    result["raw"] = done.stdout
    return result


# -- the run ---------------------------------------------------------------


def ensure_wrk():
    if shutil.which("wrk"):
        return
    raise SystemExit(
        "wrk is not installed: apt-get install -y wrk (make bench does it when it can)"
    )


def prepare_corpus(args):
    directory = Path(args.directory)
    paths_file = directory / corpus.PATHS_FILE
    have = 0
    if paths_file.exists():
        have = len([p for p in paths_file.read_text(encoding="utf-8").splitlines() if p])
    if have < args.documents or not (directory / "Data.fs").exists():
        print(f"Building the corpus in {directory} ({args.documents} documents) …", flush=True)
        corpus.build(directory, args.documents)
    else:
        print(f"Reusing the corpus in {directory} ({have} documents).", flush=True)
    paths = [p for p in paths_file.read_text(encoding="utf-8").splitlines() if p]
    return directory, paths


def start_app(args, directory, cache=True):
    port = free_port()
    ini = directory / ("bench.ini" if cache else "bench-nocache.ini")
    uri = corpus.settings_for(directory)["zodbconn.uri"]
    ini.write_text(
        INI.format(
            uri=uri.replace("%", "%%"),
            directory=directory,
            source=corpus.SOURCE_ROOT,
            port=port,
            threads=args.threads,
            cache="true" if cache else "false",
        ),
        encoding="utf-8",
    )
    app = Server("pserve", [BIN / "pserve", ini], directory / "pserve.log", port)
    app.wait()
    return app


def start_ceiling(args, directory, size):
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "benchmarks.ceiling",
        "--port",
        port,
        "--size",
        size,
        "--threads",
        args.threads,
    ]
    server = Server("ceiling", command, directory / "ceiling.log", port)
    server.wait()
    return server


def warm(port, path, times=3):
    status = None
    for _ in range(times):
        status, headers, body = get(port, path)
    return status, headers, body


def median_of(rounds, key):
    return statistics.median(r[key] for r in rounds)


def summarize(name, path, rounds, ceilings):
    ratios = [r["rps"] / c["rps"] for r, c in zip(rounds, ceilings, strict=False) if c["rps"]]
    return {
        "name": name,
        "path": path,
        "rps": median_of(rounds, "rps"),
        "p50_ms": median_of(rounds, "p50_ms"),
        "p99_ms": median_of(rounds, "p99_ms"),
        "ratio": statistics.median(ratios) if ratios else None,
        "non_2xx": sum(r["non_2xx"] for r in rounds),
        "rounds": [{k: v for k, v in r.items() if k != "raw"} for r in rounds],
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--directory", default=str(corpus.DEFAULT_DIRECTORY))
    parser.add_argument("--documents", type=int, default=corpus.DEFAULT_DOCUMENTS)
    parser.add_argument("--threads", type=int, default=8, help="waitress threads (both servers)")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--wrk-threads", type=int, default=2)
    parser.add_argument("--duration", type=float, default=4, help="seconds per wrk run")
    parser.add_argument("--miss-duration", type=float, default=2)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    args.duration = int(args.duration) if args.duration >= 1 else 1
    args.miss_duration = int(args.miss_duration) if args.miss_duration >= 1 else 1
    ensure_wrk()
    directory, doc_paths = prepare_corpus(args)
    servers = []
    try:
        app = start_app(args, directory)
        servers.append(app)
        targets = [
            ("home page", "/"),
            ("column page", "/zcwj/"),
            ("document page", doc_paths[0]),
        ]
        for _name, path in targets:
            status, headers, _body = warm(app.port, path)
            if status != 200 or headers.get("X-Govportal-Cache") != "hit":
                raise SystemExit(f"{path}: {status}, cache {headers.get('X-Govportal-Cache')}")
        _status, _headers, doc_body = get(app.port, doc_paths[0])
        ceiling = start_ceiling(args, directory, len(doc_body))
        servers.append(ceiling)
        base = f"http://127.0.0.1:{app.port}"
        ceiling_url = f"http://127.0.0.1:{ceiling.port}/"
        print(
            f"Serving {len(doc_paths)} documents on {base} (waitress threads={args.threads}); "
            f"ceiling: {len(doc_body)} bytes on port {ceiling.port}.",
            flush=True,
        )
        # warm-up runs, not counted
        wrk(args, ceiling_url, 1)
        for _name, path in targets:
            wrk(args, base + quote(path), 1)

        # Each measurement is paired with a ceiling run just before it: the
        # ratio of each pair is taken, then the median of the ratios.
        load_before = os.getloadavg()
        ceilings = []
        measured = {path: ([], []) for _name, path in targets}
        for number in range(1, args.rounds + 1):
            for _name, path in targets:
                reference = wrk(args, ceiling_url, args.duration)
                ceilings.append(reference)
                measured[path][0].append(wrk(args, base + quote(path), args.duration))
                measured[path][1].append(reference)
            print(f"  round {number}/{args.rounds} done", flush=True)

        # First renders: distinct documents, never requested before in this
        # server process, each once; one disjoint share of them per round.
        # Documents of a warm-up share first warm every thread's ZODB
        # connection (cached pages never open one) with what all documents
        # share: the root, folders, catalogs, templates.
        warmup, candidates = doc_paths[-500:], doc_paths[1:-500]
        warmup_file = directory / "warmup-paths.txt"
        warmup_file.write_text("\n".join(warmup) + "\n", encoding="utf-8")
        wrk(
            args,
            base,
            2,
            script=HERE / "distinct.lua",
            script_args=(warmup_file, args.wrk_threads),
        )
        miss_rounds, miss_ceilings = [], []
        for number in range(args.rounds):
            share = candidates[number :: args.rounds]
            paths_file = directory / f"miss-paths-{number}.txt"
            paths_file.write_text("\n".join(share) + "\n", encoding="utf-8")
            miss_ceilings.append(wrk(args, ceiling_url, args.miss_duration))
            miss_rounds.append(
                wrk(
                    args,
                    base,
                    args.miss_duration,
                    script=HERE / "distinct.lua",
                    script_args=(paths_file, args.wrk_threads),
                )
            )

        rows = [summarize("ceiling (fixed body)", "-", ceilings, ceilings)]
        for name, path in targets:
            runs, references = measured[path]
            rows.append(summarize(name + " (cached)", path, runs, references))
        miss = summarize(
            "document page, first render", "distinct documents", miss_rounds, miss_ceilings
        )
        miss["cache"] = [r.get("cache") for r in miss_rounds]
        rows.append(miss)

        search_path = "/search?q=" + quote(SEARCH_QUERY)
        status, _headers, _body = get(app.port, search_path)
        if status == 200:
            warm(app.port, search_path)
            search_rounds, search_ceilings = [], []
            for _ in range(args.rounds):
                search_ceilings.append(wrk(args, ceiling_url, args.duration))
                search_rounds.append(wrk(args, base + search_path, args.duration))
            rows.append(
                summarize("search (never cached)", search_path, search_rounds, search_ceilings)
            )
            search_note = None
        else:
            search_note = f"GET {search_path} answered {status}: search line skipped"
        # Re-render: what a miss costs after a commit emptied the cache (the
        # objects and the QR code of the page are in memory already).  A
        # FileStorage opens in one process: the server is restarted with the
        # render cache off.
        app.stop()
        servers.remove(app)
        app = start_app(args, directory, cache=False)
        servers.append(app)
        nocache_base = f"http://127.0.0.1:{app.port}"
        warm(app.port, doc_paths[0], times=20)
        wrk(args, nocache_base + quote(doc_paths[0]), 1)
        rerender_rounds, rerender_ceilings = [], []
        for _ in range(args.rounds):
            rerender_ceilings.append(wrk(args, ceiling_url, args.duration))
            rerender_rounds.append(wrk(args, nocache_base + quote(doc_paths[0]), args.duration))
        # The floor: the smallest answer (robots.txt, about 100 bytes)
        # through the whole request machinery (retry, transaction, ZODB
        # connection, traversal, security) with the render cache off — no
        # rendered page can be faster than this.
        wrk(args, nocache_base + "/robots.txt", 1)
        floor_rounds, floor_ceilings = [], []
        for _ in range(args.rounds):
            floor_ceilings.append(wrk(args, ceiling_url, args.duration))
            floor_rounds.append(wrk(args, nocache_base + "/robots.txt", args.duration))
        at = len(rows) - (0 if search_note else 1)
        rows.insert(
            at,
            summarize(
                "document page, re-render",
                "same document, render cache off",
                rerender_rounds,
                rerender_ceilings,
            ),
        )
        rows.insert(
            at + 1,
            summarize(
                "floor: robots.txt, render cache off",
                "/robots.txt",
                floor_rounds,
                floor_ceilings,
            ),
        )
        load_after = os.getloadavg()
    finally:
        for server in reversed(servers):
            server.stop()

    report = {
        "when": datetime.now().isoformat(timespec="seconds"),
        "documents": len(doc_paths),
        "document_bytes": len(doc_body),
        "waitress_threads": args.threads,
        "connections": args.connections,
        "wrk_threads": args.wrk_threads,
        "duration_s": args.duration,
        "miss_duration_s": args.miss_duration,
        "rounds": args.rounds,
        "cpus": os.cpu_count(),
        "load_average_before": load_before,
        "load_average_after": load_after,
        "rows": rows,
        "search_note": search_note,
    }
    table = format_table(report)
    print()
    print(table)
    RESULTS.mkdir(exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    (RESULTS / f"bench-{stamp}.json").write_text(
        json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8"
    )
    (RESULTS / f"bench-{stamp}.md").write_text(table + "\n", encoding="utf-8")
    (RESULTS / "latest.md").write_text(table + "\n", encoding="utf-8")
    print(f"\nWritten to {RESULTS / f'bench-{stamp}.md'} and .json")


def format_table(report):
    lines = [
        f"govportal benchmark, {report['when']}: {report['documents']} published documents, "
        f"wrk {report['connections']} connections x {report['duration_s']} s, "
        f"{report['rounds']} interleaved rounds (medians), waitress threads="
        f"{report['waitress_threads']}, {report['cpus']} CPUs, load average "
        f"{report['load_average_before'][0]:.1f} → {report['load_average_after'][0]:.1f}",
        "",
        "| page | path | req/s | p50 ms | p99 ms | of ceiling | target |",
        "| --- | --- | ---: | ---: | ---: | ---: | --- |",
    ]
    targets = {
        "document page (cached)": ("≥ 70 %, p99 ≤ 15 ms", 0.70, 15.0),
        "document page, first render": ("≥ 30 %", 0.30, None),
        "document page, re-render": ("≥ 30 %", 0.30, None),
    }
    for row in report["rows"]:
        target, verdict = "", ""
        if row["name"] in targets:
            text, ratio_min, p99_max = targets[row["name"]]
            ok = row["ratio"] is not None and row["ratio"] >= ratio_min
            if p99_max is not None:
                ok = ok and row["p99_ms"] <= p99_max
            target = f"{text}: {'met' if ok else 'NOT met'}"
        ratio = f"{row['ratio'] * 100:.0f} %" if row["ratio"] is not None else ""
        if row["name"].startswith("ceiling"):
            ratio = "100 %"
        lines.append(
            f"| {row['name']} | {row['path']} | {row['rps']:.0f} | {row['p50_ms']:.2f} | "
            f"{row['p99_ms']:.2f} | {ratio} | {target}{verdict} |"
        )
        if row.get("non_2xx"):
            lines.append(f"|  ⚠ {row['non_2xx']} non-2xx answers |  |  |  |  |  |  |")
    for row in report["rows"]:
        for cache in row.get("cache") or ():
            if cache and (cache["hits"] or cache["wrapped"]):
                lines.append(f"\n⚠ first-render run answered from the cache: {cache}")
    misses = [c for row in report["rows"] for c in (row.get("cache") or ()) if c]
    if misses:
        total = sum(c["misses"] for c in misses)
        hits = sum(c["hits"] for c in misses)
        lines.append(f"\nFirst-render runs: {total} answers rendered, {hits} from the cache.")
    if report["search_note"]:
        lines.append(f"\n{report['search_note']}")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
