"""Authorization and authentication policies.

The authorization policy is Pyramid's ACL policy with two additions:

- before the ACLs along the lineage are consulted, the principals are
  extended with ``role:<name>`` for every local role they hold on the context.
  Workflow states write ACLs in terms of roles (``(Allow, 'role:editor',
  ...)``), so one workflow definition serves every department;
- to *view* an item one must be able to view every container above it, so a
  closed column (or any container hidden from someone) hides what it holds,
  even items whose own state is public.
"""

from pyramid.authentication import AuthTktAuthenticationPolicy, AuthTktCookieHelper
from pyramid.authorization import ACLAuthorizationPolicy
from pyramid.security import Authenticated
from pyramid.session import SignedCookieSessionFactory
from pyramid.settings import asbool
from pyramid_zodbconn import get_connection
from substanced.interfaces import IUser
from substanced.util import find_objectmap

from .localroles import effective_roles, role_holders
from .session import bounded
from .vocabulary import ROLE_PREFIX


class LocalRolesAuthorizationPolicy(ACLAuthorizationPolicy):
    """ACL authorization that understands local roles (see module docstring)."""

    #: permissions that also require the same permission on every ancestor
    lineage_permissions = frozenset({"view"})

    def __init__(self, global_roles=frozenset()):
        self.global_roles = frozenset(global_roles)

    def expand(self, context, principals):
        """``principals`` without any role principals they came with (those
        belong to another context), plus the roles held on ``context``."""
        own = [p for p in principals if not _is_role(p)]
        roles = effective_roles(context, own, self.global_roles)
        return own + [ROLE_PREFIX + r for r in sorted(roles)]

    def _permits_here(self, context, principals, permission):
        return super().permits(context, self.expand(context, principals), permission)

    def permits(self, context, principals, permission):
        result = self._permits_here(context, principals, permission)
        if not result or permission not in self.lineage_permissions:
            return result
        parent = getattr(context, "__parent__", None)
        while parent is not None:
            above = self._permits_here(parent, principals, permission)
            if not above:
                return above
            parent = getattr(parent, "__parent__", None)
        return result

    def principals_allowed_by_permission(self, context, permission):
        allowed = super().principals_allowed_by_permission(context, permission)
        result = set()
        for principal in allowed:
            if _is_role(principal):
                role = principal[len(ROLE_PREFIX) :]
                result.update(role_holders(context, role, self.global_roles))
            else:
                result.add(principal)
        return result


def _is_role(principal):
    return isinstance(principal, str) and principal.startswith(ROLE_PREFIX)


class HostOnlyCookieHelper(AuthTktCookieHelper):
    """The sign-in ticket as a host-only cookie (no ``Domain`` attribute).

    Pyramid's helper also sets the ticket with ``Domain=<host>`` and, by
    default, ``Domain=.<host>``: either reaches every subdomain, so with the
    portal on ``yingshan.gov.cn`` a department's own host (第九条,
    ``jyj.yingshan.gov.cn``) would receive the staff's tickets.  Here the
    ticket is set for the portal's host alone; signing out also expires the
    two domain cookies an earlier version may have left.
    """

    def _get_cookies(self, request, value, max_age=None):
        domains = [None]
        if value is None:  # forget
            domains += [request.domain, "." + request.domain]
        kw = {"domains": domains}
        if max_age is not None:
            kw["max_age"] = max_age
        return self.cookie_profile(request).get_headers(value, **kw)


class RoleAwareAuthTktPolicy(AuthTktAuthenticationPolicy):
    """AuthTkt authentication whose effective principals also name the roles
    the user holds on the request's context.

    Substance D filters folder listings with its ``allowed`` catalog index,
    which compares each item's ACL with ``request.effective_principals``; our
    ACLs name roles, so without them every SDI listing would be empty.  The
    authorization policy ignores role principals it is handed and computes
    them for the context it checks, so they never carry rights elsewhere.
    """

    def __init__(self, secret, global_roles=frozenset(), **kw):
        kw.setdefault("wild_domain", False)
        kw.setdefault("parent_domain", False)
        super().__init__(secret, **kw)
        self.cookie.__class__ = HostOnlyCookieHelper
        self.global_roles = frozenset(global_roles)

    def unauthenticated_userid(self, request):
        """The ticket's userid, or None when the ticket is not current.

        A ticket carries the user's ``ticket_version`` as a token; logout,
        a password change, disabling the account and a role change bump the
        version on the user object (govportal.accounts.tickets), so a ticket
        copied before any of these is refused even though its signature and
        age are valid.  Checked once per request.
        """
        memo = request.__dict__
        if "_govportal_ticket_userid" not in memo:
            memo["_govportal_ticket_userid"] = self._current_ticket_userid(request)
        return memo["_govportal_ticket_userid"]

    def _current_ticket_userid(self, request):
        from govportal.accounts.tickets import ticket_is_current

        identity = self.cookie.identify(request)
        if identity is None:
            return None
        root = find_app_root(request)
        if root is None or not ticket_is_current(root, identity["userid"], identity["tokens"]):
            # no reissue of a revoked ticket, and the browser drops it
            request._authtkt_reissue_revoked = True
            return None
        return identity["userid"]

    def effective_principals(self, request):
        # Pyramid asks for these on every permission check; the user's groups
        # (a database lookup) and roles do not change within a request, so
        # they are computed once per request and context.
        context = getattr(request, "context", None)
        memo = request.__dict__.setdefault("_govportal_principals", {})
        key = id(context)
        if key not in memo:
            principals = super().effective_principals(request)
            if context is not None:
                roles = effective_roles(context, principals, self.global_roles)
                principals = list(principals) + [ROLE_PREFIX + r for r in sorted(roles)]
            memo[key] = (context, principals)
        return list(memo[key][1])


def find_app_root(request):
    """The portal root, found from the ZODB root (not from the context).

    Substance D's groupfinder reads ``request.context``, which does not exist
    before traversal; pyramid_tm's ``tm.annotate_user`` asks for the user
    before traversal, so that groupfinder raises.  We locate users from the
    database root instead, which works at any point of the request.
    """
    try:
        return get_connection(request).root().get("app_root")
    except Exception:  # no database configured for this request
        return None


def groupfinder(userid, request):
    """Return the group oids of user ``userid``, or None if there is no such user."""
    app_root = find_app_root(request)
    objectmap = find_objectmap(app_root) if app_root is not None else None
    if objectmap is None:
        return None
    try:
        user = objectmap.object_for(int(userid))
    except (TypeError, ValueError):
        return None
    if not IUser.providedBy(user) or getattr(user, "disabled", False):
        return None
    return list(user.groupids)


def make_session_factory(settings):
    """Signed-cookie sessions: HttpOnly, SameSite=Lax, Secure where configured;
    a bounded flash queue and no exception when the cookie grows (.session)."""
    return bounded(
        SignedCookieSessionFactory(
            settings["substanced.secret"],
            httponly=True,
            secure=asbool(settings["govportal.secure_cookies"]),
            samesite="Lax",
            timeout=int(settings["govportal.session_timeout"]),
            reissue_time=int(settings["govportal.session_reissue"]),
        )
    )


def make_authentication_policy(settings, global_roles=frozenset()):
    """AuthTkt policy: signed cookie, idle timeout, HttpOnly, SameSite=Lax."""
    return RoleAwareAuthTktPolicy(
        settings["substanced.secret"],
        global_roles=global_roles,
        callback=groupfinder,
        hashalg="sha512",
        timeout=int(settings["govportal.session_timeout"]),
        reissue_time=int(settings["govportal.session_reissue"]),
        http_only=True,
        secure=asbool(settings["govportal.secure_cookies"]),
        samesite="Lax",
    )


__all__ = [
    "Authenticated",
    "LocalRolesAuthorizationPolicy",
    "groupfinder",
    "make_authentication_policy",
]
