"""File attachments of documents, stored as ZODB blobs.

An attachment is a Substance D ``File`` that declares only our own interface,
so Substance D's unchecked file views and upload sheet do not apply to it:
uploads go through :func:`govportal.content.uploads.upload_validator`.
"""

import colander
from substanced.content import content
from substanced.file import File, FileNode
from substanced.form import FileUploadTempStore
from substanced.property import PropertySheet
from substanced.schema import Schema
from substanced.util import get_oid
from ZODB.blob import Blob
from zope.interface import Interface, implementer_only

from ..i18n import _
from .uploads import check_upload, upload_validator


class IAttachment(Interface):
    """A file attached to a document."""


class AttachmentSchema(Schema):
    title = colander.SchemaNode(
        colander.String(), title=_("附件名称"), validator=colander.Length(max=200), missing=""
    )


class AttachmentSheet(PropertySheet):
    schema = AttachmentSchema()
    permissions = (("view", "sdi.view"), ("change", "edit"))


class AttachmentUploadSchema(Schema):
    file = FileNode(title=_("文件"), validator=upload_validator)


class AttachmentUploadSheet(PropertySheet):
    """Replace the file's content (checked like a new upload)."""

    schema = AttachmentUploadSchema()
    permissions = (("view", "sdi.view"), ("change", "edit"))

    def get(self):
        return {
            "file": {
                "fp": None,
                "uid": str(get_oid(self.context)),
                "filename": self.context.filename,
                "size": self.context.get_size(),
            }
        }

    def set(self, struct):
        data = struct["file"]
        fp = data.get("fp")
        if not fp:
            return False
        self.context.replace(fp, data.get("filename") or self.context.filename)
        return True

    def after_set(self, changed):
        super().after_set(changed)
        FileUploadTempStore(self.request).clear()


@content(
    "Attachment",
    icon="glyphicon glyphicon-paperclip",
    add_view="add_attachment",
    propertysheets=(("附件信息", AttachmentSheet), ("替换文件", AttachmentUploadSheet)),
    catalog=True,
)
@implementer_only(IAttachment)
class Attachment(File):
    """A checked upload kept in a blob; ``filename`` is the uploaded name."""

    filename = ""

    def __init__(self, stream=None, filename="", title="", max_bytes=None):
        mimetype = check_upload(filename, stream, *(() if max_bytes is None else (max_bytes,)))
        super().__init__(stream=stream, mimetype=mimetype, title=title or filename)
        self.filename = filename

    def replace(self, stream, filename):
        mimetype = check_upload(filename, stream)
        # A new blob rather than File.upload's overwrite in place: earlier
        # revisions of the document keep the old blob, so they stay
        # restorable with the file they had.
        self.blob = Blob()
        self.upload(stream)  # hint None: keep the mimetype we checked
        self.mimetype = mimetype
        self.filename = filename
