"""Catalog queries behind the workspace lists.

Every list is a query of the ``system`` and ``govportal`` catalogs (content
type, path, workflow state, department), never a walk of the tree; the few
objects a list shows are then loaded and checked with ``has_permission``, so
a list can never show an item the user may not view.

A user's *sites* are the portal root (its own columns) and each department;
the roles a user holds on a site come from local roles
(:func:`govportal.security.effective_roles`).
"""

from datetime import UTC, datetime

from substanced.util import find_catalog, find_objectmap, get_oid

from ..catalog import CATALOG_NAME
from ..content import IDepartment
from ..security import effective_roles, get_vocabulary
from ..security.localroles import places_with_grants
from ..security.vocabulary import ROLE_PREFIX
from ..workflow import facts, get_state
from ..workflow.history import get_history
from .stamps import CREATED_ATTR, CREATOR_ATTR, MODIFIED_ATTR

#: Content types the workspace lists: documents, (issue 4) working copies
#: and (issue 11) service guides and 权力清单 items, (issue 12) 智能问答 entries
#: and 在线访谈.
EDITABLE_TYPES = (
    "Document",
    "WorkingCopy",
    "ServiceGuide",
    "PowerItem",
    "KnowledgeEntry",
    "Interview",
)
#: The permissions that name the workspace's roles in the workflow files
#: (``govportal.workflow.facts``): an author submits, a reviewer approves.
AUTHOR_PERMISSION = "submit"
REVIEW_PERMISSION = "approve"
#: Most items shown per state in 我的稿件 (the newest first).
MY_LIMIT = 50


def own_principals(request):
    """The user's id and group ids (without role principals)."""
    return [p for p in request.effective_principals if not str(p).startswith(ROLE_PREFIX)]


def sites(request):
    """The portal root and every department, in display order."""
    root = request.root
    depts = [v for v in root.values() if IDepartment.providedBy(v)]
    return [root] + sorted(depts, key=lambda d: d.__name__)


def sites_with_role(request, role):
    """The sites (root or departments) on which the user holds ``role``,
    on the site itself or on any column in it (F7: an editor of one column)."""
    principals = own_principals(request)
    global_roles = get_vocabulary(request.registry).global_roles
    inside = {
        id(site_of(p))
        for p in places_with_grants(request.root)
        if role in effective_roles(p, principals, global_roles)
    }
    return [
        s
        for s in sites(request)
        if id(s) in inside or role in effective_roles(s, principals, global_roles)
    ]


def site_of(resource):
    """The department holding ``resource``, or the portal root."""
    node = resource
    while node.__parent__ is not None and not IDepartment.providedBy(node):
        node = node.__parent__
    return node


def _catalogs(context):
    return find_catalog(context, "system"), find_catalog(context, CATALOG_NAME)


def _site_query(site, system, gov, types):
    query = system["content_type"].any(list(types))
    if IDepartment.providedBy(site):
        return query & gov["department"].eq(site.__name__), None
    # the portal's own content: under the root, in no department
    return query & system["path"].eq(site, include_origin=False), site


def _ids_in_sites(request, site_list, types=EDITABLE_TYPES, states=None, editor=None):
    system, gov = _catalogs(request.root)
    if system is None or gov is None:
        return set()
    ids = set()
    departmental = set(gov["department"]._rev_index.keys())
    for site in site_list:
        query, root_only = _site_query(site, system, gov, types)
        if states is not None:
            query &= gov["state"].any(list(states))
        # A site created before the ``editors`` index existed lists every
        # item (and my_items filters) until govportal-init adds the index.
        if editor is not None and "editors" in gov:
            query &= gov["editors"].any([str(editor)])
        found = set(query.execute().ids)
        if root_only is not None:
            found -= departmental
        ids |= found
    return ids


def _objects(request, ids):
    objectmap = find_objectmap(request.root)
    for oid in ids:
        obj = objectmap.object_for(oid)
        if obj is not None and request.has_permission("view", obj):
            yield obj


def modified_at(item):
    """When ``item`` last changed (see :mod:`.stamps`), else its last
    workflow step (items created before the workspace existed)."""
    when = getattr(item, MODIFIED_ATTR, None) or getattr(item, CREATED_ATTR, None)
    if when is None:
        history = get_history(item)
        when = history[-1].when if history else None
    return when


def creator_of(item):
    """The oid of whoever created ``item`` (None if unknown)."""
    return getattr(item, CREATOR_ATTR, None)


def author_roles(registry):
    """Roles that write and submit documents (the workflow files say who)."""
    return facts.roles_granted(registry, AUTHOR_PERMISSION, "Document")


def reviewer_roles(registry):
    """Roles that approve documents (the workflow files say who)."""
    return facts.roles_granted(registry, REVIEW_PERMISSION, "Document")


def sites_with_roles(request, roles):
    """The sites on which the user holds any of ``roles`` (see
    :func:`sites_with_role`), each once, in display order."""
    found = set()
    for role in roles:
        found.update(id(s) for s in sites_with_role(request, role))
    return [s for s in sites(request) if id(s) in found]


def my_states(registry):
    """States of 我的稿件, in the order the workspace shows them: the
    document workflow's, in file order."""
    return facts.all_states(registry, "Document")


def review_states(registry):
    """States in which an item awaits review: where approval is granted."""
    states = []
    for content_type in EDITABLE_TYPES:
        if content_type in registry.govportal_workflow_bindings:
            for state in facts.states_granting(registry, REVIEW_PERMISSION, content_type):
                if state not in states:
                    states.append(state)
    return tuple(states)


def is_mine(item, userid):
    userid = str(userid)
    last = getattr(item, "last_editor", None)
    return str(creator_of(item)) == userid or (last is not None and str(last) == userid)


def my_items(request):
    """我的稿件: items the user created or last edited, by state.

    Returns ``[(state, [item, ...])]`` for :func:`my_states` (and any other
    state met), each list newest first, at most :data:`MY_LIMIT` items.
    """
    userid = request.authenticated_userid
    roles = author_roles(request.registry) + reviewer_roles(request.registry)
    ids = _ids_in_sites(request, sites_with_roles(request, roles), editor=userid)
    groups = {}
    for item in _objects(request, ids):
        if is_mine(item, userid):
            groups.setdefault(get_state(item, request.registry), []).append(item)
    epoch = datetime.min.replace(tzinfo=UTC)
    known = my_states(request.registry)
    order = list(known) + sorted(s for s in groups if s not in known)
    return [
        (
            state,
            sorted(groups.get(state, []), key=lambda i: modified_at(i) or epoch, reverse=True)[
                :MY_LIMIT
            ],
        )
        for state in order
    ]


def submitted_at(item):
    """When ``item`` entered its current state (its last history record)."""
    history = get_history(item)
    return history[-1].when if history else modified_at(item)


def review_queue(request):
    """待我审核: every item awaiting review (:func:`review_states`) in the
    sites where the user reviews and that the user may approve or reject,
    oldest first."""
    registry = request.registry
    ids = _ids_in_sites(
        request,
        sites_with_roles(request, reviewer_roles(registry)),
        states=review_states(registry),
    )
    items = [
        i
        for i in _objects(request, ids)
        if request.has_permission("approve", i) or request.has_permission("reject", i)
    ]
    epoch = datetime.min.replace(tzinfo=UTC)
    return sorted(items, key=lambda i: (submitted_at(i) or epoch, get_oid(i, 0)))


def writable_columns(request):
    """新建: the columns (in every site where the user edits) in which the
    user may add content, as ``[(site, [column, ...])]``."""
    system, _gov = _catalogs(request.root)
    result = []
    for site in sites_with_roles(request, author_roles(request.registry)):
        query = system["content_type"].eq("Column") & system["path"].eq(site, include_origin=False)
        columns = []
        for column in _objects(request, query.execute().ids):
            if IDepartment.providedBy(site) or _department_free(column):
                if request.has_permission("add_content", column):
                    columns.append(column)
        columns.sort(key=lambda c: (_path_titles(c), get_oid(c, 0)))
        if columns:
            result.append((site, columns))
    return result


def _department_free(resource):
    node = resource
    while node is not None:
        if IDepartment.providedBy(node):
            return False
        node = getattr(node, "__parent__", None)
    return True


def _path_titles(column):
    titles = []
    node = column
    while node is not None and not IDepartment.providedBy(node) and node.__parent__ is not None:
        titles.append(getattr(node, "position", 100))
        titles.append(getattr(node, "title", ""))
        node = node.__parent__
    return list(reversed(titles))


def column_label(column):
    """``上级栏目 / 栏目`` for nested columns."""
    titles = []
    node = column
    while node is not None and not IDepartment.providedBy(node) and node.__parent__ is not None:
        titles.append(getattr(node, "title", "") or node.__name__)
        node = node.__parent__
    return " / ".join(reversed(titles))


def waiting_time(since, now=None):
    """``(days, hours)`` an item has waited since ``since``."""
    if since is None:
        return 0, 0
    now = now or datetime.now(UTC)
    seconds = max(0, int((now - since).total_seconds()))
    return seconds // 86400, (seconds % 86400) // 3600
