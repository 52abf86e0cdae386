"""The ledger of submissions already stored, in the content database.

One ``OOBTree`` on the portal root maps a key derived from each used token
to what the answer to that submission needs (kind, when, and the result the
view returned: object path, number …).  It is written in the same
transaction as the record the submission creates, so the two commit or
vanish together: a replay finds the entry exactly when the record exists.

Keys are ``<hour issued>:<sha256 of the token>`` (the token itself is never
stored).  The hash spreads concurrent inserts over the tree's buckets (the
B-tree resolves inserts of different keys into one bucket), and there is no
shared counter; the hour prefix lets :func:`prune` drop old entries with a
range scan.  Two requests carrying the *same* token insert the same key:
ZODB refuses the second commit with a ``ConflictError``, pyramid_retry runs
it again, and that run finds the first one's entry.
"""

import time
from itertools import islice

from BTrees.OOBTree import OOBTree

#: The root attribute holding the ledger.
LEDGER_ATTR = "govportal_submissions"
HOUR = 3600


def key_for(parsed):
    return f"{parsed.issued // HOUR:08d}:{parsed.digest}"


def cutoff_key(now_seconds, max_age_seconds):
    """Keys below this one belong to tokens issued more than ``max_age`` ago."""
    return f"{int(now_seconds - max_age_seconds) // HOUR:08d}:"


class WideTree(OOBTree):
    """An OOBTree with buckets of up to 250 keys, for trees that many
    requests insert into at once.

    A bucket split changes the tree node, and BTrees ask ZODB to check that
    node (``readCurrent``) whenever they change a bucket below it: every
    transaction in flight then fails.  With 30 keys a bucket split about
    every 15th insert (measured: most retries of 16 concurrent ``@@apply``
    writers were such conflicts on the ledger and the tracking-code index);
    with 250, about every 125th.
    """

    max_leaf_size = 250
    max_internal_size = 250


def find_ledger(root, create=False):
    ledger = getattr(root, LEDGER_ATTR, None)
    if ledger is None and create:
        ledger = WideTree()
        setattr(root, LEDGER_ATTR, ledger)
    return ledger


def lookup(root, key):
    """The entry of ``key`` as ``{"kind", "at", "result"}``, or None."""
    ledger = find_ledger(root)
    value = None if ledger is None else ledger.get(key)
    if value is None:
        return None
    kind, at, result = value
    return {"kind": kind, "at": at, "result": dict(result)}


def record(root, key, kind, result):
    """Record that the submission ``key`` of ``kind`` was stored as ``result``
    (a dict of str, int, float, bool or None values).

    The entry is stored as a tuple of plain values: ZODB resolves concurrent
    inserts into one bucket only when it can compare the values without
    loading classes, and a dict or a datetime value makes it give up (every
    such pair of inserts became a ConflictError).
    """
    plain = tuple(sorted(result.items()))
    for name, value in plain:
        if not isinstance(value, str | int | float | bool | type(None)):
            raise TypeError(f"submission result {name!r} is not a plain value: {value!r}")
    find_ledger(root, create=True)[key] = (kind, time.time(), plain)
    return {"kind": kind, "result": dict(plain)}


def prune_tree(tree, cutoff, batch=1000):
    """Delete up to ``batch`` keys of ``tree`` below ``cutoff``; returns how many."""
    if tree is None:
        return 0
    old = list(islice(tree.keys(max=cutoff, excludemax=True), batch))
    for key in old:
        del tree[key]
    return len(old)
