"""The scheduler's system actor and how it is authorised.

Due publications (``publish_due``) and expiries (``expire``) are run by the
scheduler, not by a person.  It acts through a :class:`SchedulerRequest`,
whose only principal besides ``Everyone``/``Authenticated`` is
:data:`SYSTEM_PRINCIPAL` — a string, so it can never be a user's id (user
ids are object ids, integers), and a request object, so no HTTP request can
pose as it.

Authorisation stays in the data files: ``roles.yaml`` defines the global role
``system``; ``document.yaml`` grants it ``run_schedule`` in the states
``scheduled`` and ``published``, and the transitions ``publish_due`` and
``expire`` require that permission.  The role is granted on the portal root
to :data:`SYSTEM_PRINCIPAL` only (:func:`ensure_system_grant`, run by the
scheduler before it acts), never to users or groups.  Should an
administrator grant it to a user anyway, the ``scheduler_only`` guard still
refuses that user: both transitions also require a :class:`SchedulerRequest`.
"""

from pyramid.interfaces import IAuthorizationPolicy
from pyramid.request import Request, apply_request_extensions
from pyramid.security import Authenticated, Everyone

from ..security.localroles import get_local_roles, grant_roles
from ..siteurl import blank_request
from .dates import NOW_ATTR

#: The principal the scheduler acts as (never a user id: those are integers).
SYSTEM_PRINCIPAL = "govportal:scheduler"
#: The role of roles.yaml held by the system principal only.
SYSTEM_ROLE = "system"
#: The name shown in history records written by the scheduler.
SYSTEM_ACTOR_NAME = "系统定时任务"


class SchedulerRequest(Request):
    """A request acting as the scheduler: principals are fixed, no cookies read."""

    #: the scheduler is not held by editing locks (see govportal.locks.guard)
    ignores_locks = True

    @property
    def authenticated_userid(self):
        return SYSTEM_PRINCIPAL

    @property
    def unauthenticated_userid(self):
        return SYSTEM_PRINCIPAL

    @property
    def effective_principals(self):
        return [Everyone, Authenticated, SYSTEM_PRINCIPAL]

    def has_permission(self, permission, context=None):
        """Ask the site's authorization policy with the system principals."""
        if context is None:
            context = self.context
        policy = self.registry.getUtility(IAuthorizationPolicy)
        return policy.permits(context, self.effective_principals, permission)


def is_system_request(request):
    return isinstance(request, SchedulerRequest)


def system_request(request, root, now=None):
    """A :class:`SchedulerRequest` on ``request``'s registry and connection.

    ``now`` (aware) is the scheduler's clock, which the schedule guards use.
    """
    # links made by the job start with the public URL, not http://localhost
    new = blank_request(request.registry, root=root, factory=SchedulerRequest)
    new.registry = request.registry
    apply_request_extensions(new)
    new.__dict__["user"] = None  # Substance D's request.user: not a user
    conn = getattr(request, "_primary_zodb_conn", None)
    if conn is not None:
        new._primary_zodb_conn = conn
    new.root = new.context = root
    if now is not None:
        setattr(new, NOW_ATTR, now)
    return new


def ensure_system_grant(root):
    """Grant the ``system`` role on ``root`` to the system principal (once)."""
    if SYSTEM_ROLE not in get_local_roles(root).get(SYSTEM_PRINCIPAL, ()):
        grant_roles(root, SYSTEM_PRINCIPAL, SYSTEM_ROLE)
        return True
    return False
