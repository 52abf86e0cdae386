"""Public pages of the special topics: the 专题专栏 index (``/@@zhuanti``),
a topic's page (banner, its columns with their newest items and 更多
links), its banner image; column pages are the ordinary column view.

A topic's columns inherit their visibility from the topic only through
:func:`hide_inside_unseen_topic`: the column workflow grants visitors
``view`` on an open column wherever it is, so a column (and anything under
it) of a topic the visitor may not see answers as the topic would."""

from pyramid.httpexceptions import HTTPForbidden, HTTPNotFound
from pyramid.view import view_config
from substanced.interfaces import IRoot

from .listing import column_boxes, is_archived, open_topics, topic_state_title, topics
from .model import ISpecialTopic, topic_of


@view_config(context=IRoot, name="zhuanti", permission="view", renderer="specialtopics.skin")
def topics_index(context, request):
    registry = request.registry
    entries = [(t, is_archived(t, registry)) for t in topics(context, request)]
    manage = request.has_permission("add_content", context) and request.authenticated_userid
    return {
        "entries": entries,
        "crumbs": [context],
        "manage_url": request.resource_url(context, "@@special-topics-admin") if manage else None,
    }


@view_config(context=ISpecialTopic, permission="view", renderer="specialtopic.skin")
def topic_view(context, request):
    registry = request.registry
    return {
        "archived": is_archived(context, registry),
        "state_title": topic_state_title(context, registry),
        "boxes": column_boxes(context, request),
        "index_url": request.application_url + "/@@zhuanti",
        "manage_url": request.resource_url(context, "@@topic-manage")
        if request.has_permission("view_history", context)
        else None,
    }


@view_config(context=ISpecialTopic, name="banner", permission="view")
def topic_banner(context, request):
    if context.banner is None:
        raise HTTPNotFound()
    response = context.banner.get_response(request=request)
    response.cache_control.public = True
    response.cache_control.max_age = 3600
    return response


def hide_inside_unseen_topic(event):
    """ContextFound: inside a topic the user may not view, refuse."""
    request = event.request
    context = request.context
    if ISpecialTopic.providedBy(context):
        return
    topic = topic_of(context)
    if topic is None or request.has_permission("view", topic):
        return
    if request.authenticated_userid is None:
        raise HTTPNotFound()
    raise HTTPForbidden()


def add_page_values(event):
    """BeforeRender: the portal home page's 专题专栏 block (open topics); on
    a column page of an archived topic, its 已归档 notice."""
    name = event.get("renderer_name")
    request = event.get("request")
    if request is None or getattr(request, "root", None) is None:
        return
    if name == "portal.skin" and "special_topics" not in event:
        event["special_topics"] = open_topics(request.root, request)[:6]
    elif name == "column.skin" and "topic_archived" not in event:
        topic = topic_of(event.get("context"))
        event["topic_archived"] = topic is not None and is_archived(topic, request.registry)
