"""Per-item history of workflow transitions (who, when, from, to, comment).

Every item keeps its own history (一事一审): a persistent list of
:class:`TransitionRecord` stored on the item, never shared, never truncated.
"""

from datetime import UTC, datetime

from persistent import Persistent
from persistent.list import PersistentList

HISTORY_ATTR = "__workflow_history__"


class TransitionRecord(Persistent):
    """One workflow step taken on one item."""

    def __init__(self, transition, from_state, to_state, actor_id, actor_name, comment="",
                 when=None, workflow=""):
        self.transition = transition
        self.from_state = from_state
        self.to_state = to_state
        self.actor_id = actor_id
        self.actor_name = actor_name
        self.comment = comment
        self.when = when or datetime.now(UTC)
        self.workflow = workflow

    def as_dict(self):
        return {
            "workflow": self.workflow,
            "transition": self.transition,
            "from_state": self.from_state,
            "to_state": self.to_state,
            "actor_id": self.actor_id,
            "actor_name": self.actor_name,
            "comment": self.comment,
            "when": self.when.isoformat(),
        }


def get_history(resource):
    """The transition records of ``resource``, oldest first (read-only tuple)."""
    return tuple(getattr(resource, HISTORY_ATTR, ()))


def append_history(resource, record):
    history = getattr(resource, HISTORY_ATTR, None)
    if history is None:
        history = PersistentList()
        setattr(resource, HISTORY_ATTR, history)
    history.append(record)
    return record
