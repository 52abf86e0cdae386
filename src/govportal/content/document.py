"""Documents (文稿): an article or a disclosure item with its metadata.

The metadata are those of the disclosure catalogue (索引号, 主题分类, 发布机构,
成文日期, 发布日期, 文号, 有效性).  A document is a folder so that its file
attachments live inside it and share its workflow state and ACL.
"""

from datetime import datetime, timedelta, timezone

import colander
import deform.widget
from substanced.content import content
from substanced.folder import Folder
from substanced.interfaces import ReferenceType
from substanced.objectmap import reference_sourceid_property
from substanced.property import PropertySheet
from substanced.schema import Schema
from zope.interface import Interface, implementer

from ..i18n import _
from .richtext import sanitize_html

VALIDITY = (
    ("valid", "有效"),
    ("amended", "已修订"),
    ("repealed", "已废止"),
    ("expired", "已失效"),
)
VALIDITY_TITLES = dict(VALIDITY)

#: China Standard Time as a fixed offset (no daylight saving time): the zone
#: of stored 定时发布时间 / 定时下线时间.  Not a ZoneInfo, which ZODB's pickle
#: protocol cannot store.
CHINA_TZ = timezone(timedelta(hours=8), "CST")

#: Object-map reference types of the disclosure links (govportal.disclosure.links):
#: an amended/repealed document -> its replacement; a 解读 -> the document it explains.
#: (Interfaces, like Substance D's own reference types: the reference map's
#: keys must be mutually comparable.)


class ReplacedBy(ReferenceType):
    """An amended or repealed document -> the document replacing it."""


class Interprets(ReferenceType):
    """A policy interpretation (解读) -> the document it explains."""


LINK_FIELDS = ("replaced_by", "interprets")


def _disclosure(module, name):
    """A deferred taken from ``govportal.disclosure.<module>`` (imported when
    the schema is bound: that package imports this module)."""

    @colander.deferred
    def deferred(node, kw):
        from importlib import import_module

        return getattr(import_module(f"govportal.disclosure.{module}"), name)(node, kw)

    return deferred


class IDocument(Interface):
    """A document."""


class DocumentSchema(Schema):
    title = colander.SchemaNode(
        colander.String(),
        title=_("标题"),
        validator=colander.Length(1, 200),
        preparer=lambda v: v.strip() if isinstance(v, str) else v,
    )
    body = colander.SchemaNode(
        colander.String(),
        title=_("正文"),
        widget=deform.widget.RichTextWidget(delayed_load=False),
        preparer=sanitize_html,
        validator=colander.Length(max=2_000_000),
        missing="",
    )
    source = colander.SchemaNode(
        colander.String(), title=_("来源"), validator=colander.Length(max=100), missing=""
    )
    author = colander.SchemaNode(
        colander.String(), title=_("作者"), validator=colander.Length(max=60), missing=""
    )
    topic = colander.SchemaNode(
        colander.String(),
        title=_("主题分类"),
        description=_disclosure("topics", "topic_description"),
        widget=_disclosure("topics", "topic_widget"),
        validator=_disclosure("topics", "topic_validator"),
        missing="",
    )
    publisher = colander.SchemaNode(
        colander.String(),
        title=_("发布机构"),
        description=_("留空则填写本部门名称（门户内容填写门户合法名称）。"),
        validator=colander.Length(max=60),
        missing="",
    )
    written_date = colander.SchemaNode(colander.Date(), title=_("成文日期"), missing=None)
    made_date = colander.SchemaNode(
        colander.Date(),
        title=_("形成日期"),
        description=_("信息形成或者变更的日期；应自该日起20个工作日内公开。"),
        missing=None,
    )
    publish_date = colander.SchemaNode(
        colander.Date(),
        title=_("发布日期"),
        description=_("留空则在审核通过时自动填写。"),
        missing=None,
    )
    # Scheduling (govportal.schedule); times are China Standard Time.
    effective_date = colander.SchemaNode(
        colander.DateTime(default_tzinfo=CHINA_TZ),
        title=_("定时发布时间"),
        description=_("设定后，审核员须选择“审核通过，定时发布”，到时自动发布。"),
        preparer=lambda v: v.astimezone(CHINA_TZ) if isinstance(v, datetime) else v,
        missing=None,
    )
    expiry_date = colander.SchemaNode(
        colander.DateTime(default_tzinfo=CHINA_TZ),
        title=_("定时下线时间"),
        description=_("到时自动归档，须晚于定时发布时间或发布日期。"),
        preparer=lambda v: v.astimezone(CHINA_TZ) if isinstance(v, datetime) else v,
        missing=None,
    )
    doc_number = colander.SchemaNode(
        colander.String(), title=_("文号"), validator=colander.Length(max=60), missing=""
    )
    validity = colander.SchemaNode(
        colander.String(),
        title=_("有效性"),
        widget=deform.widget.SelectWidget(values=VALIDITY),
        validator=colander.OneOf([k for k, _t in VALIDITY]),
        default="valid",
        missing="valid",
    )
    replaced_by = colander.SchemaNode(
        colander.Integer(),
        title=_("替代文件"),
        description=_("本文件已修订或已废止时，选择替代它的本站已发布文件。"),
        widget=_disclosure("links", "replaced_by_widget"),
        validator=_disclosure("links", "replaced_by_validator"),
        missing=None,
    )
    interprets = colander.SchemaNode(
        colander.Integer(),
        title=_("解读的文件"),
        description=_("本文件是政策解读时，选择被解读的文件。"),
        widget=_disclosure("links", "interprets_widget"),
        validator=_disclosure("links", "interprets_validator"),
        missing=None,
    )

    def validator(self, node, value):
        # Cross-field checks, one call per aspect.
        from ..disclosure.links import check_links

        check_links(node, value)
        from ..schedule.dates import check_schedule_dates

        check_schedule_dates(node, value)


class DocumentSheet(PropertySheet):
    schema = DocumentSchema()
    permissions = (("view", "sdi.view"), ("change", "edit"))


@content(
    "Document",
    icon="glyphicon glyphicon-file",
    add_view="add_document",
    propertysheets=(("基本信息", DocumentSheet),),
    catalog=True,
)
@implementer(IDocument)
class Document(Folder):
    """A document with disclosure metadata; attachments are its children."""

    title = ""
    body = ""
    source = ""
    author = ""
    index_number = ""  # 索引号: issued on first publication (govportal.disclosure)
    topic = ""
    publisher = ""
    written_date = None
    made_date = None  # 形成日期 (govportal.disclosure.timeliness)
    publish_date = None
    effective_date = None  # 定时发布时间 (govportal.schedule)
    expiry_date = None  # 定时下线时间 (govportal.schedule)
    doc_number = ""
    validity = "valid"
    last_editor = None
    # Object-map references: the oid of the linked document, or None.
    replaced_by = reference_sourceid_property(ReplacedBy)
    interprets = reference_sourceid_property(Interprets)

    def __init__(self, **kw):
        super().__init__()
        # A document not yet in the tree has no object map: links given here
        # are connected when it is added (govportal.disclosure.links).
        links = {k: kw.pop(k) for k in LINK_FIELDS if k in kw}
        if any(v is not None for v in links.values()):
            self._pending_links = {k: v for k, v in links.items() if v is not None}
        for key, value in kw.items():
            setattr(self, key, value)

    def __sdi_addable__(self, context, introspectable):
        return introspectable.get("content_type") == "Attachment"

    @property
    def validity_title(self):
        return VALIDITY_TITLES.get(self.validity, self.validity)

    def attachments(self):
        from .attachment import IAttachment

        return [v for v in self.values() if IAttachment.providedBy(v)]
