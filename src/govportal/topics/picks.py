"""Items picked into a special topic's column BY REFERENCE.

The item keeps living in its department's column; the oids of the topic
columns it was picked into are stored on the item itself
(:data:`PICKS_ATTR`, a tuple), which the placement source returns: the
``placed_in`` index (:mod:`govportal.catalog.placements`) then makes the
column's public listing show it, filtered by the item's own state — a
retraction or archiving of the item removes it from every topic at once.
Picking twice (a replayed POST) changes nothing.
"""

from pyramid.threadlocal import get_current_registry
from substanced.util import find_catalog, get_oid

from ..catalog import CATALOG_NAME
from ..catalog.placements import INDEX, reindex_placements
from ..public.listing import DOCUMENT, hidden_document_ids, hidden_from_public
from ..workflow import get_state
from ..workflow.facts import listed_states

PICKS_ATTR = "special_topic_picks"
#: newest published items the picker looks through (bounded)
PICKER_WINDOW = 2000


def picked_into(resource):
    """Placement source: the topic column oids ``resource`` was picked into."""
    return getattr(resource, PICKS_ATTR, ())


def is_pickable(item, request):
    """A published document a visitor can see (of any site of the group; not
    in a closed column nor inside a topic the public may not see)."""
    registry = request.registry
    if not registry.content.istype(item, DOCUMENT):
        return False
    if get_state(item, registry) not in listed_states(registry, DOCUMENT):
        return False
    return not hidden_from_public(item, registry)


def pick(item, column):
    """Place ``item`` in ``column``; False when it already was (nothing written)."""
    oid = get_oid(column)
    current = tuple(getattr(item, PICKS_ATTR, ()))
    if oid in current:
        return False
    setattr(item, PICKS_ATTR, (*current, oid))
    reindex_placements(item)
    return True


def unpick(item, column):
    """Take ``item`` out of ``column``; False when it was not there."""
    oid = get_oid(column)
    current = tuple(getattr(item, PICKS_ATTR, ()))
    if oid not in current:
        return False
    setattr(item, PICKS_ATTR, tuple(o for o in current if o != oid))
    reindex_placements(item)
    return True


def picked_items(column):
    """Every item picked into ``column`` (whatever its state), newest first."""
    gov = find_catalog(column, CATALOG_NAME)
    oid = get_oid(column, None)
    if gov is None or oid is None or INDEX not in gov:
        return []
    result = gov[INDEX].any([oid]).execute()
    ordered = result.sort(gov["publish_date"], reverse=True, raise_unsortable=False)
    return [item for item in ordered if item is not None and oid in picked_into(item)]


def candidates(context, words="", department=None, limit=30):
    """Published documents of the site group for the picker: the newest
    :data:`PICKER_WINDOW` are looked through for ``words`` in the title
    (bounded), optionally of one ``department`` (its name)."""
    system = find_catalog(context, "system")
    gov = find_catalog(context, CATALOG_NAME)
    if system is None or gov is None:
        return []
    registry = get_current_registry()
    query = system["content_type"].eq(DOCUMENT) & gov["state"].any(
        listed_states(registry, DOCUMENT)
    )
    if department:
        query &= gov["department"].eq(department)
    ordered = query.execute().sort(
        gov["publish_date"], reverse=True, limit=PICKER_WINDOW, raise_unsortable=False
    )
    hidden = hidden_document_ids(context)
    found = []
    for item in ordered:
        if item is None or get_oid(item, None) in hidden:
            continue
        if words and words not in (getattr(item, "title", "") or ""):
            continue
        found.append(item)
        if len(found) >= limit:
            break
    return found


def drop_picks_of_removed(event, removed, container):
    """ObjectWillBeRemoved: a topic column (or a whole topic) going away
    takes its picks with it, so no item keeps a placement in a column that
    no longer exists (a move keeps its oid, and so its picks)."""
    from .model import ISpecialTopic, is_topic_column

    if getattr(event, "moving", None) is not None:
        return
    if ISpecialTopic.providedBy(removed):
        columns = [c for c in removed.values() if is_topic_column(c)]
    elif is_topic_column(removed):
        columns = [removed]
    else:
        return
    for column in columns:
        for item in picked_items(column):
            unpick(item, column)
