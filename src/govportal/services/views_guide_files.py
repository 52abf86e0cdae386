"""表格下载 and 示例样表 of a service guide: ``<guide>/@@ws-guide-file``
uploads (type sniffed, size limited: :func:`govportal.content.uploads.check_upload`)
or removes an attachment; one a material names cannot be removed.  Permission
``edit`` (only while the guide is editable); refused while another user holds
the guide's edit lock.  Refusals re-show the edit page with the message
(4xx) and change nothing.
"""

from functools import partial

from pyramid.httpexceptions import HTTPSeeOther
from pyramid.view import view_config

from ..i18n import _, translate
from ..workspace.itemforms import changed, held_by_other, upload_attachment
from .guide import IServiceGuide
from .views_guides import EDIT_PT, UPLOAD, _form, form_values, page, referenced_files


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
    lock = held_by_other(request, context)
    if lock is not None:
        message = _(
            "guide-locked-file",
            default="操作未成功：${name} 正在编辑此办事指南（已锁定）。",
            mapping={"name": lock.holder_name},
        )
        return _file_refused(request, context, 423, message)
    if request.POST.get("action", "upload") == "remove":
        return _remove(context, request)
    return upload_attachment(
        request,
        context,
        UPLOAD,
        partial(_file_refused, request, context),
        _("guide-file-none", default="请选择要上传的文件。"),
        _("guide-file-added", default="附件已上传，可在申请材料中选用。"),
    )


def _remove(context, request):
    """Remove an attachment no material names; removing one already gone
    (a replay) changes nothing."""
    name = request.POST.get("name", "")
    if name in referenced_files(context):
        message = _(
            "guide-file-used",
            default="该附件被申请材料引用，请先在材料中取消引用后再删除。",
        )
        return _file_refused(request, context, 409, message)
    if name in {a.__name__ for a in context.attachments()}:
        del context[name]
        changed(request, context)
    request.session.flash(translate(request, _("guide-file-removed", default="附件已删除。")))
    return HTTPSeeOther(request.resource_url(context, "@@ws-edit"))
