"""管理 → 网站标志 (``/@@admin-logo``, ``manage_site``): the portal's emblem.

The emblem shown at the top of every public page (第八条(一)), served at
``/@@logo``.  The upload form is the ``PortalLogoSheet`` of
:mod:`govportal.content.portal` — its schema cloned (the upload checks of
:mod:`govportal.content.uploads`: PNG, JPG or GIF whose bytes match the
extension) with a tighter size limit, ``govportal.admin.max_logo_mb``
(default 1 MB) — and its storage (``set``: the image in a blob;
``after_set``: ``ObjectModified``, so the render cache and the public header
follow; the temporary upload is removed).

Refused with a Chinese message, 400, nothing written: no file, a file that
is not an image or whose content does not match its extension, a file over
the limit.  ``remove`` (POST) goes back to the skin's default emblem.  Each
change is recorded as ``settings.change`` (target ``logo``); uploading the
same image again (a replayed POST) or removing twice writes and records
nothing.
"""

import colander
import deform
from pyramid.httpexceptions import HTTPSeeOther
from pyramid.view import view_config
from substanced.event import ObjectModified
from substanced.form import FileUploadTempStore
from substanced.interfaces import IRoot

from ..content.portal import PortalLogoSheet
from ..content.uploads import IMAGE_EXTENSIONS, check_upload, size_of
from ..i18n import _, translate
from ..security.events import record_action
from .sites_common import (
    TEMPLATES,
    bind,
    done_json,
    form_errors,
    make_form,
    no_store,
    refuse_json,
    texts,
)

FORMID = "logo"
#: What a save that changes nothing says.
SAME = _("admin-settings-same", default="没有修改任何设置。")
MB = 1024 * 1024
#: Bytes read at a time when comparing an upload with the current emblem.
CHUNK = 64 * 1024


def logo_limit(registry):
    """The largest emblem, in bytes (``govportal.admin.max_logo_mb``)."""
    return int(float(registry.settings.get("govportal.admin.max_logo_mb") or 1) * MB)


def logo_size_validator(node, value):
    """Refuse an emblem over :func:`logo_limit` (with the upload checks' message)."""
    if value in (None, colander.null) or not value.get("fp"):
        return
    limit = logo_limit(node.bindings["request"].registry)
    try:
        check_upload(value.get("filename") or "", value["fp"], limit, IMAGE_EXTENSIONS)
    except ValueError as e:
        raise colander.Invalid(node, e.args[0]) from None


def logo_schema(sheet):
    """The sheet's schema, cloned, with the emblem's own size limit added."""
    schema = sheet.schema.clone()
    node = schema["logo"]
    node.validator = colander.All(node.validator, logo_size_validator)
    return schema


def _same_file(logo, fp, filename):
    """True when ``logo`` already holds the bytes of ``fp`` under ``filename``."""
    if logo is None or (getattr(logo, "title", "") or "") != filename:
        return False
    fp.seek(0)
    try:
        with logo.blob.open("r") as current:
            while True:
                mine, theirs = current.read(CHUNK), fp.read(CHUNK)
                if mine != theirs:
                    return False
                if not mine:
                    return True
    finally:
        fp.seek(0)


def _current(request, context):
    logo = getattr(context, "logo", None)
    if logo is None:
        return None
    return {
        "filename": getattr(logo, "title", "") or "",
        "size": f"{logo.get_size() / 1024:.1f} KB",
        "mimetype": str(logo.mimetype),
        "version": logo.get_etag(),
    }


def _page(request, context, form_html, status=200, errors=()):
    request.response.status_int = status
    no_store(request)
    current = _current(request, context)
    version = current["version"] if current else "default"
    limit_mb = logo_limit(request.registry) / MB
    return {
        "heading": translate(request, _("admin-logo", default="网站标志")),
        "intro": translate(
            request,
            _(
                "admin-logo-help",
                default="网站标志显示在每个公开页面的顶部。可上传 PNG、JPG 或 GIF 图片，"
                "不超过 ${limit} MB；建议使用正方形、背景透明的图片。",
                mapping={"limit": f"{limit_mb:g}"},
            ),
        ),
        "current": current,
        "logo_url": request.resource_url(context, "@@logo", query={"v": version}),
        "action": request.resource_url(context, "@@admin-logo"),
        "csrf_token": request.session.get_csrf_token(),
        "form_html": form_html,
        "back_url": request.application_url + "/@@admin-settings",
        "ws_errors": texts(request, errors),
    }


def _refuse(request, context, form_html, status, messages):
    FileUploadTempStore(request).clear()
    return refuse_json(request, status, messages) or _page(
        request, context, form_html, status, messages
    )


def _done(request, context, changed, message):
    answer = done_json(request, changed=changed)
    if answer is not None:
        return answer
    request.session.flash(translate(request, message))
    return HTTPSeeOther(request.resource_url(context, "@@admin-logo"))


def _remove(request, context):
    logo = getattr(context, "logo", None)
    if logo is None:  # nothing to remove (or a replayed POST)
        return _done(request, context, False, SAME)
    filename = getattr(logo, "title", "") or ""
    del context.logo
    request.registry.subscribers((ObjectModified(context), context), None)
    record_action(request, "settings.change", target="logo", details={"removed": filename})
    return _done(
        request, context, True, _("admin-logo-removed", default="已删除上传的标志，恢复默认标志。")
    )


@view_config(
    context=IRoot,
    name="admin-logo",
    permission="manage_site",
    renderer=TEMPLATES + "logo_form.pt",
)
def logo_view(context, request):
    sheet = PortalLogoSheet(context, request)
    schema = bind(logo_schema(sheet), request, context)
    buttons = [("save", translate(request, _("admin-logo-upload", default="上传")))]
    form = make_form(schema, request.resource_url(context, "@@admin-logo"), buttons, FORMID)
    if request.method != "POST":
        return _page(request, context, form.render())
    if "remove" in request.POST:
        return _remove(request, context)
    if "save" not in request.POST:
        unknown = _("admin-unknown-action", default="未知的操作。")
        return _refuse(request, context, form.render(), 400, [unknown])
    try:
        appstruct = form.validate(request.POST.items())
    except deform.ValidationFailure as e:
        return _refuse(request, context, e.render(), 400, form_errors(request, e))
    data = appstruct.get("logo")
    if data in (None, colander.null) or not data.get("fp"):
        missing = _("admin-logo-missing", default="请选择要上传的图片。")
        return _refuse(request, context, form.render(), 400, [missing])
    filename = data.get("filename") or "logo.png"
    if _same_file(getattr(context, "logo", None), data["fp"], filename):
        FileUploadTempStore(request).clear()  # the same image again: nothing to write
        return _done(request, context, False, SAME)
    try:
        changed = sheet.set(appstruct)
    except ValueError as e:  # the sheet's own check (already passed above)
        return _refuse(request, context, form.render(), 400, [e.args[0]])
    size = size_of(data["fp"])
    sheet.after_set(changed)
    record_action(
        request,
        "settings.change",
        target="logo",
        details={"filename": filename, "mimetype": str(context.logo.mimetype), "size": size},
    )
    return _done(request, context, True, _("admin-logo-saved", default="网站标志已更新。"))
