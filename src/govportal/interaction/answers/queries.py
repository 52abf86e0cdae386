"""Finding knowledge-base entries: published ones of a site (or all), the
hot questions and the suggestions while typing."""

from pyramid.security import Everyone
from substanced.interfaces import IRoot
from substanced.util import find_catalog, find_objectmap

from ...catalog import CATALOG_NAME
from ...search.splitter import fold
from ...workflow import facts
from .counts import figures
from .model import TYPE, IKnowledgeEntry, site_of

HOT_LIMIT = 10
SUGGEST_LIMIT = 8


def all_entries(context):
    """Every knowledge-base entry of the site group (any state)."""
    system = find_catalog(context, "system")
    return [e for e in system["content_type"].eq(TYPE).execute() if e is not None]


def published_entries(request, site=None):
    """The entries the public may read (listed states, public ACL), of
    ``site`` only when given (a department), else of every site."""
    root = request.root
    catalog = find_catalog(root, CATALOG_NAME)
    system = find_catalog(root, "system")
    states = list(facts.listed_states(request.registry, TYPE))
    query = system["content_type"].eq(TYPE) & catalog["state"].any(states)
    if site is not None and not IRoot.providedBy(site):
        query = query & system["path"].eq(site)
    oids = list(query.execute().ids)
    public = set(find_objectmap(root).allowed(oids, [Everyone], "view"))
    objectmap = find_objectmap(root)
    entries = [objectmap.object_for(oid) for oid in oids if oid in public]
    return [e for e in entries if IKnowledgeEntry.providedBy(e)]


def hot_entries(request, site, limit=HOT_LIMIT):
    """Pinned entries first, then the most often given as the best answer;
    on a department, its own entries before the others."""
    department = None if IRoot.providedBy(site) else site
    entries = published_entries(request)

    def key(entry):
        served = figures(entry)[0]
        own = department is None or site_of(entry) is department
        return (not entry.pinned, not own, -served, entry.title)

    return sorted(entries, key=key)[:limit]


def suggestions(request, site, text, limit=SUGGEST_LIMIT):
    """``[(entry, label)]`` whose question or other wording holds what was
    typed (folded), the question's start first, hot ones before others."""
    needle = "".join(fold(text or "").split())
    if not needle:
        return []
    department = None if IRoot.providedBy(site) else site
    rows = []
    for entry in published_entries(request):
        own = department is None or site_of(entry) is department
        for position, label in enumerate((entry.title, *(entry.wordings or ()))):
            hay = "".join(fold(label or "").split())
            at = hay.find(needle)
            if at >= 0:
                served = figures(entry)[0]
                rows.append(((at > 0, not own, -served, position, label), entry, label))
                break
    rows.sort(key=lambda r: r[0])
    return [(entry, label) for _k, entry, label in rows[:limit]]
