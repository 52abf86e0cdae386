"""Access tokens of partner systems (the city's portal, the 政务服务 platform).

A token reads ``gpapi_<id>_<secret>``: ``id`` finds the record, ``secret``
(derived from the form's one-time submission token, so that a replayed
create POST shows the same token again and stores nothing) is kept only as
its SHA-256.  Records live in a tree on the portal root (created and revoked
a few times a year: the content database is the right place, and what they
grant is part of the site's configuration).  Checking a token reads that tree
only; when it was *last used* goes to the monitor's side database
(:func:`govportal.monitoring.store.section`), at most once a minute per token
and process, so reading the API never writes the content database.
"""

import hashlib
import hmac
import secrets
import time
from datetime import timedelta

from BTrees.OOBTree import OOBTree
from persistent import Persistent
from pyramid.traversal import find_root

from .. import sitetime
from ..private_stores import attached

TREE_ATTR = "govportal_api_tokens"
PREFIX = "gpapi_"
#: the resource kinds a grant may name (the API's collections)
KINDS = ("sites", "columns", "documents", "guides", "letters")
#: seconds between two writes of a token's last use (per process)
LAST_USED_EVERY = 60
USAGE_SECTION = "api_usage"


class ApiToken(Persistent):
    """One partner's token: what it may read and until when."""

    revoked = None
    revoked_by = ""

    def __init__(self, token_id, digest, name, partner, sites, kinds, expires, creator):
        self.id = token_id
        self.digest = digest
        self.name = name
        self.partner = partner
        self.sites = tuple(sites)  # site keys ("portal", department names)
        self.kinds = tuple(kinds)
        self.expires = expires  # UTC datetime
        self.created = sitetime.now_utc()
        self.created_by = creator

    def active(self, now=None):
        now = now or sitetime.now_utc()
        return self.revoked is None and now < self.expires

    def allows_site(self, key):
        return key in self.sites

    def allows_kind(self, kind):
        return kind in self.kinds


def token_tree(context, create=False):
    return attached(find_root(context), TREE_ATTR, OOBTree, create)


def digest_of(secret):
    return hashlib.sha256(secret.encode("ascii")).hexdigest()


def make_secret(seed=None):
    """``(id, secret)``: from ``seed`` bytes (a submission's derived key) or random."""
    seed = seed if seed is not None else secrets.token_bytes(32)
    token_id = hashlib.sha256(b"id" + seed).hexdigest()[:12]
    secret = hashlib.sha256(b"secret" + seed).hexdigest()
    return token_id, secret


def plain_token(token_id, secret):
    return f"{PREFIX}{token_id}_{secret}"


def create(root, seed, name, partner, sites, kinds, days, creator):
    """Store a new token; returns ``(record, plain token)``."""
    token_id, secret = make_secret(seed)
    expires = sitetime.now_utc() + timedelta(days=days)
    record = ApiToken(token_id, digest_of(secret), name, partner, sites, kinds, expires, creator)
    token_tree(root, create=True)[token_id] = record
    return record, plain_token(token_id, secret)


def find(root, token_id):
    tree = token_tree(root)
    return tree.get(token_id) if tree is not None else None


def all_tokens(root):
    tree = token_tree(root)
    records = list(tree.values()) if tree is not None else []
    return sorted(records, key=lambda r: r.created, reverse=True)


def revoke(record, who):
    record.revoked = sitetime.now_utc()
    record.revoked_by = who


def check(root, presented):
    """The active :class:`ApiToken` that ``presented`` names, or None."""
    if not presented.startswith(PREFIX):
        return None
    token_id, _sep, secret = presented[len(PREFIX) :].partition("_")
    record = find(root, token_id)
    if record is None or not secret:
        return None
    if not hmac.compare_digest(record.digest, digest_of(secret)):
        return None
    return record if record.active() else None


# -- last use (monitor database) ---------------------------------------------


def note_use(root, record, registry):
    """Record that ``record`` was used now, once a minute per process."""
    gate = registry.__dict__.setdefault("govportal_api_last_noted", {})
    now = time.monotonic()
    if now - gate.get(record.id, -LAST_USED_EVERY) < LAST_USED_EVERY:
        return
    gate[record.id] = now
    from ..monitoring.store import section

    usage = section(root, USAGE_SECTION, OOBTree)
    stored = usage.get(record.id)
    when = sitetime.now_utc()
    if stored is None or (when - stored).total_seconds() >= LAST_USED_EVERY:
        usage[record.id] = when


def last_used(root, token_id):
    from ..monitoring.store import section

    usage = section(root, USAGE_SECTION, OOBTree, create=False)
    return usage.get(token_id) if usage is not None else None
