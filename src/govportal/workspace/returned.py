"""Items sent back to their authors, and why.

An item is *returned* when the step that brought it into its current state
was a transition whose workflow file requires a comment (退回修改 from
review, 撤回发布 from publication): the comment is the reviewer's reason.
Nothing here names a state or a transition: the workflow definitions say
which transitions carry a required reason, so a renamed or added one is
followed without change.  我的稿件 marks such items with the reason and the
item page shows it at the top.
"""

from dataclasses import dataclass

from ..workflow import get_workflow
from ..workflow.history import get_history
from .helpers import local


@dataclass(frozen=True)
class Returned:
    """Who sent the item back, when (site time, text), with what reason."""

    action: str
    actor: str
    when: str
    reason: str


def returned(item, registry):
    """The :class:`Returned` of ``item`` if its last state change was a
    return with a reason and it is still in the state it was returned to;
    None otherwise."""
    workflow = get_workflow(item, registry)
    if workflow is None:
        return None
    state = workflow.state_of(item)
    for record in reversed(get_history(item)):
        if record.from_state == record.to_state:
            continue  # not a state change (a lock broken, a mask, ...)
        if record.to_state != state or record.workflow != workflow.name:
            return None
        tdef = workflow.definition.transitions.get(record.transition)
        if tdef is None or not tdef.comment_required:
            return None
        return Returned(
            action=workflow.transition_title(record.transition),
            actor=record.actor_name or "",
            when=local(record.when),
            reason=record.comment or "",
        )
    return None
