"""Catalog queries for public listings."""

from substanced.util import find_catalog, get_oid

from ..catalog import CATALOG_NAME


def published_in(container, limit=20, content_type="Document"):
    """Listed (published) items directly inside ``container``, newest first."""
    system = find_catalog(container, "system")
    gov = find_catalog(container, CATALOG_NAME)
    if system is None or gov is None:
        return []
    path = system["path"]
    query = (
        path.eq(container, depth=1, include_origin=False)
        & system["content_type"].eq(content_type)
        & gov["state"].eq("published")
    )
    result = query.execute()
    result = result.sort(gov["publish_date"], reverse=True, limit=limit, raise_unsortable=False)
    return list(result)


def children_of_type(container, content_type, request):
    """Child containers of a type that the visitor may view (a closed column
    is left out), ordered by their ``position`` then title."""
    registry = request.registry
    items = [
        v
        for v in container.values()
        if registry.content.istype(v, content_type) and request.has_permission("view", v)
    ]
    return sorted(items, key=lambda c: (getattr(c, "position", 100), c.title, get_oid(c, 0)))
