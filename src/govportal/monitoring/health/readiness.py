"""Running the readiness checks: in time, at most once a second.

:class:`Readiness` runs every check of :mod:`.checks` and keeps the answer
for :data:`MEMO_SECONDS`, so that load balancers polling every few seconds
(several of them, each process) cost one round of checks a second at most.

The database checks may block (a ZEO server gone, PostgreSQL not
answering): each runs in a daemon thread of its own and is waited for at
most :data:`DB_TIMEOUT` seconds, all of them together.  A check still
running at the next poll is not started again: it is reported as
``timeout`` until it returns, so a hung storage never piles up threads.
"""

import json
import threading
import time

from . import checks

#: Seconds an answer is reused.
MEMO_SECONDS = 1.0
#: Seconds the database checks may take (together) before they fail.
DB_TIMEOUT = 2.0


class _Run:
    """One database check in its thread: its result (or error) when done."""

    __slots__ = ("started", "result", "thread")

    def __init__(self, name, db):
        self.started = time.monotonic()
        self.result = None
        self.thread = threading.Thread(
            target=self._run, args=(db,), name=f"govportal-readyz-{name}", daemon=True
        )
        self.thread.start()

    def _run(self, db):
        try:
            result = checks.database(db)
        except Exception as exc:  # the kind only: a message may hold a DSN
            result = checks.Result(checks.FAIL, "error", {"error": type(exc).__name__})
        result.ms = (time.monotonic() - self.started) * 1000
        self.result = result


class Readiness:
    """The readiness of one process (one per registry)."""

    def __init__(self, registry, memo=MEMO_SECONDS, timeout=DB_TIMEOUT):
        self.registry = registry
        self.memo = memo
        self.timeout = timeout
        self._lock = threading.Lock()
        self._answer = None  # (monotonic time, ready, body bytes)
        self._running = {}  # check name -> _Run still going after its time

    def answer(self):
        """``(ready, body)``: whether every check passed, and the JSON body."""
        found = self._answer
        if found is not None and time.monotonic() - found[0] < self.memo:
            return found[1], found[2]
        with self._lock:
            found = self._answer
            if found is None or time.monotonic() - found[0] >= self.memo:
                ready, results = self.run()
                body = render(ready, results)
                found = self._answer = (time.monotonic(), ready, body)
        return found[1], found[2]

    def run(self):
        """Run every check now: ``(ready, {name: Result})``."""
        results = self._databases()
        for name, check in (
            ("search_indexer", checks.search_indexer),
            ("scheduler", checks.scheduler),
            ("mail", checks.mail),
        ):
            started = time.monotonic()
            try:
                result = check(self.registry)
            except Exception as exc:
                result = checks.Result(checks.FAIL, "error", {"error": type(exc).__name__})
            result.ms = (time.monotonic() - started) * 1000
            results[name] = result
        ready = all(r.status != checks.FAIL for r in results.values())
        return ready, results

    def _databases(self):
        databases = getattr(self.registry, "_zodb_databases", None) or {}
        results, started = {}, []
        for db_name, db in sorted(databases.items()):
            name = checks.check_name(db_name)
            hung = self._running.get(name)
            if hung is not None and hung.result is None:
                results[name] = self._timeout(hung)
                continue
            self._running.pop(name, None)
            started.append((name, _Run(name, db)))
            results[name] = None  # keeps the order
        deadline = time.monotonic() + self.timeout
        for name, run in started:
            run.thread.join(max(0.0, deadline - time.monotonic()))
            if run.result is None:
                self._running[name] = run
                results[name] = self._timeout(run)
            else:
                results[name] = run.result
        return results

    @staticmethod
    def _timeout(run):
        waited = (time.monotonic() - run.started) * 1000
        return checks.Result(checks.FAIL, "timeout", ms=waited)


def render(ready, results):
    """The JSON body of ``/readyz``."""
    data = {
        "status": "ready" if ready else "not_ready",
        "failing": [name for name, r in results.items() if r.status == checks.FAIL],
        "checks": {name: r.as_json() for name, r in results.items()},
    }
    return json.dumps(data, ensure_ascii=False, sort_keys=False).encode("utf-8")
