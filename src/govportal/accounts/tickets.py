"""Server-side revocation of sign-in tickets.

The auth ticket carries the user's ``ticket_version`` as a token
(``v<version>``); :class:`govportal.security.policy.RoleAwareAuthTktPolicy`
asks :func:`ticket_is_current` and refuses a ticket whose version is not the
user's current one.  Bumping the version (logout, password change, disable,
role change) revokes every ticket issued before, in every process.
"""

from pyramid.security import remember

from .state import ticket_version, user_by_id

TOKEN_PREFIX = "v"  # noqa: S105 - a ticket token prefix, not a password


def ticket_tokens(user):
    """The tokens a new ticket for ``user`` carries."""
    return (f"{TOKEN_PREFIX}{ticket_version(user)}",)


def remember_user(request, user):
    """Headers that sign ``user`` in with a ticket of the current version."""
    from substanced.util import get_oid

    return remember(request, get_oid(user), tokens=ticket_tokens(user))


def ticket_is_current(root, userid, tokens):
    """True when ``userid``'s ticket with ``tokens`` is still valid."""
    user = user_by_id(root, userid)
    if user is None:
        return False
    return f"{TOKEN_PREFIX}{ticket_version(user)}" in tuple(tokens or ())
