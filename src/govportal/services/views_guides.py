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
``<guide>/@@ws-guide-file``
    upload (type sniffed, size limited) or remove a 表格下载/示例样表
    attachment; an attachment a material names cannot be removed.

The item page, transitions and locks of guides are :mod:`.views_guide_item`.
"""

from datetime import UTC, datetime

import colander
import deform
from pyramid.httpexceptions import HTTPBadRequest, HTTPNotFound, HTTPSeeOther
from pyramid.traversal import find_resource, resource_path
from pyramid.view import view_config
from substanced.event import ObjectModified
from substanced.interfaces import IRoot

from ..content import IColumn
from ..content.uploads import DEFAULT_MAX_BYTES, check_upload
from ..content.views import new_name
from ..i18n import _, translate
from ..locks import current as current_lock
from ..locks import release as release_lock
from ..submissions import once, token_node
from ..workflow.guards import set_last_editor
from ..workspace import helpers
from ..workspace.dashboard import no_store
from ..workspace.forms import SERIAL, fingerprint
from ..workspace.queries import column_label
from ..workspace.stamps import CREATED_ATTR, CREATOR_ATTR, touch
from .guide import IServiceGuide
from .guide_schema import FIELDS, guide_schema, stored_values

EDIT_PT = "govportal.services:templates/guide_edit.pt"
#: the one-time submission kind of the new-guide form
NEW_GUIDE = "ws-add-guide"
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
        "form_html": form_html,
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
    }


def referenced_files(guide):
    """Names of the attachments the guide's materials name."""
    return {m.get(kind) for m in guide.materials for kind in ("template", "example") if m.get(kind)}


def _stamp(request, guide, created=False):
    """Who created and last edited the guide, and when (the workspace's
    lists and the four-eyes guard read them)."""
    userid = request.authenticated_userid
    now = datetime.now(UTC)
    if created:
        setattr(guide, CREATOR_ATTR, userid)
        setattr(guide, CREATED_ATTR, now)
    set_last_editor(guide, userid)
    touch(guide, now)


@view_config(context=IRoot, name="ws-new-guide", permission="view", request_method="GET")
def choose_column(context, request):
    """新建办事指南: go to the add form of the chosen service column."""
    redirect = helpers.require_login(request)
    if redirect is not None:
        return redirect
    path = request.GET.get("column", "")
    try:
        column = find_resource(context, path) if path.startswith("/") else None
    except KeyError:
        column = None
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
        _stamp(request, guide, created=True)
        name = new_name(context, prefix="bszn-")
        context[name] = guide
        return {"path": resource_path(context[name])}

    outcome = once(request, NEW_GUIDE, create)
    try:
        guide = find_resource(request.root, outcome.result["path"])
    except KeyError:  # replayed after the guide was moved or deleted
        return HTTPSeeOther(request.application_url + "/@@workspace")
    if not outcome.replayed:
        request.session.flash(_t(request, _("guide-created", default="办事指南已保存为草稿。")))
    return HTTPSeeOther(request.resource_url(guide, "@@ws-item"))


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
    _stamp(request, context)
    request.registry.subscribers((ObjectModified(context), context), None)
    if lock is not None:
        release_lock(context, request)
    request.session.flash(_t(request, _("guide-saved", default="办事指南已保存。")))
    return HTTPSeeOther(request.resource_url(context, "@@ws-item"))


def _file_refused(request, guide, status, message):
    request.tm.doom()
    form = _form(request, guide, request.resource_url(guide, "@@ws-edit"), new=False)
    html = form.render(form_values(guide, request.registry))
    return page(request, guide, guide, html, status=status, errors=[message])


@view_config(
    context=IServiceGuide,
    name="ws-guide-file",
    permission="edit",
    request_method="POST",
    renderer=EDIT_PT,
)
def file_view(context, request):
    """Upload (``action=upload``: ``upload``, ``title``) or remove
    (``action=remove``: ``name``) a 表格下载/示例样表 attachment."""
    lock = current_lock(context)
    if lock is not None and not lock.held_by(request.authenticated_userid):
        message = _(
            "guide-locked-file",
            default="操作未成功：${name} 正在编辑此办事指南（已锁定）。",
            mapping={"name": lock.holder_name},
        )
        return _file_refused(request, context, 423, message)
    action = request.POST.get("action", "upload")
    if action == "remove":
        name = request.POST.get("name", "")
        if name not in {a.__name__ for a in context.attachments()}:
            return _file_refused(
                request, context, 404, _("guide-file-missing", default="没有这个附件。")
            )
        if name in referenced_files(context):
            message = _(
                "guide-file-used",
                default="该附件被申请材料引用，请先在材料中取消引用后再删除。",
            )
            return _file_refused(request, context, 409, message)
        del context[name]
        flash = _("guide-file-removed", default="附件已删除。")
    else:
        upload = request.POST.get("upload")
        fp = getattr(upload, "file", None)
        filename = getattr(upload, "filename", "") or ""
        if fp is None:
            return _file_refused(
                request, context, 400, _("guide-file-none", default="请选择要上传的文件。")
            )
        limit = int(request.registry.settings.get("govportal.max_upload_bytes", DEFAULT_MAX_BYTES))
        try:
            check_upload(filename, fp, limit)
        except ValueError as e:
            return _file_refused(request, context, 400, e.args[0])
        title = (request.POST.get("title") or "").strip()[:200]
        stem = filename.rsplit(".", 1)[0] if "." in filename else filename
        ext = filename.rsplit(".", 1)[-1].lower()
        name = f"{new_name(context)}.{ext}"
        context[name] = request.registry.content.create(
            "Attachment", stream=fp, filename=filename, title=title or stem
        )
        flash = _("guide-file-added", default="附件已上传，可在申请材料中选用。")
    _stamp(request, context)
    request.registry.subscribers((ObjectModified(context), context), None)
    request.session.flash(_t(request, flash))
    return HTTPSeeOther(request.resource_url(context, "@@ws-edit"))


def includeme(config):
    config.scan(".views_guides")
