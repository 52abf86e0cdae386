"""Per-address rate limits of the public 互动交流 pages, held in the
content database so that they hold across processes.

One limiter for every caller: letters (``govportal.interaction.write_rate``,
default 5/3600; ``govportal.interaction.track_rate``, 20/600), comments and
questions (``govportal.interaction.contribution_rate``, 5/600) and survey
answers (``govportal.interaction.survey_rate``, 30/3600, one scope per
survey).  Each caller names its *scope* (what is counted) and its *setting*
(``"N/SECONDS"``) with the default.

Every application process of a site group (several ``pserve`` processes on
ZEO or RelStorage) sees the same counters: one tree on the portal root
(:data:`LIMITS_ATTR`), keyed by

    ``<end of the window's use, epoch seconds>:<window seconds>:<scope>:<address hash>``

(the address is never stored, only a keyed hash of it; the leading instant
after which a window can no longer count lets :func:`prune` drop old windows
with one range scan, whatever the settings).  Each value is a
:class:`BTrees.Length.Length`, whose concurrent increments ZODB merges
instead of refusing.  A limit ``N/SECONDS`` allows an event when the count of
the current window plus the previous window's count, weighted by the part of
it still inside the sliding window, is below ``N``.

The counter is read and increased in a short transaction of its own, on a
separate connection (:func:`govportal.applications.numbers.in_own_transaction`,
as the application numbers are), so that what is counted does not depend on
how the request ends, and a request's decision is remembered in its environ:
pyramid_retry running the request again counts it once.  Call
:func:`allowed` inside the ``create`` of :func:`govportal.submissions.once` so
that replays are not counted.
"""

import hashlib
import hmac
import time

from BTrees.Length import Length

from ..applications.numbers import in_own_transaction
from ..submissions.ledger import WideTree, prune_tree

LIMITS_ATTR = "govportal_interaction_limits"
DECISION = "govportal.interaction.limit.{}"


def parse_rate(text, default):
    """``"N/SECONDS"`` -> ``(N, SECONDS)``; without ``/SECONDS`` the window
    of ``default``; ``default`` when unreadable or not positive."""
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


def rate(registry, setting, default):
    return parse_rate(registry.settings.get(setting) or default, default)


def address_hash(registry, address):
    secret = registry.settings["substanced.secret"].encode("utf-8")
    mac = hmac.new(secret, b"govportal.interaction.limits\x00" + address.encode(), hashlib.sha256)
    return mac.hexdigest()[:32]


def window_key(start, seconds, scope, digest):
    """The key of the window starting at ``start``: it counts (as the
    previous window) until ``start + 2 * seconds``."""
    return f"{start + 2 * seconds:011d}:{seconds}:{scope}:{digest}"


def count(tree, scope, digest, seconds, now):
    """The sliding-window count of ``digest``'s events in ``scope``."""
    start = int(now // seconds) * seconds
    previous = tree.get(window_key(start - seconds, seconds, scope, digest))
    current = tree.get(window_key(start, seconds, scope, digest))
    weight = 1.0 - (now - start) / seconds
    return (current() if current is not None else 0) + (
        previous() * weight if previous is not None else 0
    )


def count_and_decide(tree, scope, digest, limit, seconds, now):
    """Whether one more event is allowed; counts it when it is."""
    if count(tree, scope, digest, seconds, now) >= limit:
        return False
    key = window_key(int(now // seconds) * seconds, seconds, scope, digest)
    current = tree.get(key)
    if current is None:
        current = Length(0)
        tree[key] = current
    current.change(1)
    return True


def find_limits(root, create=False):
    tree = getattr(root, LIMITS_ATTR, None)
    if tree is None and create:
        tree = WideTree()
        setattr(root, LIMITS_ATTR, tree)
    return tree


def _decide(request, scope, limit, seconds, now):
    digest = address_hash(request.registry, request.client_addr or "-")

    def decide(root):
        allowed = count_and_decide(
            find_limits(root, create=True), scope, digest, limit, seconds, now
        )
        return allowed, allowed  # counted (committed) only when allowed

    return in_own_transaction(request, "interaction rate limit", decide)


def allowed(request, scope, setting, default, now=None):
    """Whether ``request``'s address may do one more ``scope`` event now
    under the limit of ``setting`` (``"N/SECONDS"``, else ``default``);
    counted once per request."""
    key = DECISION.format(scope)
    if key not in request.environ:
        limit, seconds = rate(request.registry, setting, default)
        when = time.time() if now is None else now
        request.environ[key] = _decide(request, scope, limit, seconds, when)
    return request.environ[key]


def prune(root, request, now=None):
    """Periodic job: drop windows that can no longer count."""
    cutoff = f"{int(time.time() if now is None else now):011d}:"
    return prune_tree(find_limits(root), cutoff, batch=2000)
