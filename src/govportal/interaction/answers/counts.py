"""What 智能问答 counts, without conflicts between visitors.

* **Hot questions** are the knowledge-base entries most often given as the
  best answer.  A question asked is not written in the request that asks it
  (a GET, and a write there would make every two visitors asking at once
  conflict): this process notes it in memory (:func:`note_served`), and the
  periodic job :func:`flush_job` adds the counts to each entry's own
  :class:`~BTrees.Length.Length` (``served``), whose concurrent changes
  ZODB merges.  Citizens' own wordings are never shown publicly as hot
  questions (they may hold names, numbers, abuse): the list shows the
  entries' questions, as editors wrote and reviewers approved them.
* **Unanswered questions** (nothing good found) are noted the same way
  (:func:`note_gap`) and kept, masked (:func:`~govportal.checks.personal.mask_text`)
  and bounded to :data:`MAX_GAPS` per portal, for editors (``@@ask-gaps``).
* **Did this help** (:func:`vote`): one vote per visitor and entry (a
  cookie-held random visitor id, hashed; the address and browser when the
  cookie is refused), counted in the entry's ``helpful_yes`` / ``helpful_no``
  Lengths; the votes are keys of a :class:`~govportal.submissions.ledger.WideTree`
  so that concurrent voters insert without conflict.

Pending counts of a flush whose transaction fails are put back.
"""

import hashlib
import re
import secrets
import threading
from collections import Counter
from datetime import UTC, datetime

import transaction
from BTrees.OOBTree import OOBTree
from substanced.util import find_objectmap

from ...checks.personal import mask_text
from ...private_stores import attached, root_tree
from ...search.splitter import fold
from .model import IKnowledgeEntry, counter

#: the root's tree of unanswered questions: (site name, normalised) -> Gap tuple
GAPS_ATTR = "govportal_ask_gaps"
#: the root's tree of votes: "<entry oid>:<visitor hash>" -> (helpful, at)
VOTES_ATTR = "govportal_ask_votes"
#: the visitor-id cookie
VISITOR_COOKIE = "gp_visitor"
MAX_GAPS = 500
MAX_GAP_TEXT = 100
#: in-memory notes kept at most (a flush job that never runs forgets the rest)
MAX_PENDING = 10_000

_PUNCT = re.compile(r"[\W_]+", re.UNICODE)


def normalised(text):
    """The key of a question: folded, without spaces and punctuation."""
    return _PUNCT.sub("", fold(text or ""))[:MAX_GAP_TEXT]


class Pending:
    """This process's notes not yet written to the database."""

    def __init__(self):
        self.lock = threading.Lock()
        self.served = Counter()  # entry oid -> times
        self.gaps = {}  # (site name, normalised) -> [text, times, last asked]

    def take(self):
        with self.lock:
            served, gaps = self.served, self.gaps
            self.served, self.gaps = Counter(), {}
        return served, gaps

    def put_back(self, served, gaps):
        with self.lock:
            self.served.update(served)
            for key, (text, times, at) in gaps.items():
                self._gap(key, text, times, at)

    def _gap(self, key, text, times, at):
        known = self.gaps.get(key)
        if known is None:
            if len(self.gaps) < MAX_PENDING:
                self.gaps[key] = [text, times, at]
        else:
            known[1] += times
            known[2] = max(known[2], at)


def pending(registry):
    value = registry.__dict__.get("govportal_ask_pending")
    if value is None:
        value = registry.__dict__.setdefault("govportal_ask_pending", Pending())
    return value


def note_served(registry, oid):
    """``oid`` (an entry) was given as the best answer."""
    notes = pending(registry)
    with notes.lock:
        if len(notes.served) < MAX_PENDING or oid in notes.served:
            notes.served[oid] += 1


def note_gap(registry, site_name, text):
    """``text`` asked on ``site_name`` ('' for the portal) found no answer."""
    key = (site_name or "", normalised(text))
    if not key[1]:
        return
    masked, _count = mask_text(text[:MAX_GAP_TEXT])
    notes = pending(registry)
    with notes.lock:
        notes._gap(key, masked, 1, datetime.now(UTC))


def flush(root, registry):
    """Write this process's notes; True if anything was written."""
    served, gaps = pending(registry).take()
    if not served and not gaps:
        return False

    done = []

    def restore(committed=False):
        # a failed commit or an abort: the notes wait for the next round
        if not committed and not done:
            done.append(True)
            pending(registry).put_back(served, gaps)

    current = transaction.get()
    current.addAfterCommitHook(restore)
    current.addAfterAbortHook(restore)
    objectmap = find_objectmap(root)
    for oid, times in served.items():
        entry = objectmap.object_for(oid) if objectmap is not None else None
        if IKnowledgeEntry.providedBy(entry):
            counter(entry, "served").change(times)
    if gaps:
        tree = attached(root, GAPS_ATTR, OOBTree, create=True)
        for key, (text, times, at) in gaps.items():
            old = tree.get(key)
            if old is None:
                tree[key] = (text, times, at, at)
            else:
                tree[key] = (old[0], old[1] + times, old[2], max(old[3], at))
        _bound(tree)
    return True


def _bound(tree):
    if len(tree) <= MAX_GAPS:
        return
    ranked = sorted(tree.items(), key=lambda kv: (kv[1][1], kv[1][3]))
    for key, _value in ranked[: len(tree) - MAX_GAPS]:
        del tree[key]


def flush_job(root, request):
    """The periodic job (``config.add_periodic_job``)."""
    return flush(root, request.registry)


def gaps_of(root, site_name):
    """``[(key, text, times, first, last)]`` of ``site_name``, most asked first."""
    tree = getattr(root, GAPS_ATTR, None)
    if tree is None:
        return []
    rows = [(k, *v) for k, v in tree.items() if k[0] == (site_name or "")]
    return sorted(rows, key=lambda r: (-r[2], -r[4].timestamp()))


def drop_gap(root, key):
    """Remove an unanswered question (answered by a new entry, or noise)."""
    tree = getattr(root, GAPS_ATTR, None)
    if tree is not None and key in tree:
        del tree[key]
        return True
    return False


def visitor_id(request, create=True):
    """The visitor's random id from the cookie (set on the response when
    missing and ``create``)."""
    value = request.cookies.get(VISITOR_COOKIE, "")
    if re.fullmatch(r"[A-Za-z0-9_-]{20,40}", value or ""):
        return value
    if not create:
        return None
    value = secrets.token_urlsafe(16)
    request.response.set_cookie(
        VISITOR_COOKIE,
        value,
        max_age=365 * 86400,
        httponly=True,
        samesite="Lax",
        secure=request.scheme == "https",
    )
    return value


def _voter(request):
    visitor = visitor_id(request, create=False)
    if visitor is None:
        visitor = f"{request.client_addr or '-'}|{request.user_agent or ''}"
    return hashlib.sha256(visitor.encode("utf-8")).hexdigest()[:32]


def has_voted(request, entry):
    from substanced.util import get_oid

    votes = getattr(request.root, VOTES_ATTR, None)
    return votes is not None and f"{get_oid(entry)}:{_voter(request)}" in votes


def vote(request, entry, helpful):
    """Count the visitor's vote on ``entry`` once; True if it was counted."""
    from substanced.util import get_oid

    votes = root_tree(request.root, VOTES_ATTR, create=True)
    key = f"{get_oid(entry)}:{_voter(request)}"
    if key in votes:
        return False
    votes[key] = (bool(helpful), datetime.now(UTC))
    counter(entry, "helpful_yes" if helpful else "helpful_no").change(1)
    return True


def figures(entry):
    """``(served, yes, no, rate)``: rate in percent, None without votes."""
    served = entry.served() if entry.served is not None else 0
    yes = entry.helpful_yes() if entry.helpful_yes is not None else 0
    no = entry.helpful_no() if entry.helpful_no is not None else 0
    rate = round(100 * yes / (yes + no)) if yes + no else None
    return served, yes, no, rate
