"""智能问答's answers: from what is published, offline.

:func:`ask` searches the site search index (:mod:`govportal.search.index`)
with the site search's own query understanding (:mod:`govportal.search.query`:
question words, synonyms, 文号), among what the public may see of the whole
site group, and sorts what it finds into

1. knowledge-base entries (their answers are shown),
2. service guides — first those the best entry links to, then those found,
3. documents.

On a department's page the department's own results come first.  A question
that finds nothing is an *unanswered question* (:func:`.counts.note_gap`);
an answered one counts for its best entry's hot-question rank
(:func:`.counts.note_served`).
"""

from dataclasses import dataclass, field

from BTrees.LFBTree import LFTreeSet
from pyramid.security import Everyone
from pyramid_zodbconn import get_connection
from substanced.interfaces import IRoot
from substanced.util import find_catalog, find_objectmap, get_oid

from ...catalog import CATALOG_NAME
from ...content import IDocument
from ...search import query as search_query
from ...search.index import get_index
from ...search.sources import searchable_states
from ...services.guide import IServiceGuide
from .model import IKnowledgeEntry, linked, site_of

MAX_ENTRIES = 3
MAX_GUIDES = 5
MAX_DOCUMENTS = 5
#: results scoring less than this share of the best of their kind are left out
RELATIVE = 0.4


@dataclass
class Found:
    obj: object
    score: float
    own: bool = True  # in the asking department (always true on the portal)


@dataclass
class Answer:
    q: str
    parsed: object = None
    regex: object = None
    entries: list = field(default_factory=list)
    guides: list = field(default_factory=list)
    documents: list = field(default_factory=list)
    ready: bool = True  # False while the index is being built

    @property
    def found(self):
        return bool(self.entries or self.guides or self.documents)


def parse(request, text):
    """``text`` parsed as the site search parses it (with the site's synonym
    dictionary: :func:`govportal.search.synonyms.understand`)."""
    from ...search.synonyms import understand

    return understand(request, text, request.root)


def _scope(request):
    """Docids the public may find (searchable states), as an LF set."""
    root = request.root
    catalog = find_catalog(root, CATALOG_NAME)
    if catalog is None:
        return LFTreeSet()
    return LFTreeSet(catalog["state"].applyEq(list(searchable_states(request.registry))))


def _public(request, docids):
    objectmap = find_objectmap(request.root)
    return set(objectmap.allowed(list(docids), [Everyone], "view"))


def _kind(obj):
    if IKnowledgeEntry.providedBy(obj):
        return "entries"
    if IServiceGuide.providedBy(obj):
        return "guides"
    if IDocument.providedBy(obj):
        return "documents"
    return None


def ask(request, site, text):
    """The :class:`Answer` to ``text`` asked on ``site`` (portal or department)."""
    text = search_query.clean(text)
    answer = Answer(q=text)
    index = get_index(get_connection(request).root())
    if index is None:
        answer.ready = False
        return answer
    parsed = answer.parsed = parse(request, text)
    if not parsed:
        return answer
    hits, mode = index.search(parsed, _scope(request))
    answer.regex = parsed.coverage_regex() if mode == "coverage" else parsed.exact_regex()
    public = _public(request, [h.docid for h in hits])
    objectmap = find_objectmap(request.root)
    department = None if IRoot.providedBy(site) else site
    found = {"entries": [], "guides": [], "documents": []}
    for hit in hits:
        if hit.docid not in public:
            continue
        obj = objectmap.object_for(hit.docid)
        kind = _kind(obj) if obj is not None else None
        if kind is None or not request.has_permission("view", obj):
            continue
        own = department is None or site_of(obj) is department
        found[kind].append(Found(obj, hit.score, own))
    for items in found.values():
        # far weaker matches than the best are noise (a word of the answer)
        best = max((f.score for f in items), default=0.0)
        items[:] = [f for f in items if f.score >= RELATIVE * best]
        # the asking department's own first, each part best first (stable)
        items.sort(key=lambda f: not f.own)
    answer.entries = found["entries"][:MAX_ENTRIES]
    answer.guides = _with_linked(request, answer.entries, found["guides"], public)[:MAX_GUIDES]
    answer.documents = found["documents"][:MAX_DOCUMENTS]
    return answer


def _with_linked(request, entries, guides, public):
    """The guides the best entry links to (when public), then the others."""
    if not entries:
        return guides
    first = []
    for target in linked(entries[0].obj):
        if IServiceGuide.providedBy(target) and get_oid(target, None) in _public(
            request, [get_oid(target, 0)]
        ):
            first.append(Found(target, 0.0, True))
    known = {get_oid(f.obj) for f in first}
    return first + [g for g in guides if get_oid(g.obj) not in known]


def snippet(request, answer, obj):
    """An escaped HTML excerpt of ``obj``'s indexed text around the match."""
    index = get_index(get_connection(request).root())
    record = index.records.get(get_oid(obj, 0)) if index is not None else None
    if record is None:
        return ""
    return search_query.snippet(record.snippet_texts(), answer.regex)


def highlight(answer, text):
    return search_query.highlight(text, answer.regex)
