"""Where applications live: a private box per site, and the tracking-code index.

Every site (the portal root, each department) keeps its applications in an
:class:`ApplicationBox` stored as an attribute of the site, not as a folder
item: it cannot be traversed to, and Substance D's folder views, the
catalogs (applications have no oid), the search index, listings and the
sitemap never see it.  Pages reach
applications only through the views of :mod:`.views_staff`, which check the
application's own permissions.  The box's ACL denies everything; each
application carries the ACL of its workflow state (``workflows/application.yaml``),
which never inherits.

Tracking codes are random (:func:`new_tracking_code`, or derived from the
submission's one-time token so that a replayed submission shows the same
code: :func:`tracking_code_from`); only their SHA-256 hash is stored, in
one index per portal (:func:`find_by_code`).
"""

import hashlib
import secrets
from datetime import UTC, datetime

from BTrees.OOBTree import OOBTree
from persistent import Persistent

from ..private_stores import PrivateBox, attached, root_tree
from . import clock
from .clock import REPLY_DAYS

#: The site attribute holding its :class:`ApplicationBox`.
BOX_ATTR = "govportal_applications"
#: The root attribute holding the tracking-code index (hash -> application).
CODES_ATTR = "govportal_application_codes"

#: Tracking codes: Crockford's base-32 alphabet (no I, L, O, U), 20 characters
#: (100 bits), shown in groups of four.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 20
CODE_GROUP = 4
_CODE_FOLD = str.maketrans({"O": "0", "I": "1", "L": "1"})


class ApplicationItems(OOBTree):
    """The box's applications by number, in buckets of up to 500.

    Numbers of one organ grow, so every insert lands in the last bucket:
    ZODB merges concurrent inserts into one bucket, but not a bucket split,
    which with the default 30 came every 15 applications and failed every
    concurrent submission.  With 500 the tree splits every 250.
    """

    max_leaf_size = 500
    max_internal_size = 500


class ApplicationBox(PrivateBox):
    """A site's applications by number; never public.

    Numbers of the online form come from :mod:`.numbers`
    (``{organ}-{year}-{seq}``, unique across the site group, allocated
    outside the request's transaction) and are passed as ``name``.
    ``counters`` is the per-site year counter of the first scheme
    (``2026-0001``): applications stored then keep those names; it now
    serves only callers that pass a year and no name (seeding, imports).
    """

    __name__ = "applications"
    items_class = ApplicationItems

    def __init__(self, site):
        super().__init__(site)
        self.counters = OOBTree()  # year -> last number issued (first scheme)

    def next_name(self, year):
        number = self.counters.get(year, 0) + 1
        self.counters[year] = number
        return f"{year}-{number:04d}"

    def add(self, application, year=None, name=None):
        """Store ``application`` as ``name`` (or the box's next ``year`` name)."""
        if name is None:
            name = self.next_name(year)
        elif name in self.items:
            raise KeyError(f"application {name} exists")
        return self._put(application, name)


def find_box(site, create=False):
    """The :class:`ApplicationBox` of ``site`` (created when ``create``)."""
    return attached(site, BOX_ATTR, lambda: ApplicationBox(site), create)


def site_of(application):
    """The site (portal root or department) that received ``application``."""
    return application.__parent__.__parent__


class Application(Persistent):
    """One application for disclosure (政府信息公开申请).

    Values are plain dicts and tuples, replaced and never mutated in place.
    ``applicant`` holds the personal data (never published; shown only to
    holders of ``view_applicant``); ``request`` what is sought and how it is
    to be delivered.  The statutory clock: ``registered_on`` is the first
    receipt date (counted in the annual report), ``clock_start`` the date the
    reply period runs from (the completion date after a supplement),
    ``allowed_days`` 20 plus an approved extension, ``pauses`` the closed and
    open third-party consultations, ``due`` the computed deadline (None while
    the clock is stopped) and ``due_uncertain_years`` the years without
    holiday data it relied on.
    """

    __name__ = None
    __parent__ = None
    registered_on = None
    clock_start = None
    allowed_days = REPLY_DAYS
    pauses = ()
    supplement = None
    extension = None
    extension_request = None
    due = None
    due_uncertain_years = ()
    pause_due = None
    pause_due_uncertain_years = ()
    decision = None
    reminders = ()
    code_hash = ""

    def __init__(self, applicant, request):
        self.applicant = dict(applicant)
        self.request = dict(request)
        self.submitted_at = datetime.now(UTC)
        self.submitted_on = clock.today()

    @property
    def applicant_type(self):
        return self.applicant.get("type", "person")

    @property
    def title(self):
        """What the application is about, for lists (no personal data)."""
        text = self.request.get("description") or self.request.get("doc_number") or ""
        return text if len(text) <= 40 else text[:40] + "…"


def new_tracking_code():
    """A fresh random tracking code, grouped for reading (``ABCD-EFGH-…``)."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i : i + CODE_GROUP] for i in range(0, CODE_LENGTH, CODE_GROUP))


def normalise_tracking_code(value):
    """What a visitor typed, as the raw code (case, spaces, dashes, O/I/L folded)."""
    text = "".join(ch for ch in (value or "").upper() if ch.isalnum())
    return text.translate(_CODE_FOLD)[:64]


def code_hash(code):
    return hashlib.sha256(normalise_tracking_code(code).encode("ascii", "replace")).hexdigest()


def _codes(context, create=False):
    return root_tree(context, CODES_ATTR, create)


def tracking_code_from(data):
    """The tracking code made from random bytes ``data`` (at least 20 bytes;
    e.g. derived from a submission token, so a replay shows the same code)."""
    raw = "".join(CODE_ALPHABET[b % len(CODE_ALPHABET)] for b in data[:CODE_LENGTH])
    return "-".join(raw[i : i + CODE_GROUP] for i in range(0, CODE_LENGTH, CODE_GROUP))


def assign_tracking_code(application, code=None):
    """Give ``application`` a tracking code (``code``, or a new random one);
    returns the code (shown to the applicant, never stored)."""
    return index_code(_codes(application, create=True), application, code)


def index_code(index, item, code=None):
    """Enter ``item`` in the code ``index`` under the hash of ``code`` (or of a
    new random code); sets ``item.code_hash``; returns the code."""
    while True:
        if code is None:
            code = new_tracking_code()
        digest = code_hash(code)
        if digest not in index:
            break
        code = None  # taken (not expected with 100 bits): draw a random one
    index[digest] = item
    item.code_hash = digest
    return code


def find_by_code(context, code):
    """The application whose tracking code is ``code``, or None.

    The hash is computed whatever was typed and looked up in a B-tree, so
    the time taken does not depend on how close a guess is.
    """
    return look_up_code(_codes(context), code)


def look_up_code(index, code):
    """What the code ``index`` (may be None) holds for ``code``, or None; the
    hash is computed whatever was typed."""
    digest = code_hash(code)
    if index is None or len(normalise_tracking_code(code)) != CODE_LENGTH:
        return None
    return index.get(digest)


def ensure_stores(root):
    """Site set-up (idempotent): the tracking-code index, the number register
    and a box for the portal and every department, created before the first
    submissions so that concurrent first writers do not all write the root
    or the site (a department added later gets its box on its first
    application)."""
    from .numbers import ensure_register
    from .queries import sites

    _codes(root, create=True)
    ensure_register(root)
    for site in sites(root):
        find_box(site, create=True)
