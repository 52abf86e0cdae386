"""The 办事服务 hall: every published service guide of the site group, by
theme (第十九条), user type, department and life event.

* ``/@@services`` — the hall (a stable address), and the portal's columns of
  kind ``service`` that hold no guides themselves (the demo's 办事服务
  ``bsfw``): a search box, browsing by theme (with counts), by user type, by
  department (each with its number of guides) and by life event; each filter
  is a GET parameter (bookmarkable, no script needed), results paginated.
* a column of kind ``service`` holding guides (a department's 办事指南
  ``bszn``, 第二十条) lists its own guides, then its documents.

Nothing here writes; the pages are anonymous GETs (the render cache keeps
the unfiltered ones; filtered ones carry parameters it does not look up).
"""

from urllib.parse import urlencode

from pyramid.view import view_config
from substanced.interfaces import IRoot
from substanced.util import find_catalog

from ..content import IColumn
from ..i18n import _, translate
from ..public.listing import (
    PAGE_SIZE,
    children_of_type,
    hidden_document_ids,
    page_number,
    published_page,
)
from . import catalog
from .sites import site_named, site_title, sites
from .vocabulary import ITEM_TYPES, LIFE_EVENTS, ONLINE_MODES, THEMES, USER_TYPES, title_of

TEMPLATES = "govportal.services:templates/"
#: Longest search text taken from the URL.
MAX_QUERY = 40
SERVICE_KIND = "service"


class ServiceColumnPredicate:
    """``service_column=True``: the context is a column of kind ``service``."""

    def __init__(self, value, config):
        self.value = bool(value)

    def text(self):
        return f"service_column = {self.value}"

    phash = text

    def __call__(self, context, request):
        return (getattr(context, "kind", None) == SERVICE_KIND) == self.value


def guides_in(column):
    """Oids of the listed guides directly inside ``column``."""
    return catalog.listed_guide_ids(column, container=column)


def _vocab(vocabulary):
    return {code: title for code, title in vocabulary}


def chosen_filters(request, root):
    """The hall's filters from the GET parameters (unknown values dropped)."""
    known = {
        "theme": _vocab(THEMES),
        "user_type": _vocab(USER_TYPES),
        "life_event": _vocab(LIFE_EVENTS),
        "item_type": _vocab(ITEM_TYPES),
    }
    chosen = {}
    for name, titles in known.items():
        value = request.GET.get(name, "")
        if value in titles:
            chosen[name] = value
    lead = request.GET.get("lead", "")
    if lead == catalog.PORTAL_LEAD or (lead and site_named(root, lead) is not None):
        chosen["lead"] = lead
    return chosen


def search_text(request):
    text = request.GET.get("q", "")
    return " ".join(str(text).split())[:MAX_QUERY] if isinstance(text, str) else ""


def guide_row(guide, root, request):
    """What a result line shows of a guide."""
    site = site_named(root, catalog.lead_of(guide)) or root
    return {
        "url": request.resource_url(guide),
        "title": guide.title,
        "department": site_title(site) if site is not root else root_title(root),
        "item_type": title_of(ITEM_TYPES, guide.item_type),
        "online": guide.online_mode != "none",
        "online_title": title_of(ONLINE_MODES, guide.online_mode),
    }


def root_title(root):
    from ..content.portal import site_setting

    return site_setting(root, "legal_name") or getattr(root, "sdi_title", "")


def _matching(ids, context, text):
    """``ids`` whose guide's title holds every word of ``text``."""
    services = find_catalog(context, catalog.SERVICES_CATALOG)
    if not text or services is None:
        return ids
    titles = services["title"]._rev_index
    words = text.split()
    return [oid for oid in ids if all(w in (titles.get(oid) or "") for w in words)]


def hall_values(context, request, base_url=None):
    """Everything the hall page shows (filters, counts, a page of results);
    filter links lead to ``base_url`` (default: the context's URL)."""
    root = request.root
    chosen = chosen_filters(request, root)
    text = search_text(request)
    hidden = hidden_document_ids(root)  # once: every count below needs it

    def ids_without(name=None):
        filters = {k: v for k, v in chosen.items() if k != name}
        return _matching(catalog.listed_guide_ids(root, hidden=hidden, **filters), root, text)

    ids = ids_without()
    number = page_number(request)
    pages = max(1, -(-len(ids) // PAGE_SIZE))
    number = min(number, pages)
    guides = catalog.sorted_guides(root, ids, start=(number - 1) * PAGE_SIZE, limit=PAGE_SIZE)
    base = dict(chosen, q=text) if text else dict(chosen)

    base_url = base_url or request.resource_url(context)

    def link(**changes):
        query = {k: v for k, v in dict(base, **changes).items() if v}
        return f"{base_url}?{urlencode(query)}" if query else base_url

    def facet(name, vocabulary):
        counted = catalog.counts(root, ids_without(name), name)
        return [
            {
                "code": code,
                "title": title,
                "count": counted.get(code, 0),
                "url": link(**{name: code}),
                "current": chosen.get(name) == code,
            }
            for code, title in vocabulary
        ]

    department_counts = catalog.counts(root, ids_without("lead"), "lead")
    departments = []
    for site in sites(root):
        key = catalog.lead_key(site.__name__ if site is not root else "")
        title = root_title(root) if site is root else site_title(site)
        departments.append(
            {
                "code": key,
                "title": title,
                "count": department_counts.get(key, 0),
                "url": link(lead=key),
                "current": chosen.get("lead") == key,
            }
        )
    active = []
    titles = {
        "theme": _vocab(THEMES),
        "user_type": _vocab(USER_TYPES),
        "life_event": _vocab(LIFE_EVENTS),
        "item_type": _vocab(ITEM_TYPES),
        "lead": {d["code"]: d["title"] for d in departments},
    }
    for name, value in chosen.items():
        active.append({"title": titles[name].get(value, value), "url": link(**{name: ""})})
    if text:
        active.append({"title": f"“{text}”", "url": link(q="")})
    query = {k: v for k, v in base.items() if v}
    prefix = "".join(f"{k}={_quote(v)}&" for k, v in query.items())
    return {
        "themes": facet("theme", THEMES),
        "user_types": facet("user_type", USER_TYPES),
        "life_events": facet("life_event", LIFE_EVENTS),
        "item_types": facet("item_type", ITEM_TYPES),
        "departments": departments,
        "active": active,
        "clear_url": base_url,
        "q": text,
        "hidden_filters": sorted(chosen.items()),
        "results": [guide_row(g, root, request) for g in guides],
        "total": len(ids),
        "page": number,
        "pages": pages,
        "query_prefix": prefix,
        "action": base_url,
    }


def _quote(value):
    from urllib.parse import quote

    return quote(str(value), safe="")


@view_config(context=IRoot, name="services", permission="view", renderer=TEMPLATES + "hall.pt")
def hall_view(context, request):
    values = hall_values(context, request, request.resource_url(context, "@@services"))
    heading = translate(request, _("services-hall", default="办事服务"))
    return dict(values, heading=heading, crumbs=[context])


@view_config(context=IColumn, permission="view", service_column=True)
def service_column_view(context, request):
    """A service column: the hall (a portal column without guides of its
    own) or the list of its guides and documents."""
    from pyramid.renderers import render_to_response

    own = guides_in(context)
    at_portal = IRoot.providedBy(context.__parent__)
    if at_portal and not own:
        values = dict(hall_values(context, request), heading=context.title)
        return render_to_response(TEMPLATES + "hall.pt", values, request=request)
    return render_to_response(
        TEMPLATES + "guide_list.pt", column_values(context, request, own), request=request
    )


def column_values(column, request, own):
    """A service column's page: its guides (all of them, by title), then a
    page of its documents."""
    root = request.root
    guides = catalog.sorted_guides(column, own)
    number = page_number(request)
    items, total = published_page(column, start=(number - 1) * PAGE_SIZE, limit=PAGE_SIZE)
    pages = max(1, -(-total // PAGE_SIZE))
    return {
        "guides": [guide_row(g, root, request) for g in guides],
        "subcolumns": children_of_type(column, "Column", request),
        "items": items,
        "total": total,
        "page": min(number, pages),
        "pages": pages,
        "hall_url": request.resource_url(root, "@@services"),
    }


def includeme(config):
    config.add_view_predicate("service_column", ServiceColumnPredicate)
    config.scan(".views_hall")
