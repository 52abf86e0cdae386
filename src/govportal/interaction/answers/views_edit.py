"""Writing knowledge-base entries in the workspace.

``/@@ws-new-answer?column=<path>``
    the workspace's 新建知识库条目 picker: to the add form of a knowledge column.
``<knowledge column>/@@add-answer`` (``add_content``; ``?question=`` prefills)
    a new entry, saved as a draft exactly once per form (one-time submission
    token: a replay shows the first).
``<entry>/@@edit-answer`` (``edit``: only while a draft, or for the reviewer
    while in review)
    the same form with the stale-form serial (a change made meanwhile is
    refused, 409) and the edit lock (refused, 409, while another holds it;
    released once saved) — the steps of :mod:`govportal.workspace.itemforms`.
``<entry>/@@ws-item``, ``@@ws-transition`` and the lock views
    the item page with 送审 / 审核通过 (four eyes) / 退回 / 撤回 / 归档 through
    the workflow engine (:func:`govportal.services.item_pages.add_item_views`),
    and its usage: times given as the best answer and 有帮助率.
"""

from pyramid.httpexceptions import HTTPBadRequest, HTTPNotFound, HTTPSeeOther
from pyramid.traversal import resource_path
from pyramid.view import view_config
from substanced.interfaces import IRoot

from ...cache import dont_cache
from ...content import IColumn
from ...content.views import new_name
from ...i18n import _, translate
from ...locks import current as current_lock
from ...locks import release as release_lock
from ...locks.core import locked_message
from ...services.item_pages import add_item_views, stamp, workflow_info
from ...submissions import FIELD, issue
from ...workspace import helpers
from ...workspace.dashboard import chosen_column
from ...workspace.editing import created_once
from ...workspace.forms import SERIAL, fingerprint
from ...workspace.itemforms import changed, held_by_other
from . import form
from .counts import figures
from .model import TYPE, IKnowledgeEntry, is_knowledge_column, linked

TEMPLATE = "govportal.interaction.answers:templates/answer_edit.pt"
ITEM_TEMPLATE = "govportal.interaction.answers:templates/answer_item.pt"
NEW_ENTRY = "answers-entry"


def _page(request, context, entry, values, errors=None, status=200, serial=None, token=None):
    request.response.status_int = status
    request.response.headers["Cache-Control"] = "private, no-store"
    return {
        "entry": entry,
        "heading": "修改知识库条目" if entry is not None else "新建知识库条目",
        "values": values,
        "errors": errors or {},
        "csrf_token": request.session.get_csrf_token(),
        "token_field": FIELD,
        "token": token,
        "serial_field": SERIAL,
        "serial": serial
        if serial is not None
        else (fingerprint(entry, request.registry, form.FIELDS) if entry is not None else ""),
        "action": request.resource_url(context, "@@edit-answer" if entry else "@@add-answer"),
        "item_url": request.resource_url(entry, "@@ws-item") if entry is not None else None,
    }


@view_config(context=IColumn, name="add-answer", permission="add_content", renderer=TEMPLATE)
def add_answer_view(context, request):
    dont_cache(request)
    if not is_knowledge_column(context):
        raise HTTPNotFound()
    if request.method != "POST":
        values = form.posted({"title": request.GET.get("question", "")[: form.MAX_TITLE]})
        return _page(request, context, None, values, token=issue(request, NEW_ENTRY))
    raw = form.posted(request.POST)
    values, errors = form.validate(request, context, raw)
    if errors:
        token = request.POST.get(FIELD, "")
        return _page(request, context, None, raw, errors, 400, token=token)

    def create(submission):
        entry = request.registry.content.create(TYPE, **values)
        stamp(request, entry, created=True)
        name = new_name(context, "wd-")
        context[name] = entry
        return {"path": resource_path(context[name])}

    flash = _("answers-created", default="知识库条目已保存为草稿，送审通过后发布。")
    return created_once(request, NEW_ENTRY, create, flash, request.resource_url(context))


def _refused(request, context, raw, message, serial):
    request.tm.doom()
    return _page(request, context, context, raw, {"form": message}, 409, serial=serial)


@view_config(context=IKnowledgeEntry, name="edit-answer", permission="edit", renderer=TEMPLATE)
def edit_answer_view(context, request):
    dont_cache(request)
    if request.method != "POST":
        return _page(request, context, context, form.current(context))
    raw = form.posted(request.POST)
    posted_serial = request.POST.get(SERIAL, "")
    values, errors = form.validate(request, context, raw)
    if errors:
        return _page(request, context, context, raw, errors, 400, serial=posted_serial)
    if posted_serial != fingerprint(context, request.registry, form.FIELDS):
        message = _(
            "answers-stale",
            default="保存未成功：您打开此表单后，该条目已被他人修改或处理。"
            "为避免覆盖他人的修改，本次内容没有保存，请重新打开后再改。",
        )
        return _refused(request, context, raw, translate(request, message), posted_serial)
    lock = held_by_other(request, context)
    if lock is not None:
        message = translate(request, locked_message(lock))
        return _refused(request, context, raw, message, posted_serial)
    for key, value in values.items():
        if getattr(context, key, None) != value:
            setattr(context, key, value)
    changed(request, context)
    if current_lock(context) is not None:
        release_lock(context, request)
    request.session.flash(translate(request, _("answers-saved", default="修改已保存。")))
    return HTTPSeeOther(request.resource_url(context, "@@edit-answer"))


@view_config(context=IRoot, name="ws-new-answer", permission="view", request_method="GET")
def choose_column(context, request):
    """新建知识库条目: go to the add form of the chosen knowledge column."""
    redirect = helpers.require_login(request)
    if redirect is not None:
        return redirect
    column = chosen_column(context, request)
    if not is_knowledge_column(column):
        raise HTTPBadRequest(
            translate(request, _("answers-no-column", default="请选择一个智能问答知识库栏目。"))
        )
    return HTTPSeeOther(request.resource_url(column, "@@add-answer"))


def item_info(context, request, comment="", errors=()):
    served, yes, no, rate = figures(context)
    return {
        **workflow_info(context, request, comment, errors),
        "links": [(t.title, request.resource_url(t)) for t in linked(context)],
        "served": served,
        "yes": yes,
        "no": no,
        "rate": rate,
    }


def includeme(config):
    config.scan(".views_edit")
    add_item_views(config, IKnowledgeEntry, ITEM_TEMPLATE, item_info)
