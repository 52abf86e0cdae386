"""What the search page's filters offer and what they leave out: the
viewable columns of a site (from the system catalog, not by walking folders)
and everything inside a column or sub-site the public may not view
(:mod:`.views`)."""

from BTrees.LFBTree import multiunion
from pyramid.security import Everyone
from pyramid.threadlocal import get_current_registry
from substanced.util import find_catalog, get_oid

from ..public.listing import gating_types


def viewable(request, resource):
    return request.has_permission("view", resource)


def children(container, iface, request):
    items = [v for v in container.values() if iface.providedBy(v) and viewable(request, v)]
    return sorted(items, key=lambda c: (getattr(c, "position", 100), c.title or "", c.__name__))


def columns_by_parent(root, request):
    """The viewable columns of the site by their container's oid, found in
    the system catalog: walking the folders would load every document of
    every column (10,000 of them made each search cost a second)."""
    catalog = find_catalog(root, "system")
    by_parent = {}
    for column in catalog["content_type"].eq("Column").execute():
        if column is not None and viewable(request, column):
            by_parent.setdefault(get_oid(column.__parent__, None), []).append(column)
    for columns in by_parent.values():
        columns.sort(key=lambda c: (getattr(c, "position", 100), c.title or "", c.__name__))
    return by_parent


def column_options(container, by_parent, prefix, depth=0, out=None):
    """``[(value, label, column)]`` of the viewable columns in ``container``,
    nested (labels indented); ``value`` is the column's path from the root."""
    out = [] if out is None else out
    for column in by_parent.get(get_oid(container, None), ()):
        value = f"{prefix}{column.__name__}"
        out.append((value, "\u3000" * depth + (column.title or column.__name__), column))
        if depth < 4:
            column_options(column, by_parent, value + "/", depth + 1, out)
    return out


def hidden_containers(root, objectmap):
    """Everything inside a column or sub-site the public may not view (an LF
    set), or None when every one is public."""
    system = find_catalog(root, "system")
    if system is None:
        return None
    types = {"Column", "Department", *gating_types(get_current_registry())}
    containers = set(system["content_type"].applyEq(sorted(types)))
    public = set(objectmap.allowed(containers, [Everyone], "view"))
    closed = containers - public
    if not closed:
        return None
    paths = (objectmap.path_for(oid) for oid in closed)
    return multiunion([objectmap.pathlookup(path) for path in paths if path is not None])
