"""撤回送审: the author takes a submission back before it is reviewed.

The ``withdraw`` transition (``workflows/document.yaml`` and
``workflows/workingcopy.yaml``, ``review`` → ``draft``) needs the
``withdraw`` permission, which the files grant to the editors of the item's
department (a local role: another department's editor never holds it), and
the guard ``own_submission`` registered here: the user must be the item's
creator, its last editor or whoever submitted it.  An editor of the same
department who had no hand in the item may not take a colleague's
submission back; a reviewer rejects (with a reason) instead.  The step is
kept in the item's history like every transition.
"""

from ..i18n import _
from ..workflow import get_workflow
from ..workflow.guards import get_last_editor
from ..workflow.history import get_history
from .stamps import CREATOR_ATTR

GUARD_NAME = "own_submission"
#: the transition of the workflow files that this module serves
WITHDRAW = "withdraw"


def submitter_of(item, state):
    """The userid of whoever last moved ``item`` into ``state`` (the state
    a withdrawal starts from), or None."""
    for record in reversed(get_history(item)):
        if record.to_state == state and record.from_state != record.to_state:
            return record.actor_id
    return None


def authors_of(item, state):
    """The userids that may take ``item``'s submission (into ``state``) back."""
    found = {getattr(item, CREATOR_ATTR, None), get_last_editor(item), submitter_of(item, state)}
    return {str(u) for u in found if u is not None}


def own_submission(content, request, transition):
    """Only the item's creator, last editor or submitter may withdraw it."""
    userid = getattr(request, "authenticated_userid", None) if request is not None else None
    if userid is None:
        return _("workflow-anonymous", default="请先登录。")
    if str(userid) not in authors_of(content, transition.from_state):
        return _(
            "ws-withdraw-not-yours",
            default="只有稿件的撰写人、最后修改人或送审人可以撤回送审。",
        )
    return None


def may_withdraw(item, request):
    """Whether the signed-in user may withdraw ``item``'s submission now."""
    workflow = get_workflow(item, request.registry)
    if workflow is None or WITHDRAW not in workflow.definition.transitions:
        return False
    status, _messages = workflow.problems(item, request, WITHDRAW)
    return status == 200


def includeme(config):
    config.add_workflow_guard(GUARD_NAME, own_submission)
