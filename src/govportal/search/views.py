"""The search page: ``/search`` (the whole site group) and ``/<department>/search``.

Parameters (all optional, GET): ``q`` the query; ``site`` ``portal`` (the
portal's own columns) or a department's name (only on ``/search``);
``column`` a column's path such as ``jyj/gzdt``; ``topic`` a 主题分类;
``year`` a publication year; ``sort`` ``relevance`` (default) or ``date``;
``page`` from 1.  A value that is malformed or unknown is ignored and the page
is answered normally (a huge page number shows the last page); the query is
shown only escaped.  Without a query, filters list the matching documents,
newest first.

Results are published documents (``govportal`` catalog state, so a document
retracted a moment ago is gone even before the index catches up) that the
public may view (Substance D's object-map ACLs; documents in a closed column or
sub-site are left out), and each shown result is checked with
``request.has_permission('view')``.
"""

import math
import re

from BTrees.LFBTree import LFTreeSet, difference, intersection
from pyramid.security import Everyone
from pyramid.view import view_config
from pyramid_zodbconn import get_connection
from substanced.interfaces import IRoot
from substanced.util import find_catalog, find_objectmap

from ..catalog import CATALOG_NAME
from ..content import IColumn, IDepartment, find_department
from .filters import children, column_options, columns_by_parent, hidden_containers, viewable
from .index import get_index
from .indexer import get_indexer
from .query import clean, highlight, snippet
from .sources import searchable_states
from .synonyms import understand

PAGE_SIZE = 10
MAX_PAGE = 100_000
#: How many page links are shown either side of the current page.
PAGER_SPAN = 2
PORTAL = "portal"
SORTS = (("relevance", "按相关度"), ("date", "按发布日期"))
_PAGE_RE = re.compile(r"\s*\+?(\d+)\s*")


def _param(request, name, maxlen=200):
    value = request.GET.get(name, "")
    return clean(value)[:maxlen] if isinstance(value, str) else ""


def _page_number(value):
    m = _PAGE_RE.fullmatch(value or "")
    if m is None:
        return 1
    digits = m.group(1).lstrip("0") or "0"
    if len(digits) > len(str(MAX_PAGE)):
        return MAX_PAGE
    return max(1, min(int(digits), MAX_PAGE))


class SearchPage:
    def __init__(self, context, request):
        self.context = context
        self.request = request
        self.root = request.root
        self.department = context if IDepartment.providedBy(context) else None
        self.q = _param(request, "q")
        self.sort = "date" if request.GET.get("sort") == "date" else "relevance"
        self.page = _page_number(request.GET.get("page", ""))
        index_root = get_connection(request).root()
        self.index = get_index(index_root)
        self.objectmap = find_objectmap(self.root)
        self._read_filters()

    # -- filters -------------------------------------------------------------
    def _read_filters(self):
        request = self.request
        self.departments = children(self.root, IDepartment, request)
        if self.department is not None:
            self.site = self.department.__name__
            self.site_options = []
        else:
            self.site_options = [("", "全部站点"), (PORTAL, "门户网站")] + [
                (d.__name__, d.title or d.__name__) for d in self.departments
            ]
            site = _param(request, "site", 60)
            self.site = site if site in {v for v, _t in self.site_options} else ""
        # columns, grouped by site
        groups = []
        by_parent = columns_by_parent(self.root, request)
        if self.site in ("", PORTAL):
            groups.append(("门户网站", column_options(self.root, by_parent, "")))
        for dept in self.departments:
            if self.site in ("", dept.__name__):
                options = column_options(dept, by_parent, dept.__name__ + "/")
                groups.append((dept.title or dept.__name__, options))
        self.column_groups = [(title, opts) for title, opts in groups if opts]
        columns = {value: resource for _t, opts in groups for value, _l, resource in opts}
        column = _param(request, "column", 300).strip("/")
        self.column = column if column in columns else ""
        self.column_resource = columns.get(self.column)
        # topics and years known to the index
        self.topic_options = list(self.index.topics.keys()) if self.index is not None else []
        topic = _param(request, "topic", 60)
        self.topic = topic if topic in self.topic_options else ""
        self.year_options = (
            sorted(self.index.years.keys(), reverse=True) if self.index is not None else []
        )
        year = _param(request, "year", 8)
        self.year = int(year) if year.isdigit() and int(year) in self.year_options else None

    @property
    def filtered(self):
        return bool(
            (self.site and self.department is None) or self.column or self.topic or self.year
        )

    def _scope(self):
        """The docids the filters and visibility allow (an LF set)."""
        states = searchable_states(self.request.registry)
        gov = find_catalog(self.root, CATALOG_NAME)
        allowed = gov["state"].applyEq(list(states)) if gov is not None else LFTreeSet()
        allowed = LFTreeSet(allowed)
        omap = self.objectmap
        if self.department is not None:
            allowed = intersection(allowed, omap.pathlookup(self.department))
        elif self.site == PORTAL:
            for dept in self.departments:
                allowed = difference(allowed, omap.pathlookup(dept))
        elif self.site:
            dept = self.root.get(self.site)
            allowed = intersection(allowed, omap.pathlookup(dept))
        if self.column_resource is not None:
            allowed = intersection(allowed, omap.pathlookup(self.column_resource))
        if self.topic:
            allowed = intersection(allowed, self.index.topic_set(self.topic) or LFTreeSet())
        if self.year:
            allowed = intersection(allowed, self.index.year_set(self.year) or LFTreeSet())
        hidden = hidden_containers(self.root, self.objectmap)
        if hidden is not None and allowed:
            allowed = difference(allowed, hidden)
        return allowed if allowed is not None else LFTreeSet()

    # -- results -----------------------------------------------------------------
    def run(self):
        """Visible hits (best first) and the highlighting regex."""
        self.parsed = understand(self.request, self.q, self.context)
        self.mode = None
        if self.index is None or not (self.parsed or self.filtered):
            return [], None
        scope = self._scope()
        if self.parsed:
            hits, self.mode = self.index.search(self.parsed, scope, self.sort)
            regex = (
                self.parsed.coverage_regex()
                if self.mode == "coverage"
                else self.parsed.exact_regex()
            )
        else:
            hits, regex = self.index.browse(scope, "date"), None
        public = set(self.objectmap.allowed([h.docid for h in hits], [Everyone], "view"))
        return [h for h in hits if h.docid in public], regex

    def item(self, hit, regex):
        request = self.request
        doc = self.objectmap.object_for(hit.docid)
        if doc is None or not viewable(request, doc):
            return None
        record = self.index.records.get(hit.docid)
        snippet_html, hit_attachment = "", None
        if record is not None:
            snippet_html = snippet([record.body], regex) if record.body else ""
            if regex is not None and "<mark>" not in snippet_html:
                for att in record.attachments:
                    att_html = snippet([att.text], regex) if att.text else ""
                    if "<mark>" in att_html:
                        snippet_html, hit_attachment = att_html, att.title
                        break
            if not snippet_html:
                snippet_html = snippet([a.text for a in record.attachments], None)
        dept = find_department(doc)
        parent = doc.__parent__
        # other sources than documents may have neither (govportal.search.sources)
        date = getattr(doc, "publish_date", None)
        number = getattr(doc, "doc_number", "")
        return {
            "url": request.resource_url(doc),
            "title_html": highlight(doc.title or "", regex),
            "snippet_html": snippet_html,
            "attachment": hit_attachment,
            "date": str(date) if date else "",
            "doc_number_html": highlight(number, regex) if number else "",
            "site_title": (dept.title if dept is not None else "门户网站"),
            "column_title": getattr(parent, "title", "") if IColumn.providedBy(parent) else "",
            "column_url": request.resource_url(parent) if IColumn.providedBy(parent) else "",
        }

    def url(self, **changes):
        params = {
            "q": self.q,
            "site": self.site if self.department is None else "",
            "column": self.column,
            "topic": self.topic,
            "year": str(self.year) if self.year else "",
            "sort": self.sort if self.sort != "relevance" else "",
        }
        params.update(changes)
        query = [(k, str(v)) for k, v in params.items() if v not in ("", None)]
        query = [(k, v) for k, v in query if not (k == "page" and v == "1")]
        return self.request.resource_url(self.context, "search", query=query)

    def pager(self, pages):
        numbers = sorted(
            {1, pages}
            | set(range(max(1, self.page - PAGER_SPAN), min(pages, self.page + PAGER_SPAN) + 1))
        )
        links = []
        previous = None
        for n in numbers:
            if previous is not None and n > previous + 1:
                links.append(None)  # an ellipsis
            links.append({"number": n, "url": self.url(page=n), "current": n == self.page})
            previous = n
        return links

    def also_searched(self):
        """``['社保卡（社会保障卡）', …]``: the synonyms this search used."""
        units = self.parsed.units if self.parsed else []
        found = (u.texts for u in units if not u.plain and len(u.texts) > 1)
        return [f"{texts[0]}（{'、'.join(texts[1:])}）" for texts in dict.fromkeys(found)]

    def values(self):
        hits, regex = self.run()
        total = len(hits)
        pages = max(1, math.ceil(total / PAGE_SIZE))
        self.page = min(self.page, pages)
        start = (self.page - 1) * PAGE_SIZE
        items = [self.item(h, regex) for h in hits[start : start + PAGE_SIZE]]
        items = [i for i in items if i is not None]
        notice = None
        if self.index is None:
            notice = "搜索服务正在建立索引，请稍后再试。"
        elif not (self.parsed or self.filtered):
            notice = (
                "请输入汉字、字母或数字。"
                if self.q
                else "请输入要查找的内容，如文件标题、文号或关键词。"
            )
        request = self.request
        indexer = get_indexer(request.registry)
        scope_title = self.department.title if self.department is not None else "全站"
        return {
            "q": self.q,
            "sort": self.sort,
            "sort_options": SORTS,
            "site_value": self.site,
            "site_options": self.site_options,
            "column_value": self.column,
            "column_groups": [
                (title, [(v, label) for v, label, _r in opts]) for title, opts in self.column_groups
            ],
            "topic_value": self.topic,
            "topic_options": self.topic_options,
            "year_value": str(self.year) if self.year else "",
            "year_options": [str(y) for y in self.year_options],
            "scope_title": scope_title,
            "department_scope": self.department,
            "form_action": request.resource_url(self.context, "search"),
            "sitewide_url": request.resource_url(self.root, "search", query={"q": self.q})
            if self.department is not None and self.q
            else None,
            "searched": bool(self.parsed or self.filtered) and self.index is not None,
            "notice": notice,
            "building": bool(indexer is not None and indexer.building and self.index is not None),
            "coverage_mode": self.mode == "coverage",
            "also_searched": self.also_searched() if total else [],
            "items": items,
            "total": total,
            "page": self.page,
            "pages": pages,
            "first_number": start + 1,
            "page_links": self.pager(pages) if pages > 1 else [],
            "prev_url": self.url(page=self.page - 1) if self.page > 1 else None,
            "next_url": self.url(page=self.page + 1) if self.page < pages else None,
        }


@view_config(context=IRoot, name="search", permission="view", renderer="search.skin")
@view_config(context=IDepartment, name="search", permission="view", renderer="search.skin")
def search_view(context, request):
    return SearchPage(context, request).values()
