"""Uploads from the editor, the media list of a document, and ``@@ref``.

Every view here is a POST checked by Pyramid's CSRF check (the token in the
``X-CSRF-Token`` header or the ``csrf_token`` field) and guarded by a
permission the document's workflow grants: ``edit`` on a document exists
only in the states where its workflow lets the user change it, so the media
list can be changed exactly while the document can (no state is named here).

Replays: an upload carries an ``upload_id`` chosen by the page (one per
file); the attachment is named after it, so the same upload sent twice —
a double click, a browser retry, pyramid_retry after a lost answer — finds
the first one.  A new document's form carries a ``form_id`` the same way:
the draft its first upload creates is found again by it.
"""

import re

from pyramid.httpexceptions import HTTPFound, HTTPNotFound, HTTPSeeOther
from pyramid.view import view_config
from substanced.event import ObjectModified
from substanced.interfaces import IRoot
from substanced.util import find_objectmap, get_oid

from ..content import IColumn, IDocument
from ..content.uploads import IMAGE_EXTENSIONS, check_upload
from ..content.views import new_name
from ..i18n import _, translate
from ..sitetime import today
from . import store
from .references import REF_PREFIX, parse_reference, reference, to_references

#: what the page sends as ``upload_id`` and ``form_id`` (hex, 16 to 32 digits)
TOKEN = re.compile(r"^[0-9a-f]{16,32}$")
#: the title of a draft its first upload created before a title was typed
UNTITLED = _("media-untitled", default="未命名稿件")


def _t(request, msg):
    return translate(request, msg)


def _refuse(request, status, msg):
    request.response.status_int = status
    return {"error": _t(request, msg)}


def _token(request, field):
    value = (request.POST.get(field) or "").strip().lower()
    return value if TOKEN.match(value) else None


def _limit(request):
    return int(request.registry.settings.get("govportal.max_upload_bytes", 50 * 1024 * 1024))


def _checked_image(request):
    """The uploaded image (a cgi FieldStorage), or an error answer."""
    upload = request.POST.get("file")
    if upload is None or not hasattr(upload, "file"):
        return None, _refuse(request, 400, _("ws-no-file", default="请选择要上传的图片。"))
    try:
        check_upload(upload.filename or "", upload.file, _limit(request), IMAGE_EXTENSIONS)
    except ValueError as e:
        return None, _refuse(request, 400, e.args[0])
    return upload, None


def add_image(request, document, upload, upload_id):
    """The inline image ``upload`` in ``document`` (pending until a saved
    body shows it).  With ``upload_id``, a second call finds the first image."""
    filename = upload.filename or ""
    ext = filename.rsplit(".", 1)[-1].lower()
    if upload_id is not None:
        name = f"img-{upload_id}.{ext}"
        if name in document:
            return document[name]
    else:
        name = f"{new_name(document, 'img-')}.{ext}"
    attachment = request.registry.content.create(
        "Attachment", stream=upload.file, filename=filename, title=""
    )
    document[name] = attachment
    store.mark_pending(request.root, document[name])
    return document[name]


def _answer(request, document, image):
    from ..workspace.forms import document_schema, field_names, fingerprint

    names = field_names(document_schema(request, document))
    return {
        "location": request.resource_url(image),
        "reference": reference(get_oid(image)),
        "edit_url": request.resource_url(document, "@@ws-edit"),
        "upload_url": request.resource_url(document, "@@ws-image"),
        "serial": fingerprint(document, request.registry, names),
    }


@view_config(
    context=IDocument, name="ws-image", permission="edit", request_method="POST", renderer="json"
)
def image_upload(context, request):
    """TinyMCE's image upload into a saved document: ``{"location": url}``
    and the form's new serial (the upload changes no field of the form)."""
    upload, error = _checked_image(request)
    if error is not None:
        return error
    image = add_image(request, context, upload, _token(request, "upload_id"))
    return _answer(request, context, image)


def _draft_of_form(column, request, form_id):
    """The draft created earlier by the same new-document form, or None."""
    for name in (f"{today(request.registry):%Y%m%d}-{form_id[:12]}",):
        existing = column.get(name)
        if (
            IDocument.providedBy(existing)
            and getattr(existing, "_form_id", None) == form_id
            and getattr(existing, "_form_user", None) == request.authenticated_userid
        ):
            return existing
    return None


@view_config(
    context=IColumn,
    name="ws-image",
    permission="add_content",
    request_method="POST",
    renderer="json",
)
def first_image_upload(context, request):
    """An image inserted into a document not saved yet: the draft is
    created now (with the title and body typed so far) and the image put in
    it; the answer tells the page the draft's edit URL, its upload URL and
    serial, so the open form becomes the draft's edit form and nothing typed
    is lost."""
    from ..content.richtext import sanitize_html

    form_id = _token(request, "form_id")
    if form_id is None:
        return _refuse(request, 400, _("media-no-form", default="页面已过期，请刷新后重试。"))
    upload, error = _checked_image(request)
    if error is not None:
        return error
    document = _draft_of_form(context, request, form_id)
    if document is None:
        title = (request.POST.get("title") or "").strip()[:200] or _t(request, UNTITLED)
        body = sanitize_html(request.POST.get("body") or "")
        document = request.registry.content.create("Document", title=title, body="")
        name = f"{today(request.registry):%Y%m%d}-{form_id[:12]}"
        if name in context:
            return _refuse(
                request, 409, _("media-form-taken", default="页面已过期，请刷新后重试。")
            )
        document._form_id = form_id
        document._form_user = request.authenticated_userid
        context[name] = document
        document = context[name]
        document.body = to_references(body, request, document)
    image = add_image(request, document, upload, _token(request, "upload_id"))
    return _answer(request, document, image)


# -- the media list ------------------------------------------------------------

ACTIONS = ("title", "up", "down", "remove")


@view_config(context=IDocument, name="ws-media", permission="edit", request_method="POST")
def media_action(context, request):
    """Change the media list of an editable document: ``action`` is
    ``title`` (with ``title``), ``up``, ``down`` or ``remove`` of the
    attachment ``name``.  A replayed removal finds nothing to remove and
    answers as the first did."""
    action = request.POST.get("action")
    name = request.POST.get("name") or ""
    wants_json = "application/json" in (request.accept.header_value or "")
    attachment = context.get(name)
    if action not in ACTIONS:
        return _media_answer(
            request, context, 400, _("media-bad-action", default="未知的操作。"), wants_json
        )
    if action == "remove" and attachment is None:
        return _media_answer(
            request, context, 200, _("media-removed", default="附件已删除。"), wants_json
        )
    if attachment is None or attachment not in context.attachments():
        return _media_answer(
            request, context, 404, _("media-no-such", default="没有找到该附件。"), wants_json
        )
    if action == "title":
        title = (request.POST.get("title") or "").strip()
        if len(title) > 200:
            return _media_answer(
                request,
                context,
                400,
                _("media-title-long", default="附件名称不能超过200个字。"),
                wants_json,
            )
        attachment.title = title
        # catalogs, search and the revision count follow, as after any edit
        request.registry.subscribers((ObjectModified(attachment), attachment), None)
        message = _("media-titled", default="附件名称已保存。")
    elif action in ("up", "down"):
        store.move(context, name, -1 if action == "up" else 1)
        message = _("media-moved", default="附件顺序已调整。")
    else:
        context.remove(name)
        message = _("media-removed", default="附件已删除。")
    return _media_answer(request, context, 200, message, wants_json)


def _media_answer(request, document, status, message, wants_json):
    text = _t(request, message)
    if wants_json:
        response = request.response
        response.status_int = status
        response.content_type = "application/json"
        response.json_body = {
            "ok": status < 400,
            "message": text,
            "media": [
                {"name": a.__name__, "title": a.title, "filename": a.filename}
                for a in store.media_list(document)
            ],
        }
        return response
    if status >= 400:
        request.response.status_int = status
        request.response.text = text
        request.response.content_type = "text/plain"
        return request.response
    request.session.flash(text)
    came_from = request.POST.get("came_from") or ""
    target = request.resource_url(document, "@@ws-edit")
    if came_from.endswith("@@ws-item"):
        target = request.resource_url(document, "@@ws-item")
    return HTTPSeeOther(target)


# -- references ------------------------------------------------------------------


@view_config(context=IRoot, name="ref", permission="view")
def resolve_reference(context, request):
    """``/@@ref/<oid>``: a reference that reached a browser unrendered
    redirects to its resource, if the visitor may see it (else 404)."""
    ref = parse_reference(REF_PREFIX + "/".join(request.subpath)) if request.subpath else None
    objectmap = find_objectmap(context)
    resource = objectmap.object_for(ref[0]) if ref is not None and objectmap else None
    if resource is None or not request.has_permission("view", resource):
        raise HTTPNotFound()
    return HTTPFound(request.resource_url(resource))
