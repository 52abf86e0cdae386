"""办事指南 (service guide): the content type.  (H1 completes schema and sheet.)"""

from substanced.content import content
from substanced.folder import Folder
from zope.interface import Interface, implementer


class IServiceGuide(Interface):
    """A service guide (办事指南)."""


@content("ServiceGuide", icon="glyphicon glyphicon-list-alt", catalog=True)
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
