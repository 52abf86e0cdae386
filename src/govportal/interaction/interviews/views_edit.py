"""Writing interviews in the workspace (在线访谈的新建与修改).

``<column>/@@ws-add-interview``
    a new interview (permission ``add_content``; columns of kind
    ``interaction``), saved as a draft exactly once per form; published
    in advance (预告) through ``participation.yaml`` on its ``@@ws-item``.
``<interview>/@@ws-edit``
    the same form (permission ``edit``: while editable), with the stale-form
    serial and the edit lock (govportal.locks).
``<interview>/@@ws-item``
    the workspace page: values, workflow buttons, history
    (:func:`govportal.services.item_pages.add_item_views`).

Photos and the live transcript are :mod:`.views_live`.
"""

from functools import partial

from pyramid.httpexceptions import HTTPNotFound

from ... import sitetime
from ...content import IColumn
from ...i18n import _
from ...services.item_pages import add_item_views, workflow_info
from ...workspace.forms import SERIAL, fingerprint
from ...workspace.itemforms import add_item, column_of_kind, edit_item, item_form, page_values
from .model import IInterview
from .schema import FIELDS, form_values, interview_schema, stored_values

EDIT_PT = "govportal.interaction.interviews:templates/edit.pt"
ITEM_PT = "govportal.interaction.interviews:templates/item.pt"
NEW_KIND = "ws-add-interview"
COLUMN_KIND = "interaction"


def _form(request, action, new):
    label = _("interview-save", default="保存草稿")
    new_kind = NEW_KIND if new else None
    schema = interview_schema().bind(request=request)
    return item_form(request, schema, action, new_kind, label, "ws-interview")


def _locked_notice(lock):
    return _(
        "interview-locked-open",
        default="${name} 正在编辑此访谈（已锁定），此时保存将被拒绝。",
        mapping={"name": lock.holder_name},
    )


def page(request, column, item, form_html, status=200, errors=()):
    if item is None:
        heading = _("interview-new-heading", default="新建在线访谈")
    else:
        heading = _(
            "interview-edit-heading",
            default="修改在线访谈：${title}",
            mapping={"title": item.title},
        )
    return page_values(request, column, item, form_html, heading, _locked_notice, status, errors)


def _values(item, registry):
    values = form_values(item, registry)
    values[SERIAL] = fingerprint(item, registry, FIELDS)
    return values


def add_view(context, request):
    if not column_of_kind(context, COLUMN_KIND):
        raise HTTPNotFound()
    form = _form(request, request.resource_url(context, "@@ws-add-interview"), new=True)
    flash = _("interview-created", default="在线访谈已保存为草稿。")
    return add_item(
        request,
        context,
        form,
        partial(page, request, context, None),
        NEW_KIND,
        lambda appstruct: request.registry.content.create(
            "Interview", **stored_values(appstruct, request.registry)
        ),
        "zxft-",
        flash,
    )


def edit_view(context, request):
    registry = request.registry
    return edit_item(
        request,
        context,
        _form(request, request.resource_url(context, "@@ws-edit"), new=False),
        values=_values,
        stored=lambda appstruct: stored_values(appstruct, registry),
        fields=FIELDS,
        show=partial(page, request, context.__parent__, context),
        stale=_(
            "interview-stale",
            default="保存未成功：您打开此表单后，访谈已被他人修改或处理。请重新打开后再改。",
        ),
        locked=lambda lock: _(
            "interview-locked-save",
            default="保存未成功：${name} 正在编辑此访谈（已锁定）。",
            mapping={"name": lock.holder_name},
        ),
        saved=_("interview-saved", default="在线访谈已保存。"),
    )


def _local(when):
    return sitetime.local(when).strftime("%Y-%m-%d %H:%M") if when else ""


def item_info(context, request, comment="", errors=()):
    """The workspace page's values of an interview."""
    return {
        **workflow_info(context, request, comment, errors),
        "rows": [
            ("访谈主题", context.title),
            ("访谈嘉宾", context.guests_text()),
            ("主持人", context.host),
            ("开始时间", _local(context.starts_at)),
            ("结束时间", _local(context.ends_at)),
            ("访谈地点", context.place),
            ("访谈简介", context.introduction),
            ("访谈状态", context.status_title()),
        ],
        "photos": context.photos(),
    }


def includeme(config):
    config.add_view(
        add_view,
        context=IColumn,
        name="ws-add-interview",
        permission="add_content",
        request_method=("GET", "POST"),
        renderer=EDIT_PT,
    )
    config.add_view(
        edit_view,
        context=IInterview,
        name="ws-edit",
        permission="edit",
        request_method=("GET", "POST"),
        renderer=EDIT_PT,
    )
    add_item_views(config, IInterview, ITEM_PT, item_info)
