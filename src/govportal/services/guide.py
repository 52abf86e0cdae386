"""办事指南 (service guide): the content type and its property sheet.

A guide is a folder in a column of kind ``service``; its children are the
attachments its materials name (表格下载 and 示例样表).  Its elements and
their checks are :mod:`.guide_schema`; what publication requires is
:mod:`.guide_elements`; the staff pages are :mod:`.views_guides`.
"""

from substanced.content import content
from substanced.folder import Folder
from substanced.property import PropertySheet
from zope.interface import Interface, implementer

from .guide_schema import GuideSchema, guide_validator, stored_values


class IServiceGuide(Interface):
    """A service guide (办事指南)."""


class GuideSheet(PropertySheet):
    """Every element of a guide (the SDI's property sheet, permission ``edit``)."""

    schema = GuideSchema(validator=guide_validator)
    permissions = (("view", "sdi.view"), ("change", "edit"))

    def get(self):
        values = super().get()
        for name in ("themes", "user_types", "life_events", "co_departments"):
            values[name] = set(values.get(name) or ())
        return values

    def set(self, struct, omit=()):
        return super().set(stored_values(struct), omit=omit)


@content(
    "ServiceGuide",
    icon="glyphicon glyphicon-list-alt",
    propertysheets=(("办事指南", GuideSheet),),
    catalog=True,
)
@implementer(IServiceGuide)
class ServiceGuide(Folder):
    """A service guide; its children are attachments (表格下载, 示例样表).

    Attributes are plain values and tuples of dicts (design in the package
    docstring); they are replaced, never mutated in place.
    """

    title = ""
    item_type = ""
    item_code = ""
    basis = ""
    conditions = ""
    materials = ()
    location = ""
    lead_department = ""
    co_departments = ()
    fee = ""
    fee_basis = ""
    legal_days = 0
    promised_days = 0
    hours = ""
    consult_phone = ""
    supervise_phone = ""
    process = ()
    themes = ()
    user_types = ()
    life_events = ()
    online_mode = "none"
    external_url = ""
    form_fields = ()
    result_name = ""
    certificate = False
    last_editor = None

    def __init__(self, **kw):
        super().__init__()
        for key, value in kw.items():
            setattr(self, key, value)

    def __sdi_addable__(self, context, introspectable):
        return introspectable.get("content_type") == "Attachment"

    def attachments(self):
        from ..content.attachment import IAttachment

        return [v for v in self.values() if IAttachment.providedBy(v)]
