"""Items shown in containers by reference (信息报送, 专题).

An item lives in one place (its department's column) and may also be *placed*
in other containers — a portal column that accepted it, a topic that gathers
it — without a copy: one record, so a new approval, a retraction or an
archiving shows everywhere at once.  Features say where an item is placed by
registering a *placement source* (``config.add_placement_source(func)``):
``func(resource)`` returns the oids of the containers it is placed in.  The
``placed_in`` index of the govportal catalog holds their union, and the
public listings of a container (:mod:`govportal.public.listing`) show the
items placed in it beside its own, filtered by the item's own state.

A feature that changes a placement calls :func:`reindex_placements` on the
item, in the same transaction.
"""

from pyramid.threadlocal import get_current_registry
from substanced.util import find_catalog, find_objectmap, get_oid

INDEX = "placed_in"


def add_placement_source(config, func):
    """Directive: ``func(resource) -> iterable of container oids``."""

    def register():
        sources = getattr(config.registry, "govportal_placement_sources", ())
        config.registry.govportal_placement_sources = (*sources, func)

    config.action(("govportal.placement_source", func), register)


def placements_of(resource, registry=None):
    """The oids of the containers ``resource`` is placed in (sorted)."""
    registry = registry or get_current_registry()
    oids = set()
    for source in getattr(registry, "govportal_placement_sources", ()):
        oids.update(int(oid) for oid in source(resource) or ())
    return sorted(oids)


def reindex_placements(resource):
    """Refresh ``resource``'s ``placed_in`` entry (after a placement changed)."""
    from . import CATALOG_NAME

    catalog = find_catalog(resource, CATALOG_NAME)
    oid = get_oid(resource, None)
    if catalog is None or oid is None or INDEX not in catalog:
        return
    catalog[INDEX].reindex_resource(resource, oid=oid)


def placement_targets_under(container):
    """The oids of ``container`` and of every container under it that has
    items placed in it (for deep listings)."""
    from . import CATALOG_NAME

    catalog = find_catalog(container, CATALOG_NAME)
    if catalog is None or INDEX not in catalog:
        return []
    targets = list(catalog[INDEX]._fwd_index.keys())
    if not targets:
        return []
    objectmap = find_objectmap(container)
    under = objectmap.pathlookup(container, include_origin=True)
    return [oid for oid in targets if oid in under]


def includeme(config):
    config.add_directive("add_placement_source", add_placement_source)
