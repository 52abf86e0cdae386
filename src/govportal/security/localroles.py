"""Local roles: which principals hold which roles at a point in the tree.

A folder may carry ``__local_roles__``, a mapping of principal id (a user or
group oid) to a set of role names.  The roles a user has on a resource are
the union of the grants on the resource and its ancestors, except that a
folder with ``__local_roles_block__ = True`` (every department) stops
non-global roles granted above it.  That is how a department's editors and
reviewers are confined to their department, while site administrators keep
their rights everywhere.
"""

from BTrees.LLBTree import LLTreeSet
from persistent.mapping import PersistentMapping
from pyramid.location import lineage
from pyramid.traversal import find_root
from substanced.util import find_objectmap, get_oid

LOCAL_ROLES_ATTR = "__local_roles__"
BLOCK_ATTR = "__local_roles_block__"
#: on the root: oids of every resource below it that carries grants, so that
#: "where does this user hold a role" needs no walk of the tree (F7 grants
#: on single columns)
PLACES_ATTR = "__local_role_places__"


def get_local_roles(resource):
    """Return the grants stored on ``resource`` itself (principal → roles)."""
    grants = getattr(resource, LOCAL_ROLES_ATTR, None)
    if grants is None:
        return {}
    return {p: frozenset(r) for p, r in grants.items()}


def grant_roles(resource, principal, *roles):
    """Grant ``roles`` to ``principal`` on ``resource`` (and below)."""
    grants = getattr(resource, LOCAL_ROLES_ATTR, None)
    if grants is None:
        grants = PersistentMapping()
        setattr(resource, LOCAL_ROLES_ATTR, grants)
    grants[principal] = tuple(sorted(set(grants.get(principal, ())) | set(roles)))
    _note_place(resource)


def _note_place(resource):
    root = find_root(resource)
    oid = get_oid(resource, None)
    if root is resource or oid is None:
        return
    places = getattr(root, PLACES_ATTR, None)
    if places is None:
        places = LLTreeSet()
        setattr(root, PLACES_ATTR, places)
    places.add(oid)


def places_with_grants(root):
    """The resources below ``root`` that carry local-role grants (those
    granted since this register exists; departments are found as sites)."""
    places = getattr(root, PLACES_ATTR, None) or ()
    objectmap = find_objectmap(root)
    found = []
    for oid in places:
        obj = objectmap.object_for(oid) if objectmap is not None else None
        if obj is not None and getattr(obj, LOCAL_ROLES_ATTR, None):
            found.append(obj)
    return found


def revoke_roles(resource, principal, *roles):
    """Revoke ``roles`` (all of them when none are named) from ``principal``."""
    grants = getattr(resource, LOCAL_ROLES_ATTR, None)
    if not grants or principal not in grants:
        return
    remaining = set(grants[principal]) - set(roles) if roles else set()
    if remaining:
        grants[principal] = tuple(sorted(remaining))
    else:
        del grants[principal]


def effective_roles(context, principals, global_roles=frozenset()):
    """Roles that any of ``principals`` holds on ``context``."""
    roles = set()
    blocked = False
    principals = set(principals)
    for node in lineage(context):
        grants = getattr(node, LOCAL_ROLES_ATTR, None)
        if grants:
            for principal in principals.intersection(grants.keys()):
                granted = grants[principal]
                roles.update(r for r in granted if not blocked or r in global_roles)
        if getattr(node, BLOCK_ATTR, False):
            blocked = True
    return roles


def role_holders(context, role, global_roles=frozenset()):
    """Principals that hold ``role`` on ``context`` (inverse of the above)."""
    holders = set()
    blocked = False
    for node in lineage(context):
        if not blocked or role in global_roles:
            for principal, granted in (getattr(node, LOCAL_ROLES_ATTR, None) or {}).items():
                if role in granted:
                    holders.add(principal)
        if getattr(node, BLOCK_ATTR, False):
            blocked = True
    return holders
