"""Documents (文稿): an article or a disclosure item with its metadata.

The metadata are those of the disclosure catalogue (索引号, 主题分类, 发布机构,
成文日期, 发布日期, 文号, 有效性).  A document is a folder so that its file
attachments live inside it and share its workflow state and ACL.
"""

import colander
import deform.widget
from substanced.content import content
from substanced.folder import Folder
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
        colander.String(), title=_("主题分类"), validator=colander.Length(max=60), missing=""
    )
    publisher = colander.SchemaNode(
        colander.String(), title=_("发布机构"), validator=colander.Length(max=60), missing=""
    )
    written_date = colander.SchemaNode(colander.Date(), title=_("成文日期"), missing=None)
    publish_date = colander.SchemaNode(
        colander.Date(),
        title=_("发布日期"),
        description=_("留空则在审核通过时自动填写。"),
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
    publish_date = None
    doc_number = ""
    validity = "valid"
    last_editor = None

    def __init__(self, **kw):
        super().__init__()
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
