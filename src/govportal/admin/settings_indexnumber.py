"""管理 → 索引号设置 (``/@@admin-indexnumber``, ``manage_site``).

The index-number pattern and the portal's organ code
(:mod:`govportal.disclosure.sitesettings`): the form is the
``IndexNumberSettingsSheet`` itself — its schema cloned (its validators: an
unknown placeholder, a missing or repeated ``{seq}``, unbalanced braces, a
malformed organ code are refused with the sheet's Chinese message, 400,
nothing written) and its storage.  Each changed value is recorded as
``settings.change`` (target: the setting's name); an unchanged save (a
replayed POST) writes and records nothing.  A new pattern applies to
documents published from then on; existing numbers never change.
"""

import deform
from pyramid.httpexceptions import HTTPSeeOther
from pyramid.view import view_config
from substanced.interfaces import IRoot

from ..disclosure.sitesettings import IndexNumberSettingsSheet
from ..i18n import _, translate
from .sheets import save_sheet, sheet_changes
from .sites_common import (
    TEMPLATES,
    bind,
    done_json,
    form_errors,
    make_form,
    no_store,
    refuse_json,
)

FORMID = "indexnumber"


def _page(request, form_html, status=200):
    request.response.status_int = status
    no_store(request)
    return {
        "heading": translate(request, _("admin-indexnumber", default="索引号设置")),
        "intro": translate(
            request,
            _(
                "admin-indexnumber-help",
                default="文稿首次发布时按此格式生成索引号。修改格式只影响今后首次发布的文稿，"
                "已有的索引号不变。部门的机构代码在该部门的站点设置中填写。",
            ),
        ),
        "form_html": form_html,
        "back_url": request.application_url + "/@@admin-settings",
        "ws_errors": [],
    }


@view_config(
    context=IRoot,
    name="admin-indexnumber",
    permission="manage_site",
    renderer=TEMPLATES + "settings_form.pt",
)
def indexnumber_view(context, request):
    sheet = IndexNumberSettingsSheet(context, request)
    schema = bind(sheet.schema.clone(), request, context)
    buttons = [("save", translate(request, _("admin-save", default="保存")))]
    form = make_form(schema, request.resource_url(context, "@@admin-indexnumber"), buttons, FORMID)
    if request.method != "POST":
        return _page(request, form.render(sheet.get()))
    try:
        appstruct = form.validate(request.POST.items())
    except deform.ValidationFailure as e:
        return refuse_json(request, 400, form_errors(request, e)) or _page(request, e.render(), 400)
    changes = sheet_changes(sheet, appstruct)
    save_sheet(request, sheet, changes)
    answer = done_json(request, changed=sorted(changes))
    if answer is not None:
        return answer
    request.session.flash(
        translate(request, _("admin-indexnumber-saved", default="索引号设置已保存。"))
        if changes
        else translate(request, _("admin-settings-same", default="没有修改任何设置。"))
    )
    return HTTPSeeOther(request.resource_url(context, "@@admin-indexnumber"))
