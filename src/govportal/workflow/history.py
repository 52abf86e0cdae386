"""Per-item history of workflow transitions (who, when, from, to, comment).

Every item keeps its own history (一事一审): a persistent list of
:class:`TransitionRecord` stored on the item, never shared, never truncated.
"""

from persistent import Persistent
from persistent.list import PersistentList

from ..sitetime import SITE_ZONE, as_utc, local, now_utc

HISTORY_ATTR = "__workflow_history__"
#: times are stored in UTC and shown in the site's time zone
#: (``govportal.timezone``, Asia/Shanghai by default: see govportal.sitetime)
DISPLAY_TZ = SITE_ZONE


class TransitionRecord(Persistent):
    """One workflow step taken on one item."""

    def __init__(
        self,
        transition,
        from_state,
        to_state,
        actor_id,
        actor_name,
        comment="",
        when=None,
        workflow="",
    ):
        self.transition = transition
        self.from_state = from_state
        self.to_state = to_state
        self.actor_id = actor_id
        self.actor_name = actor_name
        self.comment = comment
        self.when = as_utc(when) if when is not None else now_utc()
        self.workflow = workflow

    @property
    def local_when(self):
        """The time of this step in the site's time zone."""
        return local(self.when)

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
            "local_when": self.local_when.strftime("%Y-%m-%d %H:%M"),
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


def add_history_action(config, name, title):
    """Directive: ``title`` names history records of action ``name`` that
    are not workflow transitions (an override, a broken lock ...)."""
    config.registry.govportal_history_actions[name] = title


def action_title(request, workflow, name):
    """The title of history action ``name``: a transition's, else a title
    registered with ``config.add_history_action`` (translated for
    ``request``), else the name."""
    from ..i18n import translate

    extra = getattr(request.registry, "govportal_history_actions", {})
    if name in extra and (workflow is None or name not in workflow.definition.transitions):
        return translate(request, extra[name])
    return workflow.transition_title(name) if workflow is not None else name
