"""Who holds which role where: the model behind the 角色 pages.

*Places* are where roles are granted through 管理: the portal root, every
department and every column (nested columns included), found through the
system catalog.  A grant is a local role (:mod:`govportal.security.localroles`)
of a user or a group on a place.

Two readings of the same grants:

- :func:`holders_at` — every principal holding a role on a place, granted
  there or above it (a department blocks non-global roles granted above it),
  with the members of groups;
- :func:`roles_of_user` — every place where a user holds a role, granted to
  the user or to one of the user's groups.

The rules of 三员分立 (``workflows/roles.yaml``): only :func:`offered_roles`
are granted here, never a duty role, and never any role to an account that
holds a duty role (:func:`duty_roles_of`).
"""

from dataclasses import dataclass

from pyramid.location import lineage
from pyramid.threadlocal import get_current_registry
from pyramid.traversal import resource_path
from substanced.interfaces import IGroup, IUser
from substanced.util import find_catalog, find_objectmap, find_service, get_oid

from ..content import IColumn, IDepartment
from ..security import get_vocabulary
from ..security.localroles import BLOCK_ATTR, get_local_roles


def offered_roles(registry):
    """The roles 管理 grants: ``offered: true`` in roles.yaml (never a duty
    role, never a built-in principal: the vocabulary refuses both)."""
    return get_vocabulary(registry).offered_roles


#: The content types that are places.
PLACE_TYPES = ("Department", "Column")


@dataclass(frozen=True)
class Place:
    """A place where roles are granted: the root, a department or a column."""

    resource: object
    oid: int
    label: str
    depth: int

    @property
    def path(self):
        return resource_path(self.resource) or "/"


def place_label(resource):
    """``县政府门户``, ``营山县教育局`` or ``营山县教育局 · 工作动态 / 子栏目``."""
    if getattr(resource, "__parent__", None) is None:
        return "县政府门户"
    titles = []
    node = resource
    while node is not None and getattr(node, "__parent__", None) is not None:
        title = getattr(node, "title", "") or node.__name__
        if IDepartment.providedBy(node):
            return title + (" · " + " / ".join(reversed(titles)) if titles else "")
        titles.append(title)
        node = node.__parent__
    return "县政府门户 · " + " / ".join(reversed(titles))


def is_place(resource):
    """True for the root, a department or a column."""
    return (
        getattr(resource, "__parent__", None) is None
        or IDepartment.providedBy(resource)
        or IColumn.providedBy(resource)
    )


def places(root):
    """Every place, the root first, then each department with its columns
    (in their display order)."""
    system = find_catalog(root, "system")
    objectmap = find_objectmap(root)
    found = []
    if system is not None and objectmap is not None:
        query = system["content_type"].any(list(PLACE_TYPES))
        for oid in query.execute().ids:
            resource = objectmap.object_for(oid)
            if resource is not None:
                found.append(resource)
    # Portal columns before departments, each department with its columns.
    found.sort(key=_sort_key)
    result = [Place(root, get_oid(root), place_label(root), 0)]
    for resource in found:
        depth = len(list(lineage(resource))) - 1
        result.append(Place(resource, get_oid(resource), place_label(resource), depth))
    return result


def _sort_key(resource):
    """From the top of the tree down: columns before departments, then by
    position and name."""
    chain = list(reversed(list(lineage(resource))))[1:]
    return [
        (1 if IDepartment.providedBy(n) else 0, getattr(n, "position", 100), n.__name__)
        for n in chain
    ]


def place_by_oid(root, oid):
    """The place with ``oid`` (an int or a string of digits), or None."""
    try:
        oid = int(oid)
    except (TypeError, ValueError):
        return None
    if oid == get_oid(root):
        return Place(root, oid, place_label(root), 0)
    resource = find_objectmap(root).object_for(oid)
    if resource is None or not is_place(resource) or resource_root(resource) is not root:
        return None
    return Place(resource, oid, place_label(resource), len(list(lineage(resource))) - 1)


def resource_root(resource):
    node = resource
    while getattr(node, "__parent__", None) is not None:
        node = node.__parent__
    return node


def principal_by_oid(root, oid, kind=IUser):
    """The user (or group, with ``kind=IGroup``) with ``oid``, or None."""
    try:
        oid = int(oid)
    except (TypeError, ValueError):
        return None
    obj = find_objectmap(root).object_for(oid)
    if obj is None or not kind.providedBy(obj) or resource_root(obj) is not root:
        return None
    return obj


@dataclass(frozen=True)
class Holding:
    """One role held on a place.

    ``principal`` is the user or group the role was granted to; ``granted_at``
    the place of the grant (the place itself, or above it when inherited);
    ``via`` the group through which a user holds it (None: granted directly).
    """

    place: object
    role: str
    principal: object
    granted_at: object
    via: object = None

    @property
    def inherited(self):
        return self.granted_at is not self.place

    @property
    def direct(self):
        return self.via is None and not self.inherited


def _principal(objectmap, pid):
    try:
        return objectmap.object_for(int(pid))
    except (TypeError, ValueError):
        return None


def holders_at(resource, registry):
    """Every :class:`Holding` on ``resource``: grants on it and, unless a
    department blocks them, grants above it; groups are listed themselves
    and with each of their members (``via`` the group)."""
    global_roles = get_vocabulary(registry).global_roles
    objectmap = find_objectmap(resource)
    result = []
    blocked = False
    for node in lineage(resource):
        for pid, roles in sorted(get_local_roles(node).items(), key=lambda kv: str(kv[0])):
            principal = _principal(objectmap, pid)
            if principal is None:
                continue
            for role in sorted(roles):
                if blocked and role not in global_roles:
                    continue
                result.append(Holding(resource, role, principal, node))
                if IGroup.providedBy(principal):
                    for member in _members(objectmap, principal):
                        result.append(Holding(resource, role, member, node, via=principal))
        if getattr(node, BLOCK_ATTR, False):
            blocked = True
    return result


def _members(objectmap, group):
    members = []
    for oid in group.memberids:
        user = objectmap.object_for(oid)
        if user is not None and IUser.providedBy(user):
            members.append(user)
    return sorted(members, key=lambda u: u.__name__)


def grant_index(root):
    """``{principal oid: [(place resource, role), ...]}`` of every grant on
    every place: one walk, for pages that ask about many principals."""
    index = {}
    for place in places(root):
        for pid, roles in get_local_roles(place.resource).items():
            try:
                key = int(pid)
            except (TypeError, ValueError):
                continue
            for role in sorted(roles):
                index.setdefault(key, []).append((place.resource, role))
    return index


def roles_of_user(user, root, index=None):
    """Every :class:`Holding` of ``user`` where a role was granted to the user
    or one of the user's groups (the place of the grant; a grant reaches the
    places below it as :func:`holders_at` tells).  ``index`` is a
    :func:`grant_index` to reuse."""
    index = grant_index(root) if index is None else index
    objectmap = find_objectmap(root)
    result = [Holding(r, role, user, r) for r, role in index.get(get_oid(user), ())]
    for gid in user.groupids:
        group = objectmap.object_for(gid)
        if group is None:
            continue
        result.extend(Holding(r, role, group, r, group) for r, role in index.get(gid, ()))
    return result


def duty_roles_of(user, root, registry, index=None):
    """The duty roles (三员) ``user`` holds anywhere, directly or through a
    group.  Duty roles are granted at the root; other places are checked too,
    so a grant made by hand elsewhere still counts."""
    duties = get_vocabulary(registry).duty_roles
    return sorted({h.role for h in roles_of_user(user, root, index) if h.role in duties})


def group_roles(group, root):
    """``{role, ...}`` the group holds anywhere."""
    gid = get_oid(group)
    roles = set()
    for place in places(root):
        roles |= set(get_local_roles(place.resource).get(gid, ()))
    return roles


def editable_groups(root):
    """Groups whose membership 管理 may change: every group whose roles are
    all :func:`offered_roles` (department groups, 门户编辑, 审计员 …); a group
    holding a duty role, or no role at all, is left to the command line."""
    groups = find_service(root, "principals", "groups")
    offered = offered_roles(get_current_registry())
    result = []
    for group in groups.values():
        roles = group_roles(group, root)
        if roles and roles <= set(offered):
            result.append(group)
    return sorted(result, key=lambda g: g.__name__)


def group_places(group, root):
    """[(place, roles)] where ``group`` holds roles."""
    gid = get_oid(group)
    result = []
    for place in places(root):
        roles = get_local_roles(place.resource).get(gid)
        if roles:
            result.append((place, tuple(sorted(roles))))
    return result
