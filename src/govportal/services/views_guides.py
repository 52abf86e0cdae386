"""Writing service guides in the workspace (办事指南的新建与修改).

``/@@ws-new-guide?column=<path>``
    the workspace's 新建办事指南 picker: to the add form of a ``service`` column.
``<column>/@@ws-add-guide``
    a new guide (permission ``add_content``; columns of kind ``service``
    only): every element of :mod:`.guide_schema`, saved as a draft whatever
    is missing (publication requires the elements, :mod:`.guide_elements`);
    saved exactly once per form (one-time submission token).
``<guide>/@@ws-edit``
    the same form on a guide (permission ``edit``: only while editable), with
    the workspace's stale-form serial and the edit lock (govportal.locks).

Attachments (表格下载/示例样表) are :mod:`.views_guide_files`; the item
page, transitions and locks of guides :mod:`.views_guide_item`.
"""

from functools import partial

from pyramid.httpexceptions import HTTPBadRequest, HTTPNotFound, HTTPSeeOther
from pyramid.view import view_config
from substanced.interfaces import IRoot

from ..content import IColumn
from ..i18n import _, translate
from ..submissions import issue
from ..workspace import helpers
from ..workspace.dashboard import chosen_column
from ..workspace.forms import SERIAL, fingerprint
from ..workspace.itemforms import add_item, edit_item, item_form, page_values
from .guide import IServiceGuide
from .guide_schema import FIELDS, guide_schema, stored_values

EDIT_PT = "govportal.services:templates/guide_edit.pt"
#: the one-time submission kind of the new-guide form
NEW_GUIDE = "ws-add-guide"
#: the one-time submission kind of the attachment upload form
UPLOAD = "ws-guide-file"
#: the column kind that holds guides
SERVICE_KIND = "service"
SET_FIELDS = ("themes", "user_types", "life_events", "co_departments")


def _t(request, msg):
    return translate(request, msg)


def is_service_column(column):
    return IColumn.providedBy(column) and getattr(column, "kind", "") == SERVICE_KIND


def _form(request, context, action, new):
    label = _("guide-save", default="保存草稿")
    new_kind = NEW_GUIDE if new else None
    return item_form(request, guide_schema(request, context), action, new_kind, label, "ws-guide")


def _locked_notice(lock):
    return _(
        "guide-locked-open",
        default="${name} 正在编辑此办事指南（锁定至 ${until}），此时保存将被拒绝。",
        mapping={"name": lock.holder_name, "until": lock.local_expires.strftime("%H:%M")},
    )


def page(request, context, guide, form_html, status=200, errors=()):
    """The edit page's values (``guide`` None for a new one)."""
    column = guide.__parent__ if guide is not None else context
    if guide is None:
        heading = _("guide-new-heading", default="新建办事指南")
    else:
        heading = _(
            "guide-edit-heading",
            default="修改办事指南：${title}",
            mapping={"title": guide.title},
        )
    values = page_values(request, column, guide, form_html, heading, _locked_notice, status, errors)
    values["guide"] = values.pop("item")
    values["attachments"] = guide.attachments() if guide is not None else []
    values["referenced"] = referenced_files(guide) if guide is not None else set()
    values["upload_token"] = issue(request, UPLOAD) if guide is not None else ""
    return values


def referenced_files(guide):
    """Names of the attachments the guide's materials name."""
    return {m.get(kind) for m in guide.materials for kind in ("template", "example") if m.get(kind)}


@view_config(context=IRoot, name="ws-new-guide", permission="view", request_method="GET")
def choose_column(context, request):
    """新建办事指南: go to the add form of the chosen service column."""
    redirect = helpers.require_login(request)
    if redirect is not None:
        return redirect
    column = chosen_column(context, request)
    if not is_service_column(column):
        raise HTTPBadRequest(
            _t(request, _("guide-no-column", default="请选择一个办事服务类栏目。"))
        )
    return HTTPSeeOther(request.resource_url(column, "@@ws-add-guide"))


@view_config(
    context=IColumn,
    name="ws-add-guide",
    permission="add_content",
    request_method=("GET", "POST"),
    renderer=EDIT_PT,
)
def add_view(context, request):
    if not is_service_column(context):
        raise HTTPNotFound(
            _t(
                request,
                _("guide-not-service", default="该栏目不是办事服务类栏目，不能新建办事指南。"),
            )
        )
    form = _form(request, context, request.resource_url(context, "@@ws-add-guide"), new=True)
    flash = _("guide-created", default="办事指南已保存为草稿。")
    return add_item(
        request,
        context,
        form,
        partial(page, request, context, None),
        NEW_GUIDE,
        lambda appstruct: request.registry.content.create(
            "ServiceGuide", **stored_values(appstruct)
        ),
        "bszn-",
        flash,
    )


def form_values(guide, registry):
    values = {name: getattr(guide, name) for name in FIELDS}
    for name in SET_FIELDS:
        values[name] = set(values[name] or ())
    values["materials"] = [dict(m) for m in guide.materials]
    values["process"] = [dict(s) for s in guide.process]
    values[SERIAL] = fingerprint(guide, registry, FIELDS)
    return values


@view_config(
    context=IServiceGuide,
    name="ws-edit",
    permission="edit",
    request_method=("GET", "POST"),
    renderer=EDIT_PT,
)
def edit_view(context, request):
    form = _form(request, context, request.resource_url(context, "@@ws-edit"), new=False)
    return edit_item(
        request,
        context,
        form,
        values=form_values,
        stored=stored_values,
        fields=FIELDS,
        show=partial(page, request, context, context),
        stale=_(
            "guide-stale",
            default="保存未成功：您打开此表单后，办事指南已被他人修改或处理。"
            "为避免覆盖他人的修改，本次内容没有保存。请重新打开后再改。",
        ),
        locked=lambda lock: _(
            "guide-locked-save",
            default="保存未成功：${name} 正在编辑此办事指南（已锁定）。",
            mapping={"name": lock.holder_name},
        ),
        saved=_("guide-saved", default="办事指南已保存。"),
    )


def includeme(config):
    config.scan(".views_guides")
    config.scan(".views_guide_files")
