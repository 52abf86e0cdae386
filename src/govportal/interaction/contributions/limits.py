"""Per-address rate limits that hold across processes (stored in the database).

Every counted event is one key of a :class:`~govportal.submissions.ledger.WideTree`
on the portal root, ``<scope>:<hash of the address>:<time in ns>:<random>``
-> 1.  Concurrent writers insert *different* keys (resolved by the B-tree's
conflict resolution, no shared counter), and the count of an address is a
range read of its own keys.  The event is written in the request's own
transaction, so a request that fails or is retried (pyramid_retry) leaves no
count behind; call :func:`allow` inside the ``create`` of
:func:`govportal.submissions.once` so that replays are not counted.

Limits are settings ``"<count>/<seconds>"`` (e.g. ``"5/600"``); a periodic
job (:func:`prune`) forgets events older than a day.

Usage::

    from govportal.interaction.contributions import limits
    if not limits.allow(request, "comment", "govportal.interaction.comment_rate", "5/600"):
        raise RateLimited()
"""

import hashlib
import secrets
import time

from pyramid.traversal import find_root

from ...private_stores import root_tree
from ..letters import limits as letter_limits

#: The root attribute holding the events.
EVENTS_ATTR = "govportal_rate_events"
#: Events older than this are dropped by :func:`prune` (seconds).
KEEP = 24 * 3600


def parse_rate(text, default="5/600"):
    """``"10/600"`` -> (10, 600); a bad setting falls back to ``default``."""
    return letter_limits.parse_rate(text or default, default)


def _address_key(scope, address):
    digest = hashlib.sha256(f"{scope}\0{address}".encode()).hexdigest()[:24]
    return f"{scope}:{digest}:"


def events(context, create=False):
    return root_tree(context, EVENTS_ATTR, create)


def count(context, scope, address, window, now=None):
    """Events of ``address`` in ``scope`` during the last ``window`` seconds."""
    tree = events(context)
    if tree is None:
        return 0
    now_ns = time.time_ns() if now is None else int(now * 1e9)
    prefix = _address_key(scope, address)
    low = f"{prefix}{now_ns - int(window * 1e9):020d}"
    return sum(1 for _k in tree.keys(min=low, max=prefix + "~"))


def record(context, scope, address, now=None):
    """Count one event of ``address`` in ``scope`` (in the current transaction)."""
    now_ns = time.time_ns() if now is None else int(now * 1e9)
    key = f"{_address_key(scope, address)}{now_ns:020d}:{secrets.token_hex(4)}"
    events(context, create=True)[key] = 1


def allow(request, scope, setting, default="5/600"):
    """Whether the request's address may do one more ``scope`` event under
    the limit of ``setting``; when it may, the event is recorded."""
    limit, window = parse_rate(request.registry.settings.get(setting), default)
    address = request.client_addr or "-"
    root = find_root(request.context)
    if count(root, scope, address, window) >= limit:
        return False
    record(root, scope, address)
    return True


def prune(root, request):
    """Periodic job: forget events older than :data:`KEEP`."""
    tree = events(root)
    if tree is None:
        return 0
    cutoff = time.time_ns() - KEEP * 10**9
    old = []
    for key in tree.keys():
        try:
            at = int(key.split(":")[2])
        except (IndexError, ValueError):
            at = 0
        if at < cutoff:
            old.append(key)
    for key in old:
        del tree[key]
    return len(old)
