"""在线访谈: an interview announced in advance (:class:`Interview`), in a
column and reviewed like documents (``workflows/participation.yaml``);
children are its photos (``Attachment``, images only).

Times: ``starts_at`` and ``ends_at`` are UTC instants (entered and shown in
the site's time zone).  The status follows them, not the workflow state:
预告 (``announced``) before the start, 正在直播 (``live``) until the end,
已结束 (``closed``) afterwards; a published interview stays a page of its
site after it ends.

``guests``: tuple of ``{"name", "position"}``; ``host``: the 主持人's name.
The live transcript is a :class:`Transcript` (an ``OOBTree`` of entries by
sequence number, each a plain dict ``{"seq", "speaker", "role", "text",
"photo", "question", "question_text", "at", "by"}``: ``role`` is ``host``,
``guest`` or ``netizen``; ``photo`` the name of a child photo; ``question``
the number of the citizen's question (a contribution, kind ``question``)
the entry answers).  Entries are replaced, never mutated in place.

Citizens' questions are contributions (:mod:`..contributions`) kept in the
interview's private box; they are taken while the interview is visible to
visitors and has not ended (:meth:`Interview.contribution_refusal`).
"""

from BTrees.IOBTree import IOBTree
from persistent import Persistent
from substanced.content import content
from substanced.folder import Folder
from zope.interface import Interface, implementer

from ... import sitetime
from ...i18n import _

#: status of an interview by its times
ANNOUNCED, LIVE, CLOSED = "announced", "live", "closed"
STATUS_TITLES = {ANNOUNCED: "预告", LIVE: "正在直播", CLOSED: "已结束"}
#: the roles of who speaks in a transcript entry
ROLES = (("host", "主持人"), ("guest", "嘉宾"), ("netizen", "网友"))
ROLE_TITLES = dict(ROLES)


class IInterview(Interface):
    """An online interview (在线访谈)."""


class Transcript(Persistent):
    """The live text of an interview: entries by sequence number (1, 2 …).

    ``revision`` counts every addition and correction; each entry carries
    the ``rev`` it was last written at, so a page that has seen revision R
    asks for what changed after it (:meth:`changed`)."""

    revision = 0

    def __init__(self):
        self.entries = IOBTree()
        self.last = 0

    def add(self, entry):
        self.last += 1
        self.revision += 1
        entry = dict(entry, seq=self.last, rev=self.revision)
        self.entries[self.last] = entry
        return entry

    def replace(self, seq, entry):
        """Store a corrected ``entry`` under ``seq`` (a new revision)."""
        self.revision += 1
        self.entries[seq] = dict(entry, seq=seq, rev=self.revision)

    def since(self, seq=0):
        """Entries after ``seq``, oldest first."""
        return list(self.entries.values(min=seq + 1)) if self.last > seq else []

    def changed(self, seq, rev):
        """Entries up to ``seq`` corrected after revision ``rev``."""
        if rev >= self.revision:
            return []
        return [e for e in self.entries.values(max=seq) if e.get("rev", 0) > rev]

    def __len__(self):
        return len(self.entries)


@content("Interview", icon="glyphicon glyphicon-facetime-video", catalog=True)
@implementer(IInterview)
class Interview(Folder):
    """Topic, guests and time; questions, transcript and photos."""

    title = ""
    host = ""
    guests = ()
    starts_at = None
    ends_at = None
    place = ""
    introduction = ""
    publish_date = None
    transcript = None

    def __init__(self, **kw):
        super().__init__()
        self.transcript = Transcript()
        for key, value in kw.items():
            setattr(self, key, value)

    def __sdi_addable__(self, context, introspectable):
        return introspectable.get("content_type") == "Attachment"

    def status(self, now=None):
        now = now or sitetime.now_utc()
        if self.starts_at is None or now < self.starts_at:
            return ANNOUNCED
        if self.ends_at is None or now < self.ends_at:
            return LIVE
        return CLOSED

    def status_title(self, now=None):
        return STATUS_TITLES[self.status(now)]

    def end_date(self, registry=None):
        """The site date the interview ends (its answers' clock starts there)."""
        return sitetime.local_date(self.ends_at, registry) if self.ends_at else None

    def photos(self):
        from ...content.attachment import IAttachment

        return [v for v in self.values() if IAttachment.providedBy(v)]

    def guests_text(self):
        return "、".join(f"{g.get('position', '')}{g.get('name', '')}".strip() for g in self.guests)

    def contribution_refusal(self, kind, request):
        """Questions only, while visitors see the interview and it has not ended."""
        from ...workflow import get_workflow

        if kind != "question":
            return _("interview-questions-only", default="在线访谈只接受网友提问。")
        if not get_workflow(self, request.registry).is_public(self):
            return _("interview-not-public", default="该访谈尚未发布，暂不接受提问。")
        if self.status() == CLOSED:
            return _("interview-closed", default="访谈已结束，不再接受提问。")
        return None
