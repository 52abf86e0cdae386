"""The readiness checks: each one a cheap look at one thing a request needs.

A check returns a :class:`Result`: ``ok``, ``warn`` (reported, still ready)
or ``fail`` (not ready), a machine-readable ``reason`` and a few plain
numbers.  Nothing here writes, runs a catalog query or renders a page, and
nothing names a path, a DSN or a password: ``/readyz`` is public.

* :func:`database` — a connection of the database opened and its root
  record read from the storage (run with a time limit by
  :mod:`.readiness`);
* :func:`search_indexer` — the deferred indexer of :mod:`govportal.search`:
  closed, or work waiting with no thread to do it;
* :func:`scheduler` — the scheduler thread of :mod:`govportal.schedule`;
* :func:`mail` — where mail goes: a writable directory, a configured SMTP
  host (and its queue directory when there is one), or memory (tests).
"""

import os
import time
from dataclasses import dataclass, field

import transaction
from ZODB.utils import z64

OK, WARN, FAIL = "ok", "warn", "fail"

#: Seconds queued indexing may wait without progress before it is reported
#: (a long PDF takes seconds; a new index is filled in batches).
INDEXER_SLOW_SECONDS = 300.0
#: Seconds work may wait in thread mode with no indexer thread alive (the
#: thread ends when idle and starts again with the next work).
INDEXER_STUCK_SECONDS = 5.0


@dataclass
class Result:
    status: str
    reason: str = ""
    facts: dict = field(default_factory=dict)
    ms: float = 0.0

    def as_json(self):
        data = {"status": self.status, "ms": round(self.ms, 2)}
        if self.reason:
            data["reason"] = self.reason
        data.update(self.facts)
        return data


def check_name(db_name):
    """``content_db`` for the primary database, ``<name>_db`` for side ones."""
    return f"{db_name or 'content'}_db"


def database(db):
    """Open a connection of ``db`` and read its root record from the storage
    (RelStorage polls the database when a connection opens; a ZEO client
    must be connected and answer a status request); raises when it cannot."""
    if not hasattr(db, "_mvcc_storage"):  # ZODB.DB.close() removes it
        return Result(FAIL, "closed")
    storage = db.storage
    # ZEO: a client answers loads from its cache while the server is gone
    connected = getattr(storage, "is_connected", None)
    if callable(connected) and not connected():
        return Result(FAIL, "disconnected")
    status = getattr(storage, "server_status", None)
    if callable(status):
        status()  # one round trip to the ZEO server
    tm = transaction.TransactionManager()
    conn = db.open(transaction_manager=tm)
    try:
        # the connection's own (MVCC) storage: a real load, not the cache
        conn._storage.load(z64)
    finally:
        tm.abort()
        conn.close()
    return Result(OK)


def search_indexer(registry, now=None):
    from ...search.indexer import get_indexer

    indexer = get_indexer(registry)
    if indexer is None:
        return Result(OK, "absent")
    now = time.time() if now is None else now
    state = indexer.status()
    waited = _waited(state, now)
    facts = {
        "mode": state["mode"],
        "pending": state["pending"],
        "thread_alive": state["thread_alive"],
        "lag_s": round(waited, 1),
    }
    if state["last_done"] is not None:
        facts["last_done_age_s"] = round(now - state["last_done"], 1)
    if state["closed"]:
        return Result(FAIL, "closed", facts)
    stuck = (
        state["mode"] == "thread"
        and state["serving"]
        and state["pending"]
        and not state["thread_alive"]
        and waited > INDEXER_STUCK_SECONDS
    )
    if stuck:
        return Result(FAIL, "thread_stopped", facts)
    if state["pending"] and waited > INDEXER_SLOW_SECONDS:
        return Result(WARN, "slow", facts)
    return Result(OK, "", facts)


def _waited(state, now):
    """Seconds queued work has waited since it arrived or since the indexer
    last finished something, whichever is later (0 when nothing waits)."""
    if not state["pending"] and not state["busy"]:
        return 0.0
    marks = [t for t in (state["waiting_since"], state["last_done"]) if t is not None]
    return max(0.0, now - max(marks)) if marks else 0.0


def scheduler(registry, now=None):
    from ...schedule import get_worker

    worker = get_worker(registry)
    if worker is None or worker.mode != "thread":
        return Result(OK, "off")
    now = time.time() if now is None else now
    facts = {"interval_s": worker.interval}
    if worker.last_round is not None:
        facts["last_round_age_s"] = round(now - worker.last_round, 1)
    if worker.running:
        # a round may run long jobs (the link checker): reported, not fatal
        age = facts.get("last_round_age_s", 0.0)
        if age > 3 * worker.interval + 60:
            return Result(WARN, "slow", facts)
        return Result(OK, "", facts)
    if worker.started:  # started, not closed, and yet gone
        return Result(FAIL, "thread_stopped", facts)
    return Result(OK, "not_started", facts)  # starts with the first request


def mail(registry):
    settings = registry.settings
    delivery = (settings.get("govportal.mail.delivery") or "file").strip()
    facts = {"delivery": delivery}
    if delivery == "memory":
        return Result(OK, "", facts)
    if delivery == "file":
        directory = settings.get("govportal.mail.directory") or ""
        if not _writable(directory):
            return Result(FAIL, "not_writable", facts)
        return Result(OK, "", facts)
    if delivery == "smtp":
        if not (settings.get("mail.host") or "").strip():
            return Result(FAIL, "not_configured", facts)
        queue = (settings.get("mail.queue_path") or "").strip()
        if queue:
            if not _writable(queue):
                return Result(FAIL, "queue_not_writable", facts)
            facts["queued"] = _count(os.path.join(queue, "new")) + _count(
                os.path.join(queue, "cur")
            )
        return Result(OK, "", facts)
    return Result(FAIL, "unknown_delivery", facts)


def _writable(directory):
    return bool(directory) and os.path.isdir(directory) and os.access(directory, os.W_OK)


def _count(directory):
    try:
        with os.scandir(directory) as entries:
            return sum(1 for _ in entries)
    except OSError:
        return 0
