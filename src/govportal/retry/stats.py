"""Counting retries, and naming the object a conflict happened on."""

import threading
from collections import Counter

from ZODB.utils import oid_repr


def describe_conflict(exc):
    """A short text naming the error and, for ZODB conflicts, the object:
    ``"ConflictError BTrees.OOBTree.OOBucket 0x1a2b"`` (class and oid when the
    error carries them)."""
    parts = [type(exc).__name__]
    class_name = getattr(exc, "class_name", None)
    if class_name:
        parts.append(str(class_name))
    oid = getattr(exc, "oid", None)
    if isinstance(oid, bytes):
        parts.append(oid_repr(oid))
    return " ".join(parts)


class RetryStats:
    """Retries counted since start-up, in total and by conflict
    (:func:`describe_conflict`'s text); safe across request threads."""

    def __init__(self):
        self._lock = threading.Lock()
        self.total = 0
        self.by_conflict = Counter()

    def record(self, what):
        with self._lock:
            self.total += 1
            self.by_conflict[what] += 1

    def snapshot(self):
        """``{"total": n, "by_conflict": {text: n}}``, a consistent copy."""
        with self._lock:
            return {"total": self.total, "by_conflict": dict(self.by_conflict)}

    def reset(self):
        with self._lock:
            self.total = 0
            self.by_conflict.clear()
