"""管理 → 站点设置 (``manage_site``): the portal's and each department's settings.

``/@@admin-settings``
    the portal's 站点设置 (:class:`govportal.content.portal.PortalSettingsSchema`:
    合法名称, 域名, 网站标识码, 备案号, 主办/承办, 联系方式, 皮肤);
``<department>/@@admin-settings``
    the department's settings and contact details
    (:class:`govportal.content.containers.DepartmentSchema`: 名称, 简称,
    机构代码, 机构职能, 联系电话, 办公地址, 办公时间, 联系邮箱), shown on its
    public pages.

The schemas are those of the content types (cloned, never redefined), so a
field added there appears here.  Each changed field is recorded as
``settings.change`` (target: the field's name).
"""

import deform
from pyramid.httpexceptions import HTTPSeeOther
from pyramid.view import view_config
from substanced.event import ObjectModified
from substanced.interfaces import IRoot

from ..content.containers import DepartmentSchema, IDepartment
from ..content.portal import SETTINGS_DEFAULTS, PortalSettingsSchema, site_setting
from ..i18n import _, translate
from ..security.events import record_action
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

#: Fields of the settings schemas that are settings (not deform's CSRF field).
FIELDS = frozenset(
    {n.name for n in DepartmentSchema().children}
    | {n.name for n in PortalSettingsSchema().children}
) - {"_csrf_token_"}
#: The longest value the audit record keeps of a changed setting.
AUDIT_VALUE_CHARS = 200


def _schema_and_values(context):
    if IDepartment.providedBy(context):
        schema = DepartmentSchema().clone()
        values = {n.name: getattr(context, n.name, "") for n in schema.children if n.name in FIELDS}
        return schema, values
    schema = PortalSettingsSchema().clone()
    values = {n.name: site_setting(context, n.name) for n in schema.children if n.name in FIELDS}
    return schema, values


def _heading(context):
    if IDepartment.providedBy(context):
        return _(
            "admin-dept-settings", default="部门设置：${title}", mapping={"title": context.title}
        )
    return _("admin-portal-settings", default="门户网站设置")


def _page(request, context, form_html, status=200):
    request.response.status_int = status
    no_store(request)
    return {
        "heading": translate(request, _heading(context)),
        "intro": translate(
            request,
            _(
                "admin-dept-settings-help",
                default="联系电话、办公地址、办公时间和联系邮箱显示在部门网站首页。",
            )
            if IDepartment.providedBy(context)
            else _(
                "admin-portal-settings-help",
                default="这些信息显示在每个页面的页脚，并用于网站标识和备案信息。",
            ),
        ),
        "form_html": form_html,
        "back_url": request.application_url + "/@@admin-sites",
        "ws_errors": [],
        # the portal's other settings pages ([(title, url)])
        "links": []
        if IDepartment.providedBy(context)
        else [
            ("网站标志", request.application_url + "/@@admin-logo"),
            ("索引号设置", request.application_url + "/@@admin-indexnumber"),
        ],
    }


def apply_settings(context, values):
    """Set the changed ``values`` on ``context``; returns ``{name: (old, new)}``."""
    changed = {}
    for name, new in values.items():
        if name not in FIELDS:
            continue
        if IRoot.providedBy(context) and name in SETTINGS_DEFAULTS:
            old = site_setting(context, name)
        else:
            old = getattr(context, name, None)
        if old != new:
            setattr(context, name, new)
            changed[name] = (old, new)
    return changed


@view_config(
    context=IRoot,
    name="admin-settings",
    permission="manage_site",
    renderer=TEMPLATES + "site_form.pt",
)
@view_config(
    context=IDepartment,
    name="admin-settings",
    permission="manage_site",
    renderer=TEMPLATES + "site_form.pt",
)
def settings_view(context, request):
    schema, values = _schema_and_values(context)
    schema = bind(schema, request, context)
    buttons = [("save", translate(request, _("admin-save", default="保存")))]
    form = make_form(schema, request.resource_url(context, "@@admin-settings"), buttons, "settings")
    if request.method != "POST":
        return _page(request, context, form.render(values))
    try:
        appstruct = form.validate(request.POST.items())
    except deform.ValidationFailure as e:
        return refuse_json(request, 400, form_errors(request, e)) or _page(
            request, context, e.render(), 400
        )
    changed = apply_settings(context, appstruct)
    for name, (old, new) in changed.items():
        record_action(
            request,
            "settings.change",
            target=name,
            details={
                "site": path_of(context),
                "old": str(old)[:AUDIT_VALUE_CHARS],
                "new": str(new)[:AUDIT_VALUE_CHARS],
            },
        )
    if changed:
        request.registry.subscribers((ObjectModified(context), context), None)
    answer = done_json(request, changed=sorted(changed))
    if answer is not None:
        return answer
    request.session.flash(
        translate(request, _("admin-settings-saved", default="设置已保存。"))
        if changed
        else translate(request, _("admin-settings-same", default="没有修改任何设置。"))
    )
    return HTTPSeeOther(request.resource_url(context, "@@admin-settings"))
