"""The API's item queries, built on the public site's own
(:mod:`govportal.public.listing`, :mod:`govportal.services.catalog`, the
published-letters index): the same notion of "published" and the same
newest-first order by 发布日期; the API only adds its filters (sites of the
grant, topic, date range).
"""

from substanced.util import find_catalog, find_objectmap

from ..public.listing import _published_query, hidden_among
from .access import PORTAL, site_key


def _under(context, site):
    system = find_catalog(context, "system")
    return set(system["path"].eq(site, include_origin=False).execute().ids)


def _departments(root):
    system = find_catalog(root, "system")
    return [d for d in system["content_type"].eq("Department").execute() if d is not None]


def scope_filter(root, scope):
    """A predicate on oids: the item is in one of the sites keyed ``scope``
    (a site outside the scope — or not public — contributes nothing)."""
    outside = set()
    inside = set()
    for department in _departments(root):
        ids = _under(root, department)
        (inside if site_key(department) in scope else outside).update(ids)
    if PORTAL in scope:
        return lambda oid: oid not in outside
    return lambda oid: oid in inside


def items_page(root, container, deep, scope, start, limit, topic=None, begin=None, end=None):
    """``(items, total)``: listed items in (``deep``: under) ``container``,
    newest first, limited to the sites ``scope`` (None: no limit)."""
    where = {"under": container} if deep else {"container": container}
    query, gov = _published_query(container, topic=topic or None, **where)
    if query is None:
        return [], 0
    if begin is not None:
        query &= gov["publish_date"].ge(begin)
    if end is not None:
        query &= gov["publish_date"].le(end)
    ids = query.execute().ids
    hidden = hidden_among(container, ids, deep)
    keep = scope_filter(root, scope) if scope is not None else (lambda oid: True)
    ids = [oid for oid in ids if oid not in hidden and keep(oid)]
    ordered = gov["publish_date"].sort(
        ids, reverse=True, limit=start + limit, raise_unsortable=False
    )
    objectmap = find_objectmap(container)
    return [objectmap.object_for(oid) for oid in list(ordered)[start : start + limit]], len(ids)


def guides_page(root, scope, start, limit):
    """Listed guides (as the 办事服务 hall lists them, by title) whose
    handling site is in ``scope``."""
    from ..services import catalog

    ids = catalog.listed_guide_ids(root)
    services = find_catalog(root, catalog.SERVICES_CATALOG)
    leads = services["lead"]._rev_index if services is not None else {}

    def key_of(oid):
        lead = leads.get(oid)
        return PORTAL if lead in (None, "", catalog.PORTAL_LEAD) else lead

    ids = [oid for oid in ids if key_of(oid) in scope]
    return catalog.sorted_guides(root, ids, start=start, limit=limit), len(ids)


def letters_page(root, registry, sites, start, limit):
    """Published letters of ``sites`` as ``@@letters`` lists them, newest reply first."""
    from ..interaction.letters.views_public import _sort_key, published_letters

    letters = published_letters(root, registry, set(sites))
    letters.sort(key=_sort_key, reverse=True)
    return letters[start : start + limit], len(letters)
