"""Items gathered into a special topic's column BY CATALOGUE QUERY.

A topic column may carry a saved query (:data:`QUERY_ATTR`: words in the
title or text, departments, 主题分类, publish-date range, column kinds).
It is evaluated live by the public listings: :func:`listing_query` is registered with
``config.add_listing_query`` (:mod:`govportal.public.listing`), which ORs it
into the column's own listing filter — the listed-state filter still
applies to each item, so retracting an item removes it at once.  Only
catalog indexes are used (bounded: no text scan); words are looked up in
the site's full-text index (:mod:`govportal.search`, exact phrase search,
at most :data:`MAX_WORD_HITS` items; it is filled shortly after each
publication).  A query with no criterion matches nothing rather than
everything.
"""

from hypatia.query import Query
from substanced.util import find_catalog

from ..catalog import CATALOG_NAME
from ..content.containers import COLUMN_KINDS, site_group
from ..formdates import iso_date
from ..i18n import _
from .model import is_topic_column

QUERY_ATTR = "special_topic_query"
KIND_NAMES = {name for name, _title in COLUMN_KINDS}
MAX_DEPARTMENTS = 50
MAX_WORDS = 40
MAX_WORD_HITS = 5000


class DocidsIn(Query):
    """A hypatia query matching a fixed set of docids (the full-text hits)."""

    def __init__(self, docids):
        self.docids = docids

    def _apply(self, names):
        return self.family.IF.Set(self.docids)

    def negate(self):
        raise NotImplementedError("DocidsIn cannot be negated")

    def flush(self, *arg, **kw):
        """Substance D flushes each index a query names; this names none."""

    def __str__(self):
        return f"docid in <{len(self.docids)} ids>"


def word_hits(context, words):
    """Docids of items whose title or text hold ``words`` (bounded)."""
    from ..search.index import get_index
    from ..search.query import parse

    jar = getattr(context, "_p_jar", None)
    index = get_index(jar.root()) if jar is not None else None
    if index is None:
        return []
    parsed = parse(words)
    hits = index.search_exact(parsed) if parsed else []
    return sorted(hit.docid for hit in hits)[:MAX_WORD_HITS]


class QueryError(ValueError):
    """Bad query input; ``args[0]`` is the Chinese message."""


def saved_query(column):
    """The column's saved query (a dict) or None."""
    return getattr(column, QUERY_ATTR, None) or None


def _date(value, label):
    def invalid():
        raise QueryError(
            _("topic-query-date", default="${label}格式应为 2026-01-31。", mapping={"label": label})
        )

    return iso_date(value, invalid)


def parse_query(root, params):
    """A query dict from form ``params`` (a MultiDict), or raise QueryError."""
    names = {site.__name__ for site in site_group(root)[1:]}
    departments = sorted({d for d in params.getall("departments") if d})
    if len(departments) > MAX_DEPARTMENTS or not set(departments) <= names:
        raise QueryError(_("topic-query-dept", default="请选择本站群的部门。"))
    kinds = sorted({k for k in params.getall("kinds") if k})
    if not set(kinds) <= KIND_NAMES:
        raise QueryError(_("topic-query-kind", default="请选择有效的栏目类型。"))
    words = " ".join((params.get("words") or "").split())
    if len(words) > MAX_WORDS:
        raise QueryError(_("topic-query-words", default="关键词不能超过40个字。"))
    topic = (params.get("topic") or "").strip()
    if len(topic) > 60:
        raise QueryError(_("topic-query-topic", default="主题分类不能超过60个字。"))
    date_from = _date(params.get("date_from"), "开始日期")
    date_to = _date(params.get("date_to"), "结束日期")
    if date_from and date_to and date_from > date_to:
        raise QueryError(_("topic-query-range", default="开始日期不能晚于结束日期。"))
    query = {
        "words": words,
        "departments": tuple(departments),
        "kinds": tuple(kinds),
        "topic": topic,
        "date_from": date_from,
        "date_to": date_to,
    }
    if not any(query.values()):
        return None
    return query


def build_query(context, spec):
    """The hypatia query of ``spec`` (a saved query dict), or None."""
    if not spec or not any(spec.values()):
        return None
    system = find_catalog(context, "system")
    gov = find_catalog(context, CATALOG_NAME)
    if system is None or gov is None:
        return None
    parts = []
    if spec.get("words"):
        parts.append(DocidsIn(word_hits(context, spec["words"])))
    if spec.get("departments"):
        parts.append(gov["department"].any(list(spec["departments"])))
    if spec.get("topic"):
        parts.append(gov["topic"].eq(spec["topic"]))
    date_from, date_to = spec.get("date_from"), spec.get("date_to")
    if date_from and date_to:
        parts.append(gov["publish_date"].inrange(date_from, date_to))
    elif date_from:
        parts.append(gov["publish_date"].ge(date_from))
    elif date_to:
        parts.append(gov["publish_date"].le(date_to))
    if spec.get("kinds"):
        columns = _columns_of_kinds(system, spec["kinds"])
        if not columns:
            return None
        kinds = None
        for column in columns:
            # an And, not a bare path Eq: hypatia turns an Or of Eqs on one
            # index into Any, which the path index cannot answer
            part = system["path"].eq(column, depth=1, include_origin=False) & system[
                "content_type"
            ].noteq("Column")
            kinds = part if kinds is None else kinds | part
        parts.append(kinds)
    query = parts[0]
    for part in parts[1:]:
        query &= part
    return query


def _columns_of_kinds(system, kinds):
    """The non-topic columns of ``kinds`` (few: one catalog query)."""
    found = system["content_type"].eq("Column").execute()
    return [
        c
        for c in found
        if c is not None and getattr(c, "kind", None) in kinds and not is_topic_column(c)
    ]


def listing_query(column):
    """Listing hook (``add_listing_query``): the saved query of a topic column."""
    if not is_topic_column(column):
        return None
    return build_query(column, saved_query(column))


def describe(spec):
    """A short Chinese description of a saved query, for staff pages."""
    if not spec:
        return "未设置"
    kinds = dict(COLUMN_KINDS)
    parts = []
    if spec.get("words"):
        parts.append("关键词：" + spec["words"])
    if spec.get("departments"):
        parts.append("部门：" + "、".join(spec["departments"]))
    if spec.get("topic"):
        parts.append("主题分类：" + spec["topic"])
    if spec.get("date_from") or spec.get("date_to"):
        lo = spec.get("date_from") or "不限"
        hi = spec.get("date_to") or "不限"
        parts.append(f"发布日期：{lo} 至 {hi}")
    if spec.get("kinds"):
        parts.append("栏目类型：" + "、".join(kinds.get(k, k) for k in spec["kinds"]))
    return "；".join(parts)
