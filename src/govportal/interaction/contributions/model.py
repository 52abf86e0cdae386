"""What citizens send to a consultation (意见) or an interview (提问): a
:class:`Contribution` (workflow ``contribution``: 待审核 → 已显示 / 不予显示),
kept in a private :class:`ContributionBox` attached to the item it answers.

The box is an attribute of the consultation or interview, never a folder
item: not traversable, not catalogued, not in the search index; pages reach
contributions through the item's views, which check each contribution's own
permissions (the ACL of its state, never inherited).  ``writer`` holds the
contact data (``view_writer`` only, never published); ``text`` is what the
writer wrote, ``public_text`` the masked text shown once moderated.
"""

from datetime import UTC, datetime

from BTrees.OOBTree import OOBTree
from persistent import Persistent

from ...private_stores import PrivateBox, attached

#: The item attribute holding its :class:`ContributionBox`.
BOX_ATTR = "govportal_contributions"
CONTRIBUTION_TYPE = "Contribution"


class ContributionItems(OOBTree):
    """Contributions by number (``000001`` …) in wide buckets (see the letters)."""

    max_leaf_size = 500
    max_internal_size = 500


class ContributionBox(PrivateBox):
    """An item's contributions by number; never public, never traversable."""

    __name__ = "contributions"
    items_class = ContributionItems

    def add(self, contribution, name):
        if name in self.items:
            raise KeyError(f"contribution {name} exists")
        return self._put(contribution, name)


def find_box(item, create=False):
    """The :class:`ContributionBox` of ``item`` (created when ``create``)."""
    return attached(item, BOX_ATTR, lambda: ContributionBox(item), create)


def item_of(contribution):
    """The consultation or interview ``contribution`` was sent to."""
    return contribution.__parent__.__parent__


class Contribution(Persistent):
    """One comment on a draft, or one question to an interview.

    ``kind``: ``comment`` or ``question``; ``text`` and ``writer`` (dict,
    may be empty); ``public_text`` (masked, set when shown); ``moderation``
    (``{"by", "at", "reason"}``); ``answer`` (``{"text", "by", "at",
    "answered_on"}``) for questions; ``adopted`` (``adopted``, ``partly``,
    ``not_adopted`` with ``reason``) for comments in the adoption report.
    """

    __name__ = None
    __parent__ = None
    public_text = ""
    moderation = None
    answer = None
    adopted = None
    code_hash = ""

    def __init__(self, kind, text, writer=None):
        self.kind = kind
        self.text = text
        self.writer = dict(writer or {})
        self.submitted_at = datetime.now(UTC)
