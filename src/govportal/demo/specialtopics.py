"""Demo special topics (专题专栏, govportal.topics).

- 优化营商环境 (``yhyshj``, open): column 政策措施 gathers published items of
  教育局 and 卫健局 BY REFERENCE (the newest two of each), column 部门动态
  BY CATALOGUE QUERY (动态要闻 columns of 人社局 and 财政局);
- 2025年防汛减灾 (``fxjz2025``, archived; one item of 卫健局 picked).

Created by the portal's editor, opened by its reviewer (four eyes) through
the real workflow.  Idempotent: a topic already there is left alone.
"""

from substanced.util import find_catalog, get_oid

from ..bootstrap import request_as
from ..catalog import CATALOG_NAME
from ..sitetime import now_utc
from ..topics.model import CONTENT_TYPE
from ..topics.picks import pick
from ..topics.queries import QUERY_ATTR
from ..workflow import get_workflow
from ..workflow.facts import listed_states

OPEN = {
    "name": "yhyshj",
    "title": "优化营商环境",
    "summary": "持续优化营商环境，集中展示各部门惠企政策、办事指南和工作动态。",
    "columns": [("zccs", "政策措施", 1), ("bmdt", "部门动态", 2)],
    "picks": ("zccs", ("jyj", "wjj")),
    "query": ("bmdt", {"departments": ("czj", "rsj"), "kinds": ("news",)}),
}
ARCHIVED = {
    "name": "fxjz2025",
    "title": "2025年防汛减灾",
    "summary": "2025年汛期防汛减灾工作专题（已结束）。",
    "columns": [("gzdt", "工作动态", 1)],
}


def _newest(root, request, department, count):
    system = find_catalog(root, "system")
    gov = find_catalog(root, CATALOG_NAME)
    query = (
        system["content_type"].eq("Document")
        & gov["department"].eq(department)
        & gov["state"].any(listed_states(request.registry))
    )
    ordered = query.execute().sort(
        gov["publish_date"], reverse=True, limit=count, raise_unsortable=False
    )
    return [item for item in ordered if item is not None]


def _topic(root, request, editor, spec):
    registry = request.registry
    topic = registry.content.create(
        CONTENT_TYPE, title=spec["title"], summary=spec["summary"], created_at=now_utc()
    )
    topic.creator = topic.last_editor = get_oid(editor)
    root[spec["name"]] = topic
    for name, title, position in spec["columns"]:
        topic[name] = registry.content.create(
            "Column", title=title, kind="other", position=position
        )
    return topic


def build_special_topics(root, request, principals):
    """Create the demo topics if absent."""
    if OPEN["name"] in root or ARCHIVED["name"] in root:
        return
    editor = principals["users"]["portal_editor"]
    reviewer = principals["users"]["portal_reviewer"]
    as_editor = request_as(request, get_oid(editor))
    as_reviewer = request_as(request, get_oid(reviewer))
    topic = _topic(root, request, editor, OPEN)
    column_name, departments = OPEN["picks"]
    for department in departments:
        for item in _newest(root, request, department, 2):
            pick(item, topic[column_name])
    column_name, query = OPEN["query"]
    spec = {"words": "", "departments": (), "kinds": (), "topic": ""}
    spec.update(date_from=None, date_to=None)
    setattr(topic[column_name], QUERY_ATTR, dict(spec, **query))
    archived = _topic(root, request, editor, ARCHIVED)
    for item in _newest(root, request, "wjj", 1):  # no empty column, even archived
        pick(item, archived["gzdt"])
    for item in (topic, archived):
        workflow = get_workflow(item, request.registry)
        workflow.transition(item, as_editor, "submit", comment="请审核")
        workflow.transition(item, as_reviewer, "approve", comment="同意开设")
    get_workflow(archived, request.registry).transition(
        archived, as_reviewer, "archive", comment="专题已结束"
    )
