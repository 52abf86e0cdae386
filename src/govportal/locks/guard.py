"""The ``unlocked`` workflow guard and the release of a holder's lock.

Every transition of ``workflows/document.yaml`` names the guard: while
someone holds a valid lock on an item, nobody else may move it through the
workflow (a reviewer who must act breaks the lock first, which is recorded).
The holder's own transition succeeds and releases the lock: the item leaves
the state in which it was being edited.

Requests marked ``ignores_locks`` (the scheduler's system actor, see
:mod:`govportal.schedule.actor`) pass: a due publication or expiry was
decided by a reviewer, and nobody can hold a lock on a scheduled or
published item, since a lock needs the ``edit`` permission.
"""

from .core import current, locked_message, release_if_held


def unlocked(content, request, transition):
    """Guard: refuse a transition while someone else holds the item's lock."""
    if getattr(request, "ignores_locks", False):
        return None
    info = current(content)
    if info is None:
        return None
    if info.held_by(getattr(request, "authenticated_userid", None)):
        return None
    return locked_message(info)


def release_after_transition(event):
    """``ContentTransitioned`` subscriber: the actor's own lock is released."""
    request = event.request
    userid = getattr(request, "authenticated_userid", None) if request is not None else None
    if isinstance(userid, int):
        release_if_held(event.content, userid)
