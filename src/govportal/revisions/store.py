"""Revisions of a document, kept on the document itself.

Each revision is a :class:`Revision`: its number (1, 2, …), who saved it
(``userid``, ``user_name``), when (UTC), a note, and a snapshot of the
editable fields and attachments (:mod:`govportal.revisions.snapshot`).  They
live in an ``IOBTree`` keyed by number under :data:`REVISIONS_ATTR`; they are
never rewritten.  Media changes made between two revisions are counted
(:func:`note_media_change`) and the next revision says how many it holds
(``extra["media_changes"]``).  Pruning follows the retention rules of
:mod:`govportal.revisions.retention`.
"""

from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime

from BTrees.IOBTree import IOBTree
from persistent import Persistent

from ..i18n import translate
from ..workflow.history import DISPLAY_TZ
from .snapshot import same_content, take_snapshot

REVISIONS_ATTR = "__revisions__"
#: the highest revision number ever given (purged numbers are not reused)
LAST_NUMBER_ATTR = "__revision_last_number__"
#: media changes (uploads, titles, order, removals) not yet in a revision
PENDING_MEDIA_ATTR = "__pending_media__"

#: ids of documents whose automatic revisions are suspended (see :func:`suspended`)
_SUSPENDED = ContextVar("govportal_revisions_suspended", default=frozenset())


class Revision(Persistent):
    """One saved state of a document."""

    def __init__(self, number, snapshot, userid=None, user_name="", note="", when=None, **extra):
        self.number = number
        self.userid = userid
        self.user_name = user_name
        self.note = note
        self.when = when or datetime.now(UTC)
        self.fields = snapshot["fields"]
        self.attachments = snapshot["attachments"]
        #: e.g. ``approved_by`` (userid) and ``approved_by_name`` on a merge
        self.extra = dict(extra)

    @property
    def snapshot(self):
        return {"fields": self.fields, "attachments": self.attachments}

    @property
    def local_when(self):
        """The time of this revision in China Standard Time."""
        return self.when.astimezone(DISPLAY_TZ)

    def as_dict(self):
        """A JSON-friendly summary (no field values)."""
        return {
            "number": self.number,
            "userid": self.userid,
            "user_name": self.user_name,
            "note": self.note,
            "when": self.when.isoformat(),
            "local_when": self.local_when.strftime("%Y-%m-%d %H:%M"),
            "title": self.fields.get("title", ""),
            "attachments": [
                {k: r[k] for k in ("name", "title", "filename", "mimetype", "size", "sha256")}
                for r in self.attachments
            ],
            **{k: v for k, v in self.extra.items() if isinstance(v, str | int | None)},
        }


def note_text(request, message):
    """``message`` in the request's language, or its Chinese default when
    there is no request (a script)."""
    if getattr(request, "localizer", None) is not None:
        return translate(request, message)
    interpolate = getattr(message, "interpolate", None)
    return interpolate() if interpolate is not None else str(message)


def _tree(document, create=False):
    tree = getattr(document, REVISIONS_ATTR, None)
    if tree is None and create:
        tree = IOBTree()
        setattr(document, REVISIONS_ATTR, tree)
    return tree


def get_revisions(document):
    """The document's revisions, oldest first (a list)."""
    tree = _tree(document)
    return list(tree.values()) if tree is not None else []


def get_revision(document, number):
    """Revision ``number`` of the document, or None."""
    tree = _tree(document)
    if tree is None:
        return None
    try:
        return tree.get(int(number))
    except (TypeError, ValueError, OverflowError):
        return None


def latest_revision(document):
    """The newest revision of the document, or None."""
    tree = _tree(document)
    if not tree:
        return None
    return tree[tree.maxKey()]


def _user_of(request):
    if request is None:
        return None, ""
    userid = getattr(request, "authenticated_userid", None)
    user = getattr(request, "user", None) if userid is not None else None
    return userid, (getattr(user, "__name__", None) or "")


def record_revision(document, request=None, note="", userid=None, user_name=None, **extra):
    """Record the document's current state as a new revision.

    Returns the new :class:`Revision`, or None when nothing changed since
    the last revision.  ``userid``/``user_name`` default to the request's
    signed-in user; ``note`` says what the save was (shown to editors).
    """
    previous = latest_revision(document)
    snapshot = take_snapshot(document, previous.snapshot if previous else None)
    if previous is not None and same_content(previous.snapshot, snapshot):
        if pending_media_changes(document):
            setattr(document, PENDING_MEDIA_ATTR, 0)  # the changes undid each other
        return None
    if userid is None:
        userid, request_name = _user_of(request)
        if user_name is None:
            user_name = request_name
    tree = _tree(document, create=True)
    # numbers are never reused, even after the newest ones were purged
    number = max((tree.maxKey() + 1) if tree else 1, getattr(document, LAST_NUMBER_ATTR, 0) + 1)
    setattr(document, LAST_NUMBER_ATTR, number)
    pending = pending_media_changes(document)
    if pending:
        extra.setdefault("media_changes", pending)
        setattr(document, PENDING_MEDIA_ATTR, 0)
    revision = Revision(
        number,
        snapshot,
        userid=userid,
        user_name=user_name or "",
        note=str(note or ""),
        **extra,
    )
    tree[number] = revision
    from .retention import cap_draft_revisions

    cap_draft_revisions(document, getattr(request, "registry", None))
    return revision


def note_media_change(document):
    """Count a media change of ``document`` for its next revision."""
    setattr(document, PENDING_MEDIA_ATTR, pending_media_changes(document) + 1)


def pending_media_changes(document):
    """Media changes of ``document`` that no revision holds yet."""
    return getattr(document, PENDING_MEDIA_ATTR, 0) or 0


@contextmanager
def suspended(document):
    """Within the block, events do not record revisions of ``document``
    (an operation that changes several things records one revision itself)."""
    token = _SUSPENDED.set(_SUSPENDED.get() | {id(document)})
    try:
        yield
    finally:
        _SUSPENDED.reset(token)


def is_suspended(document):
    return id(document) in _SUSPENDED.get()
