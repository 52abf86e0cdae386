"""The 专题 (special topic) content type.

A special topic lives directly under the portal root (its name is the
topic's web address, e.g. ``/yhyshj/``); its columns are ordinary
:class:`~govportal.content.Column` objects inside it (ordered by their
``position``), so column pages, feeds and paging work unchanged.  What the
columns gather from departments (picked items, a saved query) is attached
by :mod:`.picks` and :mod:`.queries`; the banner by :mod:`.banner`.
"""

from substanced.content import content
from substanced.folder import Folder
from zope.interface import Interface, implementer

CONTENT_TYPE = "SpecialTopic"


class ISpecialTopic(Interface):
    """A special topic (专题) of the portal."""


@content(CONTENT_TYPE, icon="glyphicon glyphicon-star", catalog=True)
@implementer(ISpecialTopic)
class SpecialTopic(Folder):
    """A special topic: title, summary, banner and its own columns."""

    title = ""
    summary = ""
    banner = None  # a substanced File (see .banner)
    banner_alt = ""
    position = 100
    created_at = None  # UTC
    opened_at = None  # first opened (UTC): 新开设 in the annual report
    archived_at = None

    def __init__(self, **kw):
        super().__init__()
        for key, value in kw.items():
            setattr(self, key, value)

    def __sdi_addable__(self, context, introspectable):
        return introspectable.get("content_type") == "Column"


def topic_of(resource):
    """The special topic ``resource`` is in (or is), else None."""
    node = resource
    while node is not None:
        if ISpecialTopic.providedBy(node):
            return node
        node = getattr(node, "__parent__", None)
    return None


def is_topic_column(resource):
    """True for a column directly inside a special topic."""
    parent = getattr(resource, "__parent__", None)
    return parent is not None and ISpecialTopic.providedBy(parent)


def stamp_transition(event):
    """ContentTransitioned: when a topic was first opened, when archived."""
    topic = event.content
    if not ISpecialTopic.providedBy(topic):
        return
    from pyramid.threadlocal import get_current_registry

    from ..sitetime import now_utc
    from ..workflow.facts import listed_states, public_states

    registry = get_current_registry()
    to_state = event.record.to_state
    if to_state in listed_states(registry, CONTENT_TYPE):
        if topic.opened_at is None:
            topic.opened_at = now_utc()
        topic.archived_at = None
    elif to_state in public_states(registry, CONTENT_TYPE):
        topic.archived_at = now_utc()
