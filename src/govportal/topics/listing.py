"""Which special topics visitors see, and what each column shows."""

from substanced.util import find_catalog

from ..catalog import CATALOG_NAME
from ..public.listing import children_of_type, published_page
from ..workflow import get_state
from ..workflow.facts import listed_states, public_states, state_title
from .model import CONTENT_TYPE


def topics(root, request, states=None):
    """Special topics in ``states`` (default: the public ones), open first
    (listed states), then archived; each group by position, newest first."""
    registry = request.registry
    system = find_catalog(root, "system")
    gov = find_catalog(root, CATALOG_NAME)
    if system is None or gov is None:
        return []
    wanted = tuple(states or public_states(registry, CONTENT_TYPE))
    query = system["content_type"].eq(CONTENT_TYPE) & gov["state"].any(list(wanted))
    found = [t for t in query.execute() if t is not None]
    listed = listed_states(registry, CONTENT_TYPE)

    def key(topic):
        opened = topic.opened_at or topic.created_at
        stamp = -opened.timestamp() if opened is not None else 0
        return (get_state(topic, registry) not in listed, topic.position, stamp)

    return sorted(found, key=key)


def open_topics(root, request):
    return topics(root, request, listed_states(request.registry, CONTENT_TYPE))


def is_archived(topic, registry):
    """Public but no longer listed among the open topics: 已归档."""
    state = get_state(topic, registry)
    return state in public_states(registry, CONTENT_TYPE) and state not in listed_states(
        registry, CONTENT_TYPE
    )


def topic_state_title(topic, registry):
    return state_title(registry, get_state(topic, registry), CONTENT_TYPE)


def topic_columns(topic, request):
    return children_of_type(topic, "Column", request)


def column_boxes(topic, request, limit=6):
    """[(column, newest items, total)] of the topic's visible columns."""
    boxes = []
    for column in topic_columns(topic, request):
        items, total = published_page(column, limit=limit)
        boxes.append((column, items, total))
    return boxes
