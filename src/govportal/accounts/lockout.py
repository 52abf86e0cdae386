"""Failed sign-ins: lockout per login, throttling per client address, and
equal timing for every refusal.

Counters live in the content database, in an ``OOBTree`` on the portal root
(:data:`STORE_ATTR`), so every process agrees.  They are keyed by the
*normalised login string* that was tried, never only by user objects: an
unknown login is counted and "locked" exactly like a known one, so the
answers do not tell which logins exist.  Writes go through a connection of
their own with its own transaction, so a failure is counted even when the
request that saw it is aborted.

No bcrypt work is spent on a locked, disabled or unknown account; instead the
request waits (``time.sleep``, no CPU) as long as a real check takes: the
median of this process's recent bcrypt checks.
"""

import random
import statistics
import threading
import time
from collections import deque
from datetime import UTC, datetime

import bcrypt
import transaction
from BTrees.OOBTree import OOBTree
from pyramid_zodbconn import get_connection
from ZODB.POSException import ConflictError

from .rules import get_rules
from .state import normalise_login

STORE_ATTR = "govportal_login_failures"
LOGIN_KEY = "login:"
ADDRESS_KEY = "addr:"
#: share of writes that also remove expired entries
PRUNE_SHARE = 0.05

# (count, first failure, last failure, locked until) — epoch seconds
_EMPTY = (0, 0.0, 0.0, 0.0)

_durations = deque(maxlen=31)
_durations_lock = threading.Lock()


# --- timing ----------------------------------------------------------------


def timed_check(user, password):
    """``user.check_password(password)``, timing it for :func:`equal_delay`."""
    started = time.perf_counter()
    try:
        return user.check_password(password)
    except ValueError:  # longer than Substance D checks
        return False
    finally:
        with _durations_lock:
            _durations.append(time.perf_counter() - started)


def _calibrate():
    hashed = bcrypt.hashpw(b"calibration", bcrypt.gensalt())
    started = time.perf_counter()
    bcrypt.checkpw(b"not-it", hashed)
    return time.perf_counter() - started


def bcrypt_median():
    """Median seconds of this process's recent password checks."""
    with _durations_lock:
        samples = list(_durations)
    if not samples:
        samples = [_calibrate()]
        with _durations_lock:
            _durations.extend(samples)
    return statistics.median(samples)


def equal_delay():
    """Wait as long as a real password check would take (sleep, no CPU)."""
    seconds = bcrypt_median()
    sleep(seconds)
    return seconds


def sleep(seconds):
    """The wait of :func:`equal_delay` (tests replace it)."""
    time.sleep(seconds)


# --- the store -------------------------------------------------------------


def _database(source):
    """The content database of a request, a registry or a persistent root."""
    jar = getattr(source, "_p_jar", None)
    if jar is not None:
        return jar.db()
    registry = getattr(source, "registry", None)
    if registry is not None and hasattr(source, "environ"):
        return get_connection(source).db()
    return source._zodb_databases[""]


def _run(source, fn, write):
    """``fn(tree)`` in a connection of its own; committed when ``write``."""
    db = _database(source)
    for attempt in range(5):
        manager = transaction.TransactionManager()
        conn = db.open(transaction_manager=manager)
        try:
            manager.begin()
            root = conn.root().get("app_root")
            tree = getattr(root, STORE_ATTR, None)
            if tree is None and write:
                tree = OOBTree()
                setattr(root, STORE_ATTR, tree)
            result = fn(tree if tree is not None else {})
            if write:
                manager.commit()
            else:
                manager.abort()
            return result
        except ConflictError:
            manager.abort()
            if attempt == 4:
                raise
            time.sleep(0.01 * (attempt + 1))
        finally:
            conn.close()


def ensure_store(root):
    """Create the counters' tree on ``root`` (site set-up)."""
    if getattr(root, STORE_ATTR, None) is None:
        setattr(root, STORE_ATTR, OOBTree())


def _prune(tree, now, rules):
    horizon = max(rules.lockout_minutes, rules.address_window_minutes) * 60
    for key in [k for k, v in tree.items() if v[3] < now and v[2] + horizon < now]:
        del tree[key]


# --- decisions -------------------------------------------------------------


class Verdict:
    """What the counters say about one sign-in attempt."""

    def __init__(self, login_locked_until=0.0, address_blocked_until=0.0):
        self.login_locked_until = login_locked_until
        self.address_blocked_until = address_blocked_until

    @property
    def locked(self):
        return self.login_locked_until > time.time()

    @property
    def throttled(self):
        return self.address_blocked_until > time.time()


def check(request, login, address):
    """The :class:`Verdict` for ``login`` tried from ``address``."""
    rules = get_rules(request.registry, getattr(request, "root", None))
    lkey, akey = LOGIN_KEY + normalise_login(login), ADDRESS_KEY + (address or "")

    def read(tree):
        return tree.get(lkey, _EMPTY), tree.get(akey, _EMPTY)

    (_, _, _, locked), (acount, afirst, _, _) = _run(request, read, write=False)
    blocked = 0.0
    window = rules.address_window_minutes * 60
    if acount >= rules.address_failures and afirst + window > time.time():
        blocked = afirst + window
    return Verdict(locked, blocked)


def register_failure(request, login, address, *, count_login=True):
    """Count a failure of ``login`` from ``address``.  Returns True when it
    locked the login now."""
    rules = get_rules(request.registry, getattr(request, "root", None))
    lkey, akey = LOGIN_KEY + normalise_login(login), ADDRESS_KEY + (address or "")
    now = time.time()

    def write(tree):
        locked_now = False
        if count_login:
            count, first, last, locked = tree.get(lkey, _EMPTY)
            if locked and locked <= now or last + rules.lockout_minutes * 60 < now:
                count, first, locked = 0, now, 0.0  # a new series
            if locked <= now:
                count += 1
                if count >= rules.lockout_failures:
                    locked = now + rules.lockout_minutes * 60
                    locked_now = True
            tree[lkey] = (count, first or now, now, locked)
        acount, afirst, _, _ = tree.get(akey, _EMPTY)
        if afirst + rules.address_window_minutes * 60 < now:
            acount, afirst = 0, now
        tree[akey] = (acount + 1, afirst, now, 0.0)
        if random.random() < PRUNE_SHARE:  # noqa: S311 - sampling, not a secret
            _prune(tree, now, rules)
        return locked_now

    return _run(request, write, write=True)


def clear(source, login):
    """Forget the failures of ``login`` (after a success, or unlocking)."""
    key = LOGIN_KEY + normalise_login(login)

    def write(tree):
        if key in tree:
            del tree[key]

    _run(source, write, write=True)


def is_locked(login, registry_or_root):
    """Until when ``login`` is locked (a UTC datetime), or None."""

    def read(tree):
        return tree.get(LOGIN_KEY + normalise_login(login), _EMPTY)[3]

    until = _run(registry_or_root, read, write=False)
    if until and until > time.time():
        return datetime.fromtimestamp(until, UTC)
    return None
