"""信息公开目录: published documents browsed by 主题分类, 发布机构 and year.

主题分类 follows the order of the topic taxonomy (``etc/topics.yaml``, see
:mod:`govportal.disclosure.topics`), then values of older documents.
"""

from pyramid.httpexceptions import HTTPBadRequest
from pyramid.view import view_config
from substanced.interfaces import IRoot

from ..content import IDepartment
from ..disclosure.topics import catalogue_topics
from .listing import DOCUMENT, PAGE_SIZE, facet_values, page_number, published_page

FACETS = (("topic", "主题分类"), ("publisher", "发布机构"), ("year", "年份"))


def _filters(request):
    filters = {}
    for name, _title in FACETS:
        value = request.GET.get(name)
        if value is None or value == "":
            continue
        if len(value) > 60:
            raise HTTPBadRequest("筛选条件过长。")
        if name == "year":
            try:
                value = int(value)
            except ValueError:
                raise HTTPBadRequest("年份必须是数字。") from None
        filters[name] = value
    return filters


@view_config(context=IRoot, name="catalog", permission="view", renderer="catalogue.skin")
@view_config(context=IDepartment, name="catalog", permission="view", renderer="catalogue.skin")
def catalogue_view(context, request):
    filters = _filters(request)
    number = page_number(request)
    items, total = published_page(
        context,
        start=(number - 1) * PAGE_SIZE,
        limit=PAGE_SIZE,
        deep=True,
        types=(DOCUMENT,),
        **filters,
    )
    facets = []
    for name, title in FACETS:
        values = facet_values(context, name, under=context)
        if name == "topic":
            values = catalogue_topics(context, values, request.registry)
        facets.append((name, title, values))
    pages = max(1, -(-total // PAGE_SIZE))
    return {
        "facets": facets,
        "filters": filters,
        "items": items,
        "total": total,
        "page": min(number, pages),
        "pages": pages,
        "crumbs": [],
    }
