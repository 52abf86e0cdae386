"""管理 → 栏目设置: a column's title, kind, description and position
(``manage_site``).

``<column>/@@admin-column-edit``
    the column's 栏目设置, linked from each column row of ``/@@admin-sites``.

The form is the column's own property sheet
(:class:`govportal.content.containers.ColumnSheet`): its schema, cloned
(never redefined, so a field added there appears here), and its storage
(``set``, then ``after_set``, which announces ``ObjectModified``: the
catalog and the render cache follow).  Only changed fields are written, each
recorded as ``settings.change`` (target ``column.<field>``, the column's path
in the details); an unchanged save — a replayed POST — writes and records
nothing.  Bad input is a 400 with the field's Chinese message, nothing
written.
"""

import deform
from pyramid.httpexceptions import HTTPSeeOther
from pyramid.view import view_config

from ..content.containers import ColumnSheet, IColumn
from ..i18n import _, translate
from .sheets import save_sheet, sheet_changes
from .sites_columns import _back
from .sites_common import (
    TEMPLATES,
    bind,
    done_json,
    form_errors,
    make_form,
    no_store,
    path_of,
    refuse_json,
)

FORMID = "column-edit"


def _page(request, context, form_html, status=200):
    request.response.status_int = status
    no_store(request)
    return {
        "heading": translate(
            request,
            _(
                "admin-column-edit-heading",
                default="栏目设置：${title}",
                mapping={"title": context.title or context.__name__},
            ),
        ),
        "intro": translate(
            request,
            _(
                "admin-column-edit-help",
                default="网址：${path}。栏目名称和说明显示在网站导航、栏目页面和订阅（RSS）中；"
                "排序数字小的排在前面。",
                mapping={"path": path_of(context) + "/"},
            ),
        ),
        "form_html": form_html,
        "back_url": _back(request, context),
        "ws_errors": [],
    }


@view_config(
    context=IColumn,
    name="admin-column-edit",
    permission="manage_site",
    renderer=TEMPLATES + "site_form.pt",
)
def column_edit_view(context, request):
    sheet = ColumnSheet(context, request)
    schema = bind(sheet.schema.clone(), request, context)
    buttons = [("save", translate(request, _("admin-save", default="保存")))]
    action = request.resource_url(context, "@@admin-column-edit")
    form = make_form(schema, action, buttons, FORMID)
    if request.method != "POST":
        return _page(request, context, form.render(sheet.get()))
    try:
        appstruct = form.validate(request.POST.items())
    except deform.ValidationFailure as e:
        return refuse_json(request, 400, form_errors(request, e)) or _page(
            request, context, e.render(), 400
        )
    changes = sheet_changes(sheet, appstruct)
    save_sheet(request, sheet, changes, "column.", column=path_of(context))
    answer = done_json(request, changed=sorted(changes))
    if answer is not None:
        return answer
    request.session.flash(
        translate(
            request,
            _(
                "admin-column-saved",
                default="栏目“${title}”的设置已保存。",
                mapping={"title": context.title},
            ),
        )
        if changes
        else translate(request, _("admin-settings-same", default="没有修改任何设置。"))
    )
    return HTTPSeeOther(_back(request, context))
