"""One process at a time for the monitor's long periodic work, across
processes: a :class:`Lease` kept in the monitor database.

A lease says who works now (``holder``, until ``until``) and when the work
is next due (``next_run``).  It is taken and given back in short
transactions of their own, on a separate connection
(:func:`govportal.applications.numbers.in_own_transaction`), never in the
work's long transaction: two processes taking it at once conflict on the
lease object, the loser tries again, sees it held and stands aside before
doing any work.  A holder that dies leaves it to expire.  The same holder
(process and thread) may take it again while it holds it, so work retried
after a conflict goes on.

Used by tamper detection (:mod:`.tamper.tasks`: take / give back around a
sweep) and the broken-link crawler (:mod:`.links.crawl`, which holds and
renews it inside its own batch transactions with :meth:`Lease.hold` and
:meth:`Lease.release`).
"""

import os
import socket
import threading
from datetime import timedelta

import transaction
from persistent import Persistent
from transaction.interfaces import TransientError

from ..applications.numbers import in_own_transaction
from ..sitetime import now_utc

#: Attempts of a take or give-back before standing aside.
ATTEMPTS = 8


class Lease(Persistent):
    """Who holds the work (``holder``) until when (``until``, UTC), and
    when it is next due (``next_run``, UTC; None: now)."""

    holder = None
    until = None
    next_run = None

    def held_by_other(self, me, now):
        """True when someone other than ``me`` holds it at ``now``."""
        return (
            self.holder is not None
            and self.holder != me
            and self.until is not None
            and self.until > now
        )

    def due(self, now):
        return self.next_run is None or self.next_run <= now

    def hold(self, me, now, seconds):
        """Hold (or renew) for ``seconds`` from ``now``."""
        self.holder = me
        self.until = now + timedelta(seconds=seconds)

    def release(self, me):
        """Give it back if ``me`` holds it; True when given back."""
        if self.holder != me or self.until is None:
            return False
        self.holder = None
        self.until = None
        return True


def holder():
    """This process and thread, as a lease holder."""
    return f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"


def take(registry, get_lease, interval, force=False, seconds=None, note="monitor lease"):
    """Take the lease ``get_lease(app_root)`` if free (and, unless
    ``force``, if the work is due); True when taken.  The work is then next
    due in ``interval`` seconds; the lease expires after ``seconds``
    (default: the longer of 5 minutes and ``interval``)."""
    me = holder()
    seconds = seconds or max(300, interval)

    def work(app_root):
        lease = get_lease(app_root)
        now = now_utc()
        if lease.held_by_other(me, now):
            return False, False
        held = lease.holder == me and lease.until is not None and lease.until > now
        if not held and not force and not lease.due(now):
            return False, False
        lease.hold(me, now, seconds)
        lease.next_run = now + timedelta(seconds=interval)
        return True, True

    try:
        return in_own_transaction(registry, note, work, ATTEMPTS)
    except TransientError:
        return False


def give_back(registry, get_lease, note="monitor lease"):
    """Give the lease back if this process and thread hold it."""
    me = holder()

    def work(app_root):
        return None, get_lease(app_root).release(me)

    try:
        in_own_transaction(registry, note, work, ATTEMPTS)
    except TransientError:
        pass  # left to expire


def give_back_after_commit(registry, get_lease, note="monitor lease"):
    """Give the lease back once the current transaction has committed."""

    def hook(committed):
        if committed:
            give_back(registry, get_lease, note)

    transaction.get().addAfterCommitHook(hook)
