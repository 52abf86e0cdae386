"""Figures of the special topics for the 政府网站工作年度报表 (专栏专题):
topics kept (维护数量: open at the end of the year or archived during it)
and topics opened during the year (新开设数量), in the site's time zone."""

from ..sitetime import local_date
from ..workflow import get_state
from ..workflow.facts import listed_states, public_states
from .model import CONTENT_TYPE, ISpecialTopic


def topic_figures(root, registry, year):
    """``{"topics_kept": n, "topics_new": m}`` for ``year``."""
    public = public_states(registry, CONTENT_TYPE)
    listed = listed_states(registry, CONTENT_TYPE)
    kept = new = 0
    for topic in root.values():
        if not ISpecialTopic.providedBy(topic):
            continue
        state = get_state(topic, registry)
        if state not in public:
            continue
        opened = topic.opened_at and local_date(topic.opened_at, registry).year
        archived = topic.archived_at and local_date(topic.archived_at, registry).year
        if opened and opened <= year and (state in listed or (archived and archived >= year)):
            kept += 1
        if opened == year:
            new += 1
    return {"topics_kept": kept, "topics_new": new}
