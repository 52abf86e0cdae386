"""信息报送 in the demo: departments' news offered to the portal and decided
by the portal's reviewer, through the same steps as real use
(:mod:`govportal.syndication.model`), so that the portal's 部门动态 and 要闻
show departments' items by reference.

For each demo department with articles: its two latest 工作动态 are offered
to 部门动态 and accepted; 教育局's latest is also accepted into 政务要闻; one
of 卫健局's is offered to 政务要闻 and returned with a reason.  Runs with
the full demo (the departments' articles); nothing is done twice.
"""

from substanced.util import get_oid

from ..bootstrap import request_as
from ..content import IDocument
from ..syndication.model import ACCEPT, RETURN, create_offer, offered_state, transition
from ..workflow import facts, get_state

#: (department, index among its latest news, target column, step, reason)
PLAN = [
    *[
        (dept, i, "bmdt", ACCEPT, "")
        for dept in ("jyj", "wjj", "rsj", "czj", "zwfwj")
        for i in (0, 1)
    ],
    ("jyj", 0, "yw", ACCEPT, ""),
    ("wjj", 2, "yw", RETURN, "该稿件属于部门日常工作动态，建议报送“部门动态”栏目。"),
]
NEWS_COLUMN = "gzdt"


def _latest_news(site, registry, count=3):
    column = site.get(NEWS_COLUMN) if site is not None else None
    if column is None:
        return []
    listed = facts.listed_states(registry)
    items = [
        v for v in column.values() if IDocument.providedBy(v) and get_state(v, registry) in listed
    ]
    items.sort(key=lambda d: (str(getattr(d, "publish_date", "")), d.__name__), reverse=True)
    return items[:count]


def _as(request, root, login):
    new = request_as(request, get_oid(root["principals"]["users"][login]))
    new.root = root
    return new


def build_syndication(root, request):
    registry = request.registry
    reviewer = _as(request, root, "portal_reviewer")
    for dept, index, target_name, step, reason in PLAN:
        news = _latest_news(root.get(dept), registry)
        target = root.get(target_name)
        if len(news) <= index or target is None:
            continue
        editor = _as(request, root, f"{dept}_editor")
        offer, created = create_offer(news[index], target, editor, "请门户网站采用。")
        if created and offer.state == offered_state(registry):
            transition(offer, reviewer, step, reason)
