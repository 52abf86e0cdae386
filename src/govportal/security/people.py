"""Users behind principals: who actually holds a role on a folder.

Local roles are granted to principals (users or groups, by oid).  Mail and
queues need the people: :func:`users_of` resolves principal ids to active
users (members of groups included, disabled users left out), and
:func:`users_with_roles` does so for the holders of roles on a folder.
"""

from substanced.interfaces import IGroup, IUser
from substanced.util import find_objectmap

from .localroles import role_holders


def users_of(context, principal_ids):
    """The active users named by ``principal_ids`` (user or group oids; other
    principals are ignored), each once."""
    objectmap = find_objectmap(context)
    if objectmap is None:
        return []
    users = {}
    for pid in principal_ids:
        try:
            principal = objectmap.object_for(int(pid))
        except (TypeError, ValueError):
            continue
        if IUser.providedBy(principal):
            users[id(principal)] = principal
        elif IGroup.providedBy(principal):
            for member in principal.memberids:
                user = objectmap.object_for(member)
                if user is not None and IUser.providedBy(user):
                    users[id(user)] = user
    return [u for u in users.values() if not getattr(u, "disabled", False)]


def users_with_roles(context, roles, registry):
    """The active users holding any of ``roles`` on ``context`` through a
    local grant (to them or to one of their groups)."""
    global_roles = registry.govportal_vocabulary.global_roles
    principals = set()
    for role in roles:
        principals |= role_holders(context, role, global_roles)
    return users_of(context, principals)
