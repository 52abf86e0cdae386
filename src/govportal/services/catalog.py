"""The ``services`` catalog: what the 办事服务 hall filters service guides by.

Substance D indexes every catalogued object in every catalog it finds; the
index views here are registered for :class:`~.guide.IServiceGuide` only, so
other content is left out of every index (a Field or Keyword index does not
keep the default).  Workflow state, path and content type come from the
``govportal`` and ``system`` catalogs: queries combine them.

Indexes
-------
``themes``, ``user_types``, ``life_events`` (Keyword: the guide's codes);
``lead`` (Field: the handling site's URL name, :data:`PORTAL_LEAD` for the
portal — the guide's ``lead_department``, else the site the guide is
published in);
``item_type`` and ``online_mode`` (Field); ``title`` (Field, for sorting).

:func:`ensure_guide_catalog` creates the catalog and indexes the guides a
site already has (site set-up, idempotent: ``govportal-init`` runs it).
"""

from pyramid.threadlocal import get_current_registry
from substanced.catalog import Field, Keyword, catalog_factory, indexview, indexview_defaults
from substanced.util import find_catalog, find_objectmap, get_oid

from ..catalog import CATALOG_NAME
from ..content import find_department
from ..public.listing import hidden_document_ids
from ..workflow import facts
from .guide import IServiceGuide

SERVICES_CATALOG = "services"
#: The ``lead`` value of guides the portal itself handles (no department
#: has this URL name: they are letters and digits).
PORTAL_LEAD = "_portal"
GUIDE_TYPE = "ServiceGuide"
#: The filters a hall URL may carry (GET parameter = index name).
FILTERS = ("theme", "user_type", "life_event", "lead", "item_type")
_INDEX_OF = {
    "theme": "themes",
    "user_type": "user_types",
    "life_event": "life_events",
    "lead": "lead",
    "item_type": "item_type",
}


@catalog_factory(SERVICES_CATALOG)
class ServiceIndexes:
    themes = Keyword()
    user_types = Keyword()
    life_events = Keyword()
    lead = Field()
    item_type = Field()
    online_mode = Field()
    title = Field()


def lead_of(guide):
    """The URL name of the site handling ``guide`` ("" for the portal)."""
    if guide.lead_department:
        return guide.lead_department
    department = find_department(guide)
    return department.__name__ if department is not None else ""


def lead_key(site_name):
    """The ``lead`` index value of a site's URL name ("" is the portal)."""
    return site_name or PORTAL_LEAD


@indexview_defaults(catalog_name=SERVICES_CATALOG, context=IServiceGuide)
class ServiceIndexViews:
    def __init__(self, resource):
        self.resource = resource

    def _codes(self, name, default):
        return sorted(set(getattr(self.resource, name, ()) or ())) or default

    @indexview()
    def themes(self, default):
        return self._codes("themes", default)

    @indexview()
    def user_types(self, default):
        return self._codes("user_types", default)

    @indexview()
    def life_events(self, default):
        return self._codes("life_events", default)

    @indexview()
    def lead(self, default):
        return lead_key(lead_of(self.resource))

    @indexview()
    def item_type(self, default):
        return self.resource.item_type or default

    @indexview()
    def online_mode(self, default):
        return self.resource.online_mode or default

    @indexview()
    def title(self, default):
        return self.resource.title or default


def ensure_guide_catalog(root, registry=None):
    """Create the ``services`` catalog if absent and index every guide."""
    catalogs = root["catalogs"]
    if SERVICES_CATALOG in catalogs:
        return catalogs[SERVICES_CATALOG]
    catalog = catalogs.add_catalog(SERVICES_CATALOG, update_indexes=False)
    catalog.update_indexes(registry=registry, replace=True)
    system = find_catalog(root, "system")
    objectmap = find_objectmap(root)
    for oid in system["content_type"].applyEq(GUIDE_TYPE):
        guide = objectmap.object_for(oid)
        if guide is not None:
            catalog.index_resource(guide, oid=oid)
    return catalog


# -- queries ----------------------------------------------------------------------


def _catalogs(context):
    return (
        find_catalog(context, "system"),
        find_catalog(context, CATALOG_NAME),
        find_catalog(context, SERVICES_CATALOG),
    )


def listed_guide_ids(context, under=None, container=None, hidden=None, **filters):
    """Oids of the listed (published) guides under ``under`` (default: the
    whole site group) or directly in ``container``, matching ``filters``
    (names of :data:`FILTERS`, a value each; ``None`` or ``""`` ignores a
    filter; ``lead`` takes :func:`lead_key` values).  Guides in closed
    columns are left out (``hidden``: their oids, when the caller has them)."""
    system, gov, services = _catalogs(context)
    if system is None or gov is None or services is None:
        return []
    registry = get_current_registry()
    query = system["content_type"].eq(GUIDE_TYPE) & gov["state"].any(
        list(facts.listed_states(registry, GUIDE_TYPE))
    )
    if under is not None:
        query &= system["path"].eq(under, include_origin=False)
    if container is not None:
        query &= system["path"].eq(container, depth=1, include_origin=False)
    for name, value in filters.items():
        if value is None or value == "":
            continue
        query &= services[_INDEX_OF[name]].eq(value)
    ids = list(query.execute().ids)
    if hidden is None:
        hidden = hidden_document_ids(context)
    return [oid for oid in ids if oid not in hidden]


def sorted_guides(context, ids, start=0, limit=None):
    """The guides ``ids`` sorted by title (then oid), a page of them."""
    services = find_catalog(context, SERVICES_CATALOG)
    if services is None or not ids:
        return []
    objectmap = find_objectmap(context)
    ordered = list(services["title"].sort(ids, raise_unsortable=False))
    end = None if limit is None else start + limit
    return [g for g in (objectmap.object_for(oid) for oid in ordered[start:end]) if g is not None]


def counts(context, ids, filter_name):
    """``{value: number of guides among ids}`` for one filter's index."""
    services = find_catalog(context, SERVICES_CATALOG)
    result = {}
    if services is None:
        return result
    index = services[_INDEX_OF[filter_name]]
    rev = index._rev_index
    for oid in ids:
        value = rev.get(oid)
        if value is None:
            continue
        for v in (value,) if isinstance(value, str) else value:
            result[v] = result.get(v, 0) + 1
    return result


def guide_oid(guide):
    return get_oid(guide, None)
