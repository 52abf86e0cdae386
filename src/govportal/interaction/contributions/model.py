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

from persistent import Persistent

from ...private_stores import NumberedItems, PrivateBox, attached

#: The item attribute holding its :class:`ContributionBox`.
BOX_ATTR = "govportal_contributions"
CONTRIBUTION_TYPE = "Contribution"


class ContributionItems(NumberedItems):
    """Contributions by number (``000001`` …; wide buckets, see
    :class:`NumberedItems`; the class name stays for stored data)."""


class ContributionBox(PrivateBox):
    """An item's contributions by number; never public, never traversable."""

    __name__ = "contributions"
    items_class = ContributionItems


def find_box(item, create=False):
    """The :class:`ContributionBox` of ``item`` (created when ``create``)."""
    return attached(item, BOX_ATTR, lambda: ContributionBox(item), create)


class Contribution(Persistent):
    """One comment on a draft, or one question to an interview.

    ``kind``: ``comment`` or ``question``; ``text`` and ``writer`` (dict,
    may be empty); ``public_text`` (masked, set when shown); ``moderation``
    (``{"by", "at", "reason"}``); ``answer`` (``{"text", "by", "at",
    "answered_on"}``) for questions.  (What was adopted is recorded in the
    adoption report's rows, not here.)
    """

    __name__ = None
    __parent__ = None
    public_text = ""
    moderation = None
    answer = None

    def __init__(self, kind, text, writer=None):
        self.kind = kind
        self.text = text
        self.writer = dict(writer or {})
        self.submitted_at = datetime.now(UTC)
