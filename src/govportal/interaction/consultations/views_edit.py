"""Writing consultations in the workspace (意见征集的新建与修改).

``<column>/@@ws-add-consultation``
    a new consultation (permission ``add_content``; columns of kind
    ``interaction``), saved as a draft exactly once per form.
``<consultation>/@@ws-edit``
    the same form (permission ``edit``: only while editable), with the
    stale-form serial and the edit lock (govportal.locks).
``<consultation>/@@ws-consultation-file``
    upload (type sniffed, size limited as media do) or remove a file of the
    draft (permission ``edit``; one-time token).

The item page (``@@ws-item``), transitions and locks: :mod:`.views_item`.
"""

from functools import partial

from pyramid.httpexceptions import HTTPNotFound, HTTPSeeOther

from ...content import IColumn
from ...i18n import _
from ...submissions import issue
from ...workspace.forms import SERIAL, fingerprint
from ...workspace.itemforms import (
    add_item,
    changed,
    column_of_kind,
    edit_item,
    held_by_other,
    item_form,
    page_values,
    refuse,
    upload_attachment,
)
from .model import IConsultation
from .schema import FIELDS, consultation_schema

EDIT_PT = "govportal.interaction.consultations:templates/edit.pt"
NEW_KIND = "ws-add-consultation"
UPLOAD_KIND = "ws-consultation-file"
COLUMN_KIND = "interaction"


def is_interaction_column(column):
    return column_of_kind(column, COLUMN_KIND)


def _form(request, action, new):
    label = _("consultation-save", default="保存草稿")
    new_kind = NEW_KIND if new else None
    schema = consultation_schema().bind(request=request)
    return item_form(request, schema, action, new_kind, label, "ws-consultation")


def _locked_notice(lock):
    return _(
        "consultation-locked-open",
        default="${name} 正在编辑此意见征集（已锁定），此时保存将被拒绝。",
        mapping={"name": lock.holder_name},
    )


def page(request, column, item, form_html, status=200, errors=()):
    if item is None:
        heading = _("consultation-new-heading", default="新建意见征集")
    else:
        heading = _(
            "consultation-edit-heading",
            default="修改意见征集：${title}",
            mapping={"title": item.title},
        )
    values = page_values(request, column, item, form_html, heading, _locked_notice, status, errors)
    values["attachments"] = item.attachments() if item is not None else []
    values["upload_token"] = issue(request, UPLOAD_KIND) if item is not None else ""
    return values


def add_view(context, request):
    if not is_interaction_column(context):
        raise HTTPNotFound()
    form = _form(request, request.resource_url(context, "@@ws-add-consultation"), new=True)
    flash = _("consultation-created", default="意见征集已保存为草稿。")
    return add_item(
        request,
        context,
        form,
        partial(page, request, context, None),
        NEW_KIND,
        partial(_new, request),
        "yjzj-",
        flash,
    )


def _new(request, appstruct):
    item = request.registry.content.create("Consultation")
    for name in FIELDS:
        setattr(item, name, appstruct[name])
    return item


def form_values(item, registry):
    values = {name: getattr(item, name) for name in FIELDS}
    values[SERIAL] = fingerprint(item, registry, FIELDS)
    return values


def _show(request, item):
    return partial(page, request, item.__parent__, item)


def _refused(request, item, status, message):
    form = _form(request, request.resource_url(item, "@@ws-edit"), new=False)
    html = form.render(form_values(item, request.registry))
    return refuse(request, _show(request, item), status, message, html)


def _locked(lock):
    return _(
        "consultation-locked-save",
        default="保存未成功：${name} 正在编辑此意见征集（已锁定）。",
        mapping={"name": lock.holder_name},
    )


def edit_view(context, request):
    return edit_item(
        request,
        context,
        _form(request, request.resource_url(context, "@@ws-edit"), new=False),
        values=form_values,
        stored=lambda appstruct: {name: appstruct[name] for name in FIELDS},
        fields=FIELDS,
        show=_show(request, context),
        stale=_(
            "consultation-stale",
            default="保存未成功：您打开此表单后，意见征集已被他人修改或处理。请重新打开后再改。",
        ),
        locked=_locked,
        saved=_("consultation-saved", default="意见征集已保存。"),
    )


def file_view(context, request):
    """Upload (``action=upload``: ``upload``, ``title``) or remove
    (``action=remove``: ``name``) a file of the draft."""
    lock = held_by_other(request, context)
    if lock is not None:
        return _refused(request, context, 423, _locked(lock))
    if request.POST.get("action", "upload") == "remove":
        name = request.POST.get("name", "")
        if name in {a.__name__ for a in context.attachments()}:
            del context[name]
            changed(request, context)
        return HTTPSeeOther(request.resource_url(context, "@@ws-edit"))
    return upload_attachment(
        request,
        context,
        UPLOAD_KIND,
        partial(_refused, request, context),
        _("consultation-file-none", default="请选择文件。"),
        _("consultation-file-added", default="文件已上传。"),
    )


def includeme(config):
    config.add_view(
        add_view,
        context=IColumn,
        name="ws-add-consultation",
        permission="add_content",
        request_method=("GET", "POST"),
        renderer=EDIT_PT,
    )
    config.add_view(
        edit_view,
        context=IConsultation,
        name="ws-edit",
        permission="edit",
        request_method=("GET", "POST"),
        renderer=EDIT_PT,
    )
    config.add_view(
        file_view,
        context=IConsultation,
        name="ws-consultation-file",
        permission="edit",
        request_method="POST",
        renderer=EDIT_PT,
    )
