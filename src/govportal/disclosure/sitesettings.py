"""索引号设置: the site's index-number pattern and the portal's organ code.

A property sheet on the portal root (management interface → 属性 → 索引号设置),
changed by site administrators (``manage_site``).  The values are root
attributes read by :mod:`govportal.disclosure.indexnumber`.
"""

import colander
from substanced.interfaces import IRoot
from substanced.property import PropertySheet
from substanced.schema import Schema

from ..i18n import _
from .indexnumber import (
    DEFAULT_PATTERN,
    ORGAN_CODE_ATTR,
    PATTERN_ATTR,
    PLACEHOLDERS,
    PatternError,
    check_pattern,
)

SHEET_NAME = "索引号设置"


def pattern_validator(node, value):
    try:
        check_pattern(value)
    except PatternError as e:
        raise colander.Invalid(node, str(e)) from None


def _placeholder_help():
    return "；".join(f"{{{k}}}：{v}" for k, v in PLACEHOLDERS.items())


class IndexNumberSettingsSchema(Schema):
    index_number_pattern = colander.SchemaNode(
        colander.String(),
        title=_("索引号格式"),
        description="默认 {organ_code}/{year}-{seq:05d}。可用占位符："
        + _placeholder_help()
        + "。只影响今后首次发布的文稿，已有索引号不变。",
        validator=pattern_validator,
        preparer=lambda v: v.strip() if isinstance(v, str) else v,
        missing=DEFAULT_PATTERN,
    )
    portal_organ_code = colander.SchemaNode(
        colander.String(),
        title=_("门户机构代码"),
        description=_("门户自身栏目的文稿及未填写机构代码的部门使用此代码生成索引号。"),
        validator=colander.Regex(r"^[0-9A-Z]{6,18}$", _("机构代码为6至18位数字或大写字母。")),
        preparer=lambda v: v.strip() if isinstance(v, str) else v,
        missing="",
    )


class IndexNumberSettingsSheet(PropertySheet):
    schema = IndexNumberSettingsSchema()
    permissions = (("view", "sdi.view"), ("change", "manage_site"))

    def get(self):
        return {
            "index_number_pattern": getattr(self.context, PATTERN_ATTR, None) or DEFAULT_PATTERN,
            "portal_organ_code": getattr(self.context, ORGAN_CODE_ATTR, "") or "",
        }


def includeme(config):
    config.add_propertysheet(SHEET_NAME, IndexNumberSettingsSheet, IRoot)
