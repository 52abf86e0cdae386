"""The audit log in its own ZODB database: append, read, purge, verify.

The database holds one :class:`AuditRoot` at ``root()["govportal_audit"]``:
an ``IOBTree`` of :class:`AuditEntry` by sequence number, the head (last
seq, its hash and time) and the anchor a purge leaves (last removed seq and
its hash), from which :func:`verify` walks the chain (:mod:`.chain`).

Writes never join the request's transaction: :meth:`AuditLog.append` opens
its own connection with its own ``TransactionManager``, so an audit write
cannot make a content write conflict, and a request that is aborted (a failed
sign-in) can still leave its record.  Appends are serialised per process by a
lock; writers in other processes (ZEO, RelStorage) conflict on the head, and
the loser re-reads the head and re-chains its entry.
"""

import logging
import random
import threading
import time
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

import transaction
from BTrees.IOBTree import IOBTree
from persistent import Persistent
from ZODB.POSException import ConflictError

from .chain import GENESIS, seal, verify_entries

log = logging.getLogger(__name__)

ROOT_KEY = "govportal_audit"
#: how often a writer re-chains after losing a race to another process
ATTEMPTS = 30
#: entries removed per transaction by a purge
PURGE_BATCH = 5000
TIME_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


def utc_stamp(when=None):
    """``when`` (default: now) as the stored UTC text, e.g. ``2026-12-06T21:56:07.000000Z``."""
    return (when or datetime.now(UTC)).astimezone(UTC).strftime(TIME_FORMAT)


def parse_stamp(text):
    return datetime.strptime(text, TIME_FORMAT).replace(tzinfo=UTC)


class AuditEntry(Persistent):
    """One sealed entry (a plain dict of :data:`~.chain.FIELDS`)."""

    def __init__(self, data):
        self.data = dict(data)

    def as_dict(self):
        return dict(self.data)


class AuditRoot(Persistent):
    """The log: entries by seq, the head and the purge anchor."""

    def __init__(self):
        self.entries = IOBTree()
        self.head_seq = 0
        self.head_hash = GENESIS
        self.head_time = ""
        self.anchor_seq = 0
        self.anchor_hash = GENESIS
        self.anchor_time = ""


def _root(conn, create=False):
    zroot = conn.root()
    log_root = zroot.get(ROOT_KEY)
    if log_root is None and create:
        log_root = zroot[ROOT_KEY] = AuditRoot()
    return log_root


class AuditLog:
    """The audit log of one database, shared by the threads of a process."""

    def __init__(self, db):
        self.db = db
        self._lock = threading.Lock()

    @contextmanager
    def _connection(self):
        tm = transaction.TransactionManager()
        conn = self.db.open(transaction_manager=tm)
        try:
            tm.begin()
            yield conn, tm
        finally:
            try:
                tm.abort()
            finally:
                conn.close()

    def append(self, fields):
        """Seal ``fields`` (everything but seq, time, prev, hash) as the next
        entry and commit it in a transaction of its own.  Returns the entry."""
        with self._lock:
            return self._retrying(lambda root: _chain(root, fields))

    def _retrying(self, change):
        """``change(audit_root)`` in a transaction of its own, committed; on a
        conflict with another process, again from a fresh read."""
        for attempt in range(ATTEMPTS):
            with self._connection() as (conn, tm):
                try:
                    result = change(_root(conn, create=True))
                    tm.commit()
                    return result
                except ConflictError:
                    tm.abort()
                    if attempt == ATTEMPTS - 1:
                        raise
            time.sleep(random.uniform(0, 0.01 * (attempt + 1)))  # noqa: S311 - backoff jitter
        raise AssertionError("unreachable")  # pragma: no cover

    @contextmanager
    def reading(self):
        """A consistent read-only view: yields the :class:`AuditRoot` (or None
        while nothing was ever written); nothing is committed."""
        with self._connection() as (conn, _tm):
            yield _root(conn)

    def purge(self, retention_days, now=None):
        """Remove entries older than ``retention_days`` and move the anchor to
        the last one removed.  Each batch is one transaction that also
        appends an ``audit.purge`` entry naming the new anchor, so the chain
        itself says where it now starts.  Returns the number removed."""
        cutoff = utc_stamp((now or datetime.now(UTC)) - timedelta(days=retention_days))
        removed = 0
        with self._lock:
            while True:
                batch = self._retrying(lambda root: _purge_batch(root, cutoff))
                if not batch:
                    return removed
                removed += batch

    def verify(self):
        """Walk the chain from the anchor: a :class:`~.chain.Report`."""
        with self.reading() as root:
            if root is None:
                return verify_entries(())
            items = ((seq, e.data) for seq, e in root.entries.items())
            report = verify_entries(
                items, root.anchor_seq, root.anchor_hash, head=(root.head_seq, root.head_hash)
            )
            if root.anchor_seq:
                _check_anchor(root, report)
            return report


def _chain(root, fields):
    """Append ``fields`` to ``root`` as the next sealed entry; return it."""
    now = max(utc_stamp(), root.head_time)
    entry = seal(dict(fields, seq=root.head_seq + 1, time=now, prev=root.head_hash))
    root.entries[entry["seq"]] = AuditEntry(entry)
    root.head_seq, root.head_hash, root.head_time = entry["seq"], entry["hash"], now
    return entry


def _purge_batch(root, cutoff):
    """Remove up to :data:`PURGE_BATCH` entries older than ``cutoff`` and
    record it; return how many were removed."""
    doomed = []
    for seq, entry in root.entries.items():
        if entry.data["time"] >= cutoff or len(doomed) >= PURGE_BATCH:
            break
        doomed.append((seq, entry.data))
    if not doomed:
        return 0
    for seq, _data in doomed:
        del root.entries[seq]
    last_seq, last = doomed[-1]
    root.anchor_seq, root.anchor_hash, root.anchor_time = last_seq, last["hash"], last["time"]
    _chain(
        root,
        {
            "actor": "system",
            "actor_id": "",
            "address": "",
            "action": "audit.purge",
            "target": "",
            "result": "success",
            "details": {
                "removed": len(doomed),
                "before": cutoff,
                "anchor_seq": last_seq,
                "anchor_hash": last["hash"],
            },
        },
    )
    return len(doomed)


def _check_anchor(root, report):
    """The anchor must be the one the latest ``audit.purge`` entry recorded
    (a forged anchor would hide a cut at the start of the log)."""
    last_purge = None
    seq = root.head_seq
    while seq > root.anchor_seq:
        entry = root.entries.get(seq)
        if entry is not None and entry.data.get("action") == "audit.purge":
            last_purge = entry.data
            break
        seq -= 1
    details = (last_purge or {}).get("details") or {}
    if (details.get("anchor_seq"), details.get("anchor_hash")) != (
        root.anchor_seq,
        root.anchor_hash,
    ):
        report.add(
            root.anchor_seq + 1,
            "anchor",
            "清理锚点与清理记录不符（日志开头的记录被删除）",
            "purge anchor does not match the purge record (entries cut from the start)",
        )
