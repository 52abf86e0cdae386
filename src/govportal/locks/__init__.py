"""Editing locks (稿件锁定) with Substance D's lock service.

An item being edited is locked to its editor; others see who holds it and
until when, cannot move it through the workflow meanwhile, and a reviewer of
the department or a site administrator can break the lock (recorded in the
item's history).  Locks expire after ``govportal.locks.timeout`` minutes
(default 30) unless refreshed; an expired lock does not count.

API (:mod:`govportal.locks.core`):

``acquire(content, request) -> LockInfo``
    lock to the signed-in user, or refresh their own lock; raises
    :class:`LockRefused` naming the holder and the expiry when someone else
    holds it.  Check ``request.has_permission('edit', content)`` first.
``release(content, request) -> bool``
    release the user's own lock (False if there was none).
``current(content) -> LockInfo | None``
    the valid lock: ``holder_id``, ``holder_name``, ``expires`` (UTC),
    ``local_expires`` (China Standard Time).
``break_lock(content, request, reason) -> LockInfo``
    remove someone else's lock (permission ``break_lock``: reviewers of the
    department and site administrators); the reason goes to the history.

The ``unlocked`` workflow guard (:mod:`.guard`) is named on every transition
of ``workflows/document.yaml``; a holder's own transition releases the lock.
Views: :mod:`.views` (``@@lock``, ``@@unlock``, ``@@break-lock``).  The root
has Substance D's ``locks`` service; an old site without one gets it on the
first lock.
"""

from ..i18n import _
from ..workflow.events import IContentTransitioned
from .core import (  # noqa: F401
    BREAK_LOCK,
    LockInfo,
    LockRefused,
    acquire,
    break_lock,
    current,
    release,
    timeout_seconds,
)
from .guard import release_after_transition, unlocked


def includeme(config):
    config.add_workflow_guard("unlocked", unlocked)
    config.add_history_action(BREAK_LOCK, _("lock-broken-action", default="解除锁定"))
    config.add_subscriber(release_after_transition, IContentTransitioned)
    config.include(".views")
