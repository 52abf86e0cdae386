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


#: distinct conflicting objects remembered; later ones are counted as "other"
MAX_OBJECTS = 1000


class RetryStats:
    """Retries counted since start-up: in total, by kind (the error and the
    object's class: a bounded set, for monitoring) and by object
    (:func:`describe_conflict`'s text, oid included: to find hot spots; at
    most :data:`MAX_OBJECTS` entries).  Safe across request threads."""

    def __init__(self):
        self._lock = threading.Lock()
        self.total = 0
        self.by_kind = Counter()
        self.by_conflict = Counter()

    def record(self, what):
        kind = " ".join(part for part in what.split() if not part.startswith("0x"))
        with self._lock:
            self.total += 1
            self.by_kind[kind] += 1
            if what in self.by_conflict or len(self.by_conflict) < MAX_OBJECTS:
                self.by_conflict[what] += 1
            else:
                self.by_conflict["other"] += 1

    def snapshot(self):
        """``{"total": n, "by_kind": {...}, "by_conflict": {...}}``, a
        consistent copy."""
        with self._lock:
            return {
                "total": self.total,
                "by_kind": dict(self.by_kind),
                "by_conflict": dict(self.by_conflict),
            }

    def reset(self):
        with self._lock:
            self.total = 0
            self.by_kind.clear()
            self.by_conflict.clear()
