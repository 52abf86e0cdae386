"""SDI add forms for govportal's content types.

Editors and administrators add content in Substance D's management
interface (the editorial workspace of a later issue builds on the same
types).  Each form checks its own permission; the SDI decides which forms a
folder offers through ``__sdi_addable__``.
"""

import secrets

from pyramid.httpexceptions import HTTPFound
from substanced.file import FileNode
from substanced.form import FileUploadTempStore, FormView
from substanced.interfaces import IFolder
from substanced.schema import NameSchemaNode
from substanced.sdi import mgmt_view

from ..i18n import _
from ..sitetime import today
from .attachment import AttachmentSchema
from .containers import ColumnSchema, DepartmentSchema
from .document import DocumentSchema
from .uploads import upload_validator
from .validators import url_name

FORM = "substanced.sdi:templates/form.pt"


def new_name(container, prefix=""):
    """A fresh, URL-safe name for an item whose title is Chinese."""
    while True:
        name = f"{prefix}{today():%Y%m%d}-{secrets.token_hex(3)}"
        if name not in container:
            return name


def _named(schema, title):
    schema = schema.clone()
    schema.add_before(
        schema.children[0].name,
        NameSchemaNode(name="name", title=title, validator=url_name, max_len=63),
    )
    return schema


class _AddView(FormView):
    buttons = ("add",)
    content_type = None

    def create(self, appstruct):
        return self.request.registry.content.create(self.content_type, **appstruct)

    def add_success(self, appstruct):
        name = appstruct.pop("name", None) or new_name(self.context)
        self.context[name] = self.create(appstruct)
        return HTTPFound(self.request.sdiapi.mgmt_path(self.context[name], "@@properties"))


@mgmt_view(
    context=IFolder,
    name="add_department",
    permission="manage_site",
    renderer=FORM,
    addable_content="Department",
    tab_condition=False,
)
class AddDepartmentView(_AddView):
    title = _("新建部门子网站")
    content_type = "Department"
    schema = _named(DepartmentSchema(), _("网址名称（如 jyj）"))


@mgmt_view(
    context=IFolder,
    name="add_column",
    permission="manage_site",
    renderer=FORM,
    addable_content="Column",
    tab_condition=False,
)
class AddColumnView(_AddView):
    title = _("新建栏目")
    content_type = "Column"
    schema = _named(ColumnSchema(), _("网址名称（如 tzgg）"))


@mgmt_view(
    context=IFolder,
    name="add_document",
    permission="add_content",
    renderer=FORM,
    addable_content="Document",
    tab_condition=False,
)
class AddDocumentView(_AddView):
    title = _("新建文稿")
    content_type = "Document"
    schema = DocumentSchema()


class AddAttachmentSchema(AttachmentSchema):
    file = FileNode(title=_("文件"), validator=upload_validator)


@mgmt_view(
    context=IFolder,
    name="add_attachment",
    permission="edit",
    renderer=FORM,
    addable_content="Attachment",
    tab_condition=False,
)
class AddAttachmentView(_AddView):
    title = _("上传附件")
    schema = AddAttachmentSchema()

    def create(self, appstruct):
        data = appstruct["file"]
        return self.request.registry.content.create(
            "Attachment",
            stream=data["fp"],
            filename=data.get("filename") or "",
            title=appstruct.get("title") or "",
        )

    def add_success(self, appstruct):
        filename = appstruct["file"].get("filename") or ""
        ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
        appstruct["name"] = f"{new_name(self.context)}.{ext}"
        result = super().add_success(appstruct)
        FileUploadTempStore(self.request).clear()
        return result
