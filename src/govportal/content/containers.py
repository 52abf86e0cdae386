"""Department sub-sites (部门子网站) and columns (栏目).

A department is a folder under the portal with its own settings and
columns; it blocks roles granted at the portal root (except global ones), so
that its own groups — created with it, e.g. 教育局编辑 and 教育局审核 — are the
only editors and reviewers inside it.  Columns nest and hold documents.
"""

import colander
import deform.widget
from substanced.content import content
from substanced.folder import Folder
from substanced.property import PropertySheet
from substanced.schema import Schema
from zope.interface import Interface, implementer

from ..i18n import _
from ..security.localroles import BLOCK_ATTR
from .validators import site_domain_preparer, site_domain_validator

#: the kinds of column and how often inspections expect each to be updated
COLUMN_KINDS = (
    ("news", "动态要闻"),
    ("notice", "通知公告"),
    ("policy", "政策文件"),
    ("disclosure", "信息公开"),
    ("service", "办事服务"),
    ("interaction", "互动交流"),
    ("info", "概况信息"),
    ("other", "其他"),
)


class IDepartment(Interface):
    """A department sub-site."""


class IColumn(Interface):
    """A column (栏目)."""


class DepartmentSchema(Schema):
    title = colander.SchemaNode(
        colander.String(), title=_("部门名称"), validator=colander.Length(2, 60)
    )
    short_title = colander.SchemaNode(
        colander.String(), title=_("简称"), validator=colander.Length(max=20), missing=""
    )
    organ_code = colander.SchemaNode(
        colander.String(),
        title=_("机构代码"),
        description=_("用于生成索引号，如统一社会信用代码或组织机构代码。"),
        validator=colander.Regex(r"^[0-9A-Z]{6,18}$", _("机构代码为6至18位数字或大写字母。")),
        missing="",
    )
    description = colander.SchemaNode(
        colander.String(),
        title=_("机构职能"),
        widget=deform.widget.TextAreaWidget(rows=4),
        validator=colander.Length(max=2000),
        missing="",
    )
    contact_phone = colander.SchemaNode(
        colander.String(), title=_("联系电话"), validator=colander.Length(max=40), missing=""
    )
    contact_address = colander.SchemaNode(
        colander.String(), title=_("办公地址"), validator=colander.Length(max=120), missing=""
    )
    office_hours = colander.SchemaNode(
        colander.String(), title=_("办公时间"), validator=colander.Length(max=120), missing=""
    )
    contact_email = colander.SchemaNode(
        colander.String(),
        title=_("联系邮箱"),
        validator=colander.All(colander.Length(max=120), colander.Email()),
        missing="",
    )
    domain = colander.SchemaNode(
        colander.String(),
        title=_("网站域名"),
        description=_(
            "dept-domain-help",
            default="部门网站自己的 .gov.cn 域名（如 jyj.yingshan.gov.cn），"
            "留空则使用门户网站下的路径。",
        ),
        preparer=site_domain_preparer,
        validator=site_domain_validator,
        missing="",
    )


class DepartmentSheet(PropertySheet):
    schema = DepartmentSchema()
    permissions = (("view", "sdi.view"), ("change", "manage_site"))


@content(
    "Department",
    icon="glyphicon glyphicon-home",
    add_view="add_department",
    propertysheets=(("部门设置", DepartmentSheet),),
    catalog=True,
)
@implementer(IDepartment)
class Department(Folder):
    """A department sub-site of the portal."""

    title = ""
    short_title = ""
    organ_code = ""
    description = ""
    contact_phone = ""
    contact_address = ""
    office_hours = ""
    contact_email = ""
    #: the department's own host name (第九条), "" when served under the portal's path
    domain = ""

    def __init__(self, **kw):
        super().__init__()
        setattr(self, BLOCK_ATTR, True)
        for key, value in kw.items():
            setattr(self, key, value)

    def __sdi_addable__(self, context, introspectable):
        return introspectable.get("content_type") == "Column"


class ColumnSchema(Schema):
    title = colander.SchemaNode(
        colander.String(), title=_("栏目名称"), validator=colander.Length(1, 60)
    )
    kind = colander.SchemaNode(
        colander.String(),
        title=_("栏目类型"),
        widget=deform.widget.SelectWidget(values=COLUMN_KINDS),
        validator=colander.OneOf([k for k, _t in COLUMN_KINDS]),
        default="other",
    )
    description = colander.SchemaNode(
        colander.String(),
        title=_("栏目说明"),
        widget=deform.widget.TextAreaWidget(rows=3),
        validator=colander.Length(max=500),
        missing="",
    )
    position = colander.SchemaNode(colander.Integer(), title=_("排序"), default=100, missing=100)


class ColumnSheet(PropertySheet):
    schema = ColumnSchema()
    permissions = (("view", "sdi.view"), ("change", "manage_site"))


@content(
    "Column",
    icon="glyphicon glyphicon-list",
    add_view="add_column",
    propertysheets=(("栏目设置", ColumnSheet),),
    catalog=True,
)
@implementer(IColumn)
class Column(Folder):
    """A column; columns nest and hold documents."""

    title = ""
    kind = "other"
    description = ""
    position = 100  # not "order": Substance D folders use that name

    def __init__(self, **kw):
        super().__init__()
        for key, value in kw.items():
            setattr(self, key, value)

    def __sdi_addable__(self, context, introspectable):
        return introspectable.get("content_type") in ("Column", "Document")


def find_department(resource):
    """The department ``resource`` is in, or None for the portal's own content."""
    node = resource
    while node is not None:
        if IDepartment.providedBy(node):
            return node
        node = getattr(node, "__parent__", None)
    return None


def site_group(root):
    """The sites of the site group: the portal ``root`` and every department, in that order."""
    return [root] + [child for _name, child in root.items() if IDepartment.providedBy(child)]
