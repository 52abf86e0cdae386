"""Where letters live: a private box per site, the query-code index, and the
letter record itself.

A letter (:class:`Letter`, workflow ``letter``) is kept in the
:class:`LetterBox` of the site that handles it now — the site it was written
to until it is transferred (转办): :func:`move` takes it to the responsible
department's box, so that only that department's staff (and the global
auditors and 电子监察员) hold roles on it, as everywhere else in the site group.
The box is an attribute of the site, never a folder item: it cannot be
traversed to, and Substance D's folder views, the catalogs, the search
index, listings and the sitemap never see it.  Each letter carries the ACL
of its workflow state (never inherited).

Query codes (查询码) are random, only their SHA-256 hash is stored, in one
index per portal (:func:`find_by_code`), with the helpers of the disclosure
applications (same alphabet, same folding of what a visitor types).

Values are plain dicts and tuples, replaced and never mutated in place.
Dates (``date``) are in the site's time zone (:mod:`govportal.sitetime`);
instants (``datetime``) are UTC.
"""

from datetime import UTC, datetime

from persistent import Persistent

from ...applications.model import index_code, look_up_code
from ...private_stores import NumberedItems, PrivateBox, attached, root_tree

#: The site attribute holding its :class:`LetterBox`.
BOX_ATTR = "govportal_letters"
#: The root attribute holding the query-code index (hash -> letter).
CODES_ATTR = "govportal_letter_codes"
#: The site attribute holding the numbers of letters it received and passed
#: on (number -> letter): the receiving site follows what it transferred.
SENT_ATTR = "govportal_letters_sent"

LETTER_TYPE = "Letter"


class LetterItems(NumberedItems):
    """Letters by number (wide buckets, see :class:`NumberedItems`)."""


class LetterBox(PrivateBox):
    """A site's letters by number; never public, never traversable."""

    __name__ = "letters"
    items_class = LetterItems

    def remove(self, name):
        letter = self.items.pop(name)
        letter.__parent__ = None
        return letter


def find_box(site, create=False):
    """The :class:`LetterBox` of ``site`` (created when ``create``)."""
    return attached(site, BOX_ATTR, lambda: LetterBox(site), create)


def site_of(letter):
    """The site (portal root or department) holding ``letter`` now."""
    return letter.__parent__.__parent__


def sent_index(site, create=False):
    """Letters ``site`` received and transferred elsewhere (number -> letter)."""
    from ...submissions.ledger import WideTree

    return attached(site, SENT_ATTR, WideTree, create)


class Letter(Persistent):
    """One letter (来信).

    ``writer``: the personal data (``name``, ``phone``, ``email``,
    ``address``; shown only to holders of ``view_writer``, never published).
    ``channel`` and ``category``: codes of :mod:`.vocabulary`.  ``subject``
    and ``body``: what the writer wrote (plain text).  ``may_publish``: the
    writer's consent to publication.  ``attachments``: tuple of
    :class:`govportal.services.cases.CaseFile`-like records.

    ``received_site``: the name of the site it was written to ('' for the
    portal); ``transfers``: ``({"from", "to", "at", "by", "reason"}, ...)``
    in order; ``steps``: the public record shown with the query code
    (``{"at", "title", "note"}``, never personal data).

    The clock (:mod:`.clock`): ``received_on`` (date of receipt, the start of
    the 15 working days, kept across transfers), ``verify_due`` (15 working
    days after it), ``verification`` (``{"text", "at", "by"}``),
    ``promised_on`` (承诺办结日期), ``promise_extension`` (``{"to", "reason",
    "by", "at"}``, once), ``due`` (the date that counts now) and
    ``due_uncertain_years``.

    The reply: ``reply`` (``{"text", "by", "at"}`` draft, then approved with
    ``approved_by``/``answered_at``), ``answered_on`` (date), ``public``
    (``{"subject", "body", "reply"}`` masked for publication),
    ``satisfaction`` (``{"level", "comment", "at"}``).  Set on approval
    (:mod:`.actions_reply`): ``on_time``, ``workdays_used``,
    ``answered_at_once`` (当即回复); ``published_at`` on publication.
    ``handler``: the login of who accepted it or drafted the reply;
    ``reminders``: the staff reminders already sent (:mod:`.reminders`).
    """

    __name__ = None
    __parent__ = None
    received_site = ""
    transfers = ()
    steps = ()
    attachments = ()
    received_on = None
    verify_due = None
    verification = None
    promised_on = None
    promise_extension = None
    due = None
    due_uncertain_years = ()
    reply = None
    answered_on = None
    answered_at = None
    public = None
    satisfaction = None
    on_time = None
    workdays_used = None
    answered_at_once = False
    published_at = None
    handler = ""
    reminders = ()
    code_hash = ""
    refusal = ""

    def __init__(self, channel, category, subject, body, writer, may_publish=False):
        self.channel = channel
        self.category = category
        self.subject = subject
        self.body = body
        self.writer = dict(writer)
        self.may_publish = bool(may_publish)
        self.submitted_at = datetime.now(UTC)

    @property
    def title(self):
        """The subject, for lists (the writer's own words: mask before publishing)."""
        return self.subject

    @property
    def number(self):
        return self.__name__


def codes_index(context, create=False):
    return root_tree(context, CODES_ATTR, create)


def assign_code(letter, code=None):
    """Give ``letter`` a query code (``code``, or a new random one); returns
    the code (shown to the writer once, never stored)."""
    return index_code(codes_index(letter, create=True), letter, code)


def find_by_code(context, code):
    """The letter whose query code is ``code``, or None."""
    return look_up_code(codes_index(context), code)


def move(letter, target_site):
    """Move ``letter`` to ``target_site``'s box (转办 or 退回), keeping its
    number, clock and code; the site it was written to keeps it in its
    :func:`sent_index` so that it can follow it.  Returns the letter."""
    source = site_of(letter)
    if source is target_site:
        return letter
    name = letter.__name__
    find_box(source).remove(name)
    find_box(target_site, create=True).add(letter, name)
    return letter


def ensure_stores(root, sites):
    """Site set-up (idempotent): the code index, a box and a sent index per
    site, created before the first submissions and transfers so concurrent
    first writers do not all write the root or the site."""
    codes_index(root, create=True)
    for site in sites:
        find_box(site, create=True)
        sent_index(site, create=True)
