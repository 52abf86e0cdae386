"""Staff page of a special topic's column: what it gathers.

- ``<column>/@@topic-column`` (GET, ``view_history``): the items picked into
  it BY REFERENCE (each with 移出), a picker (published documents of every
  site, by words in the title and department; bounded) and the saved
  catalogue query with a preview of what it matches (``?preview=1`` with
  the query's fields).
- POST ``@@topic-pick`` (``add_content``; fields ``item`` — an oid — and
  ``action`` pick/unpick): picks or unpicks; a replay changes nothing.
- POST ``@@topic-query``: saves the query (or clears it: ``clear``; or
  ``preview``: shows what the posted query matches and writes nothing).

Only columns directly inside a special topic answer (others: 404); a topic
in review or archived refuses changes (403).
"""

import re

from pyramid.httpexceptions import HTTPNotFound
from pyramid.renderers import render_to_response
from pyramid.traversal import resource_path
from pyramid.view import view_config
from substanced.util import find_objectmap, get_oid

from ..content import IColumn
from ..content.containers import COLUMN_KINDS, site_group
from ..i18n import _
from .listing import topic_state_title
from .model import is_topic_column
from .picks import candidates, is_pickable, pick, picked_items, unpick
from .queries import QUERY_ATTR, QueryError, build_query, describe, parse_query, saved_query
from .staff_common import (
    TEMPLATES,
    audit,
    check_editable,
    done,
    no_store,
    position,
    refuse,
    text,
    touched,
)

PREVIEW = 20
SAME = _("topic-same", default="没有修改任何内容。")
QUERY_SAVED = _("topic-query-saved", default="检索条件已保存，栏目实时显示符合条件的信息。")


def _topic_column(context):
    if not is_topic_column(context):
        raise HTTPNotFound()
    return context.__parent__


def _preview(context, spec, request):
    """What ``spec`` matches that the public may see: (newest items, total)."""
    from substanced.util import find_catalog

    from ..catalog import CATALOG_NAME
    from ..public.listing import DOCUMENT, hidden_document_ids
    from ..workflow.facts import listed_states

    query = build_query(context, spec)
    if query is None:
        return [], 0
    system = find_catalog(context, "system")
    gov = find_catalog(context, CATALOG_NAME)
    query &= system["content_type"].eq(DOCUMENT) & gov["state"].any(
        listed_states(request.registry, DOCUMENT)
    )
    hidden = hidden_document_ids(context)
    ids = [oid for oid in query.execute().ids if oid not in hidden]
    ordered = gov["publish_date"].sort(ids, reverse=True, limit=PREVIEW, raise_unsortable=False)
    objectmap = find_objectmap(context)
    items = (objectmap.object_for(oid) for oid in ordered)
    return [i for i in items if i is not None], len(ids)


@view_config(
    context=IColumn,
    name="topic-column",
    request_method="GET",
    permission="view_history",
    renderer=TEMPLATES + "topic_column.pt",
)
def topic_column(context, request):
    _topic_column(context)
    return column_values(context, request, saved_query(context))


def column_values(context, request, spec, error=None):
    """What the column's staff page shows (``spec``: the query previewed)."""
    topic = context.__parent__
    no_store(request)
    words = (request.GET.get("words") or "").strip()[:40]
    department = request.GET.get("department") or None
    sites = site_group(request.root)[1:]
    if department not in {s.__name__ for s in sites}:
        department = None
    preview, matched = _preview(context, spec, request)
    picked = picked_items(context)
    picked_oids = {get_oid(i) for i in picked}
    found = []
    if words or department:
        found = [i for i in candidates(context, words, department) if get_oid(i) not in picked_oids]
    return {
        "topic": topic,
        "topic_state": topic_state_title(topic, request.registry),
        "can_edit": request.has_permission("edit", topic)
        and request.has_permission("add_content", context),
        "picked": picked,
        "found": found,
        "searched": bool(words or department),
        "words": words,
        "department": department or "",
        "sites": sites,
        "kinds": COLUMN_KINDS,
        "spec": spec or {},
        "spec_text": describe(spec),
        "preview": preview,
        "matched": matched,
        "ws_errors": [error] if error else [],
        "csrf_token": request.session.get_csrf_token(),
        "is_pickable": lambda item: is_pickable(item, request),
    }


def _item(context, request):
    raw = (request.POST.get("item") or "").strip()
    if not re.fullmatch(r"-?[0-9]{1,19}", raw):  # oids: signed 64-bit integers
        raise HTTPNotFound()
    oid = int(raw)
    if not -(2**63) <= oid < 2**63:
        raise HTTPNotFound()
    item = find_objectmap(context).object_for(oid)
    if item is None:
        raise HTTPNotFound()
    return item


@view_config(
    context=IColumn,
    name="topic-pick",
    request_method="POST",
    permission="add_content",
    renderer="json",
)
def topic_pick(context, request):
    topic = _topic_column(context)
    check_editable(request, topic)
    item = _item(context, request)
    action = request.POST.get("action")
    back = request.resource_url(context, "@@topic-column")
    if action == "pick":
        if not is_pickable(item, request):
            return refuse(
                request, _("topic-pick-unpublished", default="只能选用已发布的文稿。"), 409
            )
        changed = pick(item, context)
        message = _("topic-picked", default="已选入本栏目。")
    elif action == "unpick":
        changed = unpick(item, context)
        message = _("topic-unpicked", default="已移出本栏目。")
    else:
        return refuse(request, _("topic-unknown-action", default="未知的操作。"))
    if changed:
        audit(request, action, context, item=resource_path(item))
    return done(request, back, message if changed else SAME)


@view_config(
    context=IColumn,
    name="topic-query",
    request_method="POST",
    permission="add_content",
    renderer="json",
)
def topic_query_save(context, request):
    topic = _topic_column(context)
    check_editable(request, topic)
    back = request.resource_url(context, "@@topic-column")
    if "clear" in request.POST:
        spec = None
    else:
        try:
            spec = parse_query(request.root, request.POST)
        except QueryError as e:
            return refuse(request, e.args[0])
    if "preview" in request.POST:  # show what it matches, write nothing
        return render_to_response(
            TEMPLATES + "topic_column.pt", column_values(context, request, spec), request
        )
    if saved_query(context) == spec:
        return done(request, back, SAME)
    setattr(context, QUERY_ATTR, spec)
    audit(request, "query", context, query=describe(spec))
    return done(request, back, QUERY_SAVED)


@view_config(
    context=IColumn,
    name="topic-column-edit",
    request_method="POST",
    permission="add_content",
    renderer="json",
)
def topic_column_edit(context, request):
    """Rename or reorder a topic column (its web name stays)."""
    topic = _topic_column(context)
    check_editable(request, topic)
    try:
        values = {"title": text(request, "title", 1, 60, "栏目名称"), "position": position(request)}
    except ValueError as e:
        return refuse(request, e.args[0])
    back = request.resource_url(context, "@@topic-column")
    if all(getattr(context, k) == v for k, v in values.items()):
        return done(request, back, SAME)
    for key, value in values.items():
        setattr(context, key, value)
    touched(request, topic, "edit_column", context, title=values["title"])
    return done(request, back, _("topic-column-saved", default="栏目已保存。"))
