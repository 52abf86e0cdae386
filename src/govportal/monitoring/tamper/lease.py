"""One sweeper at a time, across processes: a lease in the monitor database.

The lease is taken and given back in short transactions of their own (a
separate connection), never in the sweep's long transaction: two processes
taking it at once conflict on the :class:`~.book.Lease` object, the loser
tries again, sees it held and stands aside before doing any work.  It is
given back after the sweep's commit; a sweeper that dies leaves it to
expire (``until``).  The same holder (process and thread) may take it
again while it holds it: a sweep retried after a conflict goes on.
"""

import os
import random
import socket
import threading
import time
from datetime import timedelta

import transaction
from ZODB.POSException import ConflictError

from ...sitetime import now_utc
from .book import get_book

ATTEMPTS = 5


def holder():
    return f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"


def _in_own_transaction(registry, work):
    db = registry._zodb_databases[""]
    for attempt in range(ATTEMPTS):
        tm = transaction.TransactionManager()
        conn = db.open(transaction_manager=tm)
        try:
            tm.begin()
            result, keep = work(conn.root()["app_root"])
            if keep:
                tm.get().note("govportal: tamper lease")
                tm.commit()
            else:
                tm.abort()
            return result
        except ConflictError:
            tm.abort()
            if attempt + 1 >= ATTEMPTS:
                return False
            time.sleep(random.uniform(0, 0.05 * 2**attempt))  # noqa: S311
        except BaseException:
            tm.abort()
            raise
        finally:
            conn.close()
    return False


def take(registry, interval, force=False, seconds=None):
    """Take the lease if free (and, unless ``force``, if a sweep is due);
    True when taken.  The next sweep is then due in ``interval`` seconds."""
    me = holder()
    seconds = seconds or max(300, interval)

    def work(app_root):
        lease = get_book(app_root).lease
        now = now_utc()
        held = lease.until is not None and lease.until > now
        if held and lease.holder != me:
            return False, False
        if not held and not force and lease.next_run is not None and lease.next_run > now:
            return False, False
        lease.holder = me
        lease.until = now + timedelta(seconds=seconds)
        lease.next_run = now + timedelta(seconds=interval)
        return True, True

    return _in_own_transaction(registry, work)


def give_back(registry):
    me = holder()

    def work(app_root):
        lease = get_book(app_root).lease
        if lease.holder != me or lease.until is None:
            return None, False
        lease.until = None
        return None, True

    _in_own_transaction(registry, work)


def give_back_after_commit(registry):
    """Give the lease back once the current transaction has committed."""

    def hook(committed):
        if committed:
            give_back(registry)

    transaction.get().addAfterCommitHook(hook)
