"""Catalog queries for public listings."""

from pyramid.threadlocal import get_current_registry
from substanced.util import find_catalog, find_objectmap, get_oid

from ..catalog import CATALOG_NAME
from ..catalog.placements import INDEX as PLACED_IN
from ..catalog.placements import placement_targets_under
from ..workflow.facts import all_states, listed_states, visitor_states

PAGE_SIZE = 20
MAX_PAGE = 10_000


#: The content type every listing shows; others join with ``add_listed_type``.
DOCUMENT = "Document"


def add_listed_type(config, content_type):
    """Directive: list published items of ``content_type`` in column pages,
    feeds and the sitemap beside documents (newest first by their
    ``publish_date``), e.g. consultations and surveys in their columns.  The
    disclosure catalogue (信息公开目录) keeps to documents."""

    def register():
        registry = config.registry
        types = getattr(registry, "govportal_listed_types", (DOCUMENT,))
        if content_type not in types:
            registry.govportal_listed_types = (*types, content_type)

    config.action(("govportal.listed_type", content_type), register)


def listed_types(registry):
    """The content types that column listings show."""
    return getattr(registry, "govportal_listed_types", (DOCUMENT,))


def add_listing_query(config, iface, func):
    """Directive: ``func(container) -> hypatia query or None`` for containers
    providing ``iface``: the query is OR'd into the container's listing
    filter (the listed-state and type filters still apply to every item), so
    its column page, feed and paging show what it matches (e.g. a special
    topic's saved query, govportal.topics).  Keep it bounded: catalog
    indexes only."""

    def register():
        queries = getattr(config.registry, "govportal_listing_queries", ())
        config.registry.govportal_listing_queries = (*queries, (iface, func))

    config.action(("govportal.listing_query", iface, func), register)


def add_gating_type(config, content_type):
    """Directive: containers of ``content_type`` hide what they hold from
    every public listing (deep listings, feeds, sitemap, search, the API)
    while their own workflow state is not one visitors may ``view`` — as a
    closed column does (e.g. a draft special topic, govportal.topics)."""

    def register():
        types = gating_types(config.registry)
        if content_type not in types:
            config.registry.govportal_gating_types = (*types, content_type)

    config.action(("govportal.gating_type", content_type), register)


def gating_types(registry):
    """Container types whose non-public states hide their contents."""
    return getattr(registry, "govportal_gating_types", ("Column",))


def _hidden_states(registry, content_type):
    if content_type not in registry.govportal_workflow_bindings:
        return []
    visible = visitor_states(registry, content_type)
    return [name for name in all_states(registry, content_type) if name not in visible]


def hidden_from_public(resource, registry=None):
    """True when a container above ``resource`` hides it from the public (a
    closed column, a draft special topic...; see :func:`add_gating_type`)."""
    from ..workflow import get_state

    registry = registry or get_current_registry()
    node = getattr(resource, "__parent__", None)
    while node is not None:
        for content_type in gating_types(registry):
            if registry.content.istype(node, content_type) and get_state(
                node, registry
            ) in _hidden_states(registry, content_type):
                return True
        node = getattr(node, "__parent__", None)
    return False


def _or_extra(where, container, registry):
    """``where``, or what the listing queries of ``container`` match."""
    for iface, func in getattr(registry, "govportal_listing_queries", ()):
        if iface.providedBy(container):
            extra = func(container)
            if extra is not None:
                where = where | extra
    return where


def _type_query(system, gov, registry, types):
    query = None
    for content_type in types:
        listed = listed_states(registry, content_type)
        part = system["content_type"].eq(content_type) & gov["state"].any(listed)
        query = part if query is None else query | part
    return query


def _or_placed(where, gov, targets):
    """``where``, or placed by reference in one of the ``targets`` (container
    oids; see :mod:`govportal.catalog.placements`)."""
    targets = [oid for oid in targets if oid is not None]
    if not targets or PLACED_IN not in gov:
        return where
    return where | gov[PLACED_IN].any(targets)


def _published_query(context, types=None, **filters):
    system = find_catalog(context, "system")
    gov = find_catalog(context, CATALOG_NAME)
    if system is None or gov is None:
        return None, None
    registry = get_current_registry()
    query = _type_query(system, gov, registry, types or listed_types(registry))
    for name, value in filters.items():
        if name == "container":
            here = system["path"].eq(value, depth=1, include_origin=False)
            query &= _or_placed(_or_extra(here, value, registry), gov, [get_oid(value, None)])
        elif name == "under":
            query &= _or_placed(
                system["path"].eq(value, include_origin=False), gov, placement_targets_under(value)
            )
        elif value is not None:
            query &= gov[name].eq(value)
    return query, gov


def published_in(container, limit=20, start=0, **filters):
    """Listed (published) documents directly inside ``container``, newest first."""
    items, _total = published_page(container, start=start, limit=limit, **filters)
    return items


def hidden_document_ids(context):
    """Oids of items inside containers that visitors may not see (a closed
    column hides its published documents, see the column workflow; other
    container types join with :func:`add_gating_type`)."""
    system = find_catalog(context, "system")
    gov = find_catalog(context, CATALOG_NAME)
    registry = get_current_registry()
    if system is None or gov is None:
        return set()
    hidden = set()
    for content_type in gating_types(registry):
        hidden_states = _hidden_states(registry, content_type)
        if not hidden_states:
            continue
        query = system["content_type"].eq(content_type) & gov["state"].any(hidden_states)
        for container in query.execute():
            hidden.update(system["path"].eq(container, include_origin=False).execute().ids)
    return hidden


def hidden_among(container, ids, deep=False):
    """Which of ``ids`` (a listing of ``container``) the public may not see:
    deep, whatever a closed container hides; otherwise the items shown here
    from elsewhere (placed by reference, matched by a listing query) that a
    closed container hides — the container's own items answer to it."""
    if not deep:
        system = find_catalog(container, "system")
        own = system["path"].eq(container, depth=1, include_origin=False).execute().ids
        ids = [oid for oid in ids if oid not in own]
        if not ids:
            return set()
    hidden = hidden_document_ids(container)
    return {oid for oid in ids if oid in hidden}


def published_page(container, start=0, limit=PAGE_SIZE, deep=False, types=None, **filters):
    """A page of published items in (``deep``: anywhere under) ``container``:
    documents and the types added with ``add_listed_type`` (``types``: only
    these content types).

    Returns ``(items, total)``, newest first; what closed containers hide is
    left out (:func:`hidden_among`).
    """
    where = {"under": container} if deep else {"container": container}
    query, gov = _published_query(container, types=types, **where, **filters)
    if query is None:
        return [], 0
    result = query.execute()
    hidden = hidden_among(container, result.ids, deep)
    if not hidden:
        total = len(result)
        ordered = result.sort(
            gov["publish_date"], reverse=True, limit=start + limit, raise_unsortable=False
        )
        return list(ordered)[start : start + limit], total
    ids = [oid for oid in result.ids if oid not in hidden]
    ordered = gov["publish_date"].sort(
        ids, reverse=True, limit=start + limit, raise_unsortable=False
    )
    objectmap = find_objectmap(container)
    page = [objectmap.object_for(oid) for oid in list(ordered)[start : start + limit]]
    return page, len(ids)


def facet_values(context, index_name, **filters):
    """Distinct values of a govportal index among published documents, with counts."""
    query, gov = _published_query(context, types=(DOCUMENT,), **filters)
    if query is None:
        return []
    hidden = hidden_document_ids(context)
    docids = [oid for oid in query.execute().ids if oid not in hidden]
    index = gov[index_name]
    counts = {}
    for docid in docids:
        value = index._rev_index.get(docid)
        if value is not None:
            counts[value] = counts.get(value, 0) + 1
    return sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))


def page_number(request, name="page"):
    """The requested page number (1-based); bad values fall back to 1."""
    raw = request.GET.get(name, "1")
    try:
        number = int(raw)
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), MAX_PAGE)


def children_of_type(container, content_type, request):
    """Child containers of a type that the visitor may view (a closed column
    is left out), ordered by their ``position`` then title."""
    system = find_catalog(container, "system")
    if system is not None and get_oid(container, None) is not None:
        # From the catalog: iterating the folder would load every document
        # of a column to find its few subcolumns.
        query = system["content_type"].eq(content_type) & system["path"].eq(
            container, depth=1, include_origin=False
        )
        candidates = [v for v in query.execute() if v is not None]
    else:
        registry = request.registry
        candidates = [v for v in container.values() if registry.content.istype(v, content_type)]
    items = [v for v in candidates if request.has_permission("view", v)]
    return sorted(items, key=lambda c: (getattr(c, "position", 100), c.title, get_oid(c, 0)))
