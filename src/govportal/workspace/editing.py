"""Writing documents in the workspace: add, edit (with lock and stale-form
check), attachments and images, and the working copy of a published item.

Views stay thin: fields come from :mod:`.forms`, the public rendering of the
preview from :mod:`.preview`, locks and working copies from the packages
that provide them (:mod:`.integration`).
"""

import secrets

import deform
import transaction
from pyramid.httpexceptions import HTTPBadRequest, HTTPFound, HTTPSeeOther
from pyramid.traversal import find_resource, resource_path
from pyramid.view import view_config
from substanced.event import ObjectModified
from substanced.form import FileUploadTempStore

from ..content import IColumn, IDocument
from ..content.uploads import IMAGE_EXTENSIONS
from ..content.views import new_name
from ..i18n import _, translate
from ..media import store as media_store
from ..media.references import expand_references, to_references
from ..submissions import once, token_node
from . import helpers, integration
from .dashboard import TEMPLATES, no_store
from .forms import ATTACHMENT, SERIAL, document_schema, field_names, fingerprint, make_form
from .preview import preview_response
from .queries import column_label

FORM_PT = TEMPLATES + "form.pt"
#: The one-time submission kind of the new-document form (govportal.submissions).
NEW_DOCUMENT = "ws-add"


def _t(request, msg):
    return translate(request, msg)


def _buttons(request):
    return [
        ("save", _t(request, _("ws-save", default="保存"))),
        ("preview", _t(request, _("ws-preview-new-tab", default="预览（新窗口）"))),
    ]


def _image_list(request, document):
    if document is None:
        return None
    return [
        {"title": a.title or a.filename, "value": request.resource_url(a)}
        for a in media_store.ordered(document.attachments())
        if media_store.extension(a) in IMAGE_EXTENSIONS
    ]


def _form_for(request, context, document, action):
    # a new document's images go to its column, which creates the draft
    # on the first one (govportal.media.views.first_image_upload)
    upload_url = request.resource_url(document if document is not None else context, "@@ws-image")
    schema = document_schema(request, context, _image_list(request, document), upload_url)
    if document is None:
        # a new document: saved once per form, whatever is replayed
        schema.add(token_node(request, NEW_DOCUMENT))
    return schema, make_form(request, schema, action, _buttons(request))


def _stored_body(request, document_or_column, appstruct):
    """The body as stored: links and images to site content by reference."""
    if "body" in appstruct:
        appstruct["body"] = to_references(appstruct["body"], request, document_or_column)


def _add_attachment(request, document, filedata):
    if not filedata or not filedata.get("fp"):
        return None
    filename = filedata.get("filename") or ""
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    name = f"{new_name(document)}.{ext}"
    document[name] = request.registry.content.create(
        "Attachment", stream=filedata["fp"], filename=filename, title=""
    )
    FileUploadTempStore(request).clear()
    return document[name]


def _page(request, context, heading, form_html, document, status=200, errors=(), lock=None):
    request.response.status_int = status
    no_store(request)
    column = helpers.column_of(document) if document is not None else context
    return {
        "heading": heading,
        "form_html": form_html,
        "where": column_label(column),
        "back_url": (
            request.resource_url(document, "@@ws-item")
            if document is not None
            else request.application_url + "/@@workspace"
        ),
        "attachments": media_store.media_list(document) if document is not None else [],
        "media_editable": document is not None and request.has_permission("edit", document),
        "size_label": media_store.size_label,
        "type_label": media_store.type_label,
        # one id per new-document form: its first image upload creates the draft
        "form_id": secrets.token_hex(16) if document is None else "",
        "ws_errors": list(errors),
        "lock_notice": lock,
        "lock_url": None,
        "lock_offer": False,
    }


@view_config(
    context=IColumn,
    name="ws-add",
    permission="add_content",
    request_method=("GET", "POST"),
    renderer=FORM_PT,
)
def add_view(context, request):
    heading = _t(request, _("ws-new-heading", default="新建稿件"))
    schema, form = _form_for(request, context, None, request.resource_url(context, "@@ws-add"))
    if request.method != "POST":
        return _page(request, context, heading, form.render(), None)
    try:
        appstruct = form.validate(request.POST.items())
    except deform.ValidationFailure as e:
        return _page(request, context, heading, e.render(), None, status=400)
    if "preview" in request.POST:
        return preview_response(request, context, None, appstruct, field_names(schema))

    def create(submission):
        values = {name: appstruct[name] for name in field_names(schema)}
        document = request.registry.content.create("Document", **values)
        name = new_name(context)
        context[name] = document
        document = context[name]
        # by reference, read from where the document now is (relative links)
        document.body = to_references(document.body, request, document)
        _add_attachment(request, document, appstruct.get(ATTACHMENT))
        media_store.settle(request.root, document)
        return {"path": resource_path(document)}

    flash = _("ws-created", default="稿件已保存为草稿。")
    return created_once(
        request, NEW_DOCUMENT, create, flash, request.application_url + "/@@workspace"
    )


def created_once(request, kind, create, flash, fallback_url, view="@@ws-item"):
    """Run ``create`` (returning ``{"path": ...}``) once per form
    (govportal.submissions: a refresh, double click or retried request finds
    the first) and go to the new item's ``view``; ``flash`` tells a first
    save, ``fallback_url`` is where a replay goes once the item is moved or
    deleted."""
    outcome = once(request, kind, create)
    try:
        item = find_resource(request.root, outcome.result["path"])
    except KeyError:  # replayed after the item was moved or deleted
        return HTTPSeeOther(fallback_url)
    if not outcome.replayed:
        request.session.flash(_t(request, flash))
    return HTTPSeeOther(request.resource_url(item, view))


def _lock_notice(request, document):
    """``(notice, offer)`` for the edit form: a message when another user
    holds the lock on ``document``; ``offer`` True when the user does not hold
    it and may take it (a POST to ``@@lock``: a GET changes nothing, so
    opening the form never locks — the form's script or its 开始编辑 button
    takes the lock, and saving is refused only while another user holds it)."""
    lock = integration.lock_of(document)
    if lock is None:
        return None, True
    if helpers.lock_is_mine(request, lock):
        return None, False
    notice = _t(
        request,
        _(
            "ws-locked-open",
            default="${name} 正在编辑此稿件（锁定至 ${until}），此时保存将被拒绝。",
            mapping={"name": lock.holder_name, "until": lock.local_expires.strftime("%H:%M")},
        ),
    )
    return notice, False


@view_config(
    context=IDocument,
    name="ws-edit",
    permission="edit",
    request_method=("GET", "POST"),
    renderer=FORM_PT,
)
def edit_view(context, request):
    heading = _t(
        request, _("ws-edit-heading", default="修改：${title}", mapping={"title": context.title})
    )
    schema, form = _form_for(request, context, context, request.resource_url(context, "@@ws-edit"))
    names = field_names(schema)
    if request.method != "POST":
        notice, offer = _lock_notice(request, context)
        values = {name: getattr(context, name) for name in names}
        if "body" in values:
            values["body"] = expand_references(values["body"], request, context)
        values[SERIAL] = fingerprint(context, request.registry, names)
        info = _page(request, context, heading, form.render(values), context, lock=notice)
        # the form's script takes (or refreshes) the lock unless another holds it
        info["lock_url"] = request.resource_url(context, "@@lock") if notice is None else None
        info["lock_offer"] = offer
        return info
    try:
        appstruct = form.validate(request.POST.items())
    except deform.ValidationFailure as e:
        return _page(request, context, heading, e.render(), context, status=400)
    if "preview" in request.POST:
        return preview_response(request, helpers.column_of(context), context, appstruct, names)
    current = fingerprint(context, request.registry, names)
    if appstruct.get(SERIAL) != current:
        message = _t(
            request,
            _(
                "ws-stale",
                default="保存未成功：您打开此表单后，稿件已被他人修改或处理。"
                "为避免覆盖他人的修改，本次内容没有保存。请复制您的修改，重新打开稿件后再改。",
            ),
        )
        return _page(
            request,
            context,
            heading,
            form.render(appstruct),
            context,
            status=409,
            errors=[message],
        )
    lock = integration.lock_of(context)
    if lock is not None and not helpers.lock_is_mine(request, lock):
        message = _t(
            request,
            _(
                "ws-locked-save",
                default="保存未成功：${name} 正在编辑此稿件（已锁定）。",
                mapping={"name": lock.holder_name},
            ),
        )
        return _page(
            request,
            context,
            heading,
            form.render(appstruct),
            context,
            status=423,
            errors=[message],
        )
    _stored_body(request, context, appstruct)
    for name in names:
        setattr(context, name, appstruct[name])
    _add_attachment(request, context, appstruct.get(ATTACHMENT))
    # images the saved body no longer shows go (the document is editable here)
    media_store.settle(request.root, context)
    integration.record_revision(
        context, request, _t(request, _("ws-revision-note", default="在编辑工作台保存"))
    )
    request.registry.subscribers((ObjectModified(context), context), None)
    integration.release_lock(context, request)
    request.session.flash(_t(request, _("ws-saved", default="修改已保存。")))
    return HTTPSeeOther(request.resource_url(context, "@@ws-item"))


@view_config(context=IDocument, name="ws-checkout", permission="view", request_method="POST")
def checkout_view(context, request):
    """修改已发布的稿件: create (or open) its working copy and edit that."""
    existing = integration.working_copy_of(context)
    if existing is not None:
        return HTTPSeeOther(request.resource_url(existing, "@@ws-item"))
    if not integration.can_checkout():
        raise HTTPBadRequest(
            _t(request, _("ws-no-working-copies", default="本系统尚未启用工作副本功能。"))
        )
    try:
        copy = integration.checkout(context, request)
    except integration.refusals() as e:
        transaction.doom()
        request.session.flash("；".join(_t(request, m) for m in e.messages))
        return HTTPSeeOther(request.resource_url(context, "@@ws-item"))
    request.session.flash(
        _t(
            request,
            _(
                "ws-working-copy-created",
                default="已创建工作副本。工作副本审核通过前，网站上仍显示原稿。",
            ),
        )
    )
    return HTTPFound(request.resource_url(copy, "@@ws-edit"))
