"""Per-address limits of the public letter pages that hold across processes.

Every application process of a site group (several ``pserve`` processes on
ZEO or RelStorage) sees the same counters: they are kept in the content
database, in one tree on the portal root (:data:`LIMITS_ATTR`), keyed by

    ``<window start, epoch seconds>:<window seconds>:<scope>:<address hash>``

(the address is never stored, only a keyed hash of it).  Each value is a
:class:`BTrees.Length.Length`, whose concurrent increments ZODB merges
instead of refusing.  A limit ``N/SECONDS`` (settings
``govportal.interaction.write_rate``, default 5/3600, and
``govportal.interaction.track_rate``, default 20/600) allows an event when
the count of the current window plus the previous window's count, weighted
by the part of it still inside the sliding window, is below ``N``.

The counter is read and increased in a short transaction of its own, on a
separate connection (as :func:`govportal.applications.numbers.allocate`
does), so that what is counted does not depend on how the request ends,
and a request's decision is remembered in its environ: pyramid_retry running
the request again counts it once.  Old windows are pruned by a periodic job.
"""

import hashlib
import hmac
import logging
import random
import time

import transaction
from BTrees.Length import Length
from pyramid_zodbconn import get_connection
from transaction.interfaces import TransientError

from ...submissions.ledger import WideTree

log = logging.getLogger(__name__)

LIMITS_ATTR = "govportal_interaction_limits"
RATES = {
    "write": ("govportal.interaction.write_rate", "5/3600"),
    "track": ("govportal.interaction.track_rate", "20/600"),
}
DECISION = "govportal.interaction.limit.{}"
ATTEMPTS = 40


def parse_rate(text, default):
    """``"N/SECONDS"`` -> ``(N, SECONDS)``; without ``/SECONDS`` the window
    of ``default``; ``default`` when unreadable or not positive.  (Also the
    reading of :mod:`..contributions.limits`' settings.)"""
    fallback = str(default).partition("/")[2]
    for candidate in (text, default):
        limit, _sep, window = str(candidate).partition("/")
        try:
            limit, window = int(limit), int(float(window or fallback))
        except ValueError:
            continue
        if limit >= 1 and window >= 1:
            return limit, window
    raise ValueError(f"bad rate {default!r}")


def rate(registry, scope):
    setting, default = RATES[scope]
    return parse_rate(registry.settings.get(setting) or default, default)


def address_hash(registry, address):
    secret = registry.settings["substanced.secret"].encode("utf-8")
    mac = hmac.new(secret, b"govportal.interaction.limits\x00" + address.encode(), hashlib.sha256)
    return mac.hexdigest()[:32]


def window_key(start, seconds, scope, digest):
    return f"{start:011d}:{seconds}:{scope}:{digest}"


def count_and_decide(tree, scope, digest, limit, seconds, now):
    """Whether one more event is allowed; counts it when it is."""
    start = int(now // seconds) * seconds
    current_key = window_key(start, seconds, scope, digest)
    previous = tree.get(window_key(start - seconds, seconds, scope, digest))
    current = tree.get(current_key)
    weight = 1.0 - (now - start) / seconds
    count = (current() if current is not None else 0) + (
        previous() * weight if previous is not None else 0
    )
    if count >= limit:
        return False
    if current is None:
        current = Length(0)
        tree[current_key] = current
    current.change(1)
    return True


def find_limits(root, create=False):
    tree = getattr(root, LIMITS_ATTR, None)
    if tree is None and create:
        tree = WideTree()
        setattr(root, LIMITS_ATTR, tree)
    return tree


def _decide(request, scope, now):
    registry = request.registry
    limit, seconds = rate(registry, scope)
    digest = address_hash(registry, request.client_addr or "-")
    db = get_connection(request).db()
    for attempt in range(ATTEMPTS):
        tm = transaction.TransactionManager()
        conn = db.open(transaction_manager=tm)
        try:
            tm.begin()
            tree = find_limits(conn.root()["app_root"], create=True)
            allowed = count_and_decide(tree, scope, digest, limit, seconds, now)
            if allowed:
                tm.get().note("govportal: interaction rate limit")
                tm.commit()
            else:
                tm.abort()
            return allowed
        except TransientError:
            tm.abort()
            if attempt + 1 >= ATTEMPTS:
                raise
            time.sleep(random.uniform(0, min(0.25, 0.004 * 2**attempt)))  # noqa: S311
        except BaseException:
            tm.abort()
            raise
        finally:
            conn.close()
    raise AssertionError("unreachable")


def allowed(request, scope, now=None):
    """Whether ``request``'s address may do one more ``scope`` event now
    (``write`` or ``track``); counted once per request."""
    key = DECISION.format(scope)
    if key not in request.environ:
        request.environ[key] = _decide(request, scope, time.time() if now is None else now)
    return request.environ[key]


def prune(root, request):
    """Periodic job: drop windows that can no longer count."""
    tree = find_limits(root)
    if tree is None:
        return 0
    longest = max(rate(request.registry, scope)[1] for scope in RATES)
    cutoff = f"{int(time.time() - 2 * longest):011d}:"
    removed = 0
    for key in list(tree.keys(max=cutoff, excludemax=True))[:2000]:
        del tree[key]
        removed += 1
    return removed
