"""The county portal: site settings stored on the Substance D root.

Substance D creates the root itself; we add a 站点设置 property sheet to its
interface (``IRoot``) rather than replacing the root class.
"""

import colander
import deform.widget
from substanced.file import File, FileNode
from substanced.form import FileUploadTempStore
from substanced.interfaces import IRoot
from substanced.property import PropertySheet
from substanced.schema import Schema

from ..i18n import _
from .uploads import IMAGE_EXTENSIONS, check_upload, image_validator
from .validators import site_code, site_domain_preparer, site_domain_validator

#: attribute name -> default value of every site setting
SETTINGS_DEFAULTS = {
    "legal_name": "营山县人民政府",
    "domain": "www.yingshan.gov.cn",
    "site_code": "",
    "icp_number": "",
    "police_number": "",
    "sponsor": "营山县人民政府办公室",
    "organizer": "",
    "contact_phone": "",
    "contact_email": "",
    "contact_address": "",
    "skin": "default",
}


def site_setting(root, name):
    """A site setting of the portal ``root`` (falls back to the default)."""
    return getattr(root, name, SETTINGS_DEFAULTS[name])


@colander.deferred
def skin_widget(node, kw):
    from ..skin import available_skins

    names = available_skins(kw["request"].registry)
    return deform.widget.SelectWidget(values=[(n, n) for n in names])


@colander.deferred
def skin_validator(node, kw):
    from ..skin import available_skins

    return colander.OneOf(available_skins(kw["request"].registry))


class PortalSettingsSchema(Schema):
    legal_name = colander.SchemaNode(
        colander.String(), title=_("合法名称"), validator=colander.Length(2, 60)
    )
    domain = colander.SchemaNode(
        colander.String(),
        title=_("网站域名"),
        validator=site_domain_validator,
        preparer=site_domain_preparer,
    )
    site_code = colander.SchemaNode(
        colander.String(), title=_("网站标识码"), validator=site_code, missing=""
    )
    icp_number = colander.SchemaNode(
        colander.String(), title=_("ICP备案号"), validator=colander.Length(max=60), missing=""
    )
    police_number = colander.SchemaNode(
        colander.String(), title=_("公安机关备案号"), validator=colander.Length(max=60), missing=""
    )
    sponsor = colander.SchemaNode(
        colander.String(), title=_("主办单位"), validator=colander.Length(2, 60)
    )
    organizer = colander.SchemaNode(
        colander.String(), title=_("承办单位"), validator=colander.Length(max=60), missing=""
    )
    contact_phone = colander.SchemaNode(
        colander.String(), title=_("联系电话"), validator=colander.Length(max=40), missing=""
    )
    contact_email = colander.SchemaNode(
        colander.String(), title=_("联系邮箱"), validator=colander.Email(), missing=""
    )
    contact_address = colander.SchemaNode(
        colander.String(),
        title=_("联系地址"),
        validator=colander.Length(max=120),
        missing="",
        widget=deform.widget.TextInputWidget(),
    )
    skin = colander.SchemaNode(
        colander.String(),
        title=_("网站皮肤"),
        description=_("所选皮肤中没有的模板使用默认皮肤。"),
        widget=skin_widget,
        validator=skin_validator,
        missing="default",
    )


class PortalSettingsSheet(PropertySheet):
    schema = PortalSettingsSchema()
    permissions = (("view", "sdi.view"), ("change", "manage_site"))

    def get(self):
        return {name: site_setting(self.context, name) for name in SETTINGS_DEFAULTS}


class PortalLogoSchema(Schema):
    logo = FileNode(
        title=_("标志图片"),
        description=_("显示在每个页面顶部的标志（PNG、JPG 或 GIF）。"),
        validator=image_validator,
        missing=colander.null,
    )


class PortalLogoSheet(PropertySheet):
    """The portal's emblem (第八条(一)): an image kept in a blob."""

    schema = PortalLogoSchema()
    permissions = (("view", "sdi.view"), ("change", "manage_site"))

    def get(self):
        logo = getattr(self.context, "logo", None)
        return {
            "logo": {
                "fp": None,
                "uid": "portal-logo",
                "filename": getattr(logo, "title", "") if logo is not None else "",
            }
        }

    def set(self, struct):
        data = struct.get("logo")
        if not data or not data.get("fp"):
            return False
        filename = data.get("filename") or "logo.png"
        mimetype = check_upload(filename, data["fp"], extensions=IMAGE_EXTENSIONS)
        self.context.logo = File(data["fp"], mimetype=mimetype, title=filename)
        return True

    def after_set(self, changed):
        super().after_set(changed)
        FileUploadTempStore(self.request).clear()


def includeme(config):
    config.add_propertysheet("站点设置", PortalSettingsSheet, IRoot)
    config.add_propertysheet("网站标志", PortalLogoSheet, IRoot)
