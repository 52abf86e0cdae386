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

import re

import colander
import deform
from pyramid.httpexceptions import HTTPBadRequest, HTTPNotFound, HTTPSeeOther
from pyramid.traversal import resource_path
from pyramid.view import view_config
from substanced.event import ObjectModified
from substanced.interfaces import IRoot

from ..content import IColumn
from ..content.views import new_name
from ..i18n import _, translate
from ..locks import current as current_lock
from ..locks import release as release_lock
from ..submissions import issue, token_node
from ..workspace import helpers
from ..workspace.dashboard import chosen_column, no_store
from ..workspace.editing import created_once
from ..workspace.forms import SERIAL, fingerprint
from ..workspace.queries import column_label
from .guide import IServiceGuide
from .guide_schema import FIELDS, guide_schema, stored_values
from .item_pages import stamp

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
    schema = guide_schema(request, context)
    # the site's CSRF check (every POST) reads ``csrf_token``
    schema.add(
        colander.SchemaNode(
            colander.String(),
            name="csrf_token",
            widget=deform.widget.HiddenWidget(),
            default=request.session.get_csrf_token(),
            missing="",
        )
    )
    if new:
        schema.add(token_node(request, NEW_GUIDE))
    else:
        schema.add(
            colander.SchemaNode(
                colander.String(),
                name=SERIAL,
                widget=deform.widget.HiddenWidget(),
                missing="",
            )
        )
    buttons = [deform.Button("save", _t(request, _("guide-save", default="保存草稿")))]
    return deform.Form(schema, action=action, buttons=buttons, formid="ws-guide")


def _lock_state(request, guide):
    """``(notice, offer)``: a notice when another user holds the lock, and
    whether to offer the user to take it (as the document form does)."""
    lock = current_lock(guide)
    if lock is None:
        return None, True
    if lock.held_by(request.authenticated_userid):
        return None, False
    return _t(
        request,
        _(
            "guide-locked-open",
            default="${name} 正在编辑此办事指南（锁定至 ${until}），此时保存将被拒绝。",
            mapping={"name": lock.holder_name, "until": lock.local_expires.strftime("%H:%M")},
        ),
    ), False


_DESCRIBED = re.compile(r'\bid="(error|help)-([A-Za-z0-9_]+)"')


def tie_messages(html):
    """deform's templates print a field's error and help text beside it
    without telling assistive technology: tie them to the control (or to
    each box of a group of checkboxes) with ``aria-describedby``, and mark
    a control in error ``aria-invalid``."""
    described = {}
    for kind, oid in _DESCRIBED.findall(html):
        described.setdefault(oid, []).append(f"{kind}-{oid}")
    for oid, ids in described.items():
        extra = f' aria-describedby="{" ".join(ids)}"'
        if any(i.startswith("error-") for i in ids):
            extra += ' aria-invalid="true"'
        pattern = re.compile(rf'(<(?:input|select|textarea)\b[^>]*\bid="{oid}(?:-\d+)?")')
        html = pattern.sub(lambda m, extra=extra: m.group(1) + extra, html)
    return html


def page(request, context, guide, form_html, status=200, errors=()):
    """The edit page's values (``guide`` None for a new one)."""
    request.response.status_int = status
    no_store(request)
    column = guide.__parent__ if guide is not None else context
    notice, offer = _lock_state(request, guide) if guide is not None else (None, False)
    if guide is None:
        heading = _t(request, _("guide-new-heading", default="新建办事指南"))
    else:
        heading = _t(
            request,
            _(
                "guide-edit-heading",
                default="修改办事指南：${title}",
                mapping={"title": guide.title},
            ),
        )
    return {
        "heading": heading,
        "form_html": tie_messages(form_html),
        "where": column_label(column),
        "guide": guide,
        "back_url": request.resource_url(guide, "@@ws-item")
        if guide is not None
        else request.application_url + "/@@workspace",
        "attachments": guide.attachments() if guide is not None else [],
        "referenced": referenced_files(guide) if guide is not None else set(),
        "ws_errors": [_t(request, e) for e in errors],
        "lock_notice": notice,
        "lock_offer": offer,
        "csrf_token": request.session.get_csrf_token(),
        "upload_token": issue(request, UPLOAD) if guide is not None else "",
    }


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
    if request.method != "POST":
        return page(request, context, None, form.render())
    try:
        appstruct = form.validate(request.POST.items())
    except deform.ValidationFailure as e:
        return page(request, context, None, e.render(), status=400)

    def create(submission):
        guide = request.registry.content.create("ServiceGuide", **stored_values(appstruct))
        stamp(request, guide, created=True)
        name = new_name(context, prefix="bszn-")
        context[name] = guide
        return {"path": resource_path(context[name])}

    flash = _("guide-created", default="办事指南已保存为草稿。")
    return created_once(request, NEW_GUIDE, create, flash, request.application_url + "/@@workspace")


def form_values(guide, registry):
    values = {name: getattr(guide, name) for name in FIELDS}
    for name in SET_FIELDS:
        values[name] = set(values[name] or ())
    values["materials"] = [dict(m) for m in guide.materials]
    values["process"] = [dict(s) for s in guide.process]
    values[SERIAL] = fingerprint(guide, registry, FIELDS)
    return values


def _refused(request, guide, form, appstruct, status, message):
    request.tm.doom()
    return page(request, guide, guide, form.render(appstruct), status=status, errors=[message])


@view_config(
    context=IServiceGuide,
    name="ws-edit",
    permission="edit",
    request_method=("GET", "POST"),
    renderer=EDIT_PT,
)
def edit_view(context, request):
    form = _form(request, context, request.resource_url(context, "@@ws-edit"), new=False)
    if request.method != "POST":
        return page(request, context, context, form.render(form_values(context, request.registry)))
    try:
        appstruct = form.validate(request.POST.items())
    except deform.ValidationFailure as e:
        return page(request, context, context, e.render(), status=400)
    if appstruct.get(SERIAL) != fingerprint(context, request.registry, FIELDS):
        message = _(
            "guide-stale",
            default="保存未成功：您打开此表单后，办事指南已被他人修改或处理。"
            "为避免覆盖他人的修改，本次内容没有保存。请重新打开后再改。",
        )
        return _refused(request, context, form, appstruct, 409, message)
    lock = current_lock(context)
    if lock is not None and not lock.held_by(request.authenticated_userid):
        message = _(
            "guide-locked-save",
            default="保存未成功：${name} 正在编辑此办事指南（已锁定）。",
            mapping={"name": lock.holder_name},
        )
        return _refused(request, context, form, appstruct, 423, message)
    for name, value in stored_values(appstruct).items():
        if getattr(context, name, None) != value:
            setattr(context, name, value)
    stamp(request, context)
    request.registry.subscribers((ObjectModified(context), context), None)
    if lock is not None:
        release_lock(context, request)
    request.session.flash(_t(request, _("guide-saved", default="办事指南已保存。")))
    return HTTPSeeOther(request.resource_url(context, "@@ws-item"))


def includeme(config):
    config.scan(".views_guides")
    config.scan(".views_guide_files")
